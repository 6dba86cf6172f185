//! The duplicate-name check of a large top-level object (issue 18,
//! finding 4): a document of 60,000 members `{"m0":0,"m1":1,...}` with
//! `max_members` raised to fit, read with the check off, with it on as
//! `json::parse_with` does it (past its 32-name index, each name walks the
//! object again), and with it on through `json::parse_with_scratch`
//! (names noted in a caller's area and sorted once).
//!
//!     cargo run --release -p jeton-bench --bin json_unique [MEMBERS] [--skip-quadratic]
//!
//! Prints one JSON line per way: `{"way", "members", "ns"}` (the fastest
//! of a few runs; one run for the quadratic way, which takes tens of
//! seconds at 60,000).

use std::hint::black_box;
use std::time::Instant;

use jeton::json::{self, Limits, NameSlot};

/// The fastest of `runs` runs of `f`, in nanoseconds.
fn fastest(runs: usize, mut f: impl FnMut()) -> u128 {
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed().as_nanos()
        })
        .min()
        .unwrap_or(0)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let members: usize = args.iter().find_map(|a| a.parse().ok()).unwrap_or(60_000);
    let skip_quadratic = args.iter().any(|a| a == "--skip-quadratic");
    let mut doc = String::from("{");
    for i in 0..members {
        if i > 0 {
            doc.push(',');
        }
        doc.push_str(&format!("\"m{i}\":{i}"));
    }
    doc.push('}');
    let doc = doc.into_bytes();
    let off = Limits {
        max_members: members,
        ..Limits::DEFAULT
    };
    let on = Limits {
        unique_members: true,
        ..off
    };
    let mut names = vec![NameSlot::EMPTY; members];
    // Every way accepts it; a duplicate at the end is refused.
    assert!(json::parse_with(&doc, &off).is_ok());
    assert!(json::parse_with_scratch(&doc, &on, &mut names).is_ok());
    let mut twice = doc.clone();
    twice.truncate(twice.len() - 1);
    twice.extend_from_slice(b",\"m0\":0}");
    let wider = Limits {
        max_members: members + 1,
        ..on
    };
    let mut wider_names = vec![NameSlot::EMPTY; members + 1];
    assert_eq!(
        json::parse_with_scratch(&twice, &wider, &mut wider_names).err(),
        Some(jeton::Error::JsonDuplicateMember)
    );
    let report = |way: &str, ns: u128| {
        println!("{{\"way\":\"{way}\",\"members\":{members},\"ns\":{ns}}}");
    };
    report(
        "check off (parse_with)",
        fastest(5, || {
            black_box(json::parse_with(black_box(&doc), &off).is_ok());
        }),
    );
    report(
        "check on, names sorted (parse_with_scratch)",
        fastest(5, || {
            black_box(json::parse_with_scratch(black_box(&doc), &on, &mut names).is_ok());
        }),
    );
    if !skip_quadratic {
        report(
            "check on, object walked again per name (parse_with)",
            fastest(1, || {
                black_box(json::parse_with(black_box(&doc), &on).is_ok());
            }),
        );
    }
}
