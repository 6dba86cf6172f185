#!/usr/bin/env python3
"""Writes the asymmetric benchmark inputs in this folder: one key per family
(P-256, Ed25519, RSA-2048) as a public JWK and a PEM SubjectPublicKeyInfo,
and one token per algorithm (ES256, EdDSA, RS256, PS256) over the HS256
benchmark's claims (../claims.json), the header carrying the key's RFC 7638
thumbprint as `kid`, as identity providers' ID tokens do.

Everything is derived from fixed labels, so a re-run writes the same bytes:
the keys from SHA-256/SHAKE-256 of a label, ECDSA with RFC 6979 nonces, PSS
with a fixed salt (encoded here, since `cryptography` draws its own). Each
signature is checked with `cryptography` before it is written.

    python3 -m pip install cryptography   # 44 or later (RFC 6979)
    python3 bench/inputs/asym/generate.py
"""
import base64
import hashlib
import json
import pathlib

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

HERE = pathlib.Path(__file__).resolve().parent
CLAIMS = (HERE.parent / "claims.json").read_bytes().strip()


def b64u(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def int_bytes(n: int, length: int | None = None) -> bytes:
    return n.to_bytes(length or (n.bit_length() + 7) // 8, "big")


def thumbprint(required: dict) -> str:
    """RFC 7638: SHA-256 of the required members, sorted, no whitespace."""
    canonical = json.dumps(required, sort_keys=True, separators=(",", ":"))
    return b64u(hashlib.sha256(canonical.encode()).digest())


class Stream:
    """Deterministic bytes: SHAKE-256 of a label, read in order."""

    def __init__(self, label: str):
        self.data = hashlib.shake_256(label.encode()).digest(1 << 16)
        self.at = 0

    def take(self, n: int) -> bytes:
        out = self.data[self.at:self.at + n]
        assert len(out) == n, "stream exhausted"
        self.at += n
        return out


def probable_prime(n: int, stream: Stream, rounds: int = 40) -> bool:
    """Miller-Rabin with bases drawn from the stream."""
    if n % 2 == 0:
        return False
    for small in (3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37):
        if n % small == 0:
            return n == small
    d, r = n - 1, 0
    while d % 2 == 0:
        d, r = d // 2, r + 1
    for _ in range(rounds):
        a = 2 + int.from_bytes(stream.take(16), "big") % (n - 3)
        x = pow(a, d, n)
        if x in (1, n - 1):
            continue
        for _ in range(r - 1):
            x = pow(x, 2, n)
            if x == n - 1:
                break
        else:
            return False
    return True


def rsa_prime(bits: int, e: int, stream: Stream, witnesses: Stream) -> int:
    """The first candidate with its top two bits set (so that p*q has
    exactly 2*bits bits) that is prime and has gcd(e, p-1) = 1."""
    while True:
        candidate = int.from_bytes(stream.take(bits // 8), "big")
        candidate |= (3 << (bits - 2)) | 1
        if (candidate - 1) % e != 0 and probable_prime(candidate, witnesses):
            return candidate


def rsa_key() -> rsa.RSAPrivateKey:
    e = 65537
    stream, witnesses = Stream("jeton bench RSA-2048 primes"), Stream("jeton bench RSA witnesses")
    p = rsa_prime(1024, e, stream, witnesses)
    q = rsa_prime(1024, e, stream, witnesses)
    p, q = max(p, q), min(p, q)
    d = pow(e, -1, (p - 1) * (q - 1))
    numbers = rsa.RSAPrivateNumbers(
        p, q, d, rsa.rsa_crt_dmp1(d, p), rsa.rsa_crt_dmq1(d, q), rsa.rsa_crt_iqmp(p, q),
        rsa.RSAPublicNumbers(e, p * q),
    )
    key = numbers.private_key()
    assert key.key_size == 2048
    return key


def mgf1(seed: bytes, length: int) -> bytes:
    out = b""
    counter = 0
    while len(out) < length:
        out += hashlib.sha256(seed + counter.to_bytes(4, "big")).digest()
        counter += 1
    return out[:length]


def pss_sign(key: rsa.RSAPrivateKey, message: bytes, salt: bytes) -> bytes:
    """RSASSA-PSS (RFC 8017 section 8.1.1, EMSA-PSS-ENCODE of 9.1.1) with
    SHA-256, MGF1-SHA-256 and the given salt."""
    numbers = key.private_numbers()
    n, d = numbers.public_numbers.n, numbers.d
    em_bits = n.bit_length() - 1
    em_len = (em_bits + 7) // 8
    m_hash = hashlib.sha256(message).digest()
    h = hashlib.sha256(b"\0" * 8 + m_hash + salt).digest()
    db = b"\0" * (em_len - len(salt) - len(h) - 2) + b"\x01" + salt
    masked = bytearray(x ^ y for x, y in zip(db, mgf1(h, len(db))))
    masked[0] &= 0xFF >> (8 * em_len - em_bits)
    em = bytes(masked) + h + b"\xbc"
    return int_bytes(pow(int.from_bytes(em, "big"), d, n), (n.bit_length() + 7) // 8)


def spki_pem(public) -> bytes:
    return public.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)


def token(alg: str, kid: str, sign) -> str:
    header = json.dumps({"alg": alg, "typ": "JWT", "kid": kid}, separators=(",", ":")).encode()
    signing_input = f"{b64u(header)}.{b64u(CLAIMS)}".encode()
    return f"{signing_input.decode()}.{b64u(sign(signing_input))}"


def write(name: str, data) -> None:
    (HERE / name).write_bytes(data if isinstance(data, bytes) else data.encode())


def main() -> None:
    # ES256: P-256, d from a label, RFC 6979 signatures as `r || s`.
    order = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551
    d = int.from_bytes(hashlib.sha256(b"jeton bench P-256 key").digest(), "big") % (order - 1) + 1
    p256 = ec.derive_private_key(d, ec.SECP256R1())
    point = p256.public_key().public_numbers()
    x, y = b64u(int_bytes(point.x, 32)), b64u(int_bytes(point.y, 32))
    kid = thumbprint({"crv": "P-256", "kty": "EC", "x": x, "y": y})
    write("p256.jwk.json", json.dumps({"kty": "EC", "crv": "P-256", "x": x, "y": y, "kid": kid, "alg": "ES256", "use": "sig"}))
    write("p256.pem", spki_pem(p256.public_key()))

    def es256(data: bytes) -> bytes:
        der = p256.sign(data, ec.ECDSA(hashes.SHA256(), deterministic_signing=True))
        r, s = decode_dss_signature(der)
        p256.public_key().verify(der, data, ec.ECDSA(hashes.SHA256()))
        return int_bytes(r, 32) + int_bytes(s, 32)

    write("es256.jwt", token("ES256", kid, es256))

    # EdDSA: Ed25519, seed from a label.
    ed = ed25519.Ed25519PrivateKey.from_private_bytes(hashlib.sha256(b"jeton bench Ed25519 key").digest())
    x = b64u(ed.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw))
    kid = thumbprint({"crv": "Ed25519", "kty": "OKP", "x": x})
    write("ed25519.jwk.json", json.dumps({"kty": "OKP", "crv": "Ed25519", "x": x, "kid": kid, "alg": "EdDSA", "use": "sig"}))
    write("ed25519.pem", spki_pem(ed.public_key()))

    def eddsa(data: bytes) -> bytes:
        sig = ed.sign(data)
        ed.public_key().verify(sig, data)
        return sig

    write("eddsa.jwt", token("EdDSA", kid, eddsa))

    # RS256 and PS256: one RSA-2048 key (e = 65537) from a label; the JWK
    # names no `alg`, so that it serves both, as a provider's key may.
    key = rsa_key()
    public = key.public_key()
    numbers = public.public_numbers()
    n, e = b64u(int_bytes(numbers.n)), b64u(int_bytes(numbers.e))
    kid = thumbprint({"e": e, "kty": "RSA", "n": n})
    write("rsa2048.jwk.json", json.dumps({"kty": "RSA", "n": n, "e": e, "kid": kid, "use": "sig"}))
    write("rsa2048.pem", spki_pem(public))

    def rs256(data: bytes) -> bytes:
        sig = key.sign(data, padding.PKCS1v15(), hashes.SHA256())
        public.verify(sig, data, padding.PKCS1v15(), hashes.SHA256())
        return sig

    def ps256(data: bytes) -> bytes:
        sig = pss_sign(key, data, hashlib.sha256(b"jeton bench PSS salt").digest())
        pss = padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=32)
        public.verify(sig, data, pss, hashes.SHA256())
        return sig

    write("rs256.jwt", token("RS256", kid, rs256))
    write("ps256.jwt", token("PS256", kid, ps256))


if __name__ == "__main__":
    main()
