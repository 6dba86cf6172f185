//! HTTP authentication against RFC 7617 / RFC 6750 and npm `basic-auth`
//! (vectors from `tests/gen/npm/basic-auth.mjs`); the session store (its
//! per-user cap included) against a `HashMap` model under random operation
//! sequences; the JWT revocation list through verification.

use std::collections::HashMap;

use jeton::Error;
use jeton::auth;
use jeton::jwt::{self, Claims, JwtKey, KeySet, Validation};
use jeton::session::{RevocationList, SessionStore, generate_id, id_from_bytes, is_well_formed_id};
use jeton_tests::load_json;
use jeton_tests::shared::auth::{CHALLENGES, RFC6750_BEARER, RFC7617_BASIC};
use sha2::{Digest, Sha256};

#[test]
fn rfc7617_examples() {
    let mut buf = [0u8; 64];
    for ex in RFC7617_BASIC {
        let c = auth::parse_basic(ex.header, &mut buf).unwrap();
        assert_eq!((c.user, c.password), (ex.user, ex.password), "{}", ex.what);
        let n = auth::format_basic(ex.user, ex.password, &mut buf).unwrap();
        assert_eq!(&buf[..n], ex.header, "{}", ex.what);
    }
}

#[test]
fn rfc6750_examples() {
    for ex in RFC6750_BEARER {
        assert_eq!(auth::parse_bearer(ex.header), ex.token, "{}", ex.what);
    }
    let mut out = [0u8; 128];
    let n = auth::format_bearer(b"mF_9.B5f-4.1JqM", &mut out).unwrap();
    assert_eq!(&out[..n], RFC6750_BEARER[0].header);
}

/// RFC 7617 section 2.1 and RFC 6750 section 3.
#[test]
fn challenges_as_the_rfcs_print_them() {
    let mut out = [0u8; 128];
    for ex in CHALLENGES {
        let n = ex.challenge.write(&mut out).unwrap();
        assert_eq!(&out[..n], ex.expected, "{:?}", ex.challenge);
    }
}

#[test]
fn basic_auth_matches_npm_basic_auth() {
    let v = load_json("npm-basic-auth.json");
    let parses = jeton_tests::cases(&v["parses"], 74);
    let (mut accepted, mut refused) = (0, 0);
    for case in parses {
        let header = case["header"].as_str().unwrap();
        let mut buf = vec![0u8; header.len()];
        let ours = auth::parse_basic(header.as_bytes(), &mut buf);
        match (&case["result"], ours) {
            (serde_json::Value::Null, Err(_)) => refused += 1,
            (theirs, Ok(c)) if !theirs.is_null() => {
                assert_eq!(
                    c.user,
                    theirs["name"].as_str().unwrap().as_bytes(),
                    "{header:?}"
                );
                assert_eq!(
                    c.password,
                    theirs["pass"].as_str().unwrap().as_bytes(),
                    "{header:?}"
                );
                accepted += 1;
            }
            (theirs, ours) => panic!("{header:?}: basic-auth {theirs}, jeton {ours:?}"),
        }
    }
    for case in jeton_tests::cases(&v["formats"], 14) {
        let (name, pass) = (
            case["name"].as_str().unwrap(),
            case["pass"].as_str().unwrap(),
        );
        let mut out = vec![0u8; 2048];
        let ours = auth::format_basic(name.as_bytes(), pass.as_bytes(), &mut out);
        match (case["output"].as_str(), ours) {
            (Some(theirs), Ok(n)) => assert_eq!(std::str::from_utf8(&out[..n]).unwrap(), theirs),
            (None, Err(e)) => assert!(matches!(
                e,
                Error::AuthUserHasColon | Error::AuthInvalidCharacter
            )),
            (theirs, ours) => panic!("{name:?}/{pass:?}: basic-auth {theirs:?}, jeton {ours:?}"),
        }
    }
    println!(
        "basic-auth {}: {accepted} accepted and {refused} refused alike",
        v["library"]["basic-auth"]
    );
}

/// A small deterministic PRNG for the model test.
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

/// The model: what the store should hold, in a `HashMap` keyed by the ID.
#[derive(Default)]
struct Model {
    sessions: HashMap<Vec<u8>, (u16, i64, i64)>, // user, created, expires
}

const TTL: i64 = 50;
const ABSOLUTE: i64 = 120;
const CAPACITY: usize = 8;

impl Model {
    fn live(&self, id: &[u8], now: i64) -> Option<(u16, i64, i64)> {
        self.sessions.get(id).copied().filter(|s| s.2 > now)
    }
    fn expiry(created: i64, now: i64) -> i64 {
        (now + TTL).min(created + ABSOLUTE)
    }
}

#[test]
fn session_store_agrees_with_a_model() {
    let ids: Vec<Vec<u8>> = (0..12u8)
        .map(|i| {
            let mut id = vec![b'a' + i; 22];
            id[21] = b'A'; // no unused bits set: an ID of jeton's shape
            id
        })
        .collect();
    for seed in 1..=40u64 {
        let mut rng = XorShift(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        let mut store: SessionStore<u16, CAPACITY> =
            SessionStore::new(TTL as u64).with_absolute_lifetime(ABSOLUTE as u64);
        let mut model = Model::default();
        let mut now = 1_000;
        for step in 0..400 {
            now += rng.below(12) as i64;
            let id = &ids[rng.below(ids.len() as u64) as usize];
            let other = &ids[rng.below(ids.len() as u64) as usize];
            let user = rng.below(4) as u16;
            let op = rng.below(9);
            let ctx = format!("seed {seed} step {step} op {op} now {now}");
            match op {
                0 | 1 => {
                    let ours = store
                        .create(id, user, now)
                        .map(|s| (s.user, s.created, s.expires));
                    let expected = if model.live(id, now).is_some() {
                        Err(Error::SessionExists)
                    } else {
                        model.sessions.remove(id);
                        if model.sessions.len() >= CAPACITY {
                            if model.sessions.values().all(|s| s.2 > now) {
                                Err(Error::SessionStoreFull)
                            } else {
                                model.sessions.retain(|_, s| s.2 > now);
                                Ok(())
                            }
                        } else {
                            Ok(())
                        }
                        .map(|()| {
                            let s = (user, now, Model::expiry(now, now));
                            model.sessions.insert(id.clone(), s);
                            s
                        })
                    };
                    assert_eq!(ours, expected, "create {ctx}");
                }
                2 => {
                    let ours = store
                        .lookup(id, now)
                        .map(|s| (s.user, s.created, s.expires));
                    let expected = match model.sessions.get(id) {
                        None => Err(Error::SessionNotFound),
                        Some(s) if s.2 <= now => Err(Error::SessionExpired),
                        Some(s) => Ok(*s),
                    };
                    assert_eq!(ours, expected, "lookup {ctx}");
                }
                3 => {
                    let ours = store.touch(id, now).map(|s| (s.user, s.created, s.expires));
                    let expected = match model.sessions.get_mut(id) {
                        None => Err(Error::SessionNotFound),
                        Some(s) if s.2 <= now => Err(Error::SessionExpired),
                        Some(s) => {
                            s.2 = Model::expiry(s.1, now);
                            Ok(*s)
                        }
                    };
                    assert_eq!(ours, expected, "touch {ctx}");
                }
                4 => {
                    let ours = store
                        .rotate(id, other, now)
                        .map(|s| (s.user, s.created, s.expires));
                    let expected = match model.sessions.get(id).copied() {
                        None => Err(Error::SessionNotFound),
                        Some(s) if s.2 <= now => Err(Error::SessionExpired),
                        // A live session at the new ID (the old one itself
                        // included) is never overwritten.
                        Some(_) if model.live(other, now).is_some() => Err(Error::SessionExists),
                        Some(s) => {
                            model.sessions.remove(id);
                            model.sessions.insert(other.clone(), s);
                            Ok(s)
                        }
                    };
                    assert_eq!(ours, expected, "rotate {ctx}");
                }
                7 | 8 => {
                    // A login capped at `max` sessions per user: the
                    // user's oldest live sessions go (earliest created,
                    // then expiry, then SHA-256 of the ID), never
                    // another user's.
                    let max = 1 + rng.below(3) as usize;
                    let mut gone = Vec::new();
                    let ours = store
                        .create_capped(
                            id,
                            user,
                            now,
                            max,
                            |u| *u == user,
                            |s| gone.push((s.user, s.created, s.expires)),
                        )
                        .map(|s| (s.user, s.created, s.expires));
                    let expected = if model.live(id, now).is_some() {
                        Err(Error::SessionExists)
                    } else {
                        let mut mine: Vec<(i64, i64, [u8; 32], Vec<u8>)> = model
                            .sessions
                            .iter()
                            .filter(|(_, s)| s.0 == user && s.2 > now)
                            .map(|(k, s)| (s.1, s.2, Sha256::digest(k).into(), k.clone()))
                            .collect();
                        mine.sort();
                        let over = (mine.len() + 1).saturating_sub(max);
                        let full = model.sessions.len() >= CAPACITY
                            && !model.sessions.contains_key(id)
                            && model.sessions.values().all(|s| s.2 > now);
                        if over == 0 && full {
                            Err(Error::SessionStoreFull)
                        } else {
                            model.sessions.remove(id);
                            let mut evicted = Vec::new();
                            for (_, _, _, k) in mine.iter().take(over) {
                                evicted.push(model.sessions.remove(k).unwrap());
                            }
                            assert_eq!(gone, evicted, "evicted, oldest first {ctx}");
                            if model.sessions.len() >= CAPACITY {
                                model.sessions.retain(|_, s| s.2 > now);
                            }
                            let s = (user, now, Model::expiry(now, now));
                            model.sessions.insert(id.clone(), s);
                            Ok(s)
                        }
                    };
                    if expected.is_err() {
                        assert!(gone.is_empty(), "a refused call evicts nothing {ctx}");
                    }
                    assert_eq!(ours, expected, "create_capped {ctx}");
                    let held = store.count_live(now, |u| *u == user);
                    if ours.is_ok() {
                        assert!(held <= max, "{held} sessions over the cap of {max} {ctx}");
                    }
                }
                5 => {
                    let ours = store.revoke(id);
                    let expected = model
                        .sessions
                        .remove(id)
                        .map(|_| ())
                        .ok_or(Error::SessionNotFound);
                    assert_eq!(ours, expected, "revoke {ctx}");
                }
                _ => {
                    if rng.below(2) == 0 {
                        let ours = store.purge_expired(now);
                        let before = model.sessions.len();
                        model.sessions.retain(|_, s| s.2 > now);
                        assert_eq!(ours, before - model.sessions.len(), "purge {ctx}");
                    } else {
                        let ours = store.revoke_where(|u| *u == user);
                        let before = model.sessions.len();
                        model.sessions.retain(|_, s| s.0 != user);
                        assert_eq!(ours, before - model.sessions.len(), "revoke_where {ctx}");
                    }
                }
            }
            assert_eq!(store.len(), model.sessions.len(), "size {ctx}");
        }
    }
}

#[test]
fn session_ids() {
    let mut counter = 0u8;
    let mut rng = |buf: &mut [u8]| {
        for b in buf.iter_mut() {
            counter = counter.wrapping_add(97);
            *b = counter;
        }
        Ok(())
    };
    let mut a = [0u8; 43];
    let mut b = [0u8; 43];
    generate_id(&mut rng, &mut a).unwrap();
    generate_id(&mut rng, &mut b).unwrap();
    assert_ne!(a, b);
    assert!(is_well_formed_id(&a) && is_well_formed_id(&b));
    let mut out = [0u8; 22];
    assert_eq!(id_from_bytes(&[0xFF; 16], &mut out), Ok(22));
    assert_eq!(&out, b"_____________________w");
}

/// Issue 18, finding 8: the store took any bytes as an ID (`create("")`
/// then `lookup("")` admitted), and a source that said yes without
/// writing gave every caller the same all-`A` ID.
#[test]
fn the_store_opens_only_ids_an_entropy_source_made() {
    let mut store: SessionStore<u8, 4> = SessionStore::new(600);
    for id in [&b""[..], b"x", b"admin", &[b'A'; 21], &[b'a'; 100]] {
        assert_eq!(store.create(id, 1, 0), Err(Error::SessionIdMalformed));
        assert_eq!(store.lookup(id, 0), Err(Error::SessionNotFound));
    }
    assert!(store.is_empty());

    let mut silent = |_: &mut [u8]| Ok(());
    let mut id = [0u8; 43];
    assert_eq!(
        generate_id(&mut silent, &mut id),
        Err(Error::EntropyUnavailable)
    );
    assert_eq!(id, [0u8; 43], "nothing written");
    // What a silent source used to give: 43 `A`s, well-formed but shared
    // by every such failure. The store takes it (it cannot tell), so the
    // refusal has to come from generate_id.
    let mut zeros = [0u8; 43];
    assert_eq!(id_from_bytes(&[0u8; 32], &mut zeros), Ok(43));
    assert_eq!(zeros, [b'A'; 43]);
    assert!(store.create(&zeros, 1, 0).is_ok());
}

#[test]
fn revoked_jti_is_refused_until_the_token_expires() {
    let key = JwtKey::hs256(b"revocation test key of 32 bytes.").unwrap();
    let keys: KeySet<1> = KeySet::with_key(key.clone()).unwrap();
    let claims = Claims::new()
        .subject("u")
        .jwt_id("token-\\u00e9-1")
        .expires_at(2_000);
    let mut token = [0u8; 256];
    let n = jwt::encode(&key, &claims, &mut token).unwrap();
    let token = &token[..n];
    let mut list: RevocationList<4> = RevocationList::new();
    let mut buf = [0u8; 256];
    let verified = jwt::verify(
        token,
        &keys,
        &Validation::new(1_000).revocation(&list),
        &mut buf,
    )
    .unwrap();
    let mut other = [0u8; 256];
    // Revoke through the verified view (the jti as decoded), then verify again.
    let mut list2 = list.clone();
    list2.revoke_token(&verified, 1_000).unwrap();
    list = list2;
    assert_eq!(
        jwt::verify(
            token,
            &keys,
            &Validation::new(1_500).revocation(&list),
            &mut other
        )
        .err(),
        Some(Error::JwtRevoked)
    );
    // The same jti given as plain bytes is the same entry.
    assert!(list.contains("token-\\u00e9-1".as_bytes(), 1_500));
    // Without the list, the token still passes: only the list knows.
    assert!(jwt::verify(token, &keys, &Validation::new(1_500), &mut other).is_ok());
    // At expiry the entry lapses, and the token is refused as expired.
    assert_eq!(list.purge(2_000), 1);
    assert_eq!(
        jwt::verify(
            token,
            &keys,
            &Validation::new(2_000).revocation(&list),
            &mut other
        )
        .err(),
        Some(Error::JwtExpired)
    );
}

/// A verifier with a leeway still accepts a token past its `exp`; while it
/// does, a revoked token stays refused, and a revocation made in that
/// window takes effect (with the list given the same leeway).
#[test]
fn revocation_holds_through_the_leeway() {
    let key = JwtKey::hs256(b"revocation test key of 32 bytes.").unwrap();
    let keys: KeySet<1> = KeySet::with_key(key.clone()).unwrap();
    let claims = Claims::new().subject("u").jwt_id("j-1").expires_at(1_000);
    let mut token = [0u8; 256];
    let n = jwt::encode(&key, &claims, &mut token).unwrap();
    let token = &token[..n];
    let mut buf = [0u8; 256];
    let at = |now: i64, list: &RevocationList<4>, buf: &mut [u8; 256]| {
        let v = Validation::new(now).leeway(10).revocation(list);
        jwt::verify(token, &keys, &v, buf).err()
    };
    let unrevoked = RevocationList::<4>::new().leeway(10);
    assert_eq!(at(1_005, &unrevoked, &mut buf), None, "inside the leeway");
    assert_eq!(at(1_010, &unrevoked, &mut buf), Some(Error::JwtExpired));

    // Revoked before exp: refused inside the leeway too.
    let mut early = RevocationList::<4>::new().leeway(10);
    early.revoke(b"j-1", 1_000, 900).unwrap();
    assert_eq!(
        early.purge(1_005),
        0,
        "kept while the leeway accepts the token"
    );
    assert_eq!(at(1_005, &early, &mut buf), Some(Error::JwtRevoked));

    // Revoked after exp, inside the leeway: takes effect.
    let mut late = RevocationList::<4>::new().leeway(10);
    late.revoke(b"j-1", 1_000, 1_003).unwrap();
    assert_eq!(late.len(), 1);
    assert_eq!(at(1_005, &late, &mut buf), Some(Error::JwtRevoked));
    assert_eq!(late.purge(1_010), 1, "gone once the leeway is over");

    // A verifier that does not check exp honours every entry still held.
    let no_exp = Validation::new(5_000).required(&[]).allow_expired();
    assert!(jwt::verify(token, &keys, &no_exp, &mut buf).is_ok());
    let no_exp = no_exp.revocation(&early);
    assert_eq!(
        jwt::verify(token, &keys, &no_exp, &mut buf).err(),
        Some(Error::JwtRevoked)
    );
}
