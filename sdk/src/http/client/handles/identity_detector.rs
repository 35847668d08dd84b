//! `IdentityDetector` over HTTP: `/v1/mid/...`.

use async_trait::async_trait;

use super::{HttpHandle, NO_BODY};
use crate::api::{IdentityDetector, Result};
use crate::http::wire::Call;
use crate::model::{
    IdentityConfirmationFile, LinkVerification, LinkView, Notification, OverdueRequest, PersonNotice,
    PersonRequest, RecordRef, Rectification, RequestFiling, RequestId, RequestProgress, Sin,
};

#[async_trait]
impl IdentityDetector for HttpHandle {
    async fn links(&self, record: &RecordRef) -> Result<Vec<LinkView>> {
        let values = [record.system.code(), record.id.as_str()];
        self.stub.json(Call::Links, &values, NO_BODY).await
    }

    async fn confirmation_file(&self, sin: &Sin) -> Result<IdentityConfirmationFile> {
        self.stub.json(Call::ConfirmationFile, &[sin.as_str()], NO_BODY).await
    }

    async fn verify_link(&self, sin: &Sin, verification: LinkVerification) -> Result<Option<LinkView>> {
        self.stub.optional(Call::VerifyLink, &[sin.as_str()], Some(&verification)).await
    }

    async fn rectify_link(&self, sin: &Sin, rectification: Rectification) -> Result<Option<LinkView>> {
        self.stub.optional(Call::RectifyLink, &[sin.as_str()], Some(&rectification)).await
    }

    async fn notifications(&self) -> Result<Vec<Notification>> {
        self.stub.json(Call::Notifications, &[], NO_BODY).await
    }

    async fn person_notice(&self, sin: &Sin) -> Result<Option<PersonNotice>> {
        self.stub.optional(Call::PersonNotice, &[sin.as_str()], NO_BODY).await
    }

    async fn overdue_links(&self) -> Result<Vec<LinkView>> {
        self.stub.json(Call::OverdueLinks, &[], NO_BODY).await
    }

    async fn file_request(&self, filing: RequestFiling) -> Result<PersonRequest> {
        self.stub.json(Call::FileRequest, &[], Some(&filing)).await
    }

    async fn record_request_progress(
        &self,
        id: &RequestId,
        progress: RequestProgress,
    ) -> Result<PersonRequest> {
        self.stub.json(Call::RecordRequestProgress, &[id.as_str()], Some(&progress)).await
    }

    async fn requests(&self) -> Result<Vec<PersonRequest>> {
        self.stub.json(Call::Requests, &[], NO_BODY).await
    }

    async fn overdue_requests(&self) -> Result<Vec<OverdueRequest>> {
        self.stub.json(Call::OverdueRequests, &[], NO_BODY).await
    }
}
