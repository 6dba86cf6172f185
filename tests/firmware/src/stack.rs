//! Peak stack of one operation, measured on the chip by stack painting.
//!
//! [`measure`] notes the stack pointer, fills the free stack below it with
//! a known word, runs the operation, and then scans up from the bottom of
//! the painted area for the first word that is no longer the pattern: the
//! distance from there to the noted stack pointer is the most stack the
//! operation used. Buffers the caller passes in live in the caller's frame,
//! above the noted pointer, so they are not counted.
//!
//! Only [`WINDOW`] bytes are painted (the `mps2-an386` has 4 MiB of RAM and
//! painting all of it for every call would be slow); an operation that
//! reaches the end of the window is reported as having used at least that
//! much ([`Peak::saturated`]).

use core::arch::asm;
use core::ptr;

use crate::cycles::Meter;

/// The word the free stack is painted with.
const PAINT: u32 = 0x5A17_C0DE;

/// Most bytes painted below the stack pointer.
pub const WINDOW: usize = 48 * 1024;

unsafe extern "C" {
    /// The lowest address the stack may grow to (end of `.bss`/`.uninit`),
    /// from cortex-m-rt's `link.x`.
    static _stack_end: u32;
}

/// The peak stack of one call.
#[derive(Clone, Copy, Debug, Default)]
pub struct Peak {
    /// Bytes of stack used below the caller's frame.
    pub bytes: usize,
    /// `true` when the whole window was used: `bytes` is then a floor.
    pub saturated: bool,
}

/// The current stack pointer.
#[inline(always)]
fn sp() -> usize {
    let sp: usize;
    // SAFETY: reads a register into a local; no memory access, no side effect.
    unsafe { asm!("mov {}, sp", out(reg) sp, options(nomem, nostack, preserves_flags)) };
    sp
}

/// The bottom of the painted window below `top`.
fn floor(top: usize) -> usize {
    let stack_end = &raw const _stack_end as usize;
    top.saturating_sub(WINDOW)
        .max(stack_end)
        .next_multiple_of(4)
}

/// Paints the free stack below this function's own frame, down to the
/// window's floor below `top`.
#[inline(never)]
fn paint(top: usize) {
    // Below our own stack pointer nothing is live: there are no interrupts.
    let mut addr = floor(top);
    let end = sp() & !3;
    while addr < end {
        // SAFETY: `addr` is word-aligned, in RAM between the end of the
        // statics (`_stack_end`) and the live stack, which nothing else uses.
        unsafe { ptr::write_volatile(addr as *mut u32, PAINT) };
        addr += 4;
    }
}

/// How far below `top` the stack was written since [`paint`].
#[inline(never)]
fn high_water(top: usize) -> Peak {
    let bottom = floor(top);
    let mut addr = bottom;
    while addr < top {
        // SAFETY: as in `paint`, reading the painted window, word-aligned.
        if unsafe { ptr::read_volatile(addr as *const u32) } != PAINT {
            break;
        }
        addr += 4;
    }
    Peak {
        bytes: top - addr,
        saturated: addr == bottom,
    }
}

/// Runs `op` in a frame of its own and returns its result with its peak
/// stack and the SysTick ticks it took (see `cycles`).
#[inline(never)]
pub fn measure<R>(op: impl FnOnce() -> R) -> (R, Peak, u32) {
    let top = sp();
    paint(top);
    let start = Meter::now();
    let result = call(op);
    let ticks = start.ticks();
    (result, high_water(top), ticks)
}

/// Calls `op` below `measure`'s frame, so that whatever `op` keeps on the
/// stack (its own locals included) is counted.
#[inline(never)]
fn call<R>(op: impl FnOnce() -> R) -> R {
    op()
}
