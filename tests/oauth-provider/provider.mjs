// A test-owned OpenID Connect provider (oidc-provider) for jeton's
// end-to-end OAuth tests and the demo. Started by scripts/oauth-provider.sh;
// not for any other use: it logs in whoever types a name.
//
//   node provider.mjs ENV_FILE
//
// Listens on 127.0.0.1 on a port the system picks (PORT overrides it), then
// writes ENV_FILE (shell `NAME=value` lines, written to a temporary name
// and renamed, so a reader never sees half of it) with the issuer and the
// clients' credentials:
//
//   JETON_OAUTH_PROVIDER                 the issuer, http://127.0.0.1:PORT
//   JETON_OAUTH_PROVIDER_CLIENT_ID       confidential client (client_secret_basic)
//   JETON_OAUTH_PROVIDER_CLIENT_SECRET   its secret, new at every start
//   JETON_OAUTH_PROVIDER_PUBLIC_CLIENT_ID  public client (none), also the device client
//   JETON_OAUTH_PROVIDER_REDIRECT_URI    the redirect URI both clients have
//   JETON_OAUTH_PROVIDER_RESOURCE        a resource indicator it issues JWT access tokens for
//   JETON_OAUTH_PROVIDER_DEMO_CLIENT_ID      the login demo's client (client_secret_basic)
//   JETON_OAUTH_PROVIDER_DEMO_CLIENT_SECRET  its secret, new at every start
//
// The demo's client redirects to /oauth/callback on localhost, 127.0.0.1
// or [::1] at any port: it is registered as a native application, for
// which oidc-provider applies RFC 8252 section 7.3 (a loopback redirect
// URI matches whatever its port), so the demo may listen on any port and
// nothing has to be registered per start. It is confidential all the
// same: the demo is a server and keeps its secret.
//
// What it is configured for: authorization code with PKCE (S256) required
// for every client, the device authorization grant, client credentials,
// DPoP (RFC 9449), resource indicators (RFC 8707) whose access tokens are
// RFC 9068 JWTs signed ES256, introspection, ID tokens signed ES256 with a
// P-256 key made at start, RFC 9207 `iss` in every authorization response,
// and the development login and consent pages, which a test drives with
// plain form posts (any login name, any password).
//
// Environment: JETON_OAUTH_PROVIDER_REDIRECT_URIS adds redirect URIs
// (space-separated) to both clients, for a server whose port is known at
// start; DEVICE_INTERVAL sets the device flow's `interval` (default 1 s,
// so tests do not wait the RFC's default 5 s per poll).

import { createServer } from 'node:http';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { renameSync, writeFileSync } from 'node:fs';

import Provider from 'oidc-provider';

const envFile = process.argv[2];
if (!envFile) {
  console.error('usage: node provider.mjs ENV_FILE');
  process.exit(2);
}

const CLIENT_ID = 'jeton-confidential';
const PUBLIC_CLIENT_ID = 'jeton-public';
const DEMO_CLIENT_ID = 'jeton-demo';
const DEMO_REDIRECT_URIS = ['localhost', '127.0.0.1', '[::1]']
  .map((host) => `http://${host}/oauth/callback`);
const REDIRECT_URI = 'http://127.0.0.1/callback';
const RESOURCE_SCOPES = 'api:read api:write';
const deviceInterval = Number(process.env.DEVICE_INTERVAL ?? '1');
const extraRedirects = (process.env.JETON_OAUTH_PROVIDER_REDIRECT_URIS ?? '')
  .split(/\s+/u)
  .filter(Boolean);

const secret = randomBytes(24).toString('base64url');
const demoSecret = randomBytes(24).toString('base64url');
const signingKey = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  .privateKey.export({ format: 'jwk' });

// The request handler is attached once the port, and so the issuer, is known.
let handler = (_req, res) => {
  res.statusCode = 503;
  res.end();
};
const server = createServer((req, res) => handler(req, res));
server.listen(Number(process.env.PORT ?? '0'), '127.0.0.1', () => {
  const { port } = server.address();
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, configuration());
  provider.on('server_error', (_ctx, err) => console.error('server_error', err));
  provider.use(deviceIntervalMiddleware);
  handler = provider.callback();

  const lines = {
    JETON_OAUTH_PROVIDER: issuer,
    JETON_OAUTH_PROVIDER_CLIENT_ID: CLIENT_ID,
    JETON_OAUTH_PROVIDER_CLIENT_SECRET: secret,
    JETON_OAUTH_PROVIDER_PUBLIC_CLIENT_ID: PUBLIC_CLIENT_ID,
    JETON_OAUTH_PROVIDER_REDIRECT_URI: REDIRECT_URI,
    JETON_OAUTH_PROVIDER_RESOURCE: `${issuer}/api`,
    JETON_OAUTH_PROVIDER_DEMO_CLIENT_ID: DEMO_CLIENT_ID,
    JETON_OAUTH_PROVIDER_DEMO_CLIENT_SECRET: demoSecret,
  };
  const text = Object.entries(lines).map(([k, v]) => `${k}=${v}\n`).join('');
  writeFileSync(`${envFile}.tmp`, text);
  renameSync(`${envFile}.tmp`, envFile);
  console.log(`oidc-provider listening on ${issuer}`);
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => server.close(() => process.exit(0)));
}

function configuration() {
  const redirectUris = [REDIRECT_URI, ...extraRedirects];
  return {
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: secret,
        token_endpoint_auth_method: 'client_secret_basic',
        grant_types: ['authorization_code', 'refresh_token', 'client_credentials'],
        response_types: ['code'],
        redirect_uris: redirectUris,
        id_token_signed_response_alg: 'ES256',
      },
      {
        client_id: PUBLIC_CLIENT_ID,
        token_endpoint_auth_method: 'none',
        application_type: 'native',
        grant_types: ['authorization_code', 'refresh_token', 'urn:ietf:params:oauth:grant-type:device_code'],
        response_types: ['code'],
        redirect_uris: redirectUris,
        id_token_signed_response_alg: 'ES256',
      },
      {
        client_id: DEMO_CLIENT_ID,
        client_secret: demoSecret,
        token_endpoint_auth_method: 'client_secret_basic',
        application_type: 'native',
        grant_types: ['authorization_code'],
        response_types: ['code'],
        redirect_uris: DEMO_REDIRECT_URIS,
        id_token_signed_response_alg: 'ES256',
      },
    ],
    jwks: { keys: [{ ...signingKey, kid: 'es256-1', use: 'sig', alg: 'ES256' }] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    pkce: { required: () => true },
    scopes: ['openid', 'offline_access', 'email', 'profile'],
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name'],
    },
    findAccount: (_ctx, id) => ({
      accountId: id,
      claims: () => ({
        sub: id,
        email: `${id}@example.test`,
        email_verified: true,
        name: id,
      }),
    }),
    features: {
      devInteractions: { enabled: true },
      deviceFlow: { enabled: true },
      clientCredentials: { enabled: true },
      introspection: { enabled: true },
      dPoP: { enabled: true },
      resourceIndicators: {
        enabled: true,
        // The resource the token request names, or the one that was granted.
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, indicator) => resourceServer(indicator),
      },
    },
    ttl: {
      AccessToken: 600,
      AuthorizationCode: 60,
      ClientCredentials: 600,
      DeviceCode: 600,
      Grant: 3600,
      IdToken: 600,
      Interaction: 600,
      RefreshToken: 3600,
      Session: 3600,
    },
  };
}

// Every absolute http(s) URL without a fragment is a resource server here:
// the tests name their own (`${issuer}/api`), the demo its protected API.
function resourceServer(indicator) {
  const url = URL.parse(indicator);
  if (!url || !['http:', 'https:'].includes(url.protocol) || url.hash) {
    throw new Provider.errors.InvalidTarget();
  }
  return {
    scope: RESOURCE_SCOPES,
    audience: indicator,
    accessTokenTTL: 600,
    accessTokenFormat: 'jwt',
    jwt: { sign: { alg: 'ES256' } },
  };
}

// oidc-provider sends no `interval`, which means 5 s (RFC 8628 section
// 3.2); a test would wait that long per poll. The response gains one.
async function deviceIntervalMiddleware(ctx, next) {
  await next();
  if (ctx.path === '/device/auth' && ctx.status === 200 && ctx.body && typeof ctx.body === 'object') {
    ctx.body = { ...ctx.body, interval: deviceInterval };
  }
}
