// Authenticated GET through the gateway: a bearer token (client credentials) on every request, at a steady rate.
//
//   k6 run -e BASE_URL=https://gateway.example.go.id -e CLIENT_ID=... -e CLIENT_SECRET=... \
//          -e API_PATH=/disdukcapil/kependudukan/v1 -e READ_PATH=/penduduk/3275010101900001 k6/get.js
//
// Also checks, once per virtual user, that the same request without a token is refused with 401 and a
// WWW-Authenticate: Bearer challenge (RFC 6750), so a gateway that lets anonymous calls through fails the run.
import http from 'k6/http';
import { check } from 'k6';
import { currentToken, initialToken } from './lib/auth.js';
import { API_PATH, BASE_URL, READ_PATH, num, str, tlsOptions, openClientCertificate } from './lib/config.js';

const [clientCert, clientKey] = openClientCertificate();
const RATE = num('RATE', 500);           // requests per second
const DURATION = str('DURATION', '2m');
const P95_MS = num('P95_MS', 50);
const P99_MS = num('P99_MS', 150);
const CHECK_ANONYMOUS = str('CHECK_ANONYMOUS', '1') === '1'; // 0 for an API explicitly marked public
const URL = `${BASE_URL}${API_PATH}${READ_PATH}`;

export const options = {
  ...tlsOptions(clientCert, clientKey),
  scenarios: {
    authenticated_get: {
      executor: 'constant-arrival-rate',
      rate: RATE,
      timeUnit: '1s',
      duration: DURATION,
      preAllocatedVUs: Math.max(5, Math.ceil(RATE / 50)),
      maxVUs: Math.max(50, Math.ceil(RATE / 5)),
    },
  },
  thresholds: {
    'http_req_failed{name:get}': ['rate<0.001'],
    'http_req_duration{name:get}': [`p(95)<${P95_MS}`, `p(99)<${P99_MS}`],
    'checks{name:get}': ['rate>0.999'],
    ...(CHECK_ANONYMOUS ? { 'checks{name:anonymous}': ['rate==1'] } : {}),
    dropped_iterations: ['count==0'],
  },
};

export function setup() {
  return initialToken();
}

let anonymousChecked = !CHECK_ANONYMOUS;

export default function (initial) {
  if (!anonymousChecked) {
    anonymousChecked = true;
    const anon = http.get(URL, { tags: { name: 'anonymous' }, responseCallback: http.expectedStatuses(401) });
    check(anon, {
      'anonymous: 401': (r) => r.status === 401,
      'anonymous: WWW-Authenticate Bearer': (r) => /^Bearer/i.test(r.headers['Www-Authenticate'] || ''),
    }, { name: 'anonymous' });
  }
  const res = http.get(URL, {
    headers: { Authorization: `Bearer ${currentToken(initial)}`, Accept: 'application/json' },
    tags: { name: 'get' },
  });
  check(res, {
    'get: status 200': (r) => r.status === 200,
    'get: JSON body': (r) => (r.headers['Content-Type'] || '').startsWith('application/json'),
    'get: request id returned': (r) => (r.headers['X-Request-Id'] || '') !== '',
  }, { name: 'get' });
}
