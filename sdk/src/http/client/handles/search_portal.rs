//! `SearchPortal` over HTTP: `POST /v1/esp/search`, read as NDJSON while it arrives.

use async_trait::async_trait;

use super::{HttpHandle, NO_BODY};
use crate::api::{Result, SearchPortal, SourceResultStream};
use crate::http::client::decode;
use crate::http::client::stream::source_results;
use crate::http::wire::{self, Call};
use crate::model::{FailureNotice, SearchReply, SearchRequest};

#[async_trait]
impl SearchPortal for HttpHandle {
    /// Asks for `application/x-ndjson` and yields each source's result as its line arrives.
    /// Retried (when the policy allows) only until a success reply's headers arrive. A server
    /// that answers one `application/json` `SearchReply` instead is read whole.
    async fn search(&self, request: SearchRequest) -> Result<SourceResultStream> {
        let (operation, started) = self.stub.start(Call::Search, &[], Some(&request)).await?;
        let transport = self.stub.transport();
        let media_type =
            started.content_type.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
        if media_type == wire::JSON {
            let reply = transport.read_rest(&operation, started).await?;
            let whole: SearchReply = decode::decode(&operation, "SearchReply", &reply, transport.observer())?;
            return Ok(Box::pin(futures_util::stream::iter(whole.results.into_iter().map(Ok))));
        }
        let options = transport.options();
        Ok(source_results(
            operation,
            started,
            options.request_timeout,
            options.max_response_bytes,
            options.observer.clone(),
        ))
    }

    async fn failure_notices(&self) -> Result<Vec<FailureNotice>> {
        self.stub.json(Call::FailureNotices, &[], NO_BODY).await
    }
}
