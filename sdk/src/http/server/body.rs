//! Reading a JSON request body: the content type first (415), then the size (413, SEC-05),
//! checked against `Content-Length` before reading and against the bytes actually received
//! while reading, so a chunked body without a length cannot get past the limit either.

use axum::body::Body;
use axum::http::{HeaderMap, StatusCode, header};
use bytes::{Bytes, BytesMut};
use futures_util::StreamExt;

use super::problem::Failure;
use crate::api::{Error, ErrorKind, Violation};
use crate::http::wire::JSON;

/// Whether the request says its body is `application/json` (parameters such as `charset` are
/// allowed).
fn is_json(headers: &HeaderMap) -> bool {
    let Some(value) = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()) else { return false };
    let essence = value.split(';').next().unwrap_or_default().trim();
    essence.eq_ignore_ascii_case(JSON)
}

fn too_large(limit: usize) -> Failure {
    Failure::from(
        Error::new(ErrorKind::PayloadTooLarge, format!("the request body is larger than {limit} bytes"))
            .with_rule(crate::requirement!("SEC-05")),
    )
}

/// How much of a refused oversize body is read and discarded before answering: up to twice the
/// limit (at most 256 MiB). An HTTP/1.1 server that answers before the body has ended and then
/// closes the connection races the client's writes: the client may see a reset instead of the
/// 413. Reading the rest without keeping it lets a client that is a little over the limit read
/// the problem; a far larger body is cut off and the connection closes, as it must.
fn drain_budget(limit: usize) -> usize {
    limit.saturating_mul(2).min(256 * 1024 * 1024)
}

/// Reads and discards up to `budget` more bytes of `stream`.
async fn drain<S, E>(stream: &mut S, budget: usize)
where
    S: futures_util::Stream<Item = Result<Bytes, E>> + Unpin,
{
    let mut read = 0usize;
    while read <= budget {
        match stream.next().await {
            Some(Ok(chunk)) => read = read.saturating_add(chunk.len()),
            Some(Err(_)) | None => return,
        }
    }
}

/// The whole body of a JSON request, at most `limit` bytes long.
pub(super) async fn read_json(headers: &HeaderMap, body: Body, limit: usize) -> Result<Bytes, Failure> {
    if !is_json(headers) {
        let error = Error::invalid(vec![Violation::new(
            crate::requirement!("SEC-02"),
            "Content-Type",
            format!("the request body must be sent as `Content-Type: {JSON}`"),
        )])
        .with_rule(crate::requirement!("SEC-02"));
        return Err(Failure::from(error).with_status(StatusCode::UNSUPPORTED_MEDIA_TYPE));
    }
    let declared =
        headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<u64>().ok());
    let mut stream = body.into_data_stream();
    if let Some(length) = declared.filter(|length| *length > limit as u64) {
        if length <= drain_budget(limit) as u64 {
            drain(&mut stream, drain_budget(limit)).await;
        }
        return Err(too_large(limit));
    }
    let mut received = BytesMut::with_capacity(declared.map_or(0, |n| n as usize).min(limit));
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|_| {
            Failure::from(Error::invalid_field(
                crate::requirement!("SEC-02"),
                "",
                "the request body could not be read to its end",
            ))
            .with_status(StatusCode::BAD_REQUEST)
        })?;
        if received.len() + chunk.len() > limit {
            drain(&mut stream, drain_budget(limit)).await;
            return Err(too_large(limit));
        }
        received.extend_from_slice(&chunk);
    }
    Ok(received.freeze())
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn with_type(value: &str) -> HeaderMap {
        let mut map = HeaderMap::new();
        map.insert(header::CONTENT_TYPE, HeaderValue::from_str(value).unwrap());
        map
    }

    #[test]
    fn json_with_parameters_is_json_and_nothing_else_is() {
        assert!(is_json(&with_type("application/json")));
        assert!(is_json(&with_type("Application/JSON; charset=utf-8")));
        assert!(!is_json(&with_type("application/jsonx")));
        assert!(!is_json(&with_type("text/plain")));
        assert!(!is_json(&with_type("application/problem+json")));
        assert!(!is_json(&HeaderMap::new()));
    }

    #[tokio::test]
    async fn the_limit_holds_without_a_content_length() {
        let headers = with_type(JSON);
        let ok = read_json(&headers, Body::from("{}"), 2).await.unwrap();
        assert_eq!(&ok[..], b"{}");
        let failure = read_json(&headers, Body::from("{ }"), 2).await.unwrap_err();
        assert_eq!(failure.status, StatusCode::PAYLOAD_TOO_LARGE);
        assert!(failure.error.concerns("SEC-05"));
    }
}
