//! Any bytes as JSON: validation never panics; the fast flat-object reader
//! never disagrees with the validator; what it accepts, the
//! navigation API walks without failing, and re-emitting it through the
//! writer gives a document that reads back equal.
#![no_main]

use jeton::json::{self, JsonWriter, Kind, Limits, NameSlot, Value};
use jeton::out::Out;
use libfuzzer_sys::fuzz_target;

/// Re-emits a validated value through the writer.
fn emit<S: jeton::out::Sink>(w: &mut JsonWriter<S>, v: Value<'_>, scratch: &mut [u8]) {
    match v.kind() {
        Kind::Object => {
            w.begin_object();
            for (name, value) in v.members() {
                let n = name.unescape_into(scratch).unwrap();
                w.name(std::str::from_utf8(&scratch[..n]).unwrap());
                emit(w, value, scratch);
            }
            w.end_object();
        }
        Kind::Array => {
            w.begin_array();
            for e in v.elements() {
                emit(w, e, scratch);
            }
            w.end_array();
        }
        Kind::String => {
            let n = v.unescape_into(scratch).unwrap();
            w.str(std::str::from_utf8(&scratch[..n]).unwrap());
        }
        _ => {
            w.raw(v.raw());
        }
    }
}

/// Structural equality of two validated values.
fn equal(a: Value<'_>, b: Value<'_>) -> bool {
    match (a.kind(), b.kind()) {
        (Kind::Object, Kind::Object) => {
            a.members().count() == b.members().count()
                && a.members()
                    .zip(b.members())
                    .all(|((ka, va), (kb, vb))| ka.bytes().eq(kb.bytes()) && equal(va, vb))
        }
        (Kind::Array, Kind::Array) => {
            a.elements().count() == b.elements().count()
                && a.elements().zip(b.elements()).all(|(x, y)| equal(x, y))
        }
        (Kind::String, Kind::String) => a.as_str().unwrap().bytes().eq(b.as_str().unwrap().bytes()),
        (x, y) => x == y && a.raw() == b.raw(),
    }
}

fuzz_target!(|data: &[u8]| {
    // The fast path JWT verification takes for flat claims agrees with the
    // full validator, under tight limits and loose ones.
    for max_depth in [1, 2, 64] {
        for max_members in [1, 3, 256] {
            let limits = Limits {
                max_depth,
                max_members,
                unique_members: true,
            };
            assert!(json::fast_reader_agrees(data, &limits));
        }
    }
    // The duplicate check by sorting names answers as walking the object
    // again does, with an area too small for every name, and one that fits.
    for max_members in [3, 256] {
        let limits = Limits {
            max_members,
            unique_members: true,
            ..Limits::DEFAULT
        };
        let want = json::parse_with(data, &limits).map(|v| v.raw());
        for slots in [2, 256] {
            let mut names = vec![NameSlot::EMPTY; slots];
            let got = json::parse_with_scratch(data, &limits, &mut names).map(|v| v.raw());
            assert_eq!(got, want, "{slots} slots");
        }
    }
    // Navigation over bytes that were never validated answers nonsense
    // but ends: every item takes at least one byte.
    let unvalidated = Value::from_validated(data);
    assert!(unvalidated.elements().take(data.len() + 2).count() <= data.len());
    assert!(unvalidated.members().take(data.len() + 2).count() <= data.len());
    let Ok(doc) = json::parse(data) else { return };
    let strict = Limits {
        unique_members: true,
        ..Limits::DEFAULT
    };
    let _ = json::parse_with(data, &strict);
    let mut out = vec![0u8; data.len() * 6 + 16];
    let mut scratch = vec![0u8; data.len() + 4];
    let mut sink = Out::new(&mut out);
    emit(&mut JsonWriter::new(&mut sink), doc, &mut scratch);
    let n = sink.finish().unwrap();
    let again = json::parse(&out[..n]).expect("the writer's output is JSON");
    assert!(equal(doc, again));
    if let Ok(i) = doc.as_i64() {
        assert_eq!(
            i.to_string().as_bytes(),
            doc.raw().strip_prefix(b"-0").map_or(doc.raw(), |_| b"0")
        );
    }
});
