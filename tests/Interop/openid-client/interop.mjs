// Drives the gateway's authorization server with openid-client, an independent, certified OAuth 2.0 client:
// RFC 8414 discovery, client credentials with client_secret_basic and with private_key_jwt, then a call to an API
// through the gateway with each token. Prints one JSON object with what happened; the C# test judges it.
// The gateway's development certificate is trusted through NODE_EXTRA_CA_CERTS.
import * as client from 'openid-client';

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

async function run(auth, clientId) {
  const config = await client.discovery(new URL(env('ISSUER')), clientId, undefined, auth, { algorithm: 'oauth2' });
  const token = await client.clientCredentialsGrant(config, { scope: env('SCOPE'), resource: env('RESOURCE') });
  const response = await client.fetchProtectedResource(config, token.access_token, new URL(env('API_URL')), 'GET');
  return {
    token_endpoint: config.serverMetadata().token_endpoint,
    token_type: token.token_type,
    scope: token.scope,
    expires_in: token.expires_in,
    api_status: response.status,
    api_body: await response.text(),
  };
}

const privateJwk = JSON.parse(env('PKJWT_PRIVATE_JWK'));
const privateKey = await crypto.subtle.importKey('jwk', privateJwk, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']);

const result = {
  client_secret_basic: await run(client.ClientSecretBasic(env('CLIENT_SECRET')), env('CLIENT_ID')),
  private_key_jwt: await run(client.PrivateKeyJwt({ key: privateKey, kid: privateJwk.kid }), env('PKJWT_CLIENT_ID')),
};
process.stdout.write(JSON.stringify(result));
