//! Writes `codes.rs`: `enum jeton_status_code` and the `STATUSES` table,
//! from [`jeton::Error::ALL`] and the C layer's own statuses listed here.
//!
//! A test, not a build script: the file is committed (cbindgen reads it),
//! and the test fails while it differs from what this module generates.
//! Regenerate with [`HOW`].

extern crate std;

use std::fmt::Write;
use std::path::PathBuf;
use std::string::String;
use std::vec::Vec;
use std::{env, format, fs};

use jeton::Error;

/// The command that regenerates `codes.rs`.
pub(crate) const HOW: &str = "JETON_REGENERATE=1 cargo test -p jeton-ffi status::generate";

/// A status of the C layer itself, not of the core.
struct Own {
    /// The C constant.
    name: &'static str,
    /// Its value: 0 and up (not failures), or -9000 to -9999.
    code: i32,
    /// What `jeton_status_str` answers.
    text: &'static str,
    /// The documentation in the header, one element per line.
    doc: &'static [&'static str],
}

/// The C layer's own statuses, written here once. The non-negative ones
/// come before the core's errors in the enum, the failures after them.
/// A retired value stays here, as a comment, so that it is never reused.
const OWN: &[Own] = &[
    Own {
        name: "JETON_OK",
        code: 0,
        text: "ok",
        doc: &["Success."],
    },
    Own {
        name: "JETON_DONE",
        code: 1,
        text: "no more items",
        doc: &[
            "Not an error: the iteration has no more items, and nothing was",
            "written.",
        ],
    },
    Own {
        name: "JETON_ERR_NULL_POINTER",
        code: -9000,
        text: "NULL pointer argument",
        doc: &[
            "A pointer argument is NULL (or an output buffer is NULL with a",
            "non-zero length).",
        ],
    },
    Own {
        name: "JETON_ERR_INVALID_ARGUMENT",
        code: -9001,
        text: "argument out of range",
        doc: &[
            "An argument is out of its range: an unknown enumeration value or",
            "flag bit, a length beyond `PTRDIFF_MAX`, a misaligned pointer, an",
            "optional field with a NULL pointer and a non-zero length.",
        ],
    },
    Own {
        name: "JETON_ERR_PANIC",
        code: -9002,
        text: "internal panic caught at the C boundary",
        doc: &[
            "A bug inside jeton panicked; the panic was caught at the C boundary.",
            "An object the call was changing must be cleared and initialized",
            "again.",
        ],
    },
    Own {
        name: "JETON_ERR_NOT_INITIALIZED",
        code: -9003,
        text: "object not initialized or already cleared",
        doc: &[
            "The object was not initialized by its `_init` function, or was",
            "cleared since.",
        ],
    },
    Own {
        name: "JETON_ERR_OVERLAPPING_BUFFERS",
        code: -9004,
        text: "output buffer overlaps another argument",
        doc: &[
            "An output buffer overlaps an input, an object, or another output",
            "buffer.",
        ],
    },
];

/// Core errors whose C documentation differs from the Rust one, because
/// the Rust text speaks of Rust (a field) where C has its own convention.
const C_DOCS: &[(Error, &[&str])] = &[(
    Error::BufferTooSmall { needed: 0 },
    &[
        "The output buffer is too small. The length that would have fit the",
        "whole result was written to the function's length out-pointer",
        "(`snprintf` convention) and the buffer holds no partial result.",
    ],
)];

/// The documentation of `enum jeton_status_code`.
const ENUM_DOC: &[&str] = &[
    "Every value a `jeton_status` takes. Compare a `jeton_status` with these",
    "constants; new failures may be added in later versions, so treat any",
    "negative value you do not know as a failure and print it with",
    "`jeton_status_str`.",
];

/// `CookieInvalidName` becomes `JETON_ERR_COOKIE_INVALID_NAME`.
pub(crate) fn c_name(e: &Error) -> String {
    let mut name = String::from("JETON_ERR");
    for c in e.name().chars() {
        if c.is_ascii_uppercase() {
            name.push('_');
        }
        name.push(c.to_ascii_uppercase());
    }
    name
}

/// A C string literal of `text`.
fn c_literal(text: &str) -> String {
    assert!(
        text.bytes().all(|b| (0x20..0x7f).contains(&b)),
        "{text:?}: descriptions are printable ASCII"
    );
    format!("c{text:?}")
}

/// The enum's body and the table's, written entry by entry.
#[derive(Default)]
struct Body {
    enum_: String,
    table: String,
    count: usize,
}

impl Body {
    /// One status; `doc` holds its documentation lines, each starting
    /// with a space.
    fn entry(&mut self, doc: Vec<String>, name: &str, code: i32, text: &str) {
        for line in doc {
            writeln!(self.enum_, "    ///{line}").unwrap();
        }
        writeln!(self.enum_, "    {name} = {code},").unwrap();
        writeln!(
            self.table,
            "    StatusInfo {{ code: {name}, name: \"{name}\", text: {} }},",
            c_literal(text)
        )
        .unwrap();
        self.count += 1;
    }

    /// A blank line and a comment line in the enum.
    fn comment(&mut self, text: &str) {
        writeln!(self.enum_, "\n    // {text}").unwrap();
    }
}

/// The text of `codes.rs`.
fn generate() -> String {
    let mut body = Body::default();
    let lines = |doc: &[&str]| doc.iter().map(|l| format!(" {l}")).collect();
    for o in OWN.iter().filter(|o| o.code >= 0) {
        body.entry(lines(o.doc), o.name, o.code, o.text);
    }
    let mut block = None;
    for e in Error::ALL {
        // Blocks of a hundred: -1 .. -99, -100 .. -199, ...
        let hundred = e.code() / 100;
        if block != Some(hundred) {
            block = Some(hundred);
            let first = if hundred == 0 { -1 } else { hundred * 100 };
            let last = hundred * 100 - 99;
            body.comment(&format!("jeton::Error: {first} .. {last}."));
        }
        let doc = match C_DOCS.iter().find(|(c, _)| c == e) {
            Some((_, c_doc)) => lines(c_doc),
            None => e.doc().lines().map(String::from).collect(),
        };
        body.entry(doc, &c_name(e), e.code(), e.as_str());
    }
    body.comment("The C layer: -9000 .. -9999.");
    for o in OWN.iter().filter(|o| o.code < 0) {
        body.entry(lines(o.doc), o.name, o.code, o.text);
    }
    let Body {
        enum_,
        table,
        count,
    } = body;

    let mut out = String::new();
    writeln!(
        out,
        "//! GENERATED by `status/generate.rs`; do not edit. The named values of
//! `jeton_status` and their descriptions, from `jeton::Error::ALL` (name,
//! code, documentation, description) and the C layer's own statuses listed
//! in `generate.rs`. After changing either, regenerate this file with
//!
//! ```sh
//! {HOW}
//! ```
//!
//! `cargo test -p jeton-ffi` fails while it is stale. cbindgen reads the
//! enum here, as plain source: it cannot expand the core's macro.

use super::StatusInfo;
"
    )
    .unwrap();
    for line in ENUM_DOC {
        writeln!(out, "/// {line}").unwrap();
    }
    writeln!(
        out,
        "#[repr(i32)]\n#[derive(Clone, Copy, Debug, PartialEq, Eq)]\npub enum jeton_status_code {{"
    )
    .unwrap();
    out.push_str(&enum_);
    writeln!(out, "}}\n\nuse jeton_status_code::*;\n").unwrap();
    writeln!(
        out,
        "/// Every named status with its description, in the order of the enum.\n\
         pub(crate) static STATUSES: [StatusInfo; {count}] = ["
    )
    .unwrap();
    out.push_str(&table);
    out.push_str("];\n");
    out
}

fn codes_rs() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src/status/codes.rs")
}

#[test]
fn codes_rs_is_what_the_generator_writes() {
    let fresh = generate();
    if env::var_os("JETON_REGENERATE").is_some() {
        fs::write(codes_rs(), &fresh).unwrap();
        std::eprintln!("wrote {}", codes_rs().display());
        return;
    }
    let committed = fs::read_to_string(codes_rs()).unwrap_or_default();
    assert!(
        committed == fresh,
        "ffi/src/status/codes.rs is stale (an error was added or changed in \
         core/src/error.rs, or in status/generate.rs); regenerate it with\n  {HOW}\n\
         then the header with cbindgen (see ffi/cbindgen.toml)"
    );
}

#[test]
fn own_statuses_stay_out_of_the_core_ranges() {
    for o in OWN {
        assert!(
            o.code >= 0 || (-9999..=-9000).contains(&o.code),
            "{}",
            o.name
        );
        assert!(
            o.name
                .starts_with(if o.code < 0 { "JETON_ERR_" } else { "JETON_" })
        );
    }
    for (e, _) in C_DOCS {
        assert!(Error::ALL.contains(e));
    }
}
