//! Session IDs: random bytes from the caller, encoded base64url.

use crate::Error;
use crate::base64::{self, Alphabet, Padding};

/// Bytes of entropy in an ID from [`generate_id`]: 256 bits.
pub const ID_BYTES: usize = 32;
/// Length of an ID from [`generate_id`]: 43 base64url characters.
pub const ID_LEN: usize = base64::encoded_len(ID_BYTES, Padding::Unpadded);
/// The least entropy an ID may carry: 128 bits (OWASP's floor).
const MIN_BYTES: usize = 16;

/// The most random bytes an ID holds (86 characters): more adds nothing,
/// and [`is_well_formed_id`] accepts no longer ID.
const MAX_BYTES: usize = 64;

/// A source of random bytes, in the manner of `rand_core::RngCore`:
/// jeton has no RNG of its own. Any `FnMut(&mut [u8]) -> Result<(), Error>`
/// is one, so a hardware RNG or `getrandom` plugs in with a closure.
pub trait Entropy {
    /// Fills `dest` with random bytes.
    ///
    /// # Errors
    ///
    /// [`Error::EntropyUnavailable`] (or any error) when the source fails.
    fn fill(&mut self, dest: &mut [u8]) -> Result<(), Error>;
}

impl<F: FnMut(&mut [u8]) -> Result<(), Error>> Entropy for F {
    fn fill(&mut self, dest: &mut [u8]) -> Result<(), Error> {
        self(dest)
    }
}

/// Draws [`ID_BYTES`] bytes from `entropy` and writes them as a base64url
/// session ID ([`ID_LEN`] characters) into `out`.
///
/// A draw of 32 zero bytes (2^-256 by chance) is taken for what it almost
/// surely is, a source that reported success without writing, and is
/// refused as [`Error::EntropyUnavailable`] rather than made into the
/// all-`A` ID every such failure would share.
///
/// # Errors
///
/// [`Error::BufferTooSmall`] when `out` is shorter than [`ID_LEN`], found
/// before any entropy is drawn; [`Error::EntropyUnavailable`] for an
/// all-zero draw; what the entropy source returns.
///
/// # Example
///
/// ```
/// use jeton::session::{generate_id, is_well_formed_id, ID_LEN};
/// // A stand-in for a real RNG (getrandom, a hardware TRNG...).
/// let mut rng = |buf: &mut [u8]| { buf.fill(0xA5); Ok(()) };
/// let mut id = [0u8; ID_LEN];
/// let n = generate_id(&mut rng, &mut id)?;
/// assert_eq!(n, 43);
/// assert!(is_well_formed_id(&id));
/// # Ok::<(), jeton::Error>(())
/// ```
pub fn generate_id(entropy: &mut impl Entropy, out: &mut [u8]) -> Result<usize, Error> {
    // A size query spends no entropy.
    if out.len() < ID_LEN {
        return Err(Error::BufferTooSmall { needed: ID_LEN });
    }
    let mut random = [0u8; ID_BYTES];
    let result = entropy.fill(&mut random).and_then(|()| {
        // Every byte folded in: no early exit on the secret bytes.
        if random.iter().fold(0u8, |any, b| any | b) == 0 {
            return Err(Error::EntropyUnavailable);
        }
        id_from_bytes(&random, out)
    });
    zeroize::Zeroize::zeroize(&mut random);
    result
}

/// Encodes caller-provided random bytes (16 to 64) as a base64url session
/// ID.
///
/// # Errors
///
/// [`Error::EntropyTooShort`] under 16 bytes; [`Error::InputTooLong`] over
/// 64 (an ID [`is_well_formed_id`] would refuse); [`Error::BufferTooSmall`].
///
/// # Example
///
/// ```
/// use jeton::{Error, session::id_from_bytes};
/// let mut out = [0u8; 64];
/// assert_eq!(id_from_bytes(&[7u8; 16], &mut out), Ok(22));
/// assert_eq!(id_from_bytes(&[7u8; 15], &mut out), Err(Error::EntropyTooShort));
/// assert_eq!(id_from_bytes(&[7u8; 65], &mut out), Err(Error::InputTooLong));
/// ```
pub fn id_from_bytes(random: &[u8], out: &mut [u8]) -> Result<usize, Error> {
    if random.len() < MIN_BYTES {
        return Err(Error::EntropyTooShort);
    }
    if random.len() > MAX_BYTES {
        return Err(Error::InputTooLong);
    }
    base64::encode(random, Alphabet::UrlSafe, Padding::Unpadded, out)
}

/// Whether `id` has the shape of an ID jeton makes: unpadded base64url of
/// 16 to 64 bytes, canonical. The time taken depends on the length (public)
/// but not on which characters the ID holds.
///
/// ```
/// use jeton::session::is_well_formed_id;
/// assert!(is_well_formed_id(b"AAAAAAAAAAAAAAAAAAAAAA"));
/// assert!(!is_well_formed_id(b"AAAAAAAAAAAAAAAAAAAAA"));   // 21 chars: no byte count
/// assert!(!is_well_formed_id(b"AAAAAAAAAAAAAAAAAAAAA/"));  // not base64url
/// assert!(!is_well_formed_id(b"AAAAAAAAAAAAAAAAAAAAAB"));  // non-zero unused bits
/// ```
pub fn is_well_formed_id(id: &[u8]) -> bool {
    let plausible_length =
        (MIN_BYTES..=MAX_BYTES).any(|n| base64::encoded_len(n, Padding::Unpadded) == id.len());
    if !plausible_length {
        return false;
    }
    // Branch-free over the content: classify every character arithmetically
    // and accumulate a single "bad" flag.
    let mut bad = 0u8;
    let mut last = 0u8;
    for &c in id {
        let upper = in_range(c, b'A', b'Z');
        let lower = in_range(c, b'a', b'z');
        let digit = in_range(c, b'0', b'9');
        let dash = eq(c, b'-');
        let under = eq(c, b'_');
        bad |= !(upper | lower | digit | dash | under) & 1;
        let value = (upper & c.wrapping_sub(b'A'))
            | (lower & c.wrapping_sub(b'a').wrapping_add(26))
            | (digit & c.wrapping_sub(b'0').wrapping_add(52))
            | (dash & 62)
            | (under & 63);
        last = value;
    }
    // The unused low bits of the last character must be zero.
    let unused_mask = match id.len() % 4 {
        2 => 0x0F,
        3 => 0x03,
        _ => 0,
    };
    bad |= u8::from(last & unused_mask != 0);
    bad == 0
}

/// 0xFF when `lo <= c <= hi`, else 0, without branching.
fn in_range(c: u8, lo: u8, hi: u8) -> u8 {
    let below = (u16::from(c).wrapping_sub(u16::from(lo)) >> 8) as u8; // 0xFF if c < lo
    let above = (u16::from(hi).wrapping_sub(u16::from(c)) >> 8) as u8; // 0xFF if c > hi
    !(below | above)
}

/// 0xFF when `c == target`, else 0, without branching.
fn eq(c: u8, target: u8) -> u8 {
    let diff = u16::from(c ^ target);
    ((diff.wrapping_sub(1) >> 8) & 0xFF) as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shape_check_agrees_with_the_decoder() {
        let mut out = [0u8; 128];
        for len in 0..=90 {
            for fill in [
                b'A', b'z', b'9', b'-', b'_', b'B', b'/', b'+', b'=', 0u8, 0xFF,
            ] {
                let mut id = [b'A'; 90];
                if let Some(last) = id.get_mut(len.max(1) - 1) {
                    *last = fill;
                }
                let id = &id[..len];
                let decodes = base64::decode(id, Alphabet::UrlSafe, Padding::Unpadded, &mut out)
                    .is_ok_and(|n| (16..=64).contains(&n));
                assert_eq!(is_well_formed_id(id), decodes, "{len} {fill}");
            }
        }
    }

    #[test]
    fn an_all_zero_draw_is_a_failed_source() {
        let mut out = [0u8; 64];
        // A source that says yes and writes nothing.
        let mut silent = |_: &mut [u8]| Ok(());
        assert_eq!(
            generate_id(&mut silent, &mut out),
            Err(Error::EntropyUnavailable)
        );
        assert!(out.iter().all(|&b| b == 0), "nothing written");
        // One set bit anywhere is a draw like any other.
        for at in [0, 17, ID_BYTES - 1] {
            let mut one = |b: &mut [u8]| {
                b.fill(0);
                if let Some(x) = b.get_mut(at) {
                    *x = 0x80;
                }
                Ok(())
            };
            assert_eq!(generate_id(&mut one, &mut out), Ok(ID_LEN), "{at}");
            assert!(is_well_formed_id(&out[..ID_LEN]));
        }
    }

    #[test]
    fn entropy_failures_pass_through() {
        let mut failing = |_: &mut [u8]| Err(Error::EntropyUnavailable);
        assert_eq!(
            generate_id(&mut failing, &mut [0u8; 64]),
            Err(Error::EntropyUnavailable)
        );
    }
}
