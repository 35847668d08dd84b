//! # jha-interop-conformance
//!
//! The conformance suite of the EU JHA interoperability components: Gherkin scenarios in
//! `features/`, each tagged with the requirement IDs of REQUIREMENTS.md it checks, run by
//! cucumber against any implementation of the `jha-interop` contract, and reports a
//! certification body can file (`conformance-report.json`, JUnit XML, a Markdown summary).
//!
//! The suite talks to an implementation only through the contract, so the same scenarios
//! certify the embedded reference, a vendor's in-process implementation or (with the HTTP
//! binding) a server.
//!
//! ```no_run
//! use std::sync::Arc;
//! use jha_interop_conformance::runner::{RunOptions, bundled_features, run};
//! use jha_interop_conformance::target::ReferenceTarget;
//!
//! # async fn certify() -> Result<(), Box<dyn std::error::Error>> {
//! let report = run(Arc::new(ReferenceTarget::new()), &RunOptions::full(bundled_features())).await?;
//! println!("{}", report.closing_line());
//! assert!(report.passes());
//! # Ok(()) }
//! ```
#![warn(missing_docs)]

pub mod certify;
pub mod data;
pub mod failure;
pub mod registry;
pub mod report;
pub mod role;
pub mod runner;
pub mod serve;
mod steps;
pub mod target;
pub mod wire_check;
pub mod world;
