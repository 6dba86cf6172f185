//! Endpoint URLs with parameters appended: the authorization URL a
//! browser is sent to, and a pushed authorization request's redirect.
//!
//! RFC 6749 section 3.1: the endpoint "MAY include an
//! `application/x-www-form-urlencoded` formatted query component, which
//! MUST be retained when adding additional query parameters", and it
//! "MUST NOT include a fragment component". So the endpoint's own query is
//! kept byte for byte (not re-encoded), the parameters follow it after a
//! `&` (after nothing when it ends in `?` or `&`), and an endpoint with a
//! `#` is refused.
//!
//! ```
//! use jeton::oauth::url;
//!
//! let mut buf = [0u8; 96];
//! let mut w = url::with_query(b"https://as.example/authorize?tenant=a%20b", &mut buf)?;
//! w.pair(b"client_id", b"s6BhdRkqt3");
//! let n = w.finish()?;
//! assert_eq!(&buf[..n], b"https://as.example/authorize?tenant=a%20b&client_id=s6BhdRkqt3");
//!
//! assert_eq!(
//!     url::with_query(b"https://as.example/authorize#x", &mut buf).err(),
//!     Some(jeton::Error::OauthEndpointInvalid)
//! );
//! # Ok::<(), jeton::Error>(())
//! ```

use super::form::FormWriter;
use crate::Error;
use crate::out::Out;

/// Checks `endpoint` is an absolute URL this module can extend: a scheme
/// (`ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":"`, RFC 3986 section
/// 3.1), then printable ASCII without `#`.
///
/// # Errors
///
/// [`Error::OauthEndpointInvalid`].
pub fn check_endpoint(endpoint: &[u8]) -> Result<(), Error> {
    let scheme_len = endpoint
        .iter()
        .position(|&b| b == b':')
        .ok_or(Error::OauthEndpointInvalid)?;
    let (scheme, _) = endpoint.split_at(scheme_len);
    let scheme_ok = scheme.first().is_some_and(u8::is_ascii_alphabetic)
        && scheme
            .iter()
            .all(|&b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'));
    let bytes_ok = endpoint.iter().all(|&b| b.is_ascii_graphic() && b != b'#');
    if scheme_ok && bytes_ok {
        Ok(())
    } else {
        Err(Error::OauthEndpointInvalid)
    }
}

/// A [`FormWriter`] that appends parameters to `endpoint` in `out`: after
/// a `?` when the endpoint has no query, after `&` when it has one.
///
/// # Errors
///
/// [`Error::OauthEndpointInvalid`] (see [`check_endpoint`]), before
/// anything is written. A buffer too small is reported by
/// [`FormWriter::finish`].
pub fn with_query<'b>(endpoint: &[u8], out: &'b mut [u8]) -> Result<FormWriter<'b>, Error> {
    check_endpoint(endpoint)?;
    let mut w = Out::new(out);
    w.put(endpoint);
    let separate = match endpoint.iter().position(|&b| b == b'?') {
        None => {
            w.push(b'?');
            false
        }
        Some(_) => !matches!(endpoint.last(), Some(b'?' | b'&')),
    };
    Ok(FormWriter::continuing(w, separate))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build(endpoint: &[u8]) -> Result<([u8; 128], usize), Error> {
        let mut buf = [0u8; 128];
        let mut w = with_query(endpoint, &mut buf)?;
        w.pair(b"a", b"1").pair(b"b", b"x y");
        let n = w.finish()?;
        Ok((buf, n))
    }

    #[test]
    fn appends_after_what_is_there() {
        for (endpoint, want) in [
            (
                &b"https://as/authorize"[..],
                &b"https://as/authorize?a=1&b=x+y"[..],
            ),
            (b"https://as/authorize?", b"https://as/authorize?a=1&b=x+y"),
            (b"https://as/a?x=%7E", b"https://as/a?x=%7E&a=1&b=x+y"),
            (b"https://as/a?x=1&", b"https://as/a?x=1&a=1&b=x+y"),
            (
                b"http://127.0.0.1:8080/a",
                b"http://127.0.0.1:8080/a?a=1&b=x+y",
            ),
        ] {
            let (buf, n) = build(endpoint).unwrap();
            assert_eq!(&buf[..n], want);
        }
        for bad in [
            &b"https://as/a#"[..],
            b"https://as/a?x#y",
            b"/authorize",
            b"https://as/a b",
            b"1http://as",
            b":x",
            b"https://as/\xC3\xA9",
            b"",
        ] {
            assert_eq!(
                build(bad).err(),
                Some(Error::OauthEndpointInvalid),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn too_small_leaves_nothing() {
        let mut buf = [0u8; 10];
        let mut w = with_query(b"https://as/authorize", &mut buf).unwrap();
        w.pair(b"a", b"1");
        assert_eq!(w.finish(), Err(Error::BufferTooSmall { needed: 24 }));
        assert_eq!(buf, [0u8; 10]);
    }
}
