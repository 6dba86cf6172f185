#!/usr/bin/env python3
"""Writes fuzz/corpus/<target>/ seed files from the project's vectors.

Seeds are named by the SHA-1 of their content, as libFuzzer names its own
finds, so re-running this script adds nothing twice.
"""
import hashlib
import json
import pathlib
import struct

ROOT = pathlib.Path(__file__).resolve().parent
VECTORS = ROOT.parent / "tests" / "vectors"
BENCH = ROOT.parent / "bench" / "inputs"


def write(target, data):
    folder = ROOT / "corpus" / target
    folder.mkdir(parents=True, exist_ok=True)
    (folder / hashlib.sha1(data).hexdigest()).write_bytes(data)


def load(relative):
    text = (VECTORS / relative).read_text()
    return json.loads("\n".join(l for l in text.splitlines() if not l.lstrip().startswith("//")))


npm = load("npm-cookie.json")
for case in npm["headers"][:120]:
    write("cookie_header", case["header"].encode())
write("cookie_header", (BENCH / "cookie_header.txt").read_bytes().strip())

for case in load("http-state/parser.json"):
    for header in case["received"]:
        write("set_cookie_parse", header.encode())
write("set_cookie_parse", (BENCH / "set_cookie_expected.txt").read_bytes().strip())

for name in ("examples.json", "bsd-examples.json"):
    for case in load(f"http-state/dates/{name}"):
        write("cookie_date", case["test"].encode())

for value in ["caf%C3%A9", "%", "%zz", "%F0%9F%98%80", "a%20b", "%ED%A0%80", "plain"]:
    write("percent", value.encode())

def sized(data):
    """A length byte and the bytes, as the verify targets read them."""
    assert len(data) < 256
    return bytes([len(data)]) + data


signed = load("npm-signed.json")
# signed_verify: secret, cookie name, then the header the real library
# produced (so that the accepting paths are reached).
for case in signed["cookie_session"]["requests"][:40]:
    write("signed_verify", sized(case["keys"][0].encode()) + sized(case["name"].encode())
          + case["cookie_header"].encode())
for case in signed["express_session"]["requests"][:20]:
    write("signed_verify", sized(case["secrets"][0].encode()) + sized(case["name"].encode())
          + case["cookie_header"].encode())
for case in signed["keygrip"][:40]:
    write("base64", case["digest"].encode())

# (JSONTestSuite is read by scripts/fuzz.sh from tests/vectors, not copied.)
write("json", (BENCH / "claims.json").read_bytes())
# jwt_verify: now, leeway, key, then the benchmark token (which verifies
# with that key at that time), or 0xFF and header and claims JSON that the
# harness signs.

jwt_prefix = struct.pack("<qH", 1_750_000_000, 0) + sized((BENCH / "jwt_key.bin").read_bytes())
write("jwt_verify", jwt_prefix + (BENCH / "jwt_hs256.txt").read_bytes().strip())
write("jwt_verify", jwt_prefix + b"\xff" + (BENCH / "jwt_header.json").read_bytes().strip()
      + b"\x00" + (BENCH / "claims.json").read_bytes().strip())
for case in load("npm-basic-auth.json")["parses"]:
    write("auth", case["header"].encode())
write("auth", b"Bearer mF_9.B5f-4.1JqM")
# hmac: algorithm selector, key length, key, two split points, message
# (the RFC 2202 and 4231 keys and messages, under each algorithm).
for name, selectors in (("rfc2202.json", (0,)), ("rfc4231.json", (1, 2, 3))):
    for case in load(f"hmac/{name}")["cases"]:
        key, data = bytes.fromhex(case["key"]), bytes.fromhex(case["data"])
        for selector in selectors:
            write("hmac", bytes([selector, min(len(key), 255)]) + key[:255] + bytes([7, 60]) + data)
