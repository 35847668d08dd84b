//! `TestControl` over HTTP: `/v1/test/...`, guarded by the test-control token of
//! [`ClientOptions`](crate::http::client::ClientOptions), not by a principal's.

use async_trait::async_trait;

use super::{NO_BODY, Stub};
use crate::api::{Result, TestControl};
use crate::http::wire::{AdvanceTimeRequest, Call, InterpolNoRevealRequest, SetTimeRequest};
use crate::model::{Component, ComponentBehaviour, Millis, SourceBehaviour, SourceSystem, Timestamp};

/// Test control of a server started with it.
pub(crate) struct HttpTestControl {
    stub: Stub,
}

impl HttpTestControl {
    pub(crate) fn new(stub: Stub) -> Self {
        HttpTestControl { stub }
    }
}

impl std::fmt::Debug for HttpTestControl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HttpTestControl")
            .field("base_url", &self.stub.transport().base_url())
            .finish_non_exhaustive()
    }
}

#[async_trait]
impl TestControl for HttpTestControl {
    async fn set_time(&self, now: Timestamp) -> Result<()> {
        self.stub.empty(Call::SetTime, &[], Some(&SetTimeRequest { now })).await
    }

    async fn advance_time(&self, millis: Millis) -> Result<()> {
        self.stub.empty(Call::AdvanceTime, &[], Some(&AdvanceTimeRequest { millis })).await
    }

    async fn reset(&self) -> Result<()> {
        self.stub.empty(Call::Reset, &[], NO_BODY).await
    }

    async fn set_source_behaviour(&self, system: SourceSystem, behaviour: SourceBehaviour) -> Result<()> {
        self.stub.empty(Call::SetSourceBehaviour, &[system.code()], Some(&behaviour)).await
    }

    async fn set_interpol_no_reveal(&self, guaranteed: bool) -> Result<()> {
        self.stub.empty(Call::SetInterpolNoReveal, &[], Some(&InterpolNoRevealRequest { guaranteed })).await
    }

    async fn set_component_behaviour(
        &self,
        component: Component,
        behaviour: ComponentBehaviour,
    ) -> Result<()> {
        self.stub.empty(Call::SetComponentBehaviour, &[component_code(component)], Some(&behaviour)).await
    }
}

/// A component's wire name (`ESP`, `CIR`), as its JSON form has it.
pub(crate) fn component_code(component: Component) -> &'static str {
    match component {
        Component::Esp => "ESP",
        Component::Sbms => "SBMS",
        Component::Cir => "CIR",
        Component::Mid => "MID",
        Component::Crrs => "CRRS",
    }
}
