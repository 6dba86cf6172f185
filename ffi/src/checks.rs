//! Checks over the sources and the committed header, run by `cargo test`:
//!
//! - every exported function goes through [`boundary`](crate::boundary);
//! - the header declares exactly the exported functions, documents every
//!   declaration, and names every core error with its code;
//! - the header is what the pinned cbindgen generates (when that cbindgen
//!   is installed; `scripts/c-tests.sh` installs it and runs
//!   `cbindgen --verify` itself, so the check cannot be skipped there).

extern crate std;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::string::{String, ToString};
use std::vec::Vec;
use std::{env, format, fs};

/// The cbindgen release the header is generated with.
const CBINDGEN_VERSION: &str = "0.29.4";

fn ffi_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn header_path() -> PathBuf {
    ffi_dir().join("../include/jeton.h")
}

fn header() -> String {
    fs::read_to_string(header_path()).expect("include/jeton.h is committed")
}

/// Every `.rs` file under `ffi/src` but this one, with its text.
fn sources() -> Vec<(PathBuf, String)> {
    let mut files = Vec::new();
    let mut dirs = vec![ffi_dir().join("src")];
    while let Some(dir) = dirs.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs")
                && path.file_name().is_some_and(|n| n != "checks.rs")
            {
                let text = fs::read_to_string(&path).unwrap();
                files.push((path, text));
            }
        }
    }
    files
}

/// An exported function found in the sources.
struct Exported {
    name: String,
    file: PathBuf,
    /// The body, from its opening brace.
    body: String,
}

/// Finds every `extern "C" fn` and its body. Also fails on exports that do
/// not have the expected shape (`#[unsafe(no_mangle)]` on something else,
/// `extern "C-unwind"`, `#[export_name]`).
fn exported() -> Vec<Exported> {
    let mut found = Vec::new();
    for (file, text) in sources() {
        let where_ = |what: &str| format!("{}: {what}", file.display());
        assert!(!text.contains("C-unwind"), "{}", where_("C-unwind ABI"));
        assert!(
            !text.contains("export_name"),
            "{}",
            where_("#[export_name]")
        );
        assert!(
            !text.contains("extern fn"),
            "{}",
            where_("extern fn without an ABI")
        );
        let no_mangle = text.matches("#[unsafe(no_mangle)]").count();
        let mut externs = 0;
        let mut rest = text.as_str();
        while let Some(at) = rest.find("extern \"C\" fn ") {
            externs += 1;
            let after = &rest[at + "extern \"C\" fn ".len()..];
            let name: String = after
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            // The signature holds no brace; the body starts at the first.
            let open = after.find('{').expect("a body");
            let body = &after[open..];
            let close = matching_brace(body);
            found.push(Exported {
                name,
                file: file.clone(),
                body: body[..=close].to_string(),
            });
            rest = &after[open + close..];
        }
        assert_eq!(
            no_mangle,
            externs,
            "{}",
            where_("every #[unsafe(no_mangle)] item must be an `extern \"C\" fn` and vice versa")
        );
    }
    found
}

/// Index of the brace closing the one at `text[0]`.
fn matching_brace(text: &str) -> usize {
    let mut depth = 0usize;
    for (i, c) in text.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return i;
                }
            }
            _ => {}
        }
    }
    panic!("unbalanced braces");
}

/// The body without its braces, comments and blank lines.
fn code_of(body: &str) -> String {
    body[1..body.len() - 1]
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn every_exported_function_goes_through_the_boundary() {
    let functions = exported();
    assert!(
        functions.len() > 40,
        "the scan found {} functions",
        functions.len()
    );
    for f in &functions {
        let code = code_of(&f.body);
        // The whole body is one call to `boundary` with a closure.
        assert!(
            code.starts_with("boundary(||") && code.ends_with(')'),
            "{} in {}: the body must be `boundary(|| ...)` and nothing else, found:\n{code}",
            f.name,
            f.file.display()
        );
        let call_end = matching_paren(&code, "boundary(".len() - 1);
        assert_eq!(
            call_end,
            code.len() - 1,
            "{}: code after the boundary call",
            f.name
        );
    }
}

/// Index of the parenthesis closing the one at `text[open]`.
fn matching_paren(text: &str, open: usize) -> usize {
    let mut depth = 0usize;
    for (i, c) in text.char_indices().skip(open) {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return i;
                }
            }
            _ => {}
        }
    }
    panic!("unbalanced parentheses");
}

/// Names of the functions the header declares.
fn declared(header: &str) -> BTreeSet<String> {
    header
        .lines()
        .filter(|l| !l.starts_with(' ') && !l.starts_with('*') && !l.starts_with('#'))
        .filter_map(|l| {
            let open = l.find('(')?;
            let name = l[..open].rsplit([' ', '*']).next()?;
            name.starts_with("jeton_").then(|| name.to_string())
        })
        .collect()
}

#[test]
fn header_declares_exactly_the_exported_functions() {
    let exported: BTreeSet<String> = exported().into_iter().map(|f| f.name).collect();
    let declared = declared(&header());
    assert_eq!(
        exported, declared,
        "include/jeton.h is stale: run scripts/c-tests.sh, or cbindgen as ffi/cbindgen.toml says"
    );
}

/// Every function, type, field, enumerator and constant of the header has a
/// documentation comment right above it.
#[test]
fn header_documents_every_declaration() {
    let header = header();
    let mut previous = "";
    let mut in_block = false;
    let mut undocumented = Vec::new();
    let mut count = 0;
    for line in header.lines() {
        let t = line.trim();
        let top_level = !line.starts_with(' ');
        let declaration = if in_block {
            !t.is_empty()
                && !t.starts_with('}')
                && (t.ends_with(';') || t.ends_with(','))
                && !t.starts_with('*')
                && !t.starts_with('/')
                && !t.starts_with('#')
        } else {
            top_level
                && ((t.starts_with("#define JETON_")
                    && !t.starts_with("#define JETON_H")
                    && !t.starts_with("#define JETON_ALIGNED"))
                    || t.starts_with("typedef struct")
                    || t.starts_with("enum ")
                    || (t.starts_with("typedef ") && !t.contains("jeton_status_code"))
                    || t.starts_with("jeton_status jeton_")
                    || t.starts_with("const char *jeton_")
                    || t.starts_with("bool jeton_"))
        };
        if declaration {
            count += 1;
            if previous != "*/" {
                undocumented.push(t.to_string());
            }
        }
        if t.starts_with('}') {
            in_block = false;
        } else if t.ends_with('{') && !t.starts_with("extern \"C\"") {
            in_block = true;
        }
        if !t.is_empty() {
            previous = t;
        }
    }
    assert!(count > 200, "the scan found only {count} declarations");
    assert!(
        undocumented.is_empty(),
        "undocumented in jeton.h: {undocumented:#?}"
    );
}

#[test]
fn header_names_every_core_error_with_its_code() {
    let header = header();
    for e in jeton::Error::ALL {
        let info = crate::status::STATUSES
            .iter()
            .find(|s| s.code as i32 == e.code())
            .expect("checked by status::tests");
        let line = format!("{} = {},", info.name, e.code());
        assert!(
            header.contains(&line),
            "jeton.h lacks `{line}`: regenerate it"
        );
    }
}

/// The cbindgen on the PATH, if it is the pinned release.
fn pinned_cbindgen() -> Result<(), String> {
    let output = Command::new("cbindgen")
        .arg("--version")
        .output()
        .map_err(|e| format!("cbindgen not found ({e})"))?;
    let version = String::from_utf8_lossy(&output.stdout).trim().to_string();
    if version == format!("cbindgen {CBINDGEN_VERSION}") {
        Ok(())
    } else {
        Err(format!(
            "found {version:?}, the header is made with {CBINDGEN_VERSION}"
        ))
    }
}

#[test]
fn header_is_what_cbindgen_generates() {
    if let Err(why) = pinned_cbindgen() {
        std::eprintln!(
            "skipped: {why} (cargo install cbindgen --locked --version {CBINDGEN_VERSION})"
        );
        return;
    }
    let root = ffi_dir().join("..");
    let fresh = env::temp_dir().join(format!("jeton-{}.h", std::process::id()));
    let status = Command::new("cbindgen")
        .current_dir(&root)
        .args([
            "--quiet",
            "--config",
            "ffi/cbindgen.toml",
            "--crate",
            "jeton-ffi",
        ])
        .arg("--output")
        .arg(&fresh)
        .arg("ffi")
        .status()
        .expect("cbindgen runs");
    assert!(status.success(), "cbindgen failed");
    let generated = fs::read_to_string(&fresh).unwrap();
    let _ = fs::remove_file(&fresh);
    assert!(
        generated == header(),
        "include/jeton.h differs from what cbindgen generates: run\n  cbindgen --config \
         ffi/cbindgen.toml --crate jeton-ffi --output include/jeton.h ffi"
    );
}

#[test]
fn object_sizes_in_the_header_are_the_rust_sizes() {
    let header = header();
    let objects: [(&str, usize); 7] = [
        (
            "JETON_HMAC_KEY_SIZE",
            size_of::<crate::mac::jeton_hmac_key>(),
        ),
        (
            "JETON_KEY_RING_SIZE",
            size_of::<crate::mac::jeton_key_ring>(),
        ),
        (
            "JETON_COOKIE_JAR_SIZE",
            size_of::<crate::jar::jeton_cookie_jar>(),
        ),
        (
            "JETON_COOKIE_ITER_SIZE",
            size_of::<crate::cookie::jeton_cookie_iter>(),
        ),
        (
            "JETON_JWT_KEY_SET_SIZE",
            size_of::<crate::jwt::jeton_jwt_key_set>(),
        ),
        (
            "JETON_SESSION_STORE_SIZE",
            size_of::<crate::session::jeton_session_store>(),
        ),
        (
            "JETON_REVOCATION_LIST_SIZE",
            size_of::<crate::session::jeton_revocation_list>(),
        ),
    ];
    for (name, size) in objects {
        let line = format!("#define {name} {size}");
        assert!(header.contains(&line), "jeton.h lacks `{line}`");
    }
    assert!(Path::new(&header_path()).exists());
}
