//! What a call answered, as the HTTP reply its row of the table promises
//! ([`ResponseBody`](crate::http::wire::ResponseBody)): `Empty` is a 204, `One` and `Many` a
//! 200 with JSON, `Optional` a 200 or a 204 when there is nothing, `SearchStream` a 200 with
//! JSON or NDJSON.

use axum::body::Body;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use super::problem::Failure;
use crate::http::wire::{JSON, NDJSON};

/// The successful outcome of a call, before it becomes a response.
pub(super) enum Outcome {
    /// Nothing to say: 204.
    Empty,
    /// One JSON document (an object or an array): 200.
    Json(Vec<u8>),
    /// A JSON document, or 204 when the call answered `None`.
    Maybe(Option<Vec<u8>>),
    /// The NDJSON lines of a streamed search: 200, written as they come.
    Lines(Body),
}

fn encode<T: Serialize + ?Sized>(value: &T) -> Result<Vec<u8>, Failure> {
    serde_json::to_vec(value)
        .map_err(|_| Failure::internal("the implementation's reply cannot be written as JSON"))
}

/// A JSON document: an object for `One`, an array for `Many`.
pub(super) fn json<T: Serialize + ?Sized>(value: &T) -> Result<Outcome, Failure> {
    encode(value).map(Outcome::Json)
}

/// A JSON document or nothing (`Optional`).
pub(super) fn optional<T: Serialize>(value: Option<&T>) -> Result<Outcome, Failure> {
    value.map(encode).transpose().map(Outcome::Maybe)
}

fn with_type(body: Body, media_type: &'static str) -> Response {
    let mut response = (StatusCode::OK, body).into_response();
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(media_type));
    response
}

impl IntoResponse for Outcome {
    fn into_response(self) -> Response {
        match self {
            Outcome::Empty | Outcome::Maybe(None) => StatusCode::NO_CONTENT.into_response(),
            Outcome::Json(bytes) | Outcome::Maybe(Some(bytes)) => with_type(Body::from(bytes), JSON),
            Outcome::Lines(body) => with_type(body, NDJSON),
        }
    }
}
