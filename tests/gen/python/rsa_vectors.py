#!/usr/bin/env python3
"""Produces tests/vectors/rsa/keys.json with the `cryptography` package
(OpenSSL underneath): RSA test keys and the signatures OpenSSL makes with
them.

- keys of 2048, 2049, 2100, 3072, 3073 and 4096 bits with e = 65537 and
  one of 2048 bits with e = 3: the sizes at and just past each of jeton's
  three integer widths, and 2049/3073 bits where PSS's emLen is k - 1;
- every component (n, e, d, p, q) in hex, so that the Rust tests can
  build the private key in the `rsa` crate and sign with it too;
- per key, RSASSA-PKCS1-v1_5 and RSASSA-PSS (MGF1 over the same hash, salt
  as long as the hash, as JWS PS256/384/512 fix it) signatures with
  SHA-256, SHA-384 and SHA-512 over two messages, all valid.

OpenSSL rounds odd key sizes down, so the primes come from this script
(Miller-Rabin over a seeded generator: the same keys on every run) and
OpenSSL only checks the key and signs. These keys are test data,
published here: never use them for anything.

Run: pip install cryptography==48.0.0
     python3 tests/gen/python/rsa_vectors.py
"""
import hashlib
import json
import math
import pathlib
import random

import cryptography
from cryptography.hazmat.backends.openssl import backend
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

HERE = pathlib.Path(__file__).resolve().parent
OUT = HERE.parent.parent / "vectors" / "rsa" / "keys.json"

KEYS = [(2048, 65537), (2048, 3), (2049, 65537), (2100, 65537), (3072, 65537), (3073, 65537), (4096, 65537)]
HASHES = [("SHA-256", hashes.SHA256), ("SHA-384", hashes.SHA384), ("SHA-512", hashes.SHA512)]
MESSAGES = [b"", hashlib.sha512(b"jeton rsa vectors").digest() * 3]


RNG = random.Random(20261207)


def probable_prime(bits, e):
    """A prime of exactly `bits` bits with its two top bits set (so that
    the product of two has the sum of their sizes) and gcd(e, p - 1) = 1."""
    while True:
        candidate = RNG.getrandbits(bits) | (3 << (bits - 2)) | 1
        if math.gcd(e, candidate - 1) != 1:
            continue
        if any(candidate % small == 0 for small in range(3, 2000, 2)):
            continue
        d, r = candidate - 1, 0
        while d % 2 == 0:
            d, r = d // 2, r + 1
        for _ in range(40):
            x = pow(RNG.randrange(2, candidate - 1), d, candidate)
            if x in (1, candidate - 1):
                continue
            for _ in range(r - 1):
                x = pow(x, 2, candidate)
                if x == candidate - 1:
                    break
            else:
                break
        else:
            return candidate


def private_key(bits, e):
    p = probable_prime(bits - bits // 2, e)
    q = probable_prime(bits // 2, e)
    if p < q:
        p, q = q, p
    d = pow(e, -1, math.lcm(p - 1, q - 1))
    public = rsa.RSAPublicNumbers(e, p * q)
    return rsa.RSAPrivateNumbers(
        p, q, d, d % (p - 1), d % (q - 1), pow(q, -1, p), public
    ).private_key()


def h(number):
    """Big-endian hex of a positive integer, without leading zero bytes."""
    return number.to_bytes((number.bit_length() + 7) // 8, "big").hex()


keys = []
for bits, e in KEYS:
    private = private_key(bits, e)
    numbers = private.private_numbers()
    public = numbers.public_numbers
    assert public.n.bit_length() == bits
    signatures = []
    for name, hash_type in HASHES:
        for message in MESSAGES:
            pkcs1 = private.sign(message, padding.PKCS1v15(), hash_type())
            pss = private.sign(
                message,
                padding.PSS(mgf=padding.MGF1(hash_type()), salt_length=hash_type.digest_size),
                hash_type(),
            )
            for scheme, sig in (("pkcs1v15", pkcs1), ("pss", pss)):
                assert len(sig) == (bits + 7) // 8
                signatures.append({"padding": scheme, "hash": name, "msg": message.hex(), "sig": sig.hex()})
    keys.append({
        "bits": bits,
        "n": h(public.n),
        "e": h(public.e),
        "d": h(numbers.d),
        "p": h(numbers.p),
        "q": h(numbers.q),
        "signatures": signatures,
    })

OUT.parent.mkdir(parents=True, exist_ok=True)
OUT.write_text(json.dumps({
    "note": "RSA test keys and OpenSSL's signatures with them, from tests/gen/python/rsa_vectors.py. Test data only: never use these keys.",
    "generator": f"cryptography {cryptography.__version__}, {backend.openssl_version_text()}",
    "keys": keys,
}, indent=1) + "\n")
print(f"wrote {OUT}: {len(keys)} keys, {sum(len(k['signatures']) for k in keys)} signatures")
