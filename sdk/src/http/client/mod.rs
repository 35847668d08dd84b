//! The contract over HTTP (feature `client`): [`HttpConnector`] implements
//! [`Connector`](crate::api::Connector) on top of reqwest, so integrator code and the
//! conformance suite talk to a server written in any language exactly as they talk to the
//! in-process reference.
//!
//! Why it is built the way it is:
//! - **One route table.** Every request is built from [`wire::ROUTES`](super::wire::ROUTES)
//!   (method, path template, body, reply shape, idempotency); no path is written by hand here,
//!   so the client cannot drift from the server or the OpenAPI document.
//! - **Layers** (as in google-cloud-rust): the session handles (`handles`) turn a contract call
//!   into a [`Call`](super::wire::Call) with path values and a JSON body; the stub decodes the
//!   reply by the route's [`ResponseBody`](super::wire::ResponseBody); the transport sends it,
//!   maps failures to [`api::Error`](crate::api::Error) and retries.
//! - **Retries decided per call, not per HTTP verb.** Only calls the table marks idempotent
//!   are ever resent, and only after an outcome that may change on a later try (503, 504, a
//!   connection error, a timeout); see [`RetryPolicy`].
//! - **One error type.** Problem documents decode into the contract's error with their rule and
//!   violations; anything else becomes a clear error carrying the status and an excerpt.
//! - **Streams stay streams.** ESP search reads NDJSON line by line, so each source's result
//!   reaches the caller as soon as the server writes it (ESP-06), and a cut connection is never
//!   mistaken for the end of the reply.
//! - **The harness sees the wire.** A [`WireObserver`] receives every response body and every
//!   transport failure, so the conformance suite can validate bodies against the published
//!   schemas and tell a transport failure from a requirement failure.
//! - **Tokens stay secret.** Credentials come from a [`TokenSource`], travel as
//!   `Authorization: Bearer` headers marked sensitive, and never appear in `Debug` output or
//!   error messages.

mod connector;
mod decode;
mod handles;
mod observer;
mod operation;
mod options;
mod reply;
mod retry;
mod stream;
mod token;
mod transport;

pub use connector::HttpConnector;
pub use observer::WireObserver;
pub use options::{ClientOptions, RetryPolicy};
pub use token::{StaticToken, TokenSource};
