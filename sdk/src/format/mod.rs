//! Sans-IO codecs of the data formats the EU systems exchange.
//!
//! Nothing here performs I/O or async work: every codec reads from and writes to byte slices
//! or strings, and every parser returns a typed error instead of panicking.

pub mod ansi_nist;
// The country code tables live below both `model` and `format` (both use them); the
// re-export keeps `format::country` working.
pub use crate::country;
pub mod describe;
pub mod fmr;
pub mod mrz;
