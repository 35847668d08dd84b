//! SEC-01: every route but the capabilities needs a known bearer token; the test-control
//! routes need theirs and exist only when enabled.

use jha_interop::api::ErrorKind;
use jha_interop::http::server::ServerOptions;
use jha_interop::model::{Capabilities, Capability};

use super::{CONTROL, Fixture, OFFICER, expect_problem};

const WHOAMI: &str = "/v1/directory/whoami";

#[tokio::test]
async fn a_principal_route_without_a_valid_token_is_401_with_a_challenge() {
    let fixture = Fixture::with_test_control().await;
    let server = &fixture.server;
    let cases: [(&str, Option<&str>); 6] = [
        ("no header", None),
        ("unknown token", Some("Bearer not-a-known-token")),
        ("other scheme", Some("Basic dXNlcjpwYXNz")),
        ("no token", Some("Bearer")),
        ("two tokens", Some("Bearer a b")),
        ("test-control token", Some("Bearer token-test-control")),
    ];
    for (what, header) in cases {
        let mut request = server.http.get(server.url(WHOAMI));
        if let Some(value) = header {
            request = request.header("authorization", value);
        }
        let response = request.send().await.unwrap();
        let challenge = response
            .headers()
            .get("www-authenticate")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string();
        assert!(challenge.starts_with("Bearer"), "{what}: {challenge:?}");
        let problem = expect_problem(response, 401, ErrorKind::Unauthenticated).await;
        assert!(!problem.detail.contains("not-a-known-token"), "{what}: the token is echoed");
    }
    // And with the officer's token the same route answers.
    let response = server.http.get(server.url(WHOAMI)).bearer_auth(OFFICER).send().await.unwrap();
    assert_eq!(response.status(), 200);
}

#[tokio::test]
async fn the_body_of_an_unauthenticated_request_is_not_looked_at() {
    let fixture = Fixture::with_test_control().await;
    let server = &fixture.server;
    // Malformed JSON, wrong content type: still a 401, not a 400 or 415.
    let response = server
        .http
        .post(server.url("/v1/sbms/identify"))
        .header("content-type", "text/plain")
        .body("{")
        .send()
        .await
        .unwrap();
    expect_problem(response, 401, ErrorKind::Unauthenticated).await;
}

#[tokio::test]
async fn capabilities_are_public() {
    let fixture = Fixture::start(ServerOptions::default()).await;
    let server = &fixture.server;
    let response = server.http.get(server.url("/v1/capabilities")).send().await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/json");
    let capabilities: Capabilities = response.json().await.unwrap();
    assert!(!capabilities.implementation.is_empty());
    // The reference offers test control in process, but this server does not serve it.
    assert!(!capabilities.has(Capability::TestControl));
}

#[tokio::test]
async fn test_control_is_declared_only_when_served() {
    let fixture = Fixture::with_test_control().await;
    let server = &fixture.server;
    let response = server.http.get(server.url("/v1/capabilities")).send().await.unwrap();
    let capabilities: Capabilities = response.json().await.unwrap();
    assert!(capabilities.has(Capability::TestControl));
}

#[tokio::test]
async fn test_control_needs_its_own_token() {
    let fixture = Fixture::with_test_control().await;
    let server = &fixture.server;
    let reset = server.url("/v1/test/reset");
    let response = server.http.post(&reset).bearer_auth(OFFICER).send().await.unwrap();
    expect_problem(response, 401, ErrorKind::Unauthenticated).await;
    let response = server.http.post(&reset).send().await.unwrap();
    expect_problem(response, 401, ErrorKind::Unauthenticated).await;
    let response = server.http.post(&reset).bearer_auth(CONTROL).send().await.unwrap();
    assert_eq!(response.status(), 204);
    let response = server
        .http
        .put(server.url("/v1/test/interpol-no-reveal"))
        .bearer_auth(CONTROL)
        .json(&serde_json::json!({"guaranteed": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 204);
}

#[tokio::test]
async fn test_control_routes_are_absent_unless_enabled() {
    // Not enabled, although the reference offers it and a token is set: 404, like any
    // unknown route, whatever the token.
    let fixture = Fixture::start(ServerOptions::default()).await;
    let server = &fixture.server;
    for token in [CONTROL, OFFICER] {
        let response =
            server.http.post(server.url("/v1/test/reset")).bearer_auth(token).send().await.unwrap();
        expect_problem(response, 404, ErrorKind::NotFound).await;
        let response = server
            .http
            .put(server.url("/v1/test/clock"))
            .bearer_auth(token)
            .json(&serde_json::json!({"now": "2026-01-01T00:00:00Z"}))
            .send()
            .await
            .unwrap();
        expect_problem(response, 404, ErrorKind::NotFound).await;
    }
}
