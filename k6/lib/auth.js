// Client-credentials tokens from the gateway's authorization server (POST /oauth2/token, RFC 6749 section 4.4),
// cached per virtual user and renewed shortly before they expire.
import http from 'k6/http';
import { check, fail } from 'k6';
import encoding from 'k6/encoding';
import { CLIENT_AUTH, SCOPE, TOKEN_URL, clientId, clientSecret } from './config.js';

// RFC 6749 section 2.3.1: the client id and secret are form-urlencoded before they are put in the Basic header.
function formEncode(s) {
  return encodeURIComponent(s).replace(/%20/g, '+');
}

// One token request. Returns { token, expiresAt (ms since epoch), response }; fails the iteration on refusal.
export function requestToken(tags = { name: 'token' }) {
  const id = clientId();
  const secret = clientSecret();
  const form = { grant_type: 'client_credentials' };
  if (SCOPE) form.scope = SCOPE;
  const headers = { Accept: 'application/json' };
  if (CLIENT_AUTH === 'post') {
    form.client_id = id;
    form.client_secret = secret;
  } else if (CLIENT_AUTH === 'basic') {
    headers.Authorization = `Basic ${encoding.b64encode(`${formEncode(id)}:${formEncode(secret)}`)}`;
  } else {
    fail(`CLIENT_AUTH must be basic or post, not ${CLIENT_AUTH}`);
  }
  const res = http.post(TOKEN_URL, form, { headers, tags });
  let body = null;
  try {
    body = res.json();
  } catch (e) {
    body = null;
  }
  const ok = check(res, {
    'token: status 200': (r) => r.status === 200,
    'token: bearer access_token': () => body !== null && typeof body.access_token === 'string' && /^bearer$/i.test(body.token_type || ''),
    'token: expires_in > 0': () => body !== null && Number(body.expires_in) > 0,
    'token: no-store': (r) => /no-store/i.test(r.headers['Cache-Control'] || ''),
  }, tags);
  if (!ok || body === null || !body.access_token) {
    fail(`token request refused: HTTP ${res.status} ${body && body.error ? body.error : ''}`);
  }
  return { token: body.access_token, expiresAt: Date.now() + Number(body.expires_in || 60) * 1000, response: res };
}

let cached = null;

// The token to use now: the one given (for example from setup()) while it has more than 30 s to live, else this
// virtual user's own, renewed 30 s before it expires.
export function currentToken(initial) {
  const margin = 30 * 1000;
  if (initial && initial.expiresAt - margin > Date.now()) return initial.token;
  if (cached === null || cached.expiresAt - margin <= Date.now()) {
    cached = requestToken();
  }
  return cached.token;
}

// For setup(): a token that every virtual user starts with (so a test does not open with one token request per VU).
export function initialToken() {
  const t = requestToken();
  return { token: t.token, expiresAt: t.expiresAt };
}
