//! `SourceSystems` over HTTP: `/v1/systems/{system}/records/{id}`.

use async_trait::async_trait;

use super::{HttpHandle, NO_BODY};
use crate::api::{Result, SourceSystems};
use crate::http::wire::Call;
use crate::model::{RecordRef, RecordWrite, StoredRecord, WriteOutcome};

#[async_trait]
impl SourceSystems for HttpHandle {
    async fn put_record(&self, reference: &RecordRef, record: RecordWrite) -> Result<WriteOutcome> {
        let values = [reference.system.code(), reference.id.as_str()];
        self.stub.json(Call::PutRecord, &values, Some(&record)).await
    }

    async fn delete_record(&self, reference: &RecordRef) -> Result<()> {
        let values = [reference.system.code(), reference.id.as_str()];
        self.stub.empty(Call::DeleteRecord, &values, NO_BODY).await
    }

    async fn get_record(&self, reference: &RecordRef) -> Result<StoredRecord> {
        let values = [reference.system.code(), reference.id.as_str()];
        self.stub.json(Call::GetRecord, &values, NO_BODY).await
    }
}
