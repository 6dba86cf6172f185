//! HMAC-SHA256 written straight over the SHA-256 compression function.
//!
//! HS256 and cookie-signature spend most of their time here, so this path
//! skips the generic buffering layer: a key is two hash states (after the
//! inner and the outer pad), whole 64-byte blocks of the message are
//! compressed where they lie, and only a message's last partial block is
//! copied. The compression function itself is `sha2`'s (SHA-NI, ARMv8 or
//! the portable/compact backend the build selects). Key-derived states are
//! wiped after use, and so is every block that held key bytes; blocks
//! holding only message bytes are not (the message is not secret to HMAC,
//! and the caller's copy of it outlives ours).

use sha2::block_api::compress256;
use zeroize::Zeroize;

const BLOCK: usize = 64;

/// FIPS 180-4 5.3.3: the initial hash value.
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

/// An HMAC-SHA256 key: the states after one block of `key ^ ipad` and
/// `key ^ opad` (RFC 2104).
#[derive(Clone)]
pub(crate) struct HmacSha256 {
    inner: [u32; 8],
    outer: [u32; 8],
}

impl Drop for HmacSha256 {
    fn drop(&mut self) {
        self.inner.zeroize();
        self.outer.zeroize();
    }
}

impl HmacSha256 {
    pub(crate) fn new(secret: &[u8]) -> HmacSha256 {
        // Keys longer than a block are hashed first (RFC 2104 section 2).
        let mut key = [0u8; BLOCK];
        if secret.len() > BLOCK {
            let mut long = Sha256::new(IV, 0);
            long.update(secret);
            let mut digest = long.finish();
            long.block.zeroize();
            if let Some(head) = key.get_mut(..digest.len()) {
                head.copy_from_slice(&digest);
            }
            digest.zeroize();
        } else if let Some(head) = key.get_mut(..secret.len()) {
            head.copy_from_slice(secret);
        }
        let keyed = |pad: u8| {
            let mut block = key.map(|b| b ^ pad);
            let mut state = IV;
            compress256(&mut state, core::slice::from_ref(&block));
            block.zeroize();
            state
        };
        let key_state = HmacSha256 {
            inner: keyed(0x36),
            outer: keyed(0x5c),
        };
        key.zeroize();
        key_state
    }

    /// The tag of the concatenation of `parts`.
    pub(crate) fn tag(&self, parts: &[&[u8]]) -> [u8; 32] {
        let mut inner = Sha256::new(self.inner, BLOCK as u64);
        for part in parts {
            inner.update(part);
        }
        let digest = inner.finish();
        let mut outer = Sha256::new(self.outer, BLOCK as u64);
        outer.update(&digest);
        outer.finish()
    }
}

/// A SHA-256 computation under way: the chaining state, the bytes of a
/// block not yet compressed, and the message length so far.
struct Sha256 {
    state: [u32; 8],
    block: [u8; BLOCK],
    filled: usize,
    total: u64,
}

impl Sha256 {
    /// Continues from `state`, which has already absorbed `absorbed` bytes.
    fn new(state: [u32; 8], absorbed: u64) -> Sha256 {
        Sha256 {
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
            compress256(&mut self.state, core::slice::from_ref(&self.block));
            self.filled = 0;
        }
        let (blocks, rest) = data.as_chunks::<BLOCK>();
        if !blocks.is_empty() {
            compress256(&mut self.state, blocks);
        }
        if let Some(slot) = self.block.get_mut(..rest.len()) {
            slot.copy_from_slice(rest);
        }
        self.filled = rest.len();
    }

    /// FIPS 180-4 5.1.1 padding, then the state as big-endian bytes.
    fn finish(&mut self) -> [u8; 32] {
        let bits = self.total.wrapping_mul(8);
        if let Some(tail) = self.block.get_mut(self.filled..) {
            tail.fill(0);
        }
        if let Some(marker) = self.block.get_mut(self.filled) {
            *marker = 0x80;
        }
        if self.filled >= BLOCK - 8 {
            compress256(&mut self.state, core::slice::from_ref(&self.block));
            self.block = [0; BLOCK];
        }
        if let Some(length) = self.block.get_mut(BLOCK - 8..) {
            length.copy_from_slice(&bits.to_be_bytes());
        }
        compress256(&mut self.state, core::slice::from_ref(&self.block));
        let mut digest = [0u8; 32];
        for (bytes, word) in digest.chunks_exact_mut(4).zip(self.state) {
            bytes.copy_from_slice(&word.to_be_bytes());
        }
        digest
    }
}

impl Drop for Sha256 {
    fn drop(&mut self) {
        self.state.zeroize();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hmac::{Hmac, KeyInit, Mac};

    /// Against the `hmac` crate for every key length around the block size
    /// and message lengths around every padding boundary, fed whole and in
    /// uneven parts.
    #[test]
    fn agrees_with_the_hmac_crate() {
        let bytes: [u8; 300] = core::array::from_fn(|i| (i * 7 + 3) as u8);
        for key_len in [0, 1, 31, 32, 63, 64, 65, 100, 200] {
            let Some(secret) = bytes.get(..key_len) else {
                continue;
            };
            let ours = HmacSha256::new(secret);
            let theirs = Hmac::<sha2::Sha256>::new_from_slice(secret).expect("any length");
            for len in 0..=200 {
                let Some(message) = bytes.get(key_len % 17..key_len % 17 + len) else {
                    continue;
                };
                let mut mac = theirs.clone();
                mac.update(message);
                let expected = mac.finalize().into_bytes();
                assert_eq!(
                    ours.tag(&[message]),
                    expected[..],
                    "key {key_len}, len {len}"
                );
                let (a, rest) = message.split_at(len / 3);
                let (b, c) = rest.split_at(rest.len() / 2);
                assert_eq!(ours.tag(&[a, b, &[], c]), expected[..], "parts, len {len}");
            }
        }
    }

    /// RFC 4231 test case 2 (a short key), independent of any crate.
    #[test]
    fn rfc_4231_case_2() {
        let tag = HmacSha256::new(b"Jefe").tag(&[b"what do ya want ", b"for nothing?"]);
        let expected = [
            0x5b, 0xdc, 0xc1, 0x46, 0xbf, 0x60, 0x75, 0x4e, 0x6a, 0x04, 0x24, 0x26, 0x08, 0x95,
            0x75, 0xc7, 0x5a, 0x00, 0x3f, 0x08, 0x9d, 0x27, 0x39, 0x83, 0x9d, 0xec, 0x58, 0xb9,
            0x64, 0xec, 0x38, 0x43,
        ];
        assert_eq!(tag, expected);
    }
}
