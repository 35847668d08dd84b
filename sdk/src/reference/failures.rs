//! Component failures (ESP-09, Arts 11, 17(4)): test control makes the ESP or the CIR fail;
//! its calls then answer "unavailable", and every user of the components gets an automated
//! notice naming the failed component and telling it to access the systems directly.

use std::collections::BTreeSet;

use crate::api::{Error, ErrorKind, Result};
use crate::model::{Component, ComponentBehaviour, FailureNotice, Timestamp};

/// Which components have failed, and the notices given so far.
#[derive(Debug, Default)]
pub(crate) struct ComponentHealth {
    failed: BTreeSet<Component>,
    notices: Vec<FailureNotice>,
}

impl ComponentHealth {
    /// Applies `behaviour` to `component` at `now`: a component that starts failing gives one
    /// notice; one that works again gives none (its notice stays on record).
    pub fn set(&mut self, component: Component, behaviour: ComponentBehaviour, now: Timestamp) {
        match behaviour {
            ComponentBehaviour::Failed => {
                if self.failed.insert(component) {
                    let name = format!("{component:?}").to_uppercase();
                    self.notices.push(FailureNotice {
                        component,
                        failed_at: now,
                        access_systems_directly: true,
                        text: format!(
                            "the {name} has failed: access the systems directly until it is restored (Arts 11, 17(4))"
                        ),
                    });
                }
            }
            ComponentBehaviour::Normal => {
                self.failed.remove(&component);
            }
        }
    }

    /// Whether `component` has failed.
    pub fn has_failed(&self, component: Component) -> bool {
        self.failed.contains(&component)
    }

    /// Every notice given.
    pub fn notices(&self) -> Vec<FailureNotice> {
        self.notices.clone()
    }
}

/// Refuses a call of `component` while it has failed (ESP-09).
pub(crate) fn refuse_if_failed(health: &ComponentHealth, component: Component) -> Result<()> {
    if health.has_failed(component) {
        return Err(Error::new(
            ErrorKind::Unavailable,
            format!(
                "the {} is unavailable: access the systems directly (Arts 11, 17(4))",
                format!("{component:?}").to_uppercase()
            ),
        )
        .with_rule(crate::requirement!("ESP-09")));
    }
    Ok(())
}
