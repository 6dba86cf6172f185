//! SIMD kernels for the hot loops: base64 of token bytes and the JSON
//! string scan. The one module of the core that holds `unsafe`.
//!
//! Why it exists: past the HMAC, verifying a token is mostly decoding
//! base64 and finding where strings end, and the scalar code (kept below
//! every kernel, and the only code on microcontrollers) does one to eight
//! bytes per step where a vector register does sixteen or thirty-two.
//!
//! The rules it keeps (DESIGN.md, invariant 1):
//!
//! - `unsafe` here only, and only for `core::arch`: the loads and stores
//!   of vector registers ([`x86`]'s and [`neon`]'s `load*`/`store*`,
//!   each over a reference to an array of exactly the register's width, so
//!   no length is ever computed for them), and the calls into functions
//!   compiled for a CPU feature, made only after `cpufeatures` found that
//!   feature at run time (or, for SSE2 on x86-64 and NEON on aarch64, when
//!   the target guarantees it). Every block says which of the two it is.
//! - Every kernel does the work of a prefix of its input and says how far
//!   it got; the scalar code finishes the rest and makes every decision
//!   the kernel does not (lengths, padding, trailing bits, the answer to
//!   give), so both paths reach the same verdict by construction, and the
//!   differential fuzz target `simd` and the unit tests below check it
//!   byte for byte.
//! - Nothing is compiled on other architectures (Cortex-M firmware links
//!   no byte of it), under Miri, or with `--cfg jeton_force_scalar` (how
//!   the whole test suite runs the scalar path): [`level`] is then always
//!   [`Level::Scalar`] and every kernel does nothing.

/// A base64 alphabet, as the kernels name it (`base64::Alphabet`, above
/// this module, maps to it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Alphabet {
    /// RFC 4648 section 4: `A-Z a-z 0-9 + /`.
    Standard,
    /// RFC 4648 section 5: `A-Z a-z 0-9 - _`.
    UrlSafe,
}

#[cfg(all(target_arch = "x86_64", not(miri), not(jeton_force_scalar)))]
mod x86;

#[cfg(all(
    target_arch = "aarch64",
    target_feature = "neon",
    not(miri),
    not(jeton_force_scalar)
))]
mod neon;

#[cfg(all(target_arch = "x86_64", not(miri), not(jeton_force_scalar)))]
cpufeatures::new!(cpu_avx2, "avx2");
#[cfg(all(target_arch = "x86_64", not(miri), not(jeton_force_scalar)))]
cpufeatures::new!(cpu_ssse3, "ssse3");

/// The widest instruction set the kernels may use on this CPU.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Level {
    /// No kernel: the scalar code does everything.
    Scalar,
    /// x86-64 with SSSE3 (16 bytes per step).
    #[cfg(all(target_arch = "x86_64", not(miri), not(jeton_force_scalar)))]
    Ssse3,
    /// x86-64 with AVX2 (32 bytes per step).
    #[cfg(all(target_arch = "x86_64", not(miri), not(jeton_force_scalar)))]
    Avx2,
    /// aarch64 with NEON (part of the architecture's base).
    #[cfg(all(
        target_arch = "aarch64",
        target_feature = "neon",
        not(miri),
        not(jeton_force_scalar)
    ))]
    Neon,
}

/// The level of this CPU, detected once (an atomic load after that).
#[inline]
pub(crate) fn level() -> Level {
    #[cfg(all(target_arch = "x86_64", not(miri), not(jeton_force_scalar)))]
    {
        if cpu_avx2::get() {
            return Level::Avx2;
        }
        if cpu_ssse3::get() {
            return Level::Ssse3;
        }
    }
    #[cfg(all(
        target_arch = "aarch64",
        target_feature = "neon",
        not(miri),
        not(jeton_force_scalar)
    ))]
    {
        return Level::Neon;
    }
    #[allow(unreachable_code)]
    Level::Scalar
}

/// Every level this CPU runs, scalar first: what the tests and the
/// differential fuzz target compare.
#[cfg(any(test, fuzzing))]
pub(crate) fn levels() -> impl Iterator<Item = Level> {
    [
        Some(Level::Scalar),
        #[cfg(all(target_arch = "x86_64", not(miri), not(jeton_force_scalar)))]
        cpu_ssse3::get().then_some(Level::Ssse3),
        #[cfg(all(target_arch = "x86_64", not(miri), not(jeton_force_scalar)))]
        cpu_avx2::get().then_some(Level::Avx2),
        #[cfg(all(
            target_arch = "aarch64",
            target_feature = "neon",
            not(miri),
            not(jeton_force_scalar)
        ))]
        Some(Level::Neon),
    ]
    .into_iter()
    .flatten()
}

/// Decodes the whole groups of base64 characters at the start of `chars`
/// into `out`, 3 bytes per 4 characters, in blocks of 16 or 32 (the last
/// block overlapping the one before), and returns how many characters it
/// decoded (0 at [`Level::Scalar`], or when there are fewer than a block)
/// and whether all of them were in `alphabet`. `out` must hold three
/// quarters of `chars`. Bytes decoded from characters outside the
/// alphabet are meaningless: the caller fails the whole decoding then.
#[inline]
pub(crate) fn base64_decode(
    level: Level,
    chars: &[u8],
    out: &mut [u8],
    alphabet: Alphabet,
) -> (usize, bool) {
    match level {
        Level::Scalar => {
            let _ = (chars, out, alphabet);
            (0, true)
        }
        #[cfg(all(target_arch = "x86_64", not(miri), not(jeton_force_scalar)))]
        // SAFETY: `Level::Avx2` comes from `level()`, which saw AVX2 on this CPU.
        Level::Avx2 => unsafe { x86::decode_avx2(chars, out, alphabet) },
        #[cfg(all(target_arch = "x86_64", not(miri), not(jeton_force_scalar)))]
        // SAFETY: `Level::Ssse3` comes from `level()`, which saw SSSE3 on this CPU.
        Level::Ssse3 => unsafe { x86::decode_ssse3(chars, out, alphabet) },
        #[cfg(all(
            target_arch = "aarch64",
            target_feature = "neon",
            not(miri),
            not(jeton_force_scalar)
        ))]
        // SAFETY: NEON is enabled for this target (this arm's cfg).
        Level::Neon => unsafe { neon::decode(chars, out, alphabet) },
    }
}

/// Encodes the whole groups of six bytes at the start of `input` into
/// `out`, 4 characters per 3 bytes, in blocks of 12 or 24 (the last block
/// overlapping the one before; no read past `input`), and returns how
/// many bytes it encoded (a multiple of 6; 0 at [`Level::Scalar`], or
/// when there are fewer than a block). `out` must hold four thirds of
/// them.
#[inline]
pub(crate) fn base64_encode(
    level: Level,
    input: &[u8],
    out: &mut [u8],
    alphabet: Alphabet,
) -> usize {
    match level {
        Level::Scalar => {
            let _ = (input, out, alphabet);
            0
        }
        #[cfg(all(target_arch = "x86_64", not(miri), not(jeton_force_scalar)))]
        // SAFETY: `Level::Avx2` comes from `level()`, which saw AVX2 on this CPU.
        Level::Avx2 => unsafe { x86::encode_avx2(input, out, alphabet) },
        #[cfg(all(target_arch = "x86_64", not(miri), not(jeton_force_scalar)))]
        // SAFETY: `Level::Ssse3` comes from `level()`, which saw SSSE3 on this CPU.
        Level::Ssse3 => unsafe { x86::encode_ssse3(input, out, alphabet) },
        #[cfg(all(
            target_arch = "aarch64",
            target_feature = "neon",
            not(miri),
            not(jeton_force_scalar)
        ))]
        // SAFETY: NEON is enabled for this target (this arm's cfg).
        Level::Neon => unsafe { neon::encode(input, out, alphabet) },
    }
}

/// How many of the `plain` bytes at the start of an in-place area
/// [`base64_encode_in_place`] encodes: its whole blocks. A multiple of 6;
/// 0 at [`Level::Scalar`].
///
/// Why that is safe in place: block `j` of `s` bytes reads at most from
/// `s j` to `s j + s + 4` (an SSSE3 block reads 16 bytes for its 12, an
/// AVX2 or NEON block exactly its own), and everything the caller encoded
/// before starts at `4/3` of these bytes, `4/3 s B >= s (B - 1) + s + 4`
/// for any number `B >= 1` of blocks.
#[inline]
pub(crate) fn base64_in_place_len(level: Level, plain: usize) -> usize {
    let block: usize = match level {
        Level::Scalar => 0,
        #[cfg(all(target_arch = "x86_64", not(miri), not(jeton_force_scalar)))]
        Level::Avx2 => 24,
        #[cfg(all(target_arch = "x86_64", not(miri), not(jeton_force_scalar)))]
        Level::Ssse3 => 12,
        #[cfg(all(
            target_arch = "aarch64",
            target_feature = "neon",
            not(miri),
            not(jeton_force_scalar)
        ))]
        Level::Neon => 48,
    };
    plain.checked_div(block).map_or(0, |blocks| blocks * block)
}

/// Encodes, in place, the first `len` bytes of `area` (as
/// [`base64_in_place_len`] gave it) into its first `len / 3 * 4`
/// characters, blocks last first (a block's characters start past the
/// input of every block before it). The caller has encoded everything
/// after them already.
#[inline]
pub(crate) fn base64_encode_in_place(
    level: Level,
    area: &mut [u8],
    len: usize,
    alphabet: Alphabet,
) {
    match level {
        Level::Scalar => {
            let _ = (area, len, alphabet);
        }
        #[cfg(all(target_arch = "x86_64", not(miri), not(jeton_force_scalar)))]
        // SAFETY: `Level::Avx2` comes from `level()`, which saw AVX2 on this CPU.
        Level::Avx2 => unsafe { x86::encode_in_place_avx2(area, len, alphabet) },
        #[cfg(all(target_arch = "x86_64", not(miri), not(jeton_force_scalar)))]
        // SAFETY: `Level::Ssse3` comes from `level()`, which saw SSSE3 on this CPU.
        Level::Ssse3 => unsafe { x86::encode_in_place_ssse3(area, len, alphabet) },
        #[cfg(all(
            target_arch = "aarch64",
            target_feature = "neon",
            not(miri),
            not(jeton_force_scalar)
        ))]
        // SAFETY: NEON is enabled for this target (this arm's cfg).
        Level::Neon => unsafe { neon::encode_in_place(area, len, alphabet) },
    }
}

/// Where the scan for the first byte a JSON string cannot hold as it is
/// (`"`, `\`, a control character, and with `stop_non_ascii` any byte of
/// 0x80 and above) gets to from `from` in `bytes`, sixteen bytes at a
/// time (the last sixteen overlapping the ones before): `(at, true)` when
/// `bytes[at]` is the first such byte, `(at, false)` when none lies in
/// `from..at` and fewer than sixteen bytes are left (on x86-64, fewer
/// than four). SSE2 is part of x86-64 and NEON of aarch64, so this kernel needs
/// no detection and is inlined; elsewhere it returns `(from, false)`.
#[inline(always)]
pub(crate) fn json_string_run(bytes: &[u8], from: usize, stop_non_ascii: bool) -> (usize, bool) {
    #[cfg(all(target_arch = "x86_64", not(miri), not(jeton_force_scalar)))]
    // SAFETY: SSE2 is part of x86-64: every x86-64 CPU has it.
    unsafe {
        x86::string_run(bytes, from, stop_non_ascii)
    }
    #[cfg(all(
        target_arch = "aarch64",
        target_feature = "neon",
        not(miri),
        not(jeton_force_scalar)
    ))]
    // SAFETY: NEON is enabled for this target (this block's cfg).
    unsafe {
        neon::string_run(bytes, from, stop_non_ascii)
    }
    #[cfg(not(any(
        all(target_arch = "x86_64", not(miri), not(jeton_force_scalar)),
        all(
            target_arch = "aarch64",
            target_feature = "neon",
            not(miri),
            not(jeton_force_scalar)
        )
    )))]
    {
        let _ = (bytes, stop_non_ascii);
        (from, false)
    }
}

/// Bytes a [`QuoteMap`] covers where the target has a kernel for it.
#[cfg(feature = "fast-claims")]
#[cfg(any(
    all(target_arch = "x86_64", not(miri), not(jeton_force_scalar)),
    all(
        target_arch = "aarch64",
        target_feature = "neon",
        not(miri),
        not(jeton_force_scalar)
    )
))]
const QUOTE_WORDS: usize = 16;
#[cfg(feature = "fast-claims")]
#[cfg(not(any(
    all(target_arch = "x86_64", not(miri), not(jeton_force_scalar)),
    all(
        target_arch = "aarch64",
        target_feature = "neon",
        not(miri),
        not(jeton_force_scalar)
    )
)))]
const QUOTE_WORDS: usize = 0;

/// Where the quotes of a JSON document lie, one bit per byte (bit `i % 64`
/// of word `i / 64` for byte `i`), for documents of up to 1,024 bytes: the
/// fast claims reader finds where each plain string ends with a bit scan.
/// Empty (and never filled) where the target has no kernel for it.
#[cfg(feature = "fast-claims")]
#[derive(Debug)]
pub(crate) struct QuoteMap {
    words: [u64; QUOTE_WORDS],
    len: usize,
}

#[cfg(feature = "fast-claims")]
impl QuoteMap {
    /// A map of nothing, to [`QuoteMap::fill`].
    #[inline(always)]
    pub(crate) const fn new() -> Self {
        QuoteMap {
            words: [0; QUOTE_WORDS],
            len: 0,
        }
    }

    /// Marks the quotes of `bytes` in this fresh map and tells whether
    /// `bytes` holds no byte a plain JSON string cannot hold (`\`, a
    /// control character, a byte of 0x80 or above): then [`QuoteMap::next`]
    /// answers as the JSON string scan would. `None` (and nothing marked)
    /// where the target has no kernel, or for a document shorter than 16
    /// bytes or longer than the map.
    #[inline(always)]
    pub(crate) fn fill(&mut self, bytes: &[u8]) -> Option<bool> {
        if bytes.len() < 16 || bytes.len() > 64 * QUOTE_WORDS {
            return None;
        }
        self.len = bytes.len();
        #[cfg(all(target_arch = "x86_64", not(miri), not(jeton_force_scalar)))]
        // SAFETY: SSE2 is part of x86-64: every x86-64 CPU has it.
        let clean = unsafe { x86::quote_map(bytes, &mut self.words) };
        #[cfg(all(
            target_arch = "aarch64",
            target_feature = "neon",
            not(miri),
            not(jeton_force_scalar)
        ))]
        // SAFETY: NEON is enabled for this target (this statement's cfg).
        let clean = unsafe { neon::quote_map(bytes, &mut self.words) };
        #[cfg(not(any(
            all(target_arch = "x86_64", not(miri), not(jeton_force_scalar)),
            all(
                target_arch = "aarch64",
                target_feature = "neon",
                not(miri),
                not(jeton_force_scalar)
            )
        )))]
        let clean = false;
        Some(clean)
    }

    /// The first quote at or after `from` in the document the map was
    /// filled from; its length (or `from`, when past it) when there is
    /// none.
    #[inline(always)]
    pub(crate) fn next(&self, from: usize) -> usize {
        let none = self.len.max(from);
        let mut at = from / 64;
        let Some(&first) = self.words.get(at) else {
            return none;
        };
        let mut bits = first & (u64::MAX << (from % 64));
        loop {
            if bits != 0 {
                return at * 64 + bits.trailing_zeros() as usize;
            }
            at += 1;
            match self.words.get(at) {
                Some(&word) => bits = word,
                None => return none,
            }
        }
    }
}

/// Where the search for the first `needle` in `hay` gets to, sixteen
/// bytes at a time: `(at, true)` when `hay[at]` is the first one, `(at,
/// false)` when none lies before `at` and fewer than sixteen bytes are
/// left. SSE2 or NEON, inlined; elsewhere `(0, false)`.
#[inline(always)]
pub(crate) fn find_byte(hay: &[u8], needle: u8) -> (usize, bool) {
    #[cfg(all(target_arch = "x86_64", not(miri), not(jeton_force_scalar)))]
    // SAFETY: SSE2 is part of x86-64: every x86-64 CPU has it.
    unsafe {
        x86::find_byte(hay, needle)
    }
    #[cfg(all(
        target_arch = "aarch64",
        target_feature = "neon",
        not(miri),
        not(jeton_force_scalar)
    ))]
    // SAFETY: NEON is enabled for this target (this block's cfg).
    unsafe {
        neon::find_byte(hay, needle)
    }
    #[cfg(not(any(
        all(target_arch = "x86_64", not(miri), not(jeton_force_scalar)),
        all(
            target_arch = "aarch64",
            target_feature = "neon",
            not(miri),
            not(jeton_force_scalar)
        )
    )))]
    {
        let _ = (hay, needle);
        (0, false)
    }
}

/// The search for the last `needle` in `hay`, sixteen bytes at a time
/// from its end: `(at, true)` when `hay[at]` is the last one, `(head,
/// false)` when none lies in `hay[head..]` and `head` is below sixteen.
/// SSE2 or NEON, inlined; elsewhere `(hay.len(), false)`.
#[inline(always)]
pub(crate) fn rfind_byte(hay: &[u8], needle: u8) -> (usize, bool) {
    #[cfg(all(target_arch = "x86_64", not(miri), not(jeton_force_scalar)))]
    // SAFETY: SSE2 is part of x86-64: every x86-64 CPU has it.
    unsafe {
        x86::rfind_byte(hay, needle)
    }
    #[cfg(all(
        target_arch = "aarch64",
        target_feature = "neon",
        not(miri),
        not(jeton_force_scalar)
    ))]
    // SAFETY: NEON is enabled for this target (this block's cfg).
    unsafe {
        neon::rfind_byte(hay, needle)
    }
    #[cfg(not(any(
        all(target_arch = "x86_64", not(miri), not(jeton_force_scalar)),
        all(
            target_arch = "aarch64",
            target_feature = "neon",
            not(miri),
            not(jeton_force_scalar)
        )
    )))]
    {
        let _ = needle;
        (hay.len(), false)
    }
}

/// The 6-bit value of every character of an alphabet, as the kernels
/// compute it from the character's two nibbles: validity from two 16-entry
/// tables of class bits, the value as the character plus an offset chosen
/// by its high nibble, with one character (the alphabet's 63rd) corrected
/// apart.
#[cfg_attr(
    not(any(
        all(target_arch = "x86_64", not(miri), not(jeton_force_scalar)),
        all(
            target_arch = "aarch64",
            target_feature = "neon",
            not(miri),
            not(jeton_force_scalar)
        )
    )),
    allow(dead_code)
)]
pub(crate) struct DecodeTables {
    /// Bit `c` set at index `lo` when no character of class `c` has the
    /// low nibble `lo`.
    pub(crate) invalid_lo: [u8; 16],
    /// The class bit of each high nibble (0x01: no character at all).
    pub(crate) class_hi: [u8; 16],
    /// Added to a character of each high nibble to give its value.
    pub(crate) offset_hi: [u8; 16],
    /// The character whose offset differs from the rest of its high
    /// nibble's, and what to add to its offset.
    pub(crate) odd_char: u8,
    pub(crate) odd_fix: u8,
    /// The characters of the values 62 and 63, less 62 and 63 (for
    /// encoding, with 'A' - 0, 'a' - 26 and '0' - 52; the NEON encoder
    /// looks characters up in the alphabet itself).
    #[cfg_attr(
        not(all(target_arch = "x86_64", not(miri), not(jeton_force_scalar))),
        allow(dead_code)
    )]
    pub(crate) shift: [u8; 16],
    /// The 64 characters, value by value (from `shift`; the NEON encoder
    /// looks them up).
    #[cfg_attr(
        not(all(
            target_arch = "aarch64",
            target_feature = "neon",
            not(miri),
            not(jeton_force_scalar)
        )),
        allow(dead_code)
    )]
    pub(crate) chars: [u8; 64],
}

/// Classes of high nibbles: 0x01 no character; 0x02 `2x`; 0x04 `3x`
/// (digits); 0x08 `4x` and `6x` (letters from 1 to F); 0x10 `5x`; 0x20
/// `7x` (letters from 0 to A).
const CLASS_HI: [u8; 16] = [
    0x01, 0x01, 0x02, 0x04, 0x08, 0x10, 0x08, 0x20, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01,
];

/// The invalid-low-nibble table of an alphabet whose two extra characters
/// sit at `2x` low nibbles `extra_2x` (a bit set per valid nibble) and
/// whose `5x` row also allows the low nibble `extra_5f` (0xF for `_`).
const fn invalid_lo(extra_2x: u16, underscore: bool) -> [u8; 16] {
    let mut t = [0u8; 16];
    let mut lo = 0;
    while lo < 16 {
        let mut bits = 0x01;
        if extra_2x & (1 << lo) == 0 {
            bits |= 0x02;
        }
        if lo > 9 {
            bits |= 0x04;
        }
        if lo == 0 {
            bits |= 0x08;
        }
        if lo > 0xA && !(underscore && lo == 0xF) {
            bits |= 0x10;
        }
        if lo > 0xA {
            bits |= 0x20;
        }
        // Runs at compile time over 16 entries.
        #[allow(clippy::indexing_slicing)]
        {
            t[lo] = bits;
        }
        lo += 1;
    }
    t
}

/// Offsets per high nibble: `2x` the alphabet's first extra character,
/// `3x` digits (52 - '0'), `4x` and `5x` capitals (-'A'), `6x` and `7x`
/// small letters (26 - 'a').
const fn offsets(extra: u8) -> [u8; 16] {
    let mut t = [0u8; 16];
    // Runs at compile time over 16 entries.
    #[allow(clippy::indexing_slicing)]
    {
        t[2] = extra;
        t[3] = 4;
        t[4] = 0u8.wrapping_sub(65);
        t[5] = 0u8.wrapping_sub(65);
        t[6] = 0u8.wrapping_sub(71);
        t[7] = 0u8.wrapping_sub(71);
    }
    t
}

/// Encoding shifts: index 13 for values 0..=25, 0 for 26..=51, 1..=10 for
/// the digits, 11 and 12 for the two extra characters.
const fn shifts(c62: u8, c63: u8) -> [u8; 16] {
    let digits = b'0'.wrapping_sub(52);
    [
        b'a' - 26,
        digits,
        digits,
        digits,
        digits,
        digits,
        digits,
        digits,
        digits,
        digits,
        digits,
        c62.wrapping_sub(62),
        c63.wrapping_sub(63),
        b'A',
        0,
        0,
    ]
}

/// The character of each value, from the encoding shifts of [`shifts`].
const fn chars(shift: [u8; 16]) -> [u8; 64] {
    let mut t = [0u8; 64];
    let mut value = 0;
    while value < 64 {
        let class = if value < 26 {
            13
        } else if value < 52 {
            0
        } else {
            value - 51
        };
        // Runs at compile time over 64 entries (classes below 16).
        #[allow(clippy::indexing_slicing)]
        {
            t[value] = (value as u8).wrapping_add(shift[class]);
        }
        value += 1;
    }
    t
}

/// `A-Z a-z 0-9 + /`: `+` is 62 (offset 19 in row `2x`), `/` 63 (16).
pub(crate) const STANDARD: DecodeTables = DecodeTables {
    invalid_lo: invalid_lo(1 << 0xB | 1 << 0xF, false),
    class_hi: CLASS_HI,
    offset_hi: offsets(19),
    odd_char: b'/',
    odd_fix: 16u8.wrapping_sub(19),
    shift: shifts(b'+', b'/'),
    chars: chars(shifts(b'+', b'/')),
};

/// `A-Z a-z 0-9 - _`: `-` is 62 (offset 17 in row `2x`), `_` is 63 in row
/// `5x` (-32 where its row has -65).
pub(crate) const URL_SAFE: DecodeTables = DecodeTables {
    invalid_lo: invalid_lo(1 << 0xD, true),
    class_hi: CLASS_HI,
    offset_hi: offsets(17),
    odd_char: b'_',
    odd_fix: 33,
    shift: shifts(b'-', b'_'),
    chars: chars(shifts(b'-', b'_')),
};

/// The tables of `alphabet`.
#[cfg_attr(
    not(any(
        all(target_arch = "x86_64", not(miri), not(jeton_force_scalar)),
        all(
            target_arch = "aarch64",
            target_feature = "neon",
            not(miri),
            not(jeton_force_scalar)
        )
    )),
    allow(dead_code)
)]
pub(crate) const fn tables(alphabet: Alphabet) -> &'static DecodeTables {
    match alphabet {
        Alphabet::Standard => &STANDARD,
        Alphabet::UrlSafe => &URL_SAFE,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The nibble tables, evaluated one byte at a time, against the
    /// alphabets themselves.
    #[test]
    fn tables_describe_the_alphabets() {
        let alphabets: [(&DecodeTables, &[u8; 64]); 2] = [
            (
                &STANDARD,
                b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/",
            ),
            (
                &URL_SAFE,
                b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_",
            ),
        ];
        for (t, alphabet) in alphabets {
            assert_eq!(&t.chars, alphabet);
            for c in 0..=255u8 {
                let (hi, lo) = (usize::from(c >> 4), usize::from(c & 15));
                let valid = t.invalid_lo[lo] & t.class_hi[hi] == 0;
                let expected = alphabet.iter().position(|&a| a == c);
                assert_eq!(valid, expected.is_some(), "{c:#x}");
                if let Some(value) = expected {
                    let mut offset = t.offset_hi[hi];
                    if c == t.odd_char {
                        offset = offset.wrapping_add(t.odd_fix);
                    }
                    assert_eq!(c.wrapping_add(offset), value as u8, "{c:#x}");
                    // And back: the encoding shift of the value's class.
                    let class = if value < 26 {
                        13
                    } else if value < 52 {
                        0
                    } else {
                        value - 51
                    };
                    assert_eq!((value as u8).wrapping_add(t.shift[class]), c);
                }
            }
        }
    }
    /// Each kernel of this CPU does its share: a kernel that silently did
    /// nothing would pass every comparison with the scalar code.
    #[test]
    fn kernels_run_where_the_cpu_has_them() {
        let text = [b'Q'; 200];
        let mut out = [0u8; 200];
        for level in levels() {
            let (done, valid) = base64_decode(level, &text, &mut out, Alphabet::UrlSafe);
            assert!(valid);
            let encoded = base64_encode(level, &[7u8; 150], &mut out, Alphabet::UrlSafe);
            if level == Level::Scalar {
                assert_eq!((done, encoded), (0, 0));
            } else {
                assert!(done >= 192 && encoded >= 96, "{level:?} {done} {encoded}");
                assert_eq!(base64_in_place_len(level, 150) % 12, 0);
            }
        }
        #[cfg(all(target_arch = "x86_64", not(miri), not(jeton_force_scalar)))]
        {
            // Two blocks, then the last sixteen bytes overlapping them.
            assert_eq!(json_string_run(&[b'a'; 40], 0, true), (40, false));
            // In that overlap, a stop before `from` is not reported.
            let mut text = [b'a'; 20];
            (text[2], text[18]) = (b'"', b'\\');
            assert_eq!(json_string_run(&text, 0, true), (2, true));
            assert_eq!(json_string_run(&text, 3, true), (18, true));
            assert_eq!(json_string_run(&text, 19, true), (20, false));
            // Fewer than 16 bytes: two overlapping words in one register.
            assert_eq!(json_string_run(&text[..15], 3, true), (15, false));
            assert_eq!(json_string_run(&text[..15], 0, true), (2, true));
            assert_eq!(json_string_run(&text[..7], 3, true), (7, false));
            assert_eq!(json_string_run(&text[..3], 0, true), (0, false));
        }
        #[cfg(all(target_arch = "x86_64", not(miri), not(jeton_force_scalar)))]
        assert!(
            levels().any(|l| l == Level::Ssse3),
            "an x86-64 CPU without SSSE3?"
        );
        #[cfg(all(target_arch = "aarch64", not(miri), not(jeton_force_scalar)))]
        assert!(levels().any(|l| l == Level::Neon));
        assert!(levels().any(|l| l == level()));
    }
}
