//! The session handles: each contract call becomes a [`Call`] of the route table, its path
//! values and its JSON body, and its reply is decoded by the route's [`ResponseBody`].
//!
//! One handle type serves every component of a session (the traits' methods never clash
//! through `dyn`); test control has its own handle because it speaks with another token.

mod audit_log;
mod biometrics;
mod directory;
mod identity_detector;
mod identity_repository;
mod search_portal;
mod source_systems;
mod statistics;
mod test_control;

use std::sync::Arc;

use bytes::Bytes;
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::decode;
use super::operation::Operation;
use super::reply::Reply;
use super::transport::{Auth, Started, Transport};
use crate::api::{Error, Result, Session};
use crate::http::wire::{Call, ResponseBody};

pub(crate) use test_control::HttpTestControl;

/// What every handle holds: the shared transport and who it speaks for.
#[derive(Clone)]
pub(crate) struct Stub {
    transport: Arc<Transport>,
    auth: Auth,
}

/// The body of a call that sends none.
const NO_BODY: Option<&()> = None;

impl Stub {
    pub(crate) fn new(transport: Arc<Transport>, auth: Auth) -> Self {
        Stub { transport, auth }
    }

    /// The call with its path filled in.
    fn operation(call: Call, values: &[&str]) -> Result<Operation> {
        let path = call.path(values).ok_or_else(|| {
            Error::internal(format!(
                "{}: {} path values for the template {}",
                call.route().operation_id,
                values.len(),
                call.route().path
            ))
        })?;
        Ok(Operation { call, path })
    }

    fn body<B: Serialize>(operation: &Operation, body: Option<&B>) -> Result<Option<Bytes>> {
        body.map(|body| {
            serde_json::to_vec(body)
                .map(Bytes::from)
                .map_err(|e| Error::internal(format!("{operation}: the request body cannot be written: {e}")))
        })
        .transpose()
    }

    async fn exchange<B: Serialize>(
        &self,
        call: Call,
        values: &[&str],
        body: Option<&B>,
    ) -> Result<(Operation, Reply)> {
        let operation = Self::operation(call, values)?;
        let body = Self::body(&operation, body)?;
        let reply = self.transport.complete(&operation, &self.auth, body).await?;
        Ok((operation, reply))
    }

    /// A call whose reply is one JSON document, or an array of them (`T` is then a `Vec`).
    pub(crate) async fn json<B: Serialize, T: DeserializeOwned>(
        &self,
        call: Call,
        values: &[&str],
        body: Option<&B>,
    ) -> Result<T> {
        let (operation, reply) = self.exchange(call, values, body).await?;
        decode::decode(&operation, &schema_of(call.route().response), &reply, self.transport.observer())
    }

    /// A call whose reply is a JSON document or `204 No Content` (`None`).
    pub(crate) async fn optional<B: Serialize, T: DeserializeOwned>(
        &self,
        call: Call,
        values: &[&str],
        body: Option<&B>,
    ) -> Result<Option<T>> {
        let (operation, reply) = self.exchange(call, values, body).await?;
        if reply.status == 204 || reply.body.iter().all(u8::is_ascii_whitespace) {
            return Ok(None);
        }
        decode::decode(&operation, &schema_of(call.route().response), &reply, self.transport.observer())
            .map(Some)
    }

    /// A call whose reply has no body (`204 No Content`); a body sent anyway is ignored.
    pub(crate) async fn empty<B: Serialize>(
        &self,
        call: Call,
        values: &[&str],
        body: Option<&B>,
    ) -> Result<()> {
        self.exchange(call, values, body).await.map(|_| ())
    }

    /// A call whose success reply is read by the caller as it arrives.
    pub(crate) async fn start<B: Serialize>(
        &self,
        call: Call,
        values: &[&str],
        body: Option<&B>,
    ) -> Result<(Operation, Started)> {
        let operation = Self::operation(call, values)?;
        let body = Self::body(&operation, body)?;
        let started = self.transport.start(&operation, &self.auth, body).await?;
        Ok((operation, started))
    }

    pub(crate) fn transport(&self) -> &Arc<Transport> {
        &self.transport
    }
}

/// How an error message names the schema a reply should have.
fn schema_of(response: ResponseBody) -> String {
    match response {
        ResponseBody::Empty => "an empty body".to_string(),
        ResponseBody::One(name) | ResponseBody::Optional(name) => name.to_string(),
        ResponseBody::Many(name) => format!("an array of {name}"),
        ResponseBody::SearchStream => "SearchReply".to_string(),
    }
}

/// The name a value has on the wire (`ReportKind::DataQuality` is `data_quality`).
fn wire_name<T: Serialize>(value: &T) -> Result<String> {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(name)) => Ok(name),
        _ => Err(Error::internal("a path value does not serialise as a string")),
    }
}

/// The handle of every component of one session.
#[derive(Clone)]
pub(crate) struct HttpHandle {
    stub: Stub,
}

impl std::fmt::Debug for HttpHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HttpHandle")
            .field("base_url", &self.stub.transport.base_url())
            .finish_non_exhaustive()
    }
}

/// A session whose every handle speaks for `stub`'s caller.
pub(crate) fn session(stub: Stub) -> Session {
    let handle = Arc::new(HttpHandle { stub });
    Session {
        source_systems: handle.clone(),
        search_portal: handle.clone(),
        biometrics: handle.clone(),
        identity_repository: handle.clone(),
        identity_detector: handle.clone(),
        statistics: handle.clone(),
        audit_log: handle.clone(),
        directory: handle,
    }
}
