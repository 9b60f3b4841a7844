// Settings shared by the SPBE Connector k6 scripts, all from environment variables (k6 run -e NAME=value, or the
// environment). See k6/README.md.

function env(name, fallback) {
  const v = __ENV[name];
  return v === undefined || v === '' ? fallback : v;
}

function required(name) {
  const v = __ENV[name];
  if (v === undefined || v === '') {
    throw new Error(`${name} is required (k6 run -e ${name}=...); see k6/README.md`);
  }
  return v;
}

function trimSlash(s) {
  return s.replace(/\/+$/, '');
}

export const BASE_URL = trimSlash(env('BASE_URL', 'https://127.0.0.1:8443'));
// The token endpoint (WSO2-style, as on the national SPLP): client credentials, RFC 6749 section 4.4.
export const TOKEN_URL = env('TOKEN_URL', `${BASE_URL}/oauth2/token`);
// The API under test: /{opd}/{api}/{version} (or the SPLP form /t/{tenant}/{api}/{version}).
export const API_PATH = trimSlash(env('API_PATH', '/bench/full/v1'));
export const READ_PATH = env('READ_PATH', '/penduduk/3275011203870001');
export const WRITE_PATH = env('WRITE_PATH', '/permohonan');
export const SCOPE = env('SCOPE', '');
// client_secret_basic (default, RFC 6749 section 2.3.1) or client_secret_post.
export const CLIENT_AUTH = env('CLIENT_AUTH', 'basic');

export function clientId() {
  return required('CLIENT_ID');
}

export function clientSecret() {
  return required('CLIENT_SECRET');
}

export function num(name, fallback) {
  const v = Number(env(name, String(fallback)));
  if (!Number.isFinite(v) || v < 0) {
    throw new Error(`${name} must be a non-negative number`);
  }
  return v;
}

export function str(name, fallback) {
  return env(name, fallback);
}

// TLS. The gateway's certificate is verified as k6 verifies any server: against the system's trust store, or, for a
// private CA or the gateway's development certificate, against the PEM file named by SSL_CERT_FILE (read by k6's Go
// runtime; see k6/README.md). INSECURE=1 turns verification off and is for a first try only: numbers measured that
// way are still valid, but a man in the middle would not be noticed.
// CLIENT_CERT / CLIENT_KEY: a client certificate (mTLS, RFC 8705) presented to the gateway's host.
export function tlsOptions(clientCertPem, clientKeyPem) {
  const options = {
    insecureSkipTLSVerify: env('INSECURE', '0') === '1',
    tlsVersion: { min: 'tls1.2', max: 'tls1.3' },
  };
  if (clientCertPem && clientKeyPem) {
    const host = BASE_URL.replace(/^https?:\/\//, '').replace(/[:/].*$/, '');
    options.tlsAuth = [{ domains: [host], cert: clientCertPem, key: clientKeyPem }];
  }
  return options;
}

// open() only works in the init context, so the scripts call this at the top level.
export function openClientCertificate() {
  const cert = env('CLIENT_CERT', '');
  const key = env('CLIENT_KEY', '');
  if ((cert === '') !== (key === '')) {
    throw new Error('CLIENT_CERT and CLIENT_KEY go together');
  }
  return cert === '' ? [null, null] : [open(cert), open(key)];
}
