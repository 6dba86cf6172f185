//! Making DPoP proofs (RFC 9449 section 4) and checking them (section
//! 4.3).

use super::uri::same_target;
use super::{ReplayCache, Thumbprint, htu};
use crate::Error;
use crate::base64::{self, Alphabet, Padding};
use crate::json::{self, JsonStr, JsonWriter, Kind, Limits};
use crate::jwt::{Claim, Family, JwtAlgorithm, JwtKey, KeySet, Validation, Verified};
use crate::oauth::checked::{string_claim, verify_then};
use crate::out::Out;
use crate::search;

/// Fewest bytes of entropy a proof's `jti` is made from (128 bits, as
/// session IDs).
const JTI_ENTROPY_MIN: usize = 16;

/// Most bytes of entropy a `jti` is made from.
const JTI_ENTROPY_MAX: usize = 64;

/// Longest signature a proof carries: ES384's `r || s`, Ed25519's 64
/// bytes.
const MAX_SIGNATURE_LEN: usize = 96;

/// The claims of a proof to make: what a client sends with each request
/// to a server that wants DPoP (RFC 9449 section 4.2).
///
/// ```
/// # #[cfg(feature = "eddsa")] {
/// use jeton::jwt::JwtKey;
/// use jeton::oauth::DpopProof;
/// // RFC 8037 appendix A.1's key; a real client makes its own.
/// let key = JwtKey::from_private_jwk(br#"{"kty":"OKP","crv":"Ed25519",
///     "d":"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A",
///     "x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#)?;
/// let entropy = [7u8; 16]; // from the caller's RNG
/// let mut proof = [0u8; 512];
/// let n = DpopProof::new("GET", "https://rs.example.com/items?page=2", 1_700_000_000, &entropy)
///     .access_token(b"Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU")
///     .write(&key, &mut proof)?;
/// // `DPoP: <proof>` goes with `Authorization: DPoP <access token>`.
/// assert_eq!(proof[..n].iter().filter(|&&b| b == b'.').count(), 2);
/// # }
/// # Ok::<(), jeton::Error>(())
/// ```
#[derive(Clone, Copy, Debug)]
pub struct DpopProof<'a> {
    method: &'a str,
    uri: &'a str,
    iat: i64,
    entropy: &'a [u8],
    access_token: Option<&'a [u8]>,
    nonce: Option<&'a str>,
}

impl<'a> DpopProof<'a> {
    /// A proof for the request `method` `uri` (its query and fragment are
    /// left out of `htu`), made at `iat` (the caller's clock, Unix
    /// seconds), whose `jti` is the base64url of `entropy` (16 to 64 bytes
    /// from the caller's RNG: a fresh value for every proof).
    pub const fn new(method: &'a str, uri: &'a str, iat: i64, entropy: &'a [u8]) -> Self {
        DpopProof {
            method,
            uri,
            iat,
            entropy,
            access_token: None,
            nonce: None,
        }
    }

    /// The access token the request carries: the proof gets its hash
    /// (`ath`), as a resource server requires (section 7).
    pub const fn access_token(mut self, token: &'a [u8]) -> Self {
        self.access_token = Some(token);
        self
    }

    /// The nonce the server asked for (its last `DPoP-Nonce` header,
    /// section 8).
    pub const fn nonce(mut self, nonce: &'a str) -> Self {
        self.nonce = Some(nonce);
        self
    }

    /// Signs the proof with `key` (a private ES256, ES384 or Ed25519 key)
    /// and writes it into `out` in compact form; returns its length. The
    /// header is `{"typ":"dpop+jwt","alg":...,"jwk":...}` with the key's
    /// public members only.
    ///
    /// # Errors
    ///
    /// [`Error::EntropyTooShort`] below 16 bytes of entropy,
    /// [`Error::InputTooLong`] above 64; [`Error::KeyUnsupported`] for an
    /// HMAC key (a proof needs an asymmetric one);
    /// [`Error::JwtKeyInvalid`] for a key that cannot sign;
    /// [`Error::BufferTooSmall`] with the length needed. On error `out`
    /// holds nothing of a proof.
    pub fn write(&self, key: &JwtKey, out: &mut [u8]) -> Result<usize, Error> {
        if self.entropy.len() < JTI_ENTROPY_MIN {
            return Err(Error::EntropyTooShort);
        }
        if self.entropy.len() > JTI_ENTROPY_MAX {
            return Err(Error::InputTooLong);
        }
        if key.hmac().is_some() {
            return Err(Error::KeyUnsupported);
        }
        if !key.may_sign() {
            return Err(Error::JwtKeyInvalid);
        }
        let algorithm = key.algorithm();
        let mut out = Out::new(out);
        out.put(br#"{"typ":"dpop+jwt","alg":""#);
        out.put(algorithm.name().as_bytes());
        out.put(br#"","jwk":"#);
        if let Err(e) = key.write_required_members(&mut out) {
            return out.fail(e);
        }
        out.push(b'}');
        base64::encode_since(&mut out, 0, Alphabet::UrlSafe, Padding::Unpadded);
        out.push(b'.');

        let claims_start = out.len();
        let mut jti = [0u8; base64::encoded_len(JTI_ENTROPY_MAX, Padding::Unpadded)];
        let n = base64::encode(self.entropy, Alphabet::UrlSafe, Padding::Unpadded, &mut jti)?;
        let mut ath = [0u8; super::THUMBPRINT_LEN];
        let ath = match self.access_token {
            Some(token) => {
                let n = sha256_base64url(token, &mut ath)?;
                Some(ascii(&ath, n))
            }
            None => None,
        };
        let mut w = JsonWriter::new(&mut out);
        w.begin_object();
        w.plain_name(br#","jti":"#).str(ascii(&jti, n));
        w.plain_name(br#","htm":"#).str(self.method);
        w.plain_name(br#","htu":"#).str(htu(self.uri));
        w.plain_name(br#","iat":"#).i64(self.iat);
        if let Some(ath) = ath {
            w.plain_name(br#","ath":"#).str(ath);
        }
        if let Some(nonce) = self.nonce {
            w.plain_name(br#","nonce":"#).str(nonce);
        }
        w.end_object();
        base64::encode_since(&mut out, claims_start, Alphabet::UrlSafe, Padding::Unpadded);

        let tag_len = key.signature_len(algorithm);
        match out.written() {
            Some(signing_input) => {
                let mut signature = [0u8; MAX_SIGNATURE_LEN];
                let n = match key.sign(signing_input, &mut signature) {
                    Ok(n) => n,
                    Err(e) => return out.fail(e),
                };
                out.push(b'.');
                base64::encode_into(
                    signature.get(..n).unwrap_or_default(),
                    Alphabet::UrlSafe,
                    Padding::Unpadded,
                    &mut out,
                );
            }
            None => {
                out.push(b'.');
                out.put_with(base64::encoded_len(tag_len, Padding::Unpadded), |_| {});
            }
        }
        out.finish()
    }
}

/// The first `len` bytes of `text`, base64url characters, as a string.
fn ascii(text: &[u8], len: usize) -> &str {
    text.get(..len)
        .and_then(|t| core::str::from_utf8(t).ok())
        .unwrap_or_default()
}

/// `base64url(SHA-256(bytes))`, an `ath` (RFC 9449 section 4.2).
fn sha256_base64url(bytes: &[u8], out: &mut [u8]) -> Result<usize, Error> {
    use sha2::Digest;
    let digest: [u8; 32] = sha2::Sha256::digest(bytes).into();
    base64::encode(&digest, Alphabet::UrlSafe, Padding::Unpadded, out)
}

/// Every asymmetric algorithm this build verifies: the default of
/// [`DpopValidation::algorithms`].
const ASYMMETRIC: &[JwtAlgorithm] = &[
    #[cfg(feature = "ecdsa")]
    JwtAlgorithm::ES256,
    #[cfg(feature = "p384")]
    JwtAlgorithm::ES384,
    #[cfg(feature = "eddsa")]
    JwtAlgorithm::EdDSA,
    #[cfg(feature = "eddsa")]
    JwtAlgorithm::Ed25519,
    #[cfg(feature = "rsa")]
    JwtAlgorithm::RS256,
    #[cfg(all(feature = "rsa", feature = "sha512"))]
    JwtAlgorithm::RS384,
    #[cfg(all(feature = "rsa", feature = "sha512"))]
    JwtAlgorithm::RS512,
    #[cfg(feature = "rsa")]
    JwtAlgorithm::PS256,
    #[cfg(all(feature = "rsa", feature = "sha512"))]
    JwtAlgorithm::PS384,
    #[cfg(all(feature = "rsa", feature = "sha512"))]
    JwtAlgorithm::PS512,
];

/// The claims a proof must carry besides `htm` and `htu`.
const REQUIRED: &[Claim] = &[Claim::JwtId, Claim::IssuedAt];

/// Bounds of a proof's header, read once to find its key.
const HEADER_LIMITS: Limits = Limits {
    max_depth: 8,
    max_members: 32,
    unique_members: true,
};

/// What a DPoP proof must be, for [`verify_proof`]: for this request, at
/// this clock, recent enough, with the server's nonce when it gave one,
/// and, on a resource server, for the access token it comes with.
///
/// Defaults: a proof at most 300 seconds old and not ahead of the clock
/// (no leeway: a client whose clock runs ahead needs one named, or a
/// server nonce), any asymmetric algorithm of this build, no nonce.
///
/// ```
/// use jeton::oauth::DpopValidation;
/// let v = DpopValidation::new(1_700_000_000, "POST", "https://server.example.com/token")
///     .max_age(60)
///     .leeway(5);
/// assert_eq!(v.now(), 1_700_000_000);
/// ```
#[derive(Clone, Copy, Debug)]
pub struct DpopValidation<'v> {
    now: i64,
    method: &'v str,
    uri: &'v str,
    max_age: u64,
    leeway: u64,
    algorithms: &'v [JwtAlgorithm],
    nonce: Option<&'v [u8]>,
    access_token: Option<&'v [u8]>,
    key: Option<Thumbprint>,
    max_len: usize,
}

impl<'v> DpopValidation<'v> {
    /// Proofs for the request `method` (as received, case-sensitive) `uri`
    /// (the request's absolute URI as the server was addressed, query and
    /// fragment ignored), judged at `now` (Unix seconds).
    pub const fn new(now: i64, method: &'v str, uri: &'v str) -> Self {
        DpopValidation {
            now,
            method,
            uri,
            max_age: 300,
            leeway: 0,
            algorithms: ASYMMETRIC,
            nonce: None,
            access_token: None,
            key: None,
            max_len: crate::jwt::DEFAULT_MAX_TOKEN_LEN,
        }
    }

    /// The proof's `iat` may be at most `seconds` old (default 300).
    pub const fn max_age(mut self, seconds: u64) -> Self {
        self.max_age = seconds;
        self
    }

    /// Seconds of tolerance on `iat`, both ways (default 0).
    pub const fn leeway(mut self, seconds: u64) -> Self {
        self.leeway = seconds;
        self
    }

    /// The algorithms accepted (default: every asymmetric one of this
    /// build; a symmetric one is never accepted).
    pub const fn algorithms(mut self, algorithms: &'v [JwtAlgorithm]) -> Self {
        self.algorithms = algorithms;
        self
    }

    /// The nonce the server gave the client (`DPoP-Nonce`): the proof must
    /// carry it.
    pub const fn nonce(mut self, nonce: &'v [u8]) -> Self {
        self.nonce = Some(nonce);
        self
    }

    /// On a resource server: the access token the request presents
    /// (`Authorization: DPoP <token>`) and the key it is bound to (its
    /// `cnf.jkt`, from [`AccessToken::cnf_jkt`](crate::oauth::AccessToken::cnf_jkt)
    /// or an introspection): the proof must carry the token's hash
    /// (`ath`) and be signed with that key.
    pub const fn access_token(mut self, token: &'v [u8], key: Thumbprint) -> Self {
        self.access_token = Some(token);
        self.key = Some(key);
        self
    }

    /// The proof must be signed with the key of thumbprint `key` (on an
    /// authorization server: a refresh token's binding, or the
    /// `dpop_jkt` of the authorization request, RFC 9449 section 10).
    pub const fn bound_to(mut self, key: Thumbprint) -> Self {
        self.key = Some(key);
        self
    }

    /// Longest proof accepted, in bytes (default 8 KiB).
    pub const fn max_len(mut self, len: usize) -> Self {
        self.max_len = len;
        self
    }

    /// The clock, Unix seconds.
    pub const fn now(&self) -> i64 {
        self.now
    }

    fn jwt(&self) -> Validation<'static> {
        Validation::new(self.now)
            .require_typ("dpop+jwt")
            .required(REQUIRED)
            .max_age(self.max_age)
            .leeway(self.leeway)
            .max_token_len(self.max_len)
            // A proof names no audience; one that does is not judged on it.
            .allow_any_audience()
    }

    /// The checks of the claims, past the signature.
    fn check(
        &self,
        proof: &Verified<'_>,
        thumbprint: &Thumbprint,
        replay: Option<&mut dyn ReplayCache>,
    ) -> Result<(), Error> {
        let htm = string_claim(proof, "htm")?.ok_or(Error::JwtMissingClaim)?;
        let htu = string_claim(proof, "htu")?.ok_or(Error::JwtMissingClaim)?;
        if !htm.eq_bytes(self.method.as_bytes()) {
            return Err(Error::DpopHtmMismatch);
        }
        if !same_target(htu.bytes(), self.uri.bytes()) {
            return Err(Error::DpopHtuMismatch);
        }
        if let Some(expected) = self.nonce {
            let nonce = string_claim(proof, "nonce")?;
            if !nonce.is_some_and(|n| n.eq_bytes(expected)) {
                return Err(Error::DpopNonceMismatch);
            }
        }
        if let Some(token) = self.access_token {
            let ath = string_claim(proof, "ath")?;
            let mut expected = [0u8; super::THUMBPRINT_LEN];
            let n = sha256_base64url(token, &mut expected)?;
            if !ath.is_some_and(|a| expected.get(..n).is_some_and(|e| a.eq_bytes(e))) {
                return Err(Error::DpopAthMismatch);
            }
        }
        if self.key.is_some_and(|key| key != *thumbprint) {
            return Err(Error::DpopKeyMismatch);
        }
        if let Some(cache) = replay {
            let jti = proof.jwt_id().ok_or(Error::JwtMissingClaim)?;
            // Kept while the proof would still be accepted.
            let iat = proof.issued_at().ok_or(Error::JwtMissingClaim)?;
            let window = i64::try_from(self.max_age.saturating_add(self.leeway))
                .unwrap_or(i64::MAX)
                .saturating_add(1);
            cache.first_use(&jti, iat.saturating_add(window), self.now)?;
        }
        Ok(())
    }
}

/// A proof that passed [`verify_proof`], decoded in the caller's buffer.
#[derive(Clone, Copy, Debug)]
pub struct VerifiedProof<'b> {
    token: Verified<'b>,
    thumbprint: Thumbprint,
}

impl<'b> VerifiedProof<'b> {
    /// The verified proof: its header and claims.
    pub fn token(&self) -> &Verified<'b> {
        &self.token
    }

    /// The thumbprint of the key that signed it: what an authorization
    /// server binds the tokens it issues to (`cnf.jkt`).
    pub fn thumbprint(&self) -> Thumbprint {
        self.thumbprint
    }

    /// `jti`.
    pub fn jwt_id(&self) -> JsonStr<'b> {
        self.token
            .jwt_id()
            .unwrap_or_else(|| JsonStr::new(b"", false))
    }

    /// `iat`, rounded up to whole seconds.
    pub fn issued_at(&self) -> i64 {
        self.token.issued_at().unwrap_or_default()
    }

    /// `nonce`, if any.
    pub fn nonce(&self) -> Option<JsonStr<'b>> {
        self.token.claim("nonce").and_then(|v| v.as_str())
    }
}

/// The key a proof's header carries, with the proof's algorithm (which
/// must be one `validation` accepts), read before the signature is
/// checked with it.
fn embedded_key(
    proof: &[u8],
    validation: &DpopValidation<'_>,
    buf: &mut [u8],
) -> Result<JwtKey, Error> {
    let (first, last) = search::find(proof, b'.')
        .zip(search::rfind(proof, b'.'))
        .filter(|(first, last)| first < last)
        .ok_or(Error::JwtMalformed)?;
    let header = proof.get(..first).unwrap_or_default();
    if header.is_empty() {
        return Err(Error::JwtMalformed);
    }
    // Room for what verification decodes: the header and the claims.
    let needed = base64::decoded_len_max(first)
        + base64::decoded_len_max(last.saturating_sub(first).saturating_sub(1));
    if buf.len() < needed {
        return Err(Error::BufferTooSmall { needed });
    }
    let n =
        base64::decode(header, Alphabet::UrlSafe, Padding::Unpadded, buf).map_err(|e| match e {
            Error::BufferTooSmall { .. } => e,
            _ => Error::JwtHeaderBase64,
        })?;
    let header = buf.get(..n).ok_or(Error::BufferTooSmall { needed: n })?;
    let header = json::parse_with(header, &HEADER_LIMITS).map_err(|e| match e {
        Error::JsonDuplicateMember => Error::JwtHeaderDuplicate,
        _ => Error::JwtHeaderInvalid,
    })?;
    if header.kind() != Kind::Object {
        return Err(Error::JwtHeaderInvalid);
    }
    let alg = header
        .get("alg")
        .ok_or(Error::JwtAlgMissing)?
        .as_str()
        .ok_or(Error::JwtHeaderParameter)?;
    if alg.eq_ignore_ascii_case(b"none") {
        return Err(Error::JwtAlgNone);
    }
    let mut name = [0u8; 16];
    let algorithm = alg
        .unescape_into(&mut name)
        .ok()
        .and_then(|len| name.get(..len))
        .and_then(JwtAlgorithm::from_name)
        .filter(|a| a.family() != Family::Hmac && validation.algorithms.contains(a))
        .ok_or(Error::TokenAlgNotAllowed)?;
    let jwk = header
        .get("jwk")
        .filter(|j| j.kind() == Kind::Object)
        .ok_or(Error::DpopJwkInvalid)?;
    // A public key only: `from_jwk` refuses private members and shared
    // secrets. The key's own `kid` is dropped, as the proof's header names
    // none to select it by.
    let key = JwtKey::from_jwk(jwk.raw())?.with_kid("")?;
    if !key.fits(algorithm) {
        return Err(Error::JwtAlgMismatch);
    }
    key.with_alg(algorithm)
}

/// Checks a DPoP proof (the `DPoP` request header) as RFC 9449 section 4.3
/// says; decodes it into `buf` (three quarters of its length) and returns
/// a view of it. `replay`, when given, takes the proof's `jti` once: a
/// proof seen before is refused.
///
/// The checks, in this order:
///
/// 1. the proof's length and form, its header a JSON object with an
///    `alg` that is not `none` ([`Error::JwtAlgNone`]) and is one of the
///    accepted asymmetric algorithms ([`Error::TokenAlgNotAllowed`]), and
///    a `jwk` object ([`Error::DpopJwkInvalid`]) holding a public key of
///    a type jeton reads ([`Error::JwkPrivateMembers`] for private
///    members or a shared secret, [`Error::JwkInvalid`],
///    [`Error::KeyUnsupported`], ...) that serves the algorithm
///    ([`Error::JwtAlgMismatch`]);
/// 2. everything [`jwt::verify`](crate::jwt::verify) checks, with that
///    key: `typ` `dpop+jwt` ([`Error::JwtTypInvalid`]), the signature
///    ([`Error::JwtSignatureMismatch`]), `jti` and `iat` present
///    ([`Error::JwtMissingClaim`]), `iat` within the window
///    ([`Error::JwtTooOld`], [`Error::JwtNotYetValid`]);
/// 3. `htm` and `htu` present strings ([`Error::JwtMissingClaim`],
///    [`Error::JwtClaimType`]), the request's method
///    ([`Error::DpopHtmMismatch`]) and URI ([`Error::DpopHtuMismatch`]);
/// 4. the server's nonce, when it gave one ([`Error::DpopNonceMismatch`]);
/// 5. the access token's hash, on a resource server
///    ([`Error::DpopAthMismatch`]);
/// 6. the key's thumbprint, when the token or the request is bound to one
///    ([`Error::DpopKeyMismatch`]);
/// 7. last, the `jti` not seen before ([`Error::DpopReplayed`], or the
///    cache's own error): only a proof that passed everything else takes
///    a place in the cache.
///
/// # Errors
///
/// The errors above. On any error `buf` holds nothing of the proof.
///
/// # Example
///
/// RFC 9449 figure 12's request to a resource server:
///
/// ```
/// # #[cfg(feature = "ecdsa")] {
/// use jeton::Error;
/// use jeton::oauth::{DpopValidation, Thumbprint, verify_proof};
/// use jeton::session::RevocationList;
///
/// let proof = b"eyJ0eXAiOiJkcG9wK2p3dCIsImFsZyI6IkVTMjU2IiwiandrIjp7Imt0eSI6IkVDIiwieCI6Imw4dEZyaHgtMzR0VjNoUklDUkRZOXpDa0RscEJoRjQyVVFVZldWQVdCRnMiLCJ5IjoiOVZFNGpmX09rX282NHpiVFRsY3VOSmFqSG10NnY5VERWclUwQ2R2R1JEQSIsImNydiI6IlAtMjU2In19.eyJqdGkiOiJlMWozVl9iS2ljOC1MQUVCIiwiaHRtIjoiR0VUIiwiaHR1IjoiaHR0cHM6Ly9yZXNvdXJjZS5leGFtcGxlLm9yZy9wcm90ZWN0ZWRyZXNvdXJjZSIsImlhdCI6MTU2MjI2MjYxOCwiYXRoIjoiZlVIeU8ycjJaM0RaNTNFc05yV0JiMHhXWG9hTnk1OUlpS0NBcWtzbVFFbyJ9.2oW9RP35yRqzhrtNP86L-Ey71EOptxRimPPToA1plemAgR6pxHF8y6-yqyVnmcw6Fy1dqd-jfxSYoMxhAJpLjA";
/// let access_token = b"Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU";
/// // The access token's `cnf.jkt` (RFC 9449 figure 8).
/// let jkt = Thumbprint::parse(b"0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I")?;
/// let v = DpopValidation::new(1_562_262_620, "GET", "https://resource.example.org/protectedresource")
///     .access_token(access_token, jkt);
/// let mut seen: RevocationList<64> = RevocationList::new();
/// let mut buf = [0u8; 512];
/// let checked = verify_proof(proof, &v, Some(&mut seen), &mut buf)?;
/// assert_eq!(checked.thumbprint(), jkt);
/// // The same proof again: a replay.
/// assert_eq!(verify_proof(proof, &v, Some(&mut seen), &mut buf).err(), Some(Error::DpopReplayed));
/// // The same proof for another URL.
/// let elsewhere = DpopValidation::new(1_562_262_620, "GET", "https://resource.example.org/other")
///     .access_token(access_token, jkt);
/// assert_eq!(verify_proof(proof, &elsewhere, None, &mut buf).err(), Some(Error::DpopHtuMismatch));
/// # }
/// # Ok::<(), jeton::Error>(())
/// ```
pub fn verify_proof<'b>(
    proof: &[u8],
    validation: &DpopValidation<'_>,
    replay: Option<&mut dyn ReplayCache>,
    buf: &'b mut [u8],
) -> Result<VerifiedProof<'b>, Error> {
    if proof.len() > validation.max_len {
        return Err(Error::JwtTooLong);
    }
    let embedded = embedded_key(proof, validation, buf).and_then(|key| {
        let thumbprint = Thumbprint::of(&key)?;
        Ok((KeySet::<1>::with_key(key)?, thumbprint))
    });
    let (keys, thumbprint) = match embedded {
        Ok(found) => found,
        Err(e) => {
            // The decoded header is public, but the promise is the same as
            // every verifier's: nothing of a refused token stays.
            let used = proof.len().min(buf.len());
            if let Some(decoded) = buf.get_mut(..used) {
                decoded.fill(0);
            }
            return Err(e);
        }
    };
    let token = verify_then(proof, &keys, &validation.jwt(), buf, |t| {
        validation.check(t, &thumbprint, replay)
    })?;
    Ok(VerifiedProof { token, thumbprint })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::RevocationList;

    /// RFC 9449 figure 2 (section 4.1): a proof for a token request.
    const FIGURE_2: &[u8] = b"eyJ0eXAiOiJkcG9wK2p3dCIsImFsZyI6IkVTMjU2IiwiandrIjp7Imt0eSI6IkVDIiwieCI6Imw4dEZyaHgtMzR0VjNoUklDUkRZOXpDa0RscEJoRjQyVVFVZldWQVdCRnMiLCJ5IjoiOVZFNGpmX09rX282NHpiVFRsY3VOSmFqSG10NnY5VERWclUwQ2R2R1JEQSIsImNydiI6IlAtMjU2In19.eyJqdGkiOiItQndDM0VTYzZhY2MybFRjIiwiaHRtIjoiUE9TVCIsImh0dSI6Imh0dHBzOi8vc2VydmVyLmV4YW1wbGUuY29tL3Rva2VuIiwiaWF0IjoxNTYyMjYyNjE2fQ.2-GxA6T8lP4vfrg8v-FdWP0A0zdrj8igiMLvqRMUvwnQg4PtFLbdLXiOSsX0x7NVY-FNyJK70nfbV37xRZT3Lg";

    /// RFC 9449 figure 6 (section 5): a later proof of the same key, for a
    /// refresh, with the same `jti` as figure 2.
    const FIGURE_6: &[u8] = b"eyJ0eXAiOiJkcG9wK2p3dCIsImFsZyI6IkVTMjU2IiwiandrIjp7Imt0eSI6IkVDIiwieCI6Imw4dEZyaHgtMzR0VjNoUklDUkRZOXpDa0RscEJoRjQyVVFVZldWQVdCRnMiLCJ5IjoiOVZFNGpmX09rX282NHpiVFRsY3VOSmFqSG10NnY5VERWclUwQ2R2R1JEQSIsImNydiI6IlAtMjU2In19.eyJqdGkiOiItQndDM0VTYzZhY2MybFRjIiwiaHRtIjoiUE9TVCIsImh0dSI6Imh0dHBzOi8vc2VydmVyLmV4YW1wbGUuY29tL3Rva2VuIiwiaWF0IjoxNTYyMjY1Mjk2fQ.pAqut2IRDm_De6PR93SYmGBPXpwrAk90e8cP2hjiaG5QsGSuKDYW7_X620BxqhvYC8ynrrvZLTk41mSRroapUA";

    /// The thumbprint of the RFC's key (section 6.1, figure 8).
    const JKT: &[u8] = b"0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I";

    #[cfg(feature = "ecdsa")]
    #[test]
    fn rfc_9449_token_request_proofs() {
        let jkt = Thumbprint::parse(JKT).unwrap();
        let mut buf = [0u8; 512];
        let at = |now| DpopValidation::new(now, "POST", "https://server.example.com/token");
        let p = verify_proof(FIGURE_2, &at(1_562_262_616), None, &mut buf).unwrap();
        assert_eq!(p.thumbprint(), jkt);
        assert!(p.jwt_id().eq_bytes(b"-BwC3ESc6acc2lTc"));
        assert_eq!(p.issued_at(), 1_562_262_616);
        assert_eq!(
            verify_proof(FIGURE_2, &at(1_562_262_616).bound_to(jkt), None, &mut buf)
                .map(|p| p.thumbprint()),
            Ok(jkt)
        );
        // Too old at the refresh, five minutes is the default window.
        assert_eq!(
            verify_proof(FIGURE_2, &at(1_562_265_296), None, &mut buf).err(),
            Some(Error::JwtTooOld)
        );
        assert_eq!(
            verify_proof(FIGURE_2, &at(1_562_262_615), None, &mut buf).err(),
            Some(Error::JwtNotYetValid)
        );
        assert!(buf.iter().all(|&b| b == 0));
        assert_eq!(
            verify_proof(FIGURE_2, &at(1_562_262_615).leeway(1), None, &mut buf).map(|_| ()),
            Ok(())
        );
        // The two proofs share a `jti`: a cache that saw the first refuses
        // the second while the first still counts.
        let mut seen: RevocationList<4> = RevocationList::new();
        let now = 1_562_265_296;
        let window = at(now).max_age(3_000);
        verify_proof(FIGURE_2, &window, Some(&mut seen), &mut buf).unwrap();
        assert_eq!(
            verify_proof(FIGURE_6, &window, Some(&mut seen), &mut buf).err(),
            Some(Error::DpopReplayed)
        );
        let mut fresh: RevocationList<4> = RevocationList::new();
        verify_proof(FIGURE_6, &at(now), Some(&mut fresh), &mut buf).unwrap();
        // A nonce the proof does not carry; a method or a URL of another
        // request; a proof of another key; an access token it was not made
        // for.
        let other = Thumbprint::parse(b"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").unwrap();
        for (v, e) in [
            (at(now).nonce(b"n"), Error::DpopNonceMismatch),
            (
                DpopValidation::new(now, "post", "https://server.example.com/token"),
                Error::DpopHtmMismatch,
            ),
            (
                DpopValidation::new(now, "POST", "https://server.example.com/authorize"),
                Error::DpopHtuMismatch,
            ),
            (at(now).bound_to(other), Error::DpopKeyMismatch),
            (at(now).access_token(b"token", jkt), Error::DpopAthMismatch),
            (
                at(now).algorithms(&[JwtAlgorithm::EdDSA]),
                Error::TokenAlgNotAllowed,
            ),
        ] {
            assert_eq!(verify_proof(FIGURE_6, &v, None, &mut buf).err(), Some(e));
        }
        assert_eq!(
            verify_proof(FIGURE_6, &at(now).max_len(100), None, &mut buf).err(),
            Some(Error::JwtTooLong)
        );
        assert_eq!(
            verify_proof(FIGURE_6, &at(now), None, &mut buf[..10]).err(),
            Some(Error::BufferTooSmall { needed: 262 })
        );
    }

    /// Proofs whose header reads, with its key, and which are refused
    /// later: the header decoded to find the key is wiped too.
    #[cfg(feature = "ecdsa")]
    #[test]
    fn a_refusal_after_the_header_was_read_leaves_nothing() {
        let dot = FIGURE_2.iter().position(|&b| b == b'.').unwrap();
        let mut not_base64 = FIGURE_2.to_vec();
        not_base64[dot + 5] = b'*';
        let mut four_parts = FIGURE_2.to_vec();
        four_parts[dot + 5] = b'.';
        let last = FIGURE_2.iter().rposition(|&b| b == b'.').unwrap();
        let unsigned = FIGURE_2[..=last].to_vec();
        let v = DpopValidation::new(1_562_262_616, "POST", "https://server.example.com/token");
        for (proof, e) in [
            (not_base64, Error::JwtPayloadBase64),
            (four_parts, Error::JwtMalformed),
            (unsigned, Error::JwtMalformed),
        ] {
            let mut buf = [0u8; 512];
            assert_eq!(verify_proof(&proof, &v, None, &mut buf).err(), Some(e));
            assert!(buf.iter().all(|&b| b == 0));
        }
    }
}
