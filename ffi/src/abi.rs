//! The published C ABI, pinned: `ffi/abi/libjeton.so.N.txt` lists what
//! programs built against `libjeton.so.N` rely on, and a test fails when
//! the header no longer offers one of those things while the ABI version
//! (`ffi/build.rs`) stays `N`.
//!
//! What a program relies on, read from `include/jeton.h` with comments
//! and preprocessor lines other than `#define JETON_...` left out and
//! whitespace collapsed:
//!
//! - every function prototype, whole (a parameter changed is a break);
//! - every `typedef` and struct, whole (a field, a size or an alignment
//!   changed is a break: callers place the objects and fill the structs);
//! - every `#define JETON_...` value (the object sizes among them);
//! - every status code with its value, one line each.
//!
//! Additions are not breaks: a new function, status code or constant is
//! simply not in the pinned list. Anything else that changes the header's
//! text of a pinned item fails the test, which names the lines. Then
//! either the change is undone, or the ABI version in `ffi/build.rs` goes
//! up and the new list is pinned with
//! `JETON_REGENERATE=1 cargo test -p jeton-ffi abi::`.

extern crate std;

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::string::{String, ToString};
use std::vec::Vec;
use std::{env, format, fs};

use crate::checks::{ffi_dir, header};

/// The ABI version `ffi/build.rs` gives the library (`libjeton.so.N`).
const ABI_VERSION: &str = env!("JETON_ABI_VERSION");

fn pinned_path() -> PathBuf {
    ffi_dir().join(format!("abi/libjeton.so.{ABI_VERSION}.txt"))
}

/// `text` without its `/* ... */` and `// ...` comments.
fn without_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    loop {
        let block = rest.find("/*");
        let line = rest.find("//");
        let first_block = match (block, line) {
            (Some(b), Some(l)) if b < l => Some(b),
            (Some(b), None) => Some(b),
            _ => None,
        };
        match (first_block, line) {
            (Some(b), _) => {
                out.push_str(&rest[..b]);
                let end = rest[b..].find("*/").map_or(rest.len(), |e| b + e + 2);
                rest = &rest[end..];
            }
            (_, Some(l)) => {
                out.push_str(&rest[..l]);
                let end = rest[l..].find('\n').map_or(rest.len(), |e| l + e);
                rest = &rest[end..];
            }
            (None, None) => {
                out.push_str(rest);
                return out;
            }
        }
    }
}

/// One space for every run of whitespace, none at the ends.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What programs built against the header rely on, one line per item.
fn abi_lines(header: &str) -> BTreeSet<String> {
    let mut lines = BTreeSet::new();
    // The `extern "C"` block C++ compilers see opens and closes no item.
    let header: String = header
        .lines()
        .filter(|l| !matches!(collapse(l).as_str(), "extern \"C\" {" | "} // extern \"C\""))
        .flat_map(|l| [l, "\n"])
        .collect();
    let mut code = String::new();
    for line in without_comments(&header).lines() {
        let trimmed = line.trim_start();
        if let Some(define) = trimmed.strip_prefix("#define ") {
            let define = collapse(define);
            // The header guard and the alignment macro are no values.
            let name = define.split(' ').next().unwrap_or("");
            if name.starts_with("JETON_") && !name.contains('(') && define.contains(' ') {
                lines.insert(format!("#define {define}"));
            }
        } else if !trimmed.starts_with('#') {
            code.push_str(line);
            code.push('\n');
        }
    }
    // Items end at a `;` outside braces.
    let mut depth = 0i32;
    let mut item = String::new();
    for c in code.chars() {
        item.push(c);
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ';' if depth == 0 => {
                let text = collapse(&item);
                item.clear();
                match text.strip_prefix("enum ") {
                    // Status codes one by one, so that new ones may come.
                    Some(enumeration) => {
                        let (name, body) = enumeration.split_once('{').unwrap_or((enumeration, ""));
                        for member in body.trim_end_matches([';', '}', ' ']).split(',') {
                            let member = member.trim();
                            if !member.is_empty() {
                                lines.insert(format!("enum {} {member}", name.trim()));
                            }
                        }
                    }
                    None => {
                        lines.insert(text);
                    }
                }
            }
            _ => {}
        }
    }
    lines
}

#[test]
fn the_header_keeps_every_item_of_the_published_abi() {
    let current = abi_lines(&header());
    let path = pinned_path();
    if env::var_os("JETON_REGENERATE").is_some() {
        let mut text = String::new();
        for line in &current {
            text.push_str(line);
            text.push('\n');
        }
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, text).unwrap();
        std::eprintln!("wrote {}", path.display());
        return;
    }
    let pinned = fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "{} is missing: pin ABI {ABI_VERSION} with \
             JETON_REGENERATE=1 cargo test -p jeton-ffi abi::",
            path.display()
        )
    });
    let missing: Vec<&str> = pinned
        .lines()
        .filter(|l| !l.is_empty() && !current.contains(*l))
        .collect();
    assert!(
        missing.is_empty(),
        "include/jeton.h breaks ABI {ABI_VERSION} (libjeton.so.{ABI_VERSION}): these \
         items changed or went away:\n  {}\nUndo the change, or raise ABI_VERSION in \
         ffi/build.rs and pin the new ABI with \
         JETON_REGENERATE=1 cargo test -p jeton-ffi abi::",
        missing.join("\n  ")
    );
}

/// The reading itself: items of every kind are found, and a changed
/// parameter, object size, struct field or status value is a different
/// line, while an added function or status code leaves the old lines.
#[test]
fn a_break_changes_a_line_and_an_addition_does_not() {
    let header = "#ifndef JETON_H\n#define JETON_H\n#define JETON_KEY_SIZE 384\n\
        /** Doc. */\nenum jeton_status_code\n#if defined(__cplusplus)\n  : int32_t\n#endif\n\
        {\n  JETON_OK = 0, // fine\n  JETON_ERR_A = -1,\n};\n\
        typedef struct JETON_ALIGNED(16) jeton_key { uint8_t _0[JETON_KEY_SIZE]; } jeton_key;\n\
        typedef struct jeton_view { const uint8_t *ptr; size_t len; } jeton_view;\n\
        #ifdef __cplusplus\nextern \"C\" {\n#endif\n\
        jeton_status jeton_key_init(struct jeton_key *key,\n    const uint8_t *secret,\n    size_t len);\n\
        #ifdef __cplusplus\n}  // extern \"C\"\n#endif\n";
    let lines = abi_lines(header);
    let expected = [
        "#define JETON_KEY_SIZE 384",
        "enum jeton_status_code : int32_t JETON_OK = 0",
        "enum jeton_status_code : int32_t JETON_ERR_A = -1",
        "typedef struct JETON_ALIGNED(16) jeton_key { uint8_t _0[JETON_KEY_SIZE]; } jeton_key;",
        "typedef struct jeton_view { const uint8_t *ptr; size_t len; } jeton_view;",
        "jeton_status jeton_key_init(struct jeton_key *key, const uint8_t *secret, size_t len);",
    ];
    assert_eq!(lines, expected.iter().map(|l| l.to_string()).collect());
    let kept = |changed: &str| abi_lines(changed).is_superset(&lines);
    assert!(kept(&header.replace(
        "JETON_ERR_A = -1,",
        "JETON_ERR_A = -1,\n JETON_ERR_B = -2,"
    )));
    assert!(kept(&format!("{header}void jeton_new(void);\n")));
    assert!(!kept(&header.replace("384", "400")));
    assert!(!kept(&header.replace("size_t len);", "uint32_t len);")));
    assert!(!kept(
        &header.replace("size_t len; }", "size_t len; int flags; }")
    ));
    assert!(!kept(&header.replace("-1", "-3")));
    assert!(!kept(
        &header.replace("jeton_status jeton_key_init", "int jeton_key_init")
    ));
}
