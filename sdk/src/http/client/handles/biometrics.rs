//! `BiometricMatching` over HTTP: `/v1/sbms/...`.

use async_trait::async_trait;

use super::{HttpHandle, NO_BODY};
use crate::api::{BiometricMatching, Result};
use crate::http::wire::Call;
use crate::model::{IdentifyReply, IdentifyRequest, RecordRef, TemplateInfo, VerifyReply, VerifyRequest};

#[async_trait]
impl BiometricMatching for HttpHandle {
    async fn identify(&self, request: IdentifyRequest) -> Result<IdentifyReply> {
        self.stub.json(Call::BiometricIdentify, &[], Some(&request)).await
    }

    async fn verify(&self, request: VerifyRequest) -> Result<VerifyReply> {
        self.stub.json(Call::BiometricVerify, &[], Some(&request)).await
    }

    async fn templates(&self, record: &RecordRef) -> Result<Vec<TemplateInfo>> {
        let values = [record.system.code(), record.id.as_str()];
        self.stub.json(Call::Templates, &values, NO_BODY).await
    }
}
