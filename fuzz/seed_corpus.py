#!/usr/bin/env python3
"""Writes fuzz/corpus/<target>/ seed files from the project's vectors.

Seeds are named by the SHA-1 of their content, as libFuzzer names its own
finds, so re-running this script adds nothing twice.
"""
import hashlib
import json
import pathlib

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

signed = load("npm-signed.json")
for case in signed["cookie_session"]["requests"][:40]:
    write("signed_verify", case["cookie_header"].encode())
for case in signed["express_session"]["requests"][:20]:
    write("signed_verify", case["cookie_header"].encode())
for case in signed["keygrip"][:40]:
    write("base64", case["digest"].encode())

import os
suite = ROOT.parent / "tests" / "vectors" / "JSONTestSuite" / "test_parsing"
for path in sorted(suite.iterdir()):
    if path.name.startswith("y_"):
        write("json", path.read_bytes())
write("json", (BENCH / "claims.json").read_bytes())
write("jwt_verify", b"\x00" * 8 + (BENCH / "jwt_hs256.txt").read_bytes().strip())
for case in load("npm-basic-auth.json")["parses"]:
    write("auth", case["header"].encode())
write("auth", b"Bearer mF_9.B5f-4.1JqM")
