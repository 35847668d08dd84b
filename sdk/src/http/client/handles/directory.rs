//! `Directory` over HTTP: `/v1/directory/...`.

use async_trait::async_trait;

use super::{HttpHandle, NO_BODY};
use crate::api::{Directory, Result};
use crate::http::wire::Call;
use crate::model::{EspProfile, Principal};

#[async_trait]
impl Directory for HttpHandle {
    async fn whoami(&self) -> Result<Principal> {
        self.stub.json(Call::Whoami, &[], NO_BODY).await
    }

    async fn profiles(&self) -> Result<Vec<EspProfile>> {
        self.stub.json(Call::Profiles, &[], NO_BODY).await
    }

    async fn profiles_due_for_review(&self) -> Result<Vec<EspProfile>> {
        self.stub.json(Call::ProfilesDueForReview, &[], NO_BODY).await
    }
}
