//! aarch64 kernels with NEON, part of the architecture's base (this
//! module is compiled only where the target enables it, so no detection
//! is needed): base64 64 characters (48 bytes) a step, or 32 (24) when
//! the input is shorter, the JSON string scan 16 bytes a step.
//!
//! The structure loads and stores (`vld3`/`vld4`, `vst3`/`vst4`) spread
//! every third or fourth byte into its own register, so decoding works on
//! one register per position in the group of four characters, and
//! encoding maps indices with a 64-entry table lookup (`vqtbl4`).
//! Decoding classifies characters by their nibbles with the same tables
//! as the x86 kernels. As there, the last block of an input that is not a
//! whole number of blocks is the one ending with it, overlapping the one
//! before (which decodes or encodes the overlap to the same bytes).
//!
//! Only the `load*` and `store*` helpers and the calls from `super` are
//! `unsafe`: the functions are compiled for NEON, which the target has.

use core::arch::aarch64::*;

use super::{Alphabet, DecodeTables, tables};

/// Sixteen bytes into a register.
#[inline]
#[target_feature(enable = "neon")]
fn load16(bytes: &[u8; 16]) -> uint8x16_t {
    // SAFETY: `bytes` is 16 readable bytes and the load needs no
    // alignment; NEON is this function's feature.
    unsafe { vld1q_u8(bytes.as_ptr()) }
}

/// Sixty-four bytes, every fourth one into the same register.
#[inline]
#[target_feature(enable = "neon")]
fn load4x16(bytes: &[u8; 64]) -> uint8x16x4_t {
    // SAFETY: `bytes` is 64 readable bytes, what `vld4q_u8` reads, and the
    // load needs no alignment; NEON is this function's feature.
    unsafe { vld4q_u8(bytes.as_ptr()) }
}

/// Thirty-two bytes, every fourth one into the same register.
#[inline]
#[target_feature(enable = "neon")]
fn load4x8(bytes: &[u8; 32]) -> uint8x8x4_t {
    // SAFETY: `bytes` is 32 readable bytes, what `vld4_u8` reads, and the
    // load needs no alignment; NEON is this function's feature.
    unsafe { vld4_u8(bytes.as_ptr()) }
}

/// Forty-eight bytes, every third one into the same register.
#[inline]
#[target_feature(enable = "neon")]
fn load3x16(bytes: &[u8; 48]) -> uint8x16x3_t {
    // SAFETY: `bytes` is 48 readable bytes, what `vld3q_u8` reads, and the
    // load needs no alignment; NEON is this function's feature.
    unsafe { vld3q_u8(bytes.as_ptr()) }
}

/// Twenty-four bytes, every third one into the same register.
#[inline]
#[target_feature(enable = "neon")]
fn load3x8(bytes: &[u8; 24]) -> uint8x8x3_t {
    // SAFETY: `bytes` is 24 readable bytes, what `vld3_u8` reads, and the
    // load needs no alignment; NEON is this function's feature.
    unsafe { vld3_u8(bytes.as_ptr()) }
}

/// Three registers interleaved into forty-eight bytes.
#[inline]
#[target_feature(enable = "neon")]
fn store3x16(bytes: &mut [u8; 48], v: uint8x16x3_t) {
    // SAFETY: `bytes` is 48 writable bytes, what `vst3q_u8` writes, and
    // the store needs no alignment; NEON is this function's feature.
    unsafe { vst3q_u8(bytes.as_mut_ptr(), v) }
}

/// Three half registers interleaved into twenty-four bytes.
#[inline]
#[target_feature(enable = "neon")]
fn store3x8(bytes: &mut [u8; 24], v: uint8x8x3_t) {
    // SAFETY: `bytes` is 24 writable bytes, what `vst3_u8` writes, and the
    // store needs no alignment; NEON is this function's feature.
    unsafe { vst3_u8(bytes.as_mut_ptr(), v) }
}

/// Four registers interleaved into sixty-four bytes.
#[inline]
#[target_feature(enable = "neon")]
fn store4x16(bytes: &mut [u8; 64], v: uint8x16x4_t) {
    // SAFETY: `bytes` is 64 writable bytes, what `vst4q_u8` writes, and
    // the store needs no alignment; NEON is this function's feature.
    unsafe { vst4q_u8(bytes.as_mut_ptr(), v) }
}

/// Four half registers interleaved into thirty-two bytes.
#[inline]
#[target_feature(enable = "neon")]
fn store4x8(bytes: &mut [u8; 32], v: uint8x8x4_t) {
    // SAFETY: `bytes` is 32 writable bytes, what `vst4_u8` writes, and the
    // store needs no alignment; NEON is this function's feature.
    unsafe { vst4_u8(bytes.as_mut_ptr(), v) }
}

/// The `N` bytes of `s` from `at`, when there are that many.
#[inline(always)]
fn chunk<const N: usize>(s: &[u8], at: usize) -> Option<&[u8; N]> {
    s.get(at..)?.first_chunk::<N>()
}

/// The `N` bytes of `s` from `at`, writable, when there are that many.
#[inline(always)]
fn chunk_mut<const N: usize>(s: &mut [u8], at: usize) -> Option<&mut [u8; N]> {
    s.get_mut(at..)?.first_chunk_mut::<N>()
}

/// The block of `N` units of `input` that ends at `end`, and where it
/// starts, when `end` is not a multiple of `N` and `input` holds a block:
/// the last block, after the whole ones from the start.
#[inline(always)]
fn last_block<const N: usize>(input: &[u8], end: usize) -> Option<(usize, &[u8; N])> {
    if end.is_multiple_of(N) {
        return None;
    }
    let at = end.checked_sub(N)?;
    Some((at, chunk::<N>(input, at)?))
}

/// An alphabet's decoding tables in registers.
#[derive(Clone, Copy)]
struct Decode {
    invalid_lo: uint8x16_t,
    class_hi: uint8x16_t,
    offset_hi: uint8x16_t,
    odd_char: uint8x16_t,
    odd_fix: uint8x16_t,
}

impl Decode {
    #[inline]
    #[target_feature(enable = "neon")]
    fn new(t: &DecodeTables) -> Self {
        Decode {
            invalid_lo: load16(&t.invalid_lo),
            class_hi: load16(&t.class_hi),
            offset_hi: load16(&t.offset_hi),
            odd_char: vdupq_n_u8(t.odd_char),
            odd_fix: vdupq_n_u8(t.odd_fix),
        }
    }

    /// The 6-bit values of sixteen characters; ORs a non-zero byte into
    /// `bad` for any character outside the alphabet.
    #[inline]
    #[target_feature(enable = "neon")]
    fn values(&self, x: uint8x16_t, bad: &mut uint8x16_t) -> uint8x16_t {
        let hi = vshrq_n_u8(x, 4);
        let lo = vandq_u8(x, vdupq_n_u8(0x0F));
        let invalid = vandq_u8(
            vqtbl1q_u8(self.invalid_lo, lo),
            vqtbl1q_u8(self.class_hi, hi),
        );
        *bad = vorrq_u8(*bad, invalid);
        let odd = vandq_u8(vceqq_u8(x, self.odd_char), self.odd_fix);
        vaddq_u8(x, vaddq_u8(vqtbl1q_u8(self.offset_hi, hi), odd))
    }

    /// The values of eight characters (in the low half of a register).
    #[inline]
    #[target_feature(enable = "neon")]
    fn values8(&self, x: uint8x8_t, bad: &mut uint8x16_t) -> uint8x8_t {
        vget_low_u8(self.values(vcombine_u8(x, x), bad))
    }
}

/// Four registers of 6-bit values (one per place in the group) into
/// three of bytes.
#[inline]
#[target_feature(enable = "neon")]
fn pack16(a: uint8x16_t, b: uint8x16_t, c: uint8x16_t, d: uint8x16_t) -> uint8x16x3_t {
    uint8x16x3_t(
        vorrq_u8(vshlq_n_u8(a, 2), vshrq_n_u8(b, 4)),
        vorrq_u8(vshlq_n_u8(b, 4), vshrq_n_u8(c, 2)),
        vorrq_u8(vshlq_n_u8(c, 6), d),
    )
}

/// [`pack16`] on half registers.
#[inline]
#[target_feature(enable = "neon")]
fn pack8(a: uint8x8_t, b: uint8x8_t, c: uint8x8_t, d: uint8x8_t) -> uint8x8x3_t {
    uint8x8x3_t(
        vorr_u8(vshl_n_u8(a, 2), vshr_n_u8(b, 4)),
        vorr_u8(vshl_n_u8(b, 4), vshr_n_u8(c, 2)),
        vorr_u8(vshl_n_u8(c, 6), d),
    )
}

/// Sixty-four characters into forty-eight bytes.
#[inline]
#[target_feature(enable = "neon")]
fn decode64(block: &[u8; 64], t: &Decode, bad: &mut uint8x16_t) -> uint8x16x3_t {
    let v = load4x16(block);
    let (a, b) = (t.values(v.0, bad), t.values(v.1, bad));
    let (c, d) = (t.values(v.2, bad), t.values(v.3, bad));
    pack16(a, b, c, d)
}

/// Thirty-two characters into twenty-four bytes.
#[inline]
#[target_feature(enable = "neon")]
fn decode32(block: &[u8; 32], t: &Decode, bad: &mut uint8x16_t) -> uint8x8x3_t {
    let v = load4x8(block);
    let (a, b) = (t.values8(v.0, bad), t.values8(v.1, bad));
    let (c, d) = (t.values8(v.2, bad), t.values8(v.3, bad));
    pack8(a, b, c, d)
}

/// [`super::base64_decode`]: blocks of 64 characters (32 when there are
/// fewer than 64), the last one overlapping.
#[target_feature(enable = "neon")]
pub(super) fn decode(chars: &[u8], out: &mut [u8], alphabet: Alphabet) -> (usize, bool) {
    let t = Decode::new(tables(alphabet));
    let mut bad = vdupq_n_u8(0);
    let end = chars.len() / 4 * 4;
    if end >= 64 {
        let (blocks, _) = chars.as_chunks::<64>();
        let (slots, _) = out.as_chunks_mut::<48>();
        for (block, slot) in blocks.iter().zip(slots.iter_mut()) {
            store3x16(slot, decode64(block, &t, &mut bad));
        }
        if let Some((at, block)) = last_block::<64>(chars, end)
            && let Some(slot) = chunk_mut::<48>(out, at / 4 * 3)
        {
            store3x16(slot, decode64(block, &t, &mut bad));
        }
    } else if end >= 32 {
        if let (Some(block), Some(slot)) = (chunk::<32>(chars, 0), chunk_mut::<24>(out, 0)) {
            store3x8(slot, decode32(block, &t, &mut bad));
        }
        if let Some((at, block)) = last_block::<32>(chars, end)
            && let Some(slot) = chunk_mut::<24>(out, at / 4 * 3)
        {
            store3x8(slot, decode32(block, &t, &mut bad));
        }
    } else {
        return (0, true);
    }
    (end, vmaxvq_u8(bad) == 0)
}

/// Six-bit indices: every third byte per register in, one register per
/// place in the group of four out.
#[inline]
#[target_feature(enable = "neon")]
fn indices16(v: uint8x16x3_t) -> [uint8x16_t; 4] {
    let low6 = vdupq_n_u8(0x3F);
    let (a, b, c) = (v.0, v.1, v.2);
    [
        vshrq_n_u8(a, 2),
        vandq_u8(vorrq_u8(vshlq_n_u8(a, 4), vshrq_n_u8(b, 4)), low6),
        vandq_u8(vorrq_u8(vshlq_n_u8(b, 2), vshrq_n_u8(c, 6)), low6),
        vandq_u8(c, low6),
    ]
}

/// Forty-eight bytes into sixty-four characters.
#[inline]
#[target_feature(enable = "neon")]
fn encode48(block: &[u8; 48], alphabet: uint8x16x4_t) -> uint8x16x4_t {
    let [i0, i1, i2, i3] = indices16(load3x16(block));
    uint8x16x4_t(
        vqtbl4q_u8(alphabet, i0),
        vqtbl4q_u8(alphabet, i1),
        vqtbl4q_u8(alphabet, i2),
        vqtbl4q_u8(alphabet, i3),
    )
}

/// Twenty-four bytes into thirty-two characters.
#[inline]
#[target_feature(enable = "neon")]
fn encode24(block: &[u8; 24], alphabet: uint8x16x4_t) -> uint8x8x4_t {
    let v = load3x8(block);
    let wide = uint8x16x3_t(
        vcombine_u8(v.0, v.0),
        vcombine_u8(v.1, v.1),
        vcombine_u8(v.2, v.2),
    );
    let [i0, i1, i2, i3] = indices16(wide);
    uint8x8x4_t(
        vget_low_u8(vqtbl4q_u8(alphabet, i0)),
        vget_low_u8(vqtbl4q_u8(alphabet, i1)),
        vget_low_u8(vqtbl4q_u8(alphabet, i2)),
        vget_low_u8(vqtbl4q_u8(alphabet, i3)),
    )
}

/// The 64 characters of an alphabet in four registers.
#[inline]
#[target_feature(enable = "neon")]
fn alphabet_table(alphabet: Alphabet) -> uint8x16x4_t {
    let chars = &tables(alphabet).chars;
    let part = |at: usize| chunk::<16>(chars, at).map_or(vdupq_n_u8(0), |c| load16(c));
    uint8x16x4_t(part(0), part(16), part(32), part(48))
}

/// [`super::base64_encode`]: blocks of 48 bytes (24 when there are fewer
/// than 48), the last one overlapping.
#[target_feature(enable = "neon")]
pub(super) fn encode(input: &[u8], out: &mut [u8], alphabet: Alphabet) -> usize {
    let table = alphabet_table(alphabet);
    let end = input.len() / 6 * 6;
    if end >= 48 {
        let (blocks, _) = input.as_chunks::<48>();
        let (slots, _) = out.as_chunks_mut::<64>();
        for (block, slot) in blocks.iter().zip(slots.iter_mut()) {
            store4x16(slot, encode48(block, table));
        }
        if let Some((at, block)) = last_block::<48>(input, end)
            && let Some(slot) = chunk_mut::<64>(out, at / 3 * 4)
        {
            store4x16(slot, encode48(block, table));
        }
    } else if end >= 24 {
        if let (Some(block), Some(slot)) = (chunk::<24>(input, 0), chunk_mut::<32>(out, 0)) {
            store4x8(slot, encode24(block, table));
        }
        if let Some((at, block)) = last_block::<24>(input, end)
            && let Some(slot) = chunk_mut::<32>(out, at / 3 * 4)
        {
            store4x8(slot, encode24(block, table));
        }
    } else {
        return 0;
    }
    end
}

/// [`super::base64_encode_in_place`]: blocks of 48 (read exactly), last
/// first.
#[target_feature(enable = "neon")]
pub(super) fn encode_in_place(area: &mut [u8], len: usize, alphabet: Alphabet) {
    let table = alphabet_table(alphabet);
    for j in (0..len / 48).rev() {
        let Some(block) = chunk::<48>(area, 48 * j) else {
            return;
        };
        let chars = encode48(block, table);
        if let Some(slot) = chunk_mut::<64>(area, 64 * j) {
            store4x16(slot, chars);
        }
    }
}

/// [`super::json_string_run`] with NEON.
#[inline]
#[target_feature(enable = "neon")]
pub(super) fn string_run(bytes: &[u8], from: usize, stop_non_ascii: bool) -> (usize, bool) {
    // As on x86: a signed comparison with 0x20 finds control characters
    // and the bytes of 0x80 and above; with the high bit flipped first,
    // the control characters alone.
    let (flip, limit) = if stop_non_ascii {
        (0, 0x20)
    } else {
        (0x80u8 as i8, 0xA0u8 as i8)
    };
    let (flip, limit) = (vdupq_n_s8(flip), vdupq_n_s8(limit));
    let (quote, backslash) = (vdupq_n_u8(b'"'), vdupq_n_u8(b'\\'));
    let mut pos = from;
    while let Some(block) = chunk::<16>(bytes, pos) {
        let x = load16(block);
        let low = vcltq_s8(veorq_s8(vreinterpretq_s8_u8(x), flip), limit);
        let stop = vorrq_u8(vorrq_u8(vceqq_u8(x, quote), vceqq_u8(x, backslash)), low);
        // Four bits per byte: the narrowing shift keeps the middle of each
        // 16-bit pair.
        let nibbles = vshrn_n_u16(vreinterpretq_u16_u8(stop), 4);
        let mask = vget_lane_u64(vreinterpret_u64_u8(nibbles), 0);
        if mask != 0 {
            return (pos + (mask.trailing_zeros() / 4) as usize, true);
        }
        pos += 16;
    }
    (pos, false)
}

/// One bit per byte of a comparison result (0xFF or 0x00 each), in
/// order: each byte weighted by its bit, each half summed.
#[cfg(feature = "fast-claims")]
#[inline]
#[target_feature(enable = "neon")]
fn mask16(found: uint8x16_t) -> u64 {
    const WEIGHTS: [u8; 16] = [1, 2, 4, 8, 16, 32, 64, 128, 1, 2, 4, 8, 16, 32, 64, 128];
    let weighted = vandq_u8(found, load16(&WEIGHTS));
    u64::from(vaddv_u8(vget_low_u8(weighted))) | u64::from(vaddv_u8(vget_high_u8(weighted))) << 8
}

/// [`super::QuoteMap::fill`] with NEON, sixteen bytes at a time, the last
/// sixteen bytes (overlapping the ones before) for the rest; returns
/// whether no byte is a backslash, below 0x20 or 0x80 and above. `bytes`
/// holds from 16 bytes to as many as the map covers; the map is zeros.
#[cfg(feature = "fast-claims")]
#[inline]
#[target_feature(enable = "neon")]
pub(super) fn quote_map(bytes: &[u8], words: &mut [u64; 16]) -> bool {
    let (quote, backslash) = (vdupq_n_u8(b'"'), vdupq_n_u8(b'\\'));
    let limit = vdupq_n_s8(0x20);
    let mut stops = vdupq_n_u8(0);
    // The quotes of sixteen bytes as bits, their stops into `stops`
    // (signed: the bytes of 0x80 and above are below 0x20 too).
    let mut mark = |block: &[u8; 16]| {
        let x = load16(block);
        let low = vcltq_s8(vreinterpretq_s8_u8(x), limit);
        stops = vorrq_u8(stops, vorrq_u8(low, vceqq_u8(x, backslash)));
        mask16(vceqq_u8(x, quote))
    };
    let (blocks, rest) = bytes.as_chunks::<16>();
    for (i, block) in blocks.iter().enumerate() {
        if let Some(word) = words.get_mut(i / 4) {
            *word |= mark(block) << (16 * (i % 4));
        }
    }
    // Its first bytes are the end of the last block, marked already.
    if !rest.is_empty()
        && let Some(last) = bytes.last_chunk::<16>()
        && let Some(word) = words.get_mut(blocks.len() / 4)
    {
        *word |= mark(last) >> (16 - rest.len()) << (16 * (blocks.len() % 4));
    }
    vmaxvq_u8(stops) == 0
}

/// Four bits per byte of a comparison result (0xFF or 0x00 each), in
/// order, as one word.
#[inline]
#[target_feature(enable = "neon")]
fn nibble_mask(found: uint8x16_t) -> u64 {
    vget_lane_u64(
        vreinterpret_u64_u8(vshrn_n_u16(vreinterpretq_u16_u8(found), 4)),
        0,
    )
}

/// [`super::find_byte`] with NEON.
#[inline]
#[target_feature(enable = "neon")]
pub(super) fn find_byte(hay: &[u8], needle: u8) -> (usize, bool) {
    let n = vdupq_n_u8(needle);
    let (blocks, _) = hay.as_chunks::<16>();
    for (i, block) in blocks.iter().enumerate() {
        let mask = nibble_mask(vceqq_u8(load16(block), n));
        if mask != 0 {
            return (16 * i + (mask.trailing_zeros() / 4) as usize, true);
        }
    }
    (16 * blocks.len(), false)
}

/// [`super::rfind_byte`] with NEON.
#[inline]
#[target_feature(enable = "neon")]
pub(super) fn rfind_byte(hay: &[u8], needle: u8) -> (usize, bool) {
    let n = vdupq_n_u8(needle);
    let (head, blocks) = hay.as_rchunks::<16>();
    for (i, block) in blocks.iter().enumerate().rev() {
        let mask = nibble_mask(vceqq_u8(load16(block), n));
        if mask != 0 {
            return (
                head.len() + 16 * i + (63 - mask.leading_zeros() as usize) / 4,
                true,
            );
        }
    }
    (head.len(), false)
}
