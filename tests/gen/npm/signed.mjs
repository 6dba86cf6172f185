// Produces tests/vectors/npm-signed.json from the real npm packages:
// keygrip, cookie-session (through `cookies`), cookie-signature (1.2.x, and
// 1.0.x as express-session bundles it) and express-session.
//
// cookie-session and express-session run as real Express servers on
// 127.0.0.1; their Set-Cookie headers are recorded as sent, and every
// tampered, truncated, re-ordered or wrong-secret variant of a cookie is
// sent back to a real server, whose verdict (session recognised or not) is
// recorded.
//
// Run from this folder (versions as package-lock.json pins them): npm ci && node signed.mjs

import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import http from "node:http";

const require = createRequire(import.meta.url);
const Keygrip = require("keygrip");
const cookieSession = require("cookie-session");
const signature = require("cookie-signature");
const signature10 = require("express-session/node_modules/cookie-signature");
const session = require("express-session");
const express = require("express");

const version = (path) =>
  JSON.parse(readFileSync(new URL(`node_modules/${path}/package.json`, import.meta.url))).version;

// ---- helpers ------------------------------------------------------------

function listen(app) {
  return new Promise((resolve) => {
    const server = app.listen(0, "127.0.0.1", () => resolve(server));
  });
}

function request(server, path, cookieHeader, extraHeaders = {}) {
  const { port } = server.address();
  return new Promise((resolve, reject) => {
    const headers = { ...extraHeaders };
    if (cookieHeader !== undefined) headers.cookie = cookieHeader;
    const req = http.request({ host: "127.0.0.1", port, path, headers }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d) => (body += d));
      res.on("end", () =>
        resolve({ status: res.statusCode, setCookie: res.headers["set-cookie"] || [], body }),
      );
    });
    req.on("error", reject);
    req.end();
  });
}

const pairOf = (setCookie) => setCookie.split(";")[0];
const flip = (s, i) => s.slice(0, i) + (s[i] === "A" ? "B" : "A") + s.slice(i + 1);

// ---- keygrip ------------------------------------------------------------

const keygrip = [];
const keySets = [["keyboard cat"], ["new key", "old key"], ["ü-unicode-secret", "k2", "k3"]];
const datas = ["session=eyJ2aWV3cyI6MX0=", "session=", "a=b", "x".repeat(300) + "=y"];
for (const algorithm of ["sha1", "sha256", "sha384", "sha512"]) {
  for (const keys of keySets) {
    const grip = new Keygrip(keys, algorithm);
    for (const data of datas) {
      const digest = grip.sign(data);
      keygrip.push({ keys, algorithm, data, digest, index: grip.index(data, digest) });
      // Signed by a later key: verifies with that key's index.
      if (keys.length > 1) {
        const older = new Keygrip([keys[keys.length - 1]], algorithm).sign(data);
        keygrip.push({ keys, algorithm, data, digest: older, index: grip.index(data, older) });
      }
      const variants = [
        flip(digest, 0),
        flip(digest, digest.length - 1),
        digest.slice(0, -1),
        digest + "=",
        digest + "A",
        digest.replace(/-/g, "+").replace(/_/g, "/"),
        digest.toUpperCase(),
        "",
        new Keygrip(["wrong secret"], algorithm).sign(data),
      ];
      for (const v of variants) {
        keygrip.push({ keys, algorithm, data, digest: v, index: grip.index(data, v) });
      }
    }
  }
}

// ---- cookie-signature -----------------------------------------------------

const cookieSignature = [];
const secrets = ["keyboard cat", "tobiiscool", "ü", ""];
const values = ["hello", "", "a.b.c", "tH3ZGs5D2mcKcpv7xGIH0fS6cXtxJUQE", "s:nested", "x".repeat(200)];
for (const secret of secrets) {
  for (const value of values) {
    const signed = signature.sign(value, secret);
    cookieSignature.push({ secret, value, signed });
  }
}
const unsignCases = [];
for (const secret of secrets.slice(0, 2)) {
  for (const value of values) {
    const signed = signature.sign(value, secret);
    const variants = [
      signed,
      flip(signed, signed.length - 1),
      signed.slice(0, -1),
      signed + "=",
      signed + "A",
      value,
      value + ".",
      "." + signed.split(".").pop(),
      signed.replace(/\+/g, "-").replace(/\//g, "_"),
      signature.sign(value, "wrong secret"),
      signed.slice(0, signed.lastIndexOf(".")) + "x" + signed.slice(signed.lastIndexOf(".")),
    ];
    for (const input of variants) {
      const r12 = signature.unsign(input, secret);
      const r10 = signature10.unsign(input, secret);
      if (r12 !== r10) throw new Error(`cookie-signature 1.0 and 1.2 disagree on ${input}`);
      unsignCases.push({ secret, input, result: r12 });
    }
  }
}

// ---- cookie-session over HTTP ----------------------------------------------

async function cookieSessionServer(options) {
  const prefix = !options.path || options.path === "/" ? "" : options.path;
  const app = express();
  app.set("trust proxy", true);
  app.use(cookieSession(options));
  app.get(`${prefix}/set`, (req, res) => {
    req.session.views = Number(req.query.views || 1);
    if (req.query.user) req.session.user = req.query.user;
    res.end("ok");
  });
  app.get(`${prefix}/clear`, (req, res) => {
    req.session = null;
    res.end("ok");
  });
  app.get(`${prefix}/read`, (req, res) => {
    res.json({ populated: req.session.isPopulated, session: req.session });
  });
  return listen(app);
}

const cookieSessionCases = [];
const cookieSessionRequests = [];
const sessionConfigs = [
  { label: "defaults", options: { name: "session", keys: ["keyboard cat"] } },
  { label: "rotation", options: { name: "sess", keys: ["new key", "old key"] } },
  { label: "sha256", options: { name: "session", keys: new Keygrip(["k256"], "sha256") } , algorithm: "sha256", keys: ["k256"] },
  {
    label: "attributes",
    options: { name: "app", keys: ["keyboard cat"], sameSite: "lax", path: "/app", domain: "example.com", secure: true, maxAge: 3600000 },
    https: true,
  },
  { label: "not httponly", options: { name: "session", keys: ["keyboard cat"], httpOnly: false, sameSite: "strict", priority: "high" } },
];

for (const config of sessionConfigs) {
  const server = await cookieSessionServer(config.options);
  const headers = config.https ? { "x-forwarded-proto": "https" } : {};
  const keys = config.keys || config.options.keys;
  const algorithm = config.algorithm || "sha1";
  const base = config.options.path || "/";
  const prefix = base === "/" ? "" : base;
  for (const query of ["views=1", "views=42&user=j%C3%BCrgen", "views=7&user=" + "x".repeat(100)]) {
    const res = await request(server, `${prefix}/set?${query}`, undefined, headers);
    const [main, sig] = res.setCookie;
    if (!sig) throw new Error(`${config.label}: ${res.status} ${res.body} ${res.setCookie}`);
    const value = pairOf(main).slice(pairOf(main).indexOf("=") + 1);
    cookieSessionCases.push({
      label: config.label,
      name: config.options.name,
      keys,
      algorithm,
      json: Buffer.from(value, "base64").toString("utf8"),
      set_cookie: [main, sig],
    });
    // Send it back, intact and damaged.
    const name = config.options.name;
    const good = `${pairOf(main)}; ${pairOf(sig)}`;
    const sigValue = pairOf(sig).slice(pairOf(sig).indexOf("=") + 1);
    const variants = {
      intact: good,
      reordered: `${pairOf(sig)}; ${pairOf(main)}`,
      "with other cookies": `a=1; ${pairOf(main)}; b=2; ${pairOf(sig)}; c=3`,
      "value tampered": `${name}=${flip(value, 2)}; ${pairOf(sig)}`,
      "signature tampered": `${pairOf(main)}; ${name}.sig=${flip(sigValue, 3)}`,
      "signature truncated": `${pairOf(main)}; ${name}.sig=${sigValue.slice(0, -2)}`,
      "signature padded": `${pairOf(main)}; ${name}.sig=${sigValue}=`,
      "signature missing": pairOf(main),
      "value missing": pairOf(sig),
      "signature empty": `${pairOf(main)}; ${name}.sig=`,
      "value quoted": `${name}="${value}"; ${pairOf(sig)}`,
      "trailing space in value": `${pairOf(main)} ; ${pairOf(sig)}`,
      "no space after semicolon": `${pairOf(main)};${pairOf(sig)}`,
      "tab after semicolon": `${pairOf(main)};\t${pairOf(sig)}`,
      "duplicate, bad first": `${name}=${flip(value, 2)}; ${pairOf(main)}; ${pairOf(sig)}`,
      "signature of other name": `${name}=${value}; ${name}.sig=${new Keygrip(keys, algorithm).sign("other=" + value)}`,
      "signed by older key": `${pairOf(main)}; ${name}.sig=${new Keygrip([keys[keys.length - 1]], algorithm).sign(`${name}=${value}`)}`,
      "signed with wrong secret": `${pairOf(main)}; ${name}.sig=${new Keygrip(["wrong"], algorithm).sign(`${name}=${value}`)}`,
    };
    for (const [label, header] of Object.entries(variants)) {
      const r = await request(server, `${prefix}/read`, header, headers);
      const body = JSON.parse(r.body);
      cookieSessionRequests.push({
        label: `${config.label}: ${label}`,
        name,
        keys,
        algorithm,
        cookie_header: header,
        accepted: body.populated === true,
        session_json: body.populated ? JSON.stringify(body.session) : null,
        set_cookie: r.setCookie,
      });
    }
  }
  // Removal.
  const res = await request(server, `${prefix}/clear`, undefined, headers);
  cookieSessionCases.push({
    label: `${config.label}: removal`,
    name: config.options.name,
    keys,
    algorithm,
    json: null,
    set_cookie: res.setCookie,
  });
  server.close();
}

// ---- express-session over HTTP ---------------------------------------------

async function expressSessionServer(options) {
  const app = express();
  app.set("trust proxy", true);
  app.use(session(options));
  app.get("/login", (req, res) => {
    req.session.user = req.query.user || "jane";
    res.json({ sid: req.sessionID });
  });
  app.get("/me", (req, res) => {
    if (req.session.user) res.json({ sid: req.sessionID, user: req.session.user });
    else res.status(401).json({ sid: req.sessionID });
  });
  return listen(app);
}

const expressCases = [];
const expressRequests = [];
const store = new session.MemoryStore();
const expressConfigs = [
  { label: "defaults", options: { secret: "keyboard cat", resave: false, saveUninitialized: false, store } },
  { label: "rotation", options: { secret: ["new secret", "old secret"], resave: false, saveUninitialized: false, store } },
  {
    label: "attributes",
    options: {
      name: "sid",
      secret: "keyboard cat",
      resave: false,
      saveUninitialized: false,
      store,
      cookie: { path: "/", domain: "example.com", sameSite: "strict", secure: true, priority: "high" },
    },
    https: true,
  },
];

for (const config of expressConfigs) {
  const server = await expressSessionServer(config.options);
  const headers = config.https ? { "x-forwarded-proto": "https" } : {};
  const name = config.options.name || "connect.sid";
  const secretsOf = [].concat(config.options.secret);
  for (let i = 0; i < 3; i++) {
    const res = await request(server, `/login?user=u${i}`, undefined, headers);
    const sid = JSON.parse(res.body).sid;
    const setCookie = res.setCookie[0];
    expressCases.push({ label: config.label, name, secrets: secretsOf, sid, set_cookie: setCookie });
    const value = pairOf(setCookie).slice(name.length + 1);
    const decoded = decodeURIComponent(value);
    const variants = {
      intact: `${name}=${value}`,
      "not percent-encoded": `${name}=${decoded}`,
      quoted: `${name}="${value}"`,
      "with other cookies": `a=1; ${name}=${value}; b=2`,
      "signature tampered": `${name}=${flip(value, value.length - 1)}`,
      "signature truncated": `${name}=${value.slice(0, -3)}`,
      "signature padded": `${name}=${value}%3D`,
      "id tampered": `${name}=${value.slice(0, 6)}${flip(value, 6).slice(6)}`,
      "prefix missing": `${name}=${encodeURIComponent(decoded.slice(2))}`,
      "no signature": `${name}=${encodeURIComponent("s:" + sid)}`,
      "signed with wrong secret": `${name}=${encodeURIComponent("s:" + signature.sign(sid, "wrong secret"))}`,
      "signed with last secret": `${name}=${encodeURIComponent("s:" + signature.sign(sid, secretsOf[secretsOf.length - 1]))}`,
      "duplicate, bad first": `${name}=s%3Abad.sig; ${name}=${value}`,
      "duplicate, good first": `${name}=${value}; ${name}=s%3Abad.sig`,
    };
    for (const [label, header] of Object.entries(variants)) {
      const r = await request(server, "/me", header, headers);
      const body = JSON.parse(r.body);
      expressRequests.push({
        label: `${config.label}: ${label}`,
        name,
        secrets: secretsOf,
        cookie_header: header,
        accepted: r.status === 200,
        sid: r.status === 200 ? body.sid : null,
      });
    }
  }
  server.close();
}

const out = {
  generator: "tests/gen/npm/signed.mjs",
  libraries: {
    keygrip: version("keygrip"),
    cookies: version("cookies"),
    "cookie-session": version("cookie-session"),
    "cookie-signature": version("cookie-signature"),
    "express-session": version("express-session"),
    "express-session/cookie-signature": version("express-session/node_modules/cookie-signature"),
    "express-session/cookie": version("express-session/node_modules/cookie"),
    express: version("express"),
  },
  keygrip,
  cookie_signature: { sign: cookieSignature, unsign: unsignCases },
  cookie_session: { responses: cookieSessionCases, requests: cookieSessionRequests },
  express_session: { responses: expressCases, requests: expressRequests },
};
writeFileSync(new URL("../../vectors/npm-signed.json", import.meta.url), JSON.stringify(out, null, 1) + "\n");
console.log(
  `keygrip ${keygrip.length}, cookie-signature ${cookieSignature.length}+${unsignCases.length}, ` +
    `cookie-session ${cookieSessionCases.length}+${cookieSessionRequests.length}, ` +
    `express-session ${expressCases.length}+${expressRequests.length}`,
);
