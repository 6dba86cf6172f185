//! The check runner: named checks over vector tables, one output line per
//! check, per-operation peak stack and instruction count, and the
//! `baseline` stand-in.
//!
//! A check is a function `fn(&mut Checker)` that walks its vectors with
//! [`Checker::each`], calls jeton through [`Checker::measure`] (which
//! records the peak stack and the instruction count of the call under an
//! operation name) and states
//! what it expects with [`Checker::expect`] and [`Checker::expect_bytes`].
//! It is listed with the [`check!`](crate::check) macro, naming the vector
//! statics it reads, so that the `baseline` build can keep those statics
//! (and the harness) while compiling every jeton call out.

use core::fmt;
#[cfg(feature = "baseline")]
use core::hint::black_box;

use cortex_m_semihosting::hprintln;

use crate::cycles::{self, Meter};
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
pub static SELF_TEST: &[Check] = &[
    Check {
        name: "harness: the stack meter sees a 1 KiB local",
        run: Run::Always(stack_meter),
    },
    Check {
        name: "harness: the instruction meter counts a loop of 2000001 instructions \
               (QEMU -icount shift=0)",
        run: Run::Always(instruction_meter),
    },
];

/// A call that keeps 1 KiB on the stack must measure at least 1 KiB, and
/// not much more.
fn stack_meter(c: &mut Checker<'_>) {
    let ((), peak, _) = stack::measure(|| {
        let local = [0x55u8; 1024];
        core::hint::black_box(&local);
    });
    c.expect(
        (1024..1024 + 128).contains(&peak.bytes) && !peak.saturated,
        format_args!("measured {} bytes", peak.bytes),
    );
}

/// A loop of known length, measured as operations are, must count its
/// instructions to within a tick (and the call around it). Fails when
/// QEMU runs without `-icount`: SysTick then follows the host's clock.
fn instruction_meter(c: &mut Checker<'_>) {
    const LOOPS: u32 = 1_000_000;
    let Some(meter) = c.stack.meter else {
        c.expect(false, format_args!("SysTick does not count"));
        return;
    };
    let ((), _, ticks) = stack::measure(|| cycles::busy(LOOPS));
    let got = meter.instructions(ticks);
    let want = cycles::busy_instructions(LOOPS);
    c.expect(
        got.abs_diff(want) <= meter.resolution() + 16,
        format_args!(
            "measured {got} instructions, one tick is {}",
            meter.resolution()
        ),
    );
}

/// Most distinct operation names the stack table holds (the default build
/// records about 70).
const MAX_OPS: usize = 96;

/// What the table keeps of one operation.
#[derive(Clone, Copy)]
struct Op {
    name: &'static str,
    /// The deepest stack of any call.
    peak: Peak,
    calls: u32,
    /// Instructions of the longest call.
    instructions: u64,
}

/// Peak stack and instruction count per operation name, over every call.
pub struct StackTable {
    ops: [Op; MAX_OPS],
    len: usize,
    /// Operations not recorded for want of room.
    dropped: u32,
    /// The instruction meter, when SysTick counts.
    meter: Option<Meter>,
}

impl StackTable {
    /// An empty table, with the instruction meter if there is one.
    pub const fn new(meter: Option<Meter>) -> Self {
        StackTable {
            ops: [Op {
                name: "",
                peak: Peak {
                    bytes: 0,
                    saturated: false,
                },
                calls: 0,
                instructions: 0,
            }; MAX_OPS],
            len: 0,
            dropped: 0,
            meter,
        }
    }

    /// `true` when every operation found room in the table.
    pub fn complete(&self) -> bool {
        self.dropped == 0
    }

    fn record(&mut self, name: &'static str, peak: Peak, ticks: u32) {
        let instructions = self.meter.map_or(0, |m| m.instructions(ticks));
        let used = &mut self.ops[..self.len];
        if let Some(op) = used.iter_mut().find(|op| op.name == name) {
            if peak.bytes > op.peak.bytes {
                op.peak = peak;
            }
            op.instructions = op.instructions.max(instructions);
            op.calls += 1;
        } else if self.len < MAX_OPS {
            self.ops[self.len] = Op {
                name,
                peak,
                calls: 1,
                instructions,
            };
            self.len += 1;
        } else {
            // Not a `stack ` line: scripts/firmware.sh reads those. The
            // run fails (see `complete`).
            self.dropped += 1;
            hprintln!("FAIL harness: stack table full, {} not recorded", name);
        }
    }

    /// Prints one `stack <bytes> <calls> <operation>` line per operation,
    /// in the order they first ran (`>=` when the window was exhausted),
    /// then, with the meter, one `instructions <count> <calls>
    /// <operation>` line each (the longest call).
    pub fn print(&self) {
        hprintln!("peak stack per operation (bytes, calls; caller buffers excluded):");
        for op in &self.ops[..self.len] {
            let at_least = if op.peak.saturated { ">=" } else { "" };
            hprintln!(
                "stack {}{:>5} {:>5} {}",
                at_least,
                op.peak.bytes,
                op.calls,
                op.name
            );
        }
        let Some(meter) = self.meter else {
            hprintln!("instruction counts: not measured (SysTick does not count)");
            return;
        };
        hprintln!(
            "instruction count per operation (the longest call, calls; QEMU -icount, one \
             SysTick tick is {} instructions):",
            meter.resolution()
        );
        for op in &self.ops[..self.len] {
            hprintln!(
                "instructions {:>9} {:>5} {}",
                op.instructions,
                op.calls,
                op.name
            );
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

    /// Runs one jeton operation and records its peak stack and its
    /// instruction count under `op`.
    pub fn measure<R>(&mut self, op: &'static str, f: impl FnOnce() -> R) -> R {
        let (result, peak, ticks) = stack::measure(f);
        self.stack.record(op, peak, ticks);
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
