//! Reaching the implementation under test. The suite only ever holds a [`Connector`] and a
//! credential per role; whether they lead to the embedded reference, to a wrapped reference
//! with deliberate faults, or (later) to a server over HTTP is the target's business.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use jha_interop::api::Connector;
use jha_interop::model::{Credential, Timestamp};
use jha_interop::reference::{Reference, ReferenceConfig};
use serde::{Deserialize, Serialize};

use crate::role::Role;

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
}

/// When every in-process scenario starts: a fixed instant, so that runs are reproducible.
pub const SCENARIO_START: &str = "2026-11-25T09:00:00Z";

/// Wraps the reference's connector, e.g. with deliberate faults.
pub type ConnectorWrapper = Arc<dyn Fn(Reference) -> Arc<dyn Connector> + Send + Sync>;

/// The embedded reference implementation, a new one per scenario so scenarios run side by side.
pub struct ReferenceTarget {
    config: ReferenceConfig,
    wrapper: Option<(String, ConnectorWrapper)>,
}

impl ReferenceTarget {
    /// The reference with its default configuration (the documented policy defaults).
    pub fn new() -> Self {
        Self::with_config(ReferenceConfig::default())
    }

    /// The reference with `config`; its clock starts at [`SCENARIO_START`].
    pub fn with_config(mut config: ReferenceConfig) -> Self {
        config.start_time = Some(SCENARIO_START.parse::<Timestamp>().expect("a valid constant"));
        ReferenceTarget { config, wrapper: None }
    }

    /// The same target with every connector passed through `wrapper`, described as `name`.
    pub fn wrapped(mut self, name: impl Into<String>, wrapper: ConnectorWrapper) -> Self {
        self.wrapper = Some((name.into(), wrapper));
        self
    }
}

impl Default for ReferenceTarget {
    fn default() -> Self {
        Self::new()
    }
}

#[async_trait]
impl Target for ReferenceTarget {
    fn description(&self) -> TargetDescription {
        let name = match &self.wrapper {
            None => "embedded reference implementation (jha-interop)".to_string(),
            Some((name, _)) => format!("embedded reference implementation wrapped by {name}"),
        };
        TargetDescription { mode: "in-process".into(), name, location: None }
    }

    async fn instance(&self) -> Result<Arc<dyn Instance>, TargetError> {
        let reference = Reference::new(self.config.clone());
        let connector: Arc<dyn Connector> = match &self.wrapper {
            None => Arc::new(reference.clone()),
            Some((_, wrap)) => wrap(reference.clone()),
        };
        Ok(Arc::new(ReferenceInstance { reference, connector, credentials: Mutex::new(HashMap::new()) }))
    }

    fn concurrent(&self) -> bool {
        true
    }
}

/// One reference: registers the standard principal of each role on first use.
struct ReferenceInstance {
    reference: Reference,
    connector: Arc<dyn Connector>,
    credentials: Mutex<HashMap<Role, Credential>>,
}

impl Instance for ReferenceInstance {
    fn connector(&self) -> Arc<dyn Connector> {
        self.connector.clone()
    }

    fn credential(&self, role: &Role) -> Result<Credential, TargetError> {
        let mut known = self.credentials.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(credential) = known.get(role) {
            return Ok(credential.clone());
        }
        let principal = match role {
            Role::Stranger => {
                return Err(TargetError::NoCredential {
                    role: role.to_string(),
                    reason: "it has none by definition".into(),
                });
            }
            Role::SourceSystem(system) => self.reference.source_system_principal(*system),
            Role::Authority(authority) => {
                let user = format!("{}-official", authority.kind.code());
                self.reference.standard_principal(authority.kind, authority.organisation, &user)
            }
        }
        .map_err(|e| TargetError::NoCredential { role: role.to_string(), reason: e.to_string() })?;
        let credential = self.reference.register_principal(principal);
        known.insert(*role, credential.clone());
        Ok(credential)
    }
}
