//! Signed cookies against the real npm packages: keygrip (cookie-session,
//! Koa) and cookie-signature (express-session), signatures and whole
//! `Set-Cookie` headers byte for byte, and request verdicts as the real
//! servers gave them.

use jeton::cookie::{AttributeStyle, CookieHeader};
use jeton::mac::{Algorithm, HmacKey, KeyRing};
use jeton::signed::{cookie_signature, keygrip};

use super::per_algorithm;
use crate::check;
use crate::harness::{Check, Checker, Escaped};
use crate::shared::cookie::rebuild;
use crate::vectors::{
    Bytes, COOKIE_SESSION_REQUESTS, COOKIE_SESSION_RESPONSES, COOKIE_SIGNATURE_SIGN,
    COOKIE_SIGNATURE_UNSIGN, EXPRESS_SESSION_REQUESTS, EXPRESS_SESSION_RESPONSES, KEYGRIP,
};

pub static CHECKS: &[Check] = &[
    check!(
        "keygrip 1.1.0: sign and index() (npm-signed.json)",
        keygrip_vectors,
        KEYGRIP
    ),
    check!(
        "cookie-signature 1.2.2: sign and unsign (npm-signed.json)",
        cookie_signature_vectors,
        COOKIE_SIGNATURE_SIGN,
        COOKIE_SIGNATURE_UNSIGN
    ),
    check!(
        "cookie-session 2.1.1: Set-Cookie and .sig byte for byte (npm-signed.json)",
        cookie_session_responses,
        COOKIE_SESSION_RESPONSES
    ),
    check!(
        "cookie-session 2.1.1: requests judged as the server did (npm-signed.json)",
        cookie_session_requests,
        COOKIE_SESSION_REQUESTS
    ),
    check!(
        "express-session 1.19.0: Set-Cookie byte for byte (npm-signed.json)",
        express_session_responses,
        EXPRESS_SESSION_RESPONSES
    ),
    check!(
        "express-session 1.19.0: requests judged as the server did (npm-signed.json)",
        express_session_requests,
        EXPRESS_SESSION_REQUESTS
    ),
];

/// Most keys a vector's ring holds.
const RING: usize = 4;

/// A key ring of `secrets`, in order (the first signs).
fn ring(c: &mut Checker<'_>, algorithm: Algorithm, secrets: &[Bytes]) -> KeyRing<RING> {
    let mut ring = KeyRing::new();
    for secret in secrets {
        let key = c.measure(per_algorithm!(algorithm, "HmacKey::new"), || {
            HmacKey::new(algorithm, secret)
        });
        let pushed = ring.push(key);
        c.expect(pushed.is_ok(), format_args!("more than {RING} keys"));
    }
    ring
}

fn keygrip_vectors(c: &mut Checker<'_>) {
    let mut sig = [0u8; keygrip::MAX_SIGNATURE_LEN];
    c.each(KEYGRIP, |c, i, v| {
        let ring = ring(c, v.algorithm, v.keys);
        let verdict = c.measure(per_algorithm!(v.algorithm, "keygrip::verify"), || {
            keygrip::verify(&ring, v.name, v.value, v.digest)
        });
        c.expect(
            verdict.ok() == v.index,
            format_args!(
                "#{i} {}: index {:?}, keygrip {:?}",
                Escaped(v.digest),
                verdict.ok(),
                v.index
            ),
        );
        if v.index == Some(0) {
            let key = &ring.keys()[0];
            let signed = c.measure(per_algorithm!(v.algorithm, "keygrip::sign"), || {
                keygrip::sign(key, v.name, v.value, &mut sig)
            });
            c.expect_bytes(
                &sig[..signed.unwrap_or(0)],
                v.digest,
                format_args!("#{i} signature"),
            );
        }
    });
}

fn cookie_signature_vectors(c: &mut Checker<'_>) {
    let mut out = [0u8; 512];
    c.each(COOKIE_SIGNATURE_SIGN, |c, i, v| {
        let key = HmacKey::new(Algorithm::Sha256, v.secret);
        let n = c.measure("cookie_signature::sign", || {
            cookie_signature::sign(&key, v.value, &mut out)
        });
        c.expect_bytes(&out[..n.unwrap_or(0)], v.signed, format_args!("sign #{i}"));
    });
    c.each(COOKIE_SIGNATURE_UNSIGN, |c, i, v| {
        let ring = ring(c, Algorithm::Sha256, &[v.secret]);
        let got = c.measure("cookie_signature::unsign", || {
            cookie_signature::unsign(&ring, v.input)
        });
        c.expect(
            got.ok().map(|verified| verified.value) == v.result,
            format_args!("unsign #{i} {}", Escaped(v.input)),
        );
    });
}

fn cookie_session_responses(c: &mut Checker<'_>) {
    let (mut value, mut main, mut sig) = ([0u8; 512], [0u8; 512], [0u8; 256]);
    c.each(COOKIE_SESSION_RESPONSES, |c, i, v| {
        let ring = ring(c, v.algorithm, v.keys);
        let len = match v.json {
            Some(json) => c
                .measure("keygrip::encode_session_value", || {
                    keygrip::encode_session_value(json, &mut value)
                })
                .unwrap_or(0),
            None => 0, // the removal of the session: an empty value
        };
        let Some(cookie) = rebuild(v.set_cookie[0], &value[..len], AttributeStyle::NpmCookies)
        else {
            c.expect(false, format_args!("#{i} {}: header not parsed", v.label));
            return;
        };
        c.expect_bytes(
            cookie.name(),
            v.name,
            format_args!("#{i} {}: name", v.label),
        );
        let written = c.measure("keygrip::write_set_cookies", || {
            keygrip::write_set_cookies(&ring, &cookie, &mut main, &mut sig)
        });
        let (m, s) = written.unwrap_or((0, 0));
        c.expect_bytes(
            &main[..m],
            v.set_cookie[0],
            format_args!("#{i} {}", v.label),
        );
        c.expect_bytes(
            &sig[..s],
            v.set_cookie[1],
            format_args!("#{i} {}: .sig", v.label),
        );
    });
}

fn cookie_session_requests(c: &mut Checker<'_>) {
    let (mut json, mut sig) = ([0u8; 512], [0u8; keygrip::MAX_SIGNATURE_LEN]);
    c.each(COOKIE_SESSION_REQUESTS, |c, i, v| {
        let ring = ring(c, v.algorithm, v.keys);
        let verified = c.measure("keygrip::verify_cookie", || {
            keygrip::verify_cookie(&ring, v.cookie_header, v.name)
        });
        // cookie-session also needs the value to decode.
        let session = verified.ok().and_then(|verified| {
            let n = c.measure("keygrip::decode_session_value", || {
                keygrip::decode_session_value(verified.value, &mut json)
            });
            Some((verified, n.ok()?))
        });
        match (session, v.session_json) {
            (Some((verified, n)), Some(want)) => {
                c.expect_bytes(&json[..n], want, format_args!("#{i} {}: session", v.label));
                // The server re-signed when an older key matched.
                c.expect(
                    (verified.key_index > 0) == v.resigned.is_some(),
                    format_args!("#{i} re-signing"),
                );
                if let Some(resigned) = v.resigned {
                    let n = keygrip::sign(&ring.keys()[0], v.name, verified.value, &mut sig)
                        .unwrap_or(0);
                    // `name.sig=<signature>; ...`
                    let ok = resigned
                        .strip_prefix(v.name)
                        .and_then(|r| r.strip_prefix(keygrip::SIG_SUFFIX))
                        .and_then(|r| r.strip_prefix(b"="))
                        .is_some_and(|r| r.starts_with(&sig[..n]) && r.get(n) == Some(&b';'));
                    c.expect(ok, format_args!("#{i} re-signed {}", Escaped(resigned)));
                }
            }
            (None, None) => {
                c.expect(true, format_args!("#{i} {}: refused", v.label));
            }
            (got, _) => {
                c.expect(
                    false,
                    format_args!(
                        "#{i} {}: {}: jeton accepted: {}",
                        v.label,
                        Escaped(v.cookie_header),
                        got.is_some()
                    ),
                );
            }
        }
    });
}

fn express_session_responses(c: &mut Checker<'_>) {
    let (mut value, mut out) = ([0u8; 256], [0u8; 512]);
    c.each(EXPRESS_SESSION_RESPONSES, |c, i, v| {
        let ring = ring(c, Algorithm::Sha256, v.secrets);
        let key = &ring.keys()[0];
        let n = c.measure("cookie_signature::express_cookie_value", || {
            cookie_signature::express_cookie_value(key, v.sid, &mut value)
        });
        let Some(cookie) = rebuild(
            v.set_cookie,
            &value[..n.unwrap_or(0)],
            AttributeStyle::NpmCookie,
        ) else {
            c.expect(false, format_args!("#{i} {}: header not parsed", v.label));
            return;
        };
        let m = c.measure("SetCookie::write", || cookie.write(&mut out));
        c.expect_bytes(
            &out[..m.unwrap_or(0)],
            v.set_cookie,
            format_args!("#{i} {}", v.label),
        );
    });
}

fn express_session_requests(c: &mut Checker<'_>) {
    let mut scratch = [0u8; 256];
    c.each(EXPRESS_SESSION_REQUESTS, |c, i, v| {
        let ring = ring(c, Algorithm::Sha256, v.secrets);
        let Ok(cookies) = CookieHeader::parse(v.cookie_header) else {
            c.expect(false, format_args!("#{i} {}: header refused", v.label));
            return;
        };
        let got = c.measure("cookie_signature::express_unsign", || {
            cookie_signature::express_unsign(&ring, &cookies, v.name, &mut scratch)
        });
        c.expect(
            got.ok().map(|verified| verified.value) == v.sid,
            format_args!("#{i} {}: {}", v.label, Escaped(v.cookie_header)),
        );
    });
}
