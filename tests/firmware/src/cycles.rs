//! Instructions executed by one operation, as QEMU counts them.
//!
//! QEMU models neither the cycle timing of a Cortex-M nor the DWT cycle
//! counter: on `lm3s6965evb` and `mps2-an386` `CYCCNT` reads zero and does
//! not move once enabled ([`dwt_cycle_counter`] checks it on every run and
//! the firmware prints what it saw). What QEMU counts exactly is
//! instructions: with `-icount shift=0` its virtual clock advances one
//! nanosecond per instruction executed, and SysTick, clocked from the
//! processor clock, ticks on that virtual clock. [`Meter`] reads SysTick
//! around an operation and turns ticks into instructions with the ratio it
//! measured on a loop of known length ([`Meter::calibrate`]): the number of
//! instructions the operation executed, to within one tick (QEMU clocks the
//! `lm3s6965evb` at 12.5 MHz, a tick every 80 instructions; the
//! `mps2-an386` at 25 MHz, every 40).
//!
//! An instruction count is not a cycle count: a Cortex-M3 or M4 takes one
//! cycle for most instructions, but two or more for loads, stores, taken
//! branches, divisions and long multiplies, and flash adds wait states. It
//! is exact and repeatable, though, and follows the real cost.
//!
//! SysTick runs without its exception (an exception frame pushed during an
//! operation would add to the stack measured for it): an operation is
//! measured modulo SysTick's 2^24-tick period, over 10^9 instructions on
//! `lm3s6965evb` and 6.7 x 10^8 on `mps2-an386`, far beyond any operation
//! here. Without `-icount` the virtual clock follows the host's clock and
//! the counts mean nothing: the runners in `.cargo/config.toml` and
//! `scripts/firmware.sh` pass it, and the harness's self-test fails
//! without it.

use core::arch::asm;

use cortex_m::peripheral::syst::SystClkSource;
use cortex_m::peripheral::{DCB, DWT, SYST};

/// SysTick's reload value: the largest, a period of 2^24 ticks.
const RELOAD: u32 = 0x00FF_FFFF;

/// Iterations of the calibration loop (two instructions each).
const CALIBRATION_LOOPS: u32 = 4_000_000;

/// SysTick's count, which runs down.
#[inline(always)]
fn count() -> u32 {
    SYST::get_current()
}

/// Ticks from `start` to `end`, two [`count`]s.
fn elapsed(start: u32, end: u32) -> u32 {
    start.wrapping_sub(end) & RELOAD
}

/// Runs `2 * loops + 1` instructions: `mov` once, then `subs` and `bne`
/// per loop.
#[inline(never)]
pub fn busy(loops: u32) {
    // SAFETY: only registers change; no memory, no stack.
    unsafe {
        asm!(
            "movs {n}, {loops}",
            "2:",
            "subs {n}, {n}, #1",
            "bne 2b",
            loops = in(reg) loops,
            n = out(reg) _,
            options(nomem, nostack),
        );
    }
}

/// Instructions of `busy(loops)`.
pub const fn busy_instructions(loops: u32) -> u64 {
    2 * loops as u64 + 1
}

/// Counts instructions through SysTick (see the module documentation).
#[derive(Clone, Copy, Debug)]
pub struct Meter {
    /// Instructions per tick, as the ratio `instructions / ticks` of the
    /// calibration loop.
    instructions: u64,
    ticks: u64,
}

/// A reading of SysTick.
#[derive(Clone, Copy, Debug)]
pub struct Start(u32);

impl Start {
    /// Ticks since this reading.
    #[inline(always)]
    pub fn ticks(self) -> u32 {
        elapsed(self.0, count())
    }
}

impl Meter {
    /// Starts SysTick on the processor clock (no exception) and measures
    /// the calibration loop; `None` when SysTick does not move.
    pub fn start(mut syst: SYST) -> Option<Meter> {
        syst.disable_interrupt();
        syst.disable_counter();
        syst.set_clock_source(SystClkSource::Core);
        syst.set_reload(RELOAD);
        syst.clear_current();
        syst.enable_counter();
        // Dropping `syst` leaves the counter running.
        let start = Meter::now();
        busy(CALIBRATION_LOOPS);
        let ticks = u64::from(start.ticks());
        (ticks > 0).then_some(Meter {
            instructions: busy_instructions(CALIBRATION_LOOPS),
            ticks,
        })
    }

    /// Reads SysTick.
    #[inline(always)]
    pub fn now() -> Start {
        Start(count())
    }

    /// `ticks` as instructions, rounded to the nearest.
    pub fn instructions(&self, ticks: u32) -> u64 {
        (u64::from(ticks) * self.instructions + self.ticks / 2) / self.ticks
    }

    /// Instructions per tick, rounded: the meter's resolution.
    pub fn resolution(&self) -> u64 {
        self.instructions(1)
    }
}

/// The DWT cycle counter, enabled and read before and after 100 001
/// instructions: `(before, after)`.
pub fn dwt_cycle_counter(dcb: &mut DCB, dwt: &mut DWT) -> (u32, u32) {
    dcb.enable_trace();
    DWT::unlock();
    dwt.enable_cycle_counter();
    let before = DWT::cycle_count();
    busy(50_000);
    let after = DWT::cycle_count();
    dwt.disable_cycle_counter();
    (before, after)
}
