//! `Statistics` over HTTP: `GET /v1/crrs/reports/{kind}`.

use async_trait::async_trait;

use super::{HttpHandle, NO_BODY, wire_name};
use crate::api::{Result, Statistics};
use crate::http::wire::Call;
use crate::model::{ReportKind, StatisticsReport};

#[async_trait]
impl Statistics for HttpHandle {
    async fn report(&self, kind: ReportKind) -> Result<StatisticsReport> {
        let kind = wire_name(&kind)?;
        self.stub.json(Call::Report, &[kind.as_str()], NO_BODY).await
    }
}
