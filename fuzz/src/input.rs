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
