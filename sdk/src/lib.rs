//! # jha-interop
//!
//! A typed SDK for the EU interoperability framework of Justice and Home Affairs information
//! systems (Regulations (EU) 2019/817 and 2019/818): the data model, the data formats and the
//! matching algorithms.
//!
//! ```
//! use jha_interop::model::{IdentityData, Sex, CountryCode};
//!
//! let ana = IdentityData::person("GARCÍA", "Ana", "1990-05-07", Sex::F, "ESP")?;
//! assert_eq!(ana.nationalities, vec![CountryCode::new("ESP")?]);
//! # Ok::<(), jha_interop::model::ModelError>(())
//! ```
//!
//! # Cargo features
//!
//! The data model ([`model`]), the contract ([`api`]), the country codes ([`country`]), the
//! message schemas ([`schema`]) and the HTTP wire types (`http::wire`) are always there. The rest
//! is chosen by feature; `default` turns on all of them but `tls`.
//!
//! | feature | what it adds | needs |
//! |---|---|---|
//! | `client` | `http::client::HttpConnector`: the contract over HTTP (reqwest), what an integrator connects with | |
//! | `tls` | HTTPS for the client (rustls; builds a C crypto library) | `client` |
//! | `server` | `http::server::router`: any implementation of the contract behind axum | |
//! | `matching` | `matching`: identity data, the fingerprint engine and face embeddings (mindtct, rayon, TIFF/PNG decoding) | |
//! | `formats` | `format`: ICAO 9303 MRZ, ANSI/NIST-ITL, ISO/IEC 19794-2 and ANSI 378 minutiae records | |
//! | `synthetic` | `synthetic`: the seeded synthetic data generator | `matching` |
//! | `reference` | `reference`: the in-process reference implementation of every component | `matching`, `formats`, `synthetic` |
//!
//! An integrator talking to a server builds only the client, which compiles none of the
//! matching engines:
//!
//! ```toml
//! jha-interop = { version = "0.1", default-features = false, features = ["client"] }
//! ```
#![warn(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod api;
pub mod country;
#[cfg(feature = "formats")]
#[cfg_attr(docsrs, doc(cfg(feature = "formats")))]
pub mod format;
pub mod http;
mod json_schema;
#[cfg(feature = "matching")]
#[cfg_attr(docsrs, doc(cfg(feature = "matching")))]
pub mod matching;
pub mod model;
#[cfg(feature = "reference")]
#[cfg_attr(docsrs, doc(cfg(feature = "reference")))]
pub mod reference;
pub mod schema;
#[cfg(feature = "synthetic")]
#[cfg_attr(docsrs, doc(cfg(feature = "synthetic")))]
pub mod synthetic;
// Where the external test data lives: for this workspace's tests only, not part of the API.
#[cfg(any(test, feature = "testdata"))]
#[doc(hidden)]
pub mod testdata;

// The README's Rust blocks are doc tests of this crate: its library example cannot rot.
#[cfg(all(doctest, feature = "client", feature = "reference"))]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;
