//! The HTTP client (`jha_interop::http::client`) against wiremock and a raw TCP server: every
//! call of the contract (the request it sends, snapshotted, and the reply it decodes), problem
//! documents and other error replies, retries and timeouts, the NDJSON search stream, and the
//! wire observer.
#![cfg(feature = "client")]

#[path = "http_client/support.rs"]
mod support;

#[path = "http_client/calls.rs"]
mod calls;
#[path = "http_client/errors.rs"]
mod errors;
#[path = "http_client/retries.rs"]
mod retries;
#[path = "http_client/search.rs"]
mod search;
