//! The session store driven by an operation sequence agrees with a simple
//! model at every step, and never holds more than its capacity.
#![no_main]

use std::collections::HashMap;

use arbitrary::Arbitrary;
use jeton::Error;
use jeton::session::SessionStore;
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
enum Op {
    Create { id: u8, user: u8 },
    Lookup { id: u8 },
    Touch { id: u8 },
    Rotate { from: u8, to: u8 },
    Revoke { id: u8 },
    RevokeUser { user: u8 },
    Purge,
}

const TTL: i64 = 30;

fuzz_target!(|ops: Vec<(Op, u8)>| {
    let mut store: SessionStore<u8, 4> = SessionStore::new(TTL as u64);
    let mut model: HashMap<u8, (u8, i64)> = HashMap::new(); // id -> (user, expires)
    let mut now = 0i64;
    // Eight IDs of the shape jeton makes (22 characters, the last one
    // with no unused bits set): the store refuses any other.
    let key = |id: u8| {
        let mut k = [b'A' + id % 8; 22];
        k[21] = b'A';
        k
    };
    for (op, dt) in ops {
        now += i64::from(dt % 16);
        let live =
            |m: &HashMap<u8, (u8, i64)>, id: u8| m.get(&(id % 8)).filter(|s| s.1 > now).copied();
        match op {
            Op::Create { id, user } => {
                let ours = store.create(&key(id), user, now).map(|s| s.user);
                let expected = if live(&model, id).is_some() {
                    Err(Error::SessionExists)
                } else {
                    model.remove(&(id % 8));
                    if model.len() >= 4 && model.values().all(|s| s.1 > now) {
                        Err(Error::SessionStoreFull)
                    } else {
                        if model.len() >= 4 {
                            model.retain(|_, s| s.1 > now);
                        }
                        model.insert(id % 8, (user, now + TTL));
                        Ok(user)
                    }
                };
                assert_eq!(ours, expected);
            }
            Op::Lookup { id } => {
                let ours = store.lookup(&key(id), now).map(|s| s.user);
                let expected = match model.get(&(id % 8)) {
                    None => Err(Error::SessionNotFound),
                    Some(s) if s.1 <= now => Err(Error::SessionExpired),
                    Some(s) => Ok(s.0),
                };
                assert_eq!(ours, expected);
            }
            Op::Touch { id } => {
                let ours = store.touch(&key(id), now).map(|s| s.expires);
                let expected = match model.get_mut(&(id % 8)) {
                    None => Err(Error::SessionNotFound),
                    Some(s) if s.1 <= now => Err(Error::SessionExpired),
                    Some(s) => {
                        s.1 = now + TTL;
                        Ok(s.1)
                    }
                };
                assert_eq!(ours, expected);
            }
            Op::Rotate { from, to } => {
                let ours = store.rotate(&key(from), &key(to), now).map(|s| s.user);
                let expected = match model.get(&(from % 8)).copied() {
                    None => Err(Error::SessionNotFound),
                    Some(s) if s.1 <= now => Err(Error::SessionExpired),
                    Some(_) if live(&model, to).is_some() => Err(Error::SessionExists),
                    Some(s) => {
                        model.remove(&(from % 8));
                        model.insert(to % 8, s);
                        Ok(s.0)
                    }
                };
                assert_eq!(ours, expected);
            }
            Op::Revoke { id } => {
                let expected = model
                    .remove(&(id % 8))
                    .map(|_| ())
                    .ok_or(Error::SessionNotFound);
                assert_eq!(store.revoke(&key(id)), expected);
            }
            Op::RevokeUser { user } => {
                let before = model.len();
                model.retain(|_, s| s.0 != user);
                assert_eq!(store.revoke_where(|u| *u == user), before - model.len());
            }
            Op::Purge => {
                let before = model.len();
                model.retain(|_, s| s.1 > now);
                assert_eq!(store.purge_expired(now), before - model.len());
            }
        }
        assert_eq!(store.len(), model.len());
        assert!(store.len() <= 4);
    }
});
