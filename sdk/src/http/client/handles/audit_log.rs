//! `AuditLog` over HTTP: `/v1/logs/...`.

use async_trait::async_trait;

use super::{HttpHandle, NO_BODY};
use crate::api::{AuditLog, Result};
use crate::http::wire::{Call, OpenProcedureRequest};
use crate::model::{LogEntry, LogQuery, MonitoringProcedure};

#[async_trait]
impl AuditLog for HttpHandle {
    async fn entries(&self, query: LogQuery) -> Result<Vec<LogEntry>> {
        self.stub.json(Call::LogEntries, &[], Some(&query)).await
    }

    async fn open_procedure(&self, description: String, covers: LogQuery) -> Result<MonitoringProcedure> {
        let body = OpenProcedureRequest { description, covers };
        self.stub.json(Call::OpenProcedure, &[], Some(&body)).await
    }

    async fn close_procedure(&self, id: &str) -> Result<MonitoringProcedure> {
        self.stub.json(Call::CloseProcedure, &[id], NO_BODY).await
    }
}
