//! Opening and closing sessions: login (with rotation against session
//! fixation, a cap on each user's sessions, and room kept on the
//! revocation list for every token issued), the token issued with a
//! session, and logout (the session ended first, then its token revoked).
//!
//! Why the revocation list never fills up in process: every token is
//! issued with a session, and a session outlives its token (idle and
//! absolute lifetimes are longer) unless it ends by logout, by the
//! per-user cap, or by another user's login in the same browser, each of
//! which revokes the token as it ends the session. So each live token is
//! held by a session or by an entry of the list, and a login is refused
//! while sessions and entries together fill the list's capacity.

use jeton::Error;
use jeton::cookie::{SameSite, SetCookie};
use jeton::jwt::{self, Claims};
use jeton::session::{ID_LEN, Revoked, generate_id, id_from_bytes};

use crate::admit::Admitted;
use crate::app::{App, JTI_LEN, LoginMethod, REVOCATION_CAPACITY, Record, UserName, os_entropy};

/// A session opened by [`log_in`].
#[derive(Clone, Debug)]
pub struct Opened {
    /// The `Set-Cookie` value that hands the session to the browser.
    pub set_cookie: String,
    /// What happened to a session the request already carried.
    pub replaced: Option<Replaced>,
}

/// What login did with a live session the browser already held.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Replaced {
    /// Same user: the session moved to a new ID (`SessionStore::rotate`).
    Rotated,
    /// Another user's: revoked with its token, as a logout would.
    Revoked,
}

/// Opens a session for the user `name` (one of the demo's users, or a
/// provider's subject: `via` says which) and answers with its cookie. A live session
/// named by the request's cookie (`previous`, already admitted) never
/// keeps its ID: an ID planted in the browser before login is worthless
/// after it. In process, the user's oldest sessions beyond
/// [`Config::max_sessions_per_user`](crate::Config) end, their tokens
/// revoked.
///
/// # Errors
///
/// [`Error::EntropyUnavailable`], [`Error::SessionStoreFull`] (the store
/// never evicts another user's live session), [`Error::RevocationListFull`]
/// (the list could not take this login's token at logout: the login is
/// refused), the store's errors.
pub fn log_in(
    app: &App,
    name: &str,
    via: LoginMethod,
    previous: Option<&Admitted>,
) -> Result<Opened, Error> {
    let now = app.now();
    let mut id = [0u8; ID_LEN];
    let id_len = generate_id(&mut os_entropy, &mut id)?;
    let id = id.get(..id_len).unwrap_or_default();

    let name = UserName::new(name).ok_or(Error::InputTooLong)?;
    let sessions = app.sessions();
    let replaced = match previous {
        Some(Admitted::Session {
            id: old, session, ..
        }) if session.user.user == name && session.user.via.is_provider() == via.is_provider() => {
            sessions.rotate(old.as_bytes(), id, now)?;
            Some(Replaced::Rotated)
        }
        Some(Admitted::Session { id: old, session }) => {
            // As a logout: the session ends first, then its token.
            match sessions.revoke(old.as_bytes()) {
                // Gone already if a concurrent logout won.
                Ok(()) | Err(Error::SessionNotFound) => {}
                Err(e) => return Err(e),
            }
            app.revoked()
                .revoke(&session.user.jti, session.user.token_exp, now)?;
            Some(Replaced::Revoked)
        }
        _ => None,
    };
    if replaced != Some(Replaced::Rotated) {
        let mut random = [0u8; 16];
        os_entropy(&mut random)?;
        let mut jti = [0u8; JTI_LEN];
        id_from_bytes(&random, &mut jti)?;
        let record = Record {
            user: name,
            via,
            jti,
            token_iat: now,
            token_exp: now.saturating_add(i64::try_from(app.config().token_lifetime).unwrap_or(0)),
        };
        match app.local() {
            Some(_) => create_in_process(app, id, record, now)?,
            // Redis has no fixed capacity, and no per-user cap here.
            None => {
                sessions.create(id, record, now)?;
            }
        }
    }
    let policy = app.config().cookie;
    let set_cookie = SetCookie::new(policy.name(), id)
        .path("/")
        .secure(policy.secure())
        .http_only(true)
        .same_site(SameSite::Lax)
        .to_heapless::<256>()?;
    Ok(Opened {
        set_cookie: set_cookie.as_str().to_owned(),
        replaced,
    })
}

/// Opens the session in process: only while the revocation list could
/// still take every live token, and within the user's cap, whose evicted
/// sessions take their tokens with them. The store and the list stay
/// locked together throughout (the only place both are held, always in
/// this order).
fn create_in_process(app: &App, id: &[u8], record: Record, now: i64) -> Result<(), Error> {
    let Some((sessions, revoked)) = app.local() else {
        return Err(Error::StoreUnavailable);
    };
    let mut store = sessions.lock();
    let mut list = revoked.lock();
    store.purge_expired(now);
    list.purge(now);
    if store.len() + list.len() >= REVOCATION_CAPACITY {
        return Err(Error::RevocationListFull);
    }
    let mut evicted = Vec::new();
    store.create_capped(
        id,
        record,
        now,
        app.config().max_sessions_per_user,
        |r| r.user == record.user && r.via.is_provider() == record.via.is_provider(),
        |s| evicted.push(s.user),
    )?;
    for gone in evicted {
        // Room is certain: the evicted session's place on the count
        // becomes its entry's.
        let _ = list.revoke(&gone.jti, gone.token_exp, now);
    }
    Ok(())
}

/// The token issued with a session. HS256 is deterministic, so the same
/// record and key give the same token every time: the store keeps only
/// the record.
///
/// # Errors
///
/// What [`jwt::encode`] returns (not expected with these claims).
pub fn token_of(app: &App, record: &Record) -> Result<String, Error> {
    let claims = Claims::new()
        .issuer(&app.config().issuer)
        .subject(record.user.as_str())
        .audience(&app.config().audience)
        .expires_at(record.token_exp)
        .issued_at(record.token_iat)
        .jwt_id(record.jti());
    let mut out = [0u8; 1024];
    let n = jwt::encode(app.signing_key(), &claims, &mut out)?;
    Ok(String::from_utf8_lossy(out.get(..n).unwrap_or_default()).into_owned())
}

/// What [`log_out`] did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoggedOut {
    /// The user.
    pub user: String,
    /// The server-side session: `None` when the request presented none
    /// (a Bearer token), else whether it ended (gone already counts).
    pub session: Option<Result<(), Error>>,
    /// The token's `jti`.
    pub jti: String,
    /// Until when the `jti` stays on the list (the token's `exp`).
    pub until: i64,
    /// Whether the `jti` went on the revocation list (or needed not: the
    /// token has expired already).
    pub token: Result<Revoked, Error>,
}

impl LoggedOut {
    /// What could not be done, if anything.
    pub fn failure(&self) -> Option<Error> {
        match (&self.session, &self.token) {
            (Some(Err(e)), _) | (_, Err(e)) => Some(*e),
            _ => None,
        }
    }
}

/// Ends what admitted the request: a session and its token's `jti`, or a
/// Bearer token's `jti`. The session ends first, whatever happens to the
/// token after: a revocation list that cannot take the token (it is full,
/// Redis cannot be reached) never leaves the session alive. Each outcome
/// is reported; the caller clears the cookie in every case.
pub fn log_out(app: &App, admitted: &Admitted) -> LoggedOut {
    let now = app.now();
    let (sessions, revoked) = (app.sessions(), app.revoked());
    match admitted {
        Admitted::Session { id, session } => {
            let record = session.user;
            let ended = match sessions.revoke(id.as_bytes()) {
                // Gone already if a concurrent logout won: nothing to undo.
                Ok(()) | Err(Error::SessionNotFound) => Ok(()),
                Err(e) => Err(e),
            };
            LoggedOut {
                user: record.user.as_str().to_owned(),
                session: Some(ended),
                jti: record.jti().to_owned(),
                until: record.token_exp,
                token: revoked.revoke(&record.jti, record.token_exp, now),
            }
        }
        Admitted::Bearer(token) => LoggedOut {
            user: token.subject.clone(),
            session: None,
            jti: token.jti.clone(),
            until: token.expires_at,
            token: revoked.revoke(token.jti.as_bytes(), token.expires_at, now),
        },
    }
}
