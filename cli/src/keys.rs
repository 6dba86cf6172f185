//! Keys from `--key`, `--key-file` and `--key-env`, in the order given
//! (the first signs), and what each holds.
//!
//! A source holds one of:
//!
//! - a PEM document (it has a line starting `-----BEGIN `): a `PUBLIC KEY`
//!   (SubjectPublicKeyInfo), a `PRIVATE KEY` (PKCS#8) or an `EC PRIVATE
//!   KEY` (SEC1), text before and after the block ignored;
//! - a JSON object: a JWK when it has `kty`, a JWK Set when it has `keys`;
//! - otherwise an HMAC secret, written as:
//!   - `hex:00ff...`: hexadecimal;
//!   - `b64:...` or `base64:...`: standard base64, padded or not;
//!   - `base64url:...` or `b64url:...`: URL-safe base64, padded or not;
//!   - `text:...`: the text after the prefix, as it is;
//!   - anything else: the text itself (UTF-8 bytes).
//!
//! The content decides, never an option: a secret that starts like PEM or
//! JSON is refused unless written with a prefix (`text:{...}`), so no
//! text is ever read both ways. That is also what keeps a public key from
//! being used as an HMAC secret (how algorithm-confusion attacks work):
//! PEM and JWK text only ever makes a key of its own family, and a command
//! that takes secrets only (keygrip, cookie-signature) refuses it.
//!
//! `--key-env VAR` reads the same from an environment variable.
//! `--key-file PATH` reads a file: a key document or a prefixed secret,
//! or else its bytes as they are, except that one line ending after
//! printable text is dropped (`echo secret > key` writes one).
//!
//! Base64 secrets are decoded in constant time (`base64ct`), and every
//! secret and private key text the CLI holds is wiped when dropped. Key
//! material is never printed.

use crate::fail::{Failure, io, usage};
use base64ct::{Base64, Base64Unpadded, Base64Url, Base64UrlUnpadded, Encoding};
use clap::{ArgMatches, Args};
use jeton::mac::{Algorithm, HmacKey, KeyRing};
use std::fmt;
use std::path::PathBuf;
use zeroize::Zeroizing;

/// Most keys one command takes: a JWT key set or an HMAC key ring.
pub const MAX_KEYS: usize = 16;

/// The key options every command that signs or verifies takes.
#[derive(Args, Default, Clone)]
pub struct KeyArgs {
    /// A key, told by its content: a secret (hex:..., b64:..., base64url:...,
    /// text:... or plain text) or, for JWTs, a JWK, a JWK Set or a PEM key
    /// (--key=... for one that starts with a dash). Repeat for a key ring
    /// (the first signs, every one verifies). Seen by other users in the
    /// process list: prefer --key-file or --key-env
    #[arg(long = "key", value_name = "KEY")]
    pub key: Vec<String>,
    /// A file holding a key: a JWK, a JWK Set or PEM (for JWTs), or a secret
    /// (raw bytes, or text in the --key syntax)
    #[arg(long = "key-file", value_name = "PATH")]
    pub key_file: Vec<PathBuf>,
    /// An environment variable holding a key, as --key
    #[arg(long = "key-env", value_name = "VAR")]
    pub key_env: Vec<String>,
}

/// Secrets stay out of debug output.
impl fmt::Debug for KeyArgs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("KeyArgs")
            .field("key", &format_args!("[{} hidden]", self.key.len()))
            .field("key_file", &self.key_file)
            .field("key_env", &self.key_env)
            .finish()
    }
}

/// Where one key comes from.
#[derive(Clone)]
pub enum Source {
    /// `--key`
    Arg(String),
    /// `--key-file`
    File(PathBuf),
    /// `--key-env`
    Env(String),
}

impl fmt::Debug for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Arg(_) => f.write_str("--key (hidden)"),
            Source::File(p) => write!(f, "--key-file {}", p.display()),
            Source::Env(v) => write!(f, "--key-env {v}"),
        }
    }
}

impl KeyArgs {
    /// The sources in command-line order; `matches` are the matches of the
    /// subcommand these arguments belong to.
    pub fn sources(&self, matches: &ArgMatches) -> Vec<Source> {
        // Where each value stood on the command line (every value given
        // has an index; the fallback only keeps the kinds apart).
        let indices = |id: &str| -> Vec<usize> {
            match matches.try_get_raw(id) {
                Ok(Some(_)) => matches
                    .indices_of(id)
                    .map(Iterator::collect)
                    .unwrap_or_default(),
                _ => Vec::new(),
            }
        };
        let at = |positions: &[usize], i: usize| positions.get(i).copied().unwrap_or(usize::MAX);
        let (key_at, file_at, env_at) = (indices("key"), indices("key_file"), indices("key_env"));
        let mut all: Vec<(usize, Source)> = Vec::new();
        for (i, v) in self.key.iter().enumerate() {
            all.push((at(&key_at, i), Source::Arg(v.clone())));
        }
        for (i, v) in self.key_file.iter().enumerate() {
            all.push((at(&file_at, i), Source::File(v.clone())));
        }
        for (i, v) in self.key_env.iter().enumerate() {
            all.push((at(&env_at, i), Source::Env(v.clone())));
        }
        // Stable: values without an index keep their kind's order.
        all.sort_by_key(|(i, _)| *i);
        all.into_iter().map(|(_, s)| s).collect()
    }
}

/// Secret bytes, wiped when dropped.
pub struct Secret(Zeroizing<Vec<u8>>);

impl Secret {
    /// The bytes.
    pub fn bytes(&self) -> &[u8] {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Secret({} bytes)", self.0.len())
    }
}

/// What a key source holds.
#[derive(Debug)]
pub enum Material {
    /// An HMAC secret.
    Secret(Secret),
    /// A JSON Web Key (an object with `kty`), as written.
    Jwk(Document),
    /// A JWK Set (an object with `keys`), as written.
    Jwks(Document),
    /// The first PEM block of the source.
    Pem(Pem),
}

/// The text of a key document, wiped when dropped (a private JWK holds
/// its private members).
pub struct Document(Zeroizing<Vec<u8>>);

impl Document {
    /// The bytes.
    pub fn bytes(&self) -> &[u8] {
        &self.0
    }

    /// The `kty` of a JWK, when it is a plain string.
    pub fn kty(&self) -> Option<String> {
        self.member("kty")
    }

    /// A public member of a JWK (`kty`, `crv`, `alg`...), when it is a plain
    /// string.
    pub fn member(&self, name: &str) -> Option<String> {
        let doc = jeton::json::parse(self.bytes()).ok()?;
        doc.get(name)?.as_str()?.as_plain().map(str::to_owned)
    }

    /// Whether the JWK has private members (`d`, or RSA's).
    pub fn has_private_members(&self) -> bool {
        jeton::json::parse(self.bytes()).is_ok_and(|doc| {
            ["d", "p", "q", "dp", "dq", "qi", "oth"]
                .iter()
                .any(|m| doc.get(m).is_some())
        })
    }
}

impl fmt::Debug for Document {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Document({} bytes)", self.0.len())
    }
}

/// One PEM block: its label and its text from `-----BEGIN` to the end of
/// the `-----END` line, wiped when dropped.
pub struct Pem {
    /// The label: `PUBLIC KEY`, `PRIVATE KEY`, `EC PRIVATE KEY`, ...
    pub label: String,
    text: Zeroizing<Vec<u8>>,
}

impl Pem {
    /// The block's text.
    pub fn bytes(&self) -> &[u8] {
        &self.text
    }

    /// Whether the block holds a private key (by its label).
    pub fn is_private(&self) -> bool {
        self.label.ends_with("PRIVATE KEY")
    }
}

impl fmt::Debug for Pem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Pem({})", self.label)
    }
}

/// The raw bytes of a source, and whether they came from a file (whose
/// bytes may be a raw secret).
fn read_source(source: &Source) -> Result<(Zeroizing<Vec<u8>>, bool), Failure> {
    Ok(match source {
        Source::Arg(v) => (Zeroizing::new(v.as_bytes().to_vec()), false),
        Source::Env(var) => match std::env::var_os(var) {
            Some(v) => (Zeroizing::new(v.into_encoded_bytes()), false),
            None => return Err(usage(format!("--key-env {var}: the variable is not set"))),
        },
        Source::File(path) => {
            let bytes = Zeroizing::new(std::fs::read(path).map_err(|e| {
                io(format!(
                    "--key-file {}: cannot read it: {e}",
                    path.display()
                ))
            })?);
            (bytes, true)
        }
    })
}

/// Reads one source.
pub fn load(source: &Source) -> Result<Material, Failure> {
    let (mut bytes, from_file) = read_source(source)?;
    let what = describe(source);
    // A file of binary bytes is a raw secret, whatever its first byte.
    let binary = from_file && !is_text(&bytes);
    if !has_prefix(&bytes) && !binary && is_structured(&bytes) {
        return document(bytes, &what);
    }
    if from_file {
        if !has_prefix(&bytes) && looks_like_text_line(&bytes) {
            crate::input::strip_line_end(&mut bytes);
        }
        if !has_prefix(&bytes) {
            return Ok(Material::Secret(Secret(bytes)));
        }
    }
    decode_secret(&bytes)
        .map(Material::Secret)
        .map_err(|e| usage(format!("{what}: {e}")))
}

/// A key document: PEM, a JWK or a JWK Set; anything else is refused.
pub fn document(bytes: Zeroizing<Vec<u8>>, what: &str) -> Result<Material, Failure> {
    if let Some(pem) = pem_block(&bytes) {
        return Ok(Material::Pem(pem));
    }
    if !is_json_object(&bytes) {
        return Err(usage(format!(
            "{what}: not a key: a JWK, a JWK Set (JSON) or a PEM block"
        )));
    }
    json_key(bytes, what)
}

/// A JWK or a JWK Set.
fn json_key(bytes: Zeroizing<Vec<u8>>, what: &str) -> Result<Material, Failure> {
    let kind = match jeton::json::parse(&*bytes) {
        Err(e) => Err(format!(
            "starts like JSON but is not JSON ({}); a secret that really starts \
             with {{ is written text:{{...",
            e.as_str()
        )),
        Ok(doc) if doc.get("keys").is_some() => Ok(true),
        Ok(doc) if doc.get("kty").is_some() => Ok(false),
        Ok(_) => Err("a JSON object that is neither a JWK (no kty) nor a JWK Set (no keys)".into()),
    };
    match kind {
        Ok(true) => Ok(Material::Jwks(Document(bytes))),
        Ok(false) => Ok(Material::Jwk(Document(bytes))),
        Err(e) => Err(usage(format!("{what}: {e}"))),
    }
}

/// The first PEM block of a key: from a line that starts `-----BEGIN ` to
/// the end of its `-----END ` line. RFC 7468 lets text surround it (as
/// `openssl pkey -text` and PKCS#12 exports write), and the `EC
/// PARAMETERS` block `openssl ecparam -genkey` writes first is passed
/// over.
fn pem_block(bytes: &[u8]) -> Option<Pem> {
    let mut from = 0;
    loop {
        let rest = &bytes[from..];
        let begin = lines(rest)
            .find(|&(at, _)| rest[at..].starts_with(b"-----BEGIN "))?
            .0;
        let block = &rest[begin..];
        let first_line = block.split(|&b| b == b'\n').next().unwrap_or(block);
        // Only labels of key documents are kept: text that merely starts
        // like PEM may be a secret, and messages show the label.
        let label = first_line
            .trim_ascii_end()
            .strip_prefix(b"-----BEGIN ")
            .and_then(|l| l.strip_suffix(b"-----"))
            .and_then(|l| KNOWN_LABELS.iter().find(|k| k.as_bytes() == l))
            .map_or_else(|| "block".to_owned(), |l| (*l).to_owned());
        // The block ends with the line of its END boundary; without one
        // the whole rest goes to the decoder, which refuses it.
        let end = lines(block)
            .find(|&(at, _)| block[at..].starts_with(b"-----END "))
            .map_or(block.len(), |(_, line_end)| line_end);
        if label == "EC PARAMETERS" && end < block.len() {
            from += begin + end;
            continue;
        }
        return Some(Pem {
            label,
            text: Zeroizing::new(block[..end].to_vec()),
        });
    }
}

/// The PEM labels a key may come under (RFC 7468, and OpenSSL's
/// traditional ones), named in messages.
const KNOWN_LABELS: [&str; 9] = [
    "PUBLIC KEY",
    "PRIVATE KEY",
    "EC PRIVATE KEY",
    "ENCRYPTED PRIVATE KEY",
    "RSA PUBLIC KEY",
    "RSA PRIVATE KEY",
    "CERTIFICATE",
    "OPENSSH PRIVATE KEY",
    "EC PARAMETERS",
];

/// The start and end (after its line ending) of each line.
fn lines(bytes: &[u8]) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut at = 0;
    std::iter::from_fn(move || {
        if at >= bytes.len() {
            return None;
        }
        let start = at;
        let end = bytes[start..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(bytes.len(), |i| start + i + 1);
        at = end;
        Some((start, end))
    })
}

/// UTF-8 without control characters other than white space.
fn is_text(bytes: &[u8]) -> bool {
    std::str::from_utf8(bytes).is_ok_and(|s| {
        !s.chars()
            .any(|c| c.is_control() && !c.is_ascii_whitespace())
    })
}

/// A JSON object, by its first character.
fn is_json_object(bytes: &[u8]) -> bool {
    bytes.trim_ascii_start().starts_with(b"{")
}

/// How a source is named in messages (never with the secret).
pub fn describe(source: &Source) -> String {
    format!("{source:?}")
}

/// What a material is, for messages.
pub fn kind_name(m: &Material) -> String {
    match m {
        Material::Secret(_) => "secret".to_owned(),
        Material::Jwk(_) => "JWK".to_owned(),
        Material::Jwks(_) => "JWK Set".to_owned(),
        Material::Pem(p) => format!("PEM {}", p.label),
    }
}

/// The prefixes of the secret syntax.
const PREFIXES: [&str; 7] = [
    "hex:",
    "b64:",
    "base64:",
    "base64url:",
    "b64url:",
    "text:",
    "raw:",
];

fn has_prefix(bytes: &[u8]) -> bool {
    PREFIXES.iter().any(|p| bytes.starts_with(p.as_bytes()))
}

/// A PEM block or a JSON object: a key document, never a secret.
fn is_structured(bytes: &[u8]) -> bool {
    is_json_object(bytes) || pem_block(bytes).is_some()
}

/// Printable UTF-8 with at most one line ending at the end.
fn looks_like_text_line(bytes: &[u8]) -> bool {
    let mut body = bytes.to_vec();
    crate::input::strip_line_end(&mut body);
    let printable = std::str::from_utf8(&body).is_ok_and(|s| !s.chars().any(char::is_control));
    zeroize::Zeroize::zeroize(&mut body);
    printable
}

/// Decodes a secret written in the `--key` syntax.
pub fn decode_secret(text: &[u8]) -> Result<Secret, String> {
    let after = |p: &str| text.strip_prefix(p.as_bytes());
    let trimmed = |b: &[u8]| -> Result<String, String> {
        std::str::from_utf8(b.trim_ascii())
            .map(str::to_owned)
            .map_err(|_| "not ASCII".to_owned())
    };
    let bytes = if let Some(hex) = after("hex:") {
        decode_hex(trimmed(hex)?.as_bytes())?
    } else if let Some(b64) = after("b64:").or_else(|| after("base64:")) {
        let s = Zeroizing::new(trimmed(b64)?);
        let decoded = if s.ends_with('=') {
            Base64::decode_vec(&s)
        } else {
            Base64Unpadded::decode_vec(&s)
        };
        decoded.map_err(|_| "b64: holds no valid standard base64".to_owned())?
    } else if let Some(b64) = after("base64url:").or_else(|| after("b64url:")) {
        let s = Zeroizing::new(trimmed(b64)?);
        let decoded = if s.ends_with('=') {
            Base64Url::decode_vec(&s)
        } else {
            Base64UrlUnpadded::decode_vec(&s)
        };
        decoded.map_err(|_| "base64url: holds no valid URL-safe base64".to_owned())?
    } else if let Some(raw) = after("text:").or_else(|| after("raw:")) {
        raw.to_vec()
    } else {
        text.to_vec()
    };
    Ok(Secret(Zeroizing::new(bytes)))
}

/// Hexadecimal, either case, an even number of digits.
fn decode_hex(s: &[u8]) -> Result<Vec<u8>, String> {
    if !s.len().is_multiple_of(2) {
        return Err("hex: needs an even number of digits".to_owned());
    }
    let digit = |c: u8| match c {
        b'0'..=b'9' => Ok(c - b'0'),
        b'a'..=b'f' => Ok(c - b'a' + 10),
        b'A'..=b'F' => Ok(c - b'A' + 10),
        _ => Err("hex: holds a character that is not a hexadecimal digit".to_owned()),
    };
    s.chunks_exact(2)
        .map(|pair| Ok((digit(pair[0])? << 4) | digit(pair[1])?))
        .collect()
}

/// Loads every source as an HMAC secret.
pub fn secrets(sources: &[Source]) -> Result<Vec<Secret>, Failure> {
    if sources.is_empty() {
        return Err(usage("no key: give --key, --key-file or --key-env"));
    }
    if sources.len() > MAX_KEYS {
        return Err(usage(format!("at most {MAX_KEYS} keys")));
    }
    sources
        .iter()
        .map(|s| match load(s)? {
            Material::Secret(secret) => Ok(secret),
            other => Err(usage(format!(
                "{}: this is a {}, and this command takes HMAC secrets only; a key \
                 document is never used as a secret. A secret that really starts like \
                 this: prefix it with text:",
                describe(s),
                kind_name(&other)
            ))),
        })
        .collect()
}

/// An HMAC key ring of `algorithm` from the sources.
pub fn hmac_ring(sources: &[Source], algorithm: Algorithm) -> Result<KeyRing<MAX_KEYS>, Failure> {
    let mut ring = KeyRing::new();
    for secret in secrets(sources)? {
        ring.push(HmacKey::new(algorithm, secret.bytes()))
            .map_err(|_| usage(format!("at most {MAX_KEYS} keys")))?;
    }
    Ok(ring)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decoded(s: &str) -> Result<Vec<u8>, String> {
        decode_secret(s.as_bytes()).map(|s| s.bytes().to_vec())
    }

    #[test]
    fn reads_the_secret_syntax() {
        assert_eq!(decoded("hex:00fF10"), Ok(vec![0, 255, 16]));
        assert!(decoded("hex:0").is_err());
        assert!(decoded("hex:zz").is_err());
        assert_eq!(decoded("b64:AP8Q"), Ok(vec![0, 255, 16]));
        assert_eq!(decoded("base64:YQ=="), Ok(b"a".to_vec()));
        assert_eq!(decoded("b64:YQ"), Ok(b"a".to_vec()));
        assert!(decoded("b64:Y").is_err());
        assert_eq!(decoded("base64url:_-8"), Ok(vec![0xff, 0xef]));
        assert!(decoded("b64:_-8").is_err());
        assert_eq!(decoded("text:hex:ab"), Ok(b"hex:ab".to_vec()));
        assert_eq!(decoded("secret"), Ok(b"secret".to_vec()));
    }

    #[test]
    fn tells_key_documents_from_secrets() {
        let load_arg = |s: &str| load(&Source::Arg(s.to_owned()));
        assert!(matches!(
            load_arg("-----BEGIN PUBLIC KEY-----\nMCow\n-----END PUBLIC KEY-----\n"),
            Ok(Material::Pem(p)) if p.label == "PUBLIC KEY" && !p.is_private()
        ));
        // Text around the block, and openssl ecparam's EC PARAMETERS block
        // before the key, are passed over.
        let ecparam = "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n\
                       -----BEGIN EC PRIVATE KEY-----\nMHc=\n-----END EC PRIVATE KEY-----\ntrailing";
        match load_arg(&format!("Bag Attributes\n{ecparam}")) {
            Ok(Material::Pem(p)) => {
                assert_eq!(p.label, "EC PRIVATE KEY");
                assert!(p.is_private());
                assert!(p.bytes().starts_with(b"-----BEGIN EC PRIVATE KEY-----\n"));
                assert!(p.bytes().ends_with(b"-----END EC PRIVATE KEY-----\n"));
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(load_arg(r#" {"kty":"EC"}"#), Ok(Material::Jwk(_))));
        assert!(matches!(load_arg(r#"{"keys":[]}"#), Ok(Material::Jwks(_))));
        assert!(matches!(load_arg(r#"{"k":"AA"}"#), Err(Failure::Usage(_))));
        assert!(matches!(load_arg("{not json"), Err(Failure::Usage(_))));
        assert!(matches!(load_arg("text:{"), Ok(Material::Secret(_))));
        assert!(matches!(
            load_arg("text:-----BEGIN X"),
            Ok(Material::Secret(_))
        ));
        // A line that merely contains the marker is not PEM.
        assert!(matches!(
            load_arg("a -----BEGIN PUBLIC KEY-----"),
            Ok(Material::Secret(_))
        ));
    }

    #[test]
    fn secret_commands_refuse_key_documents() {
        for key in ["-----BEGIN PUBLIC KEY-----", r#"{"kty":"oct","k":"AA"}"#] {
            let e = secrets(&[Source::Arg(key.to_owned())]).unwrap_err();
            assert!(
                matches!(&e, Failure::Usage(m) if m.contains("never used as a secret")),
                "{e:?}"
            );
        }
    }

    #[test]
    fn never_shows_a_secret() {
        let args = KeyArgs {
            key: vec!["hunter2".to_owned()],
            ..KeyArgs::default()
        };
        assert!(!format!("{args:?}").contains("hunter2"));
        assert!(!format!("{:?}", Source::Arg("hunter2".to_owned())).contains("hunter2"));
        let e = load(&Source::Arg("hex:hunter2".to_owned())).unwrap_err();
        assert!(!format!("{e:?}").contains("hunter2"));
    }
}
