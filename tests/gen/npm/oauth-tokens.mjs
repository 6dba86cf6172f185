// Produces tests/vectors/oauth-tokens.json: the token side of OAuth 2.0 and
// OpenID Connect (provider metadata, ID tokens, RFC 9068 access tokens, RFC
// 7662 introspection responses, RFC 9449 DPoP proofs), signed with npm
// `jose` and judged by npm `oauth4webapi` (the library under openid-client
// 6). See tests/vectors/oauth-tokens.md for the format.
//
//   node oauth-tokens.mjs         fresh keys, every case, oauth4webapi's verdicts
//   node oauth-tokens.mjs judge   oauth4webapi's verdicts on jeton's DPoP proofs
//                                 (tests/vectors/jeton-oauth-tokens.json, which
//                                 `JETON_REGENERATE_VECTORS=1 cargo test -p
//                                 jeton-tests --test oauth_tokens` writes from
//                                 the keys of the first step)
//
// Run from this folder (versions as package-lock.json pins them): npm ci first.
// The keys are test data, published here: never use them for anything.

import { readFileSync, writeFileSync, existsSync } from "node:fs";
import * as crypto from "node:crypto";
import * as jose from "jose";
import * as oauth from "oauth4webapi";

const url = (path) => new URL(path, import.meta.url);
const readJson = (path) => JSON.parse(readFileSync(url(path)));
const version = (name) => readJson(`node_modules/${name}/package.json`).version;
const OUT = "../../vectors/oauth-tokens.json";
const JETON = "../../vectors/jeton-oauth-tokens.json";

// The clock every case is judged at (2030-03-17), whatever the day the
// generator runs: oauth4webapi is given the skew to it, and no clock
// tolerance (its default is 30 seconds; jeton's is none).
const NOW = 1_900_000_000;
const ISSUER = "https://as.example.com";
const CLIENT_ID = "s6BhdRkqt3";
const RESOURCE = "https://rs.example.com/api";
const NONCE = "n-0S6_WzA2Mj";
const ACCESS_TOKEN = "jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y";
const CODE = "Qcb0Orv1zh30vL1MPRsbm-diHiMwcLyZvn1arpZv-Jxf_11jnpEX3Tgfvk";
const RS_URL = "https://rs.example.com/api/items";

const b64u = (bytes) => Buffer.from(bytes).toString("base64url");
const skew = () => NOW - Math.floor(Date.now() / 1000);
const sha = (name, text) => crypto.createHash(name).update(text).digest();

/** A verdict: accepted (with what the peer returned), or its error. */
function refusal(e) {
  const error = typeof e?.code === "string" ? e.code : e?.name || String(e);
  return { accepted: false, error, message: String(e?.message ?? e) };
}

// ---------------------------------------------------------------- keys

/** Keys: the authorization server's (ID and access tokens), the
 * clients' (DPoP), and an attacker's with the server's kid. */
const KEY_PLAN = [
  { id: "as-rs256", gen: "RS256", kid: "as-rs", role: "authorization server, RS256" },
  { id: "as-es256", gen: "ES256", kid: "as-es", role: "authorization server, ES256" },
  { id: "as-ed25519", gen: "EdDSA", kid: "as-ed", role: "authorization server, EdDSA" },
  { id: "attacker-es256", gen: "ES256", kid: "as-es", role: "attacker, with the server's ES256 kid" },
  { id: "client-es256", gen: "ES256", kid: null, role: "client DPoP key, ES256" },
  { id: "client-ed25519", gen: "EdDSA", kid: null, role: "client DPoP key, EdDSA" },
  { id: "client-rs256", gen: "RS256", kid: null, role: "client DPoP key, RS256" },
  { id: "client-es256-b", gen: "ES256", kid: null, role: "another client's DPoP key" },
];

function publicJwk(jwk) {
  const out = { kty: jwk.kty };
  for (const m of ["crv", "x", "y", "n", "e"]) if (jwk[m] !== undefined) out[m] = jwk[m];
  return out;
}

async function makeKeys() {
  const keys = [];
  for (const plan of KEY_PLAN) {
    const pair = await jose.generateKeyPair(plan.gen, { extractable: true, crv: plan.gen === "EdDSA" ? "Ed25519" : undefined });
    const pub = publicJwk(await jose.exportJWK(pair.publicKey));
    const priv = { ...pub, d: (await jose.exportJWK(pair.privateKey)).d };
    keys.push({
      id: plan.id,
      alg: plan.gen,
      kid: plan.kid,
      role: plan.role,
      public_jwk: pub,
      private_jwk: plan.id.startsWith("client-es") || plan.id === "client-ed25519" ? priv : undefined,
      thumbprint: await jose.calculateJwkThumbprint(pub),
      made_by: `jose.generateKeyPair("${plan.gen}")`,
      privateKey: pair.privateKey,
    });
  }
  return keys;
}

/** Signs `payload` (an object, or raw JSON text) under `header`. */
async function sign(header, payload, key) {
  const bytes = new TextEncoder().encode(typeof payload === "string" ? payload : JSON.stringify(payload));
  return new jose.CompactSign(bytes).setProtectedHeader(header).sign(key.privateKey);
}

/** An unsigned token, `alg: none`. */
function unsigned(header, payload) {
  return `${b64u(JSON.stringify(header))}.${b64u(JSON.stringify(payload))}.`;
}

/** `token` with its signature's first character changed. */
function tamper(token) {
  const [h, p, s] = token.split(".");
  return `${h}.${p}.${s[0] === "A" ? "B" : "A"}${s.slice(1)}`;
}

/** The `at_hash` / `c_hash` of `value` for `alg` (OpenID Connect Core
 * 3.1.3.6, 3.3.2.11), computed here with Node's crypto. */
function halfHash(alg, value) {
  const name = alg.endsWith("384") ? "sha384" : alg.endsWith("512") || alg === "EdDSA" ? "sha512" : "sha256";
  const digest = sha(name, value);
  return b64u(digest.subarray(0, digest.length / 2));
}

const jwksResponse = (jwks) => async () =>
  new Response(JSON.stringify(jwks), { status: 200, headers: { "content-type": "application/json" } });

// ---------------------------------------------------------------- metadata

function metadataCases() {
  const full = {
    issuer: ISSUER,
    authorization_endpoint: `${ISSUER}/authorize`,
    token_endpoint: `${ISSUER}/token`,
    userinfo_endpoint: `${ISSUER}/userinfo`,
    jwks_uri: `${ISSUER}/jwks`,
    device_authorization_endpoint: `${ISSUER}/device`,
    pushed_authorization_request_endpoint: `${ISSUER}/par`,
    introspection_endpoint: `${ISSUER}/introspect`,
    revocation_endpoint: `${ISSUER}/revoke`,
    response_types_supported: ["code"],
    grant_types_supported: ["authorization_code", "refresh_token", "urn:ietf:params:oauth:grant-type:device_code"],
    subject_types_supported: ["public"],
    id_token_signing_alg_values_supported: ["RS256", "ES256", "EdDSA"],
    dpop_signing_alg_values_supported: ["ES256", "EdDSA"],
    code_challenge_methods_supported: ["S256"],
    token_endpoint_auth_methods_supported: ["client_secret_basic", "private_key_jwt"],
    authorization_response_iss_parameter_supported: true,
    mtls_endpoint_aliases: { token_endpoint: "https://mtls.as.example.com/token" },
    claims_supported: ["sub", "email"],
  };
  const doc = (o) => JSON.stringify(o);
  const rfc8414 = {
    issuer: "https://server.example.com",
    authorization_endpoint: "https://server.example.com/authorize",
    token_endpoint: "https://server.example.com/token",
    token_endpoint_auth_methods_supported: ["client_secret_basic", "private_key_jwt"],
    token_endpoint_auth_signing_alg_values_supported: ["RS256", "ES256"],
    userinfo_endpoint: "https://server.example.com/userinfo",
    jwks_uri: "https://server.example.com/jwks.json",
    registration_endpoint: "https://server.example.com/register",
    scopes_supported: ["openid", "profile", "email", "address", "phone", "offline_access"],
    response_types_supported: ["code", "code token"],
    service_documentation: "http://server.example.com/service_documentation.html",
    ui_locales_supported: ["en-US", "en-GB", "en-CA", "fr-FR", "fr-CA"],
  };
  const { issuer: _, ...noIssuer } = full;
  return [
    { name: "openid-full", profile: "openid", expected_issuer: ISSUER, document: doc(full) },
    { name: "rfc8414-example", profile: "oauth", expected_issuer: "https://server.example.com", document: doc(rfc8414) },
    { name: "escaped-slashes", profile: "openid", expected_issuer: ISSUER, document: doc(full).replaceAll("/", "\\/") },
    { name: "issuer-other-host", profile: "openid", expected_issuer: ISSUER, document: doc({ ...full, issuer: "https://evil.example.com" }) },
    { name: "issuer-trailing-slash", profile: "openid", expected_issuer: ISSUER, document: doc({ ...full, issuer: `${ISSUER}/` }) },
    { name: "issuer-upper-case-host", profile: "openid", expected_issuer: ISSUER, document: doc({ ...full, issuer: "https://AS.example.com" }) },
    { name: "issuer-default-port", profile: "openid", expected_issuer: ISSUER, document: doc({ ...full, issuer: `${ISSUER}:443` }) },
    { name: "issuer-missing", profile: "openid", expected_issuer: ISSUER, document: doc(noIssuer) },
    { name: "issuer-number", profile: "openid", expected_issuer: ISSUER, document: doc({ ...full, issuer: 42 }) },
    { name: "issuer-duplicate", profile: "openid", expected_issuer: ISSUER, document: `{"issuer":"https://evil.example.com",${doc(full).slice(1)}` },
    { name: "not-an-object", profile: "openid", expected_issuer: ISSUER, document: doc([full]) },
    { name: "not-json", profile: "openid", expected_issuer: ISSUER, document: doc(full).slice(0, -1) },
    { name: "only-issuer", profile: "oauth", expected_issuer: ISSUER, document: doc({ issuer: ISSUER }) },
    { name: "openid-without-jwks-uri", profile: "openid", expected_issuer: ISSUER, document: doc({ ...full, jwks_uri: undefined }) },
    { name: "token-endpoint-number", profile: "openid", expected_issuer: ISSUER, document: doc({ ...full, token_endpoint: 5 }) },
    { name: "alg-list-string", profile: "openid", expected_issuer: ISSUER, document: doc({ ...full, id_token_signing_alg_values_supported: "RS256" }) },
  ];
}

async function judgeMetadata(c) {
  const response = new Response(c.document, { status: 200, headers: { "content-type": "application/json" } });
  try {
    const as = await oauth.processDiscoveryResponse(new URL(c.expected_issuer), response);
    return { accepted: true, issuer: as.issuer };
  } catch (e) {
    return refusal(e);
  }
}

// ---------------------------------------------------------------- ID tokens

async function idTokenCases(keyOf) {
  const base = {
    iss: ISSUER,
    sub: "248289761001",
    aud: CLIENT_ID,
    exp: NOW + 600,
    iat: NOW - 10,
    nonce: NONCE,
    auth_time: NOW - 100,
  };
  const rs = keyOf("as-rs256"), es = keyOf("as-es256"), ed = keyOf("as-ed25519");
  const header = (key, extra = {}) => ({ alg: key.alg, kid: key.kid, ...extra });
  const without = (o, ...names) => Object.fromEntries(Object.entries(o).filter(([k]) => !names.includes(k)));
  const plan = [
    // name, key, claims, options (what the client sent and registered), header extras
    ["valid-rs256", rs, base, {}],
    ["valid-es256", es, base, { algs: ["ES256"] }],
    ["valid-eddsa", ed, base, { algs: ["EdDSA"] }],
    ["provider-algs", es, base, { provider_algs: ["RS256", "ES256"] }],
    ["no-nonce-sent", rs, without(base, "nonce"), { nonce: null }],
    ["nonce-not-sent-but-present", rs, base, { nonce: null }],
    ["nonce-mismatch", rs, { ...base, nonce: "another request" }, {}],
    ["nonce-missing", rs, without(base, "nonce"), {}],
    ["issuer-other", rs, { ...base, iss: "https://evil.example.com" }, {}],
    ["issuer-trailing-slash", rs, { ...base, iss: `${ISSUER}/` }, {}],
    ["aud-other", rs, { ...base, aud: "another-client" }, {}],
    ["aud-array-one", rs, { ...base, aud: [CLIENT_ID] }, {}],
    ["aud-array-azp", rs, { ...base, aud: [CLIENT_ID, "https://api.example.com"], azp: CLIENT_ID }, {}],
    ["aud-array-no-azp", rs, { ...base, aud: [CLIENT_ID, "https://api.example.com"] }, {}],
    ["aud-array-azp-other", rs, { ...base, aud: [CLIENT_ID, "https://api.example.com"], azp: "https://api.example.com" }, {}],
    ["azp-other-single-aud", rs, { ...base, azp: "another-client" }, {}],
    ["azp-self-single-aud", rs, { ...base, azp: CLIENT_ID }, {}],
    ["expired", rs, { ...base, exp: NOW - 10 }, {}],
    ["exp-missing", rs, without(base, "exp"), {}],
    ["iat-missing", rs, without(base, "iat"), {}],
    ["sub-missing", rs, without(base, "sub"), {}],
    ["sub-number", rs, { ...base, sub: 248289761001 }, {}],
    ["nbf-ahead", rs, { ...base, nbf: NOW + 60 }, {}],
    ["max-age-fresh", rs, base, { max_age: 3600 }],
    ["max-age-too-old", rs, { ...base, auth_time: NOW - 7200 }, { max_age: 3600 }],
    ["max-age-auth-time-missing", rs, without(base, "auth_time"), { max_age: 3600 }],
    ["auth-time-string", rs, { ...base, auth_time: String(NOW - 100) }, {}],
    ["alg-not-registered", es, base, {}],
    ["alg-not-among-provider-algs", ed, base, { provider_algs: ["RS256", "ES256"] }],
    ["typ-at-jwt", rs, base, {}, { typ: "at+jwt" }],
    ["typ-jwt", rs, base, {}, { typ: "JWT" }],
    ["at-hash-rs256", rs, { ...base, at_hash: halfHash("RS256", ACCESS_TOKEN) }, { access_token: ACCESS_TOKEN }],
    ["at-hash-rs256-wrong", rs, { ...base, at_hash: halfHash("RS256", "another token") }, { access_token: ACCESS_TOKEN }],
    ["at-hash-eddsa", ed, { ...base, at_hash: halfHash("EdDSA", ACCESS_TOKEN) }, { algs: ["EdDSA"], access_token: ACCESS_TOKEN }],
    ["at-hash-eddsa-with-sha256", ed, { ...base, at_hash: halfHash("ES256", ACCESS_TOKEN) }, { algs: ["EdDSA"], access_token: ACCESS_TOKEN }],
    ["at-hash-required-missing", rs, base, { access_token: ACCESS_TOKEN, require_at_hash: true }],
    ["c-hash-rs256", rs, { ...base, c_hash: halfHash("RS256", CODE) }, { code: CODE, require_c_hash: true }],
    ["c-hash-es256", es, { ...base, c_hash: halfHash("ES256", CODE) }, { algs: ["ES256"], code: CODE, require_c_hash: true }],
    ["c-hash-eddsa", ed, { ...base, c_hash: halfHash("EdDSA", CODE) }, { algs: ["EdDSA"], code: CODE, require_c_hash: true }],
    ["c-hash-wrong", rs, { ...base, c_hash: halfHash("RS256", "another code") }, { code: CODE, require_c_hash: true }],
    ["c-hash-missing", rs, base, { code: CODE, require_c_hash: true }],
  ];
  const cases = [];
  for (const [name, key, claims, options, extra] of plan) {
    cases.push({ name, key: key.id, options, token: await sign(header(key, extra), claims, key) });
  }
  cases.push({ name: "bad-signature", key: "as-rs256", options: {}, token: tamper(await sign(header(rs), base, rs)) });
  cases.push({
    name: "signed-by-attacker-with-server-kid",
    key: "attacker-es256",
    options: { algs: ["ES256"] },
    token: await sign(header(keyOf("attacker-es256")), base, keyOf("attacker-es256")),
  });
  cases.push({ name: "alg-none", key: null, options: {}, token: unsigned({ alg: "none" }, base) });
  return cases;
}

/** oauth4webapi's verdict on an ID token: from a token endpoint response
 * (processAuthorizationCodeResponse, then its signature with
 * validateApplicationLevelSignature) or, for the cases that bind a code,
 * from a `code id_token` authorization response
 * (validateCodeIdTokenResponse, which checks `c_hash`). */
async function judgeIdToken(c, jwks) {
  const o = c.options;
  const as = { issuer: ISSUER, jwks_uri: `${ISSUER}/jwks` };
  if (o.provider_algs) as.id_token_signing_alg_values_supported = o.provider_algs;
  const client = { client_id: CLIENT_ID, [oauth.clockSkew]: skew(), [oauth.clockTolerance]: 0 };
  if (o.algs) client.id_token_signed_response_alg = o.algs[0];
  else if (!o.provider_algs) client.id_token_signed_response_alg = "RS256";
  const fetcher = { [oauth.customFetch]: jwksResponse(jwks) };
  const nonce = o.nonce === null ? undefined : NONCE;
  try {
    if (o.code) {
      const params = new URLSearchParams({ code: o.code, id_token: c.token });
      await oauth.validateCodeIdTokenResponse(as, client, params, nonce, oauth.expectNoState, o.max_age, fetcher);
      return { accepted: true, via: "validateCodeIdTokenResponse" };
    }
    const body = { access_token: o.access_token ?? "opaque", token_type: "Bearer", id_token: c.token };
    const response = new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } });
    const options = {};
    if (nonce !== undefined) options.expectedNonce = nonce;
    else options.expectedNonce = oauth.expectNoNonce;
    if (o.max_age !== undefined) options.maxAge = o.max_age;
    const result = await oauth.processAuthorizationCodeResponse(as, client, response, options);
    await oauth.validateApplicationLevelSignature(as, response, fetcher);
    return { accepted: true, via: "processAuthorizationCodeResponse", claims: oauth.getValidatedIdTokenClaims(result) };
  } catch (e) {
    return refusal(e);
  }
}

// ---------------------------------------------------------------- access tokens

async function accessTokenCases(keyOf) {
  const base = {
    iss: ISSUER,
    sub: "5ba552d67",
    aud: RESOURCE,
    exp: NOW + 600,
    iat: NOW - 10,
    jti: "dbe39bf3a3ba4238a513f51d6e1691c4",
    client_id: CLIENT_ID,
    scope: "openid profile reademail",
  };
  const rs = keyOf("as-rs256"), es = keyOf("as-es256"), ed = keyOf("as-ed25519");
  const at = (key, extra = {}) => ({ typ: "at+jwt", alg: key.alg, kid: key.kid, ...extra });
  const without = (o, ...names) => Object.fromEntries(Object.entries(o).filter(([k]) => !names.includes(k)));
  const plan = [
    ["valid-rs256", rs, base, {}],
    ["valid-es256", es, base, {}],
    ["valid-eddsa", ed, base, {}],
    ["typ-application-at-jwt", rs, base, {}, { typ: "application/at+jwt" }],
    ["typ-upper-case", rs, base, {}, { typ: "AT+JWT" }],
    ["typ-jwt", rs, base, {}, { typ: "JWT" }],
    ["typ-missing", rs, base, {}, { typ: undefined }],
    ["aud-other", rs, { ...base, aud: "https://other.example.com" }, {}],
    ["aud-array", rs, { ...base, aud: ["https://other.example.com", RESOURCE] }, {}],
    ["iss-other", rs, { ...base, iss: "https://evil.example.com" }, {}],
    ["expired", rs, { ...base, exp: NOW - 10 }, {}],
    ["nbf-ahead", rs, { ...base, nbf: NOW + 60 }, {}],
    ["client-id-missing", rs, without(base, "client_id"), {}],
    ["client-id-number", rs, { ...base, client_id: 7 }, {}],
    ["jti-missing", rs, without(base, "jti"), {}],
    ["sub-missing", rs, without(base, "sub"), {}],
    ["iat-missing", rs, without(base, "iat"), {}],
    ["exp-missing", rs, without(base, "exp"), {}],
    ["scope-missing", rs, without(base, "scope"), {}],
    ["scope-granted", rs, base, { scopes: ["reademail", "profile"] }],
    ["scope-insufficient", rs, base, { scopes: ["reademail", "admin"] }],
    ["scope-number", rs, { ...base, scope: 1 }, {}],
  ];
  const cases = [];
  for (const [name, key, claims, options, extra] of plan) {
    cases.push({ name, key: key.id, options, token: await sign(at(key, extra), claims, key) });
  }
  const hmac = new TextEncoder().encode("a shared secret of thirty-two bytes");
  cases.push({
    name: "hs256",
    key: null,
    options: {},
    token: await new jose.CompactSign(new TextEncoder().encode(JSON.stringify(base))).setProtectedHeader({ typ: "at+jwt", alg: "HS256" }).sign(hmac),
  });
  cases.push({ name: "bad-signature", key: "as-rs256", options: {}, token: tamper(await sign(at(rs), base, rs)) });
  cases.push({ name: "alg-none", key: null, options: {}, token: unsigned({ typ: "at+jwt", alg: "none" }, base) });
  cases.push({
    name: "dpop-bound-presented-as-bearer",
    key: "as-es256",
    options: {},
    token: await sign(at(es), { ...base, cnf: { jkt: keyOf("client-es256").thumbprint } }, es),
  });
  return cases;
}

async function judgeAccessToken(c, jwks, headers = {}) {
  const as = { issuer: ISSUER, jwks_uri: `${ISSUER}/jwks` };
  const request = new Request(headers.url ?? RS_URL, {
    method: headers.method ?? "GET",
    headers: { authorization: headers.authorization ?? `Bearer ${c.token}`, ...(headers.dpop ? { dpop: headers.dpop } : {}) },
  });
  try {
    const claims = await oauth.validateJwtAccessToken(as, request, RESOURCE, {
      [oauth.customFetch]: jwksResponse(jwks),
      [oauth.clockSkew]: skew(),
      [oauth.clockTolerance]: 0,
    });
    return { accepted: true, claims };
  } catch (e) {
    return refusal(e);
  }
}

// ---------------------------------------------------------------- introspection

function introspectionCases(keyOf) {
  const rfc = {
    active: true,
    client_id: "l238j323ds-23ij4",
    username: "jdoe",
    scope: "read write dolphin",
    sub: "Z5O3upPC88QrAjx00dis",
    aud: "https://protected.example.net/resource",
    iss: "https://server.example.com/",
    exp: 1419356238,
    iat: 1419350238,
    extension_field: "twenty-seven",
  };
  const live = { ...rfc, aud: RESOURCE, iss: ISSUER, exp: NOW + 600, iat: NOW - 10, token_type: "Bearer" };
  const doc = (o) => JSON.stringify(o);
  return [
    { name: "rfc7662-example", body: doc(rfc), check: { now: 1419350300, issuer: "https://server.example.com/", audience: "https://protected.example.net/resource", scopes: ["read", "write"] } },
    { name: "rfc7662-inactive", body: doc({ active: false }) },
    { name: "live", body: doc(live), check: { now: NOW, issuer: ISSUER, audience: RESOURCE, scopes: ["read"] } },
    { name: "live-aud-array", body: doc({ ...live, aud: ["https://other.example.com", RESOURCE] }), check: { now: NOW, audience: RESOURCE } },
    { name: "live-expired", body: doc({ ...live, exp: NOW - 10 }), check: { now: NOW } },
    { name: "live-aud-other", body: doc({ ...live, aud: "https://other.example.com" }), check: { now: NOW, audience: RESOURCE } },
    { name: "live-scope-insufficient", body: doc(live), check: { now: NOW, scopes: ["admin"] } },
    { name: "live-dpop-bound", body: doc({ ...live, token_type: "DPoP", cnf: { jkt: keyOf("client-es256").thumbprint } }), check: { now: NOW } },
    { name: "minimal-active", body: doc({ active: true }), check: { now: NOW } },
    { name: "inactive-with-junk", body: doc({ active: false, exp: "soon", scope: 7 }) },
    { name: "active-string", body: doc({ active: "true" }) },
    { name: "active-missing", body: doc({ scope: "read" }) },
    { name: "not-an-object", body: doc([{ active: true }]) },
    { name: "active-duplicate", body: '{"active":false,"active":true}' },
    { name: "exp-string", body: doc({ ...live, exp: String(NOW + 600) }), check: { now: NOW } },
    { name: "aud-number", body: doc({ ...live, aud: 5 }), check: { now: NOW } },
  ];
}

async function judgeIntrospection(c) {
  const as = { issuer: ISSUER, introspection_endpoint: `${ISSUER}/introspect` };
  const client = { client_id: "rs" };
  const response = new Response(c.body, { status: 200, headers: { "content-type": "application/json" } });
  try {
    const json = await oauth.processIntrospectionResponse(as, client, response);
    return { accepted: true, active: json.active };
  } catch (e) {
    return refusal(e);
  }
}

// ---------------------------------------------------------------- DPoP

/** Access tokens bound to each client key, which the proofs come with. */
async function boundAccessTokens(keyOf) {
  const es = keyOf("as-es256");
  const out = [];
  for (const id of ["client-es256", "client-ed25519", "client-rs256"]) {
    const claims = {
      iss: ISSUER,
      sub: "5ba552d67",
      aud: RESOURCE,
      exp: NOW + 600,
      iat: NOW - 10,
      jti: `at-${id}`,
      client_id: CLIENT_ID,
      scope: "read",
      cnf: { jkt: keyOf(id).thumbprint },
    };
    out.push({ key: id, token: await sign({ typ: "at+jwt", alg: es.alg, kid: es.kid }, claims, es) });
  }
  return out;
}

const ath = (token) => b64u(sha("sha256", token));

async function dpopCases(keyOf, bound) {
  const tokenOf = (id) => bound.find((b) => b.key === id).token;
  const proofHeader = (key, extra = {}) => ({ typ: "dpop+jwt", alg: key.alg, jwk: key.public_jwk, ...extra });
  const claims = (token, extra = {}) => ({ jti: crypto.randomUUID(), htm: "GET", htu: RS_URL, iat: NOW, ath: ath(token), ...extra });
  const without = (o, ...names) => Object.fromEntries(Object.entries(o).filter(([k]) => !names.includes(k)));
  const es = keyOf("client-es256"), ed = keyOf("client-ed25519"), rsa = keyOf("client-rs256"), other = keyOf("client-es256-b");
  const at = tokenOf("client-es256");
  const plan = [
    // name, signing key, bound token's key, header, claims, request (method, url)
    ["valid-es256", es, "client-es256", proofHeader(es), claims(at)],
    ["valid-eddsa", ed, "client-ed25519", proofHeader(ed), claims(tokenOf("client-ed25519"))],
    ["valid-rs256", rsa, "client-rs256", proofHeader(rsa), claims(tokenOf("client-rs256"))],
    ["htu-with-query", es, "client-es256", proofHeader(es), claims(at, { htu: `${RS_URL}?page=2` })],
    ["request-with-query", es, "client-es256", proofHeader(es), claims(at), { url: `${RS_URL}?page=2#top` }],
    ["htu-upper-case-host", es, "client-es256", proofHeader(es), claims(at, { htu: "HTTPS://RS.Example.com/api/items" })],
    ["htu-default-port", es, "client-es256", proofHeader(es), claims(at, { htu: "https://rs.example.com:443/api/items" })],
    ["htu-other-path", es, "client-es256", proofHeader(es), claims(at, { htu: "https://rs.example.com/api/other" })],
    ["htu-other-host", es, "client-es256", proofHeader(es), claims(at, { htu: "https://evil.example.com/api/items" })],
    ["htu-dot-segments", es, "client-es256", proofHeader(es), claims(at, { htu: "https://rs.example.com/api/../api/items" })],
    ["htu-escaped-unreserved", es, "client-es256", proofHeader(es), claims(at, { htu: "https://rs.example.com/api/%69tems" })],
    ["htu-not-a-url", es, "client-es256", proofHeader(es), claims(at, { htu: "/api/items" })],
    ["htm-other", es, "client-es256", proofHeader(es), claims(at, { htm: "POST" })],
    ["htm-lower-case", es, "client-es256", proofHeader(es), claims(at, { htm: "get" })],
    ["iat-200-ago", es, "client-es256", proofHeader(es), claims(at, { iat: NOW - 200 })],
    ["iat-400-ago", es, "client-es256", proofHeader(es), claims(at, { iat: NOW - 400 })],
    ["iat-200-ahead", es, "client-es256", proofHeader(es), claims(at, { iat: NOW + 200 })],
    ["iat-400-ahead", es, "client-es256", proofHeader(es), claims(at, { iat: NOW + 400 })],
    ["ath-other-token", es, "client-es256", proofHeader(es), claims(at, { ath: ath("another token") })],
    ["ath-missing", es, "client-es256", proofHeader(es), without(claims(at), "ath")],
    ["key-not-bound", other, "client-es256", proofHeader(other), claims(at)],
    ["typ-jwt", es, "client-es256", proofHeader(es, { typ: "JWT" }), claims(at)],
    ["typ-missing", es, "client-es256", proofHeader(es, { typ: undefined }), claims(at)],
    ["typ-application", es, "client-es256", proofHeader(es, { typ: "application/dpop+jwt" }), claims(at)],
    ["jwk-private", es, "client-es256", proofHeader(es, { jwk: es.private_jwk }), claims(at)],
    ["jwk-missing", es, "client-es256", proofHeader(es, { jwk: undefined }), claims(at)],
    ["jwk-string", es, "client-es256", proofHeader(es, { jwk: JSON.stringify(es.public_jwk) }), claims(at)],
    ["jti-missing", es, "client-es256", proofHeader(es), without(claims(at), "jti")],
    ["jti-number", es, "client-es256", proofHeader(es), claims(at, { jti: 7 })],
    ["htu-missing", es, "client-es256", proofHeader(es), without(claims(at), "htu")],
    ["htm-missing", es, "client-es256", proofHeader(es), without(claims(at), "htm")],
    ["iat-missing", es, "client-es256", proofHeader(es), without(claims(at), "iat")],
  ];
  const cases = [];
  for (const [name, key, boundTo, header, payload, request = {}] of plan) {
    const h = Object.fromEntries(Object.entries(header).filter(([, v]) => v !== undefined));
    cases.push({
      name,
      key: key.id,
      access_token: tokenOf(boundTo),
      method: request.method ?? "GET",
      url: request.url ?? RS_URL,
      proof: await sign(h, payload, key),
    });
  }
  cases.push({ name: "bad-signature", key: "client-es256", access_token: at, method: "GET", url: RS_URL, proof: tamper(await sign(proofHeader(es), claims(at), es)) });
  cases.push({ name: "alg-none", key: "client-es256", access_token: at, method: "GET", url: RS_URL, proof: unsigned(proofHeader(es, { alg: "none" }), claims(at)) });
  const secret = new TextEncoder().encode("a shared secret of thirty-two bytes");
  cases.push({
    name: "jwk-symmetric",
    key: null,
    access_token: at,
    method: "GET",
    url: RS_URL,
    proof: await new jose.CompactSign(new TextEncoder().encode(JSON.stringify(claims(at))))
      .setProtectedHeader({ typ: "dpop+jwt", alg: "HS256", jwk: { kty: "oct", k: b64u(secret) } })
      .sign(secret),
  });
  return cases;
}

function judgeDpop(c, jwks) {
  return judgeAccessToken({ token: c.access_token }, jwks, {
    authorization: `DPoP ${c.access_token}`,
    dpop: c.proof,
    method: c.method,
    url: c.url,
  });
}

// ---------------------------------------------------------------- generate

function jwksOf(keys) {
  return {
    keys: keys
      .filter((k) => k.id.startsWith("as-"))
      .map((k) => ({ ...k.public_jwk, kid: k.kid, alg: k.alg, use: "sig" })),
  };
}

function libraries() {
  return { jose: version("jose"), oauth4webapi: version("oauth4webapi"), node: process.version };
}

async function generate() {
  const keys = await makeKeys();
  const keyOf = (id) => keys.find((k) => k.id === id);
  const jwks = jwksOf(keys);
  const verdict = async (cases, judge) => {
    for (const c of cases) c.verdicts = { oauth4webapi: await judge(c) };
    return cases;
  };
  const bound = await boundAccessTokens(keyOf);
  const data = {
    note: "Generated by tests/gen/npm/oauth-tokens.mjs; tests/vectors/oauth-tokens.md describes it. Test keys only.",
    generator: "tests/gen/npm/oauth-tokens.mjs",
    libraries: libraries(),
    now: NOW,
    issuer: ISSUER,
    client_id: CLIENT_ID,
    resource: RESOURCE,
    nonce: NONCE,
    keys: keys.map(({ privateKey, ...k }) => k),
    jwks,
    metadata: await verdict(metadataCases(), judgeMetadata),
    id_tokens: await verdict(await idTokenCases(keyOf), (c) => judgeIdToken(c, jwks)),
    access_tokens: await verdict(await accessTokenCases(keyOf), (c) => judgeAccessToken(c, jwks)),
    introspection: await verdict(introspectionCases(keyOf), judgeIntrospection),
    bound_access_tokens: bound,
    dpop: await verdict(await dpopCases(keyOf, bound), (c) => judgeDpop(c, jwks)),
    verdicts_on_jeton: [],
  };
  writeFileSync(url(OUT), JSON.stringify(data, null, 1) + "\n");
  const count = (list) => `${list.length} (${list.filter((c) => c.verdicts.oauth4webapi.accepted).length} accepted)`;
  console.log(
    `metadata ${count(data.metadata)}, ID tokens ${count(data.id_tokens)}, access tokens ${count(data.access_tokens)}, ` +
      `introspection ${count(data.introspection)}, DPoP ${count(data.dpop)}`,
  );
  console.log("now run: JETON_REGENERATE_VECTORS=1 cargo test -p jeton-tests --test oauth_tokens, then node oauth-tokens.mjs judge");
}

// ---------------------------------------------------------------- judge

async function judge() {
  if (!existsSync(url(JETON))) {
    console.log(`tests/${JETON.slice(6)} does not exist yet: nothing of jeton's to judge`);
    return;
  }
  const data = readJson(OUT);
  const made = readJson(JETON);
  const verdicts = [];
  for (const p of made.proofs) {
    const clockSkew = p.iat - Math.floor(Date.now() / 1000);
    const as = { issuer: ISSUER, jwks_uri: `${ISSUER}/jwks` };
    const request = new Request(p.url, {
      method: p.method,
      headers: { authorization: `DPoP ${p.access_token}`, dpop: p.proof },
    });
    let v;
    try {
      const claims = await oauth.validateJwtAccessToken(as, request, RESOURCE, {
        [oauth.customFetch]: jwksResponse(data.jwks),
        [oauth.clockSkew]: clockSkew,
        [oauth.clockTolerance]: 0,
      });
      v = { accepted: true, sub: claims.sub };
    } catch (e) {
      v = refusal(e);
    }
    verdicts.push({ what: "dpop-proof", proof: p.proof, verdicts: { oauth4webapi: v } });
  }
  for (const k of made.public_jwks) {
    const jwk = JSON.parse(k.jwk);
    let v;
    try {
      await jose.importJWK(jwk, k.alg);
      v = { accepted: true, thumbprint: await jose.calculateJwkThumbprint(jwk) };
    } catch (e) {
      v = refusal(e);
    }
    verdicts.push({ what: "public-jwk", key: k.key, jwk: k.jwk, verdicts: { jose: v } });
  }
  data.verdicts_on_jeton = verdicts;
  data.libraries = libraries();
  writeFileSync(url(OUT), JSON.stringify(data, null, 1) + "\n");
  console.log(`judged ${verdicts.length} of jeton's outputs: ${verdicts.filter((v) => Object.values(v.verdicts)[0].accepted).length} accepted`);
}

const mode = process.argv[2] ?? "generate";
if (mode === "generate") await generate();
else if (mode === "judge") await judge();
else throw new Error(`unknown mode ${mode}: generate (default) or judge`);
