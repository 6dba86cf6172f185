// Produces tests/vectors/npm-basic-auth.json from the real npm `basic-auth`
// package: what `parse` makes of many Authorization header values, and
// what `format` writes (or refuses) for many credentials.
//
// Run from this folder (versions as package-lock.json pins them): npm ci && node basic-auth.mjs

import { readFileSync, writeFileSync } from "node:fs";
import * as basicAuth from "basic-auth";

const version = JSON.parse(readFileSync(new URL("node_modules/basic-auth/package.json", import.meta.url))).version;
const b64 = (s) => Buffer.from(s, "utf-8").toString("base64");

const credentials = [
  ["Aladdin", "open sesame"],
  ["test", "123£"],
  ["", ""],
  ["user", ""],
  ["", "pass"],
  ["user", "pa:ss:word"],
  ["jürgen", "pässwörd 😀"],
  ["a b", " spaces "],
  ["x".repeat(300), "y".repeat(300)],
];
const headers = [];
for (const [name, pass] of credentials) {
  const token = b64(name + ":" + pass);
  headers.push(`Basic ${token}`, `basic ${token}`, `BASIC ${token}`, `  Basic   ${token}  `);
  headers.push(`Basic ${token.replace(/=+$/, "")}`);
}
headers.push(
  "", "Basic", "Basic ", "Basic  ", "Bearer abc", "Basicdc2VyOnBhc3M=", "Basic\tdXNlcjpwYXNz",
  "Basic dXNlcjpwYXNz\t", "Basic dXNlcg==", "Basic dXNlcg", "Basic Og==", "Basic Og=", "Basic Og===",
  "Basic O", "Basic Oh==", "Basic dXNlcjpwYXNz==", "Basic dXNl cjpwYXNz", "Basic dXNlcjpw-_==",
  "Basic dXNlcjpwYXNz ", " Basic dXNlcjpwYXNz", "Basic =", "Basic ====", "Digest dXNlcjpwYXNz",
  "Basic YTpi", "Basic YTpiOmM=", "Basic OmI=", "Basic YTo=", "Basic Zm9v", "Basic Zm9vOg",
);

const parses = headers.map((header) => {
  const r = basicAuth.parse(header);
  return { header, result: r === undefined ? null : { name: r.name, pass: r.pass } };
});

const formats = [
  ...credentials,
  ["us:er", "pass"],
  ["user", "pa\nss"],
  ["us\u0000er", "pass"],
  ["user", "tab\there"],
  ["del\u007f", "x"],
].map(([name, pass]) => {
  try {
    return { name, pass, output: basicAuth.format({ name, pass }), error: null };
  } catch (e) {
    return { name, pass, output: null, error: String(e.message) };
  }
});

writeFileSync(
  new URL("../../vectors/npm-basic-auth.json", import.meta.url),
  JSON.stringify({ generator: "tests/gen/npm/basic-auth.mjs", library: { "basic-auth": version }, parses, formats }, null, 1) + "\n",
);
console.log(`${parses.length} parse cases, ${formats.length} format cases`);
