// Token acquisition: client credentials at /oauth2/token at a steady rate.
//
//   k6 run -e BASE_URL=https://gateway.example.go.id -e CLIENT_ID=... -e CLIENT_SECRET=... k6/token.js
//
// Keep RATE below the token endpoint's per-client and per-IP limits (anti-automation protects /oauth2/token
// against brute force), or the 429s you provoke will fail the thresholds: that is what k6/ratelimit.js is for.
import { requestToken } from './lib/auth.js';
import { num, str, tlsOptions, openClientCertificate } from './lib/config.js';

const [clientCert, clientKey] = openClientCertificate();
const RATE = num('RATE', 1);              // token requests per second (the gateway's default per-IP limit on
                                          // /oauth2/token is 120 per minute: raise it to test faster)
const DURATION = str('DURATION', '1m');
const P95_MS = num('P95_MS', 150);        // a token is signed (ES256 by default): cheap, but not free
const P99_MS = num('P99_MS', 400);

export const options = {
  ...tlsOptions(clientCert, clientKey),
  scenarios: {
    tokens: {
      executor: 'constant-arrival-rate',
      rate: RATE,
      timeUnit: '1s',
      duration: DURATION,
      preAllocatedVUs: Math.max(2, Math.ceil(RATE / 10)),
      maxVUs: Math.max(10, RATE * 2),
    },
  },
  thresholds: {
    'http_req_failed{name:token}': ['rate<0.001'],
    'http_req_duration{name:token}': [`p(95)<${P95_MS}`, `p(99)<${P99_MS}`],
    'checks{name:token}': ['rate>0.999'],
    dropped_iterations: ['count==0'], // the client kept up with RATE (else the numbers understate the load)
  },
};

export default function () {
  requestToken();
}
