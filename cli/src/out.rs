//! Output: aligned tables for people, JSON for scripts, colour only on a
//! terminal (and never with `NO_COLOR` set).

use crate::jsonv::J;
use std::io::{IsTerminal, Write};

/// When to colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    /// On a terminal, unless `NO_COLOR` is set to something.
    Auto,
    /// Always (even when piped).
    Always,
    /// Never.
    Never,
}

/// ANSI styling, on or off.
#[derive(Clone, Copy, Debug)]
pub struct Style {
    on: bool,
}

impl Style {
    /// The style for a stream: `terminal` tells whether it is one.
    pub fn new(choice: ColorChoice, terminal: bool) -> Style {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let on = match choice {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => terminal && !no_color,
        };
        Style { on }
    }

    fn paint(&self, code: &str, s: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_owned()
        }
    }

    /// A good verdict.
    pub fn good(&self, s: &str) -> String {
        self.paint("1;32", s)
    }

    /// A bad verdict.
    pub fn bad(&self, s: &str) -> String {
        self.paint("1;31", s)
    }

    /// A warning.
    pub fn warn(&self, s: &str) -> String {
        self.paint("33", s)
    }

    /// A label.
    pub fn label(&self, s: &str) -> String {
        self.paint("36", s)
    }

    /// A heading.
    pub fn heading(&self, s: &str) -> String {
        self.paint("1", s)
    }

    /// Something less important.
    pub fn dim(&self, s: &str) -> String {
        self.paint("2", s)
    }
}

/// What every command prints through.
#[derive(Debug)]
pub struct Ctx {
    /// `--json`: one JSON document on stdout instead of text.
    pub json: bool,
    /// Styling for stdout.
    pub style: Style,
    /// Styling for stderr.
    pub err_style: Style,
}

impl Ctx {
    /// The context for this run.
    pub fn new(json: bool, color: ColorChoice) -> Ctx {
        Ctx {
            json,
            style: Style::new(color, std::io::stdout().is_terminal()),
            err_style: Style::new(color, std::io::stderr().is_terminal()),
        }
    }

    /// Prints a line on stdout.
    pub fn line(&self, s: &str) {
        let mut out = std::io::stdout().lock();
        // A closed pipe (`| head`) is not an error worth a panic.
        let _ = writeln!(out, "{s}");
    }

    /// Prints a JSON document on stdout.
    pub fn json(&self, j: &J) {
        self.line(&j.pretty());
    }

    /// A note on stderr: what was done on the way (a JWK Set's keys loaded
    /// and skipped), kept off stdout, which holds the result.
    pub fn note(&self, s: &str) {
        eprintln!("{} {s}", self.err_style.label("note:"));
    }

    /// A warning on stderr (in JSON mode too: stdout stays one document).
    pub fn warn(&self, s: &str) {
        eprintln!("{} {s}", self.err_style.warn("warning:"));
    }
}

/// Rows of `label  value  note`, the labels padded to one width.
#[derive(Debug, Default)]
pub struct Table {
    rows: Vec<(String, String, String)>,
    indent: usize,
}

impl Table {
    /// An empty table.
    pub fn new() -> Table {
        Table::default()
    }

    /// An empty table indented by `n` spaces.
    pub fn indented(n: usize) -> Table {
        Table {
            rows: Vec::new(),
            indent: n,
        }
    }

    /// Adds a row.
    pub fn row(&mut self, label: impl Into<String>, value: impl Into<String>) -> &mut Table {
        self.rows.push((label.into(), value.into(), String::new()));
        self
    }

    /// Adds a row with a note after the value (already styled).
    pub fn row_note(
        &mut self,
        label: impl Into<String>,
        value: impl Into<String>,
        note: impl Into<String>,
    ) -> &mut Table {
        self.rows.push((label.into(), value.into(), note.into()));
        self
    }

    /// Whether the table has no row.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The table as text: labels styled and padded; a multi-line value's
    /// lines after the first start under its first.
    pub fn render(&self, style: &Style) -> String {
        let width = self
            .rows
            .iter()
            .map(|(l, _, _)| l.chars().count())
            .max()
            .unwrap_or(0);
        // Notes line up after the widest one-line value that has a note.
        let value_width = self
            .rows
            .iter()
            .filter(|(_, v, n)| !n.is_empty() && !v.contains('\n'))
            .map(|(_, v, _)| v.chars().count())
            .max()
            .unwrap_or(0)
            .min(48);
        let pad = " ".repeat(self.indent);
        let mut s = String::new();
        for (label, value, note) in &self.rows {
            let gap = " ".repeat(width - label.chars().count() + 2);
            let mut lines = value.split('\n');
            let first = lines.next().unwrap_or("");
            s.push_str(&format!("{pad}{}{gap}{first}", style.label(label)));
            let continuation = " ".repeat(self.indent + width + 2);
            for line in lines {
                s.push('\n');
                s.push_str(&continuation);
                s.push_str(line);
            }
            if !note.is_empty() {
                if !value.contains('\n') {
                    let used = first.chars().count();
                    s.push_str(&" ".repeat(value_width.saturating_sub(used)));
                }
                s.push_str("  ");
                s.push_str(note);
            }
            s.push('\n');
        }
        s
    }

    /// Prints the table on stdout.
    pub fn print(&self, ctx: &Ctx) {
        let text = self.render(&ctx.style);
        let mut out = std::io::stdout().lock();
        let _ = out.write_all(text.as_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aligns_labels_and_continuations() {
        let mut t = Table::indented(2);
        t.row("alg", "\"HS256\"").row_note("exp", "1", "(note)");
        t.row_note("iat", "100", "(other)");
        t.row("profile", "{\n  \"a\": 1\n}");
        let text = t.render(&Style { on: false });
        assert_eq!(
            text,
            "  alg      \"HS256\"\n  exp      1    (note)\n  iat      100  (other)\n  profile  {\n             \"a\": 1\n           }\n"
        );
    }

    #[test]
    fn colour_is_off_unless_asked() {
        assert_eq!(Style::new(ColorChoice::Auto, false).good("ok"), "ok");
        assert_eq!(Style::new(ColorChoice::Never, true).good("ok"), "ok");
        assert_eq!(
            Style::new(ColorChoice::Always, false).good("ok"),
            "\x1b[1;32mok\x1b[0m"
        );
    }
}
