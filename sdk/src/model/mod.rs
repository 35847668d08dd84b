//! The data model shared by every component: systems and record references, identity data,
//! travel documents, biometrics, principals and profiles, links, queries and replies, logs and
//! statistics. Every type derives serde and schemars; constructors validate and return a
//! [`ModelError`].

mod biometric;
mod bytes;
mod comparison;
mod country;
mod date;
mod document;
mod error;
mod identity;
mod system;
pub(crate) mod text;

pub use biometric::*;
pub use bytes::Base64Bytes;
pub use comparison::*;
pub use country::CountryCode;
pub use date::*;
pub use document::*;
pub use error::ModelError;
pub use identity::*;
pub use system::*;
