//! The embedded reference implementation as a target: a new one per scenario, so scenarios
//! run side by side.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use jha_interop::api::Connector;
use jha_interop::model::{AuthorityKind, Credential, Organisation, Timestamp};
use jha_interop::reference::{Reference, ReferenceConfig};

use super::{Instance, SCENARIO_START, Target, TargetDescription, TargetError};
use crate::role::Role;

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
        let credential = register_role(&self.reference, role)?;
        known.insert(*role, credential.clone());
        Ok(credential)
    }
}

/// Registers the standard principal of `role` with `reference` and returns its credential.
pub fn register_role(reference: &Reference, role: &Role) -> Result<Credential, TargetError> {
    let principal = match role {
        Role::Stranger => {
            return Err(TargetError::NoCredential {
                role: role.to_string(),
                reason: "it has none by definition".into(),
            });
        }
        Role::SourceSystem(system) => reference.source_system_principal(*system),
        // A second police authority of the State, registered with its own designations.
        Role::OtherPolice(state, designation) => {
            let user = format!("police-official-{}", role.to_string().rsplit('/').next().unwrap_or("other"));
            reference.standard_principal(AuthorityKind::Police, Organisation::MemberState(*state), &user).map(
                |mut principal| {
                    principal.designations = designation.designations();
                    principal
                },
            )
        }
        Role::Authority(authority) => {
            let user = format!("{}-official", authority.kind.code());
            reference.standard_principal(authority.kind, authority.organisation, &user)
        }
    }
    .map_err(|e| TargetError::NoCredential { role: role.to_string(), reason: e.to_string() })?;
    Ok(reference.register_principal(principal))
}
