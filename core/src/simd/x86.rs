//! x86-64 kernels: base64 with SSSE3 (16 characters a step) and AVX2
//! (32), the JSON string scan with SSE2 (part of x86-64 itself).
//!
//! The base64 methods are the published ones (W. Muła and D. Lemire,
//! "Faster Base64 Encoding and Decoding Using AVX2 Instructions", 2018):
//! decoding classifies each character by its two nibbles (two table
//! lookups whose AND is zero only for the alphabet), adds an offset picked
//! by the high nibble, and packs four 6-bit values into three bytes with
//! two multiply-adds and a shuffle; encoding spreads each three bytes over
//! a 32-bit lane, cuts the four 6-bit indices out with two multiplies, and
//! maps them to characters by a class shuffle.
//!
//! Only the `load*` and `store*` helpers and the calls from `super`
//! (after detection) are `unsafe`; the rest is safe intrinsics inside
//! functions compiled for their feature.

use core::arch::x86_64::*;

use super::{Alphabet, DecodeTables, tables};

/// Sixteen bytes into a register.
#[inline(always)]
fn load16(bytes: &[u8; 16]) -> __m128i {
    // SAFETY: `bytes` is 16 readable bytes and an unaligned load needs no
    // alignment; SSE2 is part of x86-64.
    unsafe { _mm_loadu_si128(bytes.as_ptr().cast()) }
}

/// A register into sixteen bytes.
#[inline(always)]
fn store16(bytes: &mut [u8; 16], v: __m128i) {
    // SAFETY: `bytes` is 16 writable bytes and an unaligned store needs no
    // alignment; SSE2 is part of x86-64.
    unsafe { _mm_storeu_si128(bytes.as_mut_ptr().cast(), v) }
}

/// Thirty-two bytes into a register.
#[inline]
#[target_feature(enable = "avx2")]
fn load32(bytes: &[u8; 32]) -> __m256i {
    // SAFETY: `bytes` is 32 readable bytes and an unaligned load needs no
    // alignment; the caller runs with AVX2 (this function's feature).
    unsafe { _mm256_loadu_si256(bytes.as_ptr().cast()) }
}

/// A register into thirty-two bytes.
#[inline]
#[target_feature(enable = "avx2")]
fn store32(bytes: &mut [u8; 32], v: __m256i) {
    // SAFETY: `bytes` is 32 writable bytes and an unaligned store needs no
    // alignment; the caller runs with AVX2 (this function's feature).
    unsafe { _mm256_storeu_si256(bytes.as_mut_ptr().cast(), v) }
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

/// An alphabet's decoding tables in registers.
#[derive(Clone, Copy)]
struct Decode128 {
    invalid_lo: __m128i,
    class_hi: __m128i,
    offset_hi: __m128i,
    odd_char: __m128i,
    odd_fix: __m128i,
}

impl Decode128 {
    #[inline]
    #[target_feature(enable = "ssse3")]
    fn new(t: &DecodeTables) -> Self {
        Decode128 {
            invalid_lo: load16(&t.invalid_lo),
            class_hi: load16(&t.class_hi),
            offset_hi: load16(&t.offset_hi),
            odd_char: _mm_set1_epi8(t.odd_char as i8),
            odd_fix: _mm_set1_epi8(t.odd_fix as i8),
        }
    }
}

/// Sixteen characters into twelve bytes (at the start of the result);
/// ORs a non-zero byte into `bad` for any character outside the alphabet.
#[inline]
#[target_feature(enable = "ssse3")]
fn decode16(x: __m128i, t: &Decode128, bad: &mut __m128i) -> __m128i {
    let nibble = _mm_set1_epi8(0x0F);
    let hi = _mm_and_si128(_mm_srli_epi32(x, 4), nibble);
    let lo = _mm_and_si128(x, nibble);
    let invalid = _mm_and_si128(
        _mm_shuffle_epi8(t.invalid_lo, lo),
        _mm_shuffle_epi8(t.class_hi, hi),
    );
    *bad = _mm_or_si128(*bad, invalid);
    let odd = _mm_and_si128(_mm_cmpeq_epi8(x, t.odd_char), t.odd_fix);
    let offset = _mm_add_epi8(_mm_shuffle_epi8(t.offset_hi, hi), odd);
    let values = _mm_add_epi8(x, offset);
    // Pairs of 6-bit values into 12 bits, pairs of those into 24.
    let pairs = _mm_maddubs_epi16(values, _mm_set1_epi32(0x0140_0140));
    let groups = _mm_madd_epi16(pairs, _mm_set1_epi32(0x0001_1000));
    // Each group's three bytes, most significant first.
    let order = _mm_setr_epi8(2, 1, 0, 6, 5, 4, 10, 9, 8, 14, 13, 12, -1, -1, -1, -1);
    _mm_shuffle_epi8(groups, order)
}

/// Whether `bad` has no bit set.
#[inline]
#[target_feature(enable = "sse2")]
fn all_zero(bad: __m128i) -> bool {
    _mm_movemask_epi8(_mm_cmpeq_epi8(bad, _mm_setzero_si128())) == 0xFFFF
}

/// The low eight bytes of a register into `bytes` (through a general
/// register: no pointer).
#[inline]
#[target_feature(enable = "sse2")]
fn store8(bytes: &mut [u8; 8], v: __m128i) {
    *bytes = (_mm_cvtsi128_si64(v) as u64).to_le_bytes();
}

/// The low twelve bytes of a register into `bytes`.
#[inline]
#[target_feature(enable = "sse2")]
fn store12(bytes: &mut [u8; 12], v: __m128i) {
    let (low, high) = bytes.split_at_mut(8);
    if let (Ok(low), Ok(high)) = (
        <&mut [u8; 8]>::try_from(low),
        <&mut [u8; 4]>::try_from(high),
    ) {
        store8(low, v);
        *high = (_mm_cvtsi128_si32(_mm_srli_si128(v, 8)) as u32).to_le_bytes();
    }
}

/// The low 24 bytes of a register into `bytes`.
#[inline]
#[target_feature(enable = "avx2")]
fn store24(bytes: &mut [u8; 24], v: __m256i) {
    let (low, high) = bytes.split_at_mut(16);
    if let (Ok(low), Ok(high)) = (
        <&mut [u8; 16]>::try_from(low),
        <&mut [u8; 8]>::try_from(high),
    ) {
        store16(low, _mm256_castsi256_si128(v));
        store8(high, _mm256_extracti128_si256(v, 1));
    }
}

/// The block of `N` units (characters or bytes) of `input` that ends at
/// `end`, and where it starts, when `end` is not a multiple of `N` and
/// `input` holds that much: the last block, after the whole blocks from
/// the start have covered `0..end / N * N`. It overlaps the one before,
/// and decoding or encoding the overlap again writes the same bytes.
#[inline(always)]
fn last_block<const N: usize>(input: &[u8], end: usize) -> Option<(usize, &[u8; N])> {
    if end.is_multiple_of(N) {
        return None;
    }
    let at = end.checked_sub(N)?;
    Some((at, chunk::<N>(input, at)?))
}

/// 16 characters at a time into 12 bytes, the last block overlapping;
/// returns how many characters it decoded (0 when fewer than 16).
#[inline]
#[target_feature(enable = "ssse3")]
fn decode_blocks16(chars: &[u8], out: &mut [u8], t: &Decode128, bad: &mut __m128i) -> usize {
    let end = chars.len() / 4 * 4;
    if end < 16 {
        return 0;
    }
    let (blocks, _) = chars.as_chunks::<16>();
    let (slots, _) = out.as_chunks_mut::<12>();
    for (block, slot) in blocks.iter().zip(slots.iter_mut()) {
        store12(slot, decode16(load16(block), t, bad));
    }
    if let Some((at, block)) = last_block::<16>(chars, end) {
        let bytes = decode16(load16(block), t, bad);
        if let Some(slot) = chunk_mut::<12>(out, at / 4 * 3) {
            store12(slot, bytes);
        }
    }
    end
}

/// [`super::base64_decode`] with SSSE3: blocks of 16 characters.
#[target_feature(enable = "ssse3")]
pub(super) fn decode_ssse3(chars: &[u8], out: &mut [u8], alphabet: Alphabet) -> (usize, bool) {
    let t = Decode128::new(tables(alphabet));
    let mut bad = _mm_setzero_si128();
    let done = decode_blocks16(chars, out, &t, &mut bad);
    (done, all_zero(bad))
}

/// [`super::base64_decode`] with AVX2: blocks of 32 characters (16 when
/// there are fewer than 32).
#[target_feature(enable = "avx2")]
pub(super) fn decode_avx2(chars: &[u8], out: &mut [u8], alphabet: Alphabet) -> (usize, bool) {
    let t128 = Decode128::new(tables(alphabet));
    let end = chars.len() / 4 * 4;
    if end < 32 {
        let mut bad = _mm_setzero_si128();
        let done = decode_blocks16(chars, out, &t128, &mut bad);
        return (done, all_zero(bad));
    }
    let wide = |v: __m128i| _mm256_broadcastsi128_si256(v);
    let (invalid_lo, class_hi, offset_hi) = (
        wide(t128.invalid_lo),
        wide(t128.class_hi),
        wide(t128.offset_hi),
    );
    let (odd_char, odd_fix) = (wide(t128.odd_char), wide(t128.odd_fix));
    let nibble = _mm256_set1_epi8(0x0F);
    let order = _mm256_broadcastsi128_si256(_mm_setr_epi8(
        2, 1, 0, 6, 5, 4, 10, 9, 8, 14, 13, 12, -1, -1, -1, -1,
    ));
    let lanes = _mm256_setr_epi32(0, 1, 2, 4, 5, 6, 3, 7);
    let mut bad = _mm256_setzero_si256();
    let mut decode32 = |x: __m256i| {
        let hi = _mm256_and_si256(_mm256_srli_epi32(x, 4), nibble);
        let lo = _mm256_and_si256(x, nibble);
        let invalid = _mm256_and_si256(
            _mm256_shuffle_epi8(invalid_lo, lo),
            _mm256_shuffle_epi8(class_hi, hi),
        );
        bad = _mm256_or_si256(bad, invalid);
        let odd = _mm256_and_si256(_mm256_cmpeq_epi8(x, odd_char), odd_fix);
        let offset = _mm256_add_epi8(_mm256_shuffle_epi8(offset_hi, hi), odd);
        let values = _mm256_add_epi8(x, offset);
        // Pairs of 6-bit values into 12 bits, pairs of those into 24.
        let pairs = _mm256_maddubs_epi16(values, _mm256_set1_epi32(0x0140_0140));
        let groups = _mm256_madd_epi16(pairs, _mm256_set1_epi32(0x0001_1000));
        // Twelve bytes at the bottom of each lane, then the lanes joined.
        _mm256_permutevar8x32_epi32(_mm256_shuffle_epi8(groups, order), lanes)
    };
    let (blocks, _) = chars.as_chunks::<32>();
    let (slots, _) = out.as_chunks_mut::<24>();
    for (block, slot) in blocks.iter().zip(slots.iter_mut()) {
        store24(slot, decode32(load32(block)));
    }
    if let Some((at, block)) = last_block::<32>(chars, end) {
        let bytes = decode32(load32(block));
        if let Some(slot) = chunk_mut::<24>(out, at / 4 * 3) {
            store24(slot, bytes);
        }
    }
    let bad = _mm_or_si128(
        _mm256_castsi256_si128(bad),
        _mm256_extracti128_si256(bad, 1),
    );
    (end, all_zero(bad))
}

/// Four 6-bit indices out of each 32-bit group of `v`, whose bytes are
/// `b a c b` for the input bytes `a b c`: index 0 (the high six bits of
/// `a`) from bits 10 to 15, index 1 from bits 4 to 9, index 2 from bits 22
/// to 27, index 3 from bits 16 to 21, each shifted into its byte and
/// masked. (The published method uses two 16-bit multiplies; the
/// optimizer turns those into emulated 16-bit variable shifts, which AVX2
/// lacks, at four times the cost, so this form sticks to plain shifts.)
macro_rules! indices {
    ($v:expr, $srli:ident, $slli:ident, $and:ident, $or:ident, $set1_32:ident) => {{
        let v = $v;
        $or(
            $or(
                $and($srli(v, 10), $set1_32(0x0000_003F)),
                $and($slli(v, 4), $set1_32(0x0000_3F00)),
            ),
            $or(
                $and($srli(v, 6), $set1_32(0x003F_0000)),
                $and($slli(v, 8), $set1_32(0x3F00_0000)),
            ),
        )
    }};
}

/// Indices into characters: a class per index (13 below 26, 0 below 52,
/// 1 to 12 above) picks the shift to add.
macro_rules! characters {
    ($indices:expr, $shift:expr, $and:ident, $or:ident, $set1_8:ident, $subs:ident,
     $cmpgt:ident, $shuffle:ident, $add:ident) => {{
        let indices = $indices;
        let class = $or(
            $subs(indices, $set1_8(51)),
            $and($cmpgt($set1_8(26), indices), $set1_8(13)),
        );
        $add($shuffle($shift, class), indices)
    }};
}

/// Spreads twelve bytes starting at byte `from` of a 16-byte lane as
/// `b a c b` per 32-bit group.
const fn spread(from: i8) -> [i8; 16] {
    let mut s = [0i8; 16];
    let mut group = 0;
    while group < 4 {
        let base = from + 3 * group as i8;
        // Runs at compile time over 16 entries.
        #[allow(clippy::indexing_slicing)]
        {
            s[4 * group] = base + 1;
            s[4 * group + 1] = base;
            s[4 * group + 2] = base + 2;
            s[4 * group + 3] = base + 1;
        }
        group += 1;
    }
    s
}

/// A 16-byte spread pattern in a register.
#[inline]
#[target_feature(enable = "ssse3")]
fn spread16(from: i8) -> __m128i {
    let [a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p] = spread(from);
    _mm_setr_epi8(a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p)
}

/// Twelve bytes (from byte `from` of `v`, as `spread` is built) into
/// sixteen characters.
#[inline]
#[target_feature(enable = "ssse3")]
fn encode16(v: __m128i, spread: __m128i, shift: __m128i) -> __m128i {
    let indices = indices!(
        _mm_shuffle_epi8(v, spread),
        _mm_srli_epi32,
        _mm_slli_epi32,
        _mm_and_si128,
        _mm_or_si128,
        _mm_set1_epi32
    );
    characters!(
        indices,
        shift,
        _mm_and_si128,
        _mm_or_si128,
        _mm_set1_epi8,
        _mm_subs_epu8,
        _mm_cmpgt_epi8,
        _mm_shuffle_epi8,
        _mm_add_epi8
    )
}

/// 12 bytes at a time, each read with the 4 after it, the last one
/// (overlapping the one before) as the 16 ending with it; returns how
/// many bytes it encoded (0 when fewer than 16).
#[inline]
#[target_feature(enable = "ssse3")]
fn encode_blocks12(input: &[u8], out: &mut [u8], shift: __m128i) -> usize {
    let end = input.len() / 6 * 6;
    if end < 12 || input.len() < 16 {
        return 0;
    }
    let (head, tail) = (spread16(0), spread16(4));
    let mut at = 0;
    while at + 12 <= end {
        let (Some(block), Some(slot)) = (chunk::<16>(input, at), chunk_mut::<16>(out, at / 3 * 4))
        else {
            break;
        };
        store16(slot, encode16(load16(block), head, shift));
        at += 12;
    }
    if at < end {
        let last = end - 12;
        if let (Some(block), Some(slot)) = (
            chunk::<16>(input, last.saturating_sub(4)),
            chunk_mut::<16>(out, last / 3 * 4),
        ) {
            store16(slot, encode16(load16(block), tail, shift));
        }
    }
    end
}

/// [`super::base64_encode`] with SSSE3: blocks of 12 bytes.
#[target_feature(enable = "ssse3")]
pub(super) fn encode_ssse3(input: &[u8], out: &mut [u8], alphabet: Alphabet) -> usize {
    encode_blocks12(input, out, load16(&tables(alphabet).shift))
}

/// Twenty-four bytes into thirty-two characters.
#[inline]
#[target_feature(enable = "avx2")]
fn encode32(block: &[u8; 24], spread: __m256i, shift: __m256i) -> __m256i {
    let (Some(lo), Some(hi)) = (block.first_chunk::<16>(), block.last_chunk::<16>()) else {
        return _mm256_setzero_si256();
    };
    let v = _mm256_inserti128_si256(_mm256_castsi128_si256(load16(lo)), load16(hi), 1);
    let indices = indices!(
        _mm256_shuffle_epi8(v, spread),
        _mm256_srli_epi32,
        _mm256_slli_epi32,
        _mm256_and_si256,
        _mm256_or_si256,
        _mm256_set1_epi32
    );
    characters!(
        indices,
        shift,
        _mm256_and_si256,
        _mm256_or_si256,
        _mm256_set1_epi8,
        _mm256_subs_epu8,
        _mm256_cmpgt_epi8,
        _mm256_shuffle_epi8,
        _mm256_add_epi8
    )
}

/// The spread pattern of [`encode32`]: bytes 0 to 11 of the low lane,
/// 4 to 15 of the high one (bytes 12 to 23 of the block).
#[inline]
#[target_feature(enable = "avx2")]
fn spread32() -> __m256i {
    _mm256_inserti128_si256(_mm256_castsi128_si256(spread16(0)), spread16(4), 1)
}

/// [`super::base64_encode`] with AVX2: blocks of 24 bytes, read exactly
/// (the last one overlapping the one before), and of 12 when there are
/// fewer than 24.
#[target_feature(enable = "avx2")]
pub(super) fn encode_avx2(input: &[u8], out: &mut [u8], alphabet: Alphabet) -> usize {
    let shift128 = load16(&tables(alphabet).shift);
    let end = input.len() / 6 * 6;
    if end < 24 {
        return encode_blocks12(input, out, shift128);
    }
    let (spread, shift) = (spread32(), _mm256_broadcastsi128_si256(shift128));
    let (blocks, _) = input.as_chunks::<24>();
    let (slots, _) = out.as_chunks_mut::<32>();
    for (block, slot) in blocks.iter().zip(slots.iter_mut()) {
        store32(slot, encode32(block, spread, shift));
    }
    if let Some((at, block)) = last_block::<24>(input, end)
        && let Some(slot) = chunk_mut::<32>(out, at / 3 * 4)
    {
        store32(slot, encode32(block, spread, shift));
    }
    end
}

/// [`super::base64_encode_in_place`] with SSSE3: blocks of 12 (read as
/// 16), last first.
#[target_feature(enable = "ssse3")]
pub(super) fn encode_in_place_ssse3(area: &mut [u8], len: usize, alphabet: Alphabet) {
    let (spread, shift) = (spread16(0), load16(&tables(alphabet).shift));
    for j in (0..len / 12).rev() {
        let Some(block) = chunk::<16>(area, 12 * j) else {
            return;
        };
        let chars = encode16(load16(block), spread, shift);
        if let Some(slot) = chunk_mut::<16>(area, 16 * j) {
            store16(slot, chars);
        }
    }
}

/// [`super::base64_encode_in_place`] with AVX2: blocks of 24 (read
/// exactly), last first.
#[target_feature(enable = "avx2")]
pub(super) fn encode_in_place_avx2(area: &mut [u8], len: usize, alphabet: Alphabet) {
    let spread = spread32();
    let shift = _mm256_broadcastsi128_si256(load16(&tables(alphabet).shift));
    for j in (0..len / 24).rev() {
        let Some(block) = chunk::<24>(area, 24 * j) else {
            return;
        };
        let chars = encode32(block, spread, shift);
        if let Some(slot) = chunk_mut::<32>(area, 32 * j) {
            store32(slot, chars);
        }
    }
}

/// [`super::json_string_run`] with SSE2.
#[inline]
#[target_feature(enable = "sse2")]
pub(super) fn string_run(bytes: &[u8], from: usize, stop_non_ascii: bool) -> (usize, bool) {
    // One signed comparison finds the bytes below 0x20 and, as negative
    // numbers, those of 0x80 and above; flipping the high bit first makes
    // it find those below 0x20 alone.
    let (flip, limit) = if stop_non_ascii {
        (0, 0x20)
    } else {
        (0x80u8 as i8, 0xA0u8 as i8)
    };
    let (flip, limit) = (_mm_set1_epi8(flip), _mm_set1_epi8(limit));
    let quote = _mm_set1_epi8(b'"' as i8);
    let backslash = _mm_set1_epi8(b'\\' as i8);
    let stops = |x: __m128i| {
        let stop = _mm_or_si128(
            _mm_or_si128(_mm_cmpeq_epi8(x, quote), _mm_cmpeq_epi8(x, backslash)),
            _mm_cmplt_epi8(_mm_xor_si128(x, flip), limit),
        );
        _mm_movemask_epi8(stop) as u32
    };
    let mut pos = from;
    while let Some(block) = chunk::<16>(bytes, pos) {
        let mask = stops(load16(block));
        if mask != 0 {
            return (pos + mask.trailing_zeros() as usize, true);
        }
        pos += 16;
    }
    // The rest, when the scan started in range and 16 bytes end the input:
    // the last 16 bytes, their bits before `pos` (scanned already, or
    // before `from`) dropped. Strings of 17 to 31 bytes, most of what a
    // JWT holds, then take two loads and no scalar tail.
    let start = bytes.len().wrapping_sub(16);
    if let (true, Some(block)) = (pos < bytes.len(), chunk::<16>(bytes, start)) {
        // `pos - start` is below 16 here: `pos` is past `start` (the loop
        // found no 16 bytes at `pos`) and before the end.
        let mask = stops(load16(block)) & (u32::MAX << (pos - start));
        return match mask {
            0 => (bytes.len(), false),
            _ => (start + mask.trailing_zeros() as usize, true),
        };
    }
    // Inputs of fewer than 16 bytes (names, short values): the rest as its
    // first and last 8 (or 4) bytes, overlapping, in one register. Bits
    // of the overlap are clear in the second word when the first had none.
    let rest = bytes.get(pos..).unwrap_or(&[]);
    let word = |at: usize| rest.get(at..).and_then(|w| w.first_chunk::<8>());
    let half = |at: usize| rest.get(at..).and_then(|w| w.first_chunk::<4>());
    let (first, last, last_at, valid) = match rest.len() {
        8..=15 => match (word(0), word(rest.len() - 8)) {
            (Some(a), Some(b)) => (
                u64::from_le_bytes(*a),
                u64::from_le_bytes(*b),
                rest.len() - 8,
                0xFF,
            ),
            _ => return (pos, false),
        },
        4..=7 => match (half(0), half(rest.len() - 4)) {
            (Some(a), Some(b)) => (
                u64::from(u32::from_le_bytes(*a)),
                u64::from(u32::from_le_bytes(*b)),
                rest.len() - 4,
                0xF,
            ),
            _ => return (pos, false),
        },
        _ => return (pos, false),
    };
    let mask = stops(_mm_set_epi64x(last as i64, first as i64));
    match (mask & valid, (mask >> 8) & valid) {
        (0, 0) => (bytes.len(), false),
        (0, late) => (pos + last_at + late.trailing_zeros() as usize, true),
        (early, _) => (pos + early.trailing_zeros() as usize, true),
    }
}

/// [`super::QuoteMap::fill`] with SSE2, sixteen bytes at a time, the last
/// sixteen bytes (overlapping the ones before) for the rest; returns
/// whether no byte is a backslash, below 0x20 or 0x80 and above. `bytes`
/// holds from 16 bytes to as many as the map covers; the map is zeros.
#[cfg(feature = "fast-claims")]
#[inline]
#[target_feature(enable = "sse2")]
pub(super) fn quote_map(bytes: &[u8], words: &mut [u64; 16]) -> bool {
    let (quote, backslash) = (_mm_set1_epi8(b'"' as i8), _mm_set1_epi8(b'\\' as i8));
    let limit = _mm_set1_epi8(0x20);
    let mut stops = _mm_setzero_si128();
    // The quotes of sixteen bytes as bits, their stops into `stops`
    // (signed: the bytes of 0x80 and above are below 0x20 too).
    let mut mark = |block: &[u8; 16]| {
        let x = load16(block);
        let stop = _mm_or_si128(_mm_cmplt_epi8(x, limit), _mm_cmpeq_epi8(x, backslash));
        stops = _mm_or_si128(stops, stop);
        u64::from(_mm_movemask_epi8(_mm_cmpeq_epi8(x, quote)) as u16)
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
    _mm_movemask_epi8(stops) == 0
}

/// [`super::find_byte`] with SSE2.
#[inline]
#[target_feature(enable = "sse2")]
pub(super) fn find_byte(hay: &[u8], needle: u8) -> (usize, bool) {
    let n = _mm_set1_epi8(needle as i8);
    let (blocks, _) = hay.as_chunks::<16>();
    for (i, block) in blocks.iter().enumerate() {
        let mask = _mm_movemask_epi8(_mm_cmpeq_epi8(load16(block), n)) as u32;
        if mask != 0 {
            return (16 * i + mask.trailing_zeros() as usize, true);
        }
    }
    (16 * blocks.len(), false)
}

/// [`super::rfind_byte`] with SSE2.
#[inline]
#[target_feature(enable = "sse2")]
pub(super) fn rfind_byte(hay: &[u8], needle: u8) -> (usize, bool) {
    let n = _mm_set1_epi8(needle as i8);
    let (head, blocks) = hay.as_rchunks::<16>();
    for (i, block) in blocks.iter().enumerate().rev() {
        let mask = _mm_movemask_epi8(_mm_cmpeq_epi8(load16(block), n)) as u32;
        if mask != 0 {
            return (
                head.len() + 16 * i + 31 - mask.leading_zeros() as usize,
                true,
            );
        }
    }
    (head.len(), false)
}
