//! Sessions: IDs from caller entropy, the fixed-capacity session store
//! through a scripted day (create, lookup, touch, rotate, revoke, purge,
//! the full-store refusal), and the JWT revocation list with a verified
//! token.
//!
//! The expected outcomes are written out below as constants, derived from
//! the documented semantics (`jeton::session`, the README's design notes):
//! a session lives `TTL` seconds from its creation or last touch, never
//! beyond `ABSOLUTE` seconds from its creation, and has expired when
//! `expires <= now`; a full store drops expired sessions to make room and
//! otherwise refuses; every failed call leaves the store as it was.

use jeton::Error;
use jeton::jwt::{self, JwtKey, KeySet, Validation};
use jeton::session::{
    ID_LEN, RevocationList, Session, SessionStore, generate_id, id_from_bytes, is_well_formed_id,
};

use super::Code;
use crate::check;
use crate::harness::{Check, Checker, Escaped};
use crate::vectors::{BENCH_JWT, Bytes};

pub static CHECKS: &[Check] = &[
    check!(
        "Session IDs: caller entropy in base64url (RFC 4648 section 5)",
        ids,
        ID_FROM_0_TO_31,
        ID_FROM_0_TO_15
    ),
    check!(
        "SessionStore<u32, 4>: create, lookup, touch, rotate, revoke, purge, full",
        store_script,
        SCRIPT
    ),
    check!(
        "RevocationList: a verified JWT revoked by its jti until its exp (bench/inputs)",
        revocation,
        BENCH_JWT
    ),
];

/// RFC 4648 section 5 (base64url, no padding) of the 32 bytes 0, 1, ..., 31.
const ID_FROM_0_TO_31: Bytes = b"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8";
/// The same of the 16 bytes 0, 1, ..., 15 (the least entropy an ID may have).
const ID_FROM_0_TO_15: Bytes = b"AAECAwQFBgcICQoLDA0ODw";

fn counting(dest: &mut [u8]) -> Result<(), Error> {
    for (i, b) in dest.iter_mut().enumerate() {
        *b = i as u8;
    }
    Ok(())
}

fn ids(c: &mut Checker<'_>) {
    let mut id = [0u8; ID_LEN];
    let n = c.measure("session::generate_id", || {
        generate_id(&mut counting, &mut id)
    });
    c.expect_bytes(
        &id[..n.unwrap_or(0)],
        ID_FROM_0_TO_31,
        format_args!("generate_id"),
    );
    c.expect(is_well_formed_id(&id), format_args!("is_well_formed_id"));

    let mut random = [0u8; 16];
    let _ = counting(&mut random);
    let mut out = [0u8; 64];
    let n = c.measure("session::id_from_bytes", || {
        id_from_bytes(&random, &mut out)
    });
    c.expect_bytes(
        &out[..n.unwrap_or(0)],
        ID_FROM_0_TO_15,
        format_args!("id_from_bytes, 16 bytes"),
    );
    // Under 128 bits of entropy, refused.
    let short = id_from_bytes(&random[..15], &mut out);
    c.expect(
        short == Err(Error::EntropyTooShort),
        format_args!("15 bytes: {}", Code::of(&short)),
    );
    // A failing entropy source fails the call, and nothing is written.
    let mut id = [0u8; ID_LEN];
    let mut broken = |_: &mut [u8]| Err(Error::EntropyUnavailable);
    let failed = generate_id(&mut broken, &mut id);
    c.expect(
        failed == Err(Error::EntropyUnavailable) && id.iter().all(|&b| b == 0),
        format_args!("broken entropy: {}", Code::of(&failed)),
    );
    c.expect(!is_well_formed_id(b"short"), format_args!("a short ID"));
}

/// Seconds a session lives after its creation or its last touch.
const TTL: u64 = 1800;
/// Seconds a session lives at most after its creation, however touched.
const ABSOLUTE: u64 = 3600;
/// Sessions the store holds (a power of two).
const CAPACITY: usize = 4;

/// Session IDs (of the shape jeton makes; the store keeps their SHA-256).
const A: Bytes = ID_FROM_0_TO_31;
const B: Bytes = b"qL3vR9xT0mWcY2nK8pZs5bHd1fJg7aQe4uVoXiEtNrM";
const C: Bytes = b"Zp0W4kS8yB2dF6hJ1lN5rT9vX3zC7eG0iK4mO8qU2wA";
const D: Bytes = b"mN7bV4cX1zL8kJ5hG2fD9sA6pO3iU0yT7rE4wQ1eR8s";
const E: Bytes = b"eE5tT6yY7uU8iI9oO0pP1aA2sS3dD4fF5gG6hH7jJ8k";
const F: Bytes = b"F0x1F0x2F0x3F0x4F0x5F0x6F0x7F0x8F0x9F0xaF0w";
const G: Bytes = b"G-after-login-G-after-login-G-after-login-E";

/// One call on the store.
#[derive(Clone, Copy)]
enum Op {
    Create(Bytes, u32),
    Lookup(Bytes),
    Touch(Bytes),
    Rotate(Bytes, Bytes),
    RotateWith(Bytes, Bytes, u32),
    Revoke(Bytes),
    PurgeExpired,
    /// `len()`, to show a failed call changed nothing.
    Len,
}

/// What the call must answer.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Want {
    /// This session: user, created, expires.
    Session(u32, i64, i64),
    /// `Ok(())`.
    Done,
    /// This many (sessions purged, or held).
    Count(usize),
    Err(Error),
}

struct Step {
    now: i64,
    op: Op,
    want: Want,
}

const fn step(now: i64, op: Op, want: Want) -> Step {
    Step { now, op, want }
}

use Op::*;
use Want::{Count, Done, Session as S};

/// The script, in time order. `expires` is `min(now + TTL, created +
/// ABSOLUTE)` at creation and at each touch.
static SCRIPT: &[Step] = &[
    step(1000, Create(A, 1), S(1, 1000, 2800)),
    // A live session's ID cannot be created again.
    step(1000, Create(A, 9), Want::Err(Error::SessionExists)),
    step(1100, Lookup(A), S(1, 1000, 2800)),
    step(1100, Lookup(B), Want::Err(Error::SessionNotFound)),
    // Sliding expiry: now + TTL.
    step(2000, Touch(A), S(1, 1000, 3800)),
    step(2000, Create(B, 2), S(2, 2000, 3800)),
    // Rotation moves the record, creation time and expiry to the new ID.
    step(2100, Rotate(A, C), S(1, 1000, 3800)),
    step(2100, Lookup(A), Want::Err(Error::SessionNotFound)),
    step(2100, Lookup(C), S(1, 1000, 3800)),
    // Not onto a live session; nothing changes.
    step(2100, Rotate(C, B), Want::Err(Error::SessionExists)),
    step(2100, Lookup(C), S(1, 1000, 3800)),
    step(2100, Len, Count(2)),
    // The absolute lifetime caps the touch: 1000 + 3600, not 3000 + 1800.
    step(3000, Touch(C), S(1, 1000, 4600)),
    step(3000, Create(D, 4), S(4, 3000, 4800)),
    step(3000, Create(E, 5), S(5, 3000, 4800)),
    step(3000, Len, Count(4)),
    // Full of live sessions: refused, no one evicted.
    step(3000, Create(F, 6), Want::Err(Error::SessionStoreFull)),
    step(3000, Len, Count(4)),
    step(3000, Lookup(F), Want::Err(Error::SessionNotFound)),
    step(3000, Lookup(B), S(2, 2000, 3800)),
    // B expires at 3800 (expired when expires <= now) and stays until
    // purged or replaced...
    step(3799, Lookup(B), S(2, 2000, 3800)),
    step(3800, Lookup(B), Want::Err(Error::SessionExpired)),
    step(3800, Touch(B), Want::Err(Error::SessionExpired)),
    // ...and makes room when the store is full.
    step(3800, Create(F, 6), S(6, 3800, 5600)),
    step(3800, Lookup(B), Want::Err(Error::SessionNotFound)),
    step(3800, Len, Count(4)),
    // Logout: gone at once, live or not.
    step(3900, Revoke(D), Done),
    step(3900, Lookup(D), Want::Err(Error::SessionNotFound)),
    step(3900, Revoke(D), Want::Err(Error::SessionNotFound)),
    step(3900, Len, Count(3)),
    // C reaches its absolute lifetime; purging drops it alone.
    step(4600, Lookup(C), Want::Err(Error::SessionExpired)),
    step(4600, PurgeExpired, Count(1)),
    step(4600, Len, Count(2)),
    step(4600, Touch(E), S(5, 3000, 6400)),
    // A login on F's session: a new ID and record, created now.
    step(4700, RotateWith(F, G, 7), S(7, 4700, 6500)),
    step(4700, Lookup(F), Want::Err(Error::SessionNotFound)),
    step(4700, Lookup(G), S(7, 4700, 6500)),
    step(6400, PurgeExpired, Count(1)),
    step(6500, PurgeExpired, Count(1)),
    step(6500, Len, Count(0)),
];

impl core::fmt::Display for Want {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match *self {
            Want::Session(user, created, expires) => {
                write!(
                    f,
                    "session (user {user}, created {created}, expires {expires})"
                )
            }
            Want::Done => f.write_str("done"),
            Want::Count(n) => write!(f, "{n}"),
            Want::Err(e) => write!(f, "{}", Code::err(e)),
        }
    }
}

fn answer(result: Result<Session<u32>, Error>) -> Want {
    match result {
        Ok(s) => Want::Session(s.user, s.created, s.expires),
        Err(e) => Want::Err(e),
    }
}

fn store_script(c: &mut Checker<'_>) {
    let mut store: SessionStore<u32, CAPACITY> =
        SessionStore::new(TTL).with_absolute_lifetime(ABSOLUTE);
    c.expect(
        store.capacity() == CAPACITY && store.is_empty(),
        format_args!("a new store"),
    );
    c.each(SCRIPT, |c, i, step| {
        let now = step.now;
        let got = match step.op {
            Create(id, user) => {
                answer(c.measure("SessionStore::create", || store.create(id, user, now)))
            }
            Lookup(id) => answer(c.measure("SessionStore::lookup", || store.lookup(id, now))),
            Touch(id) => answer(c.measure("SessionStore::touch", || store.touch(id, now))),
            Rotate(old, new) => {
                answer(c.measure("SessionStore::rotate", || store.rotate(old, new, now)))
            }
            RotateWith(old, new, user) => answer(c.measure("SessionStore::rotate_with", || {
                store.rotate_with(old, new, user, now)
            })),
            Revoke(id) => match c.measure("SessionStore::revoke", || store.revoke(id)) {
                Ok(()) => Done,
                Err(e) => Want::Err(e),
            },
            PurgeExpired => {
                Count(c.measure("SessionStore::purge_expired", || store.purge_expired(now)))
            }
            Len => Count(store.len()),
        };
        c.expect(
            got == step.want,
            format_args!("step {i} at {now}: {got}, want {}", step.want),
        );
    });
}

/// Revoked JWT IDs held at most.
const REVOKED: usize = 2;

fn revocation(c: &mut Checker<'_>) {
    let jwt = &BENCH_JWT;
    let claims = &jwt.claims;
    let key = JwtKey::hs256(jwt.key).and_then(KeySet::<1>::with_key);
    let Ok(keys) = key else {
        c.expect(false, format_args!("key"));
        return;
    };
    let now = claims.nbf;
    let mut list: RevocationList<REVOKED> = RevocationList::new();
    let mut buf = [0u8; 384];

    // Not revoked yet: accepted; then revoked by its jti and exp.
    let validation = Validation::new(now)
        .issuer(claims.iss)
        .audience(claims.aud)
        .revocation(&list);
    let verified = c.measure("jwt::verify HS256 (iss, aud, exp, nbf, revocation)", || {
        jwt::verify(jwt.token, &keys, &validation, &mut buf)
    });
    let Ok(verified) = verified else {
        c.expect(false, format_args!("verify: {}", Code::of(&verified)));
        return;
    };
    let revoked = c.measure("RevocationList::revoke_token", || {
        list.revoke_token(&verified, now)
    });
    c.expect(
        revoked.is_ok(),
        format_args!("revoke_token: {}", Code::of(&revoked)),
    );
    c.expect(
        list.contains(claims.jti.as_bytes(), now) && list.len() == 1,
        format_args!("contains {}", Escaped(claims.jti.as_bytes())),
    );

    // Now refused as revoked, until the token's own exp...
    for at in [now, claims.exp - 1] {
        let validation = Validation::new(at)
            .issuer(claims.iss)
            .audience(claims.aud)
            .revocation(&list);
        let result = c.measure("jwt::verify HS256 (iss, aud, exp, nbf, revocation)", || {
            jwt::verify(jwt.token, &keys, &validation, &mut buf).map(|_| ())
        });
        c.expect(
            result == Err(Error::JwtRevoked),
            format_args!("at {at}: {}", Code::of(&result)),
        );
    }
    // ...when the entry lapses: the token is refused as expired anyway.
    c.expect(
        !list.contains(claims.jti.as_bytes(), claims.exp),
        format_args!("lapsed at exp"),
    );
    let validation = Validation::new(claims.exp)
        .issuer(claims.iss)
        .audience(claims.aud)
        .revocation(&list);
    let result = jwt::verify(jwt.token, &keys, &validation, &mut buf).map(|_| ());
    c.expect(
        result == Err(Error::JwtExpired),
        format_args!("at exp: {}", Code::of(&result)),
    );

    // Full of entries in force: refused, unchanged; a lapsed one makes
    // room; revoking an expired token changes nothing.
    let other = c.measure("RevocationList::revoke", || {
        list.revoke(b"another-jti", now + 100, now)
    });
    c.expect(
        other.is_ok() && list.len() == 2,
        format_args!("second entry"),
    );
    let full = list.revoke(b"third-jti", now + 100, now);
    c.expect(
        full == Err(Error::RevocationListFull) && list.len() == 2,
        format_args!("full: {}", Code::of(&full)),
    );
    let room = list.revoke(b"third-jti", now + 200, now + 100);
    c.expect(
        room.is_ok()
            && !list.contains(b"another-jti", now + 100)
            && list.contains(b"third-jti", now + 100)
            && list.contains(claims.jti.as_bytes(), now + 100),
        format_args!("a lapsed entry makes room: {}", Code::of(&room)),
    );
    let expired = list.revoke(b"expired-jti", now, now);
    c.expect(
        expired.is_ok() && list.len() == 2,
        format_args!("an expired token: {}", Code::of(&expired)),
    );
}
