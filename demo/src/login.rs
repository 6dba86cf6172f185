//! Opening and closing sessions: login (with rotation against session
//! fixation), the token issued with a session, and logout (the session and
//! its token revoked together).

use jeton::Error;
use jeton::cookie::{SameSite, SetCookie};
use jeton::jwt::{self, Claims};
use jeton::session::{ID_LEN, generate_id, id_from_bytes};

use crate::admit::Admitted;
use crate::app::{App, JTI_LEN, LoginMethod, Record, os_entropy};

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

/// Opens a session for `user` and answers with its cookie. A live session
/// named by the request's cookie (`previous`, already admitted) never
/// keeps its ID: an ID planted in the browser before login is worthless
/// after it.
///
/// # Errors
///
/// [`Error::EntropyUnavailable`], [`Error::SessionStoreFull`] (the store
/// never evicts a live session), [`Error::RevocationListFull`].
pub fn log_in(
    app: &App,
    user: usize,
    via: LoginMethod,
    previous: Option<&Admitted>,
) -> Result<Opened, Error> {
    let now = app.now();
    let mut id = [0u8; ID_LEN];
    let id_len = generate_id(&mut os_entropy, &mut id)?;
    let id = id.get(..id_len).unwrap_or_default();

    let mut sessions = app.sessions();
    let replaced = match previous {
        Some(Admitted::Session {
            id: old, session, ..
        }) if session.user.user == user => {
            sessions.rotate(old.as_bytes(), id, now)?;
            Some(Replaced::Rotated)
        }
        Some(Admitted::Session { id: old, session }) => {
            app.revoked()
                .revoke(&session.user.jti, session.user.token_exp, now)?;
            // Gone already if a concurrent logout won: nothing to undo.
            let _ = sessions.revoke(old.as_bytes());
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
            user,
            via,
            jti,
            token_iat: now,
            token_exp: now.saturating_add(i64::try_from(app.config().token_lifetime).unwrap_or(0)),
        };
        sessions.create(id, record, now)?;
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
        .subject(app.user_name(record.user))
        .audience(&app.config().audience)
        .expires_at(record.token_exp)
        .issued_at(record.token_iat)
        .jwt_id(record.jti());
    let mut out = [0u8; 1024];
    let n = jwt::encode(app.signing_key(), &claims, &mut out)?;
    Ok(String::from_utf8_lossy(out.get(..n).unwrap_or_default()).into_owned())
}

/// What [`log_out`] revoked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoggedOut {
    /// The user.
    pub user: String,
    /// Whether a server-side session was revoked.
    pub session: bool,
    /// The revoked token's `jti`.
    pub jti: String,
    /// Until when the `jti` stays on the list (the token's `exp`).
    pub until: i64,
}

/// Ends what admitted the request: a session and its token's `jti` at
/// once, or a Bearer token's `jti`. Both structures are locked together,
/// and the token is revoked first: when the list is full, nothing changes.
///
/// # Errors
///
/// [`Error::RevocationListFull`].
pub fn log_out(app: &App, admitted: &Admitted) -> Result<LoggedOut, Error> {
    let now = app.now();
    let mut sessions = app.sessions();
    let mut revoked = app.revoked();
    match admitted {
        Admitted::Session { id, session } => {
            let record = session.user;
            revoked.revoke(&record.jti, record.token_exp, now)?;
            // Gone already if a concurrent logout won: nothing to undo.
            let _ = sessions.revoke(id.as_bytes());
            Ok(LoggedOut {
                user: app.user_name(record.user).to_owned(),
                session: true,
                jti: record.jti().to_owned(),
                until: record.token_exp,
            })
        }
        Admitted::Bearer(token) => {
            revoked.revoke(token.jti.as_bytes(), token.expires_at, now)?;
            Ok(LoggedOut {
                user: token.subject.clone(),
                session: false,
                jti: token.jti.clone(),
                until: token.expires_at,
            })
        }
    }
}
