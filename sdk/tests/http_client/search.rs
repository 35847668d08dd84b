//! The streamed ESP search: NDJSON lines read as they arrive, error lines, cut streams, and
//! what the observer sees.

use std::time::Duration;

use futures_util::StreamExt;
use jha_interop::api::{Connector, ErrorKind};
use jha_interop::http::client::HttpConnector;
use jha_interop::http::wire::Call;
use jha_interop::model::*;
use serde_json::{Value, json};
use wiremock::ResponseTemplate;

use crate::support::*;

fn ees() -> SourceResult {
    fixture("source_result_ees.json")
}

fn vis() -> SourceResult {
    fixture("source_result_vis.json")
}

fn line(value: Value) -> String {
    format!("{value}\n")
}

fn result_line(result: &SourceResult) -> String {
    line(json!({ "result": result }))
}

fn end_line(results: u64) -> String {
    line(json!({ "end": { "results": results } }))
}

fn ndjson(body: String) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_raw(body, "application/x-ndjson")
}

async fn searching(body: String) -> (Harness, std::sync::Arc<Recorder>) {
    let (options, recorder) = observed(options());
    let h = Harness::with(options).await;
    h.mount("POST", "/v1/esp/search", ndjson(body)).await;
    (h, recorder)
}

#[tokio::test]
async fn two_results_then_the_end() {
    let (h, recorder) =
        searching(format!("{}{}{}", result_line(&ees()), result_line(&vis()), end_line(2))).await;
    let mut stream = h.session.search_portal.search(fixture("search_request.json")).await.unwrap();
    assert_eq!(stream.next().await.unwrap().unwrap(), ees());
    assert_eq!(stream.next().await.unwrap().unwrap(), vis());
    assert!(stream.next().await.is_none());
    assert!(stream.next().await.is_none(), "stays ended");
    // One body per line, each without its line break.
    let lines: Vec<_> = recorder.bodies().into_iter().filter(|b| b.0 == Call::Search).collect();
    assert_eq!(lines.len(), 3);
    for (call, status, content_type, body) in &lines {
        assert_eq!((*call, *status, content_type.as_str()), (Call::Search, 200, "application/x-ndjson"));
        assert!(!body.contains('\n'));
        serde_json::from_str::<Value>(body).unwrap();
    }
    assert!(recorder.transport_errors().is_empty());
}

#[tokio::test]
async fn search_all_collects_the_stream() {
    let (h, _) = searching(format!("{}{}{}", result_line(&ees()), result_line(&vis()), end_line(2))).await;
    let request: SearchRequest = fixture("search_request.json");
    let reply = h.session.search_portal.search_all(request.clone()).await.unwrap();
    assert_eq!(reply, SearchReply { profile: request.profile, results: vec![ees(), vis()] });
}

#[tokio::test]
async fn crlf_line_breaks_and_blank_lines_are_accepted() {
    let body = format!("{}\r\n\r\n{}\r\n", result_line(&ees()).trim_end(), end_line(1).trim_end());
    let (h, _) = searching(body).await;
    let results: Vec<_> =
        h.session.search_portal.search(fixture("search_request.json")).await.unwrap().collect().await;
    assert_eq!(results, vec![Ok(ees())]);
}

#[tokio::test]
async fn an_error_line_after_one_result_ends_the_stream_with_that_error() {
    let mut document = problem("unavailable", 503, "the ESP lost its connection to VIS");
    document["rule"] = json!("ESP-06");
    let body =
        format!("{}{}{}", result_line(&ees()), line(json!({ "error": document })), result_line(&vis()));
    let (h, recorder) = searching(body).await;
    let mut stream = h.session.search_portal.search(fixture("search_request.json")).await.unwrap();
    assert_eq!(stream.next().await.unwrap().unwrap(), ees());
    let error = stream.next().await.unwrap().unwrap_err();
    assert_eq!(error.kind, ErrorKind::Unavailable);
    assert_eq!(error.message, "the ESP lost its connection to VIS");
    assert_eq!(error.rule.as_deref(), Some("ESP-06"));
    assert!(stream.next().await.is_none(), "nothing after the error line");
    assert!(recorder.transport_errors().is_empty(), "an error line is an answer of the implementation");
}

#[tokio::test]
async fn a_stream_cut_before_its_end_line_is_an_error() {
    let (h, recorder) = searching(result_line(&ees())).await;
    let mut stream = h.session.search_portal.search(fixture("search_request.json")).await.unwrap();
    assert_eq!(stream.next().await.unwrap().unwrap(), ees());
    let error = stream.next().await.unwrap().unwrap_err();
    assert_eq!(error.kind, ErrorKind::Unavailable);
    assert!(error.message.contains("the stream was cut after 1 results"), "{}", error.message);
    assert!(stream.next().await.is_none());
    assert_eq!(recorder.transport_errors(), vec![(Call::Search, error)]);
}

#[tokio::test]
async fn an_empty_stream_is_cut_too() {
    let (h, _) = searching(String::new()).await;
    let reply = h.session.search_portal.search_all(fixture("search_request.json")).await.unwrap_err();
    assert_eq!(reply.kind, ErrorKind::Unavailable);
    assert!(reply.message.contains("cut after 0 results"), "{}", reply.message);
}

#[tokio::test]
async fn an_end_line_that_miscounts_is_internal() {
    let (h, _) = searching(format!("{}{}", result_line(&ees()), end_line(2))).await;
    let results: Vec<_> =
        h.session.search_portal.search(fixture("search_request.json")).await.unwrap().collect().await;
    assert_eq!(results.len(), 2);
    let error = results[1].clone().unwrap_err();
    assert_eq!(error.kind, ErrorKind::Internal);
    assert!(error.message.contains("the end line counts 2 results but 1 arrived"), "{}", error.message);
}

#[tokio::test]
async fn a_line_that_does_not_decode_is_internal_and_a_transport_error() {
    let (h, recorder) = searching(format!("{}{}", result_line(&ees()), line(json!({ "oops": 1 })))).await;
    let results: Vec<_> =
        h.session.search_portal.search(fixture("search_request.json")).await.unwrap().collect().await;
    assert_eq!(results.len(), 2);
    let error = results[1].clone().unwrap_err();
    assert_eq!(error.kind, ErrorKind::Internal);
    assert!(
        error.message.contains("line 2 of the stream does not decode as SearchStreamLine"),
        "{}",
        error.message
    );
    assert_eq!(recorder.transport_errors(), vec![(Call::Search, error)]);
}

#[tokio::test]
async fn an_error_before_the_stream_starts_is_the_status_problem() {
    let h = Harness::start().await;
    let document = problem("forbidden", 403, "the profile does not allow face queries");
    h.mount("POST", "/v1/esp/search", problem_reply(403, document)).await;
    let Err(error) = h.session.search_portal.search(fixture("search_request.json")).await else {
        panic!("the search must fail before its stream");
    };
    assert_eq!(error.kind, ErrorKind::Forbidden);
    assert_eq!(h.requests().await.len(), 1);
}

#[tokio::test]
async fn a_plain_json_reply_is_read_whole() {
    let h = Harness::start().await;
    let reply = SearchReply { profile: ProfileId::new("border-check").unwrap(), results: vec![ees(), vis()] };
    h.mount("POST", "/v1/esp/search", ResponseTemplate::new(200).set_body_json(&reply)).await;
    let results: Vec<_> =
        h.session.search_portal.search(fixture("search_request.json")).await.unwrap().collect().await;
    assert_eq!(results, vec![Ok(ees()), Ok(vis())]);
}

#[tokio::test]
async fn each_result_is_yielded_as_its_line_arrives_even_when_lines_are_split_across_chunks() {
    let second = result_line(&vis());
    let (head, tail) = second.split_at(second.len() / 2);
    let first_chunk = format!("{}{head}", result_line(&ees())).into_bytes();
    let rest = format!("{tail}{}", end_line(2)).into_bytes();
    let (url, release) = chunked_search_server(first_chunk, rest);

    let connector = HttpConnector::new(&url, options()).await.unwrap();
    let session = connector.connect(&jha_interop::model::Credential::new(TOKEN));
    let mut stream = session.search_portal.search(fixture("search_request.json")).await.unwrap();
    // The server holds back the rest of the body until the first result has been received.
    let first = tokio::time::timeout(Duration::from_secs(10), stream.next())
        .await
        .expect("the first result arrives while the rest of the body is held back");
    assert_eq!(first.unwrap().unwrap(), ees());
    release.send(()).unwrap();
    assert_eq!(stream.next().await.unwrap().unwrap(), vis());
    assert!(stream.next().await.is_none());
}
