//! `IdentityRepository` over HTTP: `/v1/cir/...`.

use async_trait::async_trait;

use super::{HttpHandle, NO_BODY};
use crate::api::{IdentityRepository, Result};
use crate::http::wire::Call;
use crate::model::{
    HitFlagReply, HitFlagRequest, HitFollowUp, IdentificationReply, IdentificationRequest,
    IndividualFileView, LinkedData, QueryId, RecordRef, Sin,
};

#[async_trait]
impl IdentityRepository for HttpHandle {
    async fn identify(&self, request: IdentificationRequest) -> Result<IdentificationReply> {
        self.stub.json(Call::CirIdentify, &[], Some(&request)).await
    }

    async fn hit_flags(&self, request: HitFlagRequest) -> Result<HitFlagReply> {
        self.stub.json(Call::HitFlags, &[], Some(&request)).await
    }

    async fn follow_up(&self, query: &QueryId, follow_up: HitFollowUp) -> Result<()> {
        self.stub.empty(Call::FollowUp, &[query.as_str()], Some(&follow_up)).await
    }

    async fn file_of(&self, record: &RecordRef) -> Result<IndividualFileView> {
        let values = [record.system.code(), record.id.as_str()];
        self.stub.json(Call::FileOf, &values, NO_BODY).await
    }

    async fn linked_data(&self, sin: &Sin) -> Result<LinkedData> {
        self.stub.json(Call::LinkedData, &[sin.as_str()], NO_BODY).await
    }
}
