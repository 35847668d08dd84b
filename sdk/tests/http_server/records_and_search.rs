//! Calls that work: a record written, read back and resent (SEC-03), and the ESP search as one
//! JSON reply and as an NDJSON stream whose lines arrive as the sources answer (ESP-06).

use std::time::{Duration, Instant};

use futures_util::StreamExt;
use jha_interop::api::ErrorKind;
use jha_interop::http::wire::SearchStreamLine;
use jha_interop::model::{SearchReply, SourceSystem, StoredRecord, WriteEffect, WriteOutcome};
use serde_json::json;

use super::input::record_json;
use super::{CONTROL, EES, Fixture, OFFICER, expect_problem};

const RECORD: &str = "/v1/systems/EES/records/EES-0001";

/// A 200 reply's JSON as `T`; on another status, the failure shows the body.
async fn ok_json<T: serde::de::DeserializeOwned>(response: reqwest::Response) -> T {
    let status = response.status();
    let text = response.text().await.unwrap();
    assert_eq!(status, 200, "{text}");
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

#[tokio::test]
async fn a_record_put_twice_is_stored_once_and_read_back() {
    let fixture = Fixture::with_test_control().await;
    let server = &fixture.server;
    let put = || server.http.put(server.url(RECORD)).bearer_auth(EES).json(&record_json()).send();

    let first = put().await.unwrap();
    let content_type = first.headers()["content-type"].clone();
    let first: WriteOutcome = ok_json(first).await;
    assert_eq!(content_type, "application/json");
    assert_eq!(first.effect, WriteEffect::Created);

    let read = server.http.get(server.url(RECORD)).bearer_auth(EES).send().await.unwrap();
    assert_eq!(read.status(), 200);
    let read: StoredRecord = read.json().await.unwrap();
    assert_eq!(read, first.record);

    let second = put().await.unwrap();
    assert_eq!(second.status(), 200);
    let second: WriteOutcome = second.json().await.unwrap();
    assert_eq!(second.effect, WriteEffect::Unchanged);
    assert_eq!(second.record, first.record, "the resent record changed the stored one");
    assert_eq!(second.links, first.links);

    let again: StoredRecord =
        server.http.get(server.url(RECORD)).bearer_auth(EES).send().await.unwrap().json().await.unwrap();
    assert_eq!(again, read);

    // Deleted: 204, then 404 problems.
    let deleted = server.http.delete(server.url(RECORD)).bearer_auth(EES).send().await.unwrap();
    assert_eq!(deleted.status(), 204);
    assert!(deleted.bytes().await.unwrap().is_empty());
    let gone = server.http.get(server.url(RECORD)).bearer_auth(EES).send().await.unwrap();
    expect_problem(gone, 404, ErrorKind::NotFound).await;
}

#[tokio::test]
async fn an_error_of_the_implementation_is_its_problem() {
    // A border officer may not write EES records: the reference's own refusal, as a problem.
    let fixture = Fixture::with_test_control().await;
    let server = &fixture.server;
    let response =
        server.http.put(server.url(RECORD)).bearer_auth(OFFICER).json(&record_json()).send().await.unwrap();
    expect_problem(response, 403, ErrorKind::Forbidden).await;
}

fn search_request() -> serde_json::Value {
    json!({
        "profile": "border-check",
        "identity": {"surname": "GARCÍA", "first_names": "Ana", "date_of_birth": "1990-05-07"}
    })
}

#[tokio::test]
async fn a_search_without_ndjson_is_one_search_reply() {
    let fixture = Fixture::with_test_control().await;
    let server = &fixture.server;
    server.http.put(server.url(RECORD)).bearer_auth(EES).json(&record_json()).send().await.unwrap();
    let response = server
        .http
        .post(server.url("/v1/esp/search"))
        .bearer_auth(OFFICER)
        .header("accept", "application/json")
        .json(&search_request())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/json");
    let reply: SearchReply = response.json().await.unwrap();
    assert_eq!(reply.profile.as_str(), "border-check");
    assert!(!reply.results.is_empty());
    let ees = reply.result(SourceSystem::Ees).expect("an EES result");
    assert_eq!(ees.items.len(), 1, "{reply:?}");
}

/// Each line of an NDJSON body with the time it arrived.
async fn read_lines(response: reqwest::Response) -> Vec<(Duration, SearchStreamLine)> {
    let started = Instant::now();
    let mut lines = Vec::new();
    let mut pending = Vec::new();
    let mut chunks = response.bytes_stream();
    while let Some(chunk) = chunks.next().await {
        pending.extend_from_slice(&chunk.unwrap());
        while let Some(end) = pending.iter().position(|b| *b == b'\n') {
            let line: Vec<u8> = pending.drain(..=end).collect();
            let parsed: SearchStreamLine = serde_json::from_slice(&line)
                .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&line)));
            lines.push((started.elapsed(), parsed));
        }
    }
    assert!(pending.is_empty(), "an unterminated line: {}", String::from_utf8_lossy(&pending));
    lines
}

#[tokio::test]
async fn an_ndjson_search_streams_each_source_as_it_answers_and_ends_with_the_count() {
    let fixture = Fixture::with_test_control().await;
    let server = &fixture.server;
    // SIS answers 800 ms after the others.
    let slow = server
        .http
        .put(server.url("/v1/test/sources/SIS/behaviour"))
        .bearer_auth(CONTROL)
        .json(&json!({"behaviour": "slow", "delay_ms": 800}))
        .send()
        .await
        .unwrap();
    assert_eq!(slow.status(), 204);

    let response = server
        .http
        .post(server.url("/v1/esp/search"))
        .bearer_auth(OFFICER)
        .header("accept", "application/x-ndjson")
        .json(&search_request())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/x-ndjson");
    assert!(response.headers().get("content-encoding").is_none());
    let lines = read_lines(response).await;

    let (last_at, last) = lines.last().expect("lines").clone();
    let results: Vec<_> = lines
        .iter()
        .filter_map(|(at, line)| match line {
            SearchStreamLine::Result(result) => Some((*at, result.source)),
            _ => None,
        })
        .collect();
    assert_eq!(last, SearchStreamLine::End { results: results.len() as u64 }, "{lines:?}");
    assert_eq!(lines.len(), results.len() + 1, "{lines:?}");
    assert_eq!(results.last().map(|r| r.1), Some(SourceSystem::Sis), "the slow source answers last");
    // The fast sources were on the wire well before the slow one: nothing was buffered.
    let (first_at, _) = results[0];
    assert!(
        last_at >= first_at + Duration::from_millis(500),
        "first line at {first_at:?}, end at {last_at:?}"
    );
}

#[tokio::test]
async fn a_search_refused_before_it_starts_is_an_http_problem_even_with_ndjson() {
    let fixture = Fixture::with_test_control().await;
    let server = &fixture.server;
    // The officer does not hold this profile.
    let response = server
        .http
        .post(server.url("/v1/esp/search"))
        .bearer_auth(OFFICER)
        .header("accept", "application/x-ndjson")
        .json(&json!({"profile": "visa-application", "identity": {"surname": "X"}}))
        .send()
        .await
        .unwrap();
    assert!(response.status().is_client_error(), "{}", response.status());
    super::problem(response).await;
}
