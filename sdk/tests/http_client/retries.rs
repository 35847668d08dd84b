//! Retries (only for calls the route table marks idempotent, only after 503, 504, a
//! connection error or a timeout), `Retry-After`, the time budget and the request timeout.

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use futures_util::StreamExt;
use jha_interop::api::{Connector, ErrorKind};
use jha_interop::http::client::{RetryPolicy, TokenSource};
use jha_interop::http::wire::Call;
use jha_interop::model::*;
use serde_json::json;
use wiremock::ResponseTemplate;

use crate::support::*;

fn unavailable() -> ResponseTemplate {
    problem_reply(503, problem("unavailable", 503, "the CIR is being restarted"))
}

const RECORD: &str = "/v1/systems/EES/records/EES-0001";

#[tokio::test]
async fn a_503_with_retry_after_is_retried_after_the_wait_for_an_idempotent_call() {
    let h = Harness::start().await;
    h.mount_times("GET", RECORD, unavailable().insert_header("Retry-After", "1"), 1).await;
    h.mount("GET", RECORD, json_reply("stored_record.json")).await;
    let started = Instant::now();
    let record = h.session.source_systems.get_record(&ees_0001()).await.unwrap();
    let elapsed = started.elapsed();
    assert_eq!(record, fixture::<StoredRecord>("stored_record.json"));
    assert_eq!(h.requests().await.len(), 2, "one retry");
    assert!(elapsed >= Duration::from_secs(1), "Retry-After: 1 was honoured ({elapsed:?})");
    assert!(elapsed < Duration::from_secs(5), "{elapsed:?}");
}

#[tokio::test]
async fn an_idempotent_post_is_retried_until_it_succeeds() {
    let h = Harness::start().await;
    h.mount_times("POST", "/v1/sbms/identify", unavailable(), 2).await;
    h.mount("POST", "/v1/sbms/identify", json_reply("identify_reply.json")).await;
    let reply = h.session.biometrics.identify(fixture("identify_request.json")).await.unwrap();
    assert_eq!(reply, fixture::<IdentifyReply>("identify_reply.json"));
    let requests = h.requests().await;
    assert_eq!(requests.len(), 3);
    assert!(requests.iter().all(|r| r.body == requests[0].body), "the same body every time");
}

#[tokio::test]
async fn hit_flags_is_a_post_that_is_never_retried() {
    let h = Harness::start().await;
    h.mount("POST", "/v1/cir/hits", unavailable().insert_header("Retry-After", "0")).await;
    let error = h.session.identity_repository.hit_flags(fixture("hit_flag_request.json")).await.unwrap_err();
    assert_eq!(error.kind, ErrorKind::Unavailable);
    assert_eq!(error.message, "the CIR is being restarted");
    assert_eq!(h.requests().await.len(), 1, "a resent hit_flags would answer a CIR-11 conflict");
}

#[tokio::test]
async fn delete_record_is_never_retried() {
    let h = Harness::start().await;
    h.mount("DELETE", RECORD, ResponseTemplate::new(503)).await;
    let error = h.session.source_systems.delete_record(&ees_0001()).await.unwrap_err();
    assert_eq!(error.kind, ErrorKind::Unavailable);
    assert_eq!(h.requests().await.len(), 1, "a resent delete would answer not-found");
}

#[tokio::test]
async fn open_procedure_and_advance_time_are_never_retried() {
    let h = Harness::start().await;
    h.mount("POST", "/v1/logs/procedures", ResponseTemplate::new(504)).await;
    h.mount("POST", "/v1/test/clock/advance", ResponseTemplate::new(503)).await;
    let covers: LogQuery = value(json!({}));
    let error = h.session.audit_log.open_procedure("x".to_string(), covers).await.unwrap_err();
    assert_eq!(error.kind, ErrorKind::Timeout);
    let error = h.connector.test_control().unwrap().advance_time(1_000).await.unwrap_err();
    assert_eq!(error.kind, ErrorKind::Unavailable);
    assert_eq!(h.requests().await.len(), 2, "one request each");
}

#[tokio::test]
async fn answers_that_will_not_change_are_not_retried() {
    let h = Harness::start().await;
    h.mount("GET", RECORD, problem_reply(404, problem("not-found", 404, "no such record"))).await;
    h.mount("GET", "/v1/directory/whoami", ResponseTemplate::new(500)).await;
    h.mount("GET", "/v1/directory/profiles", ResponseTemplate::new(502)).await;
    let error = h.session.source_systems.get_record(&ees_0001()).await.unwrap_err();
    assert_eq!(error.kind, ErrorKind::NotFound);
    h.session.directory.whoami().await.unwrap_err();
    h.session.directory.profiles().await.unwrap_err();
    assert_eq!(h.requests().await.len(), 3, "one request each");
}

#[tokio::test]
async fn the_attempts_are_capped() {
    let h = Harness::with(options().with_retry(RetryPolicy {
        max_attempts: 3,
        initial_backoff: Duration::from_millis(1),
        ..RetryPolicy::default()
    }))
    .await;
    h.mount("GET", RECORD, unavailable()).await;
    let error = h.session.source_systems.get_record(&ees_0001()).await.unwrap_err();
    assert_eq!(error.kind, ErrorKind::Unavailable);
    assert_eq!(h.requests().await.len(), 3);
}

#[tokio::test]
async fn the_total_time_is_capped() {
    let budget = Duration::from_millis(600);
    let h = Harness::with(options().with_retry(RetryPolicy {
        max_attempts: 1_000,
        initial_backoff: Duration::from_millis(20),
        multiplier: 2.0,
        max_backoff: Duration::from_millis(100),
        max_elapsed: budget,
    }))
    .await;
    h.mount("GET", RECORD, unavailable()).await;
    let started = Instant::now();
    let error = h.session.source_systems.get_record(&ees_0001()).await.unwrap_err();
    let elapsed = started.elapsed();
    assert_eq!(error.kind, ErrorKind::Unavailable);
    assert!(elapsed < budget + Duration::from_millis(1_500), "stopped near the budget: {elapsed:?}");
    let attempts = h.requests().await.len();
    assert!((3..1_000).contains(&attempts), "retried within the budget, then stopped: {attempts}");
}

#[tokio::test]
async fn a_retry_after_beyond_the_budget_ends_the_retries_at_once() {
    let h = Harness::with(
        options().with_retry(RetryPolicy { max_elapsed: Duration::from_secs(2), ..RetryPolicy::default() }),
    )
    .await;
    h.mount("GET", RECORD, unavailable().insert_header("Retry-After", "30")).await;
    let started = Instant::now();
    let error = h.session.source_systems.get_record(&ees_0001()).await.unwrap_err();
    assert_eq!(error.kind, ErrorKind::Unavailable);
    assert!(started.elapsed() < Duration::from_secs(5), "no pointless wait: {:?}", started.elapsed());
    assert_eq!(h.requests().await.len(), 1);
}

#[tokio::test]
async fn a_request_that_takes_too_long_is_a_timeout() {
    let (options, recorder) =
        observed(options().with_request_timeout(Duration::from_millis(200)).with_retry(RetryPolicy::none()));
    let h = Harness::with(options).await;
    h.mount("GET", RECORD, json_reply("stored_record.json").set_delay(Duration::from_secs(3))).await;
    let started = Instant::now();
    let error = h.session.source_systems.get_record(&ees_0001()).await.unwrap_err();
    assert_eq!(error.kind, ErrorKind::Timeout);
    assert!(error.message.contains("getRecord") && error.message.contains("200ms"), "{}", error.message);
    assert!(started.elapsed() < Duration::from_millis(2_500), "{:?}", started.elapsed());
    assert_eq!(recorder.transport_errors(), vec![(Call::GetRecord, error)]);
}

#[tokio::test]
async fn a_timeout_of_an_idempotent_call_is_retried() {
    let h =
        Harness::with(options().with_request_timeout(Duration::from_millis(150)).with_retry(RetryPolicy {
            max_attempts: 2,
            initial_backoff: Duration::from_millis(1),
            ..RetryPolicy::default()
        }))
        .await;
    h.mount("GET", RECORD, json_reply("stored_record.json").set_delay(Duration::from_secs(3))).await;
    let error = h.session.source_systems.get_record(&ees_0001()).await.unwrap_err();
    assert_eq!(error.kind, ErrorKind::Timeout);
    assert_eq!(h.requests().await.len(), 2);
}

#[tokio::test]
async fn a_search_is_retried_before_its_stream_starts() {
    let h = Harness::start().await;
    h.mount_times("POST", "/v1/esp/search", unavailable(), 1).await;
    let body = format!(
        "{}\n{}\n",
        json!({"result": fixture::<SourceResult>("source_result_vis.json")}),
        json!({"end": {"results": 1}})
    );
    h.mount("POST", "/v1/esp/search", ResponseTemplate::new(200).set_body_raw(body, "application/x-ndjson"))
        .await;
    let results: Vec<_> =
        h.session.search_portal.search(fixture("search_request.json")).await.unwrap().collect().await;
    assert_eq!(results.len(), 1);
    assert!(results[0].is_ok());
    assert_eq!(h.requests().await.len(), 2);
}

/// A token source that gives a new token each time it is asked.
struct Rotating(AtomicU32);

#[async_trait::async_trait]
impl TokenSource for Rotating {
    async fn token(&self) -> jha_interop::api::Result<Credential> {
        let n = self.0.fetch_add(1, Ordering::SeqCst) + 1;
        Ok(Credential::new(format!("token-{n}")))
    }
}

#[tokio::test]
async fn each_attempt_asks_the_token_source_again() {
    let h = Harness::start().await;
    h.mount_times("GET", RECORD, unavailable(), 1).await;
    h.mount("GET", RECORD, json_reply("stored_record.json")).await;
    let session = h.connector.connect_with(Arc::new(Rotating(AtomicU32::new(0))));
    session.source_systems.get_record(&ees_0001()).await.unwrap();
    let sent: Vec<String> = h
        .requests()
        .await
        .iter()
        .map(|r| r.headers.get("authorization").unwrap().to_str().unwrap().to_string())
        .collect();
    assert_eq!(sent, vec!["Bearer token-1", "Bearer token-2"]);
}

#[test]
fn the_default_policy_is_documented_and_backoff_grows_to_its_cap() {
    let policy = RetryPolicy::default();
    assert_eq!(policy.max_attempts, 4);
    assert_eq!(policy.max_elapsed, Duration::from_secs(60));
    let bounds: Vec<_> = (0..8).map(|n| policy.backoff_bound(n)).collect();
    assert_eq!(
        bounds[..3],
        [Duration::from_millis(100), Duration::from_millis(200), Duration::from_millis(400)]
    );
    assert_eq!(bounds[7], Duration::from_secs(5));
    assert_eq!(policy.backoff_bound(u32::MAX), Duration::from_secs(5));
    assert_eq!(RetryPolicy::none().max_attempts, 1);
}
