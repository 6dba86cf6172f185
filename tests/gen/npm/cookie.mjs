// Produces tests/vectors/npm-cookie.json from the real npm `cookie` package:
// version 2.0.2 (current) and 0.7.2 (the one Express 4 and 5 depend on).
//
// Run from this folder (versions as package-lock.json pins them): npm ci && node cookie.mjs
// The output is committed; the Rust tests read it without network or Node.

import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import * as cookie2 from "cookie";

const require = createRequire(import.meta.url);
const cookie07 = require("cookie07");
const version = (name) =>
  JSON.parse(readFileSync(new URL(`node_modules/${name}/package.json`, import.meta.url))).version;

// A small deterministic generator, so that the file only changes when the
// libraries or this script do.
let seed = 0x9e3779b9;
function random() {
  seed ^= seed << 13;
  seed >>>= 0;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  seed >>>= 0;
  return seed / 0x100000000;
}
const pick = (items) => items[Math.floor(random() * items.length)];

// ---- Cookie request headers -------------------------------------------

const handPicked = [
  "", "a", "=", "a=", "=b", ";=", "; =", "a=b", "a=b;", "a=b; ", " a=b ", "\ta\t=\tb\t",
  "a=b; c=d", "a=b;c=d", "a=b;  c=d", "a=b ; c=d", "a=b=c", "a==b", "a=b; a=c", "A=1; a=2",
  "a=\"b\"", "a=\"b", "a=b\"", "a=\"\"", "a=\"", "a=\" b \"", "a= \"b\" ", "a=\"b;c\"",
  "foo; bar=1", "foo;bar=1;baz", ";;;a=1;;;", "a=1;;b=2", "; a=1", "a b=c d",
  "a=%20", "a=%2", "a=%zz", "a=100%", "a=%E2%82%AC", "a=%e2%82%ac", "a=%C3", "a=%C3%28",
  "a=%ED%A0%80", "a=%F0%9F%98%80", "a=%41%42", "a=caf%C3%A9", "a=\"%20\"", "%20=1", "a%3Db=c",
  "a=é", "é=1", "a=日本", "a=b\u00a0", "__proto__=x", "constructor=y; toString=z",
  "1=a; 2=b; b=c; a=d", "x=1; X=2",
  "_ga=GA1.1.1234567890.1700000000; _gid=GA1.1.987654321.1700000000; theme=\"dark-mode\"; prefs=lang%3Den-US%26tz%3DEurope%2FBerlin",
  "sessionid=a781fe2dc1a122c6d4c683752d382749a62850eaef5cedb0; csrftoken=HLynQWCxteDPigpeN6_itG5KnWr77scBv8lysJwx7isgAVtGfquw7IjCaDH1XnD2",
  "ab_test=checkout=variant-b; auth_hint=dXNlcjo0Mnxyb2xlOnJlYWRlcnx2OjM==",
  "s=s%3Aabc.def%2Bghi%2F; connect.sid=s%3Ax.y",
  "a=1,b=2", "a=1, b=2", "a=\\\"x\\\"", "a=x\\y",
];
const alphabet = ["a", "b", "A", "1", "=", "=", ";", ";", " ", " ", "\t", "\"", "%", "2", "0",
  "C", "3", "E", "9", "%2", "%C3%A9", "é", ",", "\\"];
const generated = [];
for (let i = 0; i < 400; i++) {
  const len = Math.floor(random() * 24);
  let s = "";
  for (let j = 0; j < len; j++) s += pick(alphabet);
  generated.push(s);
}

const raw = (s) => s;
const headers = [...handPicked, ...generated].map((header) => ({
  header,
  // Object.entries keeps insertion order except that integer-like keys come
  // first: compare as maps.
  v2_decoded: Object.entries(cookie2.parseCookie(header)),
  v2_raw: Object.entries(cookie2.parseCookie(header, { decode: raw })),
  v07_decoded: Object.entries(cookie07.parse(header)),
  v07_raw: Object.entries(cookie07.parse(header, { decode: raw })),
}));

// ---- Set-Cookie serialization (cookie 2.x stringifySetCookie) ----------

const names = ["session", "a", "__Secure-id", "__Host-id", "__Http-id", "__Host-Http-id",
  "__secure-x", "a b", "a=b", "a;b", "a(b", "a@b", "a/b", "", "é", "a\tb", "ok!#$%&'*+-.^_`|~"];
const values = ["v", "", "abc/def", "a b", "a;b", "a,b", "a\"b", "\"q\"", "50%", "%41", "é",
  "a\r\nSet-Cookie: x=y", "dXNlcjo0Mn==", "x".repeat(4095)];
const optionSets = [
  {},
  { path: "/" },
  { path: "/docs/a b" },
  { path: "/a;b" },
  { path: "/a<b" },
  { path: "/é" },
  { path: "" },
  { path: "docs" },
  { domain: "example.com" },
  { domain: ".example.com" },
  { domain: "EXAMPLE.org" },
  { domain: "exa_mple.com" },
  { domain: "example.com." },
  { domain: "-bad.com" },
  { domain: "" },
  { domain: "a;b.com" },
  { maxAge: 0 },
  { maxAge: 86400 },
  { maxAge: -1 },
  { maxAge: 1.5 },
  { expires: 0 },
  { expires: 2000000000 },
  { expires: -11644473600 },
  { expires: -11644473601 },
  { expires: 253402300799 },
  { expires: 253402300800 },
  { secure: true },
  { httpOnly: true },
  { partitioned: true },
  { partitioned: true, secure: true },
  { priority: "low" },
  { priority: "Medium" },
  { priority: "HIGH" },
  { priority: "urgent" },
  { sameSite: true },
  { sameSite: "lax" },
  { sameSite: "Strict" },
  { sameSite: "none" },
  { sameSite: "none", secure: true },
  { sameSite: "bogus" },
  { path: "/", secure: true },
  { path: "/", secure: true, httpOnly: true },
  { path: "/", secure: true, domain: "example.com" },
  { path: "/x", secure: true },
  { path: "/", domain: "example.com", maxAge: 86400, expires: 2000000000, secure: true,
    httpOnly: true, sameSite: "lax", partitioned: true, priority: "high" },
];

const serialize = [];
function addSerializeCase(name, value, options) {
  const input = { name, value, ...options };
  if (options.expires !== undefined) input.expires = new Date(options.expires * 1000);
  let output = null;
  let error = null;
  try {
    output = cookie2.stringifySetCookie(input);
  } catch (e) {
    error = String(e.message);
  }
  serialize.push({ name, value, options, output, error });
}
for (const name of names) addSerializeCase(name, "v", {});
for (const value of values) addSerializeCase("a", value, {});
for (const options of optionSets) addSerializeCase("a", "v", options);
for (const name of names.slice(2, 7)) {
  for (const options of optionSets.slice(39)) addSerializeCase(name, "v", options);
}

const out = {
  generator: "tests/gen/npm/cookie.mjs",
  libraries: { cookie: version("cookie"), cookie07: version("cookie07") },
  headers,
  serialize,
};
const target = new URL("../../vectors/npm-cookie.json", import.meta.url);
writeFileSync(target, JSON.stringify(out, null, 1) + "\n");
console.log(`wrote ${headers.length} header cases and ${serialize.length} serialize cases`);
