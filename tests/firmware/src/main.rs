//! jeton's firmware test: runs a representative set of jeton's vectors on an
//! emulated Cortex-M (QEMU `lm3s6965evb` for `thumbv7m-none-eabi`,
//! `mps2-an386` for `thumbv7em-none-eabihf`), prints one line per check and
//! the peak stack of every operation through semihosting, and exits with
//! status 0 only when every check passed. Run it under QEMU with `-icount
//! shift=0` (the runners in `.cargo/config.toml` do): the instruction
//! counts come from QEMU's virtual clock (`src/cycles.rs`).
//!
//! Cargo features choose what is built:
//!
//! - one per group of checks (`footprint`, `cookie-header`, `set-cookie`,
//!   `set-cookie-parse`, `signed`, `hmac`, `jwt`, `auth`, `session`), all on
//!   by default; `footprint` alone is the probe the flash goal is measured
//!   with, jeton then having SHA-256 as its only hash;
//! - `sha1` and `sha512` turn on jeton's features of the same names
//!   (`signed` and `hmac` need them; jeton's default features are off);
//! - `baseline` keeps the harness and the vectors but compiles the jeton
//!   calls out: the size difference against the same features without it
//!   is jeton's share of the image (for the vector checks, with their own
//!   code; for the footprint probe, jeton alone);
//! - `break-a-vector` flips one bit of one expected value (an RFC 4231
//!   tag), to show that a wrong vector fails the run.
//!
//! `scripts/firmware.sh` builds, runs and measures every variant.

#![no_std]
#![no_main]

mod checks;
mod cycles;
mod harness;
// Case tables shared with the host tests (tests/src/shared/); each group
// uses some of them.
#[allow(dead_code)]
#[path = "../../src/shared/mod.rs"]
mod shared;
mod stack;
mod vectors;

use cortex_m_rt::{ExceptionFrame, entry, exception};
use cortex_m_semihosting::debug::{self, EXIT_FAILURE, EXIT_SUCCESS};
use cortex_m_semihosting::hprintln;
// A panic prints its message through semihosting and exits with failure.
use panic_semihosting as _;

use harness::StackTable;

#[entry]
fn main() -> ! {
    hprintln!(
        "jeton firmware test on {}{}",
        env!("FIRMWARE_MACHINE"),
        if cfg!(feature = "baseline") {
            " (baseline: jeton compiled out)"
        } else {
            ""
        }
    );
    // The instruction meter (src/cycles.rs): QEMU's DWT has no cycle
    // counter, which this line shows on every run; SysTick counts instead.
    let meter = match cortex_m::Peripherals::take() {
        Some(mut core) => {
            let (before, after) = cycles::dwt_cycle_counter(&mut core.DCB, &mut core.DWT);
            hprintln!(
                "cycle counter: DWT CYCCNT read {} then {} around 100001 instructions ({})",
                before,
                after,
                if before == after {
                    "not emulated: SysTick counts instructions instead"
                } else {
                    "it counts"
                }
            );
            cycles::Meter::start(core.SYST)
        }
        None => None,
    };
    let mut stack = StackTable::new(meter);
    let (mut passed, mut failed) = (0u32, 0u32);
    let groups = [harness::SELF_TEST]
        .into_iter()
        .chain(checks::GROUPS.iter().copied());
    for check in groups.flat_map(|group| group.iter()) {
        if harness::run(check, &mut stack) {
            passed += 1;
        } else {
            failed += 1;
        }
    }
    stack.print();
    if !stack.complete() {
        // Raise MAX_OPS in harness.rs.
        failed += 1;
    }
    hprintln!("firmware: {} passed, {} failed", passed, failed);
    debug::exit(if failed == 0 && passed > 0 {
        EXIT_SUCCESS
    } else {
        EXIT_FAILURE
    });
    // Only reached when no debugger or emulator answers semihosting.
    loop {
        cortex_m::asm::bkpt();
    }
}

/// A fault (a stack overflow past the end of RAM, a bad access) ends the
/// run with a failure at once instead of hanging until the timeout.
#[exception]
unsafe fn HardFault(frame: &ExceptionFrame) -> ! {
    hprintln!("FAIL HardFault at pc {:#010x}", frame.pc());
    debug::exit(EXIT_FAILURE);
    loop {
        cortex_m::asm::bkpt();
    }
}
