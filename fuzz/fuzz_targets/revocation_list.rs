//! The revocation list driven by an operation sequence agrees with a
//! simple model at every step: what it holds, what it answers, when it is
//! full, and what a revocation of an already lapsed token does.
#![no_main]

use arbitrary::Arbitrary;
use jeton::Error;
use jeton::session::{RevocationList, Revoked};
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
enum Op {
    /// Revokes `jti` until `now + offset` (or an extreme `exp`).
    Revoke {
        jti: u8,
        offset: i16,
        extreme: Option<bool>,
    },
    Contains {
        jti: u8,
        back: u8,
    },
    Purge,
    Wait {
        seconds: u16,
    },
}

#[derive(Arbitrary, Debug)]
struct Input {
    leeway: u8,
    start: i64,
    ops: Vec<Op>,
}

const CAPACITY: usize = 4;

/// The model: the `jti`s held, in no particular order, with their `exp`.
struct Model {
    held: Vec<(u8, i64)>,
    leeway: i64,
}

impl Model {
    fn lapsed(&self, exp: i64, now: i64) -> bool {
        exp.saturating_add(self.leeway) <= now
    }

    fn revoke(&mut self, jti: u8, exp: i64, now: i64) -> Result<Revoked, Error> {
        if self.lapsed(exp, now) {
            return Ok(Revoked::AlreadyLapsed);
        }
        if let Some(entry) = self.held.iter_mut().find(|(j, _)| *j == jti) {
            entry.1 = entry.1.max(exp);
            return Ok(Revoked::Recorded);
        }
        if self.held.len() == CAPACITY && self.purge(now) == 0 {
            return Err(Error::RevocationListFull);
        }
        self.held.push((jti, exp));
        Ok(Revoked::Recorded)
    }

    fn contains(&self, jti: u8, at: i64) -> bool {
        self.held.iter().any(|&(j, exp)| j == jti && exp > at)
    }

    fn purge(&mut self, now: i64) -> usize {
        let before = self.held.len();
        let leeway = self.leeway;
        self.held
            .retain(|&(_, exp)| exp.saturating_add(leeway) > now);
        before - self.held.len()
    }
}

fuzz_target!(|input: Input| {
    let leeway = u64::from(input.leeway % 64);
    let mut list: RevocationList<CAPACITY> = RevocationList::new().leeway(leeway);
    let mut model = Model {
        held: Vec::new(),
        leeway: leeway as i64,
    };
    let mut now = input.start;
    // Eight IDs, of varied lengths.
    let id = |j: u8| -> Vec<u8> { vec![b'j'; usize::from(j % 8) + 1] };
    for op in input.ops {
        match op {
            Op::Revoke {
                jti,
                offset,
                extreme,
            } => {
                let exp = match extreme {
                    Some(true) => i64::MAX,
                    Some(false) => i64::MIN,
                    None => now.saturating_add(i64::from(offset)),
                };
                let before = list.len();
                let got = list.revoke(&id(jti), exp, now);
                assert_eq!(
                    got,
                    model.revoke(jti % 8, exp, now),
                    "revoke {jti} {exp} at {now}"
                );
                if got.is_err() {
                    assert_eq!(list.len(), before, "a refused revocation changed the list");
                }
            }
            Op::Contains { jti, back } => {
                // At now, and where a verifier with a leeway asks.
                for at in [now, now.saturating_sub(i64::from(back))] {
                    assert_eq!(list.contains(&id(jti), at), model.contains(jti % 8, at));
                }
            }
            Op::Purge => assert_eq!(list.purge(now), model.purge(now)),
            Op::Wait { seconds } => now = now.saturating_add(i64::from(seconds % 128)),
        }
        assert_eq!(list.len(), model.held.len());
        assert!(list.len() <= CAPACITY);
    }
});
