//! The HTTP server (`jha_interop::http::server`) on a real loopback listener, with the
//! reference behind it and reqwest as a raw HTTP client: authentication (SEC-01), problem
//! documents for every refusal (SEC-02), size limits (SEC-05), the route table, idempotent
//! record writes (SEC-03), the NDJSON search stream (ESP-06), panics of an implementation and what
//! the server logs.
#![cfg(feature = "server")]

#[path = "http_server/auth.rs"]
mod auth;
#[path = "http_server/faults.rs"]
mod faults;
#[path = "http_server/input.rs"]
mod input;
#[path = "http_server/logs.rs"]
mod logs;
#[path = "http_server/records_and_search.rs"]
mod records_and_search;
#[path = "http_server/routes.rs"]
mod routes;

use std::sync::Arc;

use jha_interop::api::{Connector, ErrorKind};
use jha_interop::http::server::{ServerOptions, TokenTable, router_with, serve};
use jha_interop::http::wire::{PROBLEM_JSON, PROBLEM_TYPE_PREFIX, Problem};
use jha_interop::model::{AuthorityKind, Organisation, SourceSystem};
use jha_interop::reference::Reference;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// The token of the EES central system (writes EES records).
pub const EES: &str = "token-ees-central-system";
/// The token of a border guard of DEU (profile `border-check`).
pub const OFFICER: &str = "token-border-officer-deu";
/// The test-control token.
pub const CONTROL: &str = "token-test-control";

/// A server on `127.0.0.1:<free port>` until dropped or stopped.
pub struct Server {
    pub base: String,
    pub http: reqwest::Client,
    shutdown: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<std::io::Result<()>>>,
}

impl Server {
    pub async fn start(connector: Arc<dyn Connector>, tokens: TokenTable, options: ServerOptions) -> Server {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind loopback");
        let base = format!("http://{}", listener.local_addr().expect("local address"));
        let (tx, rx) = oneshot::channel::<()>();
        let app = router_with(connector, tokens, options);
        let task = tokio::spawn(serve(listener, app, async move {
            let _ = rx.await;
        }));
        let http = reqwest::Client::builder().no_proxy().build().expect("client");
        Server { base, http, shutdown: Some(tx), task: Some(task) }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Graceful shutdown: the server ends without an error.
    pub async fn stop(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(task) = self.task.take() {
            task.await.expect("server task").expect("server ended cleanly");
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

/// The reference behind a server, with the EES central system, a DEU border officer and
/// (when `test_control`) the test-control token.
pub struct Fixture {
    pub server: Server,
    pub reference: Reference,
}

impl Fixture {
    pub async fn start(options: ServerOptions) -> Fixture {
        let reference = Reference::default();
        let mut tokens = TokenTable::new();
        let ees = reference.source_system_principal(SourceSystem::Ees).expect("EES principal");
        tokens.insert(EES, reference.register_principal(ees));
        let officer = reference
            .standard_principal(
                AuthorityKind::BorderAuthority,
                Organisation::member_state("DEU").expect("DEU"),
                "officer-1",
            )
            .expect("officer principal");
        tokens.insert(OFFICER, reference.register_principal(officer));
        tokens.set_test_control_token(CONTROL);
        let connector: Arc<dyn Connector> = Arc::new(reference.clone());
        Fixture { server: Server::start(connector, tokens, options).await, reference }
    }

    /// With test control and the default size limit.
    pub async fn with_test_control() -> Fixture {
        Fixture::start(ServerOptions { test_control: true, ..ServerOptions::default() }).await
    }
}

/// The reply as a problem document: the right media type, a `type` of the binding, the status
/// of the reply. Panics (fails the test) otherwise.
pub async fn problem(response: reqwest::Response) -> Problem {
    let status = response.status().as_u16();
    let content_type =
        response.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
    let text = response.text().await.expect("body");
    assert!(status >= 400, "not an error: {status} {text}");
    assert_eq!(content_type, PROBLEM_JSON, "status {status}, body {text}");
    let problem: Problem =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("not a problem ({e}): {text}"));
    assert_eq!(problem.status, status, "{text}");
    assert!(problem.type_uri.starts_with(PROBLEM_TYPE_PREFIX), "{text}");
    assert!(ErrorKind::from_name(&problem.type_uri[PROBLEM_TYPE_PREFIX.len()..]).is_some(), "{text}");
    problem
}

/// A problem of `status` and `kind`.
pub async fn expect_problem(response: reqwest::Response, status: u16, kind: ErrorKind) -> Problem {
    assert_eq!(response.status().as_u16(), status, "{:?}", response.headers());
    let problem = problem(response).await;
    assert_eq!(problem.kind(), kind, "{problem:?}");
    problem
}
