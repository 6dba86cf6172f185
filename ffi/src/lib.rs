//! C ABI for jeton (placeholder).
//!
//! The C functions arrive with the C ABI issue; for now this crate only
//! exports the status codes so that the library links and the numbering is
//! fixed in one place: [`jeton::Error::code`].
#![cfg_attr(not(feature = "std"), no_std)]

/// Returns the numeric status of the library version's ABI, `0` for this
/// placeholder: lets a C program check that it links.
#[unsafe(no_mangle)]
pub extern "C" fn jeton_abi_version() -> u32 {
    0
}
