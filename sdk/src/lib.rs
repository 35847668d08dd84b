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
#![warn(missing_docs)]

pub mod api;
pub mod country;
pub mod format;
pub mod http;
mod json_schema;
pub mod matching;
pub mod model;
pub mod reference;
pub mod schema;
pub mod synthetic;
pub mod testdata;
