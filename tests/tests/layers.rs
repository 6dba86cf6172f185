//! The layers of `core` and `ffi` run one way: a module uses only modules
//! below it.
//!
//! Each crate's modules are listed bottom to top ([`CORE`], [`FFI`]); a
//! module may use any module listed before it, never one after it. The
//! check reads every `.rs` file under the crate's `src/`, with comments and
//! string literals blanked out, and finds each module's edges in its code
//! (tests included):
//!
//! - `crate::m` and `$crate::m` paths, in `use` lines (grouped ones too:
//!   `use crate::{Error, percent}`) and written out in code;
//! - `super::` paths, resolved through the file's place and its inline
//!   `mod name { .. }` blocks, when they climb to the crate root;
//! - macros: a `name!` call in one module of a `macro_rules! name` defined
//!   in another (the `#[macro_use]` kind, which needs no path).
//!
//! A submodule belongs to its top-level module (`cookie/jar.rs` is
//! `cookie`), and a module not in the table fails the check, so a new one
//! has to be placed. Known back edges that are being removed sit in
//! [`TEMPORARY_BACK_EDGES`]; an entry no longer needed fails too, so the
//! list only shrinks.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

/// `core`'s modules, bottom to top. Plumbing first, then the formats.
const CORE: &[&str] = &[
    // Plumbing.
    "error", "tables", // byte classes and value tables
    "simd",   // SIMD kernels (the one module with `unsafe`)
    "search", // find, rfind, count eight bytes at a time
    "list", "ring", // ordered keys: the first signs, all verify
    "out", "base64", "percent", "json", "mac", "asym", // asymmetric signature primitives
    // Formats.
    "limit", // rate limiting: uses only `error`
    "cookie", "signed", // signs cookies: uses `cookie`
    "jwt", "auth", "session", // session IDs, stores, JWT revocation: uses `jwt`
    "oauth",   // requests, callbacks, tokens, DPoP: uses `jwt` and `session`
];

/// Items of `core`'s root that are not modules, and the module they stand
/// for.
const CORE_ROOT_ITEMS: &[(&str, &str)] = &[("Error", "error"), ("Result", "error")];

/// `ffi`'s modules, bottom to top: the C conventions, then one module per
/// core capability, then the crate's own checks.
const FFI: &[&str] = &[
    "boundary", // the panic boundary every function goes through
    "status",   // jeton_status, its values, the boundary's results
    "ptr",      // raw pointers to references
    "object",   // objects the caller places (the storage! macro)
    "panic",
    "codec",
    "set_cookie",
    "cookie", // the flags of set_cookie
    "jar",
    "mac",
    "signed", // key rings of mac, cookies of set_cookie
    "json",
    "revocation", // the JWT revocation list, which jwt's verify consults
    "jwt",
    "auth",
    "session",
    "shared",    // records and keys of sessions shared between servers
    "limit",     // the rate limiter
    "oauth",     // OAuth and OpenID Connect: uses jwt, session, revocation
    "checks",    // tests over every module
    "abi",       // the test holding the header to the pinned ABI
    "c_callers", // tests of the C ABI as C callers use it (also under Miri)
];

/// Items of `ffi`'s root that are not modules.
const FFI_ROOT_ITEMS: &[(&str, &str)] = &[("jeton_bytes", "ptr")];

/// Back edges that exist today and are being removed, as (crate, from,
/// to). Each one must still exist: remove the entry with the edge.
const TEMPORARY_BACK_EDGES: &[(&str, &str, &str)] = &[];

/// A use of a module above (or not listed in) the table.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Violation {
    /// The file, relative to `src/`.
    file: String,
    /// Its top-level module.
    from: String,
    /// The module it uses.
    to: String,
    /// What was found.
    what: String,
}

/// One crate's layering.
struct Layers<'a> {
    name: &'a str,
    order: &'a [&'a str],
    root_items: &'a [(&'a str, &'a str)],
}

impl Layers<'_> {
    fn rank(&self, module: &str) -> Option<usize> {
        self.order.iter().position(|&m| m == module)
    }

    /// The module a name at the crate root stands for.
    fn root_target(&self, name: &str) -> String {
        self.root_items
            .iter()
            .find(|(item, _)| *item == name)
            .map_or(name, |(_, module)| module)
            .to_string()
    }

    /// Every edge of `files` (path relative to `src/`, text) that does not
    /// go down the table, less the allowed back edges.
    fn violations(
        &self,
        files: &[(String, String)],
        allowed: &[(&str, &str, &str)],
    ) -> (Vec<Violation>, Vec<String>) {
        let mut found = BTreeSet::new();
        let mut used_allowances = BTreeSet::new();
        let macros = macro_definitions(files);
        for (file, text) in files {
            let Some(module_path) = module_path(file) else {
                continue; // the crate root may use every module
            };
            let from = module_path[0].clone();
            if self.rank(&from).is_none() {
                found.insert(Violation {
                    file: file.clone(),
                    from: from.clone(),
                    to: from.clone(),
                    what: "a module missing from the table".into(),
                });
                continue;
            }
            for (to, what) in edges(&module_path, text, &macros) {
                let to = self.root_target(&to);
                if to == from {
                    continue;
                }
                let down = matches!(
                    (self.rank(&from), self.rank(&to)),
                    (Some(f), Some(t)) if t < f
                );
                if down {
                    continue;
                }
                if allowed
                    .iter()
                    .any(|&(c, f, t)| c == self.name && f == from && t == to)
                {
                    used_allowances.insert((from.clone(), to.clone()));
                    continue;
                }
                found.insert(Violation {
                    file: file.clone(),
                    from: from.clone(),
                    to,
                    what,
                });
            }
        }
        let stale = allowed
            .iter()
            .filter(|(c, _, _)| *c == self.name)
            .filter(|(_, f, t)| !used_allowances.contains(&(f.to_string(), t.to_string())))
            .map(|(c, f, t)| format!("{c}: {f} -> {t}"))
            .collect();
        (found.into_iter().collect(), stale)
    }
}

/// The module path of a file under `src/` (`cookie/jar.rs` is
/// `[cookie, jar]`, `cookie/mod.rs` is `[cookie]`); `None` for the root.
fn module_path(file: &str) -> Option<Vec<String>> {
    let mut parts: Vec<String> = file
        .trim_end_matches(".rs")
        .split('/')
        .map(String::from)
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    if parts.is_empty() || parts == ["lib"] || parts == ["main"] {
        None
    } else {
        Some(parts)
    }
}

/// Which top-level module defines each `macro_rules!` name.
fn macro_definitions(files: &[(String, String)]) -> BTreeMap<String, String> {
    let mut defined = BTreeMap::new();
    for (file, text) in files {
        let Some(path) = module_path(file) else {
            continue;
        };
        let tokens = tokens(&strip(text));
        for w in tokens.windows(3) {
            if w[0] == "macro_rules" && w[1] == "!" {
                defined.insert(w[2].clone(), path[0].clone());
            }
        }
    }
    defined
}

/// The top-level modules (or root items) a file's code names, each with
/// what was found.
fn edges(
    module_path: &[String],
    text: &str,
    macros: &BTreeMap<String, String>,
) -> Vec<(String, String)> {
    let tokens = tokens(&strip(text));
    let mut out = Vec::new();
    // Inline `mod name {` blocks open at this point: (name, brace depth).
    let mut inline: Vec<(String, usize)> = Vec::new();
    let mut depth = 0usize;
    let mut i = 0;
    while i < tokens.len() {
        let t = tokens[i].as_str();
        let next = |k: usize| tokens.get(i + k).map(String::as_str);
        match t {
            "{" => depth += 1,
            "}" => {
                depth = depth.saturating_sub(1);
                if inline.last().is_some_and(|(_, d)| *d == depth) {
                    inline.pop();
                }
            }
            "mod" => {
                if let (Some(name), Some("{")) = (next(1), next(2)) {
                    inline.push((name.to_string(), depth));
                }
            }
            "crate" | "$crate" if next(1) == Some("::") => {
                for name in first_segments(&tokens, i + 2) {
                    out.push((name.clone(), format!("{t}::{name}")));
                }
            }
            "super" if i == 0 || tokens[i - 1] != "::" => {
                let mut here: Vec<&str> = module_path.iter().map(String::as_str).collect();
                here.extend(inline.iter().map(|(n, _)| n.as_str()));
                let mut k = i;
                let mut climbed = String::new();
                while tokens.get(k).map(String::as_str) == Some("super")
                    && tokens.get(k + 1).map(String::as_str) == Some("::")
                {
                    here.pop();
                    climbed.push_str("super::");
                    k += 2;
                }
                if here.is_empty() {
                    for name in first_segments(&tokens, k) {
                        out.push((name.clone(), format!("{climbed}{name} (the crate root)")));
                    }
                }
            }
            _ => {
                if next(1) == Some("!")
                    && let Some(home) = macros.get(t)
                {
                    out.push((home.clone(), format!("{t}! (defined in {home})")));
                }
            }
        }
        i += 1;
    }
    out
}

/// The first path segments at `tokens[at]`: one name, or each name that
/// starts an entry of a `{ a, b::c }` group. A glob (`*`) of the crate
/// root hides what is used, and is reported as such.
fn first_segments(tokens: &[String], at: usize) -> Vec<String> {
    match tokens.get(at).map(String::as_str) {
        Some("{") => {
            let mut names = Vec::new();
            let mut depth = 0;
            let mut entry_start = true;
            for t in &tokens[at..] {
                match t.as_str() {
                    "{" => {
                        depth += 1;
                        entry_start = depth == 1;
                        continue;
                    }
                    "}" => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    "," if depth == 1 => {
                        entry_start = true;
                        continue;
                    }
                    name if entry_start && depth == 1 && name != "self" => {
                        names.push(name.to_string());
                    }
                    _ => {}
                }
                entry_start = false;
            }
            names
        }
        Some(name) if name != "self" => vec![name.to_string()],
        _ => Vec::new(),
    }
}

/// Rust source with comments (doc comments included), string literals and
/// char literals replaced by spaces: what is left is code.
fn strip(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = String::with_capacity(b.len());
    let mut i = 0;
    let blank = |out: &mut String, from: &[u8]| {
        for &c in from {
            out.push(if c == b'\n' { '\n' } else { ' ' });
        }
    };
    while i < b.len() {
        let rest = &b[i..];
        let prev_ident = i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_');
        let end = if rest.starts_with(b"//") {
            i + rest.iter().position(|&c| c == b'\n').unwrap_or(rest.len())
        } else if rest.starts_with(b"/*") {
            // Block comments nest.
            let mut level = 0;
            let mut j = i;
            loop {
                if b[j..].starts_with(b"/*") {
                    level += 1;
                    j += 2;
                } else if b[j..].starts_with(b"*/") {
                    level -= 1;
                    j += 2;
                    if level == 0 {
                        break j;
                    }
                } else if j + 1 >= b.len() {
                    break b.len();
                } else {
                    j += 1;
                }
            }
        } else if !prev_ident
            && [&b"r#"[..], b"br#", b"r\"", b"br\""]
                .iter()
                .any(|p| rest.starts_with(p))
        {
            // Raw strings: r"..", r#".."#, and their byte forms.
            let start = rest.iter().position(|&c| c == b'r').unwrap_or(0) + 1;
            let hashes = rest[start..].iter().take_while(|&&c| c == b'#').count();
            if rest.get(start + hashes) != Some(&b'"') {
                // A raw identifier, `r#type`.
                out.push(b[i] as char);
                i += 1;
                continue;
            }
            let close: Vec<u8> = std::iter::once(b'"')
                .chain(std::iter::repeat_n(b'#', hashes))
                .collect();
            let body = start + hashes + 1;
            i + body
                + rest[body..]
                    .windows(close.len())
                    .position(|w| w == close.as_slice())
                    .map_or(rest.len() - body, |p| p + close.len())
        } else if rest[0] == b'"' {
            let mut j = i + 1;
            while j < b.len() && b[j] != b'"' {
                j += if b[j] == b'\\' { 2 } else { 1 };
            }
            (j + 1).min(b.len())
        } else if rest[0] == b'\'' {
            // A char literal ('a', '\n', '\u{..}') or a lifetime ('a).
            if rest.get(1) == Some(&b'\\') {
                i + 3
                    + rest[3..]
                        .iter()
                        .position(|&c| c == b'\'')
                        .map_or(0, |p| p + 1)
            } else if let Some(&lead) = rest.get(1)
                && let len = match lead {
                    0..0xC0 => 1,
                    0xC0..0xE0 => 2,
                    0xE0..0xF0 => 3,
                    _ => 4,
                }
                && rest.get(1 + len) == Some(&b'\'')
            {
                i + 2 + len
            } else {
                out.push('\'');
                i += 1;
                continue;
            }
        } else {
            out.push(b[i] as char);
            i += 1;
            continue;
        };
        blank(&mut out, &b[i..end]);
        i = end;
    }
    out
}

/// Identifiers (`$crate` as one), `::` and single punctuation characters.
fn tokens(code: &str) -> Vec<String> {
    let b = code.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let ident = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_whitespace() || !c.is_ascii() {
            i += 1;
        } else if ident(c) || (c == b'$' && b.get(i + 1).is_some_and(|&n| ident(n))) {
            let start = i;
            i += 1;
            while i < b.len() && ident(b[i]) {
                i += 1;
            }
            out.push(code[start..i].to_string());
        } else if b[i..].starts_with(b"::") {
            out.push("::".into());
            i += 2;
        } else {
            out.push((c as char).to_string());
            i += 1;
        }
    }
    out
}

/// Every `.rs` file under `dir`, as (path relative to `dir`, text).
fn read_tree(dir: &Path) -> Vec<(String, String)> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<(String, String)>) {
        let mut entries: Vec<_> = fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                walk(root, &path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let relative = path.strip_prefix(root).unwrap();
                let name = relative
                    .components()
                    .map(|c| c.as_os_str().to_str().unwrap())
                    .collect::<Vec<_>>()
                    .join("/");
                out.push((name, fs::read_to_string(&path).unwrap()));
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out
}

fn check_crate(layers: &Layers<'_>, src: &str) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(src);
    let files = read_tree(&dir);
    assert!(
        files.len() > 10,
        "{} holds only {} files",
        dir.display(),
        files.len()
    );
    let (violations, stale) = layers.violations(&files, TEMPORARY_BACK_EDGES);
    let report: Vec<String> = violations
        .iter()
        .map(|v| format!("{}: {} uses {} ({})", v.file, v.from, v.to, v.what))
        .collect();
    assert!(
        report.is_empty(),
        "{} has edges that do not go down its layers (see tests/tests/layers.rs):\n{}",
        layers.name,
        report.join("\n")
    );
    assert!(
        stale.is_empty(),
        "back edges allowed that no longer exist: remove them from \
         TEMPORARY_BACK_EDGES:\n{}",
        stale.join("\n")
    );
}

const CORE_LAYERS: Layers<'static> = Layers {
    name: "core",
    order: CORE,
    root_items: CORE_ROOT_ITEMS,
};

const FFI_LAYERS: Layers<'static> = Layers {
    name: "ffi",
    order: FFI,
    root_items: FFI_ROOT_ITEMS,
};

#[test]
fn core_modules_use_only_modules_below_them() {
    check_crate(&CORE_LAYERS, "../core/src");
}

#[test]
fn ffi_modules_use_only_modules_below_them() {
    check_crate(&FFI_LAYERS, "../ffi/src");
}

fn files(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(f, t)| (f.to_string(), t.to_string()))
        .collect()
}

/// The edges the check reports for a small tree, as (file, from, to).
fn reported(
    tree: &[(&str, &str)],
    allowed: &[(&str, &str, &str)],
) -> Vec<(String, String, String)> {
    let (violations, _) = CORE_LAYERS.violations(&files(tree), allowed);
    violations
        .into_iter()
        .map(|v| (v.file, v.from, v.to))
        .collect()
}

fn edge(file: &str, from: &str, to: &str) -> (String, String, String) {
    (file.into(), from.into(), to.into())
}

#[test]
fn the_check_fails_on_a_back_edge() {
    // The cycle this table forbids: out encoding through base64.
    let tree = [
        (
            "out.rs",
            "use crate::Error;\nuse crate::base64::{self, Alphabet};\n",
        ),
        ("base64.rs", "use crate::out::Out;\n"),
    ];
    assert_eq!(reported(&tree, &[]), [edge("out.rs", "out", "base64")]);

    // A group, a path written in code, `$crate` in a macro body.
    let tree = [
        ("cookie/mod.rs", "use crate::{Error, jwt::Verified};"),
        (
            "cookie/jar.rs",
            "fn f() { let _ = crate::session::Store::new(); }",
        ),
        (
            "json/write.rs",
            "macro_rules! m { () => { $crate::mac::x() } }",
        ),
    ];
    assert_eq!(
        reported(&tree, &[]),
        [
            edge("cookie/jar.rs", "cookie", "session"),
            edge("cookie/mod.rs", "cookie", "jwt"),
            edge("json/write.rs", "json", "mac"),
        ]
    );

    // `super::` that climbs to the root reaches a sibling; within the
    // module (or an inline `mod tests`) it does not.
    let tree = [
        (
            "jwt/verify.rs",
            "use super::JwtKey;\nfn f() { super::super::session::x(); }",
        ),
        (
            "auth.rs",
            "mod tests { use super::*; fn t() { super::super::jwt::x(); } }",
        ),
        (
            "cookie/jar.rs",
            "mod tests { use super::super::set_cookie::X; }",
        ),
    ];
    assert_eq!(
        reported(&tree, &[]),
        [edge("jwt/verify.rs", "jwt", "session")]
    );

    // A macro defined in one module and called by name in another.
    let tree = [
        ("tables.rs", "macro_rules! byte_map { ($p:pat) => { 0 } }"),
        ("error.rs", "static T: u8 = byte_map!(b'a');"),
        ("percent.rs", "static T: u8 = byte_map!(b'a');"),
    ];
    assert_eq!(reported(&tree, &[]), [edge("error.rs", "error", "tables")]);

    // A module missing from the table is reported.
    let tree = [("shiny.rs", "use crate::Error;")];
    assert_eq!(reported(&tree, &[]), [edge("shiny.rs", "shiny", "shiny")]);
}

#[test]
fn comments_and_strings_are_not_edges() {
    let tree = [(
        "out.rs",
        r##"
        //! Writes what [`crate::json::JsonWriter`] makes.
        /// See [`base64`](crate::base64).
        /* use crate::jwt; /* nested */ use crate::session; */
        const A: &str = "use crate::jwt::X;";
        const B: &[u8] = br#"crate::jwt::"#;
        const C: char = '"'; const D: u8 = b'"';
        fn f<'a>(x: &'a str) -> &'a str { x } // crate::cookie
        "##,
    )];
    assert_eq!(reported(&tree, &[]), []);
}

#[test]
fn allowed_back_edges_pass_and_stale_ones_are_reported() {
    let tree = files(&[("jwt/verify.rs", "use crate::session::Revocation;")]);
    let allowed = [("core", "jwt", "session"), ("core", "cookie", "jwt")];
    let (violations, stale) = CORE_LAYERS.violations(&tree, &allowed);
    assert_eq!(violations, []);
    assert_eq!(stale, ["core: cookie -> jwt"]);
    // Another crate's entries are not this one's.
    let (violations, _) = FFI_LAYERS.violations(&tree, &allowed);
    assert_eq!(violations.len(), 1);
}
