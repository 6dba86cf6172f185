//! Case tables and helpers that both the host tests (`tests/tests/`) and
//! the firmware test (`tests/firmware/`, which includes this folder by
//! path) compile, so that a case written out from an RFC lives in one
//! place. Everything here is `no_std` and allocation-free: it uses `core`
//! and `jeton` only.

pub mod auth;
pub mod cookie;

/// Bytes in static memory (flash, on the firmware).
pub type Bytes = &'static [u8];
