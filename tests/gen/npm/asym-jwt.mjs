// Produces tests/vectors/asym-jwt.json (asymmetric JWT interop) from the
// real npm `jose` package and Node's crypto, and judges jeton's tokens.
//
// Three steps, each peer writing only its own fields (see
// tests/vectors/asym-jwt.md for the format):
//
//   node asym-jwt.mjs          fresh keys, JWKS documents, tokens jose signs,
//                              attack tokens (assembled by hand with Node's
//                              crypto), RFC examples; jose's verdict on each.
//   python3 ../python/pyjwt_asym_vectors.py
//                              PyJWT's tokens and PyJWT's verdict on everything.
//   node asym-jwt.mjs judge    jose's verdict on PyJWT's tokens, and on jeton's
//                              tokens (tests/vectors/jeton-asym-jwt.json, when
//                              it exists) into tests/vectors/asym-jwt-judged.json.
//
// After jeton writes its tokens, both peers judge them again:
//   node asym-jwt.mjs judge && python3 ../python/pyjwt_asym_vectors.py judge
//
// Run from this folder (versions as package-lock.json pins them): npm ci first.
// The keys are test data, published here: never use them for anything.

import { readFileSync, writeFileSync, existsSync } from "node:fs";
import * as crypto from "node:crypto";
import * as jose from "jose";

const url = (path) => new URL(path, import.meta.url);
const readJson = (path) => JSON.parse(readFileSync(url(path)));
const OUT = "../../vectors/asym-jwt.json";
const JETON = "../../vectors/jeton-asym-jwt.json";
const JUDGED = "../../vectors/asym-jwt-judged.json";
const spec = readJson("../jwt-shapes.json");
const shapeNamed = (name) => spec.shapes.find((s) => s.name === name);

const b64u = (bytes) => Buffer.from(bytes).toString("base64url");
const unb64u = (text) => Buffer.from(text, "base64url");
const segment = (obj) => b64u(JSON.stringify(obj));
const toBig = (bytes) => BigInt("0x" + (Buffer.from(bytes).toString("hex") || "0"));
function toBytes(n, len) {
  let hex = n.toString(16);
  if (hex.length % 2) hex = "0" + hex;
  const raw = Buffer.from(hex, "hex");
  if (len === undefined || raw.length === len) return raw;
  if (raw.length > len) throw new Error("integer too long");
  return Buffer.concat([Buffer.alloc(len - raw.length), raw]);
}

// Group orders: P-256 and P-384 (SEC 2), Ed25519's L (RFC 8032 section 5.1).
const ORDER = {
  "P-256": 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n,
  "P-384": 0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973n,
};
const ED25519_L = (1n << 252n) + 27742317777372353535851937790883648493n;
const HASH = { 256: "sha256", 384: "sha384", 512: "sha512" };
const algHash = (alg) => HASH[alg.slice(2)];

/** A refusal as recorded for every peer: the library's error code (or
 * class name) and its message. */
function refusal(e) {
  // WebCrypto's DOMException has a numeric legacy code: its name says more.
  const error = typeof e?.code === "string" ? e.code : e?.name || String(e);
  return { accepted: false, error, message: String(e?.message ?? e) };
}

/** jose's verdict on a JWT, checked with `key` (a public JWK object or a
 * key-set function), the header's own `alg` allowed (or the one `alg`
 * given), and the shape's issuer/audience when a shape is given. */
async function joseVerify(token, key, validation, alg = headerOf(token)?.alg) {
  const options = {};
  if (typeof alg === "string") options.algorithms = [alg];
  if (validation?.issuer) options.issuer = validation.issuer;
  if (validation?.audience) options.audience = validation.audience;
  try {
    const { payload } = await jose.jwtVerify(token, key, options);
    return { accepted: true, claims: payload };
  } catch (e) {
    return refusal(e);
  }
}

/** jose's other road for a JWK: importJWK(jwk, header alg), then
 * jwtVerify with the key it made (importJWK drops `use`; WebCrypto sees
 * `key_ops`). */
async function joseImportThenVerify(token, jwk) {
  let key;
  try {
    key = await jose.importJWK(jwk, headerOf(token)?.alg);
  } catch (e) {
    return { ...refusal(e), at: "importJWK" };
  }
  return joseVerify(token, key);
}

function headerOf(token) {
  try {
    return JSON.parse(unb64u(token.split(".")[0]).toString("utf8"));
  } catch {
    return undefined;
  }
}

/** A public JWK without private members, in a fixed member order. */
function publicJwk(jwk, kid) {
  const out = { kty: jwk.kty };
  for (const m of ["crv", "x", "y", "n", "e"]) if (jwk[m] !== undefined) out[m] = jwk[m];
  if (kid) out.kid = kid;
  return out;
}
function privateJwk(jwk, kid) {
  const out = publicJwk(jwk, kid);
  for (const m of ["d", "p", "q", "dp", "dq", "qi"]) if (jwk[m] !== undefined) out[m] = jwk[m];
  return out;
}

// ---------------------------------------------------------------- keys

const KEY_PLAN = [
  // id, how to generate, kid (null: none), the JWS algs it signs, role
  { id: "es256", gen: ["ES256"], kid: "es256-1", algs: ["ES256"], role: "signing" },
  { id: "es384", gen: ["ES384"], kid: "es384-1", algs: ["ES384"], role: "signing" },
  { id: "ed25519", gen: ["Ed25519"], kid: "ed25519-1", algs: ["EdDSA", "Ed25519"], role: "signing" },
  { id: "rsa2048", gen: ["RS256", 2048], kid: "thumbprint", algs: ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512"], role: "signing" },
  { id: "rsa3072", gen: ["RS256", 3072], kid: "rsa3072-1", algs: ["RS256", "PS256"], role: "signing" },
  { id: "rsa4096", gen: ["RS256", 4096], kid: "rsa4096-1", algs: ["RS256", "PS256"], role: "signing" },
  { id: "es256-nokid", gen: ["ES256"], kid: null, algs: ["ES256"], role: "signing" },
  { id: "ed25519-nokid", gen: ["Ed25519"], kid: null, algs: ["EdDSA"], role: "signing" },
  { id: "rsa2048-nokid", gen: ["RS256", 2048], kid: null, algs: ["RS256", "PS256"], role: "signing" },
  { id: "rsa1024", gen: ["node-rsa", 1024], kid: "rsa1024-1", algs: [], role: "small RSA key (attacks only)" },
  { id: "p256-b", gen: ["ES256"], kid: "p256-b", algs: [], role: "second P-256 key: wrong-curve attack, duplicate kid" },
  { id: "p521", gen: ["ES512"], kid: "es512-1", algs: [], role: "P-521 (ES512) key: in a JWKS, jose uses it" },
  { id: "p256-enc", gen: ["ES256"], kid: "p256-enc", algs: [], role: "published with use enc" },
  { id: "rsa-keyops", gen: ["RS256", 2048], kid: "rsa-keyops", algs: [], role: "published with key_ops [encrypt]" },
  { id: "x25519", gen: ["node-x25519"], kid: "x25519-1", algs: [], role: "X25519 (an encryption curve)" },
  { id: "attacker-es256", gen: ["ES256"], kid: "attacker-1", algs: [], role: "attacker" },
  { id: "attacker-rsa", gen: ["RS256", 2048], kid: "attacker-rsa", algs: [], role: "attacker" },
];

async function generateKey(plan) {
  const [how, bits] = plan.gen;
  let pub, priv, pem, madeBy;
  if (how === "node-rsa" || how === "node-x25519") {
    madeBy = `node:crypto generateKeyPairSync("${how === "node-rsa" ? "rsa" : "x25519"}")`;
    // jose refuses to make these (RSA below 2048 bits; X25519 is not a JWS key).
    const pair =
      how === "node-rsa"
        ? crypto.generateKeyPairSync("rsa", { modulusLength: bits, publicExponent: 65537 })
        : crypto.generateKeyPairSync("x25519");
    pub = pair.publicKey.export({ format: "jwk" });
    priv = pair.privateKey.export({ format: "jwk" });
    pem = pair.publicKey.export({ type: "spki", format: "pem" });
  } else {
    const options = { extractable: true };
    if (bits) options.modulusLength = bits;
    const pair = await jose.generateKeyPair(how, options);
    madeBy = `jose.generateKeyPair("${how}"${bits ? `, { modulusLength: ${bits} }` : ""})`;
    pub = await jose.exportJWK(pair.publicKey);
    priv = await jose.exportJWK(pair.privateKey);
    pem = await jose.exportSPKI(pair.publicKey);
  }
  const thumbprint = await jose.calculateJwkThumbprint(publicJwk(pub), "sha256");
  const kid = plan.kid === "thumbprint" ? thumbprint : plan.kid;
  const key = {
    id: plan.id,
    role: plan.role,
    made_by: madeBy,
    kty: pub.kty,
    ...(pub.crv ? { crv: pub.crv } : {}),
    ...(pub.n ? { bits: unb64u(pub.n).length * 8 } : {}),
    algs: plan.algs,
    kid,
    public_jwk: publicJwk(pub, kid),
    private_jwk: privateJwk(priv, kid),
    spki_pem: pem,
    thumbprint: { jose: thumbprint },
  };
  return key;
}

const privateKeyObject = (key) => crypto.createPrivateKey({ key: key.private_jwk, format: "jwk" });

/** Signs `input` as the JWS alg says, with Node's crypto; `options`
 * overrides the encoding (DER ECDSA) or the hash. */
function rawSign(alg, key, input, options = {}) {
  const data = Buffer.from(input);
  if (alg.startsWith("HS")) return crypto.createHmac(algHash(alg), options.secret).update(data).digest();
  const k = privateKeyObject(key);
  const hash = options.hash ?? (alg.startsWith("Ed") ? null : algHash(alg));
  if (alg === "EdDSA" || alg === "Ed25519") return crypto.sign(null, data, k);
  if (alg.startsWith("ES")) return crypto.sign(hash, data, { key: k, dsaEncoding: options.dsaEncoding ?? "ieee-p1363" });
  if (alg.startsWith("RS")) return crypto.sign(hash, data, { key: k, padding: crypto.constants.RSA_PKCS1_PADDING });
  if (alg.startsWith("PS"))
    return crypto.sign(hash, data, {
      key: k,
      padding: crypto.constants.RSA_PKCS1_PSS_PADDING,
      saltLength: Number(alg.slice(2)) / 8,
    });
  throw new Error(alg);
}

/** A compact JWS assembled by hand: header and claims as given, the
 * signature from `sign(signingInput)`. */
function assemble(header, claims, sign) {
  const input = `${segment(header)}.${segment(claims)}`;
  return `${input}.${b64u(sign(input))}`;
}

// ---------------------------------------------------------------- generate

async function generate() {
  const keys = [];
  for (const plan of KEY_PLAN) keys.push(await generateKey(plan));
  const K = Object.fromEntries(keys.map((k) => [k.id, k]));

  // Tokens jose signs for every key and alg, with and without kid.
  const SHAPES = ["minimal", "registered", "audience array"];
  const EXPIRED_TOO = new Set(["es256", "es384", "ed25519", "rsa2048"]);
  const tokens = [];
  for (const key of keys.filter((k) => k.role === "signing")) {
    for (const alg of key.algs) {
      const shapes = [...SHAPES];
      if (EXPIRED_TOO.has(key.id) && alg === key.algs[0]) shapes.push("expired", "wrong audience");
      for (const shapeName of shapes) {
        const shape = shapeNamed(shapeName);
        const header = { alg, typ: "JWT", ...(key.kid ? { kid: key.kid } : {}) };
        const token = await new jose.SignJWT(shape.claims).setProtectedHeader(header).sign(key.private_jwk);
        tokens.push({
          id: `jose/${key.id}/${alg}/${shapeName}`,
          lib: "jose",
          key: key.id,
          alg,
          kid: key.kid,
          shape: shapeName,
          token,
          verdicts: { jose: await joseVerify(token, key.public_jwk, shape.validation) },
        });
      }
    }
  }

  const jwks = await jwksDocuments(K);
  const attacks = await attackTokens(K, jwks);
  const rfc = await rfcExamples();

  const out = {
    note:
      "Asymmetric JWT interop data: fresh test keys (never use them), JWKS documents, tokens signed by jose and PyJWT, attack tokens, RFC examples; every verdict is the named peer's own. Format: tests/vectors/asym-jwt.md.",
    generators: {
      jose: "tests/gen/npm/asym-jwt.mjs",
      pyjwt: "tests/gen/python/pyjwt_asym_vectors.py",
    },
    libraries: {
      jose: readJson("node_modules/jose/package.json").version,
      node: process.version,
      node_openssl: process.versions.openssl,
    },
    now: spec.now,
    shapes_file: "tests/gen/jwt-shapes.json",
    keys,
    tokens,
    jwks,
    attacks,
    rfc,
  };
  writeFileSync(url(OUT), JSON.stringify(out, null, 1) + "\n");
  console.log(
    `${keys.length} keys, ${tokens.length} jose tokens, ${jwks.length} JWKS documents ` +
      `(${jwks.reduce((n, d) => n + d.tokens.length, 0)} tokens), ${attacks.length} attacks, ${rfc.length} RFC examples`,
  );
}

// ---------------------------------------------------------------- JWKS

/** A JWKS entry: the key's public JWK with members replaced or added. */
const entry = (key, extra) => ({ ...publicJwk(key.public_jwk), ...extra });

async function jwksDocuments(K) {
  const docs = [];
  const minimal = shapeNamed("minimal").claims;
  /** A token for a JWKS test: header as given, signed by `key` (jose for
   * JWS algs it signs, by hand otherwise). */
  const tokenFor = async (header, key) =>
    new jose.SignJWT(minimal).setProtectedHeader({ typ: "JWT", ...header }).sign(key.private_jwk);

  async function doc(id, description, document, cases) {
    let create;
    let set;
    try {
      set = jose.createLocalJWKSet(document);
      create = { ok: true };
    } catch (e) {
      create = { ok: false, ...refusal(e) };
      delete create.accepted;
    }
    const tokens = [];
    for (const c of cases) {
      const token = c.token ?? (await tokenFor(c.header, K[c.signer]));
      tokens.push({
        what: c.what,
        ...(c.entry !== undefined ? { entry: c.entry } : {}),
        signer: c.signer,
        alg: c.header.alg,
        kid: c.header.kid ?? null,
        token,
        verdicts: { jose: set ? await joseVerify(token, set) : { accepted: false, error: create.error, message: create.message } },
      });
    }
    docs.push({ id, description, document, jose_create: create, tokens });
  }

  // A provider's set: signing keys with kid, alg and use, then entries a
  // verifier must pass over.
  const provider = {
    keys: [
      entry(K.rsa2048, { kid: K.rsa2048.kid, alg: "RS256", use: "sig" }),
      entry(K.rsa3072, { kid: K.rsa3072.kid, alg: "PS256", use: "sig" }),
      entry(K.rsa4096, { kid: K.rsa4096.kid, use: "sig" }),
      entry(K.es256, { kid: K.es256.kid, alg: "ES256", use: "sig" }),
      entry(K.es384, { kid: K.es384.kid, alg: "ES384", use: "sig" }),
      entry(K.ed25519, { kid: K.ed25519.kid, alg: "EdDSA", use: "sig" }),
      entry(K.x25519, { kid: K.x25519.kid }),
      { kty: "FOO", kid: "unknown-kty", x: "AAAA" },
      entry(K["p256-enc"], { kid: "p256-enc", use: "enc" }),
      entry(K["rsa-keyops"], { kid: "rsa-keyops", key_ops: ["encrypt"] }),
    ],
  };
  await doc("provider", "A provider's key set: six signing keys with kid/alg/use, then an X25519 key, an unknown kty, a key with use enc and one with key_ops [encrypt].", provider, [
    { what: "RS256, kid of entry 0", entry: 0, signer: "rsa2048", header: { alg: "RS256", kid: K.rsa2048.kid } },
    { what: "PS256 over entry 0's key (its alg is RS256)", entry: 0, signer: "rsa2048", header: { alg: "PS256", kid: K.rsa2048.kid } },
    { what: "PS256, kid of entry 1", entry: 1, signer: "rsa3072", header: { alg: "PS256", kid: K.rsa3072.kid } },
    { what: "RS256, kid of entry 2 (no alg in the entry)", entry: 2, signer: "rsa4096", header: { alg: "RS256", kid: K.rsa4096.kid } },
    { what: "PS256, kid of entry 2 (no alg in the entry)", entry: 2, signer: "rsa4096", header: { alg: "PS256", kid: K.rsa4096.kid } },
    { what: "ES256, kid of entry 3", entry: 3, signer: "es256", header: { alg: "ES256", kid: K.es256.kid } },
    { what: "ES384, kid of entry 4", entry: 4, signer: "es384", header: { alg: "ES384", kid: K.es384.kid } },
    { what: "EdDSA, kid of entry 5", entry: 5, signer: "ed25519", header: { alg: "EdDSA", kid: K.ed25519.kid } },
    { what: "Ed25519 (fully specified alg), kid of entry 5 (whose alg is EdDSA)", entry: 5, signer: "ed25519", header: { alg: "Ed25519", kid: K.ed25519.kid } },
    { what: "EdDSA, kid of the X25519 entry 6 (signed by the Ed25519 key)", entry: 6, signer: "ed25519", header: { alg: "EdDSA", kid: K.x25519.kid } },
    { what: "ES256, kid of the unknown-kty entry 7 (signed by the ES256 key)", entry: 7, signer: "es256", header: { alg: "ES256", kid: "unknown-kty" } },
    { what: "ES256, kid of entry 8 (use enc), signed by that key", entry: 8, signer: "p256-enc", header: { alg: "ES256", kid: "p256-enc" } },
    { what: "RS256, kid of entry 9 (key_ops [encrypt]), signed by that key", entry: 9, signer: "rsa-keyops", header: { alg: "RS256", kid: "rsa-keyops" } },
    { what: "ES256 without kid (one EC P-256 candidate: entry 3)", signer: "es256", header: { alg: "ES256" } },
    { what: "RS256 without kid (two RSA candidates: entries 0 and 2)", signer: "rsa2048", header: { alg: "RS256" } },
    { what: "ES256 with a kid no entry carries", signer: "es256", header: { alg: "ES256", kid: "no-such-kid" } },
    { what: "ES384 header, kid of the ES256 entry 3", entry: 3, signer: "es384", header: { alg: "ES384", kid: K.es256.kid } },
  ]);

  await doc(
    "mixed",
    "Keys jeton may not use, each with a kid: an oct (HMAC) key, a P-521 key (ES512), a P-256 key whose alg says ES384, an RSA key whose alg is RSA-OAEP, a 1024-bit RSA key, and a usable ES256 key.",
    {
      keys: [
        { kty: "oct", kid: "hmac-1", alg: "HS256", k: b64u(Buffer.from(spec.keys[0].secret)) },
        entry(K.p521, { kid: K.p521.kid, alg: "ES512", use: "sig" }),
        entry(K["p256-b"], { kid: "p256-alg-es384", alg: "ES384" }),
        entry(K.rsa2048, { kid: "rsa-oaep", alg: "RSA-OAEP" }),
        entry(K.rsa1024, { kid: K.rsa1024.kid, alg: "RS256", use: "sig" }),
        entry(K.es256, { kid: K.es256.kid, alg: "ES256", use: "sig" }),
      ],
    },
    [
      {
        what: "HS256 with the oct entry's kid and secret",
        entry: 0,
        signer: null,
        header: { alg: "HS256", kid: "hmac-1" },
        token: assemble({ typ: "JWT", alg: "HS256", kid: "hmac-1" }, minimal, (i) => rawSign("HS256", null, i, { secret: spec.keys[0].secret })),
      },
      { what: "ES512, kid of the P-521 entry 1", entry: 1, signer: "p521", header: { alg: "ES512", kid: K.p521.kid } },
      { what: "ES256 by the P-256 key of entry 2, whose alg is ES384", entry: 2, signer: "p256-b", header: { alg: "ES256", kid: "p256-alg-es384" } },
      { what: "RS256 by the RSA key of entry 3, whose alg is RSA-OAEP", entry: 3, signer: "rsa2048", header: { alg: "RS256", kid: "rsa-oaep" } },
      {
        what: "RS256 by the 1024-bit key of entry 4",
        entry: 4,
        signer: "rsa1024",
        header: { alg: "RS256", kid: K.rsa1024.kid },
        token: assemble({ typ: "JWT", alg: "RS256", kid: K.rsa1024.kid }, minimal, (i) => rawSign("RS256", K.rsa1024, i)),
      },
      { what: "ES256, kid of entry 5", entry: 5, signer: "es256", header: { alg: "ES256", kid: K.es256.kid } },
    ],
  );

  await doc(
    "no-kid",
    "Keys without kid: an ES256 key, an EdDSA key and an RSA key, none naming its alg.",
    { keys: [entry(K["es256-nokid"]), entry(K["ed25519-nokid"]), entry(K["rsa2048-nokid"])] },
    [
      { what: "ES256 without kid", entry: 0, signer: "es256-nokid", header: { alg: "ES256" } },
      { what: "ES256 with a kid (no entry has one)", entry: 0, signer: "es256-nokid", header: { alg: "ES256", kid: "some-kid" } },
      { what: "EdDSA without kid", entry: 1, signer: "ed25519-nokid", header: { alg: "EdDSA" } },
      { what: "PS256 without kid", entry: 2, signer: "rsa2048-nokid", header: { alg: "PS256" } },
    ],
  );

  await doc(
    "duplicate-kid",
    "Two P-256 keys published under the same kid (as during a careless rotation).",
    { keys: [entry(K.es256, { kid: "dup", alg: "ES256", use: "sig" }), entry(K["p256-b"], { kid: "dup", alg: "ES256", use: "sig" })] },
    [
      { what: "ES256 by the first key, kid dup", entry: 0, signer: "es256", header: { alg: "ES256", kid: "dup" } },
      { what: "ES256 by the second key, kid dup", entry: 1, signer: "p256-b", header: { alg: "ES256", kid: "dup" } },
      { what: "ES256 by the second key, no kid", entry: 1, signer: "p256-b", header: { alg: "ES256" } },
    ],
  );

  await doc(
    "private-member",
    "A set whose ES256 entry carries its private member d (a set must hold public keys), next to a public EdDSA entry.",
    { keys: [{ ...K.es256.private_jwk, alg: "ES256", use: "sig" }, entry(K.ed25519, { kid: K.ed25519.kid, alg: "EdDSA", use: "sig" })] },
    [
      { what: "ES256, kid of the entry with d", entry: 0, signer: "es256", header: { alg: "ES256", kid: K.es256.kid } },
      { what: "EdDSA, kid of the public entry", entry: 1, signer: "ed25519", header: { alg: "EdDSA", kid: K.ed25519.kid } },
    ],
  );

  await doc("empty", "An empty set.", { keys: [] }, [
    { what: "ES256 with kid", signer: "es256", header: { alg: "ES256", kid: K.es256.kid } },
  ]);

  // Malformed sets, which jeton refuses whole.
  const malformedCases = [{ what: "ES256 with kid", signer: "es256", header: { alg: "ES256", kid: K.es256.kid } }];
  await doc("malformed-keys-object", "Malformed: keys is an object, not an array.", { keys: entry(K.es256, { kid: K.es256.kid }) }, malformedCases);
  await doc("malformed-no-keys", "Malformed: no keys member.", { key: [entry(K.es256, { kid: K.es256.kid })] }, malformedCases);
  await doc("malformed-key-not-object", "Malformed: an entry that is not an object, next to a good entry.", { keys: ["not a key", entry(K.es256, { kid: K.es256.kid, alg: "ES256" })] }, malformedCases);
  const { y: _y, ...noY } = entry(K["p256-b"], { kid: "missing-y", alg: "ES256", use: "sig" });
  await doc(
    "malformed-missing-member",
    "Malformed: an EC entry without its y member, next to a good ES256 entry.",
    { keys: [noY, entry(K.es256, { kid: K.es256.kid, alg: "ES256", use: "sig" })] },
    [
      { what: "ES256, kid of the entry missing y (signed by that key)", entry: 0, signer: "p256-b", header: { alg: "ES256", kid: "missing-y" } },
      { what: "ES256, kid of the good entry", entry: 1, signer: "es256", header: { alg: "ES256", kid: K.es256.kid } },
    ],
  );
  const rsaNoE = entry(K.rsa2048, { kid: "missing-e", alg: "RS256" });
  delete rsaNoE.e;
  await doc(
    "malformed-missing-e",
    "Malformed: an RSA entry without its e member, next to a good ES256 entry.",
    { keys: [rsaNoE, entry(K.es256, { kid: K.es256.kid, alg: "ES256", use: "sig" })] },
    [
      { what: "RS256, kid of the entry missing e", entry: 0, signer: "rsa2048", header: { alg: "RS256", kid: "missing-e" } },
      { what: "ES256, kid of the good entry", entry: 1, signer: "es256", header: { alg: "ES256", kid: K.es256.kid } },
    ],
  );
  return docs;
}

// ---------------------------------------------------------------- attacks

async function attackTokens(K, jwks) {
  const attacks = [];
  const claims = shapeNamed("minimal").claims;

  /** `check`: { key: id } (its public JWK; PyJWT its PEM), { jwk: {...} }
   * or { jwks: id }. */
  async function attack(id, description, token, check) {
    const against = check.key ? K[check.key].public_jwk : check.jwk ? check.jwk : jose.createLocalJWKSet(jwks.find((d) => d.id === check.jwks).document);
    const a = { id, description, header: headerOf(token) ?? null, token, check, verdicts: { jose: await joseVerify(token, against) } };
    if (check.jwk) a.other_paths = { jose_importJWK: await joseImportThenVerify(token, check.jwk) };
    attacks.push(a);
  }
  const hdr = (alg, key, more = {}) => ({ typ: "JWT", alg, ...(key?.kid ? { kid: key.kid } : {}), ...more });

  // Algorithm confusion: HS256 keyed with the public key's PEM text.
  const hmacWith = (secret) => (i) => crypto.createHmac("sha256", secret).update(i).digest();
  await attack("alg-confusion-rsa-pem", "HS256 whose HMAC secret is the RSA public key's SPKI PEM text (spki_pem, final newline included), checked against that RSA key.", assemble(hdr("HS256", K.rsa2048), claims, hmacWith(K.rsa2048.spki_pem)), { key: "rsa2048" });
  await attack("alg-confusion-rsa-pem-trimmed", "HS256 whose HMAC secret is the RSA key's PEM without its final newline, checked against that RSA key.", assemble(hdr("HS256", K.rsa2048), claims, hmacWith(K.rsa2048.spki_pem.trimEnd())), { key: "rsa2048" });
  await attack("alg-confusion-rsa-pem-jwks", "HS256 keyed with the RSA key's PEM text, kid of that key, checked against the provider JWKS.", assemble(hdr("HS256", K.rsa2048), claims, hmacWith(K.rsa2048.spki_pem)), { jwks: "provider" });
  await attack("alg-confusion-ec-pem", "HS256 whose HMAC secret is the P-256 public key's SPKI PEM text, checked against that EC key.", assemble(hdr("HS256", K.es256), claims, hmacWith(K.es256.spki_pem)), { key: "es256" });
  await attack("alg-confusion-ed25519-pem", "HS256 whose HMAC secret is the Ed25519 public key's SPKI PEM text, checked against that key.", assemble(hdr("HS256", K.ed25519), claims, hmacWith(K.ed25519.spki_pem)), { key: "ed25519" });

  // Unsecured tokens.
  const unsigned = (alg, sig = "") => `${segment(hdr(alg, K.es256))}.${segment(claims)}.${sig}`;
  await attack("none", 'alg "none" with an empty signature, checked against the ES256 key.', unsigned("none"), { key: "es256" });
  await attack("none-capitalized", 'alg "None" with an empty signature.', unsigned("None"), { key: "es256" });
  await attack("none-upper", 'alg "NONE" with an empty signature.', unsigned("NONE"), { key: "es256" });
  await attack("none-rsa", 'alg "none" with an empty signature, checked against the RSA key.', `${segment(hdr("none", K.rsa2048))}.${segment(claims)}.`, { key: "rsa2048" });
  await attack("none-jwks", 'alg "none", kid of the ES256 key, checked against the provider JWKS.', unsigned("none"), { jwks: "provider" });
  {
    const good = assemble(hdr("ES256", K.es256), claims, (i) => rawSign("ES256", K.es256, i));
    const sig = good.split(".")[2];
    await attack("none-with-signature", 'alg "none" followed by a (valid-looking) ES256 signature of another input.', unsigned("none", sig), { key: "es256" });
  }

  // ECDSA signatures in DER instead of r || s.
  await attack("es256-der", "ES256 whose signature is DER-encoded (as OpenSSL emits it) instead of the raw 64-byte r || s.", assemble(hdr("ES256", K.es256), claims, (i) => rawSign("ES256", K.es256, i, { dsaEncoding: "der" })), { key: "es256" });
  await attack("es384-der", "ES384 whose signature is DER-encoded instead of the raw 96-byte r || s.", assemble(hdr("ES384", K.es384), claims, (i) => rawSign("ES384", K.es384, i, { dsaEncoding: "der" })), { key: "es384" });
  await attack("es256-truncated", "ES256 whose raw signature lost its last byte (63 bytes).", assemble(hdr("ES256", K.es256), claims, (i) => rawSign("ES256", K.es256, i).subarray(0, 63)), { key: "es256" });

  // Wrong curve: the header's alg names the other curve.
  await attack("es256-header-p384-key", "ES256 header, signed by the P-384 key with SHA-256 (a valid 96-byte ECDSA signature), checked against that P-384 key.", assemble(hdr("ES256", K.es384), claims, (i) => rawSign("ES384", K.es384, i, { hash: "sha256" })), { key: "es384" });
  await attack("es384-header-p256-key", "ES384 header, signed by a P-256 key with SHA-384 (a valid 64-byte ECDSA signature), checked against that P-256 key.", assemble(hdr("ES384", K["p256-b"]), claims, (i) => rawSign("ES256", K["p256-b"], i, { hash: "sha384" })), { key: "p256-b" });

  // PSS / PKCS#1 v1.5 mix-up on the same key.
  await attack("ps256-header-pkcs1-signature", "PS256 header over an RSASSA-PKCS1-v1_5 SHA-256 signature of the same input, same RSA key.", assemble(hdr("PS256", K.rsa2048), claims, (i) => rawSign("RS256", K.rsa2048, i)), { key: "rsa2048" });
  await attack("rs256-header-pss-signature", "RS256 header over an RSASSA-PSS SHA-256 signature of the same input, same RSA key.", assemble(hdr("RS256", K.rsa2048), claims, (i) => rawSign("PS256", K.rsa2048, i)), { key: "rsa2048" });

  // The small RSA key.
  await attack("rsa1024-rs256", "RS256 signed with the 1024-bit RSA key, checked against that key.", assemble(hdr("RS256", K.rsa1024), claims, (i) => rawSign("RS256", K.rsa1024, i)), { key: "rsa1024" });
  await attack("rsa1024-ps256", "PS256 signed with the 1024-bit RSA key, checked against that key.", assemble(hdr("PS256", K.rsa1024), claims, (i) => rawSign("PS256", K.rsa1024, i)), { key: "rsa1024" });

  // Keys that do not allow verification, given directly as JWKs.
  const es256Token = (key, more) => assemble(hdr("ES256", key, more), claims, (i) => rawSign("ES256", key, i));
  const rsToken = (key) => assemble(hdr("RS256", key), claims, (i) => rawSign("RS256", key, i));
  await attack("jwk-use-enc", 'ES256 by a key whose JWK says use "enc", checked against that JWK.', es256Token(K["p256-enc"]), { jwk: { ...K["p256-enc"].public_jwk, use: "enc" } });
  await attack("jwk-key-ops-encrypt", "RS256 by a key whose JWK says key_ops [encrypt], checked against that JWK.", rsToken(K["rsa-keyops"]), { jwk: { ...K["rsa-keyops"].public_jwk, key_ops: ["encrypt"] } });
  await attack("jwk-key-ops-sign", "ES256 by a key whose public JWK says key_ops [sign] (no verify), checked against that JWK.", es256Token(K.es256), { jwk: { ...K.es256.public_jwk, key_ops: ["sign"] } });
  await attack("jwk-use-sig-key-ops-verify", "Control: ES256 by a key whose JWK says use sig and key_ops [verify].", es256Token(K.es256), { jwk: { ...K.es256.public_jwk, use: "sig", key_ops: ["verify"] } });
  await attack("jwk-alg-mismatch", "ES256 by a key whose JWK says alg ES384.", es256Token(K.es256), { jwk: { ...K.es256.public_jwk, alg: "ES384" } });
  await attack("jwk-private", "ES256 checked against the signer's private JWK (d present) instead of its public JWK.", es256Token(K.es256), { jwk: K.es256.private_jwk });
  await attack("jwks-use-enc", 'ES256 by the key published with use "enc" in the provider JWKS (its kid).', es256Token(K["p256-enc"]), { jwks: "provider" });
  await attack("jwks-key-ops-encrypt", "RS256 by the key published with key_ops [encrypt] in the provider JWKS (its kid).", rsToken(K["rsa-keyops"]), { jwks: "provider" });

  // Headers that point elsewhere; the token is signed by the attacker.
  const A = K["attacker-es256"];
  const attackerJwk = publicJwk(A.public_jwk, A.kid);
  const signedByAttacker = (header) => assemble(header, claims, (i) => rawSign(header.alg, header.alg === "ES256" ? A : K["attacker-rsa"], i));
  await attack("embedded-jwk", "ES256 signed by the attacker, whose public key is embedded as the jwk header parameter, kid of the legitimate ES256 key; checked against the legitimate key.", signedByAttacker({ typ: "JWT", alg: "ES256", kid: K.es256.kid, jwk: attackerJwk }), { key: "es256" });
  await attack("embedded-jwk-jwks", "The same embedded-jwk token, checked against the provider JWKS.", signedByAttacker({ typ: "JWT", alg: "ES256", kid: K.es256.kid, jwk: attackerJwk }), { jwks: "provider" });
  await attack("embedded-jwk-no-kid", "ES256 signed by the attacker with the attacker's jwk embedded and no kid; checked against the provider JWKS.", signedByAttacker({ typ: "JWT", alg: "ES256", jwk: attackerJwk }), { jwks: "provider" });
  await attack("embedded-jwk-own-kid", "ES256 signed by the attacker, jwk embedded, kid naming the attacker's key; checked against the provider JWKS.", signedByAttacker({ typ: "JWT", alg: "ES256", kid: A.kid, jwk: attackerJwk }), { jwks: "provider" });
  await attack("jku", "RS256 signed by the attacker's RSA key, jku pointing at the attacker's set, kid of the legitimate RS256 key; checked against the provider JWKS.", signedByAttacker({ typ: "JWT", alg: "RS256", kid: K.rsa2048.kid, jku: "https://attacker.example/jwks.json" }), { jwks: "provider" });
  await attack("jku-own-kid", "As jku, with the kid of the attacker's key.", signedByAttacker({ typ: "JWT", alg: "RS256", kid: K["attacker-rsa"].kid, jku: "https://attacker.example/jwks.json" }), { jwks: "provider" });
  await attack("x5u", "RS256 signed by the attacker's RSA key, x5u pointing at the attacker's certificate, kid of the legitimate RS256 key; checked against the provider JWKS.", signedByAttacker({ typ: "JWT", alg: "RS256", kid: K.rsa2048.kid, x5u: "https://attacker.example/cert.pem" }), { jwks: "provider" });
  await attack("jku-direct-key", "The jku token checked against the legitimate RSA key directly.", signedByAttacker({ typ: "JWT", alg: "RS256", kid: K.rsa2048.kid, jku: "https://attacker.example/jwks.json" }), { key: "rsa2048" });

  // Malleable signatures.
  for (const [alg, key, bytes] of [["ES256", K.es256, 32], ["ES384", K.es384, 48]]) {
    const n = ORDER[key.crv];
    // Sign until s is low, so that n - s is high.
    for (let i = 0; ; i++) {
      const c = { ...claims, jti: `high-s-${i}` };
      const input = `${segment(hdr(alg, key))}.${segment(c)}`;
      const sig = rawSign(alg, key, input);
      const s = toBig(sig.subarray(bytes));
      if (s > n / 2n) continue;
      const high = Buffer.concat([sig.subarray(0, bytes), toBytes(n - s, bytes)]);
      await attack(`${alg.toLowerCase()}-high-s`, `${alg} whose s was replaced by n - s (a valid ECDSA signature with high s; the low-s original is ${alg.toLowerCase()}-low-s).`, `${input}.${b64u(high)}`, { key: key.id });
      await attack(`${alg.toLowerCase()}-low-s`, `Control: the ${alg} token that ${alg.toLowerCase()}-high-s was made from.`, `${input}.${b64u(sig)}`, { key: key.id });
      break;
    }
  }
  {
    const input = `${segment(hdr("EdDSA", K.ed25519))}.${segment(claims)}`;
    const sig = rawSign("EdDSA", K.ed25519, input);
    const s = toBig(Buffer.from(sig.subarray(32)).reverse());
    const sPlusL = toBytes(s + ED25519_L, 32).reverse();
    await attack("eddsa-s-plus-l", "EdDSA whose S was replaced by S + L (non-canonical, RFC 8032 section 5.1.7 requires S < L).", `${input}.${b64u(Buffer.concat([sig.subarray(0, 32), sPlusL]))}`, { key: "ed25519" });
    await attack("eddsa-control", "Control: the EdDSA token eddsa-s-plus-l was made from.", `${input}.${b64u(sig)}`, { key: "ed25519" });
  }
  {
    const nBytes = unb64u(K.rsa2048.public_jwk.n);
    const n = toBig(nBytes);
    const k = nBytes.length;
    // Sign varying claims until one signature s has s + n below 2^(8k)
    // and another has s + n at or above it (attacks listed in one order).
    const made = {};
    for (let i = 0; !(made.fits && made.overflows); i++) {
      const input = `${segment(hdr("RS256", K.rsa2048))}.${segment({ ...claims, jti: `rsa-big-${i}` })}`;
      const sig = rawSign("RS256", K.rsa2048, input);
      const plus = toBig(sig) + n;
      made[plus < 1n << BigInt(8 * k) ? "fits" : "overflows"] ??= { input, sig, plus };
    }
    {
      const { input, sig, plus } = made.fits;
      await attack("rsa-sig-plus-n", `RS256 whose signature integer s was replaced by s + n, still ${k} bytes long (same residue mod n).`, `${input}.${b64u(toBytes(plus, k))}`, { key: "rsa2048" });
      await attack("rsa-sig-leading-zero", `RS256 whose valid signature got a leading zero byte (${k + 1} bytes, same integer).`, `${input}.${b64u(Buffer.concat([Buffer.alloc(1), sig]))}`, { key: "rsa2048" });
      await attack("rsa-sig-control", "Control: the RS256 token rsa-sig-plus-n was made from.", `${input}.${b64u(sig)}`, { key: "rsa2048" });
    }
    {
      const { input, plus } = made.overflows;
      await attack("rsa-sig-plus-n-long", `RS256 whose signature integer was replaced by s + n, which needs ${k + 1} bytes.`, `${input}.${b64u(toBytes(plus))}`, { key: "rsa2048" });
    }
    const input = `${segment(hdr("RS256", K.rsa2048))}.${segment(claims)}`;
    await attack("rsa-sig-equals-n", `RS256 whose signature is the modulus n itself (${k} bytes).`, `${input}.${b64u(nBytes)}`, { key: "rsa2048" });
    await attack("rsa-sig-zero", `RS256 whose signature is ${k} zero bytes.`, `${input}.${b64u(Buffer.alloc(k))}`, { key: "rsa2048" });
    await attack("rsa-sig-one", `RS256 whose signature is the integer 1 in ${k} bytes.`, `${input}.${b64u(toBytes(1n, k))}`, { key: "rsa2048" });
    await attack("ps256-sig-plus-n", "PS256 whose signature integer s was replaced by s + n when that fits the modulus length, else by n + 1.", (() => {
      const pin = `${segment(hdr("PS256", K.rsa2048))}.${segment(claims)}`;
      const sig = rawSign("PS256", K.rsa2048, pin);
      const plus = toBig(sig) + n;
      return `${pin}.${b64u(plus < 1n << BigInt(8 * k) ? toBytes(plus, k) : toBytes(n + 1n, k))}`;
    })(), { key: "rsa2048" });
  }
  return attacks;
}

// ---------------------------------------------------------------- RFC examples

// Values copied from the RFC texts (transcriptions checked below: every
// signature verifies with its key and every thumbprint recomputes).
const RFC7515_A2_JWK = {
  kty: "RSA",
  n: "ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmfHQp-Vaw-4qPCJrcS2mJPMEzP1Pt0Bm4d4QlL-yRT-SFd2lZS-pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGzjb_7OMg0LOL-bSf63kpaSHSXndS5z5rexMdbBYUsLA9e-KXBdQOS-UTo7WTBEMa2R2CapHg665xsmtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK-DWNmoudF8NAco9_h9iaGNj8q2ethFkMLs91kzk2PAcDTW9gb54h4FRWyuXpoQ",
  e: "AQAB",
};
const RFC7515_JWT_PAYLOAD = "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ";
const RFC7515_A2_JWS = `eyJhbGciOiJSUzI1NiJ9.${RFC7515_JWT_PAYLOAD}.cC4hiUPoj9Eetdgtv3hF80EGrhuB__dzERat0XF9g2VtQgr9PJbu3XOiZj5RZmh7AAuHIm4Bh-0Qc_lF5YKt_O8W2Fp5jujGbds9uJdbF9CUAr7t1dnZcAcQjbKBYNX4BAynRFdiuB--f_nZLgrnbyTyWzO75vRK5h6xBArLIARNPvkSjtQBMHlb1L07Qe7K0GarZRmB_eSN9383LcOLn6_dO--xi12jzDwusC-eOkHWEsqtFZESc6BfI7noOPqvhJ1phCnvWh6IeYI2w9QOYEUipUTI8np6LbgGY9Fs98rqVt5AXLIhWkWywlVmtVrBp0igcN_IoypGlUPQGe77Rw`;
const RFC7515_A3_JWK = {
  kty: "EC",
  crv: "P-256",
  x: "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",
  y: "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0",
};
const RFC7515_A3_D = "jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI";
const RFC7515_A3_JWS = `eyJhbGciOiJFUzI1NiJ9.${RFC7515_JWT_PAYLOAD}.DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q`;
const RFC8037_A1 = { kty: "OKP", crv: "Ed25519", d: "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A", x: "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo" };
const RFC8037_A4_JWS = "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc.hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg";
const RFC7517_RSA_N =
  "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw";
const RFC7517_A1 = {
  keys: [
    { kty: "EC", crv: "P-256", x: "MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4", y: "4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM", use: "enc", kid: "1" },
    { kty: "RSA", n: RFC7517_RSA_N, e: "AQAB", alg: "RS256", kid: "2011-04-29" },
  ],
};
// RFC 7517 appendix A.2: the private halves of A.1's keys (used here to
// sign tokens for A.1's set, and to check A.1's public values).
const RFC7517_A2_EC_D = "870MB6gfuTJ4HtUnUvYMyJpr5eUZNP4Bk43bVdj3eAE";
const RFC7517_A2_RSA = {
  d: "X4cTteJY_gn4FYPsXB8rdXix5vwsg1FLN5E3EaG6RJoVH-HLLKD9M7dx5oo7GURknchnrRweUkC7hT5fJLM0WbFAKNLWY2vv7B6NqXSzUvxT0_YSfqijwp3RTzlBaCxWp4doFk5N2o8Gy_nHNKroADIkJ46pRUohsXywbReAdYaMwFs9tv8d_cPVY3i07a3t8MN6TNwm0dSawm9v47UiCl3Sk5ZiG7xojPLu4sbg1U2jx4IBTNBznbJSzFHK66jT8bgkuqsk0GjskDJk19Z4qwjwbsnn4j2WBii3RL-Us2lGVkY8fkFzme1z0HbIkfz0Y6mqnOYtqc0X4jfcKoAC8Q",
  p: "83i-7IvMGXoMXCskv73TKr8637FiO7Z27zv8oj6pbWUQyLPQBQxtPVnwD20R-60eTDmD2ujnMt5PoqMrm8RfmNhVWDtjjMmCMjOpSXicFHj7XOuVIYQyqVWlWEh6dN36GVZYk93N8Bc9vY41xy8B9RzzOGVQzXvNEvn7O0nVbfs",
  q: "3dfOR9cuYq-0S-mkFLzgItgMEfFzB2q3hWehMuG0oCuqnb3vobLyumqjVZQO1dIrdwgTnCdpYzBcOfW5r370AFXjiWft_NGEiovonizhKpo9VVS78TzFgxkIdrecRezsZ-1kYd_s1qDbxtkDEgfAITAG9LUnADun4vIcb6yelxk",
  dp: "G4sPXkc6Ya9y8oJW9_ILj4xuppu0lzi_H7VTkS8xj5SdX3coE0oimYwxIi2emTAue0UOa5dpgFGyBJ4c8tQ2VF402XRugKDTP8akYhFo5tAA77Qe_NmtuYZc3C3m3I24G2GvR5sSDxUyAN2zq8Lfn9EUms6rY3Ob8YeiKkTiBj0",
  dq: "s9lAH9fggBsoFR8Oac2R_E2gw282rT2kGOAhvIllETE1efrA6huUUvMfBcMpn8lqeW6vzznYY5SSQF7pMdC_agI3nG8Ibp1BUb0JUiraRNqUfLhcQb_d9GF4Dh7e74WbRsobRonujTYN1xCaP6TO61jvWrX-L18txXw494Q_cgk",
  qi: "GyM_p6JrXySiz1toFgKbWV-JdI3jQ4ypu9rbMWx3rQJBfmt0FoYzgUIZEVFEcOqwemRN81zoDAaa-Bk0KWNGDjJHZDdDmFhW3AN7lI-puxk_mHZGJ11rxyR8O55XLSe3SPmRfKwZI6yU24ZxvQKFYItdldUKGzO6Ia6zTKhAVRU",
};
const RFC7517_B = {
  kty: "RSA",
  use: "sig",
  kid: "1b94c",
  n: "vrjOfz9Ccdgx5nQudyhdoR17V-IubWMeOZCwX_jj0hgAsz2J_pqYW08PLbK_PdiVGKPrqzmDIsLI7sA25VEnHU1uCLNwBuUiCO11_-7dYbsr4iJmG0Qu2j8DsVyT1azpJC_NG84Ty5KKthuCaPod7iI7w0LK9orSMhBEwwZDCxTWq4aYWAchc8t-emd9qOvWtVMDC2BXksRngh6X5bUYLy6AyHKvj-nUy1wgzjYQDwHMTplCoLtU-o-8SNnZ1tmRoGE9uJkBLdh5gFENabWnU5m1ZqZPdwS-qo-meMvVfJb6jJVWRpl2SUtCnYG2C32qvbWbjZ_jBPD5eunqsIo1vQ",
  e: "AQAB",
  x5c: [
    "MIIDQjCCAiqgAwIBAgIGATz/FuLiMA0GCSqGSIb3DQEBBQUAMGIxCzAJBgNVBAYTAlVTMQswCQYDVQQIEwJDTzEPMA0GA1UEBxMGRGVudmVyMRwwGgYDVQQKExNQaW5nIElkZW50aXR5IENvcnAuMRcwFQYDVQQDEw5CcmlhbiBDYW1wYmVsbDAeFw0xMzAyMjEyMzI5MTVaFw0xODA4MTQyMjI5MTVaMGIxCzAJBgNVBAYTAlVTMQswCQYDVQQIEwJDTzEPMA0GA1UEBxMGRGVudmVyMRwwGgYDVQQKExNQaW5nIElkZW50aXR5IENvcnAuMRcwFQYDVQQDEw5CcmlhbiBDYW1wYmVsbDCCASIwDQYJKoZIhvcNAQEBBQADggEPADCCAQoCggEBAL64zn8/QnHYMeZ0LncoXaEde1fiLm1jHjmQsF/449IYALM9if6amFtPDy2yvz3YlRij66s5gyLCyO7ANuVRJx1NbgizcAblIgjtdf/u3WG7K+IiZhtELto/A7Fck9Ws6SQvzRvOE8uSirYbgmj6He4iO8NCyvaK0jIQRMMGQwsU1quGmFgHIXPLfnpnfajr1rVTAwtgV5LEZ4Iel+W1GC8ugMhyr4/p1MtcIM42EA8BzE6ZQqC7VPqPvEjZ2dbZkaBhPbiZAS3YeYBRDWm1p1OZtWamT3cEvqqPpnjL1XyW+oyVVkaZdklLQp2Btgt9qr21m42f4wTw+Xrp6rCKNb0CAwEAATANBgkqhkiG9w0BAQUFAAOCAQEAh8zGlfSlcI0o3rYDPBB07aXNswb4ECNIKG0CETTUxmXl9KUL+9gGlqCz5iWLOgWsnrcKcY0vXPG9J1r9AqBNTqNgHq2G03X09266X5CpOe1zFo+Owb1zxtp3PehFdfQJ610CDLEaS9V9Rqp17hCyybEpOGVwe8fnk+fbEL2Bo3UPGrpsHzUoaGpDftmWssZkhpBJKVMJyf/RuP2SmmaIzmnw9JiSlYhzo4tpzd5rFXhjRbg4zW9C+2qok+2+qDM1iJ684gPHMIY8aLWrdgQTxkumGmTqgawR+N5MDtdPTEQ0XfIBc2cJEUyMTY5MPvACWpkA6SdS4xSvdXK3IVfOWA==",
  ],
};
// RFC 7520 section 3.4 (RSA), 3.2 (EC P-521), 3.5 (symmetric): public members.
const RFC7520_RSA = {
  kty: "RSA",
  kid: "bilbo.baggins@hobbiton.example",
  use: "sig",
  n: "n4EPtAOCc9AlkeQHPzHStgAbgs7bTZLwUBZdR8_KuKPEHLd4rHVTeT-O-XV2jRojdNhxJWTDvNd7nqQ0VEiZQHz_AJmSCpMaJMRBSFKrKb2wqVwGU_NsYOYL-QtiWN2lbzcEe6XC0dApr5ydQLrHqkHHig3RBordaZ6Aj-oBHqFEHYpPe7Tpe-OfVfHd1E6cS6M1FZcD1NNLYD5lFHpPI9bTwJlsde3uhGqC0ZCuEHg8lhzwOHrtIQbS0FVbb9k3-tVTU4fg_3L_vniUFAKwuCLqKnS2BYwdq_mzSnbLY7h_qixoR7jig3__kRhuaxwUkRz5iaiQkqgc5gHdrNP5zw",
  e: "AQAB",
};
const RFC7520_EC = {
  kty: "EC",
  kid: "bilbo.baggins@hobbiton.example",
  use: "sig",
  crv: "P-521",
  x: "AHKZLLOsCOzz5cY97ewNUajB957y-C-U88c3v13nmGZx6sYl_oJXu9A5RkTKqjqvjyekWF-7ytDyRXYgCF5cj0Kt",
  y: "AdymlHvOiLxXkEhayXQnNCvDX4h9htZaCJN34kfmC6pV5OhQHiraVySsUdaQkAgDPrwQrJmbnX9cwlGfP-HqHZR1",
};
const RFC7520_OCT = { kty: "oct", kid: "018c0ae5-4d9b-471b-bfd6-eef314bc7037", use: "sig", alg: "HS256", k: "hJtXIZ2uSN5kbQfbtTNWbpdmhkV8FJG-Onbc6mxCcYg" };
const RFC7520_PAYLOAD =
  "SXTigJlzIGEgZGFuZ2Vyb3VzIGJ1c2luZXNzLCBGcm9kbywgZ29pbmcgb3V0IHlvdXIgZG9vci4gWW91IHN0ZXAgb250byB0aGUgcm9hZCwgYW5kIGlmIHlvdSBkb24ndCBrZWVwIHlvdXIgZmVldCwgdGhlcmXigJlzIG5vIGtub3dpbmcgd2hlcmUgeW91IG1pZ2h0IGJlIHN3ZXB0IG9mZiB0by4";
const RFC7520_41 = `eyJhbGciOiJSUzI1NiIsImtpZCI6ImJpbGJvLmJhZ2dpbnNAaG9iYml0b24uZXhhbXBsZSJ9.${RFC7520_PAYLOAD}.MRjdkly7_-oTPTS3AXP41iQIGKa80A0ZmTuV5MEaHoxnW2e5CZ5NlKtainoFmKZopdHM1O2U4mwzJdQx996ivp83xuglII7PNDi84wnB-BDkoBwA78185hX-Es4JIwmDLJK3lfWRa-XtL0RnltuYv746iYTh_qHRD68BNt1uSNCrUCTJDt5aAE6x8wW1Kt9eRo4QPocSadnHXFxnt8Is9UzpERV0ePPQdLuW3IS_de3xyIrDaLGdjluPxUAhb6L2aXic1U12podGU0KLUQSE_oI-ZnmKJ3F4uOZDnd6QZWJushZ41Axf_fcIe8u9ipH84ogoree7vjbU5y18kDquDg`;
const RFC7520_42 = `eyJhbGciOiJQUzM4NCIsImtpZCI6ImJpbGJvLmJhZ2dpbnNAaG9iYml0b24uZXhhbXBsZSJ9.${RFC7520_PAYLOAD}.cu22eBqkYDKgIlTpzDXGvaFfz6WGoz7fUDcfT0kkOy42miAh2qyBzk1xEsnk2IpN6-tPid6VrklHkqsGqDqHCdP6O8TTB5dDDItllVo6_1OLPpcbUrhiUSMxbbXUvdvWXzg-UD8biiReQFlfz28zGWVsdiNAUf8ZnyPEgVFn442ZdNqiVJRmBqrYRXe8P_ijQ7p8Vdz0TTrxUeT3lm8d9shnr2lfJT8ImUjvAA2Xez2Mlp8cBE5awDzT0qI0n6uiP1aCN_2_jLAeQTlqRHtfa64QQSUmFAAjVKPbByi7xho0uTOcbH510a6GYmJUAfmWjwZ6oD4ifKo8DYM-X72Eaw`;
const RFC7520_43 = `eyJhbGciOiJFUzUxMiIsImtpZCI6ImJpbGJvLmJhZ2dpbnNAaG9iYml0b24uZXhhbXBsZSJ9.${RFC7520_PAYLOAD}.AE_R_YZCChjn4791jSQCrdPZCNYqHXCTZH0-JZGYNlaAjP2kqaluUIIUnC9qvbu9Plon7KRTzoNEuT4Va2cmL1eJAQy3mtPBu_u_sDDyYjnAMDxXPn7XrT0lw-kvAD890jl8e2puQens_IEKBpHABlsbEPX6sFY8OcGDqoRuBomu9xQ2`;
const RFC7520_44 = `eyJhbGciOiJIUzI1NiIsImtpZCI6IjAxOGMwYWU1LTRkOWItNDcxYi1iZmQ2LWVlZjMxNGJjNzAzNyJ9.${RFC7520_PAYLOAD}.s0h6KThzkfBBBkLspW1h84VsJZFTsPPqMDA7g1Md7p0`;

/** jose's verdict on a JWS (any payload), with the payload as text. */
async function joseCompact(token, jwk) {
  try {
    const { payload, protectedHeader } = await jose.compactVerify(token, jwk);
    return { accepted: true, alg: protectedHeader.alg, payload: new TextDecoder().decode(payload) };
  } catch (e) {
    return refusal(e);
  }
}

async function rfcExamples() {
  const out = [];
  const jws = async (id, source, alg, jwk, token, extra = {}) => {
    const verdicts = { jose: await joseCompact(token, jwk) };
    const item = { id, kind: "jws", source, alg, jwk, token, rfc_outcome: "valid signature", ...extra, verdicts };
    if (extra.payload_is_jwt) item.jwt_verdicts = { jose: await joseVerify(token, jwk) };
    out.push(item);
  };
  await jws("rfc7515-a2", "RFC 7515, appendix A.2 (A.2.1 key, A.2.1 JWS Compact Serialization)", "RS256", RFC7515_A2_JWK, RFC7515_A2_JWS, {
    payload_is_jwt: true,
    note: "The payload is a JWT claims set with exp 1300819380 (2011): expired as a JWT.",
  });
  await jws("rfc7515-a3", "RFC 7515, appendix A.3 (A.3.1 key, A.3.1 JWS Compact Serialization)", "ES256", RFC7515_A3_JWK, RFC7515_A3_JWS, {
    private_jwk: { ...RFC7515_A3_JWK, d: RFC7515_A3_D },
    payload_is_jwt: true,
    note: "The payload is a JWT claims set with exp 1300819380 (2011): expired as a JWT. ECDSA is randomized: a signer cannot reproduce this signature.",
  });
  const ed = { kty: "OKP", crv: "Ed25519", x: RFC8037_A1.x };
  await jws("rfc8037-a4", "RFC 8037, appendix A.4 (signing) and A.5 (validation), key of A.1/A.2", "EdDSA", ed, RFC8037_A4_JWS, {
    private_jwk: RFC8037_A1,
    note: "Ed25519 is deterministic: signing the same input with A.1's private key must give this exact JWS (A.4). The payload is the text 'Example of Ed25519 signing', not a claims set.",
    signing_input: RFC8037_A4_JWS.split(".").slice(0, 2).join("."),
    // Node's crypto re-signs A.4's input with A.1's key: the same JWS.
    resigned_equals_rfc: (() => {
      const input = RFC8037_A4_JWS.split(".").slice(0, 2).join(".");
      const sig = crypto.sign(null, Buffer.from(input), crypto.createPrivateKey({ key: RFC8037_A1, format: "jwk" }));
      return `${input}.${b64u(sig)}` === RFC8037_A4_JWS;
    })(),
  });
  const note7520 = "The payload is text (RFC 7520 section 4 uses 'It\u2019s a dangerous business, Frodo, ...'), not a claims set: a JWS, not a JWT.";
  await jws("rfc7520-4.1", "RFC 7520, section 4.1 (RSA v1.5 signature), key of section 3.4", "RS256", RFC7520_RSA, RFC7520_41, { note: note7520 });
  await jws("rfc7520-4.2", "RFC 7520, section 4.2 (RSA-PSS signature), key of section 3.4", "PS384", RFC7520_RSA, RFC7520_42, {
    note: note7520 + " PSS is randomized: verification only.",
  });
  await jws("rfc7520-4.3", "RFC 7520, section 4.3 (ECDSA signature), P-521 key of section 3.2", "ES512", RFC7520_EC, RFC7520_43, {
    jeton_outcome: "unsupported alg",
    note: note7520 + " jeton does not implement P-521/ES512 (issue 15 asks for P-256 and P-384 only): the RFC says valid, jeton must answer 'unsupported alg'.",
  });
  await jws("rfc7520-4.4", "RFC 7520, section 4.4 (HMAC-SHA2 integrity protection), key of section 3.5", "HS256", RFC7520_OCT, RFC7520_44, { note: note7520 });

  // Thumbprints.
  const thumb = async (id, source, jwk, expected, extra = {}) =>
    out.push({
      id,
      kind: "thumbprint",
      source,
      jwk,
      thumbprint: expected,
      ...extra,
      verdicts: { jose: { thumbprint: await jose.calculateJwkThumbprint(jwk, "sha256") } },
    });
  await thumb("rfc7638-3.1", "RFC 7638, section 3.1", { kty: "RSA", n: RFC7517_RSA_N, e: "AQAB", alg: "RS256", kid: "2011-04-29" }, "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
  await thumb("rfc8037-a3", "RFC 8037, appendix A.3", ed, "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k", {
    thumbprint_hex: "90facafea9b1556698540f70c0117a22ea37bd5cf3ed3c47093c1707282b4b89",
  });

  // RFC 7517 appendix A.1: a public key set; tokens made here with the
  // private keys of appendix A.2.
  {
    const set = jose.createLocalJWKSet(RFC7517_A1);
    const ecPriv = { ...RFC7517_A1.keys[0], d: RFC7517_A2_EC_D };
    delete ecPriv.use;
    const rsaPriv = { kty: "RSA", n: RFC7517_RSA_N, e: "AQAB", ...RFC7517_A2_RSA };
    const claims = shapeNamed("minimal").claims;
    const rs = await new jose.SignJWT(claims).setProtectedHeader({ alg: "RS256", kid: "2011-04-29" }).sign(rsaPriv);
    const es = await new jose.SignJWT(claims).setProtectedHeader({ alg: "ES256", kid: "1" }).sign(ecPriv);
    out.push({
      id: "rfc7517-a1",
      kind: "jwks",
      source: "RFC 7517, appendix A.1 (public keys; A.2's private keys signed the tokens here)",
      document: RFC7517_A1,
      rfc_outcome: "a set of two public keys: an EC P-256 key for encryption (use enc, kid 1) and an RSA key for RS256 (kid 2011-04-29)",
      private_jwks: { "1": { ...RFC7517_A1.keys[0], d: RFC7517_A2_EC_D }, "2011-04-29": rsaPriv },
      tokens: [
        { what: "RS256, kid 2011-04-29, signed with A.2's RSA key", alg: "RS256", kid: "2011-04-29", token: rs, verdicts: { jose: await joseVerify(rs, set) } },
        { what: "ES256, kid 1 (the use enc key), signed with A.2's EC key", alg: "ES256", kid: "1", token: es, verdicts: { jose: await joseVerify(es, set) } },
      ],
      thumbprints: { jose: await Promise.all(RFC7517_A1.keys.map((k) => jose.calculateJwkThumbprint(k, "sha256"))) },
    });
  }
  out.push({
    id: "rfc7517-b",
    kind: "jwk",
    source: "RFC 7517, appendix B (x5c example)",
    jwk: RFC7517_B,
    rfc_outcome: "an RSA public key for signatures (use sig, kid 1b94c); x5c holds its self-signed certificate",
    note: "jeton does not use x5c: the member is to be ignored (RFC 7517 section 4: unknown or unused members ignored). PyJWT's step checks that the certificate's key is the JWK's n and e.",
    verdicts: {
      jose: await (async () => {
        try {
          const key = await jose.importJWK(RFC7517_B, "RS256");
          return { accepted: true, type: key.type, thumbprint: await jose.calculateJwkThumbprint(RFC7517_B, "sha256") };
        } catch (e) {
          return refusal(e);
        }
      })(),
    },
  });
  return out;
}

// ---------------------------------------------------------------- judge

async function judge() {
  const data = readJson(OUT);
  const K = Object.fromEntries(data.keys.map((k) => [k.id, k]));
  let filled = 0;
  for (const t of data.tokens) {
    if (t.lib === "jose") continue;
    t.verdicts.jose = await joseVerify(t.token, K[t.key].public_jwk, shapeNamed(t.shape).validation);
    filled++;
  }
  // Re-key the verdicts so every token lists jose first.
  for (const t of data.tokens) t.verdicts = { jose: t.verdicts.jose, ...t.verdicts };
  data.libraries = { ...data.libraries, jose: readJson("node_modules/jose/package.json").version };
  writeFileSync(url(OUT), JSON.stringify(data, null, 1) + "\n");
  const missing = data.tokens.filter((t) => !t.verdicts.jose || !t.verdicts.pyjwt).length;
  console.log(`jose verdicts on ${filled} PyJWT tokens; ${missing} tokens lack a peer's verdict`);

  if (!existsSync(url(JETON))) {
    console.log(`tests/${JETON.slice(6)} does not exist yet: nothing of jeton's to judge`);
    return;
  }
  const made = readJson(JETON);
  const judged = existsSync(url(JUDGED)) ? readJson(JUDGED) : {};
  const previous = new Map((judged.tokens ?? []).map((t) => [t.token, t.verdicts]));
  const tokens = [];
  for (const t of made.tokens) {
    const verdicts = { ...(previous.get(t.token) ?? {}) };
    verdicts.jose = await joseVerify(t.token, t.key, shapeNamed(t.shape)?.validation, t.alg);
    tokens.push({ ...t, verdicts });
  }
  const out = {
    note: "Each peer's verdict on the tokens jeton made (tests/vectors/jeton-asym-jwt.json), checked with the public JWK given with each token and the shape's validation.",
    generators: data.generators,
    libraries: { ...(judged.libraries ?? {}), jose: data.libraries.jose },
    tokens,
  };
  writeFileSync(url(JUDGED), JSON.stringify(out, null, 1) + "\n");
  console.log(`jose judged ${tokens.length} jeton tokens: ${tokens.filter((t) => t.verdicts.jose.accepted).length} accepted`);
}

const mode = process.argv[2] ?? "generate";
if (mode === "generate") await generate();
else if (mode === "judge") await judge();
else throw new Error(`unknown mode ${mode}: generate (default) or judge`);
