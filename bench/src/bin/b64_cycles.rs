//! Cycles per character of base64url decoding (and encoding) the JWT
//! payload, where hardware counters are out of reach (a virtual machine):
//! the fastest of many short batches, in nanoseconds, times the clock
//! measured in the same process by a chain of dependent additions (one
//! cycle each on every x86-64 core).
//!
//!     cargo run --release -p jeton-bench --bin b64_cycles

use std::hint::black_box;
use std::time::Instant;

use jeton::base64::{Alphabet, Padding, decode, encode};
use jeton_bench::{CLAIMS_JSON, JWT};

/// Fastest batch of `f`, in ns per run.
fn fastest(mut f: impl FnMut()) -> f64 {
    let mut best = f64::MAX;
    for _ in 0..2_000 {
        let start = Instant::now();
        for _ in 0..200 {
            f();
        }
        best = best.min(start.elapsed().as_nanos() as f64 / 200.0);
    }
    best
}

/// The clock in GHz: the fastest batch of 10,000 dependent additions.
#[cfg(target_arch = "x86_64")]
fn clock_ghz() -> f64 {
    let ns = fastest(|| {
        let mut x = 0u64;
        for _ in 0..1_000 {
            // SAFETY: ten register additions, no memory, no flags read.
            unsafe {
                core::arch::asm!(
                    "add {0}, 1", "add {0}, 1", "add {0}, 1", "add {0}, 1", "add {0}, 1",
                    "add {0}, 1", "add {0}, 1", "add {0}, 1", "add {0}, 1", "add {0}, 1",
                    inout(reg) x,
                    options(nomem, nostack)
                );
            }
        }
        black_box(x);
    });
    10_000.0 / ns
}

#[cfg(not(target_arch = "x86_64"))]
fn clock_ghz() -> f64 {
    f64::NAN
}

fn main() {
    let token = JWT.trim_end().as_bytes();
    let payload = token.split(|&b| b == b'.').nth(1).expect("payload");
    let claims = CLAIMS_JSON.trim_end().as_bytes();
    let mut buf = [0u8; 512];
    let ghz = clock_ghz();
    let decode_ns = fastest(|| {
        let n = decode(
            black_box(payload),
            Alphabet::UrlSafe,
            Padding::Unpadded,
            &mut buf,
        );
        black_box(n.ok());
    });
    let encode_ns = fastest(|| {
        let n = encode(
            black_box(claims),
            Alphabet::UrlSafe,
            Padding::Unpadded,
            &mut buf,
        );
        black_box(n.ok());
    });
    // The kernel's own pace, where fixed costs vanish: 8 KiB of text.
    let big: Vec<u8> = payload.iter().copied().cycle().take(8192).collect();
    let mut big_out = vec![0u8; 8192];
    let big_ns = fastest(|| {
        let n = decode(
            black_box(&big),
            Alphabet::UrlSafe,
            Padding::Unpadded,
            &mut big_out,
        );
        black_box(n.ok());
    });
    println!("clock (dependent additions): {ghz:.2} GHz");
    for (what, ns, chars) in [
        ("decode of the JWT payload", decode_ns, payload.len()),
        ("encode of the JWT claims", encode_ns, payload.len()),
        ("decode of 8 KiB", big_ns, big.len()),
    ] {
        println!(
            "base64url {what} ({chars} characters): {ns:.1} ns, {:.3} cycles per character",
            ns * ghz / chars as f64
        );
    }
}
