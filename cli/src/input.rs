//! Where a command's input comes from: the argument itself, a file
//! (`@path`) or standard input (`-`).

use crate::fail::{Failure, io, usage};
use std::cell::Cell;
use std::io::Read;

thread_local! {
    /// Standard input can be read once per run.
    static STDIN_TAKEN: Cell<bool> = const { Cell::new(false) };
}

/// Reads an input argument: `-` is standard input, `@path` a file,
/// anything else the bytes of the argument. A single line ending at the
/// end of a file or of stdin is dropped (`echo` and editors add one); the
/// argument itself is taken as it is.
pub fn read(arg: &str) -> Result<Vec<u8>, Failure> {
    let mut bytes = if arg == "-" {
        read_stdin()?
    } else if let Some(path) = arg.strip_prefix('@') {
        std::fs::read(path).map_err(|e| io(format!("cannot read {path}: {e}")))?
    } else {
        return Ok(arg.as_bytes().to_vec());
    };
    strip_line_end(&mut bytes);
    Ok(bytes)
}

/// [`read`], as UTF-8 text.
pub fn read_text(arg: &str, what: &str) -> Result<String, Failure> {
    String::from_utf8(read(arg)?).map_err(|_| usage(format!("the {what} is not UTF-8 text")))
}

/// Reads all of standard input, once.
pub fn read_stdin() -> Result<Vec<u8>, Failure> {
    if STDIN_TAKEN.with(|t| t.replace(true)) {
        return Err(usage("standard input ('-') can be given only once"));
    }
    let mut bytes = Vec::new();
    std::io::stdin()
        .read_to_end(&mut bytes)
        .map_err(|e| io(format!("cannot read standard input: {e}")))?;
    Ok(bytes)
}

/// Drops one trailing `\n` or `\r\n`.
pub fn strip_line_end(bytes: &mut Vec<u8>) {
    if bytes.last() == Some(&b'\n') {
        bytes.pop();
        if bytes.last() == Some(&b'\r') {
            bytes.pop();
        }
    }
}

/// Removes a header name a user pasted along with the value
/// (`Cookie: a=1` gives `a=1`), compared case-insensitively.
pub fn strip_header_name<'a>(value: &'a [u8], names: &[&str]) -> &'a [u8] {
    for name in names {
        let n = name.len();
        if value.len() > n && value[..n].eq_ignore_ascii_case(name.as_bytes()) && value[n] == b':' {
            let rest = &value[n + 1..];
            let spaces = rest
                .iter()
                .take_while(|&&b| b == b' ' || b == b'\t')
                .count();
            return &rest[spaces..];
        }
    }
    value
}

/// Bytes for display: as they are when they are printable UTF-8,
/// otherwise with control characters and invalid bytes escaped.
pub fn show(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(s) if !s.chars().any(char::is_control) => s.to_owned(),
        _ => bytes.escape_ascii().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_names_and_line_ends() {
        assert_eq!(strip_header_name(b"Cookie: a=1", &["cookie"]), b"a=1");
        assert_eq!(strip_header_name(b"cookie:a=1", &["cookie"]), b"a=1");
        assert_eq!(strip_header_name(b"a=1", &["cookie"]), b"a=1");
        assert_eq!(strip_header_name(b"Cookie", &["cookie"]), b"Cookie");
        let mut v = b"x\r\n".to_vec();
        strip_line_end(&mut v);
        assert_eq!(v, b"x");
        assert_eq!(show(b"a\x01\xff"), "a\\x01\\xff");
        assert_eq!(show("é".as_bytes()), "é");
    }
}
