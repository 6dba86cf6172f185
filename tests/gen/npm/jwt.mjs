// Produces tests/vectors/npm-jwt.json from the real npm `jose` and
// `jsonwebtoken` packages:
//
// - tokens each library signs, for every claim shape and key of
//   tests/gen/jwt-shapes.json, with the library's own verdict on them;
// - each library's verdict on the tokens jeton made
//   (tests/vectors/jeton-jwt.json), with the claims it decoded.
//
// Run from this folder (versions as package-lock.json pins them): npm ci && node jwt.mjs

import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import * as jose from "jose";

const require = createRequire(import.meta.url);
const jsonwebtoken = require("jsonwebtoken");

const read = (path) => JSON.parse(readFileSync(new URL(path, import.meta.url)));
const version = (name) => read(`node_modules/${name}/package.json`).version;
const spec = read("../jwt-shapes.json");
const jetonTokens = read("../../vectors/jeton-jwt.json");

async function joseVerify(token, key, validation) {
  try {
    const options = { algorithms: [key.alg] };
    if (validation?.issuer) options.issuer = validation.issuer;
    if (validation?.audience) options.audience = validation.audience;
    const { payload } = await jose.jwtVerify(token, new TextEncoder().encode(key.secret), options);
    return { accepted: true, claims: payload };
  } catch (e) {
    return { accepted: false, error: e.code || String(e) };
  }
}

function jsonwebtokenVerify(token, key, validation) {
  try {
    const options = { algorithms: [key.alg] };
    if (validation?.issuer) options.issuer = validation.issuer;
    if (validation?.audience) options.audience = validation.audience;
    return { accepted: true, claims: jsonwebtoken.verify(token, key.secret, options) };
  } catch (e) {
    return { accepted: false, error: e.name + ": " + e.message };
  }
}

const tokens = [];
for (const key of spec.keys) {
  for (const shape of spec.shapes) {
    const header = { alg: key.alg, typ: "JWT", kid: key.kid };
    const joseToken = await new jose.SignJWT(shape.claims)
      .setProtectedHeader(header)
      .sign(new TextEncoder().encode(key.secret));
    tokens.push({
      lib: "jose",
      shape: shape.name,
      alg: key.alg,
      token: joseToken,
      ...(await joseVerify(joseToken, key, shape.validation)),
    });
    const jwtToken = jsonwebtoken.sign(shape.claims, key.secret, {
      algorithm: key.alg,
      keyid: key.kid,
      noTimestamp: true,
    });
    tokens.push({
      lib: "jsonwebtoken",
      shape: shape.name,
      alg: key.alg,
      token: jwtToken,
      ...jsonwebtokenVerify(jwtToken, key, shape.validation),
    });
  }
}

const verdicts = [];
for (const made of jetonTokens.tokens) {
  const key = spec.keys.find((k) => k.alg === made.alg);
  const shape = spec.shapes.find((s) => s.name === made.shape);
  // Each verdict names the token it judged.
  verdicts.push({ lib: "jose", shape: made.shape, alg: made.alg, token: made.token, ...(await joseVerify(made.token, key, shape.validation)) });
  verdicts.push({ lib: "jsonwebtoken", shape: made.shape, alg: made.alg, token: made.token, ...jsonwebtokenVerify(made.token, key, shape.validation) });
}

const out = {
  generator: "tests/gen/npm/jwt.mjs",
  libraries: { jose: version("jose"), jsonwebtoken: version("jsonwebtoken") },
  tokens,
  verdicts_on_jeton: verdicts,
};
writeFileSync(new URL("../../vectors/npm-jwt.json", import.meta.url), JSON.stringify(out, null, 1) + "\n");
console.log(`${tokens.length} peer tokens, ${verdicts.length} verdicts on jeton tokens`);
