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

# jwk: every peer-made key as public JWK, private JWK and SPKI PEM, and
# every JWK Set document (tests/vectors/asym-jwt.json).
asym = load("asym-jwt.json")
for key in asym["keys"]:
    for form in (json.dumps(key["public_jwk"]), json.dumps(key["private_jwk"]), key["spki_pem"]):
        write("jwk", form.encode())
for jwks in asym["jwks"]:
    write("jwk", json.dumps(jwks["document"]).encode())
# jwt_asym_verify: selector, 32-byte seed, then a token checked against the
# harness's fixed keys (the RFC examples whose keys those are), or 0xFF,
# header and claims JSON the harness signs with a key from the seed.
seed = bytes(range(1, 33))
for case in asym["rfc"]:
    if case["id"] in ("rfc7515-a2", "rfc7515-a3", "rfc8037-a4"):
        write("jwt_asym_verify", b"\x00" + seed + case["token"].encode())
for selector, alg in enumerate(("ES256", "ES384", "EdDSA")):
    header = json.dumps({"alg": alg, "typ": "JWT"}, separators=(",", ":")).encode()
    write("jwt_asym_verify", bytes([selector]) + seed + b"\xff" + header + b"\x00"
          + (BENCH / "claims.json").read_bytes().strip())

# The OAuth token side (tests/vectors/oauth-tokens.json, made by jose and
# judged by oauth4webapi), and the specifications' examples.
oauth = load("oauth-tokens.json")
# oauth_metadata: the expected issuer's length and the issuer, then the
# document.
for case in oauth["metadata"]:
    issuer = case["expected_issuer"].encode()
    write("oauth_metadata", bytes([len(issuer)]) + issuer + case["document"].encode())
# oauth_introspection: a clock offset in hours (0: RFC 7662's example
# `iat`), then the response.
for case in oauth["introspection"]:
    write("oauth_introspection", b"\x00" + case["body"].encode())
# dpop_verify: selector, 32-byte seed, then a proof (RFC 9449 figure 12,
# the peers' proofs), or 0xFF and the method, URI, nonce and access token
# of a proof the harness makes.
rfc9449_figure12 = (
    "eyJ0eXAiOiJkcG9wK2p3dCIsImFsZyI6IkVTMjU2IiwiandrIjp7Imt0eSI6IkVDIiwieCI6Imw4dEZyaHgtMzR0VjNo"
    "UklDUkRZOXpDa0RscEJoRjQyVVFVZldWQVdCRnMiLCJ5IjoiOVZFNGpmX09rX282NHpiVFRsY3VOSmFqSG10NnY5VERW"
    "clUwQ2R2R1JEQSIsImNydiI6IlAtMjU2In19.eyJqdGkiOiJlMWozVl9iS2ljOC1MQUVCIiwiaHRtIjoiR0VUIiwiaHR1"
    "IjoiaHR0cHM6Ly9yZXNvdXJjZS5leGFtcGxlLm9yZy9wcm90ZWN0ZWRyZXNvdXJjZSIsImlhdCI6MTU2MjI2MjYxOCwi"
    "YXRoIjoiZlVIeU8ycjJaM0RaNTNFc05yV0JiMHhXWG9hTnk1OUlpS0NBcWtzbVFFbyJ9.2oW9RP35yRqzhrtNP86L-Ey7"
    "1EOptxRimPPToA1plemAgR6pxHF8y6-yqyVnmcw6Fy1dqd-jfxSYoMxhAJpLjA"
)
write("dpop_verify", b"\x00" + seed + rfc9449_figure12.encode())
for case in oauth["dpop"]:
    write("dpop_verify", b"\x00" + seed + case["proof"].encode())
for selector in range(3):
    fields = [b"GET", b"https://rs.example.com/api/items?page=2", b"server-nonce", b"an access token"]
    write("dpop_verify", bytes([selector]) + seed + b"\xff" + b"".join(sized(f) for f in fields))
# oauth_id_token: selector (family, and options in the high bits), seed,
# then a token (OpenID Connect Core appendix A.2, A.3, A.4, checked with
# appendix A.7's key; the peers' tokens), or 0xFF, header JSON, 0x00,
# claims JSON signed by the harness.
oidc_appendix_a = [
    "eyJraWQiOiIxZTlnZGs3IiwiYWxnIjoiUlMyNTYifQ.ewogImlzcyI6ICJodHRwOi8vc2VydmVyLmV4YW1wbGUuY29tIiwKICJzdWIiOiAiMjQ4Mjg5NzYxMDAxIiwKICJhdWQiOiAiczZCaGRSa3F0MyIsCiAibm9uY2UiOiAibi0wUzZfV3pBMk1qIiwKICJleHAiOiAxMzExMjgxOTcwLAogImlhdCI6IDEzMTEyODA5NzAsCiAibmFtZSI6ICJKYW5lIERvZSIsCiAiZ2l2ZW5fbmFtZSI6ICJKYW5lIiwKICJmYW1pbHlfbmFtZSI6ICJEb2UiLAogImdlbmRlciI6ICJmZW1hbGUiLAogImJpcnRoZGF0ZSI6ICIwMDAwLTEwLTMxIiwKICJlbWFpbCI6ICJqYW5lZG9lQGV4YW1wbGUuY29tIiwKICJwaWN0dXJlIjogImh0dHA6Ly9leGFtcGxlLmNvbS9qYW5lZG9lL21lLmpwZyIKfQ.rHQjEmBqn9Jre0OLykYNnspA10Qql2rvx4FsD00jwlB0Sym4NzpgvPKsDjn_wMkHxcp6CilPcoKrWHcipR2iAjzLvDNAReF97zoJqq880ZD1bwY82JDauCXELVR9O6_B0w3K-E7yM2macAAgNCUwtik6SjoSUZRcf-O5lygIyLENx882p6MtmwaL1hd6qn5RZOQ0TLrOYu0532g9Exxcm-ChymrB4xLykpDj3lUivJt63eEGGN6DH5K6o33TcxkIjNrCD4XB1CKKumZvCedgHHF3IAK4dVEDSUoGlH9z4pP_eWYNXvqQOjGs-rDaQzUHl6cQQWNiDpWOl_lxXjQEvQ",
    "eyJraWQiOiIxZTlnZGs3IiwiYWxnIjoiUlMyNTYifQ.ewogImlzcyI6ICJodHRwOi8vc2VydmVyLmV4YW1wbGUuY29tIiwKICJzdWIiOiAiMjQ4Mjg5NzYxMDAxIiwKICJhdWQiOiAiczZCaGRSa3F0MyIsCiAibm9uY2UiOiAibi0wUzZfV3pBMk1qIiwKICJleHAiOiAxMzExMjgxOTcwLAogImlhdCI6IDEzMTEyODA5NzAsCiAiYXRfaGFzaCI6ICI3N1FtVVB0alBmeld0RjJBbnBLOVJRIgp9.F9gRev0Dt2tKcrBkHy72cmRqnLdzw9FLCCSebV7mWs7o_sv2O5s6zMky2kmhHTVx9HmdvNnx9GaZ8XMYRFeYk8L5NZ7aYlA5W56nsG1iWOou_-gji0ibWIuuf4Owaho3YSoi7EvsTuLFz6tq-dLyz0dKABMDsiCmJ5wqkPUDTE3QTXjzbUmOzUDli-gCh5QPuZAq0cNW3pf_2n4zpvTYtbmj12cVcxGIMZby7TMWESRjQ9_o3jvhVNcCGcE0KAQXejhA1ocJhNEvQNqMFGlBb6_0RxxKjDZ-Oa329eGDidOvvp0h5hoES4a8IuGKS7NOcpp-aFwp0qVMDLI-Xnm-Pg",
    "eyJraWQiOiIxZTlnZGs3IiwiYWxnIjoiUlMyNTYifQ.ewogImlzcyI6ICJodHRwOi8vc2VydmVyLmV4YW1wbGUuY29tIiwKICJzdWIiOiAiMjQ4Mjg5NzYxMDAxIiwKICJhdWQiOiAiczZCaGRSa3F0MyIsCiAibm9uY2UiOiAibi0wUzZfV3pBMk1qIiwKICJleHAiOiAxMzExMjgxOTcwLAogImlhdCI6IDEzMTEyODA5NzAsCiAiY19oYXNoIjogIkxEa3RLZG9RYWszUGswY25YeENsdEEiCn0.XW6uhdrkBgcGx6zVIrCiROpWURs-4goO1sKA4m9jhJIImiGg5muPUcNegx6sSv43c5DSn37sxCRrDZZm4ZPBKKgtYASMcE20SDgvYJdJS0cyuFw7Ijp_7WnIjcrl6B5cmoM6ylCvsLMwkoQAxVublMwH10oAxjzD6NEFsu9nipkszWhsPePf_rM4eMpkmCbTzume-fzZIi5VjdWGGEmzTg32h3jiex-r5WTHbj-u5HL7u_KP3rmbdYNzlzd1xWRYTUs4E8nOTgzAUwvwXkIQhOh5TPcSMBYy6X3E7-_gr9Ue6n4ND7hTFhtjYs3cjNKIA08qm5cpVYFMFMG6PkhzLQ",
]
for token in oidc_appendix_a:
    for options in (0, 1, 1 | 8, 1 | 8 | 16, 1 | 4):
        write("oauth_id_token", bytes([options << 2]) + seed + token.encode())
for case in oauth["id_tokens"][:12] + oauth["access_tokens"][:6]:
    write("oauth_id_token", b"\x04" + seed + case["token"].encode())
claims = {"iss": "http://server.example.com", "sub": "248289761001", "aud": "s6BhdRkqt3",
          "nonce": "n-0S6_WzA2Mj", "exp": 1311281970, "iat": 1311280970, "auth_time": 1311280000,
          "jti": "j", "client_id": "s6BhdRkqt3", "scope": "openid profile"}
for selector, alg in enumerate(("ES256", "ES384", "EdDSA")):
    for typ, options in (("JWT", 1 | 4), ("at+jwt", 8)):
        header = json.dumps({"alg": alg, "typ": typ}, separators=(",", ":")).encode()
        write("oauth_id_token", bytes([selector | (options << 2)]) + seed + b"\xff" + header + b"\x00"
              + json.dumps(claims, separators=(",", ":")).encode())

# OAuth client (tests/vectors/oauth-client.json): callback queries after a
# selector byte (0: iss checked when present, 1: iss required), token and
# device responses (device ones followed by poll answers split at 0xFF),
# and form text (authorization URLs, request bodies).
oauth = load("oauth-client.json")
for case in oauth["callbacks"]:
    write("oauth_callback", bytes([1 if case["iss_required"] else 0]) + case["query"].encode())
for case in oauth["token_responses"]:
    write("oauth_token_response", case["body"].encode())
polls = [b'{"error":"authorization_pending"}', b'{"error":"slow_down"}', b"",
         b'{"access_token":"a","token_type":"Bearer"}']
for case in oauth["device_responses"]:
    write("oauth_device_response", b"\xff".join([case["body"].encode()] + polls))
for case in oauth["authorization"]:
    write("oauth_form", case["url"].encode())
for case in oauth["token_requests"]:
    write("oauth_form", case["body"].encode())
write("oauth_form", b"a=%zz&b=%C3%A9+%FF&&=&c")

# simd: the benchmark token's segments and claims (base64 text, bytes to
# encode, JSON string bytes), and for the one-byte-changed form three
# selector bytes (position high, low, new byte) before bytes to encode:
# every length around the kernels' blocks of 12 to 64, a byte outside
# both alphabets, `=`, and a last character with stray trailing bits.
token = (BENCH / "jwt_hs256.txt").read_bytes().strip()
for segment in token.split(b"."):
    write("simd", segment)
write("simd", (BENCH / "claims.json").read_bytes().strip())
for length in (11, 12, 13, 15, 16, 17, 23, 24, 25, 31, 32, 33, 47, 48, 49, 63, 64, 65, 100, 217):
    body = bytes((i * 151) % 256 for i in range(length))
    write("simd", bytes([0, length // 2, ord("*")]) + body)
    write("simd", bytes([0, length, ord("=")]) + body)
    last = (length * 4 + 2) // 3 - 1
    write("simd", last.to_bytes(2, "big") + b"B" + body)
