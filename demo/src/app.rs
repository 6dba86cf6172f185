//! The demo's state: its settings, its clock, its keys, the server-side
//! session store and the JWT revocation list.

use std::fs::File;
use std::io::Read;
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{SystemTime, UNIX_EPOCH};

use crate::provider::{OauthConfig, ProviderLogin};
use jeton::Error;
use jeton::jwt::{JwtKey, KeySet};
use jeton::limit::{Decision, RateLimiter};
use jeton::mac::{Algorithm, HmacKey, KeyRing, Tag};
use jeton::session::{RevocationList, SessionStore, is_well_formed_id};
use jeton::signed::csrf;
use jeton_redis::{
    LocalRevocations, LocalSessions, PoolOptions, RedisPool, RedisRevocations, RedisSessions,
    RevocationBackend, SessionBackend, SessionData,
};

/// Sessions the store holds at once (a power of two, as the store asks).
pub const SESSION_CAPACITY: usize = 64;
/// Revoked tokens the revocation list holds at once: one per token that
/// can be live, and every live token was issued with a session the store
/// holds or has moved to the list (the check in `login::create_in_process`).
pub const REVOCATION_CAPACITY: usize = SESSION_CAPACITY;
/// Clients (address and user name) whose login attempts are counted.
pub const LIMITER_CAPACITY: usize = 1024;
/// Seconds a CSRF token lives.
pub const CSRF_LIFETIME: i64 = 2 * 60 * 60;

/// Where the session cookie lives and which attributes it carries.
///
/// The default, [`CookiePolicy::HostPrefixed`], is what the demo sets:
/// `__Host-session=...; Path=/; Secure; HttpOnly; SameSite=Lax`. A
/// `Secure` cookie is normally only stored from an `https://` page, but
/// Chromium (checked by `demo/browser/login.mjs`, Chromium 156) and curl
/// (7.88) treat `http://localhost` and `http://127.0.0.1` as secure
/// contexts: they store `Secure` and `__Host-` cookies from these origins
/// and send them back over plain HTTP to them. So the demo can use the
/// strictest form without TLS, and the same code is right behind HTTPS.
/// The `__Host-` prefix makes the browser refuse the cookie unless it is
/// `Secure`, has `Path=/` and no `Domain`, so no sibling subdomain or
/// plain-HTTP page can plant (toss) a session cookie of that name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CookiePolicy {
    /// `__Host-session`, `Secure`, `HttpOnly`, `SameSite=Lax`, `Path=/`.
    HostPrefixed,
    /// `session`, `HttpOnly`, `SameSite=Lax`, `Path=/`, without `Secure`:
    /// for a browser that does not treat loopback as a secure context.
    Plain,
}

impl CookiePolicy {
    /// The cookie's name.
    pub fn name(self) -> &'static str {
        match self {
            CookiePolicy::HostPrefixed => "__Host-session",
            CookiePolicy::Plain => "session",
        }
    }

    /// Whether the cookie carries `Secure`.
    pub fn secure(self) -> bool {
        self == CookiePolicy::HostPrefixed
    }

    /// The name of the cookie that holds the CSRF token's cookie copy.
    pub fn csrf_name(self) -> &'static str {
        match self {
            CookiePolicy::HostPrefixed => "__Host-csrf",
            CookiePolicy::Plain => "csrf",
        }
    }
}

/// Where sessions and revoked tokens live.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Store {
    /// In this process's memory: a restart forgets them, and another
    /// instance never sees them.
    InProcess,
    /// In the Redis at this URL, shared by every instance that uses it
    /// (with the same token secret): a logout on one is refused by all.
    Redis(String),
}

/// The demo's settings.
#[derive(Clone, Debug)]
pub struct Config {
    /// User names and passwords that may log in.
    pub users: Vec<(String, String)>,
    /// The session cookie.
    pub cookie: CookiePolicy,
    /// The `iss` of the tokens the demo issues and accepts.
    pub issuer: String,
    /// The `aud` of the tokens the demo issues and accepts.
    pub audience: String,
    /// Seconds a session lives after its last request (sliding).
    pub session_idle: u64,
    /// Seconds a session lives at most, however active.
    pub session_lifetime: u64,
    /// Seconds a token lives.
    pub token_lifetime: u64,
    /// Print one line per request on stderr.
    pub log: bool,
    /// Where sessions and revoked tokens live.
    pub store: Store,
    /// The HS256 key of the tokens (at least 32 bytes); `None` draws one at
    /// start. Instances that share a store share it too, so that a token
    /// from one verifies on all. The key of the CSRF tokens is derived
    /// from it, else drawn too.
    pub token_secret: Option<Vec<u8>>,
    /// Live sessions a user may hold in the in-process store: a new login
    /// ends the oldest beyond (and revokes its token).
    pub max_sessions_per_user: usize,
    /// Login attempts a client (address and user name) may make at once...
    pub login_burst: u32,
    /// ...and as many more over this many seconds, evenly.
    pub login_period: u32,
    /// The OpenID Connect provider of "Sign in with the local provider"
    /// and of `/api/oauth/me`; `None` leaves both out.
    pub oauth: Option<OauthConfig>,
}

/// The demo user's name.
pub const DEMO_USER: &str = "demo";
/// The demo user's password, unless the start says otherwise. The login
/// page shows it; a password given at start it does not show.
pub const DEMO_PASSWORD: &str = "correct horse";

impl Default for Config {
    fn default() -> Self {
        Config {
            users: vec![(DEMO_USER.to_owned(), DEMO_PASSWORD.to_owned())],
            cookie: CookiePolicy::HostPrefixed,
            issuer: "jeton-demo".to_owned(),
            audience: "jeton-demo/api".to_owned(),
            session_idle: 30 * 60,
            session_lifetime: 8 * 60 * 60,
            token_lifetime: 15 * 60,
            log: false,
            store: Store::InProcess,
            token_secret: None,
            max_sessions_per_user: 3,
            login_burst: 5,
            login_period: 60,
            oauth: None,
        }
    }
}

/// The clock every check reads (jeton itself has none).
#[derive(Clone, Debug)]
pub enum Clock {
    /// The system's.
    System,
    /// Unix seconds that only move when the holder moves them (tests).
    Manual(Arc<AtomicI64>),
}

impl Clock {
    /// Now, in Unix seconds.
    pub fn now(&self) -> i64 {
        match self {
            Clock::System => SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX)),
            Clock::Manual(now) => now.load(Ordering::SeqCst),
        }
    }
}

/// Fills `buf` from the operating system's random source; the
/// [`jeton::session::Entropy`] the demo hands to jeton.
///
/// # Errors
///
/// [`Error::EntropyUnavailable`] when `/dev/urandom` cannot be read.
pub fn os_entropy(buf: &mut [u8]) -> Result<(), Error> {
    File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(buf))
        .map_err(|_| Error::EntropyUnavailable)
}

/// How a session was opened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LoginMethod {
    /// The HTML form (`application/x-www-form-urlencoded`).
    Form,
    /// `Authorization: Basic`.
    Basic,
    /// "Sign in with the local provider" (OpenID Connect): the user name
    /// is the ID token's `sub`, a name of the provider's, not one of
    /// [`Config::users`].
    Provider,
}

impl LoginMethod {
    /// In plain words.
    pub fn describe(self) -> &'static str {
        match self {
            LoginMethod::Form => "the login form",
            LoginMethod::Basic => "HTTP Basic credentials",
            LoginMethod::Provider => "the local OpenID Connect provider",
        }
    }

    /// Whose name the session's user name is: the demo's own users
    /// (`false`) or the provider's subjects (`true`). The same name on
    /// both sides is two people: they never share sessions or a cap.
    pub fn is_provider(self) -> bool {
        self == LoginMethod::Provider
    }
}

/// Length of a token ID: 16 random bytes in base64url.
pub const JTI_LEN: usize = 22;

/// The longest user name a session record holds.
pub const MAX_USER_NAME: usize = 64;

/// A user name as a session record holds it: `Copy`, at most
/// [`MAX_USER_NAME`] bytes of UTF-8.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct UserName {
    len: u8,
    bytes: [u8; MAX_USER_NAME],
}

impl UserName {
    /// `name`, if it is not longer than [`MAX_USER_NAME`] bytes.
    pub fn new(name: &str) -> Option<UserName> {
        let mut bytes = [0u8; MAX_USER_NAME];
        bytes
            .get_mut(..name.len())?
            .copy_from_slice(name.as_bytes());
        Some(UserName {
            len: u8::try_from(name.len()).ok()?,
            bytes,
        })
    }

    /// The name.
    pub fn as_str(&self) -> &str {
        self.bytes
            .get(..usize::from(self.len))
            .and_then(|b| std::str::from_utf8(b).ok())
            .unwrap_or("")
    }
}

impl std::fmt::Debug for UserName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.as_str().fmt(f)
    }
}

/// What the session store keeps per session: a small `Copy` record. The
/// token issued with the session is not kept, only what re-creates it
/// (HS256 is deterministic) and what logout needs to revoke it.
///
/// In a shared store (Redis) it travels as the user ID (the name) and 39
/// bytes of data: how the user logged in (0 the form, 1 Basic, 2 the
/// OpenID Connect provider), the
/// token's `iat` and `exp` (big-endian `i64`), and its 22-character `jti`.
/// The C example server writes the same bytes, so either reads the
/// other's sessions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Record {
    /// Who logged in.
    pub user: UserName,
    /// How the user logged in.
    pub via: LoginMethod,
    /// The `jti` of the token issued at login.
    pub jti: [u8; JTI_LEN],
    /// Its `iat`.
    pub token_iat: i64,
    /// Its `exp`.
    pub token_exp: i64,
}

impl Record {
    /// The `jti` as text.
    pub fn jti(&self) -> &str {
        std::str::from_utf8(&self.jti).unwrap_or("")
    }
}

/// Bytes of a [`Record`]'s data in a shared store.
const RECORD_DATA_LEN: usize = 1 + 8 + 8 + JTI_LEN;

impl SessionData for Record {
    fn encode(&self, user: &mut Vec<u8>, data: &mut Vec<u8>) {
        user.extend_from_slice(self.user.as_str().as_bytes());
        data.push(match self.via {
            LoginMethod::Form => 0,
            LoginMethod::Basic => 1,
            LoginMethod::Provider => 2,
        });
        data.extend_from_slice(&self.token_iat.to_be_bytes());
        data.extend_from_slice(&self.token_exp.to_be_bytes());
        data.extend_from_slice(&self.jti);
    }

    fn decode(user: &[u8], data: &[u8]) -> Result<Self, Error> {
        let invalid = Error::StoreRecordInvalid;
        let user = std::str::from_utf8(user)
            .ok()
            .and_then(UserName::new)
            .ok_or(invalid)?;
        let data: &[u8; RECORD_DATA_LEN] = data.try_into().map_err(|_| invalid)?;
        let (via, rest) = data.split_first().ok_or(invalid)?;
        let (iat, rest) = rest.split_first_chunk::<8>().ok_or(invalid)?;
        let (exp, jti) = rest.split_first_chunk::<8>().ok_or(invalid)?;
        let jti: [u8; JTI_LEN] = jti.try_into().map_err(|_| invalid)?;
        if !is_well_formed_id(&jti) {
            return Err(invalid);
        }
        Ok(Record {
            user,
            via: match via {
                0 => LoginMethod::Form,
                1 => LoginMethod::Basic,
                2 => LoginMethod::Provider,
                _ => return Err(invalid),
            },
            jti,
            token_iat: i64::from_be_bytes(*iat),
            token_exp: i64::from_be_bytes(*exp),
        })
    }
}

/// A user who may log in, with the password kept only as an HMAC tag.
struct Account {
    name: String,
    password_tag: Tag,
}

/// Where sessions and revoked tokens live, as the handlers reach them.
enum Backends {
    /// In this process: jeton's fixed-capacity store and list.
    Local {
        sessions: Box<LocalSessions<Record, SESSION_CAPACITY>>,
        revoked: Box<LocalRevocations<REVOCATION_CAPACITY>>,
    },
    /// In Redis, shared by a fleet.
    Redis {
        sessions: RedisSessions<Record>,
        revoked: RedisRevocations,
        pool: RedisPool,
    },
}

/// Everything the handlers share.
pub struct App {
    config: Config,
    clock: Clock,
    accounts: Vec<Account>,
    /// Keys the password tags: comparing tags is constant-time, and the
    /// passwords themselves are not kept.
    password_key: HmacKey,
    /// Compared against when the user name is unknown, so that the time a
    /// refusal takes does not tell whether the name exists.
    unknown_user_tag: Tag,
    signing_key: JwtKey,
    keys: KeySet<1>,
    backends: Backends,
    /// Login attempts per client address and user name.
    attempts: Mutex<Box<RateLimiter<LIMITER_CAPACITY>>>,
    /// Signs the CSRF tokens (the first key of `csrf_keys`).
    csrf_key: HmacKey,
    csrf_keys: KeyRing<1>,
    /// "Sign in with the local provider", when configured.
    oauth: Option<ProviderLogin>,
}

impl std::fmt::Debug for App {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("App")
            .field("config", &self.config)
            .field("clock", &self.clock)
            .field("keys", &self.keys)
            .finish_non_exhaustive()
    }
}

impl App {
    /// Draws a fresh password key, and a token key unless the
    /// configuration gives one, from the system's entropy, and sets up
    /// the store (a Redis store is not reached yet: until it answers,
    /// requests are refused).
    ///
    /// # Errors
    ///
    /// [`Error::EntropyUnavailable`]; what [`JwtKey::hs256`] returns for
    /// the token secret; [`Error::StoreUnavailable`] for a Redis URL the
    /// client cannot use.
    pub fn new(config: Config, clock: Clock) -> Result<App, Error> {
        let mut secret = [0u8; 32];
        os_entropy(&mut secret)?;
        let signing_key = match &config.token_secret {
            Some(shared) => JwtKey::hs256(shared)?,
            None => JwtKey::hs256(&secret)?,
        };
        let keys = KeySet::with_key(signing_key.clone())?;
        os_entropy(&mut secret)?;
        let password_key = HmacKey::new(Algorithm::Sha256, &secret);
        secret.fill(0);
        let accounts = config
            .users
            .iter()
            .map(|(name, password)| Account {
                name: name.clone(),
                password_tag: password_key.sign(password.as_bytes()),
            })
            .collect();
        let unknown_user_tag = password_key.sign(b"no such user");
        // The CSRF key: derived from a shared token secret (a fleet's
        // instances accept each other's tokens), else drawn.
        os_entropy(&mut secret)?;
        let csrf_key = match &config.token_secret {
            Some(shared) => HmacKey::new(
                Algorithm::Sha256,
                HmacKey::new(Algorithm::Sha256, shared)
                    .sign(b"jeton-demo csrf key")
                    .as_bytes(),
            ),
            None => HmacKey::new(Algorithm::Sha256, &secret),
        };
        secret.fill(0);
        let csrf_keys = KeyRing::with_key(csrf_key.clone())?;
        // The OAuth state key: derived as the CSRF key is (a fleet's
        // instances finish each other's sign-ins), else drawn.
        os_entropy(&mut secret)?;
        if let Some(shared) = &config.token_secret {
            secret.copy_from_slice(
                HmacKey::new(Algorithm::Sha256, shared)
                    .sign(b"jeton-demo oauth state key")
                    .as_bytes(),
            );
        }
        let burst = NonZeroU32::new(config.login_burst).unwrap_or(NonZeroU32::MIN);
        let period = NonZeroU32::new(config.login_period).unwrap_or(NonZeroU32::MIN);
        let attempts = Mutex::new(Box::new(RateLimiter::new(burst, period)));
        let backends = match &config.store {
            Store::InProcess => Backends::Local {
                sessions: Box::new(LocalSessions::new(
                    SessionStore::new(config.session_idle)
                        .with_absolute_lifetime(config.session_lifetime),
                )),
                revoked: Box::new(LocalRevocations::new(RevocationList::new())),
            },
            Store::Redis(url) => {
                let pool = RedisPool::new(url, PoolOptions::default())
                    .map_err(|_| Error::StoreUnavailable)?;
                Backends::Redis {
                    sessions: RedisSessions::new(pool.clone(), config.session_idle)
                        .with_absolute_lifetime(config.session_lifetime),
                    revoked: RedisRevocations::new(pool.clone()),
                    pool,
                }
            }
        };
        let pool = match &backends {
            Backends::Redis { pool, .. } => Some(pool.clone()),
            Backends::Local { .. } => None,
        };
        let oauth = match &config.oauth {
            Some(oauth) => Some(ProviderLogin::new(oauth.clone(), &secret, pool)?),
            None => None,
        };
        secret.fill(0);
        Ok(App {
            config,
            clock,
            accounts,
            password_key,
            unknown_user_tag,
            signing_key,
            keys,
            backends,
            attempts,
            csrf_key,
            csrf_keys,
            oauth,
        })
    }

    /// "Sign in with the local provider", when a provider was configured.
    pub fn oauth(&self) -> Option<&ProviderLogin> {
        self.oauth.as_ref()
    }

    /// The settings.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Now, in Unix seconds.
    pub fn now(&self) -> i64 {
        self.clock.now()
    }

    /// The key tokens are signed with.
    pub fn signing_key(&self) -> &JwtKey {
        &self.signing_key
    }

    /// The keys tokens are verified with.
    pub fn keys(&self) -> &KeySet<1> {
        &self.keys
    }

    /// The name of user `index`.
    pub fn user_name(&self, index: usize) -> &str {
        self.accounts.get(index).map_or("?", |a| a.name.as_str())
    }

    /// Whether sessions and revocations live in Redis (shared by a fleet).
    pub fn is_shared(&self) -> bool {
        matches!(self.backends, Backends::Redis { .. })
    }

    /// The index of the user whose name and password these are. The
    /// password is checked in constant time, and checked even for an
    /// unknown name.
    pub fn check_password(&self, user: &[u8], password: &[u8]) -> Option<usize> {
        let index = self.accounts.iter().position(|a| a.name.as_bytes() == user);
        let tag = index
            .and_then(|i| self.accounts.get(i))
            .map_or(&self.unknown_user_tag, |a| &a.password_tag);
        let matches = self.password_key.verify(password, tag.as_bytes()).is_ok();
        index.filter(|_| matches)
    }

    /// The sessions, in process or in Redis.
    pub fn sessions(&self) -> &dyn SessionBackend<Record> {
        match &self.backends {
            Backends::Local { sessions, .. } => &**sessions,
            Backends::Redis { sessions, .. } => sessions,
        }
    }

    /// The revoked tokens, in process or in Redis.
    pub fn revoked(&self) -> &dyn RevocationBackend {
        match &self.backends {
            Backends::Local { revoked, .. } => &**revoked,
            Backends::Redis { revoked, .. } => revoked,
        }
    }

    /// The in-process store and list, when they are in process (for what
    /// the backends' common interface does not cover: the per-user cap,
    /// the counts).
    pub fn local(
        &self,
    ) -> Option<(
        &LocalSessions<Record, SESSION_CAPACITY>,
        &LocalRevocations<REVOCATION_CAPACITY>,
    )> {
        match &self.backends {
            Backends::Local { sessions, revoked } => Some((&**sessions, &**revoked)),
            Backends::Redis { .. } => None,
        }
    }

    /// Why Redis last failed, in words (for the log), when the store is
    /// Redis.
    pub fn store_error(&self) -> Option<String> {
        match &self.backends {
            Backends::Redis { pool, .. } => pool.last_error(),
            Backends::Local { .. } => None,
        }
    }

    /// Counts a login attempt of `user` from `client` at `now` (every
    /// attempt, good password or not): allowed, or how long to wait.
    pub fn login_attempt(&self, client: Option<IpAddr>, user: &[u8], now: i64) -> Decision {
        let mut key = client.map_or_else(|| b"?".to_vec(), |ip| ip.to_string().into_bytes());
        key.push(0);
        key.extend_from_slice(user);
        self.attempts
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .check(&key, now)
    }

    /// A CSRF token bound to `binding` (the session cookie's value; empty
    /// before login), valid for [`CSRF_LIFETIME`].
    ///
    /// # Errors
    ///
    /// What [`csrf::token`] returns (not expected: the buffer fits).
    pub fn csrf_token(&self, binding: &[u8]) -> Result<String, Error> {
        let mut out = [0u8; 128];
        let expires = self.now().saturating_add(CSRF_LIFETIME);
        let n = csrf::token(&self.csrf_key, binding, expires, &mut out)?;
        Ok(String::from_utf8_lossy(out.get(..n).unwrap_or_default()).into_owned())
    }

    /// Checks a request's two copies of its CSRF token for `binding`.
    ///
    /// # Errors
    ///
    /// What [`csrf::verify`] returns.
    pub fn verify_csrf(
        &self,
        binding: &[u8],
        cookie: &[u8],
        submitted: &[u8],
    ) -> Result<(), Error> {
        csrf::verify(&self.csrf_keys, binding, cookie, submitted, self.now()).map(|_| ())
    }
}
