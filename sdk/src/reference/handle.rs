//! A caller's handle: the core plus the principal bound at `connect`.

use std::sync::Arc;

use crate::api::{Error, Result};
use crate::model::{Component, LogEvent, Principal, Requester};

use super::failures;
use super::shared::Core;
use super::state::State;

/// Implements every component trait for one caller.
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
        self.caller
            .as_ref()
            .ok_or_else(|| Error::unauthenticated("the credential is missing or unknown").with_rule("SEC-01"))
    }

    /// The requester as logs record it.
    pub fn requester(&self) -> Option<Requester> {
        self.caller.as_ref().map(|p| Requester { authority: p.authority, user_id: p.user_id.clone() })
    }

    /// Logs a refused attempt (SEC-01) and returns the `Forbidden` error enforcing `rule`.
    pub fn deny(
        &self,
        state: &mut State,
        component: Component,
        operation: &str,
        reason: String,
        rule: &str,
    ) -> Error {
        self.log_refused(state, component, operation, reason.clone());
        Error::forbidden(reason).with_rule(rule)
    }

    /// Logs a refused attempt (SEC-01), whatever the caller is told.
    pub fn log_refused(&self, state: &mut State, component: Component, operation: &str, reason: String) {
        let at = self.core.now();
        state.logs.append(
            component,
            at,
            self.requester(),
            LogEvent::AccessDenied { operation: operation.to_string(), reason },
        );
    }

    /// Refuses a call of `component` while it has failed (ESP-09).
    pub(crate) fn check_component(&self, component: Component) -> Result<()> {
        failures::refuse_if_failed(&self.core.health(), component)
    }
}
