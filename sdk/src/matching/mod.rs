//! Matching algorithms, usable on their own: identity data (same / similar), fingerprints and
//! faces. Nothing here knows about the interoperability components.

pub mod face;
pub mod fingerprint;
pub mod fusion;
pub mod identity;
pub mod score;
pub mod shortlist;
