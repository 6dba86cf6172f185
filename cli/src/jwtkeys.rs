//! The JWT key set of `jwt verify` and `jwt sign`: every key source read
//! (secrets, JWKs, JWK Sets, PEM keys), narrowed to `--alg`, given
//! `--kid` where it has none.
//!
//! `verify` takes public keys (and secrets), `sign` private ones (and
//! secrets): a private key offered to `verify` is refused rather than
//! quietly used, as jose refuses a JWK with private members where a public
//! one is expected, so a private key does not end up in a verifier's
//! configuration by habit (`jeton jwk public` gives the public half).

use crate::fail::{Failure, usage};
use crate::jsonv::J;
use crate::keys::{self, Document, Material, Pem, Secret, Source, describe};
use jeton::Error;
use jeton::jwt::{Family, JwtAlgorithm, JwtKey, KeySet};
use jeton::mac::HmacKey;

/// Most keys a JWT command holds, a JWK Set's counted one by one (a large
/// provider publishes around ten).
pub const MAX_JWT_KEYS: usize = 32;

/// What the keys are for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// `jwt verify`: public keys and secrets.
    Verify,
    /// `jwt sign`: private keys and secrets.
    Sign,
}

/// How the sources become keys.
#[derive(Clone, Copy, Debug)]
pub struct Options<'a> {
    /// `--alg`: secrets are keys of this HS algorithm (HS256 when not
    /// given), other keys are restricted to it and those that cannot serve
    /// it left out (a JWK Set's) or refused (a key given alone).
    pub alg: Option<JwtAlgorithm>,
    /// `--kid`, given to every key that has none.
    pub kid: Option<&'a str>,
    /// `--legacy-short-secret`: secrets shorter than RFC 7518 requires.
    pub legacy_short_secret: bool,
    /// Verify or sign.
    pub purpose: Purpose,
}

/// Where one key of the set came from.
#[derive(Clone, Debug)]
pub struct KeyInfo {
    /// The source (`--key-file jwks.json`).
    pub source: String,
    /// As messages name it (`key 2 (--key-file jwks.json)`).
    pub label: String,
}

/// What one source gave.
#[derive(Clone, Debug)]
pub struct Report {
    /// The source (`--key-file jwks.json`).
    pub source: String,
    /// As messages name it (`key 2 (--key-file jwks.json)`).
    pub label: String,
    /// `secret`, `JWK`, `JWK Set` or `PEM ...`.
    pub format: String,
    /// Keys added to the set.
    pub loaded: usize,
    /// Keys of a JWK Set that jeton does not use (types, curves,
    /// algorithms it does not implement; RSA below 2048 bits; secrets).
    pub skipped: usize,
    /// Keys of a JWK Set left out because they cannot serve `--alg`.
    pub left_out: usize,
    /// Loaded keys whose JWK `use` or `key_ops` do not allow verifying.
    pub not_for_verify: usize,
}

impl Report {
    /// The report as JSON.
    pub fn to_json(&self) -> J {
        let mut o = vec![
            ("source".to_owned(), J::str(&self.source)),
            ("format".to_owned(), J::str(&self.format)),
            ("loaded".to_owned(), J::int(self.loaded as i64)),
        ];
        if self.format == "JWK Set" {
            o.push(("skipped".to_owned(), J::int(self.skipped as i64)));
            o.push(("left_out_by_alg".to_owned(), J::int(self.left_out as i64)));
        }
        if self.not_for_verify > 0 {
            o.push((
                "not_for_verify".to_owned(),
                J::int(self.not_for_verify as i64),
            ));
        }
        J::Obj(o)
    }

    /// One line for people, for a JWK Set.
    pub fn line(&self) -> String {
        let mut s = format!(
            "{}: JWK Set, {} {} loaded",
            self.label,
            self.loaded,
            if self.loaded == 1 { "key" } else { "keys" }
        );
        if self.not_for_verify > 0 {
            s.push_str(&format!(
                " ({} not for verifying: use/key_ops)",
                self.not_for_verify
            ));
        }
        s.push_str(&format!(
            ", {} skipped (types, curves or algorithms jeton does not use)",
            self.skipped
        ));
        if self.left_out > 0 {
            s.push_str(&format!(", {} left out by --alg", self.left_out));
        }
        s
    }
}

/// The keys of one command.
#[derive(Debug)]
pub struct JwtKeys {
    /// The set, in command-line order (a JWK Set's keys in its order).
    pub set: Box<KeySet<MAX_JWT_KEYS>>,
    /// Where each key of `set` came from, index for index.
    pub info: Vec<KeyInfo>,
    /// One per source.
    pub reports: Vec<Report>,
    /// Warnings to show (short secrets accepted).
    pub warnings: Vec<String>,
}

impl JwtKeys {
    /// The reports as a JSON array.
    pub fn reports_json(&self) -> J {
        J::Arr(self.reports.iter().map(Report::to_json).collect())
    }
}

/// The key type of a key, for messages: `HS256 secret`, `EC P-256 key`,
/// `Ed25519 key`, `RSA key`.
pub fn key_type(key: &JwtKey) -> String {
    match key.algorithm().family() {
        Family::Hmac => format!("{} secret", key.algorithm().name()),
        Family::Ecdsa if key_serves(key, JwtAlgorithm::ES256) => "EC P-256 key".to_owned(),
        Family::Ecdsa => "EC P-384 key".to_owned(),
        Family::EdDsa => "Ed25519 key".to_owned(),
        _ => "RSA key".to_owned(),
    }
}

/// Whether the key's family serves `alg` (whatever it is restricted to).
fn key_serves(key: &JwtKey, alg: JwtAlgorithm) -> bool {
    key.clone().with_alg(alg).is_ok()
}

/// The algorithms a key verifies (or signs with) as it stands.
pub fn algorithms(key: &JwtKey) -> Vec<&'static str> {
    JwtAlgorithm::ALL
        .iter()
        .filter(|a| key.fits(**a))
        .map(|a| a.name())
        .collect()
}

/// The kind of key an algorithm needs, for messages.
fn needs(alg: JwtAlgorithm) -> &'static str {
    match alg.family() {
        Family::Hmac => "an HMAC secret",
        Family::Ecdsa if alg == JwtAlgorithm::ES256 => "an EC P-256 key",
        Family::Ecdsa => "an EC P-384 key",
        Family::EdDsa => "an Ed25519 key",
        _ => "an RSA key",
    }
}

/// Reads every source into one key set.
pub fn load(sources: &[Source], opts: &Options<'_>) -> Result<JwtKeys, Failure> {
    if sources.is_empty() {
        return Err(usage("no key: give --key, --key-file or --key-env"));
    }
    let mut out = JwtKeys {
        set: Box::new(KeySet::new()),
        info: Vec::new(),
        reports: Vec::new(),
        warnings: Vec::new(),
    };
    for (i, source) in sources.iter().enumerate() {
        let what = format!("key {} ({})", i + 1, describe(source));
        let material = keys::load(source)?;
        let mut report = Report {
            source: describe(source),
            label: what.clone(),
            format: keys::kind_name(&material),
            loaded: 0,
            skipped: 0,
            left_out: 0,
            not_for_verify: 0,
        };
        let single = match &material {
            Material::Secret(secret) => Some(secret_key(secret, opts, &what, &mut out.warnings)?),
            Material::Jwk(doc) => Some(jwk_key(doc, opts, &what)?),
            Material::Pem(pem) => Some(pem_key(pem, opts, &what)?),
            Material::Jwks(doc) => {
                jwks_keys(doc, opts, &what, &mut report, &mut out)?;
                None
            }
        };
        if let Some(key) = single {
            if let Some(alg) = opts.alg
                && !key.fits(alg)
            {
                return Err(usage(format!(
                    "{what}: an {} for {}, and --alg {} takes {}",
                    key_type(&key),
                    algorithms(&key).join(", "),
                    alg.name(),
                    needs(alg)
                )));
            }
            let key = narrow(key, opts).ok_or_else(|| usage(format!("{what}: unusable")))?;
            report.not_for_verify += usize::from(!key.may_verify());
            push(&mut out, key, &report)?;
            report.loaded = 1;
        }
        out.reports.push(report);
    }
    if out.set.keys().is_empty() {
        return Err(usage(match opts.alg {
            Some(alg) => format!("no key serves --alg {}", alg.name()),
            None => "no usable key: the JWK Sets held none jeton uses".to_owned(),
        }));
    }
    Ok(out)
}

/// Adds a key, with where it came from.
fn push(out: &mut JwtKeys, key: JwtKey, from: &Report) -> Result<(), Failure> {
    out.set.push(key).map_err(|_| {
        usage(format!(
            "at most {MAX_JWT_KEYS} keys (a JWK Set counts each key it loads)"
        ))
    })?;
    out.info.push(KeyInfo {
        source: from.source.clone(),
        label: from.label.clone(),
    });
    Ok(())
}

/// The key restricted to `--alg` and given `--kid`; `None` when it cannot
/// serve `--alg`.
fn narrow(key: JwtKey, opts: &Options<'_>) -> Option<JwtKey> {
    let key = match opts.alg {
        Some(alg) if !key.fits(alg) => return None,
        Some(alg) => key.with_alg(alg).ok()?,
        None => key,
    };
    match opts.kid {
        // `--kid` is checked to fit (64 bytes) before the keys are read.
        Some(kid) if key.kid().is_none() => key.with_kid(kid).ok(),
        _ => Some(key),
    }
}

/// An HMAC secret as a JWT key.
fn secret_key(
    secret: &Secret,
    opts: &Options<'_>,
    what: &str,
    warnings: &mut Vec<String>,
) -> Result<JwtKey, Failure> {
    let alg = opts.alg.unwrap_or(JwtAlgorithm::HS256);
    let Some(mac) = alg.mac() else {
        return Err(usage(format!(
            "{what}: an HMAC secret, and --alg {} takes {} (a JWK or PEM key)",
            alg.name(),
            needs(alg)
        )));
    };
    let len = secret.bytes().len();
    if len == 0 {
        return Err(usage(format!(
            "{what}: an empty secret never signs or verifies a JWT"
        )));
    }
    let short = len < mac.tag_len();
    let rule = format!(
        "{len} bytes, shorter than the {} bytes RFC 7518 section 3.2 requires for {}",
        mac.tag_len(),
        alg.name()
    );
    if short && !opts.legacy_short_secret {
        return Err(usage(format!(
            "{what}: {rule}; --legacy-short-secret accepts it, for a deployment \
             that cannot change its secret yet"
        )));
    }
    let hmac = HmacKey::new(mac, secret.bytes());
    let key = if short {
        warnings.push(format!("{what}: {rule} (--legacy-short-secret)"));
        JwtKey::legacy_hmac(hmac)
    } else {
        JwtKey::new(hmac)
    };
    key.map_err(|e| key_failure(what, e))
}

/// A JWK: public for `verify`, private for `sign`; an `oct` secret for
/// both.
fn jwk_key(doc: &Document, opts: &Options<'_>, what: &str) -> Result<JwtKey, Failure> {
    let kty = doc.kty();
    let secret = kty.as_deref() == Some("oct");
    let private = doc.has_private_members();
    match opts.purpose {
        Purpose::Verify if private && !secret => {
            return Err(usage(format!(
                "{what}: a private JWK (it has private members); verify takes the \
                 public key, which `jeton jwk public` prints"
            )));
        }
        Purpose::Sign if kty.as_deref() == Some("RSA") => {
            return Err(usage(format!(
                "{what}: an RSA key; jeton signs with HMAC secrets, EC P-256 and \
                 P-384 keys and Ed25519 keys (RSA keys verify)"
            )));
        }
        Purpose::Sign if !private && !secret => {
            return Err(usage(format!(
                "{what}: a public JWK cannot sign; give the private JWK (with d)"
            )));
        }
        _ => {}
    }
    let key = if secret || opts.purpose == Purpose::Sign {
        JwtKey::from_private_jwk(doc.bytes())
    } else {
        JwtKey::from_jwk(doc.bytes())
    };
    key.map_err(|e| match e {
        Error::KeyUnsupported
            if doc
                .member("alg")
                .is_some_and(|a| JwtAlgorithm::from_name(a.as_bytes()).is_some()) =>
        {
            usage(format!(
                "{what}: the JWK's alg {} is not an algorithm of its key (kty {}{}) \
                 (KeyUnsupported)",
                doc.member("alg").unwrap_or_default(),
                kty.as_deref().unwrap_or("?"),
                doc.member("crv")
                    .map_or_else(String::new, |c| format!(", crv {c}"))
            ))
        }
        Error::KeyTooWeak if secret => usage(format!(
            "{what}: the JWK's secret is shorter than RFC 7518 section 3.2 requires \
             for its alg; a legacy short secret is given as base64url:<k> with \
             --legacy-short-secret"
        )),
        e => key_failure(what, e),
    })
}

/// The keys of a JWK Set (public keys: `verify` only).
fn jwks_keys(
    doc: &Document,
    opts: &Options<'_>,
    what: &str,
    report: &mut Report,
    out: &mut JwtKeys,
) -> Result<(), Failure> {
    if opts.purpose == Purpose::Sign {
        return Err(usage(format!(
            "{what}: a JWK Set holds public keys, which cannot sign; give a \
             private JWK or PEM key"
        )));
    }
    let mut read: Box<KeySet<MAX_JWT_KEYS>> = Box::new(KeySet::new());
    let summary = read.extend_from_jwks(doc.bytes()).map_err(|e| match e {
        Error::CapacityExceeded => usage(format!(
            "{what}: more than {MAX_JWT_KEYS} keys jeton would use"
        )),
        e => key_failure(what, e),
    })?;
    report.skipped = summary.skipped;
    for key in read.keys() {
        match narrow(key.clone(), opts) {
            Some(key) => {
                report.not_for_verify += usize::from(!key.may_verify());
                push(out, key, report)?;
                report.loaded += 1;
            }
            None => report.left_out += 1,
        }
    }
    Ok(())
}

/// A PEM key: `PUBLIC KEY` for `verify`, `PRIVATE KEY` or `EC PRIVATE
/// KEY` for `sign`.
fn pem_key(pem: &Pem, opts: &Options<'_>, what: &str) -> Result<JwtKey, Failure> {
    let refuse = |why: &str| Err(usage(format!("{what}: {why}")));
    match (pem.label.as_str(), opts.purpose) {
        ("PUBLIC KEY", Purpose::Verify) => {
            JwtKey::from_pem(pem.bytes()).map_err(|e| key_failure(what, e))
        }
        ("PRIVATE KEY" | "EC PRIVATE KEY", Purpose::Sign) => JwtKey::from_private_pem(pem.bytes())
            .map_err(|e| match e {
                Error::KeyUnsupported => usage(format!(
                    "{what}: a private key jeton does not sign with; it signs with \
                     EC P-256 and P-384 keys and Ed25519 keys (RSA keys verify)"
                )),
                e => key_failure(what, e),
            }),
        ("PUBLIC KEY", Purpose::Sign) => refuse(
            "a public key cannot sign; give its private key (PEM PRIVATE KEY or EC PRIVATE KEY)",
        ),
        ("PRIVATE KEY" | "EC PRIVATE KEY", Purpose::Verify) => refuse(
            "a private key; verify takes the public key, which `jeton jwk public --pem` prints",
        ),
        ("RSA PUBLIC KEY", _) => refuse(
            "a PKCS#1 RSA PUBLIC KEY; jeton reads PUBLIC KEY (SubjectPublicKeyInfo): \
             `openssl rsa -RSAPublicKey_in -pubout` converts it",
        ),
        ("RSA PRIVATE KEY", _) => refuse(
            "an RSA private key: jeton does not sign with RSA; to verify, give its \
             public key (`openssl rsa -pubout`)",
        ),
        ("ENCRYPTED PRIVATE KEY", _) => {
            refuse("an encrypted private key: decrypt it first (`openssl pkey -in KEY`)")
        }
        ("CERTIFICATE", _) => refuse(
            "a certificate; jeton reads its public key: `openssl x509 -pubkey -noout -in CERT`",
        ),
        ("OPENSSH PRIVATE KEY", _) => {
            refuse("an OpenSSH private key; jeton reads PKCS#8 PEM (PRIVATE KEY)")
        }
        _ => refuse(
            "a PEM block jeton does not read; it reads PUBLIC KEY, PRIVATE KEY and EC PRIVATE KEY",
        ),
    }
}

/// A key the core refused, as a usage error that says why.
pub fn key_failure(what: &str, e: Error) -> Failure {
    let why = match e {
        Error::KeyTooWeak => "too weak for its algorithm (an RSA modulus below 2048 bits)",
        Error::KeyUnsupported => {
            "a key type, curve or alg jeton does not implement (it has HS256/384/512, \
             ES256, ES384, EdDSA with Ed25519, RS256/384/512, PS256/384/512)"
        }
        Error::KeyMalformed => {
            "the key material is not a key of its type (a point off the curve, a \
             coordinate of the wrong length, a private key that does not match its \
             public members)"
        }
        Error::JwkInvalid => {
            "not a valid JWK (a member missing, of the wrong type, or not base64url)"
        }
        Error::JwkSetInvalid => "not a valid JWK Set (keys must be an array of objects)",
        Error::JwkPrivateMembers => "a public key that holds private members",
        Error::PemInvalid => "not a PEM key jeton reads (its label or its DER)",
        Error::JwtKeyInvalid => "a kid longer than 64 bytes, or a key that cannot serve its alg",
        _ => e.as_str(),
    };
    usage(format!("{what}: {why} ({})", e.name()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts(purpose: Purpose) -> Options<'static> {
        Options {
            alg: None,
            kid: None,
            legacy_short_secret: false,
            purpose,
        }
    }

    #[test]
    fn short_secrets_need_the_legacy_flag() {
        // jwt.io's example secret: 19 bytes, under HS256's 32.
        let source = [Source::Arg("your-256-bit-secret".to_owned())];
        assert!(matches!(
            load(&source, &opts(Purpose::Verify)),
            Err(Failure::Usage(m)) if m.contains("--legacy-short-secret")
        ));
        let legacy = Options {
            legacy_short_secret: true,
            ..opts(Purpose::Verify)
        };
        let keys = load(&source, &legacy).unwrap();
        assert_eq!(keys.set.keys().len(), 1);
        assert_eq!(keys.warnings.len(), 1);
        let empty = [Source::Arg("text:".to_owned())];
        assert!(load(&empty, &legacy).is_err());
    }

    #[test]
    fn secrets_refuse_asymmetric_algorithms() {
        let source = [Source::Arg(
            "a secret of at least thirty-two bytes".to_owned(),
        )];
        let es256 = Options {
            alg: Some(JwtAlgorithm::ES256),
            ..opts(Purpose::Verify)
        };
        assert!(matches!(load(&source, &es256), Err(Failure::Usage(m)) if m.contains("P-256")));
    }
}
