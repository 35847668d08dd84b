//! The ESP search reply (ESP-06): with `Accept: application/x-ndjson`, one
//! [`SearchStreamLine`] per line, each written the moment its source answers — no buffering,
//! no compression — then an `end` line with the count, so a client tells a complete stream
//! from a cut connection. An error before the first line is the HTTP status; an error (or a
//! panic) after it is an `error` line, and nothing follows. Without that `Accept`, the whole
//! `SearchReply` as one JSON document.

use std::convert::Infallible;
use std::panic::AssertUnwindSafe;
use std::sync::Arc;

use axum::body::Body;
use axum::http::{HeaderMap, header};
use bytes::Bytes;
use futures_util::StreamExt;
use futures_util::stream::{self, CatchUnwind};

use super::problem::{Failure, problem_body};
use super::reply::{self, Outcome};
use crate::api::{Error, SearchPortal, SourceResultStream};
use crate::http::wire::{NDJSON, Problem, SearchStreamLine};
use crate::model::SearchRequest;

/// Whether the request's `Accept` lists `application/x-ndjson` (and not with `q=0`).
pub(super) fn wants_ndjson(headers: &HeaderMap) -> bool {
    headers.get_all(header::ACCEPT).iter().filter_map(|v| v.to_str().ok()).flat_map(|v| v.split(',')).any(
        |range| {
            let mut parts = range.split(';').map(str::trim);
            let essence = parts.next().unwrap_or_default();
            let refused = parts.any(|p| {
                p.strip_prefix("q=").is_some_and(|q| q.trim().parse::<f32>().is_ok_and(|q| q <= 0.0))
            });
            essence.eq_ignore_ascii_case(NDJSON) && !refused
        },
    )
}

/// Runs the search: streamed lines when asked for, the collected reply otherwise.
pub(super) async fn search(
    portal: Arc<dyn SearchPortal>,
    request: SearchRequest,
    ndjson: bool,
) -> Result<Outcome, Failure> {
    if !ndjson {
        return reply::json(&portal.search_all(request).await?);
    }
    let results = portal.search(request).await?;
    Ok(Outcome::Lines(lines(results)))
}

fn line(line: &SearchStreamLine) -> Option<Bytes> {
    let mut bytes = serde_json::to_vec(line).ok()?;
    bytes.push(b'\n');
    Some(Bytes::from(bytes))
}

fn error_line(error: &Error) -> Bytes {
    let problem = Problem::from_error(error);
    line(&SearchStreamLine::Error(problem.clone())).unwrap_or_else(|| {
        let mut bytes = b"{\"error\":".to_vec();
        bytes.extend(problem_body(&problem));
        bytes.extend(b"}\n");
        Bytes::from(bytes)
    })
}

enum State {
    Running { results: CatchUnwind<AssertUnwindSafe<SourceResultStream>>, sent: u64 },
    Finished,
}

/// The NDJSON body: a line per result, then `end` (or `error`, after which nothing follows).
fn lines(results: SourceResultStream) -> Body {
    let start = State::Running { results: AssertUnwindSafe(results).catch_unwind(), sent: 0 };
    let lines = stream::unfold(start, |state| async move {
        let State::Running { mut results, sent } = state else { return None };
        let (bytes, next) = match results.next().await {
            Some(Ok(Ok(result))) => match line(&SearchStreamLine::Result(result)) {
                Some(bytes) => (bytes, State::Running { results, sent: sent + 1 }),
                None => (
                    error_line(&Error::internal("a source result cannot be written as JSON")),
                    State::Finished,
                ),
            },
            Some(Ok(Err(error))) => {
                tracing::warn!(kind = %error.kind, sent, "search stream ended with an error");
                (error_line(&error), State::Finished)
            }
            Some(Err(_panic)) => {
                tracing::error!(sent, "the implementation panicked while streaming a search");
                (
                    error_line(&Error::internal("the implementation failed while streaming the search")),
                    State::Finished,
                )
            }
            None => match line(&SearchStreamLine::End { results: sent }) {
                Some(bytes) => (bytes, State::Finished),
                None => {
                    (error_line(&Error::internal("the end of the stream cannot be written")), State::Finished)
                }
            },
        };
        Some((Ok::<_, Infallible>(bytes), next))
    });
    Body::from_stream(lines)
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn accept(value: &str) -> HeaderMap {
        let mut map = HeaderMap::new();
        map.insert(header::ACCEPT, HeaderValue::from_str(value).unwrap());
        map
    }

    #[test]
    fn ndjson_is_streamed_only_when_accepted() {
        assert!(wants_ndjson(&accept("application/x-ndjson")));
        assert!(wants_ndjson(&accept("application/json;q=0.5, application/x-ndjson")));
        assert!(wants_ndjson(&accept("Application/X-NDJSON; q=1")));
        assert!(!wants_ndjson(&accept("application/x-ndjson;q=0")));
        assert!(!wants_ndjson(&accept("application/json")));
        assert!(!wants_ndjson(&accept("*/*")));
        assert!(!wants_ndjson(&HeaderMap::new()));
    }
}
