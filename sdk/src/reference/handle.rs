//! A caller's handle: the core plus the principal bound at `connect`.

use std::sync::Arc;

use crate::api::{Error, RequirementId, Result};
use crate::model::{Component, LogEvent, Principal, Requester};

use super::failures;
use super::shared::Core;

/// Implements every component trait for one caller.
#[derive(Clone)]
pub(crate) struct Handle {
    pub core: Arc<Core>,
    caller: Option<Principal>,
}

impl Handle {
    pub fn new(core: Arc<Core>, caller: Option<Principal>) -> Self {
        Handle { core, caller }
    }

    /// The caller, or `Unauthenticated` when the credential was unknown (SEC-01).
    pub fn principal(&self) -> Result<&Principal> {
        self.caller.as_ref().ok_or_else(|| {
            Error::unauthenticated("the credential is missing or unknown")
                .with_rule(crate::requirement!("SEC-01"))
        })
    }

    /// The requester as logs record it.
    pub fn requester(&self) -> Option<Requester> {
        self.caller.as_ref().map(|p| Requester { authority: p.authority, user_id: p.user_id.clone() })
    }

    /// Logs a refused attempt (SEC-01) and returns the `Forbidden` error enforcing `rule`.
    pub fn deny(&self, component: Component, operation: &str, reason: String, rule: RequirementId) -> Error {
        self.log_refused(component, operation, reason.clone());
        Error::forbidden(reason).with_rule(rule)
    }

    /// Logs a refused attempt (SEC-01), whatever the caller is told.
    pub fn log_refused(&self, component: Component, operation: &str, reason: String) {
        let at = self.core.now();
        self.core.logs().append(
            component,
            at,
            self.requester(),
            LogEvent::AccessDenied { operation: operation.to_string(), reason },
        );
    }

    /// Runs CPU-heavy `work` (extraction, 1:N scans, detection) off the async runtime's worker
    /// threads, on tokio's blocking pool, so that a long search never stalls the other requests
    /// a runtime thread serves. Outside a tokio runtime it runs where it is called.
    pub(crate) async fn off_runtime<T, W>(&self, work: W) -> Result<T>
    where
        T: Send + 'static,
        W: FnOnce(Handle) -> T + Send + 'static,
    {
        let handle = self.clone();
        match tokio::runtime::Handle::try_current() {
            Ok(runtime) => runtime
                .spawn_blocking(move || work(handle))
                .await
                .map_err(|e| Error::internal(format!("a matching task failed: {e}"))),
            Err(_) => Ok(work(handle)),
        }
    }

    /// Refuses a call of `component` while it has failed (ESP-09).
    pub(crate) fn check_component(&self, component: Component) -> Result<()> {
        failures::refuse_if_failed(&self.core.health(), component)
    }
}
