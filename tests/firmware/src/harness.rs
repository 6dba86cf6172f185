//! The check runner: named checks over vector tables, one output line per
//! check, per-operation peak stack, and the `baseline` stand-in.
//!
//! A check is a function `fn(&mut Checker)` that walks its vectors with
//! [`Checker::each`], calls jeton through [`Checker::measure`] (which
//! records the peak stack of the call under an operation name) and states
//! what it expects with [`Checker::expect`] and [`Checker::expect_bytes`].
//! It is listed with the [`check!`](crate::check) macro, naming the vector
//! statics it reads, so that the `baseline` build can keep those statics
//! (and the harness) while compiling every jeton call out.

use core::fmt;
#[cfg(feature = "baseline")]
use core::hint::black_box;

use cortex_m_semihosting::hprintln;

use crate::stack::{self, Peak};

/// Failure lines printed per check at most; the count covers the rest.
const MAX_FAILURES_SHOWN: usize = 8;

/// Something whose bytes must stay in the image (a vector static).
#[cfg(feature = "baseline")]
pub trait Keep: Sync {}
#[cfg(feature = "baseline")]
impl<T: Sync + ?Sized> Keep for T {}

/// One named check, as listed by [`check!`](crate::check).
pub struct Check {
    /// What it checks, printed on its line.
    pub name: &'static str,
    /// What runs.
    pub run: Run,
}

/// What a [`Check`] runs.
#[allow(dead_code)] // which variants a build constructs depends on its features
pub enum Run {
    /// The check's function, in every build. Used by checks that compile
    /// their own jeton calls out in `baseline` builds (the footprint probe).
    Always(fn(&mut Checker<'_>)),
    /// The check's function; absent from `baseline` builds.
    #[cfg(not(feature = "baseline"))]
    Jeton(fn(&mut Checker<'_>)),
    /// In `baseline` builds, the vector statics the check would read, kept
    /// in the image.
    #[cfg(feature = "baseline")]
    Baseline(&'static [&'static dyn Keep]),
}

/// Lists a check: `check!("name", function, VECTORS, ...)`.
///
/// In a `baseline` build the function is left out (so is all of jeton it
/// calls) but the vector statics stay, so that the size difference against
/// the normal build is jeton's code and constants (and the check's own
/// code; the footprint probe measures jeton alone).
#[macro_export]
macro_rules! check {
    ($name:expr, $run:path $(, $keep:expr)* $(,)?) => {{
        #[cfg(not(feature = "baseline"))]
        let run = $crate::harness::Run::Jeton($run);
        #[cfg(feature = "baseline")]
        let run = $crate::harness::Run::Baseline(&[$(&$keep),*]);
        $crate::harness::Check { name: $name, run }
    }};
}

/// Checks of the harness itself, run first in every build.
pub static SELF_TEST: &[Check] = &[Check {
    name: "harness: the stack meter sees a 1 KiB local",
    run: Run::Always(stack_meter),
}];

/// A call that keeps 1 KiB on the stack must measure at least 1 KiB, and
/// not much more.
fn stack_meter(c: &mut Checker<'_>) {
    let ((), peak) = stack::measure(|| {
        let local = [0x55u8; 1024];
        core::hint::black_box(&local);
    });
    c.expect(
        (1024..1024 + 128).contains(&peak.bytes) && !peak.saturated,
        format_args!("measured {} bytes", peak.bytes),
    );
}

/// Most distinct operation names the stack table holds (the default build
/// records about 70).
const MAX_OPS: usize = 96;

/// Peak stack per operation name, over every call.
pub struct StackTable {
    ops: [(&'static str, Peak, u32); MAX_OPS],
    len: usize,
    /// Operations not recorded for want of room.
    dropped: u32,
}

impl StackTable {
    /// An empty table.
    pub const fn new() -> Self {
        StackTable {
            ops: [(
                "",
                Peak {
                    bytes: 0,
                    saturated: false,
                },
                0,
            ); MAX_OPS],
            len: 0,
            dropped: 0,
        }
    }

    /// `true` when every operation found room in the table.
    pub fn complete(&self) -> bool {
        self.dropped == 0
    }

    fn record(&mut self, op: &'static str, peak: Peak) {
        let used = &mut self.ops[..self.len];
        if let Some(entry) = used.iter_mut().find(|(name, _, _)| *name == op) {
            if peak.bytes > entry.1.bytes {
                entry.1 = peak;
            }
            entry.2 += 1;
        } else if self.len < MAX_OPS {
            self.ops[self.len] = (op, peak, 1);
            self.len += 1;
        } else {
            // Not a `stack ` line: scripts/firmware.sh reads those. The
            // run fails (see `complete`).
            self.dropped += 1;
            hprintln!("FAIL harness: stack table full, {} not recorded", op);
        }
    }

    /// Prints one `stack <bytes> <calls> <operation>` line per operation,
    /// in the order they first ran (`>=` when the window was exhausted).
    pub fn print(&self) {
        hprintln!("peak stack per operation (bytes, calls; caller buffers excluded):");
        for (op, peak, calls) in &self.ops[..self.len] {
            let at_least = if peak.saturated { ">=" } else { "" };
            hprintln!("stack {}{:>5} {:>5} {}", at_least, peak.bytes, calls, op);
        }
    }
}

/// What a check uses to run its vectors and report.
pub struct Checker<'t> {
    check: &'static str,
    vectors: usize,
    expectations: usize,
    failures: usize,
    stack: &'t mut StackTable,
}

impl Checker<'_> {
    /// Runs `f` over every vector, counting them; `f` gets the vector's
    /// index for its messages.
    #[allow(dead_code)] // unused when only the footprint probe is built
    pub fn each<T>(&mut self, vectors: &[T], mut f: impl FnMut(&mut Self, usize, &T)) {
        for (i, vector) in vectors.iter().enumerate() {
            self.vectors += 1;
            f(self, i, vector);
        }
    }

    /// Runs one jeton operation and records its peak stack under `op`.
    pub fn measure<R>(&mut self, op: &'static str, f: impl FnOnce() -> R) -> R {
        let (result, peak) = stack::measure(f);
        self.stack.record(op, peak);
        result
    }

    /// States that `ok` holds; otherwise prints `what` as a failure.
    pub fn expect(&mut self, ok: bool, what: fmt::Arguments<'_>) -> bool {
        self.expectations += 1;
        if !ok {
            self.fail(what, None);
        }
        ok
    }

    /// States that `got` is `want`, byte for byte.
    pub fn expect_bytes(&mut self, got: &[u8], want: &[u8], what: fmt::Arguments<'_>) -> bool {
        self.expectations += 1;
        let ok = got == want;
        if !ok {
            self.fail(what, Some((got, want)));
        }
        ok
    }

    #[inline(never)]
    fn fail(&mut self, what: fmt::Arguments<'_>, bytes: Option<(&[u8], &[u8])>) {
        self.failures += 1;
        if self.failures > MAX_FAILURES_SHOWN {
            return;
        }
        hprintln!("FAIL {}: {}", self.check, what);
        if let Some((got, want)) = bytes {
            hprintln!("     got:  {}", Escaped(got));
            hprintln!("     want: {}", Escaped(want));
        }
    }
}

/// Runs one check and prints its line; `true` when it passed.
pub fn run(check: &Check, stack: &mut StackTable) -> bool {
    let mut c = Checker {
        check: check.name,
        vectors: 0,
        expectations: 0,
        failures: 0,
        stack,
    };
    match check.run {
        Run::Always(run) => run(&mut c),
        #[cfg(not(feature = "baseline"))]
        Run::Jeton(run) => run(&mut c),
        #[cfg(feature = "baseline")]
        Run::Baseline(keep) => baseline(&mut c, keep),
    }

    let passed = c.failures == 0 && c.expectations > 0;
    let verdict = if passed { "ok  " } else { "FAIL" };
    match (passed, c.vectors) {
        (true, 0) => hprintln!("{} {} ({} expectations)", verdict, c.check, c.expectations),
        (true, _) => hprintln!(
            "{} {} ({} vectors, {} expectations)",
            verdict,
            c.check,
            c.vectors,
            c.expectations
        ),
        (false, _) => hprintln!(
            "{} {} ({} of {} expectations failed, {} vectors)",
            verdict,
            c.check,
            c.failures,
            c.expectations,
            c.vectors
        ),
    }
    passed
}

/// The `baseline` stand-in for a check: touches its vector statics and
/// every harness path (measure, expect, failure formatting) with values
/// the optimiser cannot see through, so that they stay in the image.
#[cfg(feature = "baseline")]
fn baseline(c: &mut Checker<'_>, keep: &'static [&'static dyn Keep]) {
    let keep = c.measure("baseline (no jeton)", || black_box(keep));
    let nothing: &[u8] = black_box(&[]);
    c.expect(
        black_box(!keep.is_empty()),
        format_args!("{}", black_box(0)),
    );
    c.expect_bytes(nothing, nothing, format_args!("{}", Escaped(nothing)));
    c.each(black_box(&[()]), |_, _, _| {});
}

/// Bytes as text: printable ASCII as is, anything else as `\xNN`; long
/// values are cut.
pub struct Escaped<'a>(pub &'a [u8]);

impl fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const SHOWN: usize = 120;
        for &b in self.0.iter().take(SHOWN) {
            match b {
                b'\\' => f.write_str("\\\\")?,
                0x20..=0x7e => fmt::Write::write_char(f, b as char)?,
                _ => write!(f, "\\x{b:02x}")?,
            }
        }
        if self.0.len() > SHOWN {
            write!(f, "... ({} bytes)", self.0.len())?;
        }
        Ok(())
    }
}
