//! Seeded synthetic data for tests, the conformance suite and benchmarks: identities with
//! realistic cross-system variations, fingerprint impressions and face embeddings.
//!
//! Everything is driven by [`Rng`], a small fixed algorithm, so that a seed gives the same
//! data on every platform and with every version of the dependencies.

pub mod face;
pub mod fingerprint;
pub mod identity;
mod names;
mod rng;

pub use rng::Rng;
