//! What a successful verification hands out: views of the decoded token
//! that keep what the verifying pass found, so reading them parses
//! nothing again.

use super::JwtAlgorithm;
use super::claims::Registered;
use super::header::HeaderParams;
use crate::Error;
use crate::json::{JsonStr, Kind, MemberIndex, Value};

/// A token whose signature and claims checked out: a view of its header
/// and claims, decoded into the caller's buffer.
///
/// The pass that verified the token noted where each claim lies (up to
/// [`INDEX_CAPACITY`](crate::json::INDEX_CAPACITY) of them), and the
/// registered claims and header parameters it read, so the getters below
/// compare names and never parse.
///
/// ```
/// use jeton::jwt::{self, Claims, JwtKey, KeySet, Validation};
/// let key = JwtKey::hs256(b"a secret of at least 32 bytes....")?;
/// let claims = Claims::new().subject("user-42").expires_at(2_000).integer("level", 3);
/// let mut token = [0u8; 256];
/// let n = jwt::encode(&key, &claims, &mut token)?;
///
/// let keys: KeySet<1> = KeySet::with_key(key)?;
/// let mut buf = [0u8; 256];
/// let verified = jwt::verify(&token[..n], &keys, &Validation::new(1_000), &mut buf)?;
/// assert_eq!(verified.subject().and_then(|s| s.as_plain()), Some("user-42"));
/// assert_eq!(verified.expires_at(), Some(2_000));
/// assert_eq!(verified.claim_i64("level"), Ok(3));
/// assert_eq!(verified.typ().and_then(|t| t.as_plain()), Some("JWT"));
/// # Ok::<(), jeton::Error>(())
/// ```
///
/// The examples of the methods read this token, signed with HS256 and the
/// secret `a secret of at least 32 bytes....` by an independent
/// implementation (Python's `hmac`), verified at 1 700 000 000 for the
/// audience `api`:
///
/// ```text
/// {"alg":"HS256","typ":"JWT","kid":"2024-06"}
/// {"iss":"https://auth.example.com","sub":"user-42","aud":["api","billing"],
///  "exp":2000000000.5,"nbf":1700000000,"iat":1.69999999925e9,"jti":"a1b2",
///  "name":"J\u00e9r\u00f4me","level":3,"admin":true}
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Verified<'b> {
    header: &'b [u8],
    claims: &'b [u8],
    params: HeaderParams,
    registered: Registered,
    index: MemberIndex,
    algorithm: JwtAlgorithm,
    key_index: usize,
}

impl<'b> Verified<'b> {
    /// The view of a verified token: `header` and `claims` are the decoded
    /// JSON objects; spans and index are relative to them.
    pub(crate) fn new(
        (header, params): (&'b [u8], HeaderParams),
        (claims, registered): (&'b [u8], Registered),
        index: MemberIndex,
        algorithm: JwtAlgorithm,
        key_index: usize,
    ) -> Self {
        Verified {
            header,
            claims,
            params,
            registered,
            index,
            algorithm,
            key_index,
        }
    }

    /// The view, detached from the buffer it lies in (whose first byte is
    /// at address `base`), so that the caller may check more and either
    /// wipe the buffer or [attach](Detached::attach) the view again with
    /// the buffer's full lifetime.
    pub(crate) fn detach(&self, base: usize) -> Detached {
        let span = |part: &[u8]| {
            let start = (part.as_ptr() as usize).wrapping_sub(base);
            (start, start.wrapping_add(part.len()))
        };
        Detached {
            header: span(self.header),
            claims: span(self.claims),
            params: self.params,
            registered: self.registered,
            index: self.index,
            algorithm: self.algorithm,
            key_index: self.key_index,
        }
    }

    /// The algorithm the token was verified with: the key's, which the
    /// token's `alg` had to fit.
    ///
    /// ```
    /// # use jeton::{Error, jwt::{self, JwtKey, KeySet, Validation}};
    /// # let token = b"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6IjIwMjQtMDYifQ.eyJpc3MiOiJodHRwczovL2F1dGguZXhhbXBsZS5jb20iLCJzdWIiOiJ1c2VyLTQyIiwiYXVkIjpbImFwaSIsImJpbGxpbmciXSwiZXhwIjoyMDAwMDAwMDAwLjUsIm5iZiI6MTcwMDAwMDAwMCwiaWF0IjoxLjY5OTk5OTk5OTI1ZTksImp0aSI6ImExYjIiLCJuYW1lIjoiSlx1MDBlOXJcdTAwZjRtZSIsImxldmVsIjozLCJhZG1pbiI6dHJ1ZX0._uv2jClZPtk98AkeB5dVFILekkeN3JwFeziGlg6RPKE";
    /// # let keys: KeySet<1> = KeySet::with_key(JwtKey::hs256(b"a secret of at least 32 bytes....")?)?;
    /// # let mut buf = [0u8; 512];
    /// # let verified = jwt::verify(token, &keys, &Validation::new(1_700_000_000).audience("api"), &mut buf)?;
    /// assert_eq!(verified.algorithm(), jeton::jwt::JwtAlgorithm::HS256);
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn algorithm(&self) -> JwtAlgorithm {
        self.algorithm
    }

    /// Index in the key set of the key that verified the token: anything
    /// but 0 means it was signed with a key other than the signing one (an
    /// older key, during a rotation).
    ///
    /// ```
    /// use jeton::jwt::{self, Claims, JwtKey, KeySet, Validation};
    ///
    /// let old = JwtKey::hs256(b"the old secret, 32 bytes or more")?;
    /// let claims = Claims::new().subject("user-42").expires_at(2_000);
    /// let mut token = [0u8; 256];
    /// let n = jwt::encode(&old, &claims, &mut token)?;
    ///
    /// // The new key signs from now on; the old one still verifies.
    /// let mut keys: KeySet<2> = KeySet::with_key(JwtKey::hs256(b"the new secret, 32 bytes or more")?)?;
    /// keys.push(old)?;
    /// let mut buf = [0u8; 256];
    /// let verified = jwt::verify(&token[..n], &keys, &Validation::new(1_000), &mut buf)?;
    /// assert_eq!(verified.key_index(), 1); // re-issue it with keys.signing_key()
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn key_index(&self) -> usize {
        self.key_index
    }

    /// The decoded header, a JSON object.
    ///
    /// ```
    /// # use jeton::{Error, jwt::{self, JwtKey, KeySet, Validation}};
    /// # let token = b"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6IjIwMjQtMDYifQ.eyJpc3MiOiJodHRwczovL2F1dGguZXhhbXBsZS5jb20iLCJzdWIiOiJ1c2VyLTQyIiwiYXVkIjpbImFwaSIsImJpbGxpbmciXSwiZXhwIjoyMDAwMDAwMDAwLjUsIm5iZiI6MTcwMDAwMDAwMCwiaWF0IjoxLjY5OTk5OTk5OTI1ZTksImp0aSI6ImExYjIiLCJuYW1lIjoiSlx1MDBlOXJcdTAwZjRtZSIsImxldmVsIjozLCJhZG1pbiI6dHJ1ZX0._uv2jClZPtk98AkeB5dVFILekkeN3JwFeziGlg6RPKE";
    /// # let keys: KeySet<1> = KeySet::with_key(JwtKey::hs256(b"a secret of at least 32 bytes....")?)?;
    /// # let mut buf = [0u8; 512];
    /// # let verified = jwt::verify(token, &keys, &Validation::new(1_700_000_000).audience("api"), &mut buf)?;
    /// assert_eq!(verified.header().raw(), br#"{"alg":"HS256","typ":"JWT","kid":"2024-06"}"#);
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn header(&self) -> Value<'b> {
        Value::from_validated(self.header)
    }

    /// The header's `kid`, if any.
    ///
    /// ```
    /// # use jeton::{Error, jwt::{self, JwtKey, KeySet, Validation}};
    /// # let token = b"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6IjIwMjQtMDYifQ.eyJpc3MiOiJodHRwczovL2F1dGguZXhhbXBsZS5jb20iLCJzdWIiOiJ1c2VyLTQyIiwiYXVkIjpbImFwaSIsImJpbGxpbmciXSwiZXhwIjoyMDAwMDAwMDAwLjUsIm5iZiI6MTcwMDAwMDAwMCwiaWF0IjoxLjY5OTk5OTk5OTI1ZTksImp0aSI6ImExYjIiLCJuYW1lIjoiSlx1MDBlOXJcdTAwZjRtZSIsImxldmVsIjozLCJhZG1pbiI6dHJ1ZX0._uv2jClZPtk98AkeB5dVFILekkeN3JwFeziGlg6RPKE";
    /// # let keys: KeySet<1> = KeySet::with_key(JwtKey::hs256(b"a secret of at least 32 bytes....")?)?;
    /// # let mut buf = [0u8; 512];
    /// # let verified = jwt::verify(token, &keys, &Validation::new(1_700_000_000).audience("api"), &mut buf)?;
    /// assert_eq!(verified.kid().and_then(|k| k.as_plain()), Some("2024-06"));
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn kid(&self) -> Option<JsonStr<'b>> {
        self.params.kid.and_then(|s| s.str(self.header))
    }

    /// The header's `typ`, if any.
    pub fn typ(&self) -> Option<JsonStr<'b>> {
        self.params.typ.and_then(|s| s.str(self.header))
    }

    /// The decoded claims set, a JSON object.
    ///
    /// ```
    /// # use jeton::{Error, jwt::{self, JwtKey, KeySet, Validation}};
    /// # let token = b"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6IjIwMjQtMDYifQ.eyJpc3MiOiJodHRwczovL2F1dGguZXhhbXBsZS5jb20iLCJzdWIiOiJ1c2VyLTQyIiwiYXVkIjpbImFwaSIsImJpbGxpbmciXSwiZXhwIjoyMDAwMDAwMDAwLjUsIm5iZiI6MTcwMDAwMDAwMCwiaWF0IjoxLjY5OTk5OTk5OTI1ZTksImp0aSI6ImExYjIiLCJuYW1lIjoiSlx1MDBlOXJcdTAwZjRtZSIsImxldmVsIjozLCJhZG1pbiI6dHJ1ZX0._uv2jClZPtk98AkeB5dVFILekkeN3JwFeziGlg6RPKE";
    /// # let keys: KeySet<1> = KeySet::with_key(JwtKey::hs256(b"a secret of at least 32 bytes....")?)?;
    /// # let mut buf = [0u8; 512];
    /// # let verified = jwt::verify(token, &keys, &Validation::new(1_700_000_000).audience("api"), &mut buf)?;
    /// let names: Vec<_> = verified.claims().members().filter_map(|(name, _)| name.as_plain()).collect();
    /// assert_eq!(names, ["iss", "sub", "aud", "exp", "nbf", "iat", "jti", "name", "level", "admin"]);
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn claims(&self) -> Value<'b> {
        Value::from_validated(self.claims)
    }

    /// Where each claim lies in [`Verified::claims`]: what the getters
    /// look claims up in. A C caller keeps it in its portable form
    /// ([`MemberIndex::to_words`]).
    ///
    /// ```
    /// # use jeton::{Error, jwt::{self, JwtKey, KeySet, Validation}};
    /// # let token = b"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6IjIwMjQtMDYifQ.eyJpc3MiOiJodHRwczovL2F1dGguZXhhbXBsZS5jb20iLCJzdWIiOiJ1c2VyLTQyIiwiYXVkIjpbImFwaSIsImJpbGxpbmciXSwiZXhwIjoyMDAwMDAwMDAwLjUsIm5iZiI6MTcwMDAwMDAwMCwiaWF0IjoxLjY5OTk5OTk5OTI1ZTksImp0aSI6ImExYjIiLCJuYW1lIjoiSlx1MDBlOXJcdTAwZjRtZSIsImxldmVsIjozLCJhZG1pbiI6dHJ1ZX0._uv2jClZPtk98AkeB5dVFILekkeN3JwFeziGlg6RPKE";
    /// # let keys: KeySet<1> = KeySet::with_key(JwtKey::hs256(b"a secret of at least 32 bytes....")?)?;
    /// # let mut buf = [0u8; 512];
    /// # let verified = jwt::verify(token, &keys, &Validation::new(1_700_000_000).audience("api"), &mut buf)?;
    /// let index = verified.claims_index();
    /// assert_eq!((index.len(), index.is_complete()), (10, true));
    /// let level = index.get(verified.claims().raw(), b"level");
    /// assert_eq!(level.map(|v| v.as_i64()), Some(Ok(3)));
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn claims_index(&self) -> &MemberIndex {
        &self.index
    }

    fn registered_str(&self, span: Option<super::header::Span>) -> Option<JsonStr<'b>> {
        span.and_then(|s| s.str(self.claims))
    }

    /// `iss`.
    ///
    /// ```
    /// # use jeton::{Error, jwt::{self, JwtKey, KeySet, Validation}};
    /// # let token = b"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6IjIwMjQtMDYifQ.eyJpc3MiOiJodHRwczovL2F1dGguZXhhbXBsZS5jb20iLCJzdWIiOiJ1c2VyLTQyIiwiYXVkIjpbImFwaSIsImJpbGxpbmciXSwiZXhwIjoyMDAwMDAwMDAwLjUsIm5iZiI6MTcwMDAwMDAwMCwiaWF0IjoxLjY5OTk5OTk5OTI1ZTksImp0aSI6ImExYjIiLCJuYW1lIjoiSlx1MDBlOXJcdTAwZjRtZSIsImxldmVsIjozLCJhZG1pbiI6dHJ1ZX0._uv2jClZPtk98AkeB5dVFILekkeN3JwFeziGlg6RPKE";
    /// # let keys: KeySet<1> = KeySet::with_key(JwtKey::hs256(b"a secret of at least 32 bytes....")?)?;
    /// # let mut buf = [0u8; 512];
    /// # let verified = jwt::verify(token, &keys, &Validation::new(1_700_000_000).audience("api"), &mut buf)?;
    /// assert_eq!(verified.issuer().and_then(|s| s.as_plain()), Some("https://auth.example.com"));
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn issuer(&self) -> Option<JsonStr<'b>> {
        self.registered_str(self.registered.iss)
    }

    /// `sub`.
    ///
    /// ```
    /// # use jeton::{Error, jwt::{self, JwtKey, KeySet, Validation}};
    /// # let token = b"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6IjIwMjQtMDYifQ.eyJpc3MiOiJodHRwczovL2F1dGguZXhhbXBsZS5jb20iLCJzdWIiOiJ1c2VyLTQyIiwiYXVkIjpbImFwaSIsImJpbGxpbmciXSwiZXhwIjoyMDAwMDAwMDAwLjUsIm5iZiI6MTcwMDAwMDAwMCwiaWF0IjoxLjY5OTk5OTk5OTI1ZTksImp0aSI6ImExYjIiLCJuYW1lIjoiSlx1MDBlOXJcdTAwZjRtZSIsImxldmVsIjozLCJhZG1pbiI6dHJ1ZX0._uv2jClZPtk98AkeB5dVFILekkeN3JwFeziGlg6RPKE";
    /// # let keys: KeySet<1> = KeySet::with_key(JwtKey::hs256(b"a secret of at least 32 bytes....")?)?;
    /// # let mut buf = [0u8; 512];
    /// # let verified = jwt::verify(token, &keys, &Validation::new(1_700_000_000).audience("api"), &mut buf)?;
    /// assert_eq!(verified.subject().and_then(|s| s.as_plain()), Some("user-42"));
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn subject(&self) -> Option<JsonStr<'b>> {
        self.registered_str(self.registered.sub)
    }

    /// `jti`.
    ///
    /// ```
    /// # use jeton::{Error, jwt::{self, JwtKey, KeySet, Validation}};
    /// # let token = b"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6IjIwMjQtMDYifQ.eyJpc3MiOiJodHRwczovL2F1dGguZXhhbXBsZS5jb20iLCJzdWIiOiJ1c2VyLTQyIiwiYXVkIjpbImFwaSIsImJpbGxpbmciXSwiZXhwIjoyMDAwMDAwMDAwLjUsIm5iZiI6MTcwMDAwMDAwMCwiaWF0IjoxLjY5OTk5OTk5OTI1ZTksImp0aSI6ImExYjIiLCJuYW1lIjoiSlx1MDBlOXJcdTAwZjRtZSIsImxldmVsIjozLCJhZG1pbiI6dHJ1ZX0._uv2jClZPtk98AkeB5dVFILekkeN3JwFeziGlg6RPKE";
    /// # let keys: KeySet<1> = KeySet::with_key(JwtKey::hs256(b"a secret of at least 32 bytes....")?)?;
    /// # let mut buf = [0u8; 512];
    /// # let verified = jwt::verify(token, &keys, &Validation::new(1_700_000_000).audience("api"), &mut buf)?;
    /// assert_eq!(verified.jwt_id().and_then(|s| s.as_plain()), Some("a1b2"));
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn jwt_id(&self) -> Option<JsonStr<'b>> {
        self.registered_str(self.registered.jti)
    }

    /// `aud`, a string or an array of strings.
    ///
    /// ```
    /// # use jeton::{Error, jwt::{self, JwtKey, KeySet, Validation}};
    /// # let token = b"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6IjIwMjQtMDYifQ.eyJpc3MiOiJodHRwczovL2F1dGguZXhhbXBsZS5jb20iLCJzdWIiOiJ1c2VyLTQyIiwiYXVkIjpbImFwaSIsImJpbGxpbmciXSwiZXhwIjoyMDAwMDAwMDAwLjUsIm5iZiI6MTcwMDAwMDAwMCwiaWF0IjoxLjY5OTk5OTk5OTI1ZTksImp0aSI6ImExYjIiLCJuYW1lIjoiSlx1MDBlOXJcdTAwZjRtZSIsImxldmVsIjozLCJhZG1pbiI6dHJ1ZX0._uv2jClZPtk98AkeB5dVFILekkeN3JwFeziGlg6RPKE";
    /// # let keys: KeySet<1> = KeySet::with_key(JwtKey::hs256(b"a secret of at least 32 bytes....")?)?;
    /// # let mut buf = [0u8; 512];
    /// # let verified = jwt::verify(token, &keys, &Validation::new(1_700_000_000).audience("api"), &mut buf)?;
    /// let aud = verified.audience().unwrap();
    /// assert_eq!((aud.kind(), aud.raw()), (jeton::json::Kind::Array, &br#"["api","billing"]"#[..]));
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn audience(&self) -> Option<Value<'b>> {
        self.registered.aud.and_then(|s| s.value(self.claims))
    }

    /// The audiences: `aud` as a string, or each element of it as an array.
    ///
    /// ```
    /// # use jeton::{Error, jwt::{self, JwtKey, KeySet, Validation}};
    /// # let token = b"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6IjIwMjQtMDYifQ.eyJpc3MiOiJodHRwczovL2F1dGguZXhhbXBsZS5jb20iLCJzdWIiOiJ1c2VyLTQyIiwiYXVkIjpbImFwaSIsImJpbGxpbmciXSwiZXhwIjoyMDAwMDAwMDAwLjUsIm5iZiI6MTcwMDAwMDAwMCwiaWF0IjoxLjY5OTk5OTk5OTI1ZTksImp0aSI6ImExYjIiLCJuYW1lIjoiSlx1MDBlOXJcdTAwZjRtZSIsImxldmVsIjozLCJhZG1pbiI6dHJ1ZX0._uv2jClZPtk98AkeB5dVFILekkeN3JwFeziGlg6RPKE";
    /// # let keys: KeySet<1> = KeySet::with_key(JwtKey::hs256(b"a secret of at least 32 bytes....")?)?;
    /// # let mut buf = [0u8; 512];
    /// # let verified = jwt::verify(token, &keys, &Validation::new(1_700_000_000).audience("api"), &mut buf)?;
    /// let audiences: Vec<_> = verified.audiences().filter_map(|a| a.as_plain()).collect();
    /// assert_eq!(audiences, ["api", "billing"]);
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn audiences(&self) -> impl Iterator<Item = JsonStr<'b>> + 'b {
        let aud = self.audience();
        let one = aud.and_then(|a| a.as_str());
        let many = aud
            .filter(|a| a.kind() == Kind::Array)
            .map(|a| a.elements());
        one.into_iter()
            .chain(many.into_iter().flatten().filter_map(|e| e.as_str()))
    }

    /// `exp`, rounded up to whole seconds (a NumericDate may have a
    /// fraction, RFC 7519 section 2: a token that expires at `t + 0.5` is
    /// still valid at `t`).
    ///
    /// ```
    /// # use jeton::{Error, jwt::{self, JwtKey, KeySet, Validation}};
    /// # let token = b"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6IjIwMjQtMDYifQ.eyJpc3MiOiJodHRwczovL2F1dGguZXhhbXBsZS5jb20iLCJzdWIiOiJ1c2VyLTQyIiwiYXVkIjpbImFwaSIsImJpbGxpbmciXSwiZXhwIjoyMDAwMDAwMDAwLjUsIm5iZiI6MTcwMDAwMDAwMCwiaWF0IjoxLjY5OTk5OTk5OTI1ZTksImp0aSI6ImExYjIiLCJuYW1lIjoiSlx1MDBlOXJcdTAwZjRtZSIsImxldmVsIjozLCJhZG1pbiI6dHJ1ZX0._uv2jClZPtk98AkeB5dVFILekkeN3JwFeziGlg6RPKE";
    /// # let keys: KeySet<1> = KeySet::with_key(JwtKey::hs256(b"a secret of at least 32 bytes....")?)?;
    /// # let mut buf = [0u8; 512];
    /// # let verified = jwt::verify(token, &keys, &Validation::new(1_700_000_000).audience("api"), &mut buf)?;
    /// assert_eq!(verified.expires_at(), Some(2_000_000_001)); // "exp":2000000000.5
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn expires_at(&self) -> Option<i64> {
        self.registered.exp
    }

    /// `nbf`, rounded up to whole seconds.
    ///
    /// ```
    /// # use jeton::{Error, jwt::{self, JwtKey, KeySet, Validation}};
    /// # let token = b"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6IjIwMjQtMDYifQ.eyJpc3MiOiJodHRwczovL2F1dGguZXhhbXBsZS5jb20iLCJzdWIiOiJ1c2VyLTQyIiwiYXVkIjpbImFwaSIsImJpbGxpbmciXSwiZXhwIjoyMDAwMDAwMDAwLjUsIm5iZiI6MTcwMDAwMDAwMCwiaWF0IjoxLjY5OTk5OTk5OTI1ZTksImp0aSI6ImExYjIiLCJuYW1lIjoiSlx1MDBlOXJcdTAwZjRtZSIsImxldmVsIjozLCJhZG1pbiI6dHJ1ZX0._uv2jClZPtk98AkeB5dVFILekkeN3JwFeziGlg6RPKE";
    /// # let keys: KeySet<1> = KeySet::with_key(JwtKey::hs256(b"a secret of at least 32 bytes....")?)?;
    /// # let mut buf = [0u8; 512];
    /// # let verified = jwt::verify(token, &keys, &Validation::new(1_700_000_000).audience("api"), &mut buf)?;
    /// assert_eq!(verified.not_before(), Some(1_700_000_000));
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn not_before(&self) -> Option<i64> {
        self.registered.nbf
    }

    /// `iat`, rounded up to whole seconds.
    ///
    /// ```
    /// # use jeton::{Error, jwt::{self, JwtKey, KeySet, Validation}};
    /// # let token = b"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6IjIwMjQtMDYifQ.eyJpc3MiOiJodHRwczovL2F1dGguZXhhbXBsZS5jb20iLCJzdWIiOiJ1c2VyLTQyIiwiYXVkIjpbImFwaSIsImJpbGxpbmciXSwiZXhwIjoyMDAwMDAwMDAwLjUsIm5iZiI6MTcwMDAwMDAwMCwiaWF0IjoxLjY5OTk5OTk5OTI1ZTksImp0aSI6ImExYjIiLCJuYW1lIjoiSlx1MDBlOXJcdTAwZjRtZSIsImxldmVsIjozLCJhZG1pbiI6dHJ1ZX0._uv2jClZPtk98AkeB5dVFILekkeN3JwFeziGlg6RPKE";
    /// # let keys: KeySet<1> = KeySet::with_key(JwtKey::hs256(b"a secret of at least 32 bytes....")?)?;
    /// # let mut buf = [0u8; 512];
    /// # let verified = jwt::verify(token, &keys, &Validation::new(1_700_000_000).audience("api"), &mut buf)?;
    /// assert_eq!(verified.issued_at(), Some(1_700_000_000)); // "iat":1.69999999925e9
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn issued_at(&self) -> Option<i64> {
        self.registered.iat
    }

    /// Any claim by name (compared after unescaping), registered or not.
    ///
    /// ```
    /// # use jeton::{Error, jwt::{self, JwtKey, KeySet, Validation}};
    /// # let token = b"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6IjIwMjQtMDYifQ.eyJpc3MiOiJodHRwczovL2F1dGguZXhhbXBsZS5jb20iLCJzdWIiOiJ1c2VyLTQyIiwiYXVkIjpbImFwaSIsImJpbGxpbmciXSwiZXhwIjoyMDAwMDAwMDAwLjUsIm5iZiI6MTcwMDAwMDAwMCwiaWF0IjoxLjY5OTk5OTk5OTI1ZTksImp0aSI6ImExYjIiLCJuYW1lIjoiSlx1MDBlOXJcdTAwZjRtZSIsImxldmVsIjozLCJhZG1pbiI6dHJ1ZX0._uv2jClZPtk98AkeB5dVFILekkeN3JwFeziGlg6RPKE";
    /// # let keys: KeySet<1> = KeySet::with_key(JwtKey::hs256(b"a secret of at least 32 bytes....")?)?;
    /// # let mut buf = [0u8; 512];
    /// # let verified = jwt::verify(token, &keys, &Validation::new(1_700_000_000).audience("api"), &mut buf)?;
    /// assert_eq!(verified.claim("admin").map(|v| v.raw()), Some(&b"true"[..]));
    /// assert_eq!(verified.claim("exp").map(|v| v.raw()), Some(&b"2000000000.5"[..]));
    /// assert_eq!(verified.claim("email"), None);
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn claim<N: AsRef<[u8]> + ?Sized>(&self, name: &N) -> Option<Value<'b>> {
        self.index.get(self.claims, name.as_ref())
    }

    /// A string claim, unescaped into `out`; returns its length.
    ///
    /// # Errors
    ///
    /// [`Error::JwtMissingClaim`], [`Error::JsonWrongType`],
    /// [`Error::BufferTooSmall`].
    ///
    /// ```
    /// # use jeton::{Error, jwt::{self, JwtKey, KeySet, Validation}};
    /// # let token = b"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6IjIwMjQtMDYifQ.eyJpc3MiOiJodHRwczovL2F1dGguZXhhbXBsZS5jb20iLCJzdWIiOiJ1c2VyLTQyIiwiYXVkIjpbImFwaSIsImJpbGxpbmciXSwiZXhwIjoyMDAwMDAwMDAwLjUsIm5iZiI6MTcwMDAwMDAwMCwiaWF0IjoxLjY5OTk5OTk5OTI1ZTksImp0aSI6ImExYjIiLCJuYW1lIjoiSlx1MDBlOXJcdTAwZjRtZSIsImxldmVsIjozLCJhZG1pbiI6dHJ1ZX0._uv2jClZPtk98AkeB5dVFILekkeN3JwFeziGlg6RPKE";
    /// # let keys: KeySet<1> = KeySet::with_key(JwtKey::hs256(b"a secret of at least 32 bytes....")?)?;
    /// # let mut buf = [0u8; 512];
    /// # let verified = jwt::verify(token, &keys, &Validation::new(1_700_000_000).audience("api"), &mut buf)?;
    /// let mut name = [0u8; 16];
    /// let n = verified.claim_str("name", &mut name)?; // "J\u00e9r\u00f4me"
    /// assert_eq!(&name[..n], "Jérôme".as_bytes());
    /// assert_eq!(verified.claim_str("level", &mut name), Err(Error::JsonWrongType));
    /// assert_eq!(verified.claim_str("email", &mut name), Err(Error::JwtMissingClaim));
    /// assert_eq!(verified.claim_str("name", &mut name[..4]), Err(Error::BufferTooSmall { needed: 8 }));
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn claim_str<N: AsRef<[u8]> + ?Sized>(
        &self,
        name: &N,
        out: &mut [u8],
    ) -> Result<usize, Error> {
        self.claim(name)
            .ok_or(Error::JwtMissingClaim)?
            .unescape_into(out)
    }

    /// An integer claim.
    ///
    /// # Errors
    ///
    /// [`Error::JwtMissingClaim`], [`Error::JsonWrongType`] (a fraction or
    /// an exponent included), [`Error::JsonNumberOutOfRange`].
    ///
    /// ```
    /// # use jeton::{Error, jwt::{self, JwtKey, KeySet, Validation}};
    /// # let token = b"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6IjIwMjQtMDYifQ.eyJpc3MiOiJodHRwczovL2F1dGguZXhhbXBsZS5jb20iLCJzdWIiOiJ1c2VyLTQyIiwiYXVkIjpbImFwaSIsImJpbGxpbmciXSwiZXhwIjoyMDAwMDAwMDAwLjUsIm5iZiI6MTcwMDAwMDAwMCwiaWF0IjoxLjY5OTk5OTk5OTI1ZTksImp0aSI6ImExYjIiLCJuYW1lIjoiSlx1MDBlOXJcdTAwZjRtZSIsImxldmVsIjozLCJhZG1pbiI6dHJ1ZX0._uv2jClZPtk98AkeB5dVFILekkeN3JwFeziGlg6RPKE";
    /// # let keys: KeySet<1> = KeySet::with_key(JwtKey::hs256(b"a secret of at least 32 bytes....")?)?;
    /// # let mut buf = [0u8; 512];
    /// # let verified = jwt::verify(token, &keys, &Validation::new(1_700_000_000).audience("api"), &mut buf)?;
    /// assert_eq!(verified.claim_i64("level"), Ok(3));
    /// assert_eq!(verified.claim_i64("exp"), Err(Error::JsonWrongType)); // 2000000000.5
    /// assert_eq!(verified.claim_i64("admin"), Err(Error::JsonWrongType));
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn claim_i64<N: AsRef<[u8]> + ?Sized>(&self, name: &N) -> Result<i64, Error> {
        self.claim(name).ok_or(Error::JwtMissingClaim)?.as_i64()
    }

    /// A boolean claim.
    ///
    /// # Errors
    ///
    /// [`Error::JwtMissingClaim`], [`Error::JsonWrongType`].
    ///
    /// ```
    /// # use jeton::{Error, jwt::{self, JwtKey, KeySet, Validation}};
    /// # let token = b"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6IjIwMjQtMDYifQ.eyJpc3MiOiJodHRwczovL2F1dGguZXhhbXBsZS5jb20iLCJzdWIiOiJ1c2VyLTQyIiwiYXVkIjpbImFwaSIsImJpbGxpbmciXSwiZXhwIjoyMDAwMDAwMDAwLjUsIm5iZiI6MTcwMDAwMDAwMCwiaWF0IjoxLjY5OTk5OTk5OTI1ZTksImp0aSI6ImExYjIiLCJuYW1lIjoiSlx1MDBlOXJcdTAwZjRtZSIsImxldmVsIjozLCJhZG1pbiI6dHJ1ZX0._uv2jClZPtk98AkeB5dVFILekkeN3JwFeziGlg6RPKE";
    /// # let keys: KeySet<1> = KeySet::with_key(JwtKey::hs256(b"a secret of at least 32 bytes....")?)?;
    /// # let mut buf = [0u8; 512];
    /// # let verified = jwt::verify(token, &keys, &Validation::new(1_700_000_000).audience("api"), &mut buf)?;
    /// assert_eq!(verified.claim_bool("admin"), Ok(true));
    /// assert_eq!(verified.claim_bool("email_verified"), Err(Error::JwtMissingClaim));
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn claim_bool<N: AsRef<[u8]> + ?Sized>(&self, name: &N) -> Result<bool, Error> {
        self.claim(name).ok_or(Error::JwtMissingClaim)?.as_bool()
    }
}

/// A JWS whose signature checked out, its payload not interpreted.
#[derive(Clone, Copy, Debug)]
pub struct VerifiedJws<'b> {
    /// The decoded header, a JSON object.
    pub header: Value<'b>,
    /// The decoded payload, as bytes.
    pub payload: &'b [u8],
    /// The algorithm it was verified with.
    pub algorithm: JwtAlgorithm,
    /// Index in the key set of the key that verified it.
    pub key_index: usize,
}

/// A [`Verified`] view with its place in the buffer kept as offsets: what
/// a check made after verification holds while it decides, before the
/// buffer is wiped or the view handed out.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Detached {
    header: (usize, usize),
    claims: (usize, usize),
    params: HeaderParams,
    registered: Registered,
    index: MemberIndex,
    algorithm: JwtAlgorithm,
    key_index: usize,
}

impl Detached {
    /// The view again, over `buf`: the buffer it was detached from.
    pub(crate) fn attach(self, buf: &[u8]) -> Option<Verified<'_>> {
        Some(Verified {
            header: buf.get(self.header.0..self.header.1)?,
            claims: buf.get(self.claims.0..self.claims.1)?,
            params: self.params,
            registered: self.registered,
            index: self.index,
            algorithm: self.algorithm,
            key_index: self.key_index,
        })
    }
}
