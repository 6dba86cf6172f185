//! Verifying a JWT and then checking more of it, with the guarantee
//! [`jwt::verify`] gives: on any error the buffer holds nothing of the
//! token.

use crate::Error;
use crate::json::JsonStr;
use crate::jwt::{self, KeySet, Validation, Verified};
use subtle::ConstantTimeEq;

/// [`jwt::verify`], then `check` on the verified token; on an error of
/// either, `buf` is wiped as far as the token's length reaches.
pub(crate) fn verify_then<'b, const N: usize>(
    token: &[u8],
    keys: &KeySet<N>,
    validation: &Validation<'_>,
    buf: &'b mut [u8],
    check: impl FnOnce(&Verified<'_>) -> Result<(), Error>,
) -> Result<Verified<'b>, Error> {
    let base = buf.as_ptr() as usize;
    // The check runs on a shorter borrow; the view is attached again to
    // the buffer's full lifetime once it passed.
    // No early return: the caller may have decoded into `buf` before
    // (a DPoP proof's header, to find its key), and `jwt::verify` wipes
    // only what it wrote itself.
    let detached = jwt::verify(token, keys, validation, &mut *buf)
        .and_then(|verified| check(&verified).map(|()| verified.detach(base)));
    match detached {
        Ok(detached) => {
            let buf: &'b [u8] = buf;
            detached.attach(buf).ok_or(Error::JwtPayloadInvalid)
        }
        Err(e) => {
            // What verification decoded takes at most the token's length.
            let used = token.len().min(buf.len());
            if let Some(decoded) = buf.get_mut(..used) {
                decoded.fill(0);
            }
            Err(e)
        }
    }
}

/// Whether the JSON string `actual` is `expected` once unescaped, in time
/// that depends on the lengths only (for values such as a `nonce`, which
/// ties a token to one request).
pub(crate) fn ct_eq(actual: &JsonStr<'_>, expected: &[u8]) -> bool {
    let mut same = subtle::Choice::from(1u8);
    let mut len = 0usize;
    let mut expected_bytes = expected.iter();
    for b in actual.bytes() {
        len = len.saturating_add(1);
        // Past the end of `expected`, compare against a byte that cannot
        // make the lengths agree anyway.
        let e = expected_bytes.next().copied().unwrap_or(0);
        same &= b.ct_eq(&e);
    }
    bool::from(same) && len == expected.len()
}

/// A claim that must be a string, if present.
///
/// # Errors
///
/// [`Error::JwtClaimType`] when it is present and not a string.
pub(crate) fn string_claim<'b>(
    token: &Verified<'b>,
    name: &str,
) -> Result<Option<JsonStr<'b>>, Error> {
    match token.claim(name) {
        None => Ok(None),
        Some(v) => v.as_str().map(Some).ok_or(Error::JwtClaimType),
    }
}

/// A claim that must be a NumericDate (rounded up to whole seconds), if
/// present.
///
/// # Errors
///
/// [`Error::JwtClaimType`] when it is not a number,
/// [`Error::JwtClaimRange`] when it does not fit.
pub(crate) fn date_claim(token: &Verified<'_>, name: &str) -> Result<Option<i64>, Error> {
    match token.claim(name) {
        None => Ok(None),
        Some(v) if v.kind() == crate::json::Kind::Number => crate::json::numeric_date(v.raw())
            .map(Some)
            .map_err(|_| Error::JwtClaimRange),
        Some(_) => Err(Error::JwtClaimType),
    }
}
