//! The JOSE header of a token: the parameters verification reads.

use core::num::NonZeroUsize;

use crate::Error;
use crate::json::{self, JsonStr, Kind, Limits, MemberIndex, Value};

/// Where a value lies in the bytes it was read from, so that what one
/// pass found can be handed out once those bytes are frozen.
///
/// A value is never empty, so its end is never 0: that leaves `Option<Span>`
/// the size of a span (8 bytes instead of 12 on a 32-bit microcontroller,
/// where the verified view and the verifying pass hold eight of them).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Span {
    start: usize,
    end: NonZeroUsize,
}

impl Span {
    /// A span that slices to nothing in any bytes: what an empty span
    /// (which no value has) becomes.
    const NOWHERE: Span = Span {
        start: usize::MAX,
        end: NonZeroUsize::MIN,
    };

    /// The span `start..end`.
    const fn at(start: usize, end: usize) -> Span {
        match NonZeroUsize::new(end) {
            Some(end) => Span { start, end },
            None => Span::NOWHERE,
        }
    }

    /// The span of `part`, a slice of `whole`.
    pub(crate) fn of(whole: &[u8], part: &[u8]) -> Span {
        let start = (part.as_ptr() as usize).wrapping_sub(whole.as_ptr() as usize);
        Span::at(start, start.wrapping_add(part.len()))
    }

    /// This span of `whole` (`whole` must be the bytes the span was taken
    /// from; anything else reads as nothing).
    pub(crate) fn slice<'a>(&self, whole: &'a [u8]) -> Option<&'a [u8]> {
        whole.get(self.start..self.end.get())
    }

    /// The validated value at this span of `whole`.
    pub(crate) fn value<'a>(&self, whole: &'a [u8]) -> Option<Value<'a>> {
        self.slice(whole).map(Value::from_validated)
    }

    /// The string at this span of `whole`.
    pub(crate) fn str<'a>(&self, whole: &'a [u8]) -> Option<JsonStr<'a>> {
        self.value(whole)?.as_str()
    }
}

/// The header parameters verification reads, as spans of the header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct HeaderParams {
    pub(crate) alg: Option<Span>,
    pub(crate) typ: Option<Span>,
    pub(crate) kid: Option<Span>,
    /// `crit`, a non-empty array of strings.
    pub(crate) crit: Option<Span>,
    /// `alg`, or another parameter read, has the wrong type; reported
    /// once the whole header is known to be JSON, so a syntax error later
    /// in it wins.
    alg_wrong_type: bool,
    other_wrong_type: bool,
}

impl HeaderParams {
    const NONE: HeaderParams = HeaderParams {
        alg: None,
        typ: None,
        kid: None,
        crit: None,
        alg_wrong_type: false,
        other_wrong_type: false,
    };
}

impl Default for HeaderParams {
    fn default() -> Self {
        HeaderParams::NONE
    }
}

/// The headers nearly every token carries, `{"alg":"…","typ":"JWT"}` in
/// the order jeton, jose and PyJWT write them and in the order
/// jsonwebtoken writes them, read ahead of time (a test checks each
/// against a reading). HS384 and HS512 only where the build verifies
/// them (feature `sha512`): elsewhere no key takes such a token, and the
/// reading that refuses it needs no shortcut (it gives the same answer),
/// so firmware without SHA-512 keeps the flash.
const KNOWN: &[json::Known<HeaderParams>] = &[
    usual(br#"{"alg":"HS256","typ":"JWT"}"#),
    #[cfg(feature = "sha512")]
    usual(br#"{"alg":"HS384","typ":"JWT"}"#),
    #[cfg(feature = "sha512")]
    usual(br#"{"alg":"HS512","typ":"JWT"}"#),
    typ_first(br#"{"typ":"JWT","alg":"HS256"}"#),
    #[cfg(feature = "sha512")]
    typ_first(br#"{"typ":"JWT","alg":"HS384"}"#),
    #[cfg(feature = "sha512")]
    typ_first(br#"{"typ":"JWT","alg":"HS512"}"#),
];

/// `{"alg":"XXXXX","typ":"JWT"}`: `alg` at 7..14, `typ` at 21..26.
const fn usual(bytes: &'static [u8; 27]) -> json::Known<HeaderParams> {
    json::Known {
        bytes,
        members: &[[2, 5, 7, 14], [16, 19, 21, 26]],
        state: HeaderParams {
            alg: Some(Span::at(7, 14)),
            typ: Some(Span::at(21, 26)),
            ..HeaderParams::NONE
        },
    }
}

/// `{"typ":"JWT","alg":"XXXXX"}`: `typ` at 7..12, `alg` at 19..26.
const fn typ_first(bytes: &'static [u8; 27]) -> json::Known<HeaderParams> {
    json::Known {
        bytes,
        members: &[[2, 5, 7, 12], [14, 17, 19, 26]],
        state: HeaderParams {
            alg: Some(Span::at(19, 26)),
            typ: Some(Span::at(7, 12)),
            ..HeaderParams::NONE
        },
    }
}

/// Bounds of a header: small, flat in practice.
const HEADER_LIMITS: Limits = Limits {
    max_depth: 8,
    max_members: 32,
    unique_members: true,
};

/// Reads a decoded header: a JSON object without duplicate members whose
/// `alg`, `typ` and `kid` are strings and whose `crit`, when present, is a
/// non-empty array of strings (RFC 7515 section 4.1.11). Returns the object
/// (without surrounding whitespace) and its parameters as spans of it.
///
/// # Errors
///
/// [`Error::JwtHeaderDuplicate`], [`Error::JwtHeaderInvalid`] (not a JSON
/// object), [`Error::JwtHeaderParameter`] (a parameter of the wrong type),
/// [`Error::JwtAlgMissing`].
pub(crate) fn read_header(header: &[u8]) -> Result<(&[u8], HeaderParams), Error> {
    // Spans are taken against the object itself, the header without the
    // whitespace around it: they need no shifting afterwards (code that
    // cost flash on a microcontroller).
    let header = json::trim_ws(header);
    let mut index = MemberIndex::new();
    let (object, params) = json::read_object(
        header,
        &HEADER_LIMITS,
        &mut index,
        KNOWN,
        |params: &mut HeaderParams, name, escaped, value| {
            let is = |param: &[u8]| json::names_equal(name, escaped, param, false);
            let string = value.kind() == Kind::String;
            let span = Some(Span::of(header, value.raw()));
            if is(b"alg") {
                params.alg = span;
                params.alg_wrong_type |= !string;
            } else if is(b"typ") {
                params.typ = span;
                params.other_wrong_type |= !string;
            } else if is(b"kid") {
                params.kid = span;
                params.other_wrong_type |= !string;
            } else if is(b"crit") {
                params.crit = span;
                params.other_wrong_type |= value.kind() != Kind::Array
                    || value.elements().next().is_none()
                    || value.elements().any(|e| e.kind() != Kind::String);
            }
            Ok(())
        },
    )
    .map_err(|e| match e {
        Error::JsonDuplicateMember => Error::JwtHeaderDuplicate,
        _ => Error::JwtHeaderInvalid,
    })?;
    // In the order RFC 7515 lists them: `alg` first.
    if params.alg_wrong_type {
        return Err(Error::JwtHeaderParameter);
    }
    if params.alg.is_none() {
        return Err(Error::JwtAlgMissing);
    }
    if params.other_wrong_type {
        return Err(Error::JwtHeaderParameter);
    }
    // Whitespace trimmed, the object read is all of `header`.
    debug_assert_eq!(object.raw(), header);
    Ok((header, params))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_parameters_it_needs() {
        let h = br#"{"alg":"HS256","typ":"JWT","kid":"k\u0031","x":[1]}"#;
        let (object, p) = read_header(h).unwrap();
        assert_eq!(object, h);
        assert_eq!(
            p.alg.and_then(|s| s.str(h)).unwrap().as_plain(),
            Some("HS256")
        );
        assert!(p.kid.and_then(|s| s.str(h)).unwrap().eq_bytes(b"k1"));
        assert_eq!(
            p.typ.and_then(|s| s.str(h)).unwrap().as_plain(),
            Some("JWT")
        );
        assert!(p.crit.is_none());
        let err = |h: &[u8]| read_header(h).err();
        assert_eq!(err(br#"{"typ":"JWT"}"#), Some(Error::JwtAlgMissing));
        assert_eq!(err(br#"{"alg":1}"#), Some(Error::JwtHeaderParameter));
        assert_eq!(err(br#"{"typ":1}"#), Some(Error::JwtAlgMissing));
        assert_eq!(
            err(br#"{"alg":"HS256","crit":[]}"#),
            Some(Error::JwtHeaderParameter)
        );
        assert_eq!(err(br#"{"alg":1,"x":}"#), Some(Error::JwtHeaderInvalid));
        assert_eq!(
            err(br#"{"alg":"HS256","alg":"HS256"}"#),
            Some(Error::JwtHeaderDuplicate)
        );
        assert_eq!(err(br#"["alg"]"#), Some(Error::JwtHeaderInvalid));
        assert_eq!(err(br#"{"alg":"HS256""#), Some(Error::JwtHeaderInvalid));
    }

    /// The headers known ahead of time read as reading them gives.
    #[test]
    fn known_headers_are_what_reading_gives() {
        for known in KNOWN {
            let mut read = MemberIndex::new();
            let (object, params) = json::read_object(
                known.bytes,
                &HEADER_LIMITS,
                &mut read,
                &[],
                |params: &mut HeaderParams, name, _, value| {
                    let span = Some(Span::of(known.bytes, value.raw()));
                    match name {
                        b"alg" => params.alg = span,
                        b"typ" => params.typ = span,
                        _ => {}
                    }
                    Ok(())
                },
            )
            .unwrap();
            assert_eq!(object.raw(), known.bytes);
            assert_eq!(
                params,
                known.state,
                "{:?}",
                core::str::from_utf8(known.bytes)
            );
            let mut answered = MemberIndex::new();
            json::read_object(
                known.bytes,
                &HEADER_LIMITS,
                &mut answered,
                KNOWN,
                |_, _, _, _| Err(Error::JwtHeaderInvalid),
            )
            .unwrap();
            assert_eq!(answered, read);
            let (_, from_known) = read_header(known.bytes).unwrap();
            assert_eq!(from_known, known.state);
        }
    }

    /// The flat quick pass and the validator read whitespace-free and
    /// spaced headers alike.
    #[test]
    fn spaced_headers_read_as_flat_ones() {
        let flat = br#"{"alg":"HS256","typ":"JWT"}"#;
        let spaced = b" {\r\n \"alg\" : \"HS256\",\t\"typ\":\"JWT\" } ";
        for h in [&flat[..], &spaced[..]] {
            let (object, p) = read_header(h).unwrap();
            assert!(object.starts_with(b"{") && object.ends_with(b"}"));
            let param = |s: Option<Span>| s.and_then(|s| s.str(object)).unwrap().as_plain();
            assert_eq!(param(p.alg), Some("HS256"));
            assert_eq!(param(p.typ), Some("JWT"));
        }
    }
}
