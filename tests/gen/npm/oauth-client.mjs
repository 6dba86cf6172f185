// Produces tests/vectors/oauth-client.json from the real npm `oauth4webapi`
// (and the WHATWG URL / URLSearchParams of Node, which oauth4webapi builds
// every request with): PKCE pairs from given random bytes, authorization
// URLs, client_secret_basic header values, token, PAR and device request
// bodies (captured through oauth4webapi's customFetch hook, so nothing
// goes to a network), client assertions, and oauth4webapi's verdicts on
// token responses, callbacks and device authorization responses.
//
// Run from this folder (versions as package-lock.json pins them):
//   npm ci && node oauth-client.mjs

import { readFileSync, writeFileSync } from "node:fs";
import * as oauth from "oauth4webapi";

const version = JSON.parse(
  readFileSync(new URL("node_modules/oauth4webapi/package.json", import.meta.url)),
).version;

// oauth4webapi draws every random value (verifiers, jti) through
// crypto.getRandomValues: hand it chosen bytes so that the same inputs go
// to jeton.
let planned = null;
const realRandom = crypto.getRandomValues.bind(crypto);
Object.defineProperty(crypto, "getRandomValues", {
  value: (array) => {
    if (planned === null) return realRandom(array);
    if (planned.length !== array.length) throw new Error("planned random bytes of the wrong length");
    array.set(planned);
    planned = null;
    return array;
  },
});
const withRandom = (bytes, f) => {
  planned = Uint8Array.from(bytes);
  try {
    return f();
  } finally {
    planned = null;
  }
};
const hex = (bytes) => Buffer.from(bytes).toString("hex");
const bytesOf = (seed, n) => Array.from({ length: n }, (_, i) => (seed * 97 + i * 31 + (i * i) % 13) & 0xff);

const issuer = "https://as.example.com";
const as = {
  issuer,
  authorization_endpoint: `${issuer}/authorize`,
  token_endpoint: `${issuer}/token`,
  pushed_authorization_request_endpoint: `${issuer}/par`,
  device_authorization_endpoint: `${issuer}/device`,
};

// Every request oauth4webapi would send is caught here.
let captured = null;
const capture = {
  [oauth.customFetch]: async (url, init) => {
    captured = {
      url,
      authorization: init.headers.authorization ?? null,
      body: init.body.toString(),
    };
    return new Response("{}", { status: 599 });
  },
};
const sent = async (f) => {
  captured = null;
  await f();
  if (captured === null) throw new Error("nothing sent");
  return captured;
};

// --- PKCE ---------------------------------------------------------------
const pkce = [];
const rfc7636 = [116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186,
  22, 212, 37, 77, 105, 214, 191, 240, 91, 88, 5, 88, 83, 132, 141, 121];
for (const random of [rfc7636, ...[0, 1, 2, 3, 4, 5, 6, 7].map((s) => bytesOf(s, 32)), new Array(32).fill(0), new Array(32).fill(255)]) {
  const verifier = withRandom(random, () => oauth.generateRandomCodeVerifier());
  pkce.push({ random: hex(random), verifier, challenge: await oauth.calculatePKCECodeChallenge(verifier) });
}
// Verifiers of other lengths and characters, as a client may bring them.
const challenges = [];
for (const verifier of [
  "a".repeat(43), "~".repeat(128), "0123456789-._~ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
  "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", "x.y_z~w-".repeat(12),
]) {
  challenges.push({ verifier, challenge: await oauth.calculatePKCECodeChallenge(verifier) });
}

// --- Authorization URLs -------------------------------------------------
// Built the way oauth4webapi's documentation builds them: a URL of the
// endpoint, parameters set on its searchParams in jeton's order.
const authorization = [];
const requests = [
  { client_id: "s6BhdRkqt3", redirect_uri: "https://client.example.com/cb", state: "xyz" },
  {
    client_id: "my-app", redirect_uri: "https://app.example/callback", scope: ["openid", "email", "profile"],
    state: "v1.1700000600.abc-_", nonce: "n-0S6_WzA2Mj", code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
  },
  {
    client_id: "client with spaces & symbols", redirect_uri: "http://127.0.0.1:8080/cb?x=1", scope: ["read:all", "write!", "a~b*c"],
    state: "é€😀 +%", prompt: "login consent", login_hint: "jdoe@example.com", max_age: 0,
    resource: ["https://api.example.com/", "urn:example:resource"], extra: [["ui_locales", "fr-CA fr en"], ["acr_values", "urn:mace:incommon:iap:silver"]],
  },
  {
    client_id: "app", redirect_uri: "com.example.app:/oauth2redirect", code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
    max_age: 3600, extra: [["response_mode", "form_post"], ["claims", '{"id_token":{"email":null}}']],
  },
];
const endpoints = [
  `${issuer}/authorize`,
  `${issuer}/authorize?`,
  `${issuer}/oauth2/v2.0/authorize?tenant=contoso`,
  `${issuer}/authorize?p=a+b&q=%7E`,
  `${issuer}/authorize?p=a%20b`,
  `${issuer}/authorize?x=1&`,
];
for (const endpoint of endpoints) {
  for (const r of requests) {
    const url = new URL(endpoint);
    const p = url.searchParams;
    p.append("response_type", "code");
    p.append("client_id", r.client_id);
    p.append("redirect_uri", r.redirect_uri);
    if (r.scope) p.append("scope", r.scope.join(" "));
    if (r.state) p.append("state", r.state);
    if (r.nonce) p.append("nonce", r.nonce);
    if (r.code_challenge) {
      p.append("code_challenge", r.code_challenge);
      p.append("code_challenge_method", "S256");
    }
    if (r.prompt) p.append("prompt", r.prompt);
    if (r.login_hint) p.append("login_hint", r.login_hint);
    if (r.max_age !== undefined) p.append("max_age", String(r.max_age));
    for (const res of r.resource ?? []) p.append("resource", res);
    for (const [k, v] of r.extra ?? []) p.append(k, v);
    const query = endpoint.includes("?") ? endpoint.slice(endpoint.indexOf("?") + 1) : "";
    authorization.push({
      endpoint,
      // Whether the endpoint's own query is already as URLSearchParams
      // writes it (it rewrites it otherwise; jeton keeps it).
      endpoint_query_canonical: new URLSearchParams(query).toString() === query.replace(/&$/, ""),
      request: r,
      url: url.href,
    });
  }
}

// --- client_secret_basic ------------------------------------------------
const basic = [];
for (const [id, secret] of [
  ["s6BhdRkqt3", "gX1fBat3bV"],
  ["my-client_1.2", "a-b_c.d*e"],
  ["client id", "pass word"],
  ["id:with:colons", "sec:ret"],
  ["üñí", "çødé 😀"],
  ["plus+amp&eq=", "%41%+"],
  ["tilde~bang!quote'paren()", "star*"],
  ["6779ef20e75817b79602", "ZJYCqe3GGRvdrudKyZS0XhGv_Z45DuKhCUk0gBR1vZk"],
  ["CLIENT1234", ""],
]) {
  let auth;
  try {
    auth = oauth.ClientSecretBasic(secret);
  } catch (e) {
    // oauth4webapi refuses an empty secret (RFC 6749 section 2.3.1
    // allows one); jeton sends it.
    basic.push({ client_id: id, client_secret: secret, authorization: null, body: null, refused: String(e.message) });
    continue;
  }
  const c = await sent(() => oauth.clientCredentialsGrantRequest(as, { client_id: id }, auth, {}, capture).catch(() => {}));
  basic.push({ client_id: id, client_secret: secret, authorization: c.authorization, body: c.body, refused: null });
}

// --- Token request bodies -----------------------------------------------
const auths = {
  none: () => oauth.None(),
  client_secret_basic: (secret) => oauth.ClientSecretBasic(secret),
  client_secret_post: (secret) => oauth.ClientSecretPost(secret),
};
const tokenRequests = [];
const verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
for (const [method, make] of Object.entries(auths)) {
  for (const [client_id, secret] of [["s6BhdRkqt3", "gX1fBat3bV"], ["client id+é", "s e/c:r%t"]]) {
    const client = { client_id };
    const auth = make(secret);
    const record = async (grant, f) => {
      const c = await sent(() => f().catch(() => {}));
      tokenRequests.push({ grant, auth: { method, client_id, client_secret: secret }, authorization: c.authorization, body: c.body });
    };
    for (const [code, redirect_uri] of [
      ["SplxlOBeZQQYbYS6WxSbIA", "https://client.example.com/cb"],
      ["a code with spaces/&=+", "http://127.0.0.1:3000/cb?x=y"],
    ]) {
      const callback = oauth.validateAuthResponse(as, client, new URLSearchParams({ code }), oauth.expectNoState);
      await record({ type: "authorization_code", code, redirect_uri, code_verifier: verifier }, () =>
        oauth.authorizationCodeGrantRequest(as, client, auth, callback, redirect_uri, verifier, capture),
      );
    }
    await record({ type: "refresh_token", refresh_token: "tGzv3JOkF0XG5Qx2TlKWIA", scope: ["read", "write"] }, () =>
      oauth.refreshTokenGrantRequest(as, client, auth, "tGzv3JOkF0XG5Qx2TlKWIA", { ...capture, additionalParameters: { scope: "read write" } }),
    );
    await record({ type: "client_credentials", scope: ["api:read"], resource: ["https://api.example.com/", "urn:x:y"] }, () =>
      oauth.clientCredentialsGrantRequest(as, client, auth,
        new URLSearchParams([["scope", "api:read"], ["resource", "https://api.example.com/"], ["resource", "urn:x:y"]]), capture),
    );
    await record({ type: "device_code", device_code: "GmRhmhcxhwAzkoEqiMEg_DnyEysNkuNhszIySk9eS" }, () =>
      oauth.deviceCodeGrantRequest(as, client, auth, "GmRhmhcxhwAzkoEqiMEg_DnyEysNkuNhszIySk9eS", capture),
    );
    // PAR: the authorization request's parameters, pushed.
    const par = new URLSearchParams([
      ["response_type", "code"], ["client_id", client_id], ["redirect_uri", "https://client.example.com/cb"],
      ["scope", "openid profile"], ["state", "af0ifjsldkj"], ["code_challenge", "K2-ltc83acc4h0c9w6ESC_rEMTJ3bww-uCHaoeK1t8U"],
      ["code_challenge_method", "S256"],
    ]);
    const c = await sent(() => oauth.pushedAuthorizationRequest(as, client, auth, par, capture).catch(() => {}));
    tokenRequests.push({
      grant: { type: "par", client_id, redirect_uri: "https://client.example.com/cb", scope: ["openid", "profile"], state: "af0ifjsldkj", code_challenge: "K2-ltc83acc4h0c9w6ESC_rEMTJ3bww-uCHaoeK1t8U" },
      auth: { method, client_id, client_secret: secret }, authorization: c.authorization, body: c.body,
    });
    const d = await sent(() =>
      oauth.deviceAuthorizationRequest(as, client, auth, new URLSearchParams([["scope", "openid profile"]]), capture).catch(() => {}),
    );
    tokenRequests.push({ grant: { type: "device_authorization", scope: ["openid", "profile"] }, auth: { method, client_id, client_secret: secret }, authorization: d.authorization, body: d.body });
  }
}

// --- Client assertions (private_key_jwt) ---------------------------------
const assertions = [];
for (const [alg, params] of [["ES256", { name: "ECDSA", namedCurve: "P-256" }], ["EdDSA", { name: "Ed25519" }]]) {
  const pair = await crypto.subtle.generateKey(params, true, ["sign", "verify"]);
  const jwk = await crypto.subtle.exportKey("jwk", pair.privateKey);
  for (const [client_id, kid] of [["s6BhdRkqt3", "key-1"], ["client id é", undefined]]) {
    const now = 1_700_000_000;
    const jti = bytesOf(alg.length + client_id.length, 32);
    const auth = oauth.PrivateKeyJwt(kid ? { key: pair.privateKey, kid } : pair.privateKey, {
      [oauth.modifyAssertion]: (header, payload) => {
        // Pin the clock; the jti comes from the planned random bytes.
        payload.iat = now;
        payload.nbf = now;
        payload.exp = now + 60;
      },
    });
    planned = Uint8Array.from(jti);
    const c = await sent(() => oauth.clientCredentialsGrantRequest(as, { client_id }, auth, {}, capture).catch(() => {}));
    planned = null;
    const body = new URLSearchParams(c.body);
    assertions.push({
      alg, jwk, kid: kid ?? null, client_id, audience: issuer, now, jti_random: hex(jti),
      assertion: body.get("client_assertion"), body: c.body,
    });
  }
}

// --- Token responses ----------------------------------------------------
const classify = (e) => {
  if (e instanceof oauth.ResponseBodyError) return { verdict: "oauth_error", error: e.error };
  if (e instanceof oauth.UnsupportedOperationError) return { verdict: "unsupported" };
  if (e instanceof oauth.AuthorizationResponseError) return { verdict: "oauth_error", error: e.error };
  if (e instanceof oauth.OperationProcessingError) return { verdict: "invalid", code: e.code };
  throw e;
};
const tokenResponses = [];
const tokenBodies = [
  // RFC 6749 section 5.1 (with a usable type), then variations.
  [200, '{"access_token":"2YotnFZFEjr1zCsicMWpAA","token_type":"Bearer","expires_in":3600,"refresh_token":"tGzv3JOkF0XG5Qx2TlKWIA","example_parameter":"example_value"}'],
  [200, '{"access_token":"2YotnFZFEjr1zCsicMWpAA","token_type":"example","expires_in":3600,"refresh_token":"tGzv3JOkF0XG5Qx2TlKWIA","example_parameter":"example_value"}'],
  [200, '{"access_token":"a","token_type":"bearer"}'],
  [200, '{"access_token":"a","token_type":"BEARER"}'],
  [200, '{"access_token":"a","token_type":"DPoP","expires_in":60}'],
  [200, '{"access_token":"a","token_type":"dpop"}'],
  [200, '{"access_token":"a","token_type":"mac"}'],
  [200, '{"access_token":"a","token_type":"N_A"}'],
  [200, '{"access_token":"a","token_type":""}'],
  [200, '{"access_token":"","token_type":"Bearer"}'],
  [200, '{"token_type":"Bearer"}'],
  [200, '{"access_token":"a"}'],
  [200, '{"access_token":1,"token_type":"Bearer"}'],
  [200, '{"access_token":"a","token_type":1}'],
  [200, '{"access_token":null,"token_type":"Bearer"}'],
  [200, '{"access_token":"a","token_type":"Bearer","expires_in":"3600"}'],
  [200, '{"access_token":"a","token_type":"Bearer","expires_in":"0"}'],
  [200, '{"access_token":"a","token_type":"Bearer","expires_in":0}'],
  [200, '{"access_token":"a","token_type":"Bearer","expires_in":-1}'],
  [200, '{"access_token":"a","token_type":"Bearer","expires_in":"-1"}'],
  [200, '{"access_token":"a","token_type":"Bearer","expires_in":3599.9}'],
  [200, '{"access_token":"a","token_type":"Bearer","expires_in":"3599.9"}'],
  [200, '{"access_token":"a","token_type":"Bearer","expires_in":3.6e3}'],
  [200, '{"access_token":"a","token_type":"Bearer","expires_in":"3600s"}'],
  [200, '{"access_token":"a","token_type":"Bearer","expires_in":" 3600"}'],
  [200, '{"access_token":"a","token_type":"Bearer","expires_in":"abc"}'],
  [200, '{"access_token":"a","token_type":"Bearer","expires_in":""}'],
  [200, '{"access_token":"a","token_type":"Bearer","expires_in":null}'],
  [200, '{"access_token":"a","token_type":"Bearer","expires_in":true}'],
  [200, '{"access_token":"a","token_type":"Bearer","expires_in":[60]}'],
  [200, '{"access_token":"a","token_type":"Bearer","refresh_token":"r"}'],
  [200, '{"access_token":"a","token_type":"Bearer","refresh_token":""}'],
  [200, '{"access_token":"a","token_type":"Bearer","refresh_token":null}'],
  [200, '{"access_token":"a","token_type":"Bearer","refresh_token":5}'],
  [200, '{"access_token":"a","token_type":"Bearer","scope":"openid email"}'],
  [200, '{"access_token":"a","token_type":"Bearer","scope":""}'],
  [200, '{"access_token":"a","token_type":"Bearer","scope":null}'],
  [200, '{"access_token":"a","token_type":"Bearer","scope":["openid"]}'],
  [200, '{"access_token":"a","token_type":"Bearer","id_token":""}'],
  [200, '{"access_token":"a","token_type":"Bearer","id_token":7}'],
  [200, '{"access_token":"a","token_type":"Bearer","unknown":{"nested":[1,2,{"x":null}]},"another":true}'],
  [200, '{"access_token":"a\\u0062","token_type":"B\\u0065arer","scope":"x\\u0020y"}'],
  [200, '{"access_token":"a","token_type":"Bearer","access_token":"b"}'],
  [200, '{"access_token":"a","token_type":"Bearer","error":"invalid_grant"}'],
  [200, '{"error":"invalid_grant"}'],
  [200, '[]'],
  [200, '"string"'],
  [200, 'not json'],
  [200, '{"access_token":"a","token_type":"Bearer",}'],
  // RFC 6749 section 5.2 and the registered codes.
  [400, '{"error":"invalid_request"}'],
  [400, '{"error":"invalid_client","error_description":"Client authentication failed"}'],
  [400, '{"error":"invalid_grant","error_description":"The code was already used","error_uri":"https://as.example.com/errors/invalid_grant"}'],
  [400, '{"error":"unauthorized_client"}'],
  [400, '{"error":"unsupported_grant_type"}'],
  [400, '{"error":"invalid_scope"}'],
  [400, '{"error":"authorization_pending"}'],
  [400, '{"error":"slow_down"}'],
  [400, '{"error":"access_denied"}'],
  [400, '{"error":"expired_token"}'],
  [400, '{"error":"invalid_target"}'],
  [400, '{"error":"use_dpop_nonce","error_description":"Authorization server requires nonce in DPoP proof"}'],
  [400, '{"error":"some_custom_error"}'],
  [400, '{"error":"invalid_request","error_description":5}'],
];
for (const [status, body] of tokenBodies) {
  const response = new Response(body, { status, headers: { "content-type": "application/json" } });
  let result;
  try {
    const r = await oauth.processAuthorizationCodeResponse(as, { client_id: "c" }, response);
    result = {
      verdict: "ok",
      access_token: r.access_token,
      token_type: r.token_type,
      expires_in: r.expires_in ?? null,
      refresh_token: r.refresh_token ?? null,
      scope: r.scope ?? null,
    };
  } catch (e) {
    result = classify(e);
  }
  tokenResponses.push({ status, body, ...result });
}

// --- Callbacks ----------------------------------------------------------
const callbacks = [];
const callbackCases = [
  "code=SplxlOBeZQQYbYS6WxSbIA&state=xyz",
  "code=SplxlOBeZQQYbYS6WxSbIA&state=xyz&iss=https%3A%2F%2Fas.example.com",
  "state=xyz&code=a+b%2Bc%20d&iss=https://as.example.com",
  "code=abc&state=xyz&iss=https%3A%2F%2Fevil.example.com",
  "code=abc&state=xyz&iss=https%3A%2F%2Fas.example.com%2F",
  "code=abc&state=xyz&iss=",
  "code=abc&state=abc",
  "code=abc",
  "code=abc&state=",
  "code=abc&state=xyz&state=xyz",
  "code=abc&code=abc&state=xyz",
  "code=abc&c%6Fde=def&state=xyz",
  "code=abc&state=xyz&iss=https%3A%2F%2Fas.example.com&iss=https%3A%2F%2Fas.example.com",
  "code=&state=xyz",
  "state=xyz",
  "",
  "error=access_denied&state=xyz",
  "error=invalid_request&error_description=Unsupported%20response_type%20value&state=xyz",
  "error=login_required&state=xyz&iss=https%3A%2F%2Fas.example.com",
  "error=server_error&error_uri=https%3A%2F%2Fas.example.com%2Ferr&state=xyz",
  "error=temporarily_unavailable&state=xyz&error_description=a&error_description=b",
  "error=access_denied&state=other",
  "error=&code=abc&state=xyz",
  "error=access_denied&code=abc&state=xyz",
  "code=abc&state=xyz&id_token=eyJ",
  "code=abc&state=xyz&token=abc",
  "code=abc&state=xyz&response=eyJ",
  "code=abc&state=xyz&unknown=1&unknown=2&&&",
  "&&code=abc&&state=xyz&&",
  "code=abc&state=x%79z",
  "code=abc&state=xy+z",
  "code=abc&state=%E2%82%AC",
  "code=%FF&state=xyz",
  "Code=abc&state=xyz",
  "code=abc&STATE=xyz",
];
for (const query of callbackCases) {
  for (const issSupported of [false, true]) {
    const asConfig = { ...as, authorization_response_iss_parameter_supported: issSupported };
    let result;
    try {
      const params = oauth.validateAuthResponse(asConfig, { client_id: "c" }, new URLSearchParams(query), "xyz");
      // What authorizationCodeGrantRequest then requires.
      const all = params.getAll("code");
      if (all.length > 1) throw new oauth.OperationProcessingError('"code" parameter must be provided only once', { code: oauth.INVALID_RESPONSE });
      if (!all[0]) throw new oauth.OperationProcessingError("no authorization code", { code: oauth.INVALID_RESPONSE });
      result = { verdict: "ok", code: all[0] };
    } catch (e) {
      result = classify(e);
    }
    callbacks.push({ query, expected_state: "xyz", iss_required: issSupported, ...result });
  }
}

// --- Device authorization responses --------------------------------------
const deviceResponses = [];
const deviceBodies = [
  [200, '{"device_code":"GmRhmhcxhwAzkoEqiMEg_DnyEysNkuNhszIySk9eS","user_code":"WDJB-MJHT","verification_uri":"https://example.com/device","verification_uri_complete":"https://example.com/device?user_code=WDJB-MJHT","expires_in":1800,"interval":5}'],
  [200, '{"device_code":"d","user_code":"u","verification_uri":"https://example.com/device","expires_in":1800}'],
  [200, '{"device_code":"d","user_code":"u","verification_uri":"v","expires_in":"1800"}'],
  [200, '{"device_code":"d","user_code":"u","verification_uri":"v","expires_in":0}'],
  [200, '{"device_code":"d","user_code":"u","verification_uri":"v","expires_in":-5}'],
  [200, '{"device_code":"d","user_code":"u","verification_uri":"v","expires_in":"1e3"}'],
  [200, '{"device_code":"d","user_code":"u","verification_uri":"v","expires_in":1800,"interval":2.5}'],
  [200, '{"device_code":"d","user_code":"u","verification_uri":"v","expires_in":1800,"interval":0}'],
  [200, '{"device_code":"d","user_code":"u","verification_uri":"v","expires_in":1800,"interval":-1}'],
  [200, '{"device_code":"d","user_code":"u","verification_uri":"v","expires_in":1800,"interval":"5"}'],
  [200, '{"device_code":"d","user_code":"u","verification_uri":"v","expires_in":1800,"interval":null}'],
  [200, '{"device_code":"d","user_code":"u","verification_uri":"v","expires_in":1800,"verification_uri_complete":""}'],
  [200, '{"device_code":"d","user_code":"u","verification_uri":"v","expires_in":1800,"verification_uri_complete":5}'],
  [200, '{"user_code":"u","verification_uri":"v","expires_in":1800}'],
  [200, '{"device_code":"d","verification_uri":"v","expires_in":1800}'],
  [200, '{"device_code":"d","user_code":"u","expires_in":1800}'],
  [200, '{"device_code":"d","user_code":"u","verification_uri":"v"}'],
  [200, '{"device_code":"","user_code":"u","verification_uri":"v","expires_in":1800}'],
  [200, '{"device_code":"d","user_code":"u","verification_url":"v","expires_in":1800}'],
  [200, '{"device_code":"d","user_code":"u","verification_uri":"v","expires_in":1800,"extra":[1,{"a":2}]}'],
  [200, '[1]'],
  [400, '{"error":"invalid_client"}'],
  [400, '{"error":"unauthorized_client","error_description":"not for devices"}'],
  [400, '{"error":"access_denied"}'],
];
for (const [status, body] of deviceBodies) {
  const response = new Response(body, { status, headers: { "content-type": "application/json" } });
  let result;
  try {
    const r = await oauth.processDeviceAuthorizationResponse(as, { client_id: "c" }, response);
    result = {
      verdict: "ok",
      device_code: r.device_code,
      user_code: r.user_code,
      verification_uri: r.verification_uri,
      verification_uri_complete: r.verification_uri_complete ?? null,
      expires_in: r.expires_in,
      interval: r.interval ?? null,
    };
  } catch (e) {
    result = classify(e);
  }
  deviceResponses.push({ status, body, ...result });
}

writeFileSync(
  new URL("../../vectors/oauth-client.json", import.meta.url),
  JSON.stringify(
    {
      generator: "tests/gen/npm/oauth-client.mjs",
      library: { oauth4webapi: version, node: process.version },
      issuer,
      pkce,
      challenges,
      authorization,
      basic,
      token_requests: tokenRequests,
      assertions,
      token_responses: tokenResponses,
      callbacks,
      device_responses: deviceResponses,
    },
    null,
    1,
  ) + "\n",
);
console.log(
  `${pkce.length + challenges.length} PKCE, ${authorization.length} URLs, ${basic.length} Basic, ` +
    `${tokenRequests.length} request bodies, ${assertions.length} assertions, ${tokenResponses.length} token responses, ` +
    `${callbacks.length} callbacks, ${deviceResponses.length} device responses`,
);
