//! Error replies, transport failures and the connector's own checks.

use std::sync::Arc;
use std::time::Duration;

use jha_interop::api::{Connector, ErrorKind, Violation};
use jha_interop::http::client::{ClientOptions, HttpConnector, RetryPolicy, StaticToken, TokenSource};
use jha_interop::http::wire::Call;
use jha_interop::model::Credential;
use serde_json::json;
use wiremock::ResponseTemplate;

use crate::support::*;

fn no_retry() -> ClientOptions {
    options().with_retry(RetryPolicy::none())
}

#[tokio::test]
async fn every_problem_type_becomes_its_kind_with_rule_and_violations() {
    let h = Harness::with(no_retry()).await;
    for (index, kind) in ErrorKind::ALL.into_iter().enumerate() {
        let route = format!("/v1/systems/EES/records/R-{index}");
        let violations = vec![
            Violation::new(
                jha_interop::requirement!("DQ-B-DOB-FUTURE"),
                "identity.date_of_birth",
                "in the future",
            ),
            Violation::new(jha_interop::requirement!("BMS-07"), "biometrics.face", "quality too low")
                .with_measure(12.0, 40.0),
        ];
        let mut document = problem(kind.name(), kind.http_status(), &format!("what happened ({kind})"));
        document["rule"] = json!("CIR-05");
        document["violations"] = serde_json::to_value(&violations).unwrap();
        h.mount("GET", &route, problem_reply(kind.http_status(), document)).await;

        let reference = jha_interop::model::RecordRef::new(
            jha_interop::model::SourceSystem::Ees,
            jha_interop::model::RecordId::new(format!("R-{index}")).unwrap(),
        );
        let error = h.session.source_systems.get_record(&reference).await.unwrap_err();
        assert_eq!(error.kind, kind);
        assert_eq!(error.message, format!("what happened ({kind})"));
        assert_eq!(error.rule.as_deref(), Some("CIR-05"));
        assert_eq!(error.violations, violations);
    }
}

#[tokio::test]
async fn a_problem_sent_as_plain_json_is_still_a_problem() {
    let h = Harness::with(no_retry()).await;
    let document = problem("conflict", 409, "the follow-up was already given").to_string();
    h.mount(
        "POST",
        "/v1/cir/hits/Q-1/follow-up",
        ResponseTemplate::new(409).set_body_raw(document, "application/json"),
    )
    .await;
    let query = jha_interop::model::QueryId::new("Q-1").unwrap();
    let follow_up = jha_interop::model::HitFollowUp::Justification { text: "none".to_string() };
    let error = h.session.identity_repository.follow_up(&query, follow_up).await.unwrap_err();
    assert_eq!(error.kind, ErrorKind::Conflict);
    assert_eq!(error.message, "the follow-up was already given");
}

#[tokio::test]
async fn an_unknown_problem_type_falls_back_to_the_status() {
    let h = Harness::with(no_retry()).await;
    let document = json!({"type": "about:blank", "title": "Forbidden", "status": 403});
    h.mount("GET", "/v1/directory/whoami", problem_reply(403, document)).await;
    let error = h.session.directory.whoami().await.unwrap_err();
    assert_eq!(error.kind, ErrorKind::Forbidden);
    assert_eq!(error.message, "Forbidden");
}

#[tokio::test]
async fn a_proxy_html_page_is_internal_with_the_status_and_an_excerpt() {
    let (options, recorder) = observed(no_retry());
    let h = Harness::with(options).await;
    let page = format!(
        "<html>\n<head><title>502 Bad Gateway</title></head>\n<body>\n<center><h1>502 Bad Gateway</h1></center>\n<hr><center>nginx</center>\n{}</body>\n</html>\n",
        "<!-- padding -->\n".repeat(40)
    );
    h.mount(
        "GET",
        "/v1/directory/whoami",
        ResponseTemplate::new(502).set_body_raw(page.clone(), "text/html"),
    )
    .await;
    let error = h.session.directory.whoami().await.unwrap_err();
    assert_eq!(error.kind, ErrorKind::Internal);
    assert!(error.message.contains("whoami (GET /v1/directory/whoami)"), "{}", error.message);
    assert!(error.message.contains("HTTP 502"), "{}", error.message);
    assert!(error.message.contains("text/html"), "{}", error.message);
    let excerpt = error.message.split_once("): ").map(|(_, rest)| rest).unwrap_or_default();
    let excerpt = excerpt.split_once("): ").map_or(excerpt, |(_, rest)| rest);
    assert!(excerpt.starts_with("<html> <head><title>502 Bad Gateway</title></head>"), "{excerpt}");
    assert!(excerpt.ends_with('…'), "{excerpt}");
    assert_eq!(excerpt.chars().count(), 201, "200 characters and the ellipsis: {excerpt}");
    // The page reached the observer as a body; it is not a transport error.
    let bodies = recorder.bodies();
    let last = bodies.last().unwrap();
    assert_eq!(
        (last.0, last.1, last.2.as_str(), last.3.as_str()),
        (Call::Whoami, 502, "text/html", page.as_str())
    );
    assert!(recorder.transport_errors().is_empty());
}

#[tokio::test]
async fn a_short_non_problem_body_is_shown_whole() {
    let h = Harness::with(no_retry()).await;
    h.mount("GET", "/v1/mid/notifications", ResponseTemplate::new(500).set_body_string("boom")).await;
    let error = h.session.identity_detector.notifications().await.unwrap_err();
    assert_eq!(error.kind, ErrorKind::Internal);
    assert!(
        error.message.ends_with("HTTP 500 without a problem document (text/plain): boom"),
        "{}",
        error.message
    );
}

#[tokio::test]
async fn a_non_problem_503_is_unavailable_and_504_a_timeout() {
    let h = Harness::with(no_retry()).await;
    h.mount(
        "GET",
        "/v1/directory/profiles",
        ResponseTemplate::new(503).set_body_string("Service Unavailable"),
    )
    .await;
    h.mount("GET", "/v1/mid/overdue-links", ResponseTemplate::new(504)).await;
    let error = h.session.directory.profiles().await.unwrap_err();
    assert_eq!(error.kind, ErrorKind::Unavailable);
    assert!(
        error.message.contains("HTTP 503") && error.message.ends_with("Service Unavailable"),
        "{}",
        error.message
    );
    let error = h.session.identity_detector.overdue_links().await.unwrap_err();
    assert_eq!(error.kind, ErrorKind::Timeout);
    assert!(error.message.ends_with("(no content type): (empty body)"), "{}", error.message);
}

#[tokio::test]
async fn a_success_body_that_does_not_decode_is_internal_and_a_transport_error() {
    let (options, recorder) = observed(no_retry());
    let h = Harness::with(options).await;
    let body = json!({"reference": {"system": "EES", "id": "EES-0001"}}).to_string();
    h.mount(
        "GET",
        "/v1/systems/EES/records/EES-0001",
        ResponseTemplate::new(200).set_body_raw(body, "application/json"),
    )
    .await;
    let error = h.session.source_systems.get_record(&ees_0001()).await.unwrap_err();
    assert_eq!(error.kind, ErrorKind::Internal);
    assert!(
        error.message.starts_with("getRecord (GET /v1/systems/EES/records/EES-0001)"),
        "{}",
        error.message
    );
    assert!(error.message.contains("does not decode as StoredRecord"), "{}", error.message);
    assert!(error.message.contains("missing field"), "serde's message: {}", error.message);
    assert_eq!(recorder.transport_errors(), vec![(Call::GetRecord, error)]);
}

#[tokio::test]
async fn an_array_reply_that_is_not_an_array_names_the_schema() {
    let h = Harness::with(no_retry()).await;
    h.mount("GET", "/v1/directory/profiles", json_reply("principal.json")).await;
    let error = h.session.directory.profiles().await.unwrap_err();
    assert_eq!(error.kind, ErrorKind::Internal);
    assert!(error.message.contains("does not decode as an array of EspProfile"), "{}", error.message);
}

#[tokio::test]
async fn a_refused_connection_is_unavailable_and_a_transport_error() {
    let (options, recorder) = observed(options());
    let url = format!("http://127.0.0.1:{}", closed_port());
    let error = HttpConnector::new(&url, options).await.unwrap_err();
    assert_eq!(error.kind, ErrorKind::Unavailable);
    assert!(
        error.message.contains("capabilities (GET /v1/capabilities): cannot connect to"),
        "{}",
        error.message
    );
    // Reported once, after the retries, with the error the call returned.
    assert_eq!(recorder.transport_errors(), vec![(Call::Capabilities, error)]);
}

#[tokio::test]
async fn a_server_gone_after_the_connector_was_made_is_unavailable() {
    let server = wiremock::MockServer::builder().start().await;
    wiremock::Mock::given(wiremock::matchers::path("/v1/capabilities"))
        .respond_with(json_reply("capabilities.json"))
        .mount(&server)
        .await;
    let (options, recorder) = observed(no_retry().with_request_timeout(Duration::from_secs(5)));
    let connector = HttpConnector::new(&server.uri(), options).await.unwrap();
    drop(server);
    let error = connector.connect(&Credential::new(TOKEN)).directory.whoami().await.unwrap_err();
    assert_eq!(error.kind, ErrorKind::Unavailable, "{error}");
    assert_eq!(recorder.transport_errors(), vec![(Call::Whoami, error)]);
}

#[tokio::test]
async fn a_base_url_that_cannot_work_is_invalid() {
    for (url, reason) in [
        ("not a url", "not an absolute URL"),
        ("127.0.0.1:8080", "not an absolute URL"),
        ("localhost:8080", "scheme \"localhost\" is not http or https"),
        ("ftp://example.org", "scheme \"ftp\""),
        ("http://user:hunter2@example.org", "credentials do not belong in the URL"),
        ("http://example.org/?x=1", "query or a fragment"),
    ] {
        let error = HttpConnector::new(url, options()).await.unwrap_err();
        assert_eq!(error.kind, ErrorKind::Invalid, "{url}");
        assert!(error.message.contains(reason), "{url}: {}", error.message);
        assert!(!error.message.contains("hunter2"), "the password is never shown: {}", error.message);
    }
}

#[tokio::test]
async fn https_without_the_tls_feature_is_invalid() {
    if cfg!(feature = "tls") {
        return;
    }
    let error = HttpConnector::new("https://example.org", options()).await.unwrap_err();
    assert_eq!(error.kind, ErrorKind::Invalid);
    assert!(error.message.contains("`tls` feature"), "{}", error.message);
}

#[tokio::test]
async fn options_that_cannot_work_are_invalid() {
    let cases = [
        options().with_retry(RetryPolicy { max_attempts: 0, ..RetryPolicy::default() }),
        options().with_retry(RetryPolicy { multiplier: 0.5, ..RetryPolicy::default() }),
        options().with_request_timeout(Duration::ZERO),
    ];
    for options in cases {
        let error = HttpConnector::new("http://127.0.0.1:1", options).await.unwrap_err();
        assert_eq!(error.kind, ErrorKind::Invalid);
        assert!(error.message.starts_with("client options: "), "{}", error.message);
    }
}

#[tokio::test]
async fn a_base_url_with_a_path_prefix_and_a_trailing_slash() {
    let server = wiremock::MockServer::start().await;
    wiremock::Mock::given(wiremock::matchers::path("/gateway/v1/capabilities"))
        .respond_with(json_reply("capabilities.json"))
        .mount(&server)
        .await;
    let connector = HttpConnector::new(&format!("{}/gateway/", server.uri()), options()).await.unwrap();
    assert_eq!(connector.base_url(), format!("{}/gateway", server.uri()));
}

#[tokio::test]
async fn test_control_needs_the_capability_and_the_token() {
    let undeclared = Harness::declaring("capabilities_without_test_control.json", options()).await;
    assert!(undeclared.connector.test_control().is_none(), "the server does not declare test control");
    assert_eq!(undeclared.connector.declared_capabilities().implementation, "vendor-server");

    let without_token = Harness::with(ClientOptions::default()).await;
    assert!(without_token.connector.test_control().is_none(), "no test-control token was given");

    let both = Harness::start().await;
    assert!(both.connector.test_control().is_some());
}

#[tokio::test]
async fn test_control_does_not_send_the_principal_token() {
    let h = Harness::start().await;
    h.mount(
        "POST",
        "/v1/test/reset",
        problem_reply(401, problem("unauthenticated", 401, "wrong test-control token")),
    )
    .await;
    let error = h.connector.test_control().unwrap().reset().await.unwrap_err();
    assert_eq!(error.kind, ErrorKind::Unauthenticated);
    let requests = h.requests().await;
    let sent = requests[0].headers.get("authorization").unwrap().to_str().unwrap();
    assert_eq!(sent, format!("Bearer {TEST_TOKEN}"));
}

#[tokio::test]
async fn no_token_appears_in_debug_output() {
    let h = Harness::start().await;
    let shown = [
        format!("{:?}", h.connector),
        format!("{:?}", h.session),
        format!("{:?}", options()),
        format!("{:?}", StaticToken::new(Credential::new(TOKEN))),
    ];
    for text in shown {
        assert!(!text.contains(TOKEN) && !text.contains(TEST_TOKEN), "a token in {text}");
    }
    assert!(format!("{:?}", h.connector).contains("test_control: true"));
}

#[tokio::test]
async fn a_token_that_cannot_be_a_header_is_unauthenticated_and_not_sent() {
    let h = Harness::start().await;
    let session = h.connector.connect(&Credential::new("line\nbreak"));
    let error = session.directory.whoami().await.unwrap_err();
    assert_eq!(error.kind, ErrorKind::Unauthenticated);
    assert!(!error.message.contains("line\nbreak"));
    assert!(h.requests().await.is_empty());
}

#[tokio::test]
async fn a_token_source_error_ends_the_call() {
    struct Broken;
    #[async_trait::async_trait]
    impl TokenSource for Broken {
        async fn token(&self) -> jha_interop::api::Result<Credential> {
            Err(jha_interop::api::Error::new(ErrorKind::Unavailable, "the identity provider is down"))
        }
    }
    let h = Harness::start().await;
    let session = h.connector.connect_with(Arc::new(Broken));
    let error = session.directory.whoami().await.unwrap_err();
    assert_eq!(error.message, "the identity provider is down");
    assert!(h.requests().await.is_empty(), "not retried, nothing sent");
}
