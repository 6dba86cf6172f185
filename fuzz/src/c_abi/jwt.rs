//! JWT and JWS through the C ABI: tokens encoded from a fuzzer-built
//! claims set verify under a permissive validation, are refused once
//! changed, and read back through the getters exactly as the core crate
//! reads them; a fuzzer-built validation is refused when it breaks its
//! rules and, when it accepts, the token meets it and the core crate
//! agrees; HMAC key sets and a JWK Set (Ed25519) give the same answers.

use jeton::json::Kind;
use jeton::jwt::{self as core_jwt, Claim, JwtKey, KeySet, Validation};
use jeton_ffi::jwt as j;
use jeton_ffi::status::jeton_status_code as S;

use super::util::*;

/// RFC 8037 appendix A.1's Ed25519 key.
const ED_PRIVATE: &[u8] = br#"{"kty":"OKP","crv":"Ed25519","d":"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#;
const ED_SET: &[u8] = br#"{"keys":[{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}]}"#;

/// Text for claims: escapes, non-ASCII, sometimes not UTF-8.
const TEXT: &[u8] = b"ab\"\\/\x01\xc3\xa9 .:";

/// The key sets of one run: an HMAC key (algorithm and kid from the
/// fuzzer), an Ed25519 signing key, and the Ed25519 public key as a JWK
/// Set.
struct Keys {
    hmac: Box<j::jeton_jwt_key_set>,
    ed: Box<j::jeton_jwt_key_set>,
    jwks: Box<j::jeton_jwks>,
    alg: u32,
    secret: Vec<u8>,
    kid: Option<Vec<u8>>,
}

impl Keys {
    fn new(src: &mut Src<'_>) -> Keys {
        let alg = 1 + src.u32() % 3;
        let mut secret = src.bytes(64);
        while secret.len() < 64 {
            secret.push(secret.len() as u8 ^ 0x36);
        }
        let kid = src
            .bool()
            .then(|| src.text(b"k1-_.", 8))
            .filter(|k| !k.is_empty());
        // SAFETY: zeroed storage of the object types, then initialized.
        let (mut hmac, mut ed, mut jwks): (
            Box<j::jeton_jwt_key_set>,
            Box<j::jeton_jwt_key_set>,
            Box<j::jeton_jwks>,
        ) = unsafe {
            (
                Box::new(core::mem::zeroed()),
                Box::new(core::mem::zeroed()),
                Box::new(core::mem::zeroed()),
            )
        };
        let (kp, kl) = kid
            .as_ref()
            .map_or((core::ptr::null(), 0), |k| (k.as_ptr(), k.len()));
        // SAFETY: objects of their types; inputs readable.
        unsafe {
            assert_eq!(j::jeton_jwt_key_set_init(&mut *hmac), OK);
            assert_eq!(
                j::jeton_jwt_key_set_add(&mut *hmac, alg, secret.as_ptr(), secret.len(), kp, kl),
                OK
            );
            assert_eq!(j::jeton_jwt_key_set_init(&mut *ed), OK);
            assert_eq!(
                j::jeton_jwt_key_set_add_private_jwk(
                    &mut *ed,
                    ED_PRIVATE.as_ptr(),
                    ED_PRIVATE.len()
                ),
                OK
            );
            assert_eq!(j::jeton_jwks_init(&mut *jwks), OK);
            assert_eq!(
                j::jeton_jwks_load(
                    &mut *jwks,
                    ED_SET.as_ptr(),
                    ED_SET.len(),
                    core::ptr::null_mut()
                ),
                OK
            );
        }
        Keys {
            hmac,
            ed,
            jwks,
            alg,
            secret,
            kid,
        }
    }

    /// The same HMAC key in the core crate.
    fn core(&self) -> KeySet<1> {
        let key = match self.alg {
            1 => JwtKey::hs256(&self.secret),
            2 => JwtKey::hs384(&self.secret),
            _ => JwtKey::hs512(&self.secret),
        }
        .unwrap();
        let key = match &self.kid {
            Some(k) => key.with_kid(core::str::from_utf8(k).unwrap()).unwrap(),
            None => key,
        };
        KeySet::with_key(key).unwrap()
    }
}

impl Drop for Keys {
    fn drop(&mut self) {
        // SAFETY: initialized in `new`.
        unsafe {
            assert_eq!(j::jeton_jwt_key_set_clear(&mut *self.hmac), OK);
            assert_eq!(j::jeton_jwt_key_set_clear(&mut *self.ed), OK);
            assert_eq!(j::jeton_jwks_clear(&mut *self.jwks), OK);
        }
    }
}

/// Which key set a verification runs against.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Against {
    Hmac,
    Ed,
    Jwks,
}

impl Keys {
    /// The `jeton_jwt_key_set` of `against`. (`Jwks` has a `jeton_jwks`
    /// and functions of its own; callers never ask for it, and the HMAC
    /// set answers then.)
    fn set(&self, against: Against) -> &j::jeton_jwt_key_set {
        match against {
            Against::Ed => &self.ed,
            Against::Hmac | Against::Jwks => &self.hmac,
        }
    }
}

/// A verified token: the status, and on success the result and the buffer
/// its views point into.
struct Checked {
    status: i32,
    verified: Option<(j::jeton_jwt_verified, Vec<u8>)>,
}

fn verify(
    src: &mut Src<'_>,
    keys: &Keys,
    against: Against,
    token: &[u8],
    v: &j::jeton_jwt_validation,
) -> Checked {
    let mut slot = Slot::<j::jeton_jwt_verified>::new();
    let out = call_out(src, Retry::MayFail, |o, c, l| {
        // SAFETY: the key sets are initialized; the validation's views
        // are alive; call_out hands out a valid buffer.
        unsafe {
            match against {
                Against::Hmac | Against::Ed => j::jeton_jwt_verify(
                    keys.set(against),
                    token.as_ptr(),
                    token.len(),
                    v,
                    o,
                    c,
                    l,
                    slot.ptr(),
                ),
                Against::Jwks => j::jeton_jwt_verify_with_jwks(
                    &*keys.jwks,
                    token.as_ptr(),
                    token.len(),
                    v,
                    o,
                    c,
                    l,
                    slot.ptr(),
                ),
            }
        }
    });
    if out.status == TOO_SMALL {
        panic!("verify: a buffer of the length reported was too small");
    }
    // SAFETY: written on success.
    let verified = unsafe { slot.after(out.status, "jwt_verify") };
    if let Some(v) = verified {
        assert!(within(v.header, &out.buf) && within(v.claims, &out.buf));
        assert!(out.len <= token.len());
    }
    Checked {
        status: out.status,
        verified: verified.map(|v| (v, out.buf)),
    }
}

fn jws(
    src: &mut Src<'_>,
    keys: &Keys,
    against: Against,
    token: &[u8],
    v: &j::jeton_jwt_validation,
) -> (i32, Option<Vec<u8>>) {
    let mut slot = Slot::<j::jeton_jws_verified>::new();
    let out = call_out(src, Retry::MayFail, |o, c, l| {
        // SAFETY: as in `verify`.
        unsafe {
            match against {
                Against::Hmac | Against::Ed => j::jeton_jws_verify(
                    keys.set(against),
                    token.as_ptr(),
                    token.len(),
                    v,
                    o,
                    c,
                    l,
                    slot.ptr(),
                ),
                Against::Jwks => j::jeton_jws_verify_with_jwks(
                    &*keys.jwks,
                    token.as_ptr(),
                    token.len(),
                    v,
                    o,
                    c,
                    l,
                    slot.ptr(),
                ),
            }
        }
    });
    // SAFETY: written on success.
    let got = unsafe { slot.after(out.status, "jws_verify") };
    (
        out.status,
        got.map(|g| {
            assert!(within(g.header, &out.buf) && within(g.payload, &out.buf));
            // SAFETY: into `out.buf`.
            unsafe { view(g.payload) }.to_vec()
        }),
    )
}

/// The validation that accepts any token our keys signed: no time, typ
/// or audience checks, no claim required.
fn permissive() -> j::jeton_jwt_validation {
    // SAFETY: a zero-filled description is valid (the header says so).
    let mut v: j::jeton_jwt_validation = unsafe { core::mem::zeroed() };
    v.flags = j::JETON_JWT_IGNORE_AUDIENCE
        | j::JETON_JWT_SKIP_EXP_CHECK
        | j::JETON_JWT_SKIP_NBF_CHECK
        | j::JETON_JWT_ANY_TYP;
    v.required = j::JETON_JWT_CLAIM_NONE;
    v.max_token_len = 1 << 20;
    v
}

/// A custom claim the fuzzer describes.
struct Custom {
    name: Vec<u8>,
    kind: u32,
    text: Vec<u8>,
    integer: i64,
}

pub fn run(src: &mut Src<'_>) {
    let keys = Keys::new(src);
    let utf8 = |b: &[u8]| core::str::from_utf8(b).is_ok();
    let opt = |src: &mut Src<'_>| src.bool().then(|| src.mostly(TEXT, 16));
    let (iss, sub, jti) = (opt(src), opt(src), opt(src));
    let aud = (src.one_in(4)).then(|| src.mostly(TEXT, 12));
    let audience_count = if src.one_in(3) {
        usize::from(src.u8() % 10)
    } else {
        0
    };
    let audiences: Vec<Vec<u8>> = (0..audience_count).map(|_| src.mostly(TEXT, 10)).collect();
    let aud_views: Vec<jeton_ffi::jeton_bytes> = audiences.iter().map(|a| bv(a)).collect();
    let customs: Vec<Custom> = (0..usize::from(src.u8() % 4))
        .map(|_| Custom {
            name: src.mostly(b"abisujt", 3),
            kind: src.small_u32(5),
            text: if src.bool() {
                src.mostly(TEXT, 20)
            } else {
                src.mostly(b"{}[]\"a:1,.e-truefalsn ", 20)
            },
            integer: src.i64(),
        })
        .collect();
    // A NULL text: refused where it is the value (a string, raw JSON),
    // ignored where it is not (an integer, a boolean).
    let null_text = !customs.is_empty() && src.one_in(8);
    let custom_views: Vec<j::jeton_jwt_claim> = customs
        .iter()
        .enumerate()
        .map(|(i, c)| j::jeton_jwt_claim {
            name: bv(&c.name),
            kind: c.kind,
            text: if null_text && i == 0 {
                ov(None)
            } else {
                bv(&c.text)
            },
            integer: c.integer,
        })
        .collect();
    let null_required = null_text
        && matches!(
            customs[0].kind,
            j::JETON_JWT_VALUE_STRING | j::JETON_JWT_VALUE_JSON
        );
    let claims = j::jeton_jwt_claims {
        iss: ov(iss.as_deref()),
        sub: ov(sub.as_deref()),
        aud: ov(aud.as_deref()),
        audiences: if audience_count == 0 {
            core::ptr::null()
        } else {
            aud_views.as_ptr()
        },
        audience_count,
        jti: ov(jti.as_deref()),
        exp: src.i64(),
        nbf: src.i64(),
        iat: src.i64(),
        flags: src.small_u32(8),
        custom: if customs.is_empty() {
            core::ptr::null()
        } else {
            custom_views.as_ptr()
        },
        custom_count: customs.len(),
    };
    let typ = (src.one_in(4)).then(|| src.mostly(b"JWTat+jwapplicon/", 12));
    let hkid = (src.one_in(4)).then(|| src.mostly(b"k1-_.\"", 8));
    let header = j::jeton_jwt_header {
        typ: ov(typ.as_deref()),
        kid: ov(hkid.as_deref()),
        flags: src.small_u32(256) & 0x1ff,
    };
    let key_index = if src.one_in(16) {
        usize::from(src.u8() % 6)
    } else {
        0
    };

    // SAFETY: every view of the descriptions is alive; call_out hands out
    // a valid buffer.
    let token = call_out(src, Retry::MustFit, |o, c, l| unsafe {
        j::jeton_jwt_encode(&*keys.hmac, key_index, &header, &claims, o, c, l)
    });

    // What the header says must be refused.
    let registered: [&[u8]; 7] = [b"iss", b"sub", b"aud", b"exp", b"nbf", b"iat", b"jti"];
    let invalid =
        claims.flags & !(j::JETON_JWT_HAS_EXP | j::JETON_JWT_HAS_NBF | j::JETON_JWT_HAS_IAT) != 0
            || header.flags & !j::JETON_JWT_NO_TYP != 0
            || (typ.is_some() && header.flags & j::JETON_JWT_NO_TYP != 0)
            || (aud.is_some() && audience_count > 0)
            || audience_count > j::JETON_JWT_MAX_LIST
            || customs.iter().any(|c| !(1..=4).contains(&c.kind));
    let texts_utf8 = [&iss, &sub, &jti, &aud, &typ, &hkid]
        .iter()
        .all(|t| t.as_deref().is_none_or(utf8))
        && audiences.iter().all(|a| utf8(a))
        && customs
            .iter()
            .all(|c| utf8(&c.name) && (c.kind != j::JETON_JWT_VALUE_STRING || utf8(&c.text)));
    let names_ok = customs.iter().enumerate().all(|(i, c)| {
        !registered.contains(&&c.name[..]) && !customs[..i].iter().any(|d| d.name == c.name)
    });
    let json_ok = customs.iter().all(|c| {
        c.kind != j::JETON_JWT_VALUE_JSON
            || serde_json::from_slice::<serde_json::Value>(&c.text).is_ok()
    });
    if key_index != 0 {
        // The set holds one key; which refusal comes first is not said.
        assert_ne!(token.status, OK, "key {key_index} of a set of one");
        if !invalid && texts_utf8 && names_ok && json_ok && !null_required {
            assert_eq!(token.status, S::JETON_ERR_JWT_KEY_NOT_FOUND as i32);
        }
        return;
    }
    if null_required {
        assert_ne!(token.status, OK, "a NULL string or JSON text was encoded");
    }
    if invalid {
        assert_ne!(
            token.status, OK,
            "an invalid claims set or header was encoded"
        );
    } else if !texts_utf8 {
        assert_ne!(token.status, OK, "a string that is not UTF-8 was encoded");
    } else if !names_ok {
        assert_ne!(token.status, OK, "a duplicate claim name was encoded");
    } else if json_ok && !null_required {
        assert_eq!(token.status, OK, "a valid claims set was refused");
    }
    let Some(token) = token.ok().map(<[u8]>::to_vec) else {
        any_token(src, &keys);
        return;
    };

    // Accepted as it is, with everything it was given; a `kid` in the
    // header that is not the key's own names no key (the key has one).
    let loose = permissive();
    let c = verify(src, &keys, Against::Hmac, &token, &loose);
    if let (Some(h), Some(k)) = (&hkid, &keys.kid)
        && h != k
    {
        assert_eq!(
            c.status,
            S::JETON_ERR_JWT_KEY_NOT_FOUND as i32,
            "kid {:?} found key {:?}",
            h,
            k
        );
        return;
    }
    assert_eq!(
        c.status,
        OK,
        "our own token: {}",
        String::from_utf8_lossy(&token)
    );
    let (verified, buf) = c.verified.unwrap();
    assert_eq!((verified.algorithm, verified.key_index), (keys.alg, 0));
    let has = verified.flags & (j::JETON_JWT_HAS_EXP | j::JETON_JWT_HAS_NBF | j::JETON_JWT_HAS_IAT);
    assert_eq!(has, claims.flags);
    for (bit, got, want) in [
        (j::JETON_JWT_HAS_EXP, verified.exp, claims.exp),
        (j::JETON_JWT_HAS_NBF, verified.nbf, claims.nbf),
        (j::JETON_JWT_HAS_IAT, verified.iat, claims.iat),
    ] {
        if claims.flags & bit != 0 {
            assert_eq!(got, want);
        }
    }
    // The token's limit is its own length.
    let mut tight = permissive();
    tight.max_token_len = token.len();
    assert_eq!(verify(src, &keys, Against::Hmac, &token, &tight).status, OK);
    tight.max_token_len = token.len() - 1;
    assert_eq!(
        verify(src, &keys, Against::Hmac, &token, &tight).status,
        S::JETON_ERR_JWT_TOO_LONG as i32
    );

    getters(
        src,
        &keys,
        &token,
        &verified,
        &buf,
        &claims,
        &customs,
        [&iss, &sub, &jti],
        &audiences,
        &aud,
        typ.as_deref(),
        &header,
    );

    // The JWS view of it: the claims set as its payload.
    let (s, payload) = jws(src, &keys, Against::Hmac, &token, &loose);
    assert_eq!(s, OK);
    // SAFETY: `verified.claims` points into `buf`, alive.
    assert_eq!(payload.as_deref(), Some(unsafe { view(verified.claims) }));

    // Changed anywhere, refused.
    let mut bad = token.clone();
    let i = usize::from(src.u16()) % bad.len();
    bad[i] ^= 1 + src.u8() % 255;
    assert_ne!(
        verify(src, &keys, Against::Hmac, &bad, &loose).status,
        OK,
        "tampered token at {i}"
    );
    assert_ne!(
        jws(src, &keys, Against::Hmac, &bad, &loose).0,
        OK,
        "tampered JWS at {i}"
    );

    // A validation the fuzzer builds: each field either fits the token
    // ("sane") or is anything, invalid values included.
    let sane = !src.one_in(4);
    let lists: [Vec<Vec<u8>>; 3] = core::array::from_fn(|n| {
        if sane {
            return match n {
                0 => iss.iter().cloned().collect(),
                1 => audiences
                    .iter()
                    .take(2)
                    .chain(aud.iter())
                    .cloned()
                    .collect(),
                _ => Vec::new(),
            };
        }
        let count = match src.u8() % 8 {
            0..=3 => 0,
            4 => 9,
            _ => 1 + usize::from(src.u8() % 3),
        };
        (0..count)
            .map(|_| match (n, src.u8() % 3) {
                (0, 0) => iss.clone().unwrap_or_default(),
                (1, 0) => audiences
                    .first()
                    .or(aud.as_ref())
                    .cloned()
                    .unwrap_or_default(),
                (2, _) => src.mostly(b"expb6", 4),
                _ => src.mostly(TEXT, 10),
            })
            .collect()
    });
    let mut views: Vec<Vec<jeton_ffi::jeton_bytes>> = lists
        .iter()
        .map(|l| l.iter().map(|x| bv(x)).collect())
        .collect();
    // A NULL element of a list (refused, whatever the list).
    let null_element = !sane && src.one_in(8);
    if null_element && let Some(l) = views.iter_mut().find(|l| !l.is_empty()) {
        l[0] = ov(None);
    }
    let null_element = null_element && views.iter().any(|l| !l.is_empty());
    let subject = if sane {
        sub.clone().filter(|_| src.bool())
    } else {
        (src.one_in(4)).then(|| src.mostly(TEXT, 8))
    };
    let vtyp = if sane {
        typ.clone().filter(|_| src.bool())
    } else {
        (src.one_in(4)).then(|| src.mostly(b"JWTat+jwapplicon/", 12))
    };
    let mut v = permissive();
    v.now = match src.u8() % 3 {
        0 => src.i64(),
        1 => claims.nbf.saturating_add(i64::from(src.u8())),
        _ => claims.exp.saturating_add(i64::from(src.u8()) - 200),
    };
    v.leeway = if src.bool() {
        u64::from(src.u8())
    } else {
        src.u64()
    };
    v.max_token_len = match src.u8() % 4 {
        _ if sane => 0,
        0 => src.u64() as usize,
        1 => token.len() + usize::from(src.u8()) - 128.min(token.len()),
        _ => 0,
    };
    let list_ptr = |src: &mut Src<'_>, l: &Vec<jeton_ffi::jeton_bytes>| match src.u8() % 16 {
        _ if l.is_empty() => (core::ptr::null(), 0),
        _ if sane => (l.as_ptr(), l.len()),
        0 => (core::ptr::null(), l.len().max(1)),
        1 => (l.as_ptr(), 0),
        _ => (l.as_ptr(), l.len()),
    };
    (v.issuers, v.issuer_count) = list_ptr(src, &views[0]);
    (v.audiences, v.audience_count) = list_ptr(src, &views[1]);
    (v.crit, v.crit_count) = list_ptr(src, &views[2]);
    v.subject = ov(subject.as_deref());
    v.typ = ov(vtyp.as_deref());
    v.required = if sane {
        [0, j::JETON_JWT_CLAIM_NONE, src.u32() & 0x7f][usize::from(src.u8() % 3)]
    } else {
        src.small_u32(256)
    };
    v.flags = if sane {
        let f = src.u32() & 0x1f;
        if f & j::JETON_JWT_ANY_TYP != 0 {
            f & !j::JETON_JWT_REQUIRE_TYP
        } else {
            f
        }
    } else {
        src.small_u32(32)
    };
    v.max_age = if !sane && src.one_in(4) {
        u64::from(src.u16())
    } else {
        0
    };
    let c = verify(src, &keys, Against::Hmac, &token, &v);
    judge(
        &v,
        &c,
        &token,
        &keys,
        &lists,
        subject.as_deref(),
        vtyp.as_deref(),
        null_element,
    );

    // The JWS view under the same validation: refused when the
    // validation is, accepted when the JWT is.
    let (js, _) = jws(src, &keys, Against::Hmac, &token, &v);
    if c.status == OK {
        assert_eq!(js, OK, "a JWT that verifies is a JWS that verifies");
    }

    // The same claims signed with Ed25519: a key set and a JWK Set
    // holding the same public key answer alike.
    // SAFETY: as above.
    let ed_token = call_out(src, Retry::MustFit, |o, c, l| unsafe {
        j::jeton_jwt_encode(&*keys.ed, 0, &header, &claims, o, c, l)
    });
    let ed_token = ed_token.bytes().to_vec();
    let a = verify(src, &keys, Against::Ed, &ed_token, &v);
    let b = verify(src, &keys, Against::Jwks, &ed_token, &v);
    assert_eq!(a.status, b.status, "key set and JWK Set disagree");
    if let (Some((va, ba)), Some((vb, bb))) = (&a.verified, &b.verified) {
        // SAFETY: into the live buffers.
        assert_eq!(unsafe { (view(va.claims), view(va.header)) }, unsafe {
            (view(vb.claims), view(vb.header))
        });
        let _ = (ba, bb);
    }
    let strict = verify(src, &keys, Against::Jwks, &ed_token, &loose);
    assert_eq!(strict.status, OK);
    assert_eq!(jws(src, &keys, Against::Jwks, &ed_token, &loose).0, OK);
    assert_eq!(
        jws(src, &keys, Against::Jwks, &ed_token, &v).0,
        jws(src, &keys, Against::Ed, &ed_token, &v).0
    );
    // An HMAC token is no Ed25519 token, and the other way round.
    assert_ne!(verify(src, &keys, Against::Jwks, &token, &loose).status, OK);
    assert_ne!(
        verify(src, &keys, Against::Hmac, &ed_token, &loose).status,
        OK
    );

    any_token(src, &keys);
}

/// Arbitrary bytes as a token, against every key set.
fn any_token(src: &mut Src<'_>, keys: &Keys) {
    let token = src.mostly(b"eyJhbGciOiJIUzI1NiJ9.-_AZaz09", 300);
    let loose = permissive();
    for against in [Against::Hmac, Against::Jwks] {
        let _ = verify(src, keys, against, &token, &loose);
        let _ = jws(src, keys, against, &token, &loose);
    }
}

/// The C and core kinds of a JSON value.
fn kind(k: Kind) -> u32 {
    match k {
        Kind::Object => 1,
        Kind::Array => 2,
        Kind::String => 3,
        Kind::Number => 4,
        Kind::Bool => 5,
        Kind::Null => 6,
    }
}

fn code<T>(r: Result<T, jeton::Error>) -> Result<T, i32> {
    r.map_err(|e| e.code())
}

/// The getters after a successful verification: what was encoded, and
/// what `jeton::jwt::verify` reads from the same token.
#[allow(clippy::too_many_arguments)]
fn getters(
    src: &mut Src<'_>,
    keys: &Keys,
    token: &[u8],
    verified: &j::jeton_jwt_verified,
    _buf: &[u8],
    claims: &j::jeton_jwt_claims,
    customs: &[Custom],
    strings: [&Option<Vec<u8>>; 3],
    audiences: &[Vec<u8>],
    aud: &Option<Vec<u8>>,
    typ: Option<&[u8]>,
    header: &j::jeton_jwt_header,
) {
    let core_keys = keys.core();
    let mut core_buf = vec![0u8; token.len()];
    let cv = core_jwt::verify(
        token,
        &core_keys,
        &Validation::new(0)
            .allow_expired()
            .allow_not_yet_valid()
            .allow_any_audience()
            .allow_any_typ()
            .required(&[]),
        &mut core_buf,
    )
    .expect("the core crate verifies what the C ABI verified");
    // SAFETY: `verified` was set by a successful verification; its buffer
    // is alive and unchanged.
    let str_getter = |src: &mut Src<'_>, name: &[u8], header: bool| {
        call_out(src, Retry::MustFit, |o, c, l| unsafe {
            if header {
                j::jeton_jwt_verified_header_str(verified, name.as_ptr(), name.len(), o, c, l)
            } else {
                j::jeton_jwt_verified_claim_str(verified, name.as_ptr(), name.len(), o, c, l)
            }
        })
    };
    // Registered strings, as encoded.
    let bits = [
        j::JETON_JWT_ISS_ESCAPED,
        j::JETON_JWT_SUB_ESCAPED,
        j::JETON_JWT_JTI_ESCAPED,
    ];
    for (((name, value), raw), bit) in [&b"iss"[..], b"sub", b"jti"]
        .iter()
        .zip(strings)
        .zip([verified.iss, verified.sub, verified.jti])
        .zip(bits)
    {
        let out = str_getter(src, name, false);
        match value {
            Some(v) => {
                assert_eq!(out.bytes(), &v[..]);
                if verified.flags & bit == 0 {
                    // SAFETY: into the verification's buffer.
                    assert_eq!(unsafe { view(raw) }, &v[..]);
                }
            }
            None => {
                assert_eq!(out.status, S::JETON_ERR_JWT_MISSING_CLAIM as i32);
                assert!(raw.ptr.is_null());
            }
        }
    }
    // Custom claims, as encoded.
    for c in customs {
        if customs
            .iter()
            .find(|d| d.name == c.name)
            .map(|d| d as *const Custom)
            != Some(c as *const Custom)
        {
            continue;
        }
        match c.kind {
            j::JETON_JWT_VALUE_STRING => {
                assert_eq!(str_getter(src, &c.name, false).bytes(), &c.text[..])
            }
            j::JETON_JWT_VALUE_INT | j::JETON_JWT_VALUE_BOOL => {
                let mut i = Slot::<i64>::new();
                let mut b = Slot::<bool>::new();
                // SAFETY: as above.
                let (si, sb) = unsafe {
                    (
                        j::jeton_jwt_verified_claim_i64(
                            verified,
                            c.name.as_ptr(),
                            c.name.len(),
                            i.ptr(),
                        ),
                        j::jeton_jwt_verified_claim_bool(
                            verified,
                            c.name.as_ptr(),
                            c.name.len(),
                            b.ptr(),
                        ),
                    )
                };
                // SAFETY: written on success.
                let (gi, gb) = unsafe { (i.after(si, "claim_i64"), b.after(sb, "claim_bool")) };
                if c.kind == j::JETON_JWT_VALUE_INT {
                    assert_eq!((si, gi), (OK, Some(c.integer)));
                    assert_eq!(sb, S::JETON_ERR_JSON_WRONG_TYPE as i32);
                } else {
                    assert_eq!((sb, gb), (OK, Some(c.integer != 0)));
                    assert_eq!(si, S::JETON_ERR_JSON_WRONG_TYPE as i32);
                }
            }
            _ => {}
        }
    }
    // Audiences, as encoded.
    let expected: Vec<&[u8]> = match aud {
        Some(a) => vec![&a[..]],
        None => audiences.iter().map(|a| &a[..]).collect(),
    };
    for i in 0..=expected.len() {
        // SAFETY: as above.
        let out = call_out(src, Retry::MustFit, |o, c, l| unsafe {
            j::jeton_jwt_verified_audience(verified, i, o, c, l)
        });
        match expected.get(i) {
            Some(a) => assert_eq!(out.bytes(), *a),
            None => assert_eq!(out.status, DONE),
        }
    }
    let core_auds: Vec<Vec<u8>> = cv
        .audiences()
        .map(|a| {
            let mut o = vec![0u8; a.raw().len()];
            let n = a.unescape_into(&mut o).unwrap();
            o.truncate(n);
            o
        })
        .collect();
    assert_eq!(
        core_auds.iter().map(|a| &a[..]).collect::<Vec<_>>(),
        expected
    );
    // Header parameters.
    let alg_name = {
        // SAFETY: static.
        unsafe { core::ffi::CStr::from_ptr(j::jeton_jwt_algorithm_name(keys.alg)) }
            .to_bytes()
            .to_vec()
    };
    assert_eq!(str_getter(src, b"alg", true).bytes(), &alg_name[..]);
    let want_typ: Option<&[u8]> = if header.flags & j::JETON_JWT_NO_TYP != 0 {
        None
    } else {
        Some(typ.unwrap_or(b"JWT"))
    };
    let t = str_getter(src, b"typ", true);
    match want_typ {
        Some(w) => assert_eq!(t.bytes(), w),
        None => assert_eq!(t.status, S::JETON_ERR_JWT_MISSING_CLAIM as i32),
    }
    let _ = claims;

    // Every getter against the core crate, for names the claims use and
    // one the fuzzer picks.
    let mut names: Vec<Vec<u8>> = [
        "iss", "sub", "aud", "exp", "nbf", "iat", "jti", "alg", "typ", "kid",
    ]
    .iter()
    .map(|n| n.as_bytes().to_vec())
    .collect();
    names.extend(customs.iter().map(|c| c.name.clone()));
    names.push(src.mostly(b"abisujt", 3));
    for name in &names {
        let core_claim = cv.claim(&name[..]);
        let mut value = Slot::<jeton_ffi::jeton_bytes>::new();
        let mut k = Slot::<u32>::new();
        // SAFETY: as above.
        let s = unsafe {
            j::jeton_jwt_verified_claim_raw(
                verified,
                name.as_ptr(),
                name.len(),
                value.ptr(),
                k.ptr(),
            )
        };
        named(s);
        // SAFETY: written on success.
        let raw = unsafe { value.after(s, "claim_raw").zip(k.after(s, "claim_raw")) };
        match (core_claim, raw) {
            // SAFETY: into the verification's buffer.
            (Some(cc), Some((r, rk))) => {
                assert_eq!((unsafe { view(r) }, rk), (cc.raw(), kind(cc.kind())))
            }
            (None, None) => assert_eq!(s, S::JETON_ERR_JWT_MISSING_CLAIM as i32),
            (a, b) => panic!(
                "claim_raw {:?}: core {:?}, C {s} {}",
                String::from_utf8_lossy(name),
                a.map(|x| x.raw()),
                b.is_some()
            ),
        }
        let out = str_getter(src, name, false);
        let mut scratch = vec![0u8; token.len()];
        let core_str = code(cv.claim_str(&name[..], &mut scratch)).map(|n| scratch[..n].to_vec());
        assert_eq!(
            out.ok().map(<[u8]>::to_vec).ok_or(out.status),
            core_str,
            "claim_str {:?}",
            String::from_utf8_lossy(name)
        );
        let mut i = 0i64;
        let mut b = false;
        // SAFETY: as above.
        let (si, sb) = unsafe {
            (
                j::jeton_jwt_verified_claim_i64(verified, name.as_ptr(), name.len(), &mut i),
                j::jeton_jwt_verified_claim_bool(verified, name.as_ptr(), name.len(), &mut b),
            )
        };
        assert_eq!(
            if si == OK { Ok(i) } else { Err(si) },
            code(cv.claim_i64(&name[..])),
            "claim_i64"
        );
        assert_eq!(
            if sb == OK { Ok(b) } else { Err(sb) },
            code(cv.claim_bool(&name[..])),
            "claim_bool"
        );
        let h = str_getter(src, name, true);
        let core_h = cv.header().get(&name[..]).map(|hv| {
            let mut o = vec![0u8; hv.raw().len()];
            code(hv.unescape_into(&mut o)).map(|n| o[..n].to_vec())
        });
        let core_h = core_h.unwrap_or(Err(S::JETON_ERR_JWT_MISSING_CLAIM as i32));
        assert_eq!(
            h.ok().map(<[u8]>::to_vec).ok_or(h.status),
            core_h,
            "header_str {:?}",
            String::from_utf8_lossy(name)
        );
    }

    // A changed buffer: the getters still answer with a named status.
    let mut copy = *verified;
    let mut changed = _buf.to_vec();
    for view_ in [
        &mut copy.header,
        &mut copy.claims,
        &mut copy.kid,
        &mut copy.iss,
        &mut copy.sub,
        &mut copy.jti,
        &mut copy.aud,
    ] {
        if !view_.ptr.is_null() {
            // The same offset in `changed`, a pointer derived from
            // `changed` (one offset from `_buf`'s pointer by the distance
            // between the two would still be `_buf`'s, and reading
            // `changed` through it undefined behaviour, which Miri
            // reports).
            let at = view_.ptr.addr().wrapping_sub(_buf.as_ptr().addr());
            view_.ptr = changed.as_ptr().wrapping_add(at);
        }
    }
    if !changed.is_empty() {
        let i = usize::from(src.u16()) % changed.len();
        changed[i] = src.u8();
    }
    for name in &names {
        let mut out = [0u8; 64];
        let mut n = 0usize;
        let mut i = 0i64;
        let mut b = false;
        let mut raw = Slot::<jeton_ffi::jeton_bytes>::new();
        let mut k = 0u32;
        // SAFETY: `copy`'s views point into `changed`, alive; only its
        // contents changed, which the getters must survive.
        unsafe {
            named(j::jeton_jwt_verified_claim_str(
                &copy,
                name.as_ptr(),
                name.len(),
                out.as_mut_ptr(),
                out.len(),
                &mut n,
            ));
            named(j::jeton_jwt_verified_header_str(
                &copy,
                name.as_ptr(),
                name.len(),
                out.as_mut_ptr(),
                out.len(),
                &mut n,
            ));
            named(j::jeton_jwt_verified_claim_i64(
                &copy,
                name.as_ptr(),
                name.len(),
                &mut i,
            ));
            named(j::jeton_jwt_verified_claim_bool(
                &copy,
                name.as_ptr(),
                name.len(),
                &mut b,
            ));
            let s = j::jeton_jwt_verified_claim_raw(
                &copy,
                name.as_ptr(),
                name.len(),
                raw.ptr(),
                &mut k,
            );
            named(s);
            if s == OK {
                assert!(within(raw.get(), &changed));
            }
            named(j::jeton_jwt_verified_audience(
                &copy,
                name.len(),
                out.as_mut_ptr(),
                out.len(),
                &mut n,
            ));
        }
    }
}

/// A validation the fuzzer built: refused when it breaks its rules; when
/// it accepts, the token meets every rule it states; and the core crate,
/// given the same rules, answers the same.
#[allow(clippy::too_many_arguments)]
fn judge(
    v: &j::jeton_jwt_validation,
    c: &Checked,
    token: &[u8],
    keys: &Keys,
    lists: &[Vec<Vec<u8>>; 3],
    subject: Option<&[u8]>,
    typ: Option<&[u8]>,
    null_element: bool,
) {
    let utf8 = |b: &[u8]| core::str::from_utf8(b).is_ok();
    let list_bad = |ptr: *const jeton_ffi::jeton_bytes, count: usize| {
        (ptr.is_null() && count > 0)
            || (!ptr.is_null() && count == 0)
            || count > j::JETON_JWT_MAX_LIST
    };
    let known_flags = 0x1f;
    let both = j::JETON_JWT_ANY_TYP | j::JETON_JWT_REQUIRE_TYP;
    let broken = null_element
        || v.flags & !known_flags != 0
        || v.flags & both == both
        || v.required & !0xff != 0
        || (v.required & j::JETON_JWT_CLAIM_NONE != 0 && v.required != j::JETON_JWT_CLAIM_NONE)
        || list_bad(v.issuers, v.issuer_count)
        || list_bad(v.audiences, v.audience_count)
        || list_bad(v.crit, v.crit_count);
    let all_utf8 = lists.iter().all(|l| l.iter().all(|x| utf8(x)))
        && subject.is_none_or(utf8)
        && typ.is_none_or(utf8);
    if broken {
        assert_ne!(
            c.status, OK,
            "a validation that breaks its rules was applied"
        );
        return;
    }
    if !all_utf8 {
        assert_ne!(
            c.status, OK,
            "an expected value that is not UTF-8 was applied"
        );
        return;
    }
    let max = if v.max_token_len == 0 {
        j::JETON_JWT_DEFAULT_MAX_TOKEN_LEN
    } else {
        v.max_token_len
    };
    if token.len() > max {
        assert_eq!(c.status, S::JETON_ERR_JWT_TOO_LONG as i32);
        return;
    }

    // The same rules in the core crate, as the header describes them.
    fn strs(l: &[Vec<u8>], count: usize) -> Vec<&str> {
        l.iter()
            .take(count)
            .map(|x| core::str::from_utf8(x).unwrap())
            .collect()
    }
    let issuers = strs(&lists[0], v.issuer_count);
    let audiences = strs(&lists[1], v.audience_count);
    let crit = strs(&lists[2], v.crit_count);
    let bits = match v.required {
        0 => j::JETON_JWT_CLAIM_EXP,
        j::JETON_JWT_CLAIM_NONE => 0,
        b => b,
    };
    let all = [
        Claim::Issuer,
        Claim::Subject,
        Claim::Audience,
        Claim::ExpiresAt,
        Claim::NotBefore,
        Claim::IssuedAt,
        Claim::JwtId,
    ];
    let required: Vec<Claim> = all
        .iter()
        .enumerate()
        .filter(|(i, _)| bits & (1 << i) != 0)
        .map(|(_, c)| *c)
        .collect();
    let vtyp = typ
        .map(|t| core::str::from_utf8(t).unwrap())
        .unwrap_or("JWT");
    let mut cvd = Validation::new(v.now)
        .leeway(v.leeway)
        .max_token_len(max)
        .required(&required)
        .typ(Some(vtyp))
        .crit(&crit);
    if !issuers.is_empty() {
        cvd = cvd.issuers(&issuers);
    }
    if let Some(s) = subject {
        cvd = cvd.subject(core::str::from_utf8(s).unwrap());
    }
    if !audiences.is_empty() {
        cvd = cvd.audiences(&audiences);
    }
    let flag = |b: u32| v.flags & b != 0;
    if flag(j::JETON_JWT_IGNORE_AUDIENCE) {
        cvd = cvd.allow_any_audience();
    }
    if flag(j::JETON_JWT_SKIP_EXP_CHECK) {
        cvd = cvd.allow_expired();
    }
    if flag(j::JETON_JWT_SKIP_NBF_CHECK) {
        cvd = cvd.allow_not_yet_valid();
    }
    if flag(j::JETON_JWT_ANY_TYP) {
        cvd = cvd.allow_any_typ();
    }
    if flag(j::JETON_JWT_REQUIRE_TYP) {
        cvd = cvd.require_typ(vtyp);
    }
    if v.max_age != 0 {
        cvd = cvd.max_age(v.max_age);
    }
    let core_keys = keys.core();
    let mut core_buf = vec![0u8; token.len()];
    let core = core_jwt::verify(token, &core_keys, &cvd, &mut core_buf);
    assert_eq!(
        c.status,
        core.as_ref()
            .map(|_| ())
            .map_err(|e| e.code())
            .err()
            .unwrap_or(OK),
        "C and core disagree"
    );

    let Some((verified, _buf)) = &c.verified else {
        return;
    };
    let cv = core.unwrap();
    // The rules it states, met.
    let plain = |s: Option<jeton::json::JsonStr<'_>>| {
        s.map(|s| {
            let mut o = vec![0u8; s.raw().len()];
            let n = s.unescape_into(&mut o).unwrap();
            o.truncate(n);
            o
        })
    };
    if !issuers.is_empty() {
        let iss = plain(cv.issuer()).expect("an issuer was required");
        assert!(issuers.iter().any(|i| i.as_bytes() == &iss[..]));
    }
    if let Some(s) = subject {
        assert_eq!(plain(cv.subject()).as_deref(), Some(s));
    }
    let token_auds: Vec<Vec<u8>> = cv.audiences().map(|a| plain(Some(a)).unwrap()).collect();
    if !audiences.is_empty() {
        assert!(
            token_auds
                .iter()
                .any(|t| audiences.iter().any(|a| a.as_bytes() == &t[..])),
            "no audience matched"
        );
    } else if cv.audience().is_some() {
        assert!(
            flag(j::JETON_JWT_IGNORE_AUDIENCE),
            "a token with aud accepted though no audience was named"
        );
    }
    for (i, present) in [
        cv.issuer().is_some(),
        cv.subject().is_some(),
        cv.audience().is_some(),
        cv.expires_at().is_some(),
        cv.not_before().is_some(),
        cv.issued_at().is_some(),
        cv.jwt_id().is_some(),
    ]
    .into_iter()
    .enumerate()
    {
        if bits & (1 << i) != 0 {
            assert!(present, "required claim {i} missing");
        }
    }
    let leeway = i64::try_from(v.leeway).unwrap_or(i64::MAX);
    if !flag(j::JETON_JWT_SKIP_EXP_CHECK) && verified.flags & j::JETON_JWT_HAS_EXP != 0 {
        assert!(
            v.now.saturating_sub(leeway) <= verified.exp,
            "expired token accepted"
        );
    }
    if !flag(j::JETON_JWT_SKIP_NBF_CHECK) && verified.flags & j::JETON_JWT_HAS_NBF != 0 {
        assert!(
            verified.nbf <= v.now.saturating_add(leeway),
            "token accepted before nbf"
        );
    }
    if v.max_age != 0 {
        assert!(
            verified.flags & j::JETON_JWT_HAS_IAT != 0,
            "max_age without iat"
        );
    }
    if flag(j::JETON_JWT_REQUIRE_TYP) {
        assert!(cv.typ().is_some(), "REQUIRE_TYP without typ");
    }
    if !flag(j::JETON_JWT_ANY_TYP)
        && let Some(t) = plain(cv.typ())
    {
        let norm = |x: &[u8]| {
            let x = x.to_ascii_lowercase();
            x.strip_prefix(b"application/")
                .map(<[u8]>::to_vec)
                .unwrap_or(x)
        };
        assert_eq!(norm(&t), norm(vtyp.as_bytes()), "typ");
    }
}
