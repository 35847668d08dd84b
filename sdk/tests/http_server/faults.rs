//! An implementation that panics: the server answers a 500 problem (or, mid-stream, an NDJSON
//! error line), never a dropped connection, and keeps serving.

use std::sync::Arc;

use async_trait::async_trait;
use futures_util::StreamExt;
use jha_interop::api::{
    Connector, Directory, ErrorKind, Result, SearchPortal, Session, SourceResultStream, TestControl,
};
use jha_interop::http::server::{ServerOptions, TokenTable};
use jha_interop::http::wire::SearchStreamLine;
use jha_interop::model::{
    Capabilities, Credential, EspProfile, FailureNotice, Principal, SearchRequest, SourceOutcome,
    SourceResult, SourceSystem,
};
use jha_interop::reference::Reference;
use serde_json::json;

use super::{CONTROL, Server, expect_problem};

/// The reference, but its directory panics, its search panics after one result and its
/// capabilities panic.
struct Faulty {
    inner: Reference,
}

struct PanickingDirectory;

#[async_trait]
impl Directory for PanickingDirectory {
    async fn whoami(&self) -> Result<Principal> {
        panic!("whoami is broken")
    }
    async fn profiles(&self) -> Result<Vec<EspProfile>> {
        panic!("profiles is broken")
    }
    async fn profiles_due_for_review(&self) -> Result<Vec<EspProfile>> {
        panic!("profiles_due_for_review is broken")
    }
}

struct HalfSearch;

#[async_trait]
impl SearchPortal for HalfSearch {
    async fn search(&self, _request: SearchRequest) -> Result<SourceResultStream> {
        let first = SourceResult {
            source: SourceSystem::Ees,
            outcome: SourceOutcome::NoHit,
            items: vec![],
            fallback: None,
        };
        let results = futures_util::stream::iter([0, 1]).map(move |n| {
            if n == 1 {
                panic!("the second source is broken");
            }
            Ok(first.clone())
        });
        Ok(Box::pin(results))
    }

    async fn failure_notices(&self) -> Result<Vec<FailureNotice>> {
        panic!("failure_notices is broken")
    }
}

#[async_trait]
impl Connector for Faulty {
    fn connect(&self, credential: &Credential) -> Session {
        let mut session = self.inner.connect(credential);
        session.directory = Arc::new(PanickingDirectory);
        session.search_portal = Arc::new(HalfSearch);
        session
    }

    async fn capabilities(&self) -> Result<Capabilities> {
        panic!("capabilities are broken")
    }

    fn test_control(&self) -> Option<Arc<dyn TestControl>> {
        None
    }
}

const TOKEN: &str = "token-of-anyone";

async fn faulty_server() -> Server {
    let inner = Reference::default();
    let officer = inner
        .standard_principal(
            jha_interop::model::AuthorityKind::BorderAuthority,
            jha_interop::model::Organisation::member_state("DEU").unwrap(),
            "officer-1",
        )
        .unwrap();
    let mut tokens = TokenTable::new();
    tokens.insert(TOKEN, inner.register_principal(officer));
    tokens.set_test_control_token(CONTROL);
    // Test control asked for, but the implementation offers none: not mounted.
    Server::start(
        Arc::new(Faulty { inner }),
        tokens,
        ServerOptions { test_control: true, ..ServerOptions::default() },
    )
    .await
}

#[tokio::test]
async fn a_panicking_implementation_gives_a_500_problem_and_the_server_goes_on() {
    let server = faulty_server().await;
    for _ in 0..3 {
        let response =
            server.http.get(server.url("/v1/directory/whoami")).bearer_auth(TOKEN).send().await.unwrap();
        let problem = expect_problem(response, 500, ErrorKind::Internal).await;
        assert!(!problem.detail.contains("broken"), "the panic message leaked: {problem:?}");
    }
    let response = server.http.get(server.url("/v1/capabilities")).send().await.unwrap();
    expect_problem(response, 500, ErrorKind::Internal).await;
    // The rest of the session still works.
    let response =
        server.http.get(server.url("/v1/mid/notifications")).bearer_auth(TOKEN).send().await.unwrap();
    assert_eq!(response.status(), 200);
    // No test control: the implementation offers none.
    let response = server.http.post(server.url("/v1/test/reset")).bearer_auth(CONTROL).send().await.unwrap();
    expect_problem(response, 404, ErrorKind::NotFound).await;
}

#[tokio::test]
async fn a_panic_mid_stream_is_an_error_line_and_the_end_of_the_stream() {
    let server = faulty_server().await;
    let request = json!({"profile": "border-check", "identity": {"surname": "X"}});
    let response = server
        .http
        .post(server.url("/v1/esp/search"))
        .bearer_auth(TOKEN)
        .header("accept", "application/x-ndjson")
        .json(&request)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let text = response.text().await.expect("the whole body, not a cut connection");
    let lines: Vec<SearchStreamLine> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert!(matches!(lines[0], SearchStreamLine::Result(_)), "{text}");
    match &lines[1] {
        SearchStreamLine::Error(problem) => {
            assert_eq!(problem.kind(), ErrorKind::Internal);
            assert_eq!(problem.status, 500);
        }
        other => panic!("not an error line: {other:?}"),
    }
    assert!(text.ends_with('\n'));

    // Without NDJSON the same panic is a 500 problem.
    let response = server
        .http
        .post(server.url("/v1/esp/search"))
        .bearer_auth(TOKEN)
        .json(&request)
        .send()
        .await
        .unwrap();
    expect_problem(response, 500, ErrorKind::Internal).await;
}
