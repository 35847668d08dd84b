//! Reaching the implementation under test. The suite only ever holds a [`Connector`] and a
//! credential per role; whether they lead to the embedded reference, to a wrapped reference
//! with deliberate faults, or to a server over HTTP is the target's business.

mod file;
mod http;
mod reference;

use std::sync::Arc;

use async_trait::async_trait;
use jha_interop::api::Connector;
use jha_interop::model::Credential;
use serde::{Deserialize, Serialize};

use crate::role::Role;
use crate::wire_check::WireCheck;

pub use file::{RoleToken, TargetFile, TargetFileError};
pub use http::HttpTarget;
pub use reference::{ConnectorWrapper, ReferenceTarget, register_role};

/// Why a target could not serve a scenario. These are harness or set-up errors, reported as
/// such and never as failures of a requirement.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TargetError {
    /// The target has no credential for a role a scenario needs.
    #[error("the target has no credential for {role}: {reason}")]
    NoCredential {
        /// The role.
        role: String,
        /// Why.
        reason: String,
    },
    /// The target could not be set up.
    #[error("the target could not be set up: {0}")]
    Setup(String),
    /// The target could not be reached, or its answer was not an answer of the implementation
    /// (connection refused, a body that does not decode).
    #[error("the target could not be reached: {0}")]
    Transport(String),
}

/// How the report describes the target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct TargetDescription {
    /// `in-process` or `http`.
    pub mode: String,
    /// What it is, e.g. "embedded reference implementation".
    pub name: String,
    /// Where it is reached (a base URL without credentials), if anywhere.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
}

/// One isolated instance of the implementation, serving one scenario.
pub trait Instance: Send + Sync {
    /// The implementation.
    fn connector(&self) -> Arc<dyn Connector>;
    /// The credential that makes a session act as `role`.
    fn credential(&self, role: &Role) -> Result<Credential, TargetError>;
    /// The base URL of the HTTP binding, for the `@http` scenarios that speak to the wire
    /// directly; `None` in process.
    fn base_url(&self) -> Option<String> {
        None
    }
}

/// An implementation the suite can certify.
#[async_trait]
pub trait Target: Send + Sync {
    /// How the report describes it.
    fn description(&self) -> TargetDescription;
    /// A fresh instance for one scenario: no records, no links, no logs.
    async fn instance(&self) -> Result<Arc<dyn Instance>, TargetError>;
    /// Whether two scenarios may run at the same time (each has its own instance).
    fn concurrent(&self) -> bool;
    /// What the target saw on the wire (transport errors, bodies that break their schema),
    /// for targets reached over HTTP.
    fn wire_check(&self) -> Option<Arc<WireCheck>> {
        None
    }
}

/// When every in-process scenario starts: a fixed instant, so that runs are reproducible.
pub const SCENARIO_START: &str = "2026-11-25T09:00:00Z";
