//! The contract: one async trait per component, the session that binds them to a caller, and
//! the one error type.
//!
//! Everything that talks to an implementation — integrator code, the conformance suite, the
//! examples — goes through these traits, whether the implementation is the in-process
//! reference or a server reached over HTTP.

mod error;
mod requirement_id;
mod traits;

use std::sync::Arc;

use async_trait::async_trait;

pub use error::{Error, ErrorKind, Result, Violation};
pub use requirement_id::{InvalidRequirementId, RequirementId};
pub use traits::*;

use crate::model::{Capabilities, Credential};

/// The handles of one caller: every component, bound to the principal of the credential given
/// to [`Connector::connect`].
#[derive(Clone)]
pub struct Session {
    /// Writing records as a source system.
    pub source_systems: Arc<dyn SourceSystems>,
    /// The European Search Portal.
    pub search_portal: Arc<dyn SearchPortal>,
    /// The shared Biometric Matching Service.
    pub biometrics: Arc<dyn BiometricMatching>,
    /// The Common Identity Repository.
    pub identity_repository: Arc<dyn IdentityRepository>,
    /// The Multiple-Identity Detector.
    pub identity_detector: Arc<dyn IdentityDetector>,
    /// The Central Repository for Reporting and Statistics.
    pub statistics: Arc<dyn Statistics>,
    /// The logs.
    pub audit_log: Arc<dyn AuditLog>,
    /// Who the caller is.
    pub directory: Arc<dyn Directory>,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Session")
    }
}

/// An implementation of the contract that callers connect to.
#[async_trait]
pub trait Connector: Send + Sync {
    /// Handles for the principal identified by `credential`. An unknown credential still gives
    /// a session, whose every call fails with [`ErrorKind::Unauthenticated`].
    fn connect(&self, credential: &Credential) -> Session;
    /// What the implementation declares about itself.
    async fn capabilities(&self) -> Result<Capabilities>;
    /// Test control, when the implementation offers it.
    fn test_control(&self) -> Option<Arc<dyn TestControl>>;
}
