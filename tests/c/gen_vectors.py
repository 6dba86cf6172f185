#!/usr/bin/env python3
"""Writes the known answers of the C tests as a C header.

Every answer comes from a vector file already in the repository, produced by
a specification or by the real peer library, never by jeton:

- tests/vectors/hmac/rfc2202.json, rfc4231.json: the RFCs' HMAC tags;
- tests/vectors/npm-signed.json: keygrip, cookie-signature, cookie-session
  and express-session, run by tests/gen/npm/signed.mjs;
- tests/vectors/npm-cookie.json: npm `cookie` 2.0.2 and 0.7.2 parsing;
- tests/vectors/http-state/parser.json, dates/*.json: the IETF http-state
  suite;
- bench/inputs/set_cookie.json and set_cookie_expected.txt: the fixed
  Set-Cookie line of the benchmark;
- tests/gen/jwt-shapes.json: the JWT claim shapes and keys every peer
  signed; tests/vectors/npm-jwt.json and pyjwt.json: the tokens npm jose,
  npm jsonwebtoken and PyJWT signed, with their own verdicts and decoded
  claims; tests/vectors/jeton-jwt.json: jeton's tokens, which all three
  peers accepted;
- tests/vectors/npm-basic-auth.json: npm basic-auth's parses and formats;
- bench/inputs/jwt_hs256.txt, jwt_key.bin, claims.json: the benchmark JWT.

Usage: gen_vectors.py REPO_ROOT OUTPUT_HEADER
"""

import json
import math
import os
import sys


def c_string(data):
    """A C string literal for bytes (or str), every byte that is not plain
    printable ASCII written as a three-digit octal escape (which cannot run
    into the next character, and keeps '?' out of trigraphs)."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    out = []
    for b in data:
        c = chr(b)
        if 0x20 <= b < 0x7F and c not in '"\\?':
            out.append(c)
        else:
            out.append("\\%03o" % b)
    return '"' + "".join(out) + '"'


def jt_str(data):
    if data is None:
        return "{ NULL, 0 }"
    if isinstance(data, str):
        data = data.encode("utf-8")
    return "{ %s, %d }" % (c_string(data), len(data))


def load(root, path):
    with open(os.path.join(root, path), encoding="utf-8") as f:
        text = f.read()
    # The BSD date examples start with a // licence header.
    # Split on "\n" only: str.splitlines() would also split on U+2028 and
    # U+2029, which the JWT vectors hold raw inside strings.
    lines = [l for l in text.split("\n") if not l.lstrip().startswith("//")]
    return json.loads("\n".join(lines))


ALGORITHMS = {"sha1": "JETON_HMAC_SHA1", "sha256": "JETON_HMAC_SHA256",
              "sha384": "JETON_HMAC_SHA384", "sha512": "JETON_HMAC_SHA512"}


def keys(names):
    assert 1 <= len(names) <= 4, names
    padded = list(names) + [None] * (4 - len(names))
    return "%d, { %s }" % (len(names), ", ".join(jt_str(k) for k in padded))


JWT_ALGORITHMS = {"HS256": "JETON_JWT_HS256", "HS384": "JETON_JWT_HS384",
                  "HS512": "JETON_JWT_HS512"}
# The peers' refusals, as tests/tests/jwt_interop.rs maps them.
JWT_ERRORS = {None: "JETON_OK", "expired": "JETON_ERR_JWT_EXPIRED",
              "not yet valid": "JETON_ERR_JWT_NOT_YET_VALID",
              "audience": "JETON_ERR_JWT_AUDIENCE_INVALID",
              "issuer": "JETON_ERR_JWT_ISSUER_INVALID"}


def compact(value):
    """The JSON text of a value as the peers write it: no spaces."""
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def claim_rows(claims, sort):
    """C rows for a claims object: (name, kind, text, integer), the kind a
    JETON_JWT_VALUE_* value. Numbers with a fraction are raw JSON, with
    `integer` their NumericDate rounded up (as jeton reads them)."""
    rows = []
    items = sorted(claims.items()) if sort else list(claims.items())
    for name, value in items:
        if isinstance(value, bool):
            kind, text, integer = "JETON_JWT_VALUE_BOOL", None, int(value)
        elif isinstance(value, int):
            kind, text, integer = "JETON_JWT_VALUE_INT", None, value
        elif isinstance(value, str):
            kind, text, integer = "JETON_JWT_VALUE_STRING", value, 0
        else:
            integer = math.ceil(value) if isinstance(value, float) else 0
            kind, text = "JETON_JWT_VALUE_JSON", compact(value)
        rows.append("{ %s, %s, %s, %dLL }" % (jt_str(name), kind, jt_str(text), integer))
    return rows


def jwt_vectors(root, w):
    spec = load(root, "tests/gen/jwt-shapes.json")
    w("typedef struct { jt_str name; jeton_jwt_value_kind kind; jt_str text; int64_t integer; } jt_claim;")
    w("typedef struct { jeton_jwt_algorithm alg; jt_str name, secret, kid; } jt_jwt_key;")
    keys = spec["keys"]
    w("static const jt_jwt_key jt_jwt_keys[] = {\n  %s\n};" % ",\n  ".join(
        "{ %s, %s, %s, %s }" % (JWT_ALGORITHMS[k["alg"]], jt_str(k["alg"]), jt_str(k["secret"]),
                                jt_str(k["kid"])) for k in keys))
    w("static const int64_t jt_jwt_now = %dLL;" % spec["now"])
    # Shapes: claims (custom ones sorted by name, the order in which the
    # Rust test that made jeton-jwt.json added them), the audiences of an
    # aud array, the validation, the verdict.
    w("typedef struct { jt_str name; size_t n_claims; const jt_claim *claims; size_t n_auds;"
      " const jt_str *auds; jt_str issuer, audience; jeton_status expect; } jt_jwt_shape;")
    rows = []
    shape_index = {}
    for i, shape in enumerate(spec["shapes"]):
        shape_index[shape["name"]] = i
        w("static const jt_claim jt_shape_%d[] = { %s };" % (
            i, ", ".join(claim_rows(shape["claims"], sort=True))))
        aud = shape["claims"].get("aud")
        auds = "NULL"
        if isinstance(aud, list):
            w("static const jt_str jt_shape_%d_auds[] = { %s };" % (
                i, ", ".join(jt_str(a) for a in aud)))
            auds = "jt_shape_%d_auds" % i
        validation = shape.get("validation", {})
        rows.append("{ %s, %d, jt_shape_%d, %d, %s, %s, %s, %s }" % (
            jt_str(shape["name"]), len(shape["claims"]), i,
            len(aud) if isinstance(aud, list) else 0, auds,
            jt_str(validation.get("issuer")), jt_str(validation.get("audience")),
            JWT_ERRORS[shape.get("expect")]))
    w("static const jt_jwt_shape jt_jwt_shapes[] = {\n  %s\n};" % ",\n  ".join(rows))
    key_index = {k["alg"]: i for i, k in enumerate(keys)}

    # Peer tokens with the peers' verdicts and decoded claims.
    w("typedef struct { jt_str lib; int shape, key; jt_str token; int accepted; size_t n_claims;"
      " const jt_claim *claims; } jt_peer_jwt;")
    rows = []
    n = 0
    for path in ("tests/vectors/npm-jwt.json", "tests/vectors/pyjwt.json"):
        for t in load(root, path)["tokens"]:
            claims = t.get("claims") if t["accepted"] else None
            if claims is not None:
                w("static const jt_claim jt_peer_%d[] = { %s };" % (
                    n, ", ".join(claim_rows(claims, sort=False))))
            rows.append("{ %s, %d, %d, %s, %d, %d, %s }" % (
                jt_str(t["lib"]), shape_index[t["shape"]], key_index[t["alg"]], jt_str(t["token"]),
                int(t["accepted"]), len(claims) if claims is not None else 0,
                "jt_peer_%d" % n if claims is not None else "NULL"))
            n += 1
    w("static const jt_peer_jwt jt_peer_jwts[] = {\n  %s\n};" % ",\n  ".join(rows))

    # jeton's own tokens, which every peer accepted.
    w("typedef struct { int shape, key; jt_str token; } jt_jeton_jwt;")
    rows = ["{ %d, %d, %s }" % (shape_index[t["shape"]], key_index[t["alg"]], jt_str(t["token"]))
            for t in load(root, "tests/vectors/jeton-jwt.json")["tokens"]]
    w("static const jt_jeton_jwt jt_jeton_jwts[] = {\n  %s\n};" % ",\n  ".join(rows))

    # The benchmark token: its key, header, claims in file order.
    with open(os.path.join(root, "bench/inputs/jwt_hs256.txt"), encoding="utf-8") as f:
        token = f.read().strip()
    with open(os.path.join(root, "bench/inputs/jwt_key.bin"), "rb") as f:
        key = f.read()
    header = load(root, "bench/inputs/jwt_header.json")
    assert header == {"alg": "HS256", "typ": "JWT"}, header
    claims = load(root, "bench/inputs/claims.json")
    w("static const jt_claim jt_bench_claims[] = { %s };" % ", ".join(claim_rows(claims, sort=False)))
    w("static const jt_str jt_bench_jwt = %s;" % jt_str(token))
    w("static const jt_str jt_bench_jwt_key = %s;" % jt_str(key))


def basic_auth_vectors(root, w):
    doc = load(root, "tests/vectors/npm-basic-auth.json")
    w("typedef struct { jt_str header; int accepted; jt_str name, pass; } jt_basic_parse;")
    rows = []
    for case in doc["parses"]:
        r = case["result"]
        rows.append("{ %s, %d, %s, %s }" % (
            jt_str(case["header"]), int(r is not None), jt_str(r["name"] if r else None),
            jt_str(r["pass"] if r else None)))
    w("static const jt_basic_parse jt_basic_parses[] = {\n  %s\n};" % ",\n  ".join(rows))
    w("typedef struct { jt_str name, pass, output; } jt_basic_format;")
    rows = ["{ %s, %s, %s }" % (jt_str(c["name"]), jt_str(c["pass"]), jt_str(c["output"]))
            for c in doc["formats"]]
    w("static const jt_basic_format jt_basic_formats[] = {\n  %s\n};" % ",\n  ".join(rows))


def main():
    root, output = sys.argv[1], sys.argv[2]
    out = []
    w = out.append
    w("/* Generated by tests/c/gen_vectors.py from the repository's vector")
    w(" * files; do not edit. */")
    w("#ifndef JETON_TEST_VECTORS_H")
    w("#define JETON_TEST_VECTORS_H")
    w("#include <stddef.h>")
    w('#include "jeton.h"')
    w("typedef struct { const char *s; size_t n; } jt_str;")
    w("typedef struct { jt_str name, value; } jt_kv;")

    # HMAC: RFC 2202 (SHA-1) and RFC 4231 (SHA-2).
    w("typedef struct { const char *source; int tc; jeton_hmac_algorithm alg;"
      " jt_str key, data, tag; int truncated; } jt_hmac_vec;")
    rows = []
    for path, algs in (("tests/vectors/hmac/rfc2202.json", ["sha1"]),
                       ("tests/vectors/hmac/rfc4231.json", ["sha256", "sha384", "sha512"])):
        doc = load(root, path)
        full = {"sha1": 20, "sha256": 32, "sha384": 48, "sha512": 64}
        for case in doc["cases"]:
            for alg in algs:
                tag = bytes.fromhex(case[alg])
                rows.append("{ %s, %d, %s, %s, %s, %s, %d }" % (
                    c_string(os.path.basename(path)), case["case"], ALGORITHMS[alg],
                    jt_str(bytes.fromhex(case["key"])), jt_str(bytes.fromhex(case["data"])),
                    jt_str(tag), int(len(tag) != full[alg])))
    w("static const jt_hmac_vec jt_hmac_vecs[] = {\n  %s\n};" % ",\n  ".join(rows))

    signed = load(root, "tests/vectors/npm-signed.json")

    # keygrip: verify (index, or -1 for refused) and sign.
    w("typedef struct { jeton_hmac_algorithm alg; int nkeys; jt_str keys[4];"
      " jt_str name, value, digest; int index; } jt_keygrip_vec;")
    rows = []
    for case in signed["keygrip"]:
        name, value = case["data"].split("=", 1)
        rows.append("{ %s, %s, %s, %s, %s, %d }" % (
            ALGORITHMS[case["algorithm"]], keys(case["keys"]), jt_str(name), jt_str(value),
            jt_str(case["digest"]), case["index"]))
    w("static const jt_keygrip_vec jt_keygrip_vecs[] = {\n  %s\n};" % ",\n  ".join(rows))

    # cookie-signature sign and unsign.
    w("typedef struct { jt_str secret, value, signed_value; } jt_cs_sign_vec;")
    rows = ["{ %s, %s, %s }" % (jt_str(c["secret"]), jt_str(c["value"]), jt_str(c["signed"]))
            for c in signed["cookie_signature"]["sign"]]
    w("static const jt_cs_sign_vec jt_cs_sign_vecs[] = {\n  %s\n};" % ",\n  ".join(rows))
    w("typedef struct { jt_str secret, input; int accepted; jt_str value; } jt_cs_unsign_vec;")
    rows = []
    for c in signed["cookie_signature"]["unsign"]:
        accepted = isinstance(c["result"], str)
        rows.append("{ %s, %s, %d, %s }" % (
            jt_str(c["secret"]), jt_str(c["input"]), int(accepted),
            jt_str(c["result"] if accepted else None)))
    w("static const jt_cs_unsign_vec jt_cs_unsign_vecs[] = {\n  %s\n};" % ",\n  ".join(rows))

    # cookie-session responses and requests.
    w("typedef struct { jt_str label; jeton_hmac_algorithm alg; int nkeys; jt_str keys[4];"
      " jt_str name, json, set_cookie, set_cookie_sig; } jt_session_response;")
    rows = []
    for c in signed["cookie_session"]["responses"]:
        rows.append("{ %s, %s, %s, %s, %s, %s, %s }" % (
            jt_str(c["label"]), ALGORITHMS[c["algorithm"]], keys(c["keys"]), jt_str(c["name"]),
            jt_str(c["json"]), jt_str(c["set_cookie"][0]), jt_str(c["set_cookie"][1])))
    w("static const jt_session_response jt_session_responses[] = {\n  %s\n};" % ",\n  ".join(rows))
    w("typedef struct { jt_str label; jeton_hmac_algorithm alg; int nkeys; jt_str keys[4];"
      " jt_str name, header; int accepted; jt_str session_json, resigned; } jt_session_request;")
    rows = []
    for c in signed["cookie_session"]["requests"]:
        resigned = c["set_cookie"][0] if c["set_cookie"] else None
        rows.append("{ %s, %s, %s, %s, %s, %d, %s, %s }" % (
            jt_str(c["label"]), ALGORITHMS[c["algorithm"]], keys(c["keys"]), jt_str(c["name"]),
            jt_str(c["cookie_header"]), int(c["accepted"]), jt_str(c["session_json"]),
            jt_str(resigned)))
    w("static const jt_session_request jt_session_requests[] = {\n  %s\n};" % ",\n  ".join(rows))

    # express-session responses and requests.
    w("typedef struct { jt_str label; int nkeys; jt_str keys[4]; jt_str name, sid,"
      " set_cookie; } jt_express_response;")
    rows = ["{ %s, %s, %s, %s, %s }" % (
        jt_str(c["label"]), keys(c["secrets"]), jt_str(c["name"]), jt_str(c["sid"]),
        jt_str(c["set_cookie"])) for c in signed["express_session"]["responses"]]
    w("static const jt_express_response jt_express_responses[] = {\n  %s\n};" % ",\n  ".join(rows))
    w("typedef struct { jt_str label; int nkeys; jt_str keys[4]; jt_str name, header;"
      " int accepted; jt_str sid; } jt_express_request;")
    rows = ["{ %s, %s, %s, %s, %d, %s }" % (
        jt_str(c["label"]), keys(c["secrets"]), jt_str(c["name"]), jt_str(c["cookie_header"]),
        int(c["accepted"]), jt_str(c["sid"])) for c in signed["express_session"]["requests"]]
    w("static const jt_express_request jt_express_requests[] = {\n  %s\n};" % ",\n  ".join(rows))

    # npm cookie: the first pair per name, raw and decoded, for 2.0.2 and
    # 0.7.2 (which strips one pair of quotes).
    npm = load(root, "tests/vectors/npm-cookie.json")
    w("typedef struct { jt_str header; size_t n_v2; const jt_kv *v2_raw, *v2_decoded;"
      " size_t n_v07; const jt_kv *v07_raw, *v07_decoded; } jt_npm_cookie_vec;")
    rows = []
    for i, case in enumerate(npm["headers"]):
        lists = []
        for key in ("v2_raw", "v2_decoded", "v07_raw", "v07_decoded"):
            entries = case[key]
            if entries:
                w("static const jt_kv jt_npm_%d_%s[] = { %s };" % (i, key, ", ".join(
                    "{ %s, %s }" % (jt_str(k), jt_str(v)) for k, v in entries)))
                lists.append("jt_npm_%d_%s" % (i, key))
            else:
                lists.append("NULL")
        assert len(case["v2_raw"]) == len(case["v2_decoded"]), case
        assert len(case["v07_raw"]) == len(case["v07_decoded"]), case
        rows.append("{ %s, %d, %s, %s, %d, %s, %s }" % (
            jt_str(case["header"]), len(case["v2_raw"]), lists[0], lists[1],
            len(case["v07_raw"]), lists[2], lists[3]))
    w("static const jt_npm_cookie_vec jt_npm_cookie_vecs[] = {\n  %s\n};" % ",\n  ".join(rows))

    # http-state parser cases: Set-Cookie headers in, expected Cookie out.
    parser = load(root, "tests/vectors/http-state/parser.json")
    w("typedef struct { jt_str test; size_t n_received; const jt_str *received;"
      " jt_str sent_to; jt_str expected; } jt_http_state_vec;")
    rows = []
    for i, case in enumerate(parser):
        received = case["received"]
        if received:
            w("static const jt_str jt_hs_%d[] = { %s };" % (
                i, ", ".join(jt_str(r) for r in received)))
        expected = "; ".join("%s=%s" % (c["name"], c["value"]) for c in case["sent"])
        rows.append("{ %s, %d, %s, %s, %s }" % (
            jt_str(case["test"]), len(received), "jt_hs_%d" % i if received else "NULL",
            jt_str(case.get("sent-to")), jt_str(expected)))
    w("static const jt_http_state_vec jt_http_state_vecs[] = {\n  %s\n};" % ",\n  ".join(rows))

    # Cookie dates: input, and the IMF-fixdate it means (NULL: invalid).
    w("typedef struct { jt_str input, expected; } jt_date_vec;")
    rows = []
    for path in ("tests/vectors/http-state/dates/examples.json",
                 "tests/vectors/http-state/dates/bsd-examples.json"):
        for case in load(root, path):
            rows.append("{ %s, %s }" % (jt_str(case["test"]), jt_str(case["expected"])))
    w("static const jt_date_vec jt_date_vecs[] = {\n  %s\n};" % ",\n  ".join(rows))

    # The benchmark's Set-Cookie spec and the line it must produce.
    spec = load(root, "bench/inputs/set_cookie.json")
    with open(os.path.join(root, "bench/inputs/set_cookie_expected.txt"), encoding="utf-8") as f:
        expected_line = f.read().rstrip("\r\n")
    same_site = {"Strict": "JETON_SAME_SITE_STRICT", "Lax": "JETON_SAME_SITE_LAX",
                 "None": "JETON_SAME_SITE_NONE"}[spec["same_site"]]
    w("static const jt_str jt_bench_name = %s;" % jt_str(spec["name"]))
    w("static const jt_str jt_bench_value = %s;" % jt_str(spec["value"]))
    w("static const jt_str jt_bench_path = %s;" % jt_str(spec["path"]))
    w("static const jt_str jt_bench_domain = %s;" % jt_str(spec["domain"]))
    w("static const int64_t jt_bench_max_age = %d;" % spec["max_age"])
    w("static const int64_t jt_bench_expires = %dLL;" % spec["expires_unix"])
    w("static const jt_str jt_bench_expires_http = %s;" % jt_str(spec["expires_http"]))
    w("static const int jt_bench_secure = %d;" % int(spec["secure"]))
    w("static const int jt_bench_http_only = %d;" % int(spec["http_only"]))
    w("static const jeton_same_site jt_bench_same_site = %s;" % same_site)
    w("static const jt_str jt_bench_expected = %s;" % jt_str(expected_line))

    jwt_vectors(root, w)
    basic_auth_vectors(root, w)

    w("#define JT_COUNT(a) (sizeof(a) / sizeof((a)[0]))")
    w("#endif")
    with open(output, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
