// Validated POST through the gateway: a 1 KB JSON body that the API's OpenAPI document accepts, with a bearer
// token, at a steady rate; and a small share of invalid bodies that must be refused with 400 problem+json before
// they reach the upstream (positive validation, Pasal 60 ayat (5) huruf c-e).
//
//   k6 run -e BASE_URL=https://gateway.example.go.id -e CLIENT_ID=... -e CLIENT_SECRET=... k6/post.js
//
// Defaults: the benchmark API (bench/fixtures/bench-api.openapi.json, registered as /bench/full/v1) and its 1 KB
// body (bench/fixtures/request-body.json). For another API: API_PATH, WRITE_PATH and BODY_FILE (a valid body).
import http from 'k6/http';
import { check } from 'k6';
import { currentToken, initialToken } from './lib/auth.js';
import { API_PATH, BASE_URL, WRITE_PATH, num, str, tlsOptions, openClientCertificate } from './lib/config.js';

const [clientCert, clientKey] = openClientCertificate();
const BODY = open(str('BODY_FILE', '../bench/fixtures/request-body.json'));
const RATE = num('RATE', 300);
const DURATION = str('DURATION', '2m');
const INVALID_PERCENT = num('INVALID_PERCENT', 5);
const P95_MS = num('P95_MS', 80);
const P99_MS = num('P99_MS', 200);
const URL = `${BASE_URL}${API_PATH}${WRITE_PATH}`;

const parsed = JSON.parse(BODY);
// Bodies that break any strict schema, whatever the API: not JSON; JSON of the wrong type; and, when the body has
// a NIK, a NIK of letters (the pattern ^[0-9]{16}$ of every NIK field in the SPBE APIs).
const INVALID = [
  { label: 'malformed JSON', body: BODY.slice(0, Math.floor(BODY.length / 2)) },
  { label: 'array instead of object', body: '[]' },
];
if (parsed && typeof parsed === 'object' && typeof parsed.nik === 'string') {
  INVALID.push({ label: 'NIK of letters', body: JSON.stringify({ ...parsed, nik: 'ABCDEFGHIJKLMNOP' }) });
}

export const options = {
  ...tlsOptions(clientCert, clientKey),
  scenarios: {
    validated_post: {
      executor: 'constant-arrival-rate',
      rate: RATE,
      timeUnit: '1s',
      duration: DURATION,
      preAllocatedVUs: Math.max(5, Math.ceil(RATE / 50)),
      maxVUs: Math.max(50, Math.ceil(RATE / 5)),
    },
  },
  thresholds: {
    'http_req_failed{name:post}': ['rate<0.001'],
    'http_req_duration{name:post}': [`p(95)<${P95_MS}`, `p(99)<${P99_MS}`],
    'checks{name:post}': ['rate>0.999'],
    'checks{name:post_invalid}': ['rate==1'],
    'http_req_duration{name:post_invalid}': [`p(99)<${P99_MS}`], // refusing must not cost more than accepting
    dropped_iterations: ['count==0'],
  },
};

export function setup() {
  return initialToken();
}

let iteration = 0;

export default function (initial) {
  iteration += 1;
  const headers = {
    Authorization: `Bearer ${currentToken(initial)}`,
    'Content-Type': 'application/json',
    Accept: 'application/json',
  };
  if (INVALID_PERCENT > 0 && Math.random() * 100 < INVALID_PERCENT) {
    const bad = INVALID[iteration % INVALID.length];
    const res = http.post(URL, bad.body, {
      headers,
      tags: { name: 'post_invalid', invalid: bad.label },
      responseCallback: http.expectedStatuses(400),
    });
    check(res, {
      'invalid: 400': (r) => r.status === 400,
      'invalid: problem+json': (r) => (r.headers['Content-Type'] || '').startsWith('application/problem+json'),
      'invalid: rejected value not echoed': (r) => !String(r.body).includes('ABCDEFGHIJKLMNOP'),
    }, { name: 'post_invalid' });
    return;
  }
  const res = http.post(URL, BODY, { headers, tags: { name: 'post' } });
  check(res, {
    'post: status 2xx': (r) => r.status >= 200 && r.status < 300,
    'post: request id returned': (r) => (r.headers['X-Request-Id'] || '') !== '',
  }, { name: 'post' });
}
