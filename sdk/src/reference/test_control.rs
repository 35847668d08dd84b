//! Test control (capability `test-control`, SEC-06).

use std::sync::Arc;
use std::sync::atomic::Ordering;

use async_trait::async_trait;

use crate::api::{Error, Result, TestControl};
use crate::model::{Component, ComponentBehaviour, Millis, SourceBehaviour, SourceSystem, Timestamp};

use super::failures::ComponentHealth;
use super::shared::Core;

/// The reference's test control.
pub(crate) struct Control {
    core: Arc<Core>,
}

impl Control {
    pub fn new(core: Arc<Core>) -> Self {
        Control { core }
    }
}

#[async_trait]
impl TestControl for Control {
    async fn set_time(&self, now: Timestamp) -> Result<()> {
        self.core.clock.set(now);
        self.core.sweep();
        Ok(())
    }

    async fn advance_time(&self, millis: Millis) -> Result<()> {
        if millis < 0 {
            return Err(Error::invalid_field(
                crate::requirement!("SEC-06"),
                "millis",
                "the clock only moves forward",
            ));
        }
        self.core.clock.advance(millis);
        // The clock's tick: every retention rule that has now fallen due.
        self.core.sweep();
        Ok(())
    }

    async fn reset(&self) -> Result<()> {
        self.core.clear_stores();
        self.core.behaviours.lock().unwrap_or_else(|p| p.into_inner()).clear();
        *self.core.health() = ComponentHealth::default();
        self.core.interpol_no_reveal.store(self.core.config.interpol_no_reveal, Ordering::SeqCst);
        Ok(())
    }

    async fn set_source_behaviour(&self, system: SourceSystem, behaviour: SourceBehaviour) -> Result<()> {
        self.core.behaviours.lock().unwrap_or_else(|p| p.into_inner()).insert(system, behaviour);
        Ok(())
    }

    async fn set_interpol_no_reveal(&self, guaranteed: bool) -> Result<()> {
        self.core.interpol_no_reveal.store(guaranteed, Ordering::SeqCst);
        Ok(())
    }

    async fn set_component_behaviour(
        &self,
        component: Component,
        behaviour: ComponentBehaviour,
    ) -> Result<()> {
        // Arts 11 and 17(4) provide for failures of the ESP and of the CIR.
        if !matches!(component, Component::Esp | Component::Cir) {
            return Err(Error::invalid_field(
                crate::requirement!("ESP-09"),
                "component",
                format!("test control makes the ESP or the CIR fail, not the {component:?}"),
            ));
        }
        let now = self.core.now();
        self.core.health().set(component, behaviour, now);
        Ok(())
    }
}
