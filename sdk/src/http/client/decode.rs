//! From response bytes to the contract's values and errors.
//!
//! Error replies decode as RFC 9457 problem documents into the contract's [`Error`] with their
//! rule and violations; anything else an error reply can carry (a proxy's HTML page, an empty
//! body) becomes an error that names the status and shows the start of the body, so a
//! misconfigured gateway is recognisable from the message alone.

use serde::de::DeserializeOwned;

use super::WireObserver;
use super::operation::Operation;
use super::reply::Reply;
use crate::api::{Error, ErrorKind, Result};
use crate::http::wire::Problem;

/// Most characters of a body shown in an error message.
pub(crate) const EXCERPT_CHARS: usize = 200;

/// The error an unsuccessful reply stands for.
///
/// A body that decodes as a [`Problem`] (whatever its `Content-Type` says) gives the problem's
/// error. Otherwise the kind follows the status — `Unavailable` for 503, `Timeout` for 504,
/// `Internal` for anything else, since no other status is an answer of this binding without a
/// problem document — and the message carries the status and an excerpt of the body.
pub(crate) fn error_of_reply(operation: &Operation, status: u16, content_type: &str, body: &[u8]) -> Error {
    if let Ok(problem) = serde_json::from_slice::<Problem>(body) {
        return problem.into_error();
    }
    let kind = match status {
        503 => ErrorKind::Unavailable,
        504 => ErrorKind::Timeout,
        _ => ErrorKind::Internal,
    };
    let content_type = if content_type.is_empty() { "no content type" } else { content_type };
    Error::new(
        kind,
        format!(
            "{operation}: the server answered HTTP {status} without a problem document ({content_type}): {}",
            excerpt(body)
        ),
    )
}

/// The start of a body for an error message: at most [`EXCERPT_CHARS`] characters, runs of
/// white space (line breaks included) as one space, `…` when cut.
pub(crate) fn excerpt(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let mut words = text.split_whitespace().peekable();
    if words.peek().is_none() {
        return "(empty body)".to_string();
    }
    let mut out = String::new();
    let mut count = 0;
    for (index, word) in words.enumerate() {
        if index > 0 {
            if count == EXCERPT_CHARS {
                out.push('…');
                return out;
            }
            out.push(' ');
            count += 1;
        }
        for c in word.chars() {
            if count == EXCERPT_CHARS {
                out.push('…');
                return out;
            }
            out.push(c);
            count += 1;
        }
    }
    out
}

/// Decodes a success body as `T`. A body that does not decode is a transport error (the
/// reply is not an answer the contract knows): `Internal`, naming the call, the expected
/// schema and serde's message, and reported to the observer.
pub(crate) fn decode<T: DeserializeOwned>(
    operation: &Operation,
    schema: &str,
    reply: &Reply,
    observer: Option<&dyn WireObserver>,
) -> Result<T> {
    serde_json::from_slice(&reply.body).map_err(|e| {
        let error = Error::internal(format!(
            "{operation}: the HTTP {} reply does not decode as {schema}: {e}",
            reply.status
        ));
        if let Some(observer) = observer {
            observer.on_transport_error(operation.call, &error);
        }
        error
    })
}
