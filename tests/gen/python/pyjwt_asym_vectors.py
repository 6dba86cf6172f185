#!/usr/bin/env python3
"""Adds PyJWT's part to tests/vectors/asym-jwt.json (asymmetric JWT interop),
and judges jeton's tokens.

tests/gen/npm/asym-jwt.mjs runs first: it makes the keys, the JWKS
documents, jose's tokens, the attack tokens and the RFC examples. This
script then, with the real PyJWT and cryptography packages:

- checks each key as PyJWT and cryptography see it (the JWK loads, the
  SPKI PEM holds the same numbers, PyJWT exports the same JWK);
- signs tokens with PyJWT for every key and alg, with the same claim
  shapes (tests/gen/jwt-shapes.json) as jose;
- records PyJWT's verdict on every token, JWKS case, attack and RFC
  example in the file (its own `pyjwt` fields, rewritten on each run);
- judges jeton's tokens (tests/vectors/jeton-asym-jwt.json, when it
  exists) into tests/vectors/asym-jwt-judged.json.

`node asym-jwt.mjs judge` runs last: it adds jose's verdict on PyJWT's
tokens. `python3 pyjwt_asym_vectors.py judge` only judges jeton's tokens.

Run: pip install -r tests/gen/python/requirements.txt
     (cd tests/gen/npm && npm ci && node asym-jwt.mjs)
     python3 tests/gen/python/pyjwt_asym_vectors.py
     (cd tests/gen/npm && node asym-jwt.mjs judge)
"""
import base64
import json
import pathlib
import platform
import sys
import warnings

import cryptography
import jwt
from cryptography import x509
from cryptography.hazmat.backends.openssl import backend
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa, x25519

HERE = pathlib.Path(__file__).resolve().parent
VECTORS = HERE.parent.parent / "vectors"
OUT = VECTORS / "asym-jwt.json"
JETON = VECTORS / "jeton-asym-jwt.json"
JUDGED = VECTORS / "asym-jwt-judged.json"
SPEC = json.loads((HERE.parent / "jwt-shapes.json").read_text())
SHAPES = {s["name"]: s for s in SPEC["shapes"]}


def unb64u(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def as_int(text):
    return int.from_bytes(unb64u(text), "big")


def header_of(token):
    try:
        return json.loads(unb64u(token.split(".")[0]))
    except Exception:  # a malformed header has no alg to name
        return {}


def verdict(run):
    """PyJWT's verdict: what `run` returns when it accepts, else the
    exception's class and message; warnings it raised are kept."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            out = {"accepted": True, **run()}
        except Exception as e:  # any refusal, PyJWTError or not
            out = {"accepted": False, "error": type(e).__name__, "message": str(e)}
    if caught:
        out["warnings"] = [f"{w.category.__name__}: {w.message}" for w in caught]
    return out


def algorithms_for(token):
    alg = header_of(token).get("alg")
    return [alg] if isinstance(alg, str) else []


def decode_with(token, key, validation=None, alg=None):
    """jwt.decode with the header's own alg allowed (or the one `alg`
    given) and the shape's issuer and audience."""
    validation = validation or {}
    return {
        "claims": jwt.decode(
            token,
            key,
            algorithms=[alg] if alg else algorithms_for(token),
            issuer=validation.get("issuer"),
            audience=validation.get("audience"),
        )
    }


class LocalJWKSClient(jwt.PyJWKClient):
    """PyJWT's own JWKS client (key selection by kid, use sig), serving a
    document from memory instead of fetching it."""

    def __init__(self, document):
        super().__init__("https://jwks.invalid/keys", cache_jwk_set=False)
        self._document = document

    def fetch_data(self):
        return self._document


def via_jwks(token, document):
    signing_key = LocalJWKSClient(document).get_signing_key_from_jwt(token)
    out = decode_with(token, signing_key)
    out["selected_kid"] = signing_key.key_id
    return out


def pem_verify(token, key, validation=None):
    return verdict(lambda: decode_with(token, key["spki_pem"], validation))


# ------------------------------------------------------------------ keys


def key_checks(key):
    """How PyJWT and cryptography see one key."""
    checks = {}
    pub = key["public_jwk"]

    def load_jwk():
        k = jwt.PyJWK(pub)
        return {"algorithm": k.algorithm_name}

    checks["pyjwt_loads_public_jwk"] = verdict(load_jwk)

    loaded = serialization.load_pem_public_key(key["spki_pem"].encode())
    if isinstance(loaded, rsa.RSAPublicKey):
        nums = loaded.public_numbers()
        same = nums.n == as_int(pub["n"]) and nums.e == as_int(pub["e"])
    elif isinstance(loaded, ec.EllipticCurvePublicKey):
        nums = loaded.public_numbers()
        names = {"secp256r1": "P-256", "secp384r1": "P-384", "secp521r1": "P-521"}
        same = (
            names.get(loaded.curve.name) == pub["crv"]
            and nums.x == as_int(pub["x"])
            and nums.y == as_int(pub["y"])
        )
    elif isinstance(loaded, (ed25519.Ed25519PublicKey, x25519.X25519PublicKey)):
        raw = loaded.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        same = raw == unb64u(pub["x"])
    else:
        same = False
    checks["cryptography_pem_equals_jwk"] = same

    def export():
        algo = jwt.PyJWK(pub).Algorithm
        mine = algo.to_jwk(loaded, as_dict=True)
        members = [m for m in ("kty", "crv", "x", "y", "n", "e") if m in pub]
        return {"equal": all(mine.get(m) == pub[m] for m in members)}

    checks["pyjwt_exports_same_jwk"] = verdict(export)
    return checks


# ------------------------------------------------------------------ main


def generate(data):
    keys = {k["id"]: k for k in data["keys"]}
    for key in data["keys"]:
        key["pyjwt_checks"] = key_checks(key)
        # PyJWT has no RFC 7638 thumbprint function: jose's is the only one.
        key["thumbprint"] = {"jose": key["thumbprint"]["jose"]}

    # PyJWT's own tokens, replacing those of a previous run.
    data["tokens"] = [t for t in data["tokens"] if t["lib"] != "pyjwt"]
    refused = []
    shapes = ["minimal", "registered", "audience array"]
    extra = {"es256", "es384", "ed25519", "rsa2048"}
    for key in data["keys"]:
        if key["role"] != "signing":
            continue
        for alg in key["algs"]:
            names = list(shapes)
            if key["id"] in extra and alg == key["algs"][0]:
                names += ["expired", "wrong audience"]
            for name in names:
                shape = SHAPES[name]
                headers = {"kid": key["kid"]} if key["kid"] else None
                try:
                    signing_key = jwt.PyJWK(key["private_jwk"], algorithm=alg).key
                    token = jwt.encode(shape["claims"], signing_key, algorithm=alg, headers=headers)
                except Exception as e:  # an alg PyJWT does not sign
                    # The message quotes the private JWK: keep its first words.
                    refusal = {"key": key["id"], "alg": alg, "error": type(e).__name__, "message": str(e).split(": {")[0]}
                    if refusal not in refused:
                        refused.append(refusal)
                    continue
                data["tokens"].append(
                    {
                        "id": f"pyjwt/{key['id']}/{alg}/{name}",
                        "lib": "pyjwt",
                        "key": key["id"],
                        "alg": alg,
                        "kid": key["kid"],
                        "shape": name,
                        "token": token,
                        "verdicts": {},
                    }
                )
    data["pyjwt_sign_refusals"] = refused

    for t in data["tokens"]:
        t["verdicts"]["pyjwt"] = pem_verify(t["token"], keys[t["key"]], SHAPES[t["shape"]].get("validation"))

    for doc in data["jwks"]:

        def create(document=doc["document"]):
            s = jwt.PyJWKSet.from_dict(document)
            return {"usable_kids": [k.key_id for k in s.keys]}

        doc["pyjwt_create"] = verdict(create)
        for t in doc["tokens"]:
            t["verdicts"]["pyjwt"] = verdict(lambda: via_jwks(t["token"], doc["document"]))

    docs = {d["id"]: d["document"] for d in data["jwks"]}
    for a in data["attacks"]:
        check = a["check"]
        if "key" in check:
            run = lambda: decode_with(a["token"], keys[check["key"]]["spki_pem"])
        elif "jwk" in check:
            run = lambda: decode_with(a["token"], jwt.PyJWK(check["jwk"]))
        else:
            run = lambda: via_jwks(a["token"], docs[check["jwks"]])
        a["verdicts"]["pyjwt"] = verdict(run)

    for r in data["rfc"]:
        rfc_entry(r)

    data["libraries"].update(
        {
            "pyjwt": jwt.__version__,
            "cryptography": cryptography.__version__,
            "cryptography_openssl": backend.openssl_version_text(),
            "python": platform.python_version(),
        }
    )
    OUT.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n")
    mine = [t for t in data["tokens"] if t["lib"] == "pyjwt"]
    print(
        f"{len(mine)} PyJWT tokens ({len(refused)} refused to sign), PyJWT verdicts on "
        f"{len(data['tokens'])} tokens, {sum(len(d['tokens']) for d in data['jwks'])} JWKS cases, "
        f"{len(data['attacks'])} attacks, {len(data['rfc'])} RFC examples"
    )


def rfc_entry(r):
    kind = r["kind"]
    if kind == "jws":

        def jws():
            key = jwt.PyJWK(r["jwk"], algorithm=r["alg"])
            done = jwt.api_jws.PyJWS().decode_complete(r["token"], key, algorithms=[r["alg"]])
            return {"alg": done["header"]["alg"], "payload": done["payload"].decode()}

        r["verdicts"]["pyjwt"] = verdict(jws)
        if r.get("payload_is_jwt"):
            r["jwt_verdicts"]["pyjwt"] = verdict(lambda: decode_with(r["token"], jwt.PyJWK(r["jwk"], algorithm=r["alg"])))
    elif kind == "jwks":
        for t in r["tokens"]:
            t["verdicts"]["pyjwt"] = verdict(lambda: via_jwks(t["token"], r["document"]))
        # The transcription checked by cryptography: appendix A.2's private
        # values give appendix A.1's public ones.
        ec_pub = r["document"]["keys"][0]
        ec_priv = ec.derive_private_key(as_int(r["private_jwks"]["1"]["d"]), ec.SECP256R1())
        nums = ec_priv.public_key().public_numbers()
        rsa_priv = r["private_jwks"]["2011-04-29"]
        r["cryptography_checks"] = {
            "a2_ec_d_gives_a1_x_y": nums.x == as_int(ec_pub["x"]) and nums.y == as_int(ec_pub["y"]),
            "a2_rsa_p_times_q_is_a1_n": as_int(rsa_priv["p"]) * as_int(rsa_priv["q"]) == as_int(rsa_priv["n"]),
        }
    elif kind == "jwk":

        def load():
            k = jwt.PyJWK(r["jwk"])
            return {"algorithm": k.algorithm_name, "kid": k.key_id}

        r["verdicts"]["pyjwt"] = verdict(load)
        cert = x509.load_der_x509_certificate(base64.b64decode(r["jwk"]["x5c"][0]))
        nums = cert.public_key().public_numbers()
        r["cryptography_checks"] = {"x5c_key_equals_n_e": nums.n == as_int(r["jwk"]["n"]) and nums.e == as_int(r["jwk"]["e"])}
    # kind "thumbprint": PyJWT has no thumbprint function; jose's verdict only.


def judge(data):
    if not JETON.exists():
        print(f"{JETON.relative_to(VECTORS.parent.parent)} does not exist yet: nothing of jeton's to judge")
        return
    made = json.loads(JETON.read_text())
    judged = json.loads(JUDGED.read_text()) if JUDGED.exists() else {}
    previous = {t["token"]: t["verdicts"] for t in judged.get("tokens", [])}
    tokens = []
    for t in made["tokens"]:
        verdicts = dict(previous.get(t["token"], {}))

        def run(t=t):
            key = jwt.PyJWK(t["key"], algorithm=t["alg"])
            return decode_with(t["token"], key, SHAPES.get(t["shape"], {}).get("validation"), t["alg"])

        verdicts["pyjwt"] = verdict(run)
        tokens.append({**t, "verdicts": verdicts})
    out = {
        "note": "Each peer's verdict on the tokens jeton made (tests/vectors/jeton-asym-jwt.json), checked with the public JWK given with each token and the shape's validation.",
        "generators": data["generators"],
        "libraries": {**judged.get("libraries", {}), "pyjwt": jwt.__version__, "cryptography": cryptography.__version__},
        "tokens": tokens,
    }
    JUDGED.write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n")
    accepted = sum(1 for t in tokens if t["verdicts"]["pyjwt"]["accepted"])
    print(f"PyJWT judged {len(tokens)} jeton tokens: {accepted} accepted")


if __name__ == "__main__":
    mode = sys.argv[1] if len(sys.argv) > 1 else "generate"
    data = json.loads(OUT.read_text())
    if mode == "generate":
        generate(data)
    elif mode != "judge":
        sys.exit(f"unknown mode {mode}: generate (default) or judge")
    judge(data)
