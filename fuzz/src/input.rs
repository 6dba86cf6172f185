//! Cutting a raw fuzz input into fields, for the targets that take bytes.

/// `(length byte, bytes)` at the front of `data`, and what follows;
/// `None` when `data` ends first.
pub fn take(data: &[u8]) -> Option<(&[u8], &[u8])> {
    let (&len, rest) = data.split_first()?;
    let len = usize::from(len);
    Some((rest.get(..len)?, rest.get(len..)?))
}

/// `real` with `change` XOR-ed over its start (the same length as `real`):
/// near-valid variants of a real signature.
pub fn xor_over(real: &[u8], change: &[u8]) -> Vec<u8> {
    let mut out = real.to_vec();
    for (o, c) in out.iter_mut().zip(change) {
        *o ^= c;
    }
    out
}

/// The fields of the asymmetric-signature targets' inputs (`ec_verify`,
/// `asym_small_stack`, which share seeds).
pub struct Signed<'a> {
    /// Which curve, and target-specific choices, in its bits.
    pub selector: u8,
    /// The key, after its length byte.
    pub key: &'a [u8],
    /// The signature, after its length byte.
    pub signature: &'a [u8],
    /// The rest.
    pub message: &'a [u8],
}

impl<'a> Signed<'a> {
    /// `data` as a selector byte, the key and the signature each after its
    /// length byte, then the message; `None` when it ends first.
    pub fn read(data: &'a [u8]) -> Option<Self> {
        let (&selector, rest) = data.split_first()?;
        let (key, rest) = take(rest)?;
        let (signature, message) = take(rest)?;
        Some(Signed {
            selector,
            key,
            signature,
            message,
        })
    }
}
