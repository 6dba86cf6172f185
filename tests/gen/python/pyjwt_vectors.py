#!/usr/bin/env python3
"""Produces tests/vectors/pyjwt.json from the real PyJWT package.

- tokens PyJWT signs, for every claim shape and key of
  tests/gen/jwt-shapes.json, with PyJWT's own verdict on them;
- PyJWT's verdict on the tokens jeton made (tests/vectors/jeton-jwt.json),
  with the claims it decoded.

Run: pip install -r tests/gen/python/requirements.txt
     python3 tests/gen/python/pyjwt_vectors.py
"""
import json
import pathlib

import jwt

HERE = pathlib.Path(__file__).resolve().parent
VECTORS = HERE.parent.parent / "vectors"
SPEC = json.loads((HERE.parent / "jwt-shapes.json").read_text())
JETON = json.loads((VECTORS / "jeton-jwt.json").read_text())


def verify(token, key, validation):
    validation = validation or {}
    try:
        claims = jwt.decode(
            token,
            key["secret"],
            algorithms=[key["alg"]],
            issuer=validation.get("issuer"),
            audience=validation.get("audience"),
        )
        return {"accepted": True, "claims": claims}
    except jwt.PyJWTError as e:
        return {"accepted": False, "error": f"{type(e).__name__}: {e}"}


tokens = []
for key in SPEC["keys"]:
    for shape in SPEC["shapes"]:
        token = jwt.encode(shape["claims"], key["secret"], algorithm=key["alg"], headers={"kid": key["kid"]})
        entry = {"lib": "pyjwt", "shape": shape["name"], "alg": key["alg"], "token": token}
        entry.update(verify(token, key, shape.get("validation")))
        tokens.append(entry)

verdicts = []
for made in JETON["tokens"]:
    key = next(k for k in SPEC["keys"] if k["alg"] == made["alg"])
    shape = next(s for s in SPEC["shapes"] if s["name"] == made["shape"])
    # Each verdict names the token it judged.
    entry = {"lib": "pyjwt", "shape": made["shape"], "alg": made["alg"], "token": made["token"]}
    entry.update(verify(made["token"], key, shape.get("validation")))
    verdicts.append(entry)

out = {
    "generator": "tests/gen/python/pyjwt_vectors.py",
    "libraries": {"pyjwt": jwt.__version__},
    "tokens": tokens,
    "verdicts_on_jeton": verdicts,
}
(VECTORS / "pyjwt.json").write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n")
print(f"{len(tokens)} peer tokens, {len(verdicts)} verdicts on jeton tokens")
