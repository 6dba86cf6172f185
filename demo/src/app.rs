//! The demo's state: its settings, its clock, its keys, the server-side
//! session store and the JWT revocation list.

use std::fs::File;
use std::io::Read;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{SystemTime, UNIX_EPOCH};

use jeton::Error;
use jeton::jwt::{JwtKey, KeySet};
use jeton::mac::{Algorithm, HmacKey, Tag};
use jeton::session::{RevocationList, SessionStore};

/// Sessions the store holds at once (a power of two, as the store asks).
pub const SESSION_CAPACITY: usize = 64;
/// Revoked tokens the revocation list holds at once.
pub const REVOCATION_CAPACITY: usize = 64;

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
}

impl LoginMethod {
    /// In plain words.
    pub fn describe(self) -> &'static str {
        match self {
            LoginMethod::Form => "the login form",
            LoginMethod::Basic => "HTTP Basic credentials",
        }
    }
}

/// Length of a token ID: 16 random bytes in base64url.
pub const JTI_LEN: usize = 22;

/// What the session store keeps per session: a small `Copy` record. The
/// token issued with the session is not kept, only what re-creates it
/// (HS256 is deterministic) and what logout needs to revoke it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Record {
    /// Index of the user in [`Config::users`].
    pub user: usize,
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

/// A user who may log in, with the password kept only as an HMAC tag.
struct Account {
    name: String,
    password_tag: Tag,
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
    sessions: Mutex<SessionStore<Record, SESSION_CAPACITY>>,
    revoked: Mutex<RevocationList<REVOCATION_CAPACITY>>,
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

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl App {
    /// Draws a fresh token key and password key from the system's entropy.
    ///
    /// # Errors
    ///
    /// [`Error::EntropyUnavailable`].
    pub fn new(config: Config, clock: Clock) -> Result<App, Error> {
        let mut secret = [0u8; 32];
        os_entropy(&mut secret)?;
        let signing_key = JwtKey::hs256(&secret)?;
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
        let sessions =
            SessionStore::new(config.session_idle).with_absolute_lifetime(config.session_lifetime);
        Ok(App {
            config,
            clock,
            accounts,
            password_key,
            unknown_user_tag,
            signing_key,
            keys,
            sessions: Mutex::new(sessions),
            revoked: Mutex::new(RevocationList::new()),
        })
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

    /// The session store, locked. Take it before [`App::revoked`] when
    /// both are needed.
    pub fn sessions(&self) -> MutexGuard<'_, SessionStore<Record, SESSION_CAPACITY>> {
        lock(&self.sessions)
    }

    /// The revocation list, locked.
    pub fn revoked(&self) -> MutexGuard<'_, RevocationList<REVOCATION_CAPACITY>> {
        lock(&self.revoked)
    }
}
