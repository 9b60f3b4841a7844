// Rate-limit saturation: one client sends at RATE_MULTIPLIER times its plan's limit and the gateway must hold it to
// the plan: 429 problem+json with Retry-After and RateLimit headers for the excess, never a 5xx, and
// accepted requests within the plan (anti-automation, Pasal 59 ayat (13) huruf c-e; Pasal 60 ayat (3) huruf c).
//
//   k6 run -e BASE_URL=... -e CLIENT_ID=... -e CLIENT_SECRET=... -e LIMIT_PER_MINUTE=1000 k6/ratelimit.js
//
// LIMIT_PER_MINUTE must be the limit of the client's subscription plan for this API (the national connector's
// tiers: Bronze 1000, Silver 2000, Gold 5000). Use a client of its own: its quota is spent by the run.
import http from 'k6/http';
import { check } from 'k6';
import { Counter } from 'k6/metrics';
import { currentToken, initialToken } from './lib/auth.js';
import { API_PATH, BASE_URL, READ_PATH, num, str, tlsOptions, openClientCertificate } from './lib/config.js';

const [clientCert, clientKey] = openClientCertificate();
const LIMIT_PER_MINUTE = num('LIMIT_PER_MINUTE', 1000);
const RATE_MULTIPLIER = num('RATE_MULTIPLIER', 2);
const MINUTES = num('MINUTES', 2);
// Tolerance for how the limiter's window lines up with the run: a fixed window may grant one window more than the
// run's length; a sliding window or token bucket grants between MINUTES and MINUTES + 1 windows' worth.
const TOLERANCE = num('TOLERANCE', 0.05);
const RATE = Math.ceil((LIMIT_PER_MINUTE / 60) * RATE_MULTIPLIER);
const URL = `${BASE_URL}${API_PATH}${str('RATELIMIT_PATH', READ_PATH)}`;

const accepted = new Counter('ratelimit_accepted');
const limited = new Counter('ratelimit_refused_429');
const serverErrors = new Counter('ratelimit_server_errors');

const maxAccepted = Math.ceil(LIMIT_PER_MINUTE * (MINUTES + 1) * (1 + TOLERANCE));
const minAccepted = Math.floor(LIMIT_PER_MINUTE * MINUTES * (1 - TOLERANCE));

export const options = {
  ...tlsOptions(clientCert, clientKey),
  scenarios: {
    saturate: {
      executor: 'constant-arrival-rate',
      rate: RATE,
      timeUnit: '1s',
      duration: `${MINUTES}m`,
      preAllocatedVUs: Math.max(5, Math.ceil(RATE / 50)),
      maxVUs: Math.max(50, Math.ceil(RATE / 5)),
    },
  },
  thresholds: {
    ratelimit_refused_429: ['count>0'],              // the limit engaged
    ratelimit_server_errors: ['count==0'],           // and never by failing
    ratelimit_accepted: [`count<=${maxAccepted}`, `count>=${minAccepted}`], // held to the plan, not below it
    'checks{name:ratelimit}': ['rate>0.999'],
    'http_req_duration{name:ratelimit,status:429}': ['p(99)<100'], // refusing is cheap
    dropped_iterations: ['count==0'],
  },
};

export function setup() {
  console.log(`sending ${RATE} req/s for ${MINUTES} min against a plan of ${LIMIT_PER_MINUTE}/min; ` +
    `expecting between ${minAccepted} and ${maxAccepted} accepted`);
  return initialToken();
}

export default function (initial) {
  const res = http.get(URL, {
    headers: { Authorization: `Bearer ${currentToken(initial)}`, Accept: 'application/json' },
    tags: { name: 'ratelimit' },
    responseCallback: http.expectedStatuses(200, 429),
  });
  if (res.status === 200) accepted.add(1);
  else if (res.status === 429) limited.add(1);
  else if (res.status >= 500) serverErrors.add(1);

  check(res, {
    'ratelimit: 200 or 429': (r) => r.status === 200 || r.status === 429,
    // IETF httpapi RateLimit headers: the limit that refused, and when it resets.
    '429: RateLimit-Policy and RateLimit': (r) => r.status !== 429 ||
      ((r.headers['Ratelimit-Policy'] || '') !== '' && (r.headers['Ratelimit'] || '') !== ''),
    '429: Retry-After': (r) => r.status !== 429 || /^\d+$/.test(r.headers['Retry-After'] || ''),
    '429: problem+json': (r) => r.status !== 429 || (r.headers['Content-Type'] || '').startsWith('application/problem+json'),
  }, { name: 'ratelimit' });
}
