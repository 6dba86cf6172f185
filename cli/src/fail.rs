//! Why a command did not succeed, and the exit code each reason gives.

use std::fmt;

/// The documented exit codes.
pub mod exit {
    /// Valid: the token verified, the line was built, the value parsed.
    pub const VALID: u8 = 0;
    /// Invalid: a token refused, a signature that does not verify, a rule
    /// broken.
    pub const INVALID: u8 = 1;
    /// Usage error: a bad option, an unreadable key, arguments that do not
    /// go together (clap's own errors exit with 2 too).
    pub const USAGE: u8 = 2;
    /// I/O error: a file that cannot be read, stdin or stdout failing, no
    /// entropy from the operating system.
    pub const IO: u8 = 3;
}

/// A command's failure.
#[derive(Debug)]
pub enum Failure {
    /// The input was refused (exit 1).
    Invalid(Refusal),
    /// The command was misused (exit 2).
    Usage(String),
    /// Reading or writing failed (exit 3).
    Io(String),
}

/// What was refused and by which check.
#[derive(Debug, Clone)]
pub struct Refusal {
    /// The check that failed: a `jeton::Error` variant name
    /// (`JwtExpired`), or one of the CLI's own (`MaxAge`, `PkceMismatch`).
    pub check: String,
    /// The stable numeric code, for a `jeton::Error`.
    pub code: Option<i32>,
    /// The short description.
    pub message: String,
    /// What exactly was wrong with this input, when known.
    pub detail: Option<String>,
    /// Whether the command has already shown the refusal in its own output
    /// (its JSON document, or a report it printed); `main` then only sets
    /// the exit code.
    pub shown: bool,
}

impl Refusal {
    /// A refusal by one of jeton's checks.
    pub fn of(e: jeton::Error) -> Refusal {
        Refusal {
            check: e.name().to_owned(),
            code: Some(e.code()),
            message: e.as_str().to_owned(),
            detail: None,
            shown: false,
        }
    }

    /// A refusal by a check of the CLI's own.
    pub fn own(check: &str, message: impl Into<String>) -> Refusal {
        Refusal {
            check: check.to_owned(),
            code: None,
            message: message.into(),
            detail: None,
            shown: false,
        }
    }

    /// Adds what was wrong with this input.
    pub fn detail(mut self, detail: impl Into<String>) -> Refusal {
        self.detail = Some(detail.into());
        self
    }

    /// Marks the refusal as already shown.
    pub fn shown(mut self) -> Refusal {
        self.shown = true;
        self
    }

    /// The refusal as a JSON object.
    pub fn to_json(&self) -> crate::jsonv::J {
        use crate::jsonv::J;
        let mut o = vec![
            ("check".to_owned(), J::str(&self.check)),
            ("message".to_owned(), J::str(&self.message)),
        ];
        if let Some(code) = self.code {
            o.push(("code".to_owned(), J::int(i64::from(code))));
        }
        if let Some(detail) = &self.detail {
            o.push(("detail".to_owned(), J::str(detail)));
        }
        J::Obj(o)
    }
}

impl Failure {
    /// The exit code of this failure.
    pub fn exit_code(&self) -> u8 {
        match self {
            Failure::Invalid(_) => exit::INVALID,
            Failure::Usage(_) => exit::USAGE,
            Failure::Io(_) => exit::IO,
        }
    }
}

impl From<Refusal> for Failure {
    fn from(r: Refusal) -> Failure {
        Failure::Invalid(r)
    }
}

impl From<jeton::Error> for Failure {
    fn from(e: jeton::Error) -> Failure {
        Failure::Invalid(Refusal::of(e))
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.message, self.check)?;
        if let Some(detail) = &self.detail {
            write!(f, ": {detail}")?;
        }
        Ok(())
    }
}

/// Shorthand for a usage error.
pub fn usage(msg: impl Into<String>) -> Failure {
    Failure::Usage(msg.into())
}

/// Shorthand for an I/O error.
pub fn io(msg: impl Into<String>) -> Failure {
    Failure::Io(msg.into())
}

/// The result of a command.
pub type Outcome = Result<(), Failure>;
