//! The panic handler of `no_std` builds.
//!
//! No input reaches a panic (the core denies indexing, `unwrap`, `expect`
//! and `panic!`), so this only runs on a bug. There is no unwinding without
//! `std`: the handler ends the program in the firmware's own way.
//!
//! - By default it traps: `udf #0` on Arm raises a HardFault (or
//!   UsageFault) that the firmware's fault handler or watchdog turns into a
//!   reset; other architectures spin.
//! - With the `panic-hook` feature it first calls
//!   `void jeton_panic_hook(void)`, which the firmware must define (log the
//!   event, `NVIC_SystemReset()`, ...); if the hook returns, it traps.
//!
//! A Rust firmware that has its own `#[panic_handler]` depends on the core
//! crate `jeton` directly, which defines none.

#[cfg(all(not(feature = "std"), not(test)))]
#[panic_handler]
fn panic(_info: &core::panic::PanicInfo<'_>) -> ! {
    #[cfg(feature = "panic-hook")]
    {
        unsafe extern "C" {
            /// Defined by the firmware when built with `panic-hook`.
            fn jeton_panic_hook();
        }
        // SAFETY: the `panic-hook` feature requires the firmware to define
        // `void jeton_panic_hook(void)`; it takes and returns nothing.
        unsafe { jeton_panic_hook() };
    }
    trap()
}

/// Stops the program for good.
#[cfg(all(not(feature = "std"), not(test)))]
fn trap() -> ! {
    #[cfg(target_arch = "arm")]
    // SAFETY: `udf` only raises the undefined-instruction exception; it
    // reads and writes no memory and never returns.
    unsafe {
        core::arch::asm!("udf #0", options(noreturn, nomem, nostack))
    }
    #[cfg(not(target_arch = "arm"))]
    loop {
        core::hint::spin_loop();
    }
}
