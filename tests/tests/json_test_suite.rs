//! The JSONTestSuite parsing files (nst/JSONTestSuite): every `y_` file
//! must be accepted, every `n_` file refused. The `i_` files are
//! implementation-defined; jeton's answer for each is pinned below, with
//! the reason, so that a change of behaviour is a visible decision.

use jeton::json;
use jeton_tests::vector_path;

/// What jeton does with each implementation-defined file, and why.
fn implementation_defined(name: &str) -> (bool, &'static str) {
    match name {
        // Numbers are checked against the grammar only; their range
        // matters when one is read as an integer or a date, which then
        // fails with JsonNumberOutOfRange / JwtClaimRange.
        n if n.starts_with("i_number_") => {
            (true, "valid number grammar; range is checked when read")
        }
        // Strings must be UTF-8 and escapes must form Unicode scalar
        // values: lone or inverted surrogates and invalid bytes are refused.
        n if n.starts_with("i_string_") || n.starts_with("i_object_key_lone") => {
            (false, "not UTF-8, or a lone surrogate")
        }
        "i_structure_500_nested_arrays.json" => (false, "deeper than the default limit of 64"),
        "i_structure_UTF-8_BOM_empty_object.json" => (false, "RFC 8259: no byte order mark"),
        other => panic!("no decision recorded for {other}"),
    }
}

#[test]
fn json_test_suite() {
    let dir = vector_path("JSONTestSuite/test_parsing");
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .expect("JSONTestSuite is vendored")
        .map(|e| e.expect("entry").path())
        .collect();
    entries.sort();
    let (mut y, mut n, mut i) = (0, 0, 0);
    let mut failures = Vec::new();
    for path in entries {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(&path).unwrap();
        let accepted = json::parse(&bytes).is_ok();
        // With duplicates refused, the check by sorting names answers as
        // the one that walks the object again.
        let strict = json::Limits {
            unique_members: true,
            ..json::Limits::DEFAULT
        };
        let mut names = [json::NameSlot::EMPTY; 256];
        if json::parse_with_scratch(&bytes, &strict, &mut names)
            != json::parse_with(&bytes, &strict)
        {
            failures.push(format!(
                "{name}: parse_with_scratch differs from parse_with"
            ));
        }
        let expected = match &name[..2] {
            "y_" => {
                y += 1;
                true
            }
            "n_" => {
                n += 1;
                false
            }
            "i_" => {
                i += 1;
                implementation_defined(&name).0
            }
            _ => continue,
        };
        if accepted != expected {
            failures.push(format!("{name}: accepted={accepted}, expected {expected}"));
        }
    }
    println!("JSONTestSuite: {y} y_ accepted, {n} n_ refused, {i} i_ as documented");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!((y, n, i), (95, 188, 35));
}

/// What is read back from valid documents is what they say.
#[test]
fn reads_values_back() {
    let doc =
        json::parse(br#" {"a":[1,{"b":"\u00e9\ud83d\ude00\n"}],"c":null,"d":-12,"e":false} "#)
            .unwrap();
    let a = doc.get("a").unwrap();
    let mut elements = a.elements();
    assert_eq!(elements.next().unwrap().as_i64(), Ok(1));
    let inner = elements.next().unwrap();
    assert!(elements.next().is_none());
    let mut buf = [0u8; 16];
    let n = inner.get("b").unwrap().unescape_into(&mut buf).unwrap();
    assert_eq!(&buf[..n], "é😀\n".as_bytes());
    assert!(doc.get("c").unwrap().is_null());
    assert_eq!(doc.get("d").unwrap().as_i64(), Ok(-12));
    assert_eq!(doc.get("e").unwrap().as_bool(), Ok(false));
    let names: Vec<_> = doc.members().map(|(k, _)| k.raw().to_vec()).collect();
    assert_eq!(
        names,
        [b"a".to_vec(), b"c".to_vec(), b"d".to_vec(), b"e".to_vec()]
    );
}
