//! The data model shared by every component: systems and record references, identity data,
//! travel documents, biometrics, principals and profiles, links, queries and replies, logs and
//! statistics. Every type derives serde and schemars; constructors validate and return a
//! [`ModelError`].

mod biometric;
mod biometric_search;
mod bytes;
mod capabilities;
mod cir;
mod comparison;
mod country;
mod date;
mod document;
mod error;
mod failure;
mod identity;
mod link;
mod log;
mod principal;
mod profile;
mod record;
mod requests;
mod search;
mod stats;
mod system;
mod test_control;
pub(crate) mod text;

pub use biometric::*;
pub use biometric_search::*;
pub use bytes::Base64Bytes;
pub use capabilities::*;
pub use cir::*;
pub use comparison::*;
pub use country::CountryCode;
pub use date::*;
pub use document::*;
pub use error::ModelError;
pub use failure::FailureNotice;
pub use identity::*;
pub use link::*;
pub use log::*;
pub use principal::*;
pub use profile::*;
pub use record::*;
pub use requests::*;
pub use search::*;
pub use stats::*;
pub use system::*;
pub use test_control::{ComponentBehaviour, SourceBehaviour};
