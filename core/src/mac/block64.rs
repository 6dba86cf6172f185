//! HMAC over the hashes with 64-byte blocks and 32-bit words (SHA-256 and
//! SHA-1), written straight over their compression functions.
//!
//! HS256, cookie-signature and keygrip spend most of their time here, so
//! this path skips the generic buffering layer: a key is two hash states
//! (after the inner and the outer pad), whole blocks of the message are
//! compressed where they lie, and only a message's last partial block is
//! copied. The compression functions are `sha2`'s and `sha1`'s (SHA-NI,
//! ARMv8 or the portable/compact backend the build selects). Key-derived
//! states and bytes (the inner digest included) are wiped after use, and so
//! is every block that held key bytes; blocks holding only message bytes
//! are not (the message is not secret to HMAC, and the caller's copy of it
//! outlives ours).

use zeroize::Zeroize;

const BLOCK: usize = 64;

/// A hash with 64-byte blocks, 32-bit big-endian state words and a 64-bit
/// length (FIPS 180-4 5.1.1 padding); its digest is its whole state.
pub(crate) trait BlockHash {
    /// The chaining state (its size is the digest's).
    type State: Copy + Zeroize + AsRef<[u32]>;
    /// The initial hash value.
    const IV: Self::State;
    fn compress(state: &mut Self::State, blocks: &[[u8; BLOCK]]);
}

/// SHA-256 (FIPS 180-4 5.3.3 initial value).
pub(crate) struct Sha256;

impl BlockHash for Sha256 {
    type State = [u32; 8];
    const IV: [u32; 8] = [
        0x6a09_e667,
        0xbb67_ae85,
        0x3c6e_f372,
        0xa54f_f53a,
        0x510e_527f,
        0x9b05_688c,
        0x1f83_d9ab,
        0x5be0_cd19,
    ];
    fn compress(state: &mut [u32; 8], blocks: &[[u8; BLOCK]]) {
        sha2::block_api::compress256(state, blocks);
    }
}

/// SHA-1 (FIPS 180-4 5.3.1 initial value).
#[cfg(feature = "sha1")]
pub(crate) struct Sha1;

#[cfg(feature = "sha1")]
impl BlockHash for Sha1 {
    type State = [u32; 5];
    const IV: [u32; 5] = [
        0x6745_2301,
        0xefcd_ab89,
        0x98ba_dcfe,
        0x1032_5476,
        0xc3d2_e1f0,
    ];
    fn compress(state: &mut [u32; 5], blocks: &[[u8; BLOCK]]) {
        sha1::block_api::compress(state, blocks);
    }
}

/// An HMAC key: the states after one block of `key ^ ipad` and
/// `key ^ opad` (RFC 2104).
pub(crate) struct Hmac<H: BlockHash> {
    inner: H::State,
    outer: H::State,
}

impl<H: BlockHash> Clone for Hmac<H> {
    fn clone(&self) -> Self {
        Hmac {
            inner: self.inner,
            outer: self.outer,
        }
    }
}

impl<H: BlockHash> Drop for Hmac<H> {
    fn drop(&mut self) {
        self.inner.zeroize();
        self.outer.zeroize();
    }
}

impl<H: BlockHash> Hmac<H> {
    /// The hash's initial states, no secret in them: only a filler for
    /// unused key slots, which are never used to sign.
    pub(crate) const UNKEYED: Self = Hmac {
        inner: H::IV,
        outer: H::IV,
    };

    pub(crate) fn new(secret: &[u8]) -> Self {
        // Keys longer than a block are hashed first (RFC 2104 section 2).
        let mut key = [0u8; BLOCK];
        if secret.len() > BLOCK {
            let mut long = Hashing::<H>::new(H::IV, 0);
            long.update(secret);
            // The digest comes zero-padded to a block: the key block itself.
            long.finish();
            key = long.block;
            long.block.zeroize();
        } else if let Some(head) = key.get_mut(..secret.len()) {
            head.copy_from_slice(secret);
        }
        let keyed = |pad: u8| {
            let mut block = key.map(|b| b ^ pad);
            let mut state = H::IV;
            H::compress(&mut state, core::slice::from_ref(&block));
            block.zeroize();
            state
        };
        let key_state = Hmac {
            inner: keyed(0x36),
            outer: keyed(0x5c),
        };
        key.zeroize();
        key_state
    }

    /// Hands the tag of the concatenation of `parts` to `with`, then wipes
    /// it. Never inlined: the two hash computations' frames (about 250
    /// bytes) then stay out of the callers' frames, which matters on
    /// microcontrollers (JWT verify measured 1512 bytes of stack with it
    /// inlined on a Cortex-M3).
    #[inline(never)]
    pub(crate) fn with_tag<R>(&self, parts: &[&[u8]], with: impl FnOnce(&[u8]) -> R) -> R {
        let mut inner = Hashing::<H>::new(self.inner, BLOCK as u64);
        for part in parts {
            inner.update(part);
        }
        // The outer hash is always one block: the inner digest, the 0x80
        // marker and the bit length (key block + digest) at its end. It is
        // built in the inner hash's own block, and the tag then goes to
        // the front of that block over the digest: one block on the stack
        // instead of three, and one state instead of two (this frame is under
        // every HMAC check, JWT verification's included, on a
        // microcontroller).
        let len = inner.finish();
        // The outer hash runs in the inner one's state, which the digest
        // (now in the block) no longer needs.
        inner.state = self.outer;
        let Hashing { state, block, .. } = &mut inner;
        if let Some(marker) = block.get_mut(len) {
            *marker = 0x80;
        }
        let bits = ((BLOCK + len) as u64) * 8;
        if let Some(length) = block.get_mut(BLOCK - 8..) {
            length.copy_from_slice(&bits.to_be_bytes());
        }
        H::compress(state, core::slice::from_ref(block));
        // The inner digest depends on the key (it extends to the inner hash
        // of any longer message): the tag, as long, overwrites it, and both
        // are wiped after use; the rest of the block is padding.
        let tag_len = put_big_endian::<H>(state, block);
        state.zeroize();
        let result = with(block.get(..tag_len).unwrap_or(&[]));
        wipe(block, tag_len.max(len));
        result
    }
}

/// A hash computation under way: the chaining state, the bytes of a block
/// not yet compressed, and the message length so far.
struct Hashing<H: BlockHash> {
    state: H::State,
    block: [u8; BLOCK],
    filled: usize,
    total: u64,
}

impl<H: BlockHash> Hashing<H> {
    /// Continues from `state`, which has already absorbed `absorbed` bytes.
    fn new(state: H::State, absorbed: u64) -> Self {
        Hashing {
            state,
            block: [0; BLOCK],
            filled: 0,
            total: absorbed,
        }
    }

    fn update(&mut self, mut data: &[u8]) {
        self.total = self.total.wrapping_add(data.len() as u64);
        if self.filled > 0 {
            let take = (BLOCK - self.filled).min(data.len());
            let (head, rest) = data.split_at(take);
            if let Some(slot) = self.block.get_mut(self.filled..self.filled + take) {
                slot.copy_from_slice(head);
            }
            self.filled += take;
            data = rest;
            if self.filled < BLOCK {
                return;
            }
            H::compress(&mut self.state, core::slice::from_ref(&self.block));
            self.filled = 0;
        }
        let (blocks, rest) = data.as_chunks::<BLOCK>();
        if !blocks.is_empty() {
            H::compress(&mut self.state, blocks);
        }
        if let Some(slot) = self.block.get_mut(..rest.len()) {
            slot.copy_from_slice(rest);
        }
        self.filled = rest.len();
    }

    /// FIPS 180-4 5.1.1 padding, then the state as big-endian bytes at
    /// the front of the block, the rest of it zeroed; returns how many
    /// bytes the digest takes.
    fn finish(&mut self) -> usize {
        let bits = self.total.wrapping_mul(8);
        if let Some(tail) = self.block.get_mut(self.filled..) {
            tail.fill(0);
        }
        if let Some(marker) = self.block.get_mut(self.filled) {
            *marker = 0x80;
        }
        if self.filled >= BLOCK - 8 {
            H::compress(&mut self.state, core::slice::from_ref(&self.block));
            self.block = [0; BLOCK];
        }
        if let Some(length) = self.block.get_mut(BLOCK - 8..) {
            length.copy_from_slice(&bits.to_be_bytes());
        }
        H::compress(&mut self.state, core::slice::from_ref(&self.block));
        let len = put_big_endian::<H>(&self.state, &mut self.block);
        if let Some(rest) = self.block.get_mut(len..) {
            rest.fill(0);
        }
        len
    }
}

/// Wipes the first `len` bytes of `block` (the rest holds nothing secret).
fn wipe(block: &mut [u8; BLOCK], len: usize) {
    if let Some(secret) = block.get_mut(..len) {
        secret.zeroize();
    }
}

/// Writes a state's words as big-endian bytes at the front of `block`
/// (the digest) and returns how many bytes they take.
fn put_big_endian<H: BlockHash>(state: &H::State, block: &mut [u8; BLOCK]) -> usize {
    let words = state.as_ref();
    for (slot, word) in block.chunks_exact_mut(4).zip(words) {
        slot.copy_from_slice(&word.to_be_bytes());
    }
    words.len() * 4
}

impl<H: BlockHash> Drop for Hashing<H> {
    fn drop(&mut self) {
        self.state.zeroize();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hmac::{KeyInit, Mac};

    /// The largest digest here (SHA-256's).
    const MAX_DIGEST: usize = 32;

    fn tag<H: BlockHash>(key: &Hmac<H>, parts: &[&[u8]]) -> ([u8; MAX_DIGEST], usize) {
        let mut out = [0u8; MAX_DIGEST];
        let len = key.with_tag(parts, |tag| {
            out[..tag.len()].copy_from_slice(tag);
            tag.len()
        });
        (out, len)
    }

    /// Against the `hmac` crate for every key length around the block size
    /// and message lengths around every padding boundary, fed whole and in
    /// uneven parts.
    fn agrees_with_the_hmac_crate<H: BlockHash, M: Mac + KeyInit + Clone>() {
        let bytes: [u8; 300] = core::array::from_fn(|i| (i * 7 + 3) as u8);
        for key_len in [0, 1, 31, 32, 63, 64, 65, 100, 200] {
            let secret = &bytes[..key_len];
            let ours = Hmac::<H>::new(secret);
            let theirs = <M as KeyInit>::new_from_slice(secret).expect("any length");
            for len in 0..=200 {
                let message = &bytes[key_len % 17..key_len % 17 + len];
                let mut mac = theirs.clone();
                mac.update(message);
                let expected = mac.finalize().into_bytes();
                let (out, n) = tag(&ours, &[message]);
                assert_eq!(out[..n], expected[..], "key {key_len}, len {len}");
                let (a, rest) = message.split_at(len / 3);
                let (b, c) = rest.split_at(rest.len() / 2);
                let (out, n) = tag(&ours, &[a, b, &[], c]);
                assert_eq!(out[..n], expected[..], "parts, key {key_len}, len {len}");
            }
        }
    }

    #[test]
    fn sha256_agrees_with_the_hmac_crate() {
        agrees_with_the_hmac_crate::<Sha256, hmac::Hmac<sha2::Sha256>>();
    }

    #[cfg(feature = "sha1")]
    #[test]
    fn sha1_agrees_with_the_hmac_crate() {
        agrees_with_the_hmac_crate::<Sha1, hmac::Hmac<sha1::Sha1>>();
    }

    /// RFC 4231 test case 2 (HMAC-SHA256), independent of any crate.
    #[test]
    fn rfc_4231_case_2() {
        let (out, n) = tag(
            &Hmac::<Sha256>::new(b"Jefe"),
            &[b"what do ya want ", b"for nothing?"],
        );
        let expected = [
            0x5b, 0xdc, 0xc1, 0x46, 0xbf, 0x60, 0x75, 0x4e, 0x6a, 0x04, 0x24, 0x26, 0x08, 0x95,
            0x75, 0xc7, 0x5a, 0x00, 0x3f, 0x08, 0x9d, 0x27, 0x39, 0x83, 0x9d, 0xec, 0x58, 0xb9,
            0x64, 0xec, 0x38, 0x43,
        ];
        assert_eq!(out[..n], expected);
    }

    /// RFC 2202 test case 2 (HMAC-SHA1), independent of any crate.
    #[cfg(feature = "sha1")]
    #[test]
    fn rfc_2202_case_2() {
        let (out, n) = tag(
            &Hmac::<Sha1>::new(b"Jefe"),
            &[b"what do ya want for nothing?"],
        );
        let expected = [
            0xef, 0xfc, 0xdf, 0x6a, 0xe5, 0xeb, 0x2f, 0xa2, 0xd2, 0x74, 0x16, 0xd5, 0xf1, 0x84,
            0xdf, 0x9c, 0x25, 0x9a, 0x7c, 0x79,
        ];
        assert_eq!(out[..n], expected);
    }
}
