//! The session and revocation backends against one model, in process and
//! through a real `redis-server`, plus what only Redis has: its own TTL,
//! concurrent rotation, and failing closed while it is down.
//!
//! The tests marked `#[ignore]` start a `redis-server` of their own (see
//! `support`): `scripts/redis-tests.sh` installs it and runs them with
//! `cargo test -p jeton-redis -- --include-ignored`.

mod support;

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use jeton::Error;
use jeton::jwt::{self, Claims, JwtKey, KeySet, Validation};
use jeton::session::Revoked;
use jeton::session::shared::{self, RevocationRecord, SessionRecord};
use jeton::session::{RevocationList, SessionStore};
use jeton_redis::{
    LocalRevocations, LocalSessions, PoolOptions, RedisPool, RedisRevocations, RedisSessions,
    RevocationBackend, SessionBackend, SessionData,
};
use support::RedisServer;

/// The record of the model test: a user number, carried as its decimal
/// digits (the user ID) and again as two bytes of data.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct User(u16);

impl SessionData for User {
    fn encode(&self, user: &mut Vec<u8>, data: &mut Vec<u8>) {
        user.extend_from_slice(self.0.to_string().as_bytes());
        data.extend_from_slice(&self.0.to_be_bytes());
    }

    fn decode(user: &[u8], data: &[u8]) -> Result<Self, Error> {
        let n: u16 = std::str::from_utf8(user)
            .ok()
            .and_then(|t| t.parse().ok())
            .ok_or(Error::StoreRecordInvalid)?;
        (data == n.to_be_bytes())
            .then_some(User(n))
            .ok_or(Error::StoreRecordInvalid)
    }
}

fn unix_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

/// A pool with short timeouts, so that a test of failure is quick.
fn pool(server: &RedisServer) -> RedisPool {
    let options = PoolOptions {
        max_connections: 40,
        connect_timeout: Duration::from_millis(300),
        command_timeout: Duration::from_millis(300),
        checkout_timeout: Duration::from_millis(600),
    };
    RedisPool::new(&server.url(), options).unwrap()
}

// ---------------------------------------------------------------------
// The model test, run against both backends.

struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const TTL: i64 = 50;
const ABSOLUTE: i64 = 120;

/// What should be held: ID -> (user, created, expires). Written from the
/// documented semantics (sliding `TTL`, at most `ABSOLUTE`, expired
/// sessions replaced, live ones never overwritten), not from the code.
#[derive(Default)]
struct Model(HashMap<Vec<u8>, (u16, i64, i64)>);

impl Model {
    fn get(&self, id: &[u8], now: i64) -> Result<(u16, i64, i64), Error> {
        match self.0.get(id) {
            None => Err(Error::SessionNotFound),
            Some(s) if s.2 <= now => Err(Error::SessionExpired),
            Some(s) => Ok(*s),
        }
    }
    fn expiry(created: i64, now: i64) -> i64 {
        (now + TTL).min(created + ABSOLUTE)
    }
}

/// Drives `backend` and the model with the same random operations from
/// `t0` on and requires the same answer at every step.
fn agrees_with_the_model(backend: &dyn SessionBackend<User>, seed: u64, t0: i64) -> usize {
    let ids: Vec<Vec<u8>> = (0..12u8)
        .map(|i| {
            let mut id = vec![b'a' + i; 22];
            id[21] = b'A'; // no unused bits set: an ID of jeton's shape
            id
        })
        .collect();
    let mut rng = XorShift(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15));
    let mut model = Model::default();
    let mut now = t0;
    let view = |s: jeton::session::Session<User>| (s.user.0, s.created, s.expires);
    let steps = 300;
    for step in 0..steps {
        now += rng.below(12) as i64;
        let id = &ids[rng.below(ids.len() as u64) as usize];
        let other = &ids[rng.below(ids.len() as u64) as usize];
        let user = rng.below(4) as u16;
        let op = rng.below(7);
        let ctx = format!("seed {seed} step {step} op {op} now {}", now - t0);
        match op {
            0 | 1 => {
                let ours = backend.create(id, User(user), now).map(view);
                let expected = match model.get(id, now) {
                    Ok(_) => Err(Error::SessionExists),
                    Err(_) => {
                        let s = (user, now, Model::expiry(now, now));
                        model.0.insert(id.clone(), s);
                        Ok(s)
                    }
                };
                assert_eq!(ours, expected, "create {ctx}");
            }
            2 => {
                let ours = backend.lookup(id, now).map(view);
                assert_eq!(ours, model.get(id, now), "lookup {ctx}");
            }
            3 => {
                let ours = backend.touch(id, now).map(view);
                let expected = model.get(id, now).map(|mut s| {
                    s.2 = Model::expiry(s.1, now);
                    model.0.insert(id.clone(), s);
                    s
                });
                assert_eq!(ours, expected, "touch {ctx}");
            }
            4 | 5 => {
                let with = op == 5;
                let ours = if with {
                    backend.rotate_with(id, other, User(user), now)
                } else {
                    backend.rotate(id, other, now)
                }
                .map(view);
                let expected = model.get(id, now).and_then(|s| {
                    if model.get(other, now).is_ok() {
                        return Err(Error::SessionExists);
                    }
                    let moved = if with {
                        (user, now, Model::expiry(now, now))
                    } else {
                        s
                    };
                    model.0.remove(id);
                    model.0.insert(other.clone(), moved);
                    Ok(moved)
                });
                assert_eq!(ours, expected, "rotate {ctx}");
            }
            _ => {
                let ours = backend.revoke(id);
                let expected = model.0.remove(id).map(|_| ()).ok_or(Error::SessionNotFound);
                assert_eq!(ours, expected, "revoke {ctx}");
            }
        }
    }
    steps
}

const SEEDS: u64 = 24;

#[test]
fn in_process_sessions_agree_with_the_model() {
    for seed in 1..=SEEDS {
        let store: SessionStore<User, 16> =
            SessionStore::new(TTL as u64).with_absolute_lifetime(ABSOLUTE as u64);
        agrees_with_the_model(&LocalSessions::new(store), seed, 1_000);
    }
}

#[test]
#[ignore = "needs redis-server: scripts/redis-tests.sh"]
fn redis_sessions_agree_with_the_model() {
    let server = RedisServer::start();
    let pool = pool(&server);
    // The test's clock runs a year ahead of Redis's, so that Redis's own
    // expiry removes nothing and every answer is the records' (expired
    // sessions stay readable as expired, as in process).
    let t0 = unix_now() + 365 * 86_400;
    let mut steps = 0;
    for seed in 1..=SEEDS {
        let backend: RedisSessions<User> = RedisSessions::new(pool.clone(), TTL as u64)
            .with_absolute_lifetime(ABSOLUTE as u64)
            .with_prefix(format!("model:{seed}:").as_bytes());
        steps += agrees_with_the_model(&backend, seed, t0);
    }
    println!("{steps} operations agreed with the model through Redis");
}

// ---------------------------------------------------------------------
// Revocations, against both backends.

fn revocations_behave(list: &dyn RevocationBackend) {
    // Revoked until exp + leeway (10): the verifier asks at now - leeway.
    list.revoke(b"jti-1", 1_000, 900).unwrap();
    assert_eq!(list.contains(b"jti-1", 999), Ok(true));
    assert_eq!(list.contains(b"jti-1", 1_000), Ok(false));
    assert_eq!(list.contains(b"jti-2", 999), Ok(false));
    // Revoking again keeps the later exp, in either order.
    list.revoke(b"jti-1", 1_500, 900).unwrap();
    list.revoke(b"jti-1", 1_200, 900).unwrap();
    assert_eq!(list.contains(b"jti-1", 1_499), Ok(true));
    assert_eq!(list.contains(b"jti-1", 1_500), Ok(false));
    // A token past exp + leeway needs no entry.
    list.revoke(b"jti-3", 1_000, 1_010).unwrap();
    assert_eq!(list.contains(b"jti-3", i64::MIN), Ok(false));
    // Inside the leeway it still takes.
    list.revoke(b"jti-4", 1_000, 1_005).unwrap();
    assert_eq!(list.contains(b"jti-4", 1_005 - 10), Ok(true));

    // Through verification: a revoked token is refused, another passes.
    let key = JwtKey::hs256(b"a shared key for the whole fleet").unwrap();
    let keys: KeySet<1> = KeySet::with_key(key.clone()).unwrap();
    let mut buf = [0u8; 512];
    let token = |jti: &str| {
        let claims = Claims::new().subject("u").jwt_id(jti).expires_at(2_000);
        let mut out = [0u8; 512];
        let n = jwt::encode(&key, &claims, &mut out).unwrap();
        out[..n].to_vec()
    };
    // The jti's JSON holds an escape (the backslash): the entry is that
    // of the string it stands for.
    list.revoke(b"tok-\\u00e9", 2_000, 1_000).unwrap();
    let v = Validation::new(1_000).leeway(10).revocation(list);
    assert_eq!(
        jwt::verify(&token("tok-\\u00e9"), &keys, &v, &mut buf).err(),
        Some(Error::JwtRevoked)
    );
    assert!(jwt::verify(&token("tok-other"), &keys, &v, &mut buf).is_ok());
}

#[test]
fn in_process_revocations() {
    revocations_behave(&LocalRevocations::new(
        RevocationList::<8>::new().leeway(10),
    ));
}

#[test]
#[ignore = "needs redis-server: scripts/redis-tests.sh"]
fn redis_revocations() {
    let server = RedisServer::start();
    let pool = pool(&server);
    // The scenario's times (around 1970) are long past for Redis, which
    // would drop every entry at once: run them a year ahead of its clock.
    let shift = unix_now() + 365 * 86_400;
    let list = Shifted {
        inner: RedisRevocations::new(pool).with_leeway(10),
        shift,
    };
    revocations_behave(&list);
}

/// A revocation backend whose times are offset by `shift` (the shared
/// scenario is written in small numbers; Redis needs real ones).
struct Shifted {
    inner: RedisRevocations,
    shift: i64,
}

impl jeton::jwt::Revocation for Shifted {
    fn is_revoked(&self, jti: &jeton::json::JsonStr<'_>, now: i64) -> Result<bool, Error> {
        self.inner.is_revoked(jti, now.saturating_add(self.shift))
    }
}

impl RevocationBackend for Shifted {
    fn revoke(&self, jti: &[u8], exp: i64, now: i64) -> Result<Revoked, Error> {
        self.inner.revoke(jti, exp + self.shift, now + self.shift)
    }
    fn contains(&self, jti: &[u8], now: i64) -> Result<bool, Error> {
        self.inner.contains(jti, now.saturating_add(self.shift))
    }
}

// ---------------------------------------------------------------------
// What only Redis does.

/// Sleeps until `at` (Unix seconds) plus `ms` milliseconds.
fn sleep_until(at: i64, ms: u64) {
    let target = UNIX_EPOCH + Duration::from_secs(at as u64) + Duration::from_millis(ms);
    if let Ok(wait) = target.duration_since(SystemTime::now()) {
        std::thread::sleep(wait);
    }
}

fn exists(server: &RedisServer, key: &[u8]) -> bool {
    let mut line = b"EXISTS ".to_vec();
    line.extend_from_slice(key);
    line.extend_from_slice(b"\r\n");
    server.command(&line).unwrap() == b":1\r\n"
}

#[test]
#[ignore = "needs redis-server: scripts/redis-tests.sh"]
fn redis_ttl_ends_sessions_and_revocations() {
    let server = RedisServer::start();
    let pool = pool(&server);
    // Idle 2 s, at most 3 s; a revocation kept 1 s past exp.
    let sessions: RedisSessions<User> = RedisSessions::new(pool.clone(), 2)
        .with_absolute_lifetime(3)
        .with_prefix(b"ttl:s:");
    let revoked = RedisRevocations::new(pool)
        .with_leeway(1)
        .with_prefix(b"ttl:r:");
    // Start on a second boundary: EXAT has whole seconds.
    let t0 = unix_now() + 1;
    sleep_until(t0, 50);
    let (idle, touched) = (b"an-idle-session-id-000A", b"a-touched-session-id-0A");
    sessions.create(idle, User(1), t0).unwrap();
    sessions.create(touched, User(2), t0).unwrap();
    revoked.revoke(b"jti-ttl", t0 + 1, t0).unwrap();
    let (idle_key, touched_key) = (sessions.key(idle), sessions.key(touched));
    let jti_key = revoked.key(b"jti-ttl");

    sleep_until(t0 + 1, 100);
    // A touch at t0+1 slides to t0+3: the absolute limit.
    assert_eq!(sessions.touch(touched, t0 + 1).unwrap().expires, t0 + 3);
    assert!(exists(&server, &jti_key), "kept through the leeway");

    sleep_until(t0 + 2, 200);
    // Redis itself dropped the untouched session and the revocation.
    assert!(
        !exists(&server, &idle_key),
        "the idle session outlived its TTL"
    );
    assert!(
        !exists(&server, &jti_key),
        "the revocation outlived exp + leeway"
    );
    assert_eq!(
        sessions.lookup(idle, t0 + 2).err(),
        Some(Error::SessionNotFound)
    );
    assert!(exists(&server, &touched_key));
    // Touching again cannot pass the absolute expiry.
    assert_eq!(sessions.touch(touched, t0 + 2).unwrap().expires, t0 + 3);

    sleep_until(t0 + 3, 200);
    assert!(
        !exists(&server, &touched_key),
        "the absolute lifetime was exceeded"
    );
    assert_eq!(
        sessions.touch(touched, t0 + 3).err(),
        Some(Error::SessionNotFound)
    );
}

#[test]
#[ignore = "needs redis-server: scripts/redis-tests.sh"]
fn rotation_under_32_concurrent_clients() {
    const CLIENTS: usize = 32;
    const ROUNDS: usize = 25;
    let server = RedisServer::start();
    let pool = pool(&server);
    let sessions: Arc<RedisSessions<User>> =
        Arc::new(RedisSessions::new(pool, 600).with_prefix(b"rot:"));
    let now = unix_now();
    let created = sessions
        .create(b"round-0-the-first-id0A", User(7), now)
        .unwrap();
    let mut current = b"round-0-the-first-id0A".to_vec();
    let mut losers = 0;
    for round in 1..=ROUNDS {
        let candidates: Vec<Vec<u8>> = (0..CLIENTS)
            .map(|c| format!("round-{round:02}-client-{c:02}-id0A").into_bytes())
            .collect();
        // A watcher reads the old and every new key at once (MGET is
        // atomic) while the clients race: exactly one holds the session.
        let keys: Vec<Vec<u8>> = std::iter::once(&current)
            .chain(&candidates)
            .map(|id| sessions.key(id))
            .collect();
        let done = Arc::new(AtomicBool::new(false));
        let seen = Arc::new(AtomicUsize::new(0));
        let watcher = {
            let (done, seen, url) = (Arc::clone(&done), Arc::clone(&seen), server.url());
            std::thread::spawn(move || {
                let client = redis::Client::open(url).unwrap();
                let mut conn = client.get_connection().unwrap();
                while !done.load(Ordering::SeqCst) {
                    let values: Vec<Option<Vec<u8>>> =
                        redis::cmd("MGET").arg(&keys).query(&mut conn).unwrap();
                    let present = values.iter().filter(|v| v.is_some()).count();
                    assert_eq!(present, 1, "the session under {present} IDs at once");
                    seen.fetch_add(1, Ordering::SeqCst);
                }
            })
        };
        let barrier = Arc::new(Barrier::new(CLIENTS));
        let results: Vec<Result<jeton::session::Session<User>, Error>> = candidates
            .iter()
            .map(|new| {
                let (sessions, barrier, old, new) = (
                    Arc::clone(&sessions),
                    Arc::clone(&barrier),
                    current.clone(),
                    new.clone(),
                );
                std::thread::spawn(move || {
                    barrier.wait();
                    sessions.rotate(&old, &new, now)
                })
            })
            .collect::<Vec<_>>()
            .into_iter()
            .map(|h| h.join().unwrap())
            .collect();
        done.store(true, Ordering::SeqCst);
        watcher.join().unwrap();
        assert!(seen.load(Ordering::SeqCst) > 0);
        let winners: Vec<usize> = (0..CLIENTS).filter(|&i| results[i].is_ok()).collect();
        assert_eq!(winners.len(), 1, "round {round}: {results:?}");
        for r in &results {
            match r {
                Ok(s) => assert_eq!((s.user, s.created), (User(7), created.created)),
                Err(Error::SessionNotFound) => losers += 1,
                Err(e) => panic!("round {round}: {e:?}"),
            }
        }
        let winner = &candidates[winners[0]];
        assert_eq!(
            sessions.lookup(&current, now).err(),
            Some(Error::SessionNotFound)
        );
        assert_eq!(sessions.lookup(winner, now).unwrap(), created);
        current = winner.clone();
    }
    println!(
        "{ROUNDS} rounds of {CLIENTS} concurrent rotations: one winner each, {losers} refused, \
         never two IDs"
    );
}

#[test]
#[ignore = "needs redis-server: scripts/redis-tests.sh"]
fn fails_closed_while_redis_is_down_and_recovers() {
    let mut server = RedisServer::start();
    let pool = pool(&server);
    let sessions: RedisSessions<User> = RedisSessions::new(pool.clone(), 600);
    let revoked = RedisRevocations::new(pool.clone());
    let now = unix_now();
    let far = now + 3_600;
    sessions
        .create(b"kept-through-the-freezA", User(3), now)
        .unwrap();
    revoked.revoke(b"revoked-jti", far, now).unwrap();
    let key = JwtKey::hs256(b"a shared key for the whole fleet").unwrap();
    let keys: KeySet<1> = KeySet::with_key(key.clone()).unwrap();
    let claims = Claims::new()
        .subject("u")
        .jwt_id("fresh-jti")
        .expires_at(far);
    let mut token = [0u8; 512];
    let n = jwt::encode(&key, &claims, &mut token).unwrap();
    let token = &token[..n];
    let verify = || {
        let mut buf = [0u8; 512];
        let v = Validation::new(now).revocation(&revoked);
        jwt::verify(token, &keys, &v, &mut buf).map(|_| ())
    };
    assert_eq!(verify(), Ok(()));

    // Every call refused, and soon: frozen (no answer) then stopped (no
    // connection).
    let everything_refused = |what: &str| {
        let started = Instant::now();
        let calls: Vec<(&str, Result<(), Error>)> = vec![
            (
                "lookup",
                sessions.lookup(b"kept-through-the-freezA", now).map(|_| ()),
            ),
            (
                "touch",
                sessions.touch(b"kept-through-the-freezA", now).map(|_| ()),
            ),
            (
                "create",
                sessions
                    .create(b"a-new-session-id-0000A", User(1), now)
                    .map(|_| ()),
            ),
            (
                "rotate",
                sessions
                    .rotate(b"kept-through-the-freezA", b"a-new-id-000000002000A", now)
                    .map(|_| ()),
            ),
            ("revoke", sessions.revoke(b"kept-through-the-freezA")),
            (
                "revoke jti",
                revoked.revoke(b"another-jti", far, now).map(|_| ()),
            ),
            (
                "check jti",
                revoked.contains(b"revoked-jti", now).map(|_| ()),
            ),
            ("verify", verify()),
        ];
        for (call, result) in calls {
            assert_eq!(result, Err(Error::StoreUnavailable), "{call} while {what}");
        }
        let took = started.elapsed();
        assert!(took < Duration::from_secs(12), "{what}: {took:?}");
        println!("{what}: 8 calls refused in {took:?}");
    };
    server.freeze();
    everything_refused("frozen");
    server.thaw();
    // Back: nothing lost, nothing written while it was away.
    assert_eq!(
        sessions
            .lookup(b"kept-through-the-freezA", now)
            .unwrap()
            .user,
        User(3)
    );
    assert_eq!(revoked.contains(b"revoked-jti", now), Ok(true));
    assert_eq!(revoked.contains(b"another-jti", now), Ok(false));
    assert_eq!(
        sessions.lookup(b"a-new-session-id-0000A", now).err(),
        Some(Error::SessionNotFound)
    );
    assert_eq!(verify(), Ok(()));

    server.stop();
    everything_refused("stopped");
    // Started again (empty: this one keeps nothing on disk): admitted
    // again at once, no stale connection in the way.
    server.restart();
    assert_eq!(
        sessions.lookup(b"kept-through-the-freezA", now).err(),
        Some(Error::SessionNotFound)
    );
    sessions
        .create(b"after-the-restart-id1A", User(4), now)
        .unwrap();
    assert_eq!(
        sessions.touch(b"after-the-restart-id1A", now).unwrap().user,
        User(4)
    );
    assert_eq!(verify(), Ok(()));
    assert!(pool.last_error().is_some());
}

#[test]
#[ignore = "needs redis-server: scripts/redis-tests.sh"]
fn what_redis_holds_is_the_documented_format() {
    let server = RedisServer::start();
    let pool = pool(&server);
    let sessions: RedisSessions<User> = RedisSessions::new(pool.clone(), 600)
        .with_absolute_lifetime(3_600)
        .with_prefix(b"fmt:s:");
    let revoked = RedisRevocations::new(pool)
        .with_leeway(30)
        .with_prefix(b"fmt:r:");
    let now = unix_now();
    let id = b"Kq3J2v_secret-session-id-value-0123456789A";
    sessions.create(id, User(513), now).unwrap();
    revoked.revoke(b"the-jti", now + 100, now).unwrap();

    let client = redis::Client::open(server.url()).unwrap();
    let mut conn = client.get_connection().unwrap();
    let keys: Vec<Vec<u8>> = redis::cmd("KEYS").arg("*").query(&mut conn).unwrap();
    assert_eq!(keys.len(), 2);
    // The raw ID is nowhere in the store: not in a key, not in a value.
    for key in &keys {
        let value: Vec<u8> = redis::cmd("GET").arg(key).query(&mut conn).unwrap();
        for hay in [key, &value] {
            assert!(!hay.windows(id.len()).any(|w| w == id));
            assert!(!hay.windows(7).any(|w| w == b"the-jti"));
        }
    }
    let mut expected = [0u8; 64];
    let n = shared::key(b"fmt:s:", id, &mut expected).unwrap();
    assert!(keys.iter().any(|k| k[..] == expected[..n]));
    let value: Vec<u8> = redis::cmd("GET")
        .arg(&expected[..n])
        .query(&mut conn)
        .unwrap();
    let record = SessionRecord::decode(&value).unwrap();
    assert_eq!(
        (
            record.user,
            record.data,
            record.created,
            record.absolute_expiry,
            record.expires
        ),
        (&b"513"[..], &[2u8, 1][..], now, now + 3_600, now + 600)
    );
    let ttl: i64 = redis::cmd("EXPIRETIME")
        .arg(&expected[..n])
        .query(&mut conn)
        .unwrap();
    assert_eq!(ttl, now + 600);
    let n = shared::key(b"fmt:r:", b"the-jti", &mut expected).unwrap();
    let value: Vec<u8> = redis::cmd("GET")
        .arg(&expected[..n])
        .query(&mut conn)
        .unwrap();
    assert_eq!(
        RevocationRecord::decode(&value),
        Ok(RevocationRecord { exp: now + 100 })
    );
    let ttl: i64 = redis::cmd("EXPIRETIME")
        .arg(&expected[..n])
        .query(&mut conn)
        .unwrap();
    assert_eq!(ttl, now + 130);

    // What is not a record is refused, never admitted.
    let id2 = b"a-session-id-with-junA";
    let _: () = redis::cmd("SET")
        .arg(sessions.key(id2))
        .arg("junk")
        .query(&mut conn)
        .unwrap();
    assert_eq!(
        sessions.lookup(id2, now).err(),
        Some(Error::StoreRecordInvalid)
    );
    assert_eq!(
        sessions.touch(id2, now).err(),
        Some(Error::StoreRecordInvalid)
    );
    assert_eq!(
        sessions.create(id2, User(1), now).err(),
        Some(Error::StoreRecordInvalid)
    );
    let id3 = b"a-session-id-on-a-lisA";
    let _: () = redis::cmd("RPUSH")
        .arg(sessions.key(id3))
        .arg("x")
        .query(&mut conn)
        .unwrap();
    assert_eq!(
        sessions.lookup(id3, now).err(),
        Some(Error::StoreUnavailable)
    );
    let _: () = redis::cmd("SET")
        .arg(revoked.key(b"odd"))
        .arg("R\x01")
        .query(&mut conn)
        .unwrap();
    assert_eq!(
        revoked.contains(b"odd", now),
        Err(Error::StoreRecordInvalid)
    );
    // The pool stays usable after those.
    assert_eq!(sessions.lookup(id, now).unwrap().user, User(513));
}
