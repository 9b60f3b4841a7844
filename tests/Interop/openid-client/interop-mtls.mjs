// Drives the gateway's authorization server with openid-client over mutual TLS (RFC 8705): client credentials with
// tls_client_auth (a certificate of a trusted authority with the registered subject) and with
// self_signed_tls_client_auth (a registered certificate), each token then used on an API through the gateway with the
// same certificate and, to show the binding (cnf.x5t#S256), without it. Then a resource server authenticating with
// private_key_jwt introspects the first token, and revokes a token of its own (RFC 7662, RFC 7009, through
// openid-client), the assertion's audience being those endpoints. Prints one JSON object; the C# test judges it.
import { readFileSync } from 'node:fs';
import * as client from 'openid-client';
import { Agent, fetch as undiciFetch } from 'undici';

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};
const serverCa = readFileSync(env('NODE_EXTRA_CA_CERTS'));

// openid-client's fetch presenting a client certificate on every request it makes (discovery, token, API).
function mtlsFetch(certPem, keyPem) {
  const dispatcher = new Agent({ connect: { cert: certPem, key: keyPem, ca: serverCa } });
  return (url, options) => undiciFetch(url, { ...options, dispatcher });
}

async function runMtls(auth, clientId, certPem, keyPem) {
  const fetchWithCertificate = mtlsFetch(certPem, keyPem);
  const config = await client.discovery(new URL(env('ISSUER')), clientId, undefined, auth,
    { algorithm: 'oauth2', [client.customFetch]: fetchWithCertificate });
  const token = await client.clientCredentialsGrant(config, { scope: env('SCOPE'), resource: env('RESOURCE') });
  const withCertificate = await client.fetchProtectedResource(config, token.access_token, new URL(env('API_URL')), 'GET');
  const withoutCertificate = await fetch(env('API_URL'), { headers: { authorization: `Bearer ${token.access_token}` } });
  const payload = JSON.parse(Buffer.from(token.access_token.split('.')[1], 'base64url').toString());
  return {
    access_token: token.access_token,
    token_endpoint: config.serverMetadata().token_endpoint,
    auth_methods: config.serverMetadata().token_endpoint_auth_methods_supported,
    bound_tokens: config.serverMetadata().tls_client_certificate_bound_access_tokens ?? false,
    scope: token.scope,
    cnf: payload.cnf?.['x5t#S256'] ?? null,
    api_status: withCertificate.status,
    api_status_without_certificate: withoutCertificate.status,
  };
}

async function runResourceServer(boundToken) {
  const privateJwk = JSON.parse(env('RS_PRIVATE_JWK'));
  const key = await crypto.subtle.importKey('jwk', privateJwk, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']);
  const config = await client.discovery(new URL(env('ISSUER')), env('RS_CLIENT_ID'), undefined,
    client.PrivateKeyJwt({ key, kid: privateJwk.kid }), { algorithm: 'oauth2' });
  const introspected = await client.tokenIntrospection(config, boundToken);
  const own = await client.clientCredentialsGrant(config, { scope: env('SCOPE'), resource: env('RESOURCE') });
  await client.tokenRevocation(config, own.access_token);
  const afterRevocation = await client.tokenIntrospection(config, own.access_token);
  return {
    introspection_endpoint: config.serverMetadata().introspection_endpoint,
    active: introspected.active,
    client_id: introspected.client_id,
    cnf: introspected.cnf?.['x5t#S256'] ?? null,
    revoked_active: afterRevocation.active,
  };
}

const tls = await runMtls(client.TlsClientAuth(), env('TLS_CLIENT_ID'), env('TLS_CERT_PEM'), env('TLS_KEY_PEM'));
const selfSigned = await runMtls(client.TlsClientAuth(), env('SELF_CLIENT_ID'), env('SELF_CERT_PEM'), env('SELF_KEY_PEM'));
const result = {
  tls_client_auth: tls,
  self_signed_tls_client_auth: selfSigned,
  private_key_jwt_resource_server: await runResourceServer(tls.access_token),
};
for (const run of [result.tls_client_auth, result.self_signed_tls_client_auth]) delete run.access_token;
process.stdout.write(JSON.stringify(result));
