#!/usr/bin/env python3
"""Writes tests/c/private-pem.json: the private keys of
tests/vectors/asym-jwt.json as PEM documents, for the C tests of
jeton_jwt_key_set_add_private_pem (asym-jwt.json holds private keys as
JWKs only).

The PEM text is PyPI `cryptography`'s (pinned in
tests/gen/python/requirements.txt), never jeton's: each private JWK's
numbers are loaded into cryptography's key objects and serialized as
PKCS#8 (`PRIVATE KEY`) and, for EC keys, SEC1 (`EC PRIVATE KEY`, RFC
5915, what `openssl ecparam -genkey` writes). Before writing, the script
checks that the public key cryptography derives from the private one is,
as SubjectPublicKeyInfo PEM, byte for byte jose's `spki_pem` of the same
key, and (when the `openssl` command exists) that `openssl pkey -pubout`
derives the same from each PEM written.

Run again whenever asym-jwt.json gets new keys:

    python3 tests/c/gen_private_pem.py
"""
import base64
import json
import pathlib
import shutil
import subprocess
import sys

import cryptography
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa

ROOT = pathlib.Path(__file__).resolve().parents[2]
SOURCE = ROOT / "tests/vectors/asym-jwt.json"
OUTPUT = ROOT / "tests/c/private-pem.json"

CURVES = {"P-256": ec.SECP256R1(), "P-384": ec.SECP384R1()}
# The keys written: one of each family jeton signs with (and the kid-less
# ones), plus RSA keys, which jeton refuses as signing keys (the
# 1024-bit one is the only RSA key whose PKCS#8 DER is under 1 KiB).
KEEP = ("es256", "es384", "ed25519", "es256-nokid", "ed25519-nokid", "rsa2048", "rsa1024")


def b64u_int(text):
    return int.from_bytes(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)), "big")


def b64u_bytes(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def private_key(jwk):
    """cryptography's private key for a private JWK."""
    if jwk["kty"] == "EC" and jwk["crv"] in CURVES:
        key = ec.derive_private_key(b64u_int(jwk["d"]), CURVES[jwk["crv"]])
        numbers = key.public_key().public_numbers()
        assert (numbers.x, numbers.y) == (b64u_int(jwk["x"]), b64u_int(jwk["y"])), jwk.get("kid")
        return key
    if jwk["kty"] == "OKP" and jwk["crv"] == "Ed25519":
        key = ed25519.Ed25519PrivateKey.from_private_bytes(b64u_bytes(jwk["d"]))
        raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        assert raw == b64u_bytes(jwk["x"]), jwk.get("kid")
        return key
    if jwk["kty"] == "RSA":
        public = rsa.RSAPublicNumbers(b64u_int(jwk["e"]), b64u_int(jwk["n"]))
        return rsa.RSAPrivateNumbers(
            b64u_int(jwk["p"]), b64u_int(jwk["q"]), b64u_int(jwk["d"]), b64u_int(jwk["dp"]),
            b64u_int(jwk["dq"]), b64u_int(jwk["qi"]), public).private_key()
    raise ValueError("unexpected key type %s" % jwk["kty"])


def pem(key, fmt):
    return key.private_bytes(serialization.Encoding.PEM, fmt, serialization.NoEncryption()).decode()


def openssl_public(text):
    """`openssl pkey -pubout` of a private PEM, or None without openssl."""
    if shutil.which("openssl") is None:
        return None
    return subprocess.run(["openssl", "pkey", "-pubout"], input=text.encode(), capture_output=True,
                          check=True).stdout.decode()


def main():
    data = json.loads(SOURCE.read_text(encoding="utf-8"))
    keys = []
    openssl_checked = 0
    for entry in data["keys"]:
        if entry["id"] not in KEEP:
            continue
        key = private_key(entry["private_jwk"])
        spki = key.public_key().public_bytes(serialization.Encoding.PEM,
                                             serialization.PublicFormat.SubjectPublicKeyInfo).decode()
        # asym-jwt.json's spki_pem has no final newline.
        assert spki.rstrip("\n") == entry["spki_pem"].rstrip("\n"), (
            "%s: cryptography's SPKI differs from jose's" % entry["id"])
        # The thumbprint ties the PEM to this generation of asym-jwt.json
        # (whose keys are new on every run): gen_vectors.py compares it.
        out = {"key": entry["id"], "thumbprint": entry["thumbprint"]["jose"],
               "pkcs8_pem": pem(key, serialization.PrivateFormat.PKCS8)}
        if entry["kty"] == "EC":
            out["sec1_pem"] = pem(key, serialization.PrivateFormat.TraditionalOpenSSL)
            assert out["sec1_pem"].startswith("-----BEGIN EC PRIVATE KEY-----\n")
        for name in ("pkcs8_pem", "sec1_pem"):
            if name in out:
                derived = openssl_public(out[name])
                if derived is not None:
                    assert derived.rstrip("\n") == entry["spki_pem"].rstrip("\n"), (
                        "%s %s: openssl derives another key" % (entry["id"], name))
                    openssl_checked += 1
        keys.append(out)
    doc = {
        "note": "The private keys of tests/vectors/asym-jwt.json (same ids) as PEM, serialized by "
                "PyPI cryptography; written by tests/c/gen_private_pem.py. Test data: never use these keys.",
        "source": "tests/vectors/asym-jwt.json",
        "generator": "tests/c/gen_private_pem.py",
        "libraries": {"cryptography": cryptography.__version__, "python": sys.version.split()[0]},
        "checks": "each key's public half, as SPKI PEM, equals asym-jwt.json's spki_pem (jose's)"
                  + (", also as `openssl pkey -pubout` derives it" if openssl_checked else ""),
        "keys": keys,
    }
    OUTPUT.write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print("wrote %s: %d keys (%d PEM documents checked with openssl)" % (
        OUTPUT.relative_to(ROOT), len(keys), openssl_checked))


if __name__ == "__main__":
    main()
