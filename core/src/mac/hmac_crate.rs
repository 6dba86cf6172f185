//! HMAC-SHA384 and -SHA512 through the `hmac` crate's generic buffering
//! layer (SHA-1 and SHA-256, the hot paths, have their own:
//! [`super::block64`]).

pub(super) use hmac::Hmac;
use hmac::{KeyInit, Mac};

// The keyed states live in these hash cores; they must wipe themselves.
const _: () = {
    const fn wipes<T: zeroize::ZeroizeOnDrop>() {}
    wipes::<sha2::block_api::Sha512VarCore>();
};

/// The keyed states for `secret`. HMAC accepts keys of every length, so
/// `new_from_slice` cannot fail; the fallback only avoids a panic path.
pub(super) fn keyed<M: KeyInit>(secret: &[u8]) -> M {
    M::new_from_slice(secret).unwrap_or_else(|_| M::new(&Default::default()))
}

/// Runs the concatenation of `parts` through a fresh copy of the keyed
/// state, finalizes it and hands the output to `with`. The copy and the
/// output wipe themselves when they go out of scope.
///
/// Never inlined: each algorithm's copy of the state then lives in its own
/// frame, so a SHA-256 operation does not reserve stack for SHA-512's
/// larger state (measured on a Cortex-M3: a JWT verify goes from 2160 to
/// about 1816 bytes of stack).
#[inline(never)]
pub(super) fn run<M: Mac + Clone, R>(
    keyed: &M,
    parts: &[&[u8]],
    with: impl FnOnce(&[u8]) -> R,
) -> R {
    let mut mac = keyed.clone();
    for part in parts {
        mac.update(part);
    }
    let out = mac.finalize();
    with(&out.as_bytes()[..])
}
