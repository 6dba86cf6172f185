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
- bench/inputs/jwt_hs256.txt, jwt_key.bin, claims.json: the benchmark JWT;
- tests/vectors/asym-jwt.json: keys (public and private JWK, SPKI PEM,
  jose's RFC 7638 thumbprint), tokens signed by npm jose and PyJWT with
  every asymmetric algorithm, JWK Sets with tokens, attacks and RFC
  examples, each with the peers' verdicts (tests/vectors/asym-jwt.md);
  where jeton answers otherwise than jose on purpose, the case is listed
  in DEVIATIONS of tests/tests/asym_interop.rs, read from there;
- tests/c/private-pem.json: some of those keys' private halves as PKCS#8
  and SEC1 PEM, serialized by PyPI cryptography (tests/c/gen_private_pem.py);
- tests/vectors/oauth-client.json: npm oauth4webapi's PKCE pairs,
  authorization URLs, Basic values, request bodies, client assertions and
  its verdicts on token responses, callbacks and device responses
  (tests/vectors/oauth-client.md); where jeton answers otherwise on
  purpose, the case is listed in tests/tests/oauth_client.rs, read from
  there;
- tests/vectors/oauth-tokens.json: provider metadata, ID tokens, access
  tokens, introspection responses and DPoP proofs made with npm jose and
  judged by oauth4webapi (tests/vectors/oauth-tokens.md), with the status
  jeton answers for each read from `expected()` and DEVIATIONS in
  tests/tests/oauth_tokens.rs; tests/vectors/jeton-oauth-tokens.json:
  jeton's own DPoP proofs, which oauth4webapi accepted.

Usage: gen_vectors.py REPO_ROOT OUTPUT_HEADER
"""

import json
import math
import os
import re
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


# Every JWS algorithm of jeton.h by its name; ES512 (and any other name)
# is 0: not an algorithm jeton implements.
ASYM_ALGORITHMS = dict(JWT_ALGORITHMS, ES256="JETON_JWT_ES256", ES384="JETON_JWT_ES384",
                       EdDSA="JETON_JWT_EDDSA", Ed25519="JETON_JWT_ED25519",
                       RS256="JETON_JWT_RS256", RS384="JETON_JWT_RS384", RS512="JETON_JWT_RS512",
                       PS256="JETON_JWT_PS256", PS384="JETON_JWT_PS384", PS512="JETON_JWT_PS512")


def asym_alg(name):
    return ASYM_ALGORITHMS.get(name, "0")


def deviations(root):
    """The (set id, token `what`) pairs of DEVIATIONS in
    tests/tests/asym_interop.rs: the JWK Set cases where jeton answers
    otherwise than jose on purpose (the reasons are written there)."""
    with open(os.path.join(root, "tests/tests/asym_interop.rs"), encoding="utf-8") as f:
        text = f.read()
    start = text.index("const DEVIATIONS")
    block = text[start:text.index("\n];", start)]
    pairs = re.findall(r'\(\s*"([^"]*)",\s*"([^"]*)",\s*"([^"]*)",?\s*\)', block)
    assert pairs, "no DEVIATIONS found"
    return {(set_id, what) for set_id, what, _ in pairs}


# What jeton_jwks_load does with each JWK Set document of asym-jwt.json,
# from jeton's documented rules (issue 15; jeton.h, jeton_jwks_load and
# jeton_jwks_summary): the status, and the entries it skips. Keys of a
# type, curve or alg jeton does not implement, an alg the key's type
# cannot serve, RSA below 2048 bits and oct secrets are skipped; keys
# whose use or key_ops forbid verifying are loaded (and never verify); a
# private member or a malformed entry refuses the whole set, and so does
# a document that is not an object with a keys array of objects.
JWKS_LOAD = {
    # Six signing keys, the use-enc and the key_ops-encrypt keys; X25519
    # (entry 6) and kty FOO (7) skipped.
    "provider": ("JETON_OK", [6, 7]),
    # Only the ES256 key (5); skipped: oct, P-521, a P-256 key whose alg
    # is ES384, alg RSA-OAEP, the 1024-bit key.
    "mixed": ("JETON_OK", [0, 1, 2, 3, 4]),
    "no-kid": ("JETON_OK", []),
    "duplicate-kid": ("JETON_OK", []),
    "private-member": ("JETON_ERR_JWK_PRIVATE_MEMBERS", None),
    "empty": ("JETON_OK", []),
    "malformed-keys-object": ("JETON_ERR_JWK_SET_INVALID", None),
    "malformed-no-keys": ("JETON_ERR_JWK_SET_INVALID", None),
    "malformed-key-not-object": ("JETON_ERR_JWK_SET_INVALID", None),
    "malformed-missing-member": ("JETON_ERR_JWK_INVALID", None),
    "malformed-missing-e": ("JETON_ERR_JWK_INVALID", None),
    # RFC 7517 appendix A.1: an EC key with use enc, an RS256 key.
    "rfc7517-a1": ("JETON_OK", []),
}


def family_alg(jwk):
    """The algorithm jeton_jwt_key_info names for a key no alg restricts:
    its family's first (jeton.h)."""
    return {("EC", "P-256"): "JETON_JWT_ES256", ("EC", "P-384"): "JETON_JWT_ES384",
            ("OKP", "Ed25519"): "JETON_JWT_EDDSA"}.get(
        (jwk.get("kty"), jwk.get("crv")), "JETON_JWT_RS256" if jwk.get("kty") == "RSA" else "0")


def jwks_entries(w, name, set_id, document):
    """The keys jeton holds after loading `document`, in its order
    (skipped entries left out): the entry, kid, algorithm and the
    JETON_JWT_KEY_* flags jeton_jwks_key_info reports (RFC 7517: a key
    whose use is not sig, or whose key_ops lack verify, never verifies)."""
    status, skipped = JWKS_LOAD[set_id]
    if skipped is None:
        return status, 0, 0, "NULL"
    entries = document["keys"]
    rows = []
    for i, jwk in enumerate(entries):
        if i in skipped:
            continue
        verifies = jwk.get("use", "sig") == "sig" and "verify" in jwk.get("key_ops", ["verify"])
        flags = ["JETON_JWT_KEY_VERIFIES"] if verifies else []
        if "alg" in jwk:
            flags.append("JETON_JWT_KEY_ALG_FIXED")
        rows.append("{ %d, %s, %s, %s }" % (i, jt_str(jwk.get("kid")),
                                            asym_alg(jwk["alg"]) if "alg" in jwk else family_alg(jwk),
                                            " | ".join(flags) or "0"))
    if rows:
        w("static const jt_asym_jwks_entry %s[] = { %s };" % (name, ", ".join(rows)))
    return status, len(rows), len(entries) - len(rows), name if rows else "NULL"


def asym_vectors(root, w):
    data = load(root, "tests/vectors/asym-jwt.json")
    spec = load(root, data["shapes_file"])
    shape_index = {shape["name"]: i for i, shape in enumerate(spec["shapes"])}
    assert data["now"] == spec["now"], "asym-jwt.json and jwt-shapes.json share their clock"
    w("static const int64_t jt_asym_now = %dLL;" % data["now"])

    # Keys: public/private JWK and SPKI PEM as the file holds them (the
    # JSON text compact, members in the file's order), jose's thumbprint.
    w("typedef struct { jt_str id, kty, crv; int bits; jt_str kid, public_jwk, private_jwk, spki_pem,"
      " thumbprint; int n_algs; jeton_jwt_algorithm algs[6]; } jt_asym_key;")
    key_index = {}
    rows = []
    for i, k in enumerate(data["keys"]):
        key_index[k["id"]] = i
        algs = [asym_alg(a) for a in k["algs"]]
        assert len(algs) <= 6
        rows.append("{ %s, %s, %s, %d, %s, %s, %s, %s, %s, %d, { %s } }" % (
            jt_str(k["id"]), jt_str(k["kty"]), jt_str(k.get("crv")), k.get("bits") or 0,
            jt_str(k["kid"]), jt_str(compact(k["public_jwk"])), jt_str(compact(k["private_jwk"])),
            jt_str(k["spki_pem"]), jt_str(k["thumbprint"]["jose"]), len(algs), ", ".join(algs or ["0"])))
    w("static const jt_asym_key jt_asym_keys[] = {\n  %s\n};" % ",\n  ".join(rows))

    # Private keys as PEM (PKCS#8, and SEC1 for EC), by key.
    private = load(root, "tests/c/private-pem.json")
    w("typedef struct { int key; jt_str pkcs8_pem, sec1_pem; } jt_asym_private_pem;")
    rows = []
    for p in private["keys"]:
        k = data["keys"][key_index[p["key"]]]
        assert p["thumbprint"] == k["thumbprint"]["jose"], (
            "tests/c/private-pem.json is stale: run tests/c/gen_private_pem.py")
        rows.append("{ %d, %s, %s }" % (key_index[p["key"]], jt_str(p["pkcs8_pem"]),
                                        jt_str(p.get("sec1_pem"))))
    w("static const jt_asym_private_pem jt_asym_private_pems[] = {\n  %s\n};" % ",\n  ".join(rows))

    # Tokens of both peers: the key, alg and shape, both verdicts, and
    # jose's decoded claims when it accepted.
    w("typedef struct { jt_str id, lib; int key; jeton_jwt_algorithm alg; jt_str kid; int shape;"
      " jt_str token; int jose_accepted, pyjwt_accepted; size_t n_claims; const jt_claim *claims; }"
      " jt_asym_token;")
    rows = []
    for i, t in enumerate(data["tokens"]):
        jose = t["verdicts"]["jose"]
        claims = jose.get("claims") if jose["accepted"] else None
        if claims is not None:
            w("static const jt_claim jt_asym_claims_%d[] = { %s };" % (
                i, ", ".join(claim_rows(claims, sort=False))))
        rows.append("{ %s, %s, %d, %s, %s, %d, %s, %d, %d, %d, %s }" % (
            jt_str(t["id"]), jt_str(t["lib"]), key_index[t["key"]], asym_alg(t["alg"]), jt_str(t["kid"]),
            shape_index[t["shape"]], jt_str(t["token"]), int(jose["accepted"]),
            int(t["verdicts"]["pyjwt"]["accepted"]), len(claims) if claims is not None else 0,
            "jt_asym_claims_%d" % i if claims is not None else "NULL"))
    w("static const jt_asym_token jt_asym_tokens[] = {\n  %s\n};" % ",\n  ".join(rows))

    # JWK Sets: the document, what jeton's load answers, and its tokens
    # with jose's verdict and whether jeton deliberately differs.
    deviating = deviations(root)
    met = set()
    w("typedef struct { jt_str what; int entry, signer; jeton_jwt_algorithm alg; jt_str kid, token;"
      " int jose_accepted, deviation; } jt_asym_jwks_token;")
    w("typedef struct { int entry; jt_str kid; jeton_jwt_algorithm alg; jeton_jwt_key_flags flags; }"
      " jt_asym_jwks_entry;")
    w("typedef struct { jt_str id, document; jeton_status load; size_t loaded, skipped;"
      " const jt_asym_jwks_entry *keys; size_t n_tokens; const jt_asym_jwks_token *tokens; } jt_asym_jwks;")
    rows = []
    jwks_index = {}

    def jwks_tokens(name, set_id, tokens):
        lines = []
        for t in tokens:
            deviation = (set_id, t["what"]) in deviating
            if deviation:
                met.add((set_id, t["what"]))
            signer = t.get("signer")
            lines.append("{ %s, %d, %d, %s, %s, %s, %d, %d }" % (
                jt_str(t["what"]), t["entry"] if t.get("entry") is not None else -1,
                key_index[signer] if signer is not None else -1, asym_alg(t["alg"]), jt_str(t["kid"]),
                jt_str(t["token"]), int(t["verdicts"]["jose"]["accepted"]), int(deviation)))
        w("static const jt_asym_jwks_token %s[] = {\n  %s\n};" % (name, ",\n  ".join(lines)))

    for i, s in enumerate(data["jwks"]):
        jwks_index[s["id"]] = i
        status, loaded, skipped, entries = jwks_entries(w, "jt_asym_jwks_keys_%d" % i, s["id"], s["document"])
        jwks_tokens("jt_asym_jwks_%d" % i, s["id"], s["tokens"])
        rows.append("{ %s, %s, %s, %d, %d, %s, %d, jt_asym_jwks_%d }" % (
            jt_str(s["id"]), jt_str(compact(s["document"])), status, loaded, skipped, entries,
            len(s["tokens"]), i))
    rfc7517 = next(r for r in data["rfc"] if r["kind"] == "jwks")
    status, loaded, skipped, entries = jwks_entries(w, "jt_asym_rfc7517_keys", rfc7517["id"],
                                                    rfc7517["document"])
    jwks_tokens("jt_asym_rfc7517_tokens", rfc7517["id"], rfc7517["tokens"])
    rows.append("{ %s, %s, %s, %d, %d, %s, %d, jt_asym_rfc7517_tokens }" % (
        jt_str(rfc7517["id"]), jt_str(compact(rfc7517["document"])), status, loaded, skipped, entries,
        len(rfc7517["tokens"])))
    assert set(JWKS_LOAD) == set(jwks_index) | {rfc7517["id"]}, "a JWK Set without its expected load"
    assert met == deviating, "DEVIATIONS that match no case: %s" % (deviating - met)
    w("static const jt_asym_jwks jt_asym_jwks_sets[] = {\n  %s\n};" % ",\n  ".join(rows))

    # Attacks: the token and what it is checked against (a key of keys[],
    # a JWK, or a JWK Set), with jose's verdict.
    w("typedef struct { jt_str id; int key; jt_str jwk; int jwks; jt_str token; int jose_accepted; }"
      " jt_asym_attack;")
    rows = []
    for a in data["attacks"]:
        check = a["check"]
        rows.append("{ %s, %d, %s, %d, %s, %d }" % (
            jt_str(a["id"]), key_index[check["key"]] if "key" in check else -1,
            jt_str(compact(check["jwk"]) if "jwk" in check else None),
            jwks_index[check["jwks"]] if "jwks" in check else -1, jt_str(a["token"]),
            int(a["verdicts"]["jose"]["accepted"])))
    w("static const jt_asym_attack jt_asym_attacks[] = {\n  %s\n};" % ",\n  ".join(rows))

    # RFC examples: JWS (RFC 7515 A.2/A.3, RFC 8037 A.4, RFC 7520 4.1-4.4)
    # with jose's payload; thumbprints (RFC 7638 3.1, RFC 8037 A.3, and
    # jose's of RFC 7517 B); RFC 7517 A.1's set and its tokens.
    # jwt_expired: the payload is a claims set that jose, verifying the
    # JWS as a JWT, refused as expired (RFC 7515 A.2 and A.3, exp 2011).
    w("typedef struct { jt_str id; jeton_jwt_algorithm alg; jt_str jwk, private_jwk, token, payload;"
      " int supported, jwt_expired; } jt_asym_rfc_jws;")
    w("typedef struct { jt_str id, jwk, thumbprint, kid; } jt_asym_rfc_thumbprint;")
    jws_rows, print_rows = [], []
    for r in data["rfc"]:
        if r["kind"] == "jws":
            jose = r["verdicts"]["jose"]
            assert jose["accepted"] and jose["alg"] == r["alg"], r["id"]
            jwt_jose = r.get("jwt_verdicts", {}).get("jose", {})
            jws_rows.append("{ %s, %s, %s, %s, %s, %s, %d, %d }" % (
                jt_str(r["id"]), asym_alg(r["alg"]), jt_str(compact(r["jwk"])),
                jt_str(compact(r["private_jwk"]) if "private_jwk" in r else None), jt_str(r["token"]),
                jt_str(jose["payload"]), int(r.get("jeton_outcome") != "unsupported alg"),
                int(bool(r.get("payload_is_jwt")) and jwt_jose.get("error") == "ERR_JWT_EXPIRED")))
        elif r["kind"] == "thumbprint":
            assert r["verdicts"]["jose"]["thumbprint"] == r["thumbprint"], r["id"]
            print_rows.append("{ %s, %s, %s, %s }" % (
                jt_str(r["id"]), jt_str(compact(r["jwk"])), jt_str(r["thumbprint"]),
                jt_str(r["jwk"].get("kid"))))
        elif r["kind"] == "jwk":
            print_rows.append("{ %s, %s, %s, %s }" % (
                jt_str(r["id"]), jt_str(compact(r["jwk"])), jt_str(r["verdicts"]["jose"]["thumbprint"]),
                jt_str(r["jwk"].get("kid"))))
        elif r["kind"] == "jwks":
            # Its document and tokens are the last of jt_asym_jwks_sets.
            prints = r["thumbprints"]["jose"]
            assert len(prints) == len(r["document"]["keys"]), r["id"]
            w("static const jt_str jt_asym_rfc7517_thumbprints[] = { %s };" % ", ".join(
                jt_str(t) for t in prints))
        else:
            raise ValueError(r["kind"])
    w("static const jt_asym_rfc_jws jt_asym_rfc_jwss[] = {\n  %s\n};" % ",\n  ".join(jws_rows))
    w("static const jt_asym_rfc_thumbprint jt_asym_rfc_thumbprints[] = {\n  %s\n};" % ",\n  ".join(print_rows))


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


def rust_text(root, path):
    with open(os.path.join(root, path), encoding="utf-8") as f:
        return f.read()


def error_constant(name):
    """The C constant of a core error, as ffi/src/status/generate.rs names
    it: an underscore before every capital (`IdTokenCHashMismatch` is
    `JETON_ERR_ID_TOKEN_C_HASH_MISMATCH`)."""
    return "JETON_ERR" + re.sub(r"([A-Z])", r"_\1", name).upper()


def oauth_token_expectations(root):
    """`expected()` of tests/tests/oauth_tokens.rs: (section, name) -> the
    C status; and its DEVIATIONS, the (section, name) pairs where jeton and
    oauth4webapi part ways on purpose."""
    text = rust_text(root, "tests/tests/oauth_tokens.rs")
    start = text.index("fn expected(")
    body = text[start:text.index("\n}\n", start)]
    expected = {}
    pending = []
    for token in re.finditer(r'\(\s*"([^"]+)",\s*"([^"]+)"\s*\)|=>\s*\{?\s*(\w+)', body):
        if token.group(1):
            pending.append((token.group(1), token.group(2)))
        else:
            for key in pending:
                expected[key] = error_constant(token.group(3))
            pending = []
    assert len(expected) > 80, len(expected)
    start = text.index("const DEVIATIONS")
    block = text[start:text.index("\n];", start)]
    deviations = set(re.findall(r'\(\s*"([^"]+)",\s*"([^"]+)",\s*"', block))
    assert len(deviations) > 10, deviations
    return expected, deviations


def oauth_client_deviations(root):
    """The cases of tests/tests/oauth_client.rs where jeton's verdict is not
    oauth4webapi's, with jeton's: token responses by the end of the body,
    callbacks by (query, iss required), device responses by a part of the
    body."""
    text = rust_text(root, "tests/tests/oauth_client.rs")

    def block(fn):
        start = text.index("fn %s()" % fn)
        return text[start:text.index("\n}\n", start)]

    tokens = re.findall(r'\(\s*r#"(.*?)"#,\s*Verdict::(\w+)', block("token_responses"))
    callbacks = re.findall(r'\(\s*"([^"]*)",\s*(true|false),\s*Verdict::(\w+)', block("callbacks"))
    device = re.findall(r'contains\(r#"(.*?)"#\)', block("device_responses"))
    assert len(tokens) == 7 and len(callbacks) == 7 and len(device) == 1
    return tokens, [(q, r == "true", v) for q, r, v in callbacks], device


VERDICTS = {"ok": "JT_OAUTH_OK", "oauth_error": "JT_OAUTH_ERROR", "invalid": "JT_OAUTH_INVALID",
            "unsupported": "JT_OAUTH_UNSUPPORTED", "Ok": "JT_OAUTH_OK",
            "OauthError": "JT_OAUTH_ERROR", "Invalid": "JT_OAUTH_INVALID",
            "Unsupported": "JT_OAUTH_UNSUPPORTED"}


def str_list(w, name, items):
    """A static array of jt_str, or NULL when empty; returns the C name."""
    if not items:
        return "NULL"
    w("static const jt_str %s[] = { %s };" % (name, ", ".join(jt_str(i) for i in items)))
    return name


def segments(form):
    """The name=value segments of a form, sorted and joined by &: the same
    parameters in any order compare equal."""
    return "&".join(sorted(p for p in form.split("&") if p))


def b64url_decode(text):
    import base64
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def oauth_client_vectors(root, w):
    doc = load(root, "tests/vectors/oauth-client.json")
    w("enum { JT_OAUTH_OK = 1, JT_OAUTH_ERROR, JT_OAUTH_INVALID, JT_OAUTH_UNSUPPORTED };")
    w("static const jt_str jt_oauth_client_issuer = %s;" % jt_str(doc["issuer"]))

    w("typedef struct { jt_str random, verifier, challenge; } jt_pkce_vec;")
    rows = ["{ %s, %s, %s }" % (jt_str(bytes.fromhex(c["random"])), jt_str(c["verifier"]),
                                jt_str(c["challenge"])) for c in doc["pkce"]]
    w("static const jt_pkce_vec jt_pkce_vecs[] = {\n  %s\n};" % ",\n  ".join(rows))
    rows = ["{ { NULL, 0 }, %s, %s }" % (jt_str(c["verifier"]), jt_str(c["challenge"]))
            for c in doc["challenges"]]
    w("static const jt_pkce_vec jt_challenge_vecs[] = {\n  %s\n};" % ",\n  ".join(rows))

    # Authorization URLs. Where URLSearchParams rewrote the endpoint's own
    # query (jeton keeps it byte for byte), the URL expected is the
    # endpoint as given followed by the parameters oauth4webapi appended.
    w("typedef struct { jt_str endpoint, client_id, redirect_uri, state, nonce, challenge, prompt,"
      " login_hint; int has_max_age; uint64_t max_age; size_t n_scope; const jt_str *scope;"
      " size_t n_resource; const jt_str *resource; size_t n_extra; const jt_kv *extra;"
      " jt_str url; } jt_authz_vec;")
    rows = []
    exact = 0
    for i, c in enumerate(doc["authorization"]):
        r = c["request"]
        endpoint, url = c["endpoint"], c["url"]
        if not c["endpoint_query_canonical"]:
            own = len([p for p in endpoint.split("?", 1)[1].split("&") if p])
            appended = "&".join([p for p in url.split("?", 1)[1].split("&") if p][own:])
            sep = "" if endpoint.endswith(("?", "&")) else "&"
            url = endpoint + sep + appended
        else:
            exact += 1
        scope = str_list(w, "jt_authz_scope_%d" % i, r.get("scope", []))
        resource = str_list(w, "jt_authz_resource_%d" % i, r.get("resource", []))
        extra = "NULL"
        if r.get("extra"):
            extra = "jt_authz_extra_%d" % i
            w("static const jt_kv %s[] = { %s };" % (extra, ", ".join(
                "{ %s, %s }" % (jt_str(k), jt_str(v)) for k, v in r["extra"])))
        rows.append("{ %s, %s, %s, %s, %s, %s, %s, %s, %d, %dULL, %d, %s, %d, %s, %d, %s, %s }" % (
            jt_str(endpoint), jt_str(r["client_id"]), jt_str(r["redirect_uri"]),
            jt_str(r.get("state")), jt_str(r.get("nonce")), jt_str(r.get("code_challenge")),
            jt_str(r.get("prompt")), jt_str(r.get("login_hint")), int("max_age" in r),
            r.get("max_age", 0), len(r.get("scope", [])), scope, len(r.get("resource", [])),
            resource, len(r.get("extra", [])), extra, jt_str(url)))
    assert exact == 20
    w("static const jt_authz_vec jt_authz_vecs[] = {\n  %s\n};" % ",\n  ".join(rows))

    # Basic client authentication: exactly oauth4webapi's value unless an
    # ID or secret holds - _ . * (it escapes them, the URL standard does
    # not), and the client credentials body.
    w("typedef struct { jt_str client_id, client_secret, authorization, body; int exact; } jt_basic_vec;")
    rows = []
    for c in doc["basic"]:
        differs = any(ch in c["client_id"] + c["client_secret"] for ch in "-_.*")
        rows.append("{ %s, %s, %s, %s, %d }" % (
            jt_str(c["client_id"]), jt_str(c["client_secret"]), jt_str(c["authorization"]),
            jt_str(c["body"] or "grant_type=client_credentials"),
            int(not differs and c["refused"] is None)))
    w("static const jt_basic_vec jt_basic_vecs[] = {\n  %s\n};" % ",\n  ".join(rows))

    # Request bodies: the grant (1..4 as JETON_OAUTH_GRANT_*, 5 a pushed
    # authorization request, 6 a device authorization request), the
    # client authentication, oauth4webapi's Authorization header and its
    # body's segments, sorted.
    grants = {"authorization_code": 1, "refresh_token": 2, "client_credentials": 3,
              "device_code": 4, "par": 5, "device_authorization": 6}
    methods = {"none": "JETON_OAUTH_AUTH_NONE", "client_secret_basic": "JETON_OAUTH_AUTH_SECRET_BASIC",
               "client_secret_post": "JETON_OAUTH_AUTH_SECRET_POST"}
    w("typedef struct { int grant; jt_str code, redirect_uri, code_verifier, refresh_token,"
      " device_code, client_id, state, challenge; size_t n_scope; const jt_str *scope;"
      " size_t n_resource; const jt_str *resource; jeton_oauth_auth_method method;"
      " jt_str auth_id, auth_secret, authorization, segments; } jt_token_request_vec;")
    rows = []
    for i, c in enumerate(doc["token_requests"]):
        g, a = c["grant"], c["auth"]
        scope = str_list(w, "jt_treq_scope_%d" % i, g.get("scope", []))
        resource = str_list(w, "jt_treq_resource_%d" % i, g.get("resource", []))
        rows.append("{ %d, %s, %s, %s, %s, %s, %s, %s, %s, %d, %s, %d, %s, %s, %s, %s, %s, %s }" % (
            grants[g["type"]], jt_str(g.get("code")), jt_str(g.get("redirect_uri")),
            jt_str(g.get("code_verifier")), jt_str(g.get("refresh_token")),
            jt_str(g.get("device_code")), jt_str(g.get("client_id")), jt_str(g.get("state")),
            jt_str(g.get("code_challenge")), len(g.get("scope", [])), scope,
            len(g.get("resource", [])), resource, methods[a["method"]], jt_str(a["client_id"]),
            jt_str(a["client_secret"]), jt_str(c["authorization"]), jt_str(segments(c["body"]))))
    w("static const jt_token_request_vec jt_token_request_vecs[] = {\n  %s\n};" % ",\n  ".join(rows))

    # Client assertions: the private JWK, the randomness, and the claims of
    # oauth4webapi's assertion made from the same inputs.
    # `public_jwk`: the private JWK without its private and usage members.
    w("typedef struct { jeton_jwt_algorithm alg; jt_str jwk, public_jwk, kid, client_id, audience;"
      " int64_t now; jt_str jti_random, jti, assertion, segments; } jt_assertion_vec;")
    rows = []
    for c in doc["assertions"]:
        claims = json.loads(b64url_decode(c["assertion"].split(".")[1]))
        assert claims["iss"] == claims["sub"] == c["client_id"] and claims["aud"] == c["audience"]
        assert claims["iat"] == c["now"] and claims["exp"] == c["now"] + 60
        # The key ID goes into the private JWK, as jeton reads it from
        # there; a key whose JWK names its alg (Ed25519, RFC 9864) signs
        # with that one.
        jwk = dict(c["jwk"], **({"kid": c["kid"]} if c["kid"] else {}))
        public = {k: v for k, v in c["jwk"].items() if k not in ("d", "key_ops", "ext")}
        alg = c["jwk"].get("alg", c["alg"])
        rows.append("{ %s, %s, %s, %s, %s, %s, %dLL, %s, %s, %s, %s }" % (
            {"ES256": "JETON_JWT_ES256", "EdDSA": "JETON_JWT_EDDSA", "Ed25519": "JETON_JWT_ED25519"}[alg],
            jt_str(compact(jwk)), jt_str(compact(public)), jt_str(c["kid"]), jt_str(c["client_id"]),
            jt_str(c["audience"]), c["now"], jt_str(bytes.fromhex(c["jti_random"])),
            jt_str(claims["jti"]), jt_str(c["assertion"]), jt_str(segments(c["body"]))))
    w("static const jt_assertion_vec jt_assertion_vecs[] = {\n  %s\n};" % ",\n  ".join(rows))

    tokens, callbacks, device = oauth_client_deviations(root)

    # Token responses: the verdict jeton gives (oauth4webapi's, or the
    # listed deviation), the error, and the values read.
    w("typedef struct { jt_str body; int verdict; jt_str error, access_token;"
      " jeton_oauth_token_type token_type; int has_expires_in; uint64_t expires_in;"
      " jt_str refresh_token, scope; } jt_token_response_vec;")
    rows = []
    for c in doc["token_responses"]:
        verdict, error = c["verdict"], c.get("error")
        listed = [v for tail, v in tokens if c["body"].endswith(tail)]
        if listed:
            verdict = listed[0]
            if verdict == "OauthError":
                error = json.loads(c["body"])["error"]
        ok = c["verdict"] == "ok" and VERDICTS[verdict] == "JT_OAUTH_OK"
        expires = c.get("expires_in") if ok else None
        rows.append("{ %s, %s, %s, %s, %s, %d, %dULL, %s, %s }" % (
            jt_str(c["body"]), VERDICTS[verdict], jt_str(error),
            jt_str(c.get("access_token") if ok else None),
            {"bearer": "JETON_OAUTH_TOKEN_BEARER", "dpop": "JETON_OAUTH_TOKEN_DPOP"}.get(
                c.get("token_type") if ok else None, "0"),
            int(expires is not None), math.floor(expires) if expires is not None else 0,
            jt_str(c.get("refresh_token") if ok else None), jt_str(c.get("scope") if ok else None)))
    w("static const jt_token_response_vec jt_token_response_vecs[] = {\n  %s\n};" % ",\n  ".join(rows))

    w("typedef struct { jt_str query, expected_state; int iss_required, verdict; jt_str code,"
      " error; } jt_callback_vec;")
    rows = []
    for c in doc["callbacks"]:
        verdict = c["verdict"]
        listed = [v for q, r, v in callbacks if q == c["query"] and r == c["iss_required"]]
        if listed:
            verdict = listed[0]
        ok = VERDICTS[verdict] == "JT_OAUTH_OK"
        code = c.get("code") if c["verdict"] == "ok" else None
        if ok and code is None:
            # Accepted by jeton alone: the code as RFC 6749 reads it.
            from urllib.parse import parse_qs
            code = parse_qs(c["query"])["code"][0]
        rows.append("{ %s, %s, %d, %s, %s, %s }" % (
            jt_str(c["query"]), jt_str(c["expected_state"]), int(c["iss_required"]),
            VERDICTS[verdict], jt_str(code if ok else None), jt_str(c.get("error"))))
    w("static const jt_callback_vec jt_callback_vecs[] = {\n  %s\n};" % ",\n  ".join(rows))

    w("typedef struct { jt_str body; int verdict; jt_str error, device_code, user_code,"
      " verification_uri, verification_uri_complete; uint64_t expires_in, interval; } jt_device_vec;")
    rows = []
    for c in doc["device_responses"]:
        verdict = c["verdict"]
        if any(part in c["body"] for part in device):
            verdict = "invalid"
        ok = verdict == "ok"
        interval = c.get("interval")
        rows.append("{ %s, %s, %s, %s, %s, %s, %s, %dULL, %dULL }" % (
            jt_str(c["body"]), VERDICTS[verdict], jt_str(c.get("error")),
            jt_str(c.get("device_code") if ok else None), jt_str(c.get("user_code") if ok else None),
            jt_str(c.get("verification_uri") if ok else None),
            jt_str(c.get("verification_uri_complete") if ok else None),
            c.get("expires_in") or 0 if ok else 0,
            (5 if interval is None else math.ceil(interval)) if ok else 0))
    w("static const jt_device_vec jt_device_vecs[] = {\n  %s\n};" % ",\n  ".join(rows))


def oauth_token_vectors(root, w):
    doc = load(root, "tests/vectors/oauth-tokens.json")
    expected, deviations = oauth_token_expectations(root)

    def expect(section, case):
        status = expected.get((section, case["name"]), "JETON_OK")
        peer = case["verdicts"]["oauth4webapi"]
        peer_accepts = bool(peer["accepted"]) and peer.get("active") is not False
        return "%s, %d, %d" % (status, int(peer_accepts), int((section, case["name"]) in deviations))

    w("static const int64_t jt_oauth_now = %dLL;" % doc["now"])
    for name in ("issuer", "client_id", "resource", "nonce"):
        w("static const jt_str jt_oauth_%s = %s;" % (name, jt_str(doc[name])))
    w("static const jt_str jt_oauth_jwks = %s;" % jt_str(compact(doc["jwks"])))
    # Every case: its status, whether oauth4webapi accepted it, and whether
    # the two part ways on purpose.
    w("typedef struct { jt_str name; int openid; jt_str expected_issuer, document; jeton_status expect;"
      " int peer_accepts, deviation; } jt_metadata_vec;")
    rows = ["{ %s, %d, %s, %s, %s }" % (jt_str(c["name"]), int(c["profile"] == "openid"),
                                        jt_str(c["expected_issuer"]), jt_str(c["document"]),
                                        expect("metadata", c)) for c in doc["metadata"]]
    w("static const jt_metadata_vec jt_metadata_vecs[] = {\n  %s\n};" % ",\n  ".join(rows))

    w("typedef struct { jt_str name, token; int nonce_sent; size_t n_algs; jeton_jwt_algorithm algs[2];"
      " jt_str provider_algs; int has_max_age; uint64_t max_age; jt_str access_token;"
      " int require_at_hash; jt_str code; int require_c_hash; jeton_status expect;"
      " int peer_accepts, deviation; } jt_id_token_vec;")
    rows = []
    for c in doc["id_tokens"]:
        o = c["options"]
        algs = [ASYM_ALGORITHMS[a] for a in o.get("algs", [])]
        assert len(algs) <= 2
        rows.append("{ %s, %s, %d, %d, { %s }, %s, %d, %dULL, %s, %d, %s, %d, %s }" % (
            jt_str(c["name"]), jt_str(c["token"]), int("nonce" not in o), len(algs),
            ", ".join(algs + ["0"] * (2 - len(algs))),
            jt_str(compact(o["provider_algs"]) if "provider_algs" in o else None),
            int("max_age" in o), o.get("max_age", 0), jt_str(o.get("access_token")),
            int(bool(o.get("require_at_hash"))), jt_str(o.get("code")),
            int(bool(o.get("require_c_hash"))), expect("id_tokens", c)))
    w("static const jt_id_token_vec jt_id_token_vecs[] = {\n  %s\n};" % ",\n  ".join(rows))

    w("typedef struct { jt_str name, token; size_t n_scopes; const jt_str *scopes; jeton_status expect;"
      " int peer_accepts, deviation; } jt_access_token_vec;")
    rows = []
    for i, c in enumerate(doc["access_tokens"]):
        scopes = c["options"].get("scopes", [])
        name = str_list(w, "jt_at_scopes_%d" % i, scopes)
        rows.append("{ %s, %s, %d, %s, %s }" % (jt_str(c["name"]), jt_str(c["token"]), len(scopes),
                                                name, expect("access_tokens", c)))
    w("static const jt_access_token_vec jt_access_token_vecs[] = {\n  %s\n};" % ",\n  ".join(rows))

    # A case without a check is one refused before any check is made.
    w("typedef struct { jt_str name, body; int has_check; int64_t now; jt_str issuer, audience;"
      " size_t n_scopes; const jt_str *scopes; jeton_status expect; int peer_accepts, deviation; }"
      " jt_introspection_vec;")
    rows = []
    for i, c in enumerate(doc["introspection"]):
        k = c.get("check") or {}
        scopes = k.get("scopes", [])
        name = str_list(w, "jt_intro_scopes_%d" % i, scopes)
        rows.append("{ %s, %s, %d, %dLL, %s, %s, %d, %s, %s }" % (
            jt_str(c["name"]), jt_str(c["body"]), int("check" in c), k.get("now", 0),
            jt_str(k.get("issuer")),
            jt_str(k.get("audience")), len(scopes), name, expect("introspection", c)))
    w("static const jt_introspection_vec jt_introspection_vecs[] = {\n  %s\n};" % ",\n  ".join(rows))

    w("typedef struct { jt_str name, access_token, method, url, proof; jeton_status expect;"
      " int peer_accepts, deviation; } jt_dpop_vec;")
    rows = ["{ %s, %s, %s, %s, %s, %s }" % (jt_str(c["name"]), jt_str(c["access_token"]),
                                           jt_str(c["method"]), jt_str(c["url"]), jt_str(c["proof"]),
                                           expect("dpop", c)) for c in doc["dpop"]]
    w("static const jt_dpop_vec jt_dpop_vecs[] = {\n  %s\n};" % ",\n  ".join(rows))

    # jeton's own proofs (deterministic signatures), each accepted by
    # oauth4webapi, and the private keys and inputs they were made from.
    ours = load(root, "tests/vectors/jeton-oauth-tokens.json")
    keys = {k["id"]: k for k in doc["keys"]}
    accepted = {v["proof"] for v in doc["verdicts_on_jeton"]
                if v["what"] == "dpop-proof" and v["verdicts"]["oauth4webapi"]["accepted"]}
    w("typedef struct { jt_str private_jwk, thumbprint, method, url, access_token, nonce; int64_t iat;"
      " uint8_t entropy; jt_str proof; } jt_jeton_proof_vec;")
    rows = []
    for i, p in enumerate(ours["proofs"]):
        assert p["proof"] in accepted, p["proof"]
        key = keys[p["key"]]
        # The entropy the Rust test made them with: 16 bytes of one value,
        # 16 * key + proof.
        entropy = 16 * ["client-es256", "client-ed25519"].index(p["key"]) + i % 2
        jti = json.loads(b64url_decode(p["proof"].split(".")[1]))["jti"]
        assert b64url_decode(jti) == bytes([entropy]) * 16
        rows.append("{ %s, %s, %s, %s, %s, %s, %dLL, %d, %s }" % (
            jt_str(compact(key["private_jwk"])), jt_str(key["thumbprint"]), jt_str(p["method"]),
            jt_str(p["url"]), jt_str(p["access_token"]), jt_str(p["nonce"]), p["iat"], entropy,
            jt_str(p["proof"])))
    w("static const jt_jeton_proof_vec jt_jeton_proof_vecs[] = {\n  %s\n};" % ",\n  ".join(rows))


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
    asym_vectors(root, w)
    basic_auth_vectors(root, w)
    oauth_client_vectors(root, w)
    oauth_token_vectors(root, w)

    w("#define JT_COUNT(a) (sizeof(a) / sizeof((a)[0]))")
    w("#endif")
    with open(output, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
