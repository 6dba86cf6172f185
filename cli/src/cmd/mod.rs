//! The subcommands.

pub mod cookie;
pub mod jwk;
pub mod jwt;
pub mod misc;
pub mod oauth;
pub mod signed;
