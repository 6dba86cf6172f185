//! The command line, as clap reads it. The completions and the man page
//! are generated from this definition.

use crate::keys::KeyArgs;
use crate::out::ColorChoice;
use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Args, Parser, Subcommand, ValueEnum};
use jeton::jwt::JwtAlgorithm;

const AFTER_HELP: &str = "\
Inputs: an argument is taken as it is; @PATH reads a file and - reads
standard input (a final line ending is dropped from both).

Exit codes:
  0  valid: verified, parsed or built
  1  invalid: a token refused, a signature that does not verify, a rule
     broken (the check that failed is printed)
  2  usage error: bad options or arguments, an unusable key
  3  I/O error: a file or standard input that cannot be read, a server
     that cannot be reached (jeton oauth device)

With --json every command prints one JSON document on standard output,
refusals included; usage and I/O errors go to standard error as text.
Colour is used on a terminal only, never when NO_COLOR is set.

Shell completions: jeton completions bash|zsh|fish|elvish|powershell
Manual page:       jeton man > jeton.1";

/// jeton: JSON Web Tokens, cookies, signed cookies, HTTP credentials and
/// OAuth, from the command line (offline, but for `jeton oauth device`)
#[derive(Parser, Debug)]
#[command(
    name = "jeton",
    version,
    after_help = AFTER_HELP,
    propagate_version = true,
    max_term_width = 100
)]
pub struct Cli {
    /// Print one JSON document instead of text
    #[arg(long, global = true, display_order = 900)]
    pub json: bool,
    /// When to colour: auto (on a terminal, unless NO_COLOR is set), always, never
    #[arg(
        long,
        global = true,
        value_enum,
        default_value_t = ColorChoice::Auto,
        value_name = "WHEN",
        display_order = 901,
        hide_possible_values = true
    )]
    pub color: ColorChoice,
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// JSON Web Tokens: decode, verify, sign
    #[command(subcommand)]
    Jwt(JwtCommand),
    /// The Cookie request header
    #[command(subcommand)]
    Cookie(CookieCommand),
    /// Set-Cookie lines: build one, or read one as a browser would
    #[command(subcommand, name = "set-cookie")]
    SetCookie(SetCookieCommand),
    /// keygrip signatures (cookie-session, Koa): NAME=VALUE and NAME.sig
    #[command(subcommand)]
    Keygrip(KeygripCommand),
    /// cookie-signature values (express-session, cookie-parser)
    #[command(subcommand, name = "cookie-signature")]
    CookieSignature(CookieSignatureCommand),
    /// Authorization: Basic credentials (RFC 7617)
    #[command(subcommand)]
    Basic(BasicCommand),
    /// Authorization: Bearer tokens (RFC 6750)
    #[command(subcommand)]
    Bearer(BearerCommand),
    /// A PKCE code verifier and its S256 challenge (RFC 7636)
    Pkce(PkceArgs),
    /// OAuth 2.0: an authorization URL; the device flow (the one command
    /// that talks to a server)
    #[command(subcommand)]
    Oauth(OauthCommand),
    /// A session ID: 256 random bits, base64url
    #[command(name = "session-id")]
    SessionId(SessionIdArgs),
    /// Generate a key: an HMAC secret, or an ES256, ES384 or Ed25519 key pair
    #[command(subcommand)]
    Keygen(KeygenCommand),
    /// JSON Web Keys: RFC 7638 thumbprints, the public half of a key
    #[command(subcommand)]
    Jwk(JwkCommand),
    /// Print a shell completion script
    #[command(hide = true)]
    Completions(CompletionsArgs),
    /// Print the manual page (roff)
    #[command(hide = true)]
    Man,
}

/// A JWS algorithm for an HMAC secret.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum HsAlg {
    /// HMAC-SHA256
    #[value(name = "HS256")]
    Hs256,
    /// HMAC-SHA384
    #[value(name = "HS384")]
    Hs384,
    /// HMAC-SHA512
    #[value(name = "HS512")]
    Hs512,
}

/// `--alg`: every JWS algorithm jeton implements, by its JOSE name.
fn jwt_alg() -> impl TypedValueParser<Value = JwtAlgorithm> {
    PossibleValuesParser::new(JwtAlgorithm::ALL.iter().map(|a| a.name())).try_map(|name| {
        JwtAlgorithm::from_name(name.as_bytes()).ok_or("not a JWS algorithm jeton implements")
    })
}

impl HsAlg {
    /// jeton's algorithm.
    pub fn jwt(self) -> jeton::jwt::JwtAlgorithm {
        use jeton::jwt::JwtAlgorithm;
        match self {
            HsAlg::Hs256 => JwtAlgorithm::HS256,
            HsAlg::Hs384 => JwtAlgorithm::HS384,
            HsAlg::Hs512 => JwtAlgorithm::HS512,
        }
    }
}

/// `jeton jwt ...`
#[derive(Subcommand, Debug)]
pub enum JwtCommand {
    /// Show a token's header and claims without checking anything
    ///
    /// Dates (exp, nbf, iat, auth_time) are also shown as RFC 3339 UTC
    /// dates. The signature is NOT verified: use `jeton jwt verify`.
    Decode(JwtDecodeArgs),
    /// Verify a token: signature, then claims; exit 1 naming the failed check
    ///
    /// Keys: HMAC secrets, public JWKs, JWK Sets (a provider's jwks_uri
    /// document) and PEM PUBLIC KEYs; the key decides the algorithm, never
    /// the token. The checks run in jeton's order: size, segments,
    /// base64url, header, alg/typ/crit, key (kid), signature, claims
    /// (types, required, exp, nbf, iss, sub, aud), then --max-age. By
    /// default exp is required, nbf checked when present, no leeway, typ
    /// must be JWT when present, and a token carrying aud is refused unless
    /// --aud names one.
    Verify(JwtVerifyArgs),
    /// Sign a token; prints it on one line
    ///
    /// The first key signs: an HMAC secret (HS256/384/512), or a private
    /// JWK or PEM key (PRIVATE KEY, EC PRIVATE KEY) on P-256 (ES256), P-384
    /// (ES384) or Ed25519 (EdDSA).
    Sign(JwtSignArgs),
}

/// `jeton jwt decode`
#[derive(Args, Debug)]
pub struct JwtDecodeArgs {
    /// The token (a leading "Bearer " is dropped), @PATH or -
    #[arg(value_name = "TOKEN")]
    pub token: String,
    /// The clock for "in 3 days" / "2 hours ago": Unix seconds, RFC 3339 or now
    #[arg(long, value_name = "TIME", allow_hyphen_values = true)]
    pub now: Option<String>,
}

/// `jeton jwt verify`
#[derive(Args, Debug)]
pub struct JwtVerifyArgs {
    /// The token (a leading "Bearer " is dropped), @PATH or -
    #[arg(value_name = "TOKEN")]
    pub token: String,
    #[command(flatten)]
    pub keys: KeyArgs,
    /// Accept only this algorithm: secrets are keys of this HS algorithm
    /// (default HS256), other keys are narrowed to it. The key decides,
    /// never the token
    #[arg(long, value_name = "ALG", value_parser = jwt_alg())]
    pub alg: Option<JwtAlgorithm>,
    /// Give this key ID to the keys that have none (secrets, PEM keys, JWKs
    /// without kid): a token naming another kid is then refused
    #[arg(long, value_name = "ID")]
    pub kid: Option<String>,
    /// Accept HMAC secrets shorter than RFC 7518 requires (32 bytes for
    /// HS256, 48 for HS384, 64 for HS512), for a deployment that cannot
    /// change its secret yet
    #[arg(long)]
    pub legacy_short_secret: bool,
    /// Accepted issuer (repeat for several)
    #[arg(long = "iss", value_name = "ISSUER")]
    pub iss: Vec<String>,
    /// Accepted audience (repeat for several); the token must name one of them
    #[arg(long = "aud", value_name = "AUDIENCE")]
    pub aud: Vec<String>,
    /// Accept any audience (and tokens with aud when no --aud is given)
    #[arg(long, conflicts_with = "aud")]
    pub any_aud: bool,
    /// Expected subject
    #[arg(long, value_name = "SUBJECT")]
    pub sub: Option<String>,
    /// Expected typ when the token has one (default JWT, case-insensitive)
    #[arg(long, value_name = "TYP")]
    pub typ: Option<String>,
    /// Accept any typ
    #[arg(long, conflicts_with = "typ")]
    pub any_typ: bool,
    /// Leeway for exp and nbf: 30, 30s, 2m
    #[arg(long, value_name = "DURATION")]
    pub leeway: Option<String>,
    /// Refuse tokens issued (iat) longer ago than this: 1h, 7d (requires iat)
    #[arg(long, value_name = "DURATION")]
    pub max_age: Option<String>,
    /// The clock: Unix seconds, RFC 3339, now, +1h, -2d (default: the system clock)
    #[arg(long, value_name = "TIME", allow_hyphen_values = true)]
    pub now: Option<String>,
    /// Claims that must be present (default exp; "none" for none)
    #[arg(long, value_name = "CLAIM", value_delimiter = ',')]
    pub require: Vec<String>,
    /// Accept an expired token (exp not checked)
    #[arg(long)]
    pub allow_expired: bool,
    /// Accept a token before its nbf
    #[arg(long)]
    pub allow_not_yet_valid: bool,
    /// Longest token accepted, in bytes
    #[arg(long, value_name = "BYTES", default_value_t = jeton::jwt::DEFAULT_MAX_TOKEN_LEN)]
    pub max_len: usize,
}

/// `jeton jwt sign`
#[derive(Args, Debug)]
pub struct JwtSignArgs {
    #[command(flatten)]
    pub keys: KeyArgs,
    /// The algorithm (default: the key's: HS256 for a secret, ES256 or ES384
    /// by the curve, EdDSA for Ed25519, a JWK's alg)
    #[arg(long, value_name = "ALG", value_parser = jwt_alg())]
    pub alg: Option<JwtAlgorithm>,
    /// Header kid (default: the key's, from its JWK)
    #[arg(long, value_name = "ID")]
    pub kid: Option<String>,
    /// Accept an HMAC secret shorter than RFC 7518 requires (32 bytes for
    /// HS256, 48 for HS384, 64 for HS512), for a deployment that cannot
    /// change its secret yet
    #[arg(long)]
    pub legacy_short_secret: bool,
    /// Header typ; an empty value leaves typ out
    #[arg(long, value_name = "TYP", default_value = "JWT")]
    pub typ: String,
    /// iss
    #[arg(long, value_name = "ISSUER")]
    pub iss: Option<String>,
    /// sub
    #[arg(long, value_name = "SUBJECT")]
    pub sub: Option<String>,
    /// aud (repeat for an array)
    #[arg(long = "aud", value_name = "AUDIENCE")]
    pub aud: Vec<String>,
    /// exp: +1h, 30m, Unix seconds, RFC 3339 (-1h for an expired token)
    #[arg(long, value_name = "TIME", allow_hyphen_values = true)]
    pub exp: Option<String>,
    /// nbf, as --exp
    #[arg(long, value_name = "TIME", allow_hyphen_values = true)]
    pub nbf: Option<String>,
    /// iat, as --exp (default: now)
    #[arg(
        long,
        value_name = "TIME",
        allow_hyphen_values = true,
        conflicts_with = "no_iat"
    )]
    pub iat: Option<String>,
    /// Do not add iat = now (an iat given in --claims or --claim stays)
    #[arg(long)]
    pub no_iat: bool,
    /// jti; "random" for 128 random bits in base64url
    #[arg(long, value_name = "ID")]
    pub jti: Option<String>,
    /// A claim: NAME=STRING, or NAME:=JSON for a number, boolean, array, object
    #[arg(long = "claim", value_name = "NAME=VALUE")]
    pub claim: Vec<String>,
    /// Claims as a JSON object (argument, @PATH or -); registered ones too
    #[arg(long, value_name = "JSON")]
    pub claims: Option<String>,
    /// The clock for relative times (default: the system clock)
    #[arg(long, value_name = "TIME", allow_hyphen_values = true)]
    pub now: Option<String>,
}

/// `jeton cookie ...`
#[derive(Subcommand, Debug)]
pub enum CookieCommand {
    /// Every pair of a Cookie header in order, duplicates marked, and the
    /// strict RFC 6265 check's finding
    ///
    /// Reading follows npm cookie's parse (the lenient default); the
    /// strict check (RFC 6265 section 4.2.1) is reported, and with
    /// --strict a violation exits 1.
    Parse(CookieParseArgs),
}

/// `jeton cookie parse`
#[derive(Args, Debug)]
pub struct CookieParseArgs {
    /// The header value ("Cookie:" may lead), @PATH or -
    #[arg(value_name = "HEADER")]
    pub header: String,
    /// Exit 1 when the header breaks the strict RFC 6265 grammar
    #[arg(long)]
    pub strict: bool,
}

/// `jeton set-cookie ...`
#[derive(Subcommand, Debug)]
pub enum SetCookieCommand {
    /// Build a Set-Cookie line, or name the rule it breaks (exit 1)
    Build(SetCookieBuildArgs),
    /// Read a Set-Cookie line as a browser would (RFC 6265 section 5.2),
    /// and say what it would store or which rule makes it ignore the line
    ///
    /// Without --url the request is taken to be https to the cookie's own
    /// Domain (or example.com) and Path, so only the rules that do not
    /// depend on the URL can refuse it.
    Parse(SetCookieParseArgs),
}

/// SameSite values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SameSiteArg {
    /// SameSite=Strict
    Strict,
    /// SameSite=Lax
    Lax,
    /// SameSite=None (requires --secure)
    None,
}

/// Priority values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum PriorityArg {
    /// Priority=Low
    Low,
    /// Priority=Medium
    Medium,
    /// Priority=High
    High,
}

/// `jeton set-cookie build`
#[derive(Args, Debug)]
pub struct SetCookieBuildArgs {
    /// The cookie name
    #[arg(value_name = "NAME")]
    pub name: String,
    /// The value (argument, @PATH or -); leave out with --remove
    #[arg(value_name = "VALUE", required_unless_present = "remove")]
    pub value: Option<String>,
    /// A line that deletes the cookie: empty value, Max-Age=0, Expires in 1970
    #[arg(long, conflicts_with_all = ["value", "max_age", "expires"])]
    pub remove: bool,
    /// Percent-encode the value as npm cookie does, instead of refusing bytes
    /// outside cookie-octet
    #[arg(long)]
    pub encode: bool,
    /// Path
    #[arg(long, value_name = "PATH")]
    pub path: Option<String>,
    /// Domain
    #[arg(long, value_name = "DOMAIN")]
    pub domain: Option<String>,
    /// Max-Age: seconds, or a duration (1h, 7d)
    #[arg(long, value_name = "DURATION")]
    pub max_age: Option<String>,
    /// Expires: +7d, Unix seconds, RFC 3339
    #[arg(long, value_name = "TIME", allow_hyphen_values = true)]
    pub expires: Option<String>,
    /// Secure
    #[arg(long)]
    pub secure: bool,
    /// HttpOnly
    #[arg(long)]
    pub http_only: bool,
    /// SameSite
    #[arg(long, value_enum, value_name = "VALUE")]
    pub same_site: Option<SameSiteArg>,
    /// Partitioned (requires --secure)
    #[arg(long)]
    pub partitioned: bool,
    /// Priority
    #[arg(long, value_enum, value_name = "VALUE")]
    pub priority: Option<PriorityArg>,
    /// The clock for a relative --expires (default: the system clock)
    #[arg(long, value_name = "TIME", allow_hyphen_values = true)]
    pub now: Option<String>,
}

/// `jeton set-cookie parse`
#[derive(Args, Debug)]
pub struct SetCookieParseArgs {
    /// The line ("Set-Cookie:" may lead), @PATH or -
    #[arg(value_name = "LINE")]
    pub line: String,
    /// The URL of the response that carries the line
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,
    /// The clock (default: the system clock)
    #[arg(long, value_name = "TIME", allow_hyphen_values = true)]
    pub now: Option<String>,
}

/// HMAC hashes keygrip can use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum HashArg {
    /// HMAC-SHA1 (keygrip's default)
    Sha1,
    /// HMAC-SHA256
    Sha256,
    /// HMAC-SHA384
    Sha384,
    /// HMAC-SHA512
    Sha512,
}

impl HashArg {
    /// jeton's algorithm.
    pub fn mac(self) -> jeton::mac::Algorithm {
        use jeton::mac::Algorithm;
        match self {
            HashArg::Sha1 => Algorithm::Sha1,
            HashArg::Sha256 => Algorithm::Sha256,
            HashArg::Sha384 => Algorithm::Sha384,
            HashArg::Sha512 => Algorithm::Sha512,
        }
    }
}

/// `jeton keygrip ...`
#[derive(Subcommand, Debug)]
pub enum KeygripCommand {
    /// The signature of NAME=VALUE: the value of the NAME.sig cookie
    Sign(KeygripSignArgs),
    /// Check a signature against every key; exit 1 when none made it
    Verify(KeygripVerifyArgs),
}

/// `jeton keygrip sign`
#[derive(Args, Debug)]
pub struct KeygripSignArgs {
    /// The cookie as NAME=VALUE (argument, @PATH or -)
    #[arg(value_name = "NAME=VALUE")]
    pub cookie: String,
    #[command(flatten)]
    pub keys: KeyArgs,
    /// The HMAC hash
    #[arg(long, value_enum, value_name = "HASH", default_value = "sha1")]
    pub hash: HashArg,
}

/// `jeton keygrip verify`
#[derive(Args, Debug)]
pub struct KeygripVerifyArgs {
    /// The cookie as NAME=VALUE (or use --cookie-header)
    #[arg(value_name = "NAME=VALUE", required_unless_present = "cookie_header")]
    pub cookie: Option<String>,
    /// The signature (the NAME.sig cookie's value)
    #[arg(value_name = "SIGNATURE", required_unless_present = "cookie_header")]
    pub signature: Option<String>,
    /// Read NAME and NAME.sig from a whole Cookie header, as cookie-session does
    #[arg(long, value_name = "HEADER", requires = "name", conflicts_with_all = ["cookie", "signature"])]
    pub cookie_header: Option<String>,
    /// The cookie name, with --cookie-header
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    #[command(flatten)]
    pub keys: KeyArgs,
    /// The HMAC hash
    #[arg(long, value_enum, value_name = "HASH", default_value = "sha1")]
    pub hash: HashArg,
}

/// `jeton cookie-signature ...`
#[derive(Subcommand, Debug)]
pub enum CookieSignatureCommand {
    /// VALUE.SIGNATURE (HMAC-SHA256); with --express the cookie value
    /// express-session sends (s%3A...)
    Sign(CookieSignatureSignArgs),
    /// Check and strip the signature; exit 1 when no key made it
    Unsign(CookieSignatureUnsignArgs),
}

/// `jeton cookie-signature sign`
#[derive(Args, Debug)]
pub struct CookieSignatureSignArgs {
    /// The value (argument, @PATH or -)
    #[arg(value_name = "VALUE")]
    pub value: String,
    #[command(flatten)]
    pub keys: KeyArgs,
    /// express-session's form: "s:" before, percent-encoded
    #[arg(long)]
    pub express: bool,
}

/// `jeton cookie-signature unsign`
#[derive(Args, Debug)]
pub struct CookieSignatureUnsignArgs {
    /// The signed value; with --express the cookie value as sent (s%3A...)
    #[arg(value_name = "SIGNED", required_unless_present = "cookie_header")]
    pub signed: Option<String>,
    /// Read the cookie --name from a whole Cookie header, as express-session does
    #[arg(
        long,
        value_name = "HEADER",
        requires = "name",
        conflicts_with = "signed"
    )]
    pub cookie_header: Option<String>,
    /// The cookie name, with --cookie-header
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    #[command(flatten)]
    pub keys: KeyArgs,
    /// express-session's form (implied by --cookie-header)
    #[arg(long)]
    pub express: bool,
}

/// `jeton basic ...`
#[derive(Subcommand, Debug)]
pub enum BasicCommand {
    /// The Authorization header value for USER and PASSWORD
    Encode(BasicEncodeArgs),
    /// The user and password of an Authorization header value
    Decode(BasicDecodeArgs),
}

/// `jeton basic encode`
#[derive(Args, Debug)]
pub struct BasicEncodeArgs {
    /// The user-id (no colon)
    #[arg(value_name = "USER")]
    pub user: String,
    /// The password (argument, @PATH or -)
    #[arg(value_name = "PASSWORD")]
    pub password: String,
}

/// `jeton basic decode`
#[derive(Args, Debug)]
pub struct BasicDecodeArgs {
    /// "Basic ..." ("Authorization:" may lead), @PATH or -
    #[arg(value_name = "HEADER")]
    pub header: String,
}

/// `jeton bearer ...`
#[derive(Subcommand, Debug)]
pub enum BearerCommand {
    /// The token of an Authorization header value
    Parse(BearerParseArgs),
    /// The Authorization header value for a token
    Format(BearerFormatArgs),
}

/// `jeton bearer parse`
#[derive(Args, Debug)]
pub struct BearerParseArgs {
    /// "Bearer ..." ("Authorization:" may lead), @PATH or -
    #[arg(value_name = "HEADER")]
    pub header: String,
}

/// `jeton bearer format`
#[derive(Args, Debug)]
pub struct BearerFormatArgs {
    /// The token (argument, @PATH or -)
    #[arg(value_name = "TOKEN")]
    pub token: String,
}

/// `jeton pkce`
#[derive(Args, Debug)]
pub struct PkceArgs {
    /// Use this code verifier (43 to 128 of A-Z a-z 0-9 - . _ ~) instead of
    /// a new random one
    #[arg(long, value_name = "VERIFIER", allow_hyphen_values = true)]
    pub verifier: Option<String>,
    /// Check that the verifier gives this challenge; exit 1 when not
    #[arg(
        long,
        value_name = "CHALLENGE",
        requires = "verifier",
        allow_hyphen_values = true
    )]
    pub challenge: Option<String>,
}

/// `jeton oauth ...`
#[derive(Subcommand, Debug)]
pub enum OauthCommand {
    /// Build an authorization request URL (RFC 6749 4.1.1, OpenID Connect)
    /// with PKCE S256, a state and (with scope openid) a nonce
    ///
    /// The state, nonce and PKCE code verifier are random unless given;
    /// they are printed with the URL, since the client needs them at the
    /// callback (compare state, redeem the code with the verifier, check
    /// the ID token's nonce). Offline: nothing is sent.
    #[command(name = "authorize-url")]
    AuthorizeUrl(OauthAuthorizeUrlArgs),
    /// Sign in a device (RFC 8628): ask for a user code, show it, and poll
    /// the token endpoint until the user approves; prints the tokens
    ///
    /// The one command that talks to a server: the device authorization
    /// and token endpoints (found with --issuer in the provider's
    /// discovery document, or given). https only, except to a loopback
    /// address. The user code and where to enter it go to standard error
    /// (a JSON line with --json), the tokens to standard output. Exit 1
    /// when the user declines (OauthAccessDenied), the code expires
    /// (OauthDeviceCodeExpired) or the server refuses (OauthServerError);
    /// 3 when a server cannot be reached.
    Device(OauthDeviceArgs),
}

/// `jeton oauth authorize-url`
#[derive(Args, Debug)]
pub struct OauthAuthorizeUrlArgs {
    /// The authorization endpoint
    #[arg(long, value_name = "URL")]
    pub endpoint: String,
    /// client_id
    #[arg(long, value_name = "ID")]
    pub client_id: String,
    /// redirect_uri (an absolute URI, as registered)
    #[arg(long, value_name = "URI")]
    pub redirect_uri: String,
    /// Scopes (repeat, or several separated by spaces)
    #[arg(long, value_name = "SCOPE")]
    pub scope: Vec<String>,
    /// The state (default: 256 random bits, base64url)
    #[arg(long, value_name = "STATE", allow_hyphen_values = true)]
    pub state: Option<String>,
    /// The OpenID Connect nonce (default: 256 random bits when a scope is
    /// openid, none otherwise)
    #[arg(
        long,
        value_name = "NONCE",
        conflicts_with = "no_nonce",
        allow_hyphen_values = true
    )]
    pub nonce: Option<String>,
    /// Send no nonce, even with scope openid
    #[arg(long)]
    pub no_nonce: bool,
    /// The PKCE code verifier (default: 256 random bits, base64url)
    #[arg(long, value_name = "VERIFIER", allow_hyphen_values = true)]
    pub verifier: Option<String>,
    /// resource (RFC 8707; repeat for several)
    #[arg(long, value_name = "URI")]
    pub resource: Vec<String>,
    /// prompt (none, login, consent, select_account)
    #[arg(long, value_name = "PROMPT")]
    pub prompt: Option<String>,
    /// login_hint
    #[arg(long, value_name = "HINT")]
    pub login_hint: Option<String>,
    /// max_age: 300, 5m, 1h
    #[arg(long, value_name = "DURATION")]
    pub max_age: Option<String>,
    /// Another parameter, NAME=VALUE (repeat for several)
    #[arg(long = "param", value_name = "NAME=VALUE")]
    pub param: Vec<String>,
}

/// `jeton oauth device`
#[derive(Args, Debug)]
pub struct OauthDeviceArgs {
    /// The issuer: its discovery document (/.well-known/openid-configuration,
    /// else /.well-known/oauth-authorization-server) gives the endpoints
    #[arg(long, value_name = "URL", required_unless_present_all = ["device_endpoint", "token_endpoint"])]
    pub issuer: Option<String>,
    /// The device authorization endpoint (instead of --issuer)
    #[arg(
        long,
        value_name = "URL",
        conflicts_with = "issuer",
        requires = "token_endpoint"
    )]
    pub device_endpoint: Option<String>,
    /// The token endpoint (instead of --issuer)
    #[arg(
        long,
        value_name = "URL",
        conflicts_with = "issuer",
        requires = "device_endpoint"
    )]
    pub token_endpoint: Option<String>,
    /// client_id
    #[arg(long, value_name = "ID")]
    pub client_id: String,
    /// A file holding the client secret (client_secret_basic; without a
    /// secret the client is public and sends its client_id)
    #[arg(long, value_name = "PATH", conflicts_with = "client_secret_env")]
    pub client_secret_file: Option<std::path::PathBuf>,
    /// An environment variable holding the client secret
    #[arg(long, value_name = "VAR")]
    pub client_secret_env: Option<String>,
    /// Scopes (repeat, or several separated by spaces)
    #[arg(long, value_name = "SCOPE")]
    pub scope: Vec<String>,
    /// resource (RFC 8707; repeat for several)
    #[arg(long, value_name = "URI")]
    pub resource: Vec<String>,
    /// Another parameter of the device authorization request, NAME=VALUE
    #[arg(long = "param", value_name = "NAME=VALUE")]
    pub param: Vec<String>,
    /// How long one HTTP request may take: 30, 10s, 1m
    #[arg(long, value_name = "DURATION", default_value = "30s")]
    pub timeout: String,
}

/// `jeton session-id`
#[derive(Args, Debug)]
pub struct SessionIdArgs {
    /// Check the shape of an ID instead (canonical base64url of 16 to 64 bytes)
    #[arg(long, value_name = "ID")]
    pub check: Option<String>,
}

/// `jeton keygen ...`
#[derive(Subcommand, Debug)]
pub enum KeygenCommand {
    /// A random HMAC secret, printed in the --key syntax (hex:...)
    Hmac(KeygenHmacArgs),
    /// An ES256 key pair (ECDSA on P-256)
    ///
    /// Prints the private key as a JWK (default) and/or PKCS#8 PEM; the RFC
    /// 7638 thumbprint goes to standard error (and into --json).
    Es256(KeygenKeyArgs),
    /// An ES384 key pair (ECDSA on P-384)
    ///
    /// Prints the private key as a JWK (default) and/or PKCS#8 PEM; the RFC
    /// 7638 thumbprint goes to standard error (and into --json).
    Es384(KeygenKeyArgs),
    /// An Ed25519 key pair (EdDSA)
    ///
    /// Prints the private key as a JWK (default) and/or PKCS#8 PEM; the RFC
    /// 7638 thumbprint goes to standard error (and into --json).
    Ed25519(KeygenKeyArgs),
}

/// `jeton keygen es256|es384|ed25519`
#[derive(Args, Debug)]
pub struct KeygenKeyArgs {
    /// Print the key as a JWK (the default; with --pem, both)
    #[arg(long)]
    pub jwk: bool,
    /// Print the key as PEM: PKCS#8 PRIVATE KEY (and SPKI PUBLIC KEY with --public)
    #[arg(long)]
    pub pem: bool,
    /// Also print the public key, after the private one
    #[arg(long)]
    pub public: bool,
    /// The JWK's kid
    #[arg(long, value_name = "ID", conflicts_with = "kid_thumbprint")]
    pub kid: Option<String>,
    /// Use the key's RFC 7638 thumbprint as its kid
    #[arg(long)]
    pub kid_thumbprint: bool,
}

/// `jeton jwk ...`
#[derive(Subcommand, Debug)]
pub enum JwkCommand {
    /// The RFC 7638 thumbprint of a key (a JWK, public or private, or a PEM
    /// key), or of every key of a JWK Set
    Thumbprint(JwkKeyArgs),
    /// The public key of a private JWK or PEM key (or of a public one, to
    /// convert between JWK and PEM)
    Public(JwkPublicArgs),
}

/// `jeton jwk thumbprint`
#[derive(Args, Debug)]
pub struct JwkKeyArgs {
    /// The key: a JWK, a JWK Set or PEM, as an argument, @PATH or -
    #[arg(value_name = "KEY")]
    pub key: String,
}

/// `jeton jwk public`
#[derive(Args, Debug)]
pub struct JwkPublicArgs {
    /// The key: a JWK or PEM, as an argument, @PATH or -
    #[arg(value_name = "KEY")]
    pub key: String,
    /// Print SubjectPublicKeyInfo PEM instead of a JWK
    #[arg(long)]
    pub pem: bool,
}

/// How a secret is printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Encoding {
    /// hex:...
    Hex,
    /// b64:... (standard base64, padded)
    Base64,
    /// base64url:... (unpadded)
    Base64url,
}

/// `jeton keygen hmac`
#[derive(Args, Debug)]
pub struct KeygenHmacArgs {
    /// Size the secret for this algorithm (32, 48 or 64 bytes)
    #[arg(long, value_enum, value_name = "ALG", default_value = "HS256")]
    pub alg: HsAlg,
    /// Bytes of secret (at least 16; default: the algorithm's hash length)
    #[arg(long, value_name = "N")]
    pub bytes: Option<usize>,
    /// How to print it
    #[arg(long, value_enum, value_name = "ENCODING", default_value = "hex")]
    pub encoding: Encoding,
    /// Without the hex:/b64:/base64url: prefix
    #[arg(long, conflicts_with = "jwk")]
    pub bare: bool,
    /// As a JWK (kty oct, RFC 7518 section 6.4)
    #[arg(long)]
    pub jwk: bool,
    /// The JWK's kid
    #[arg(long, value_name = "ID", requires = "jwk")]
    pub kid: Option<String>,
}

/// `jeton completions`
#[derive(Args, Debug)]
pub struct CompletionsArgs {
    /// The shell
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}
