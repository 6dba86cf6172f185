//! An experiment behind a decision of issue 20: can verification hide
//! work behind SHA-256's latency by interleaving it with the hash's
//! blocks? Times the compression of the benchmark token's signing input
//! alone, followed by the base64url decoding of its payload, and with the
//! payload decoded in pieces between the blocks (the one reordering the
//! design allows: claims are read only after the signature checks out).
//!
//!     cargo run --release -p jeton-bench --bin overlap [PIECE_CHARS]
//!
//! `PIECE_CHARS` (a multiple of 4) sets how much payload goes between two
//! blocks; by default the payload is spread evenly over them.

use std::hint::black_box;
use std::time::Instant;

use jeton::base64::{self, Alphabet, Padding};
use jeton_bench::JWT_SIGNING_INPUT;

/// SHA-256's initial state (FIPS 180-4 section 5.3.3).
const INITIAL: [u32; 8] = [
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
];

/// `input` padded into 64-byte blocks, as after a 64-byte key block
/// (HMAC's inner hash).
fn blocks(input: &[u8]) -> Vec<[u8; 64]> {
    let mut padded = input.to_vec();
    padded.push(0x80);
    while padded.len() % 64 != 56 {
        padded.push(0);
    }
    padded.extend_from_slice(&((input.len() as u64 + 64) * 8).to_be_bytes());
    padded
        .chunks_exact(64)
        .map(|c| c.try_into().expect("64 bytes"))
        .collect()
}

/// Nanoseconds per call of `f`, over 200,000 calls.
fn time(f: &dyn Fn()) -> f64 {
    let start = Instant::now();
    for _ in 0..200_000 {
        f();
    }
    start.elapsed().as_nanos() as f64 / 200_000.0
}

fn main() {
    let input = JWT_SIGNING_INPUT.trim_end().as_bytes();
    let dot = input.iter().position(|&b| b == b'.').expect("a dot");
    let payload = &input[dot + 1..];
    let blocks = blocks(input);
    let n = blocks.len();
    let per = std::env::args()
        .nth(1)
        .map_or(payload.len() / 4 / n * 4, |a| a.parse().expect("a number"));
    // One piece per block, whole 4-character groups; the last takes the rest.
    let pieces: Vec<&[u8]> = (0..n)
        .map(|i| {
            let start = (i * per).min(payload.len());
            let end = if i + 1 == n {
                payload.len()
            } else {
                ((i + 1) * per).min(payload.len())
            };
            &payload[start..end]
        })
        .collect();
    let hash_only = || {
        let mut state = INITIAL;
        sha2::block_api::compress256(&mut state, black_box(&blocks));
        black_box(state);
    };
    let sequential = || {
        let mut state = INITIAL;
        sha2::block_api::compress256(&mut state, black_box(&blocks));
        let mut out = [0u8; 256];
        let m = base64::decode(
            black_box(payload),
            Alphabet::UrlSafe,
            Padding::Unpadded,
            &mut out,
        );
        black_box((state, m.expect("canonical"), out));
    };
    let interleaved = || {
        let mut state = INITIAL;
        let mut out = [0u8; 256];
        let mut at = 0;
        for (block, piece) in black_box(&blocks).iter().zip(&pieces) {
            sha2::block_api::compress256(&mut state, core::slice::from_ref(block));
            let rest = out.get_mut(at..).expect("room");
            at += base64::decode(black_box(piece), Alphabet::UrlSafe, Padding::Unpadded, rest)
                .expect("canonical");
        }
        black_box((state, at, out));
    };
    println!("{n} blocks, {per} payload characters between two");
    // The fastest of 15 rounds each, alternating: the least disturbed by
    // whatever else the machine runs.
    let mut best = [f64::MAX; 3];
    for _ in 0..15 {
        for (slot, f) in best
            .iter_mut()
            .zip([&hash_only as &dyn Fn(), &sequential, &interleaved])
        {
            *slot = slot.min(time(f));
        }
    }
    println!(
        "hash only {:.1} ns, hash then decode {:.1} ns, interleaved {:.1} ns",
        best[0], best[1], best[2]
    );
}
