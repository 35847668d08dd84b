//! The reference implementation of the contract: every component in process, with real
//! matching, every rule of REQUIREMENTS §1–8 and the policies as named settings.
//!
//! ```
//! use jha_interop::api::Connector;
//! use jha_interop::model::{AuthorityKind, Organisation};
//! use jha_interop::reference::{Reference, ReferenceConfig};
//!
//! # tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(async {
//! let reference = Reference::new(ReferenceConfig::default());
//! let officer = reference.standard_principal(AuthorityKind::BorderAuthority, Organisation::member_state("DEU")?, "officer-1")?;
//! let session = reference.connect(&reference.register_principal(officer));
//! let me = session.directory.whoami().await?;
//! assert_eq!(me.authority.kind, AuthorityKind::BorderAuthority);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! # }).unwrap();
//! ```

mod alphanumeric;
mod capabilities;
mod cir;
mod clock;
mod config;
mod counters;
mod crrs;
mod directory;
mod esp;
mod failures;
mod handle;
mod log_store;
mod logs;
pub mod mid;
mod operators;
mod policies;
mod profiles;
mod quality;
#[cfg(test)]
mod ranking_tests;
mod records;
mod retention;
mod rules;
pub(crate) mod sbms;
#[cfg(test)]
mod serving_tests;
mod shared;
#[cfg(test)]
mod shortlist_tests;
mod sources;
mod state;
mod templates;
mod test_control;
#[cfg(test)]
mod test_support;

use std::sync::Arc;
use std::sync::atomic::Ordering;

use async_trait::async_trait;

pub use clock::{AdjustableClock, Clock, ManualClock, OffsetClock, SystemClock};
pub use config::{
    BiometricThresholds, FaceAlgorithmSpec, QualityThresholds, ReferenceConfig, SYNTHETIC_FACE_ALGORITHM,
};
pub use policies::{MidGapPolicy, MidPolicy, SimilarWithSameBiometrics};
pub use profiles::{DEFAULT_PROFILES_VERSION, default_profiles};

use crate::api::{Connector, Result, Session, TestControl};
use crate::model::{
    AuthorityKind, Capabilities, Credential, EspProfile, ModelError, Organisation, Principal, SourceSystem,
};
use handle::Handle;
use shared::Core;

/// The in-process reference implementation. Cheap to clone; clones share state.
#[derive(Clone)]
pub struct Reference {
    core: Arc<Core>,
}

impl Reference {
    /// A reference with `config`, empty.
    pub fn new(config: ReferenceConfig) -> Self {
        let machine_time = config.start_time.is_none();
        let clock: Arc<dyn AdjustableClock> = match config.start_time {
            Some(start) => Arc::new(ManualClock::new(start)),
            None => Arc::new(OffsetClock::default()),
        };
        let core = Arc::new(Core::new(config, clock, retention::run));
        // A manual clock moves only through test control, which sweeps; the machine's clock
        // moves by itself, so retention runs on a schedule.
        if machine_time {
            retention::schedule(Arc::downgrade(&core));
        }
        Reference { core }
    }

    /// Registers a principal and returns the credential that identifies it.
    pub fn register_principal(&self, principal: Principal) -> Credential {
        let n = self.core.tokens.fetch_add(1, Ordering::SeqCst);
        let token = format!("ref-{n:06}-{}", principal.id);
        let mut map = self.core.principals.write().unwrap_or_else(|p| p.into_inner());
        map.insert(token.clone(), principal);
        Credential::new(token)
    }

    /// The standard principal of an authority kind: the default profiles of that kind and the
    /// systems they query. Europol, the ETIAS Central Unit and eu-LISA belong to their agencies
    /// whatever `organisation` says.
    pub fn standard_principal(
        &self,
        kind: AuthorityKind,
        organisation: Organisation,
        user: &str,
    ) -> Result<Principal, ModelError> {
        profiles::standard_principal(&self.core.config.profiles, kind, organisation, user)
    }

    /// The principal of a source system's central service, which writes that system's records.
    pub fn source_system_principal(&self, system: SourceSystem) -> Result<Principal, ModelError> {
        profiles::source_system_principal(system)
    }

    /// The configured ESP profiles.
    pub fn profiles(&self) -> Vec<EspProfile> {
        self.core.config.profiles.clone()
    }
}

impl Default for Reference {
    fn default() -> Self {
        Reference::new(ReferenceConfig::default())
    }
}

impl std::fmt::Debug for Reference {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Reference")
    }
}

#[async_trait]
impl Connector for Reference {
    fn connect(&self, credential: &Credential) -> Session {
        let caller = {
            let map = self.core.principals.read().unwrap_or_else(|p| p.into_inner());
            map.get(credential.expose()).cloned()
        };
        let handle = Arc::new(Handle::new(self.core.clone(), caller));
        Session {
            source_systems: handle.clone(),
            search_portal: handle.clone(),
            biometrics: handle.clone(),
            identity_repository: handle.clone(),
            identity_detector: handle.clone(),
            statistics: handle.clone(),
            audit_log: handle.clone(),
            directory: handle,
        }
    }

    async fn capabilities(&self) -> Result<Capabilities> {
        Ok(capabilities::declare(&self.core))
    }

    fn test_control(&self) -> Option<Arc<dyn TestControl>> {
        Some(Arc::new(test_control::Control::new(self.core.clone())))
    }
}
