//! Any implementation of the contract behind axum (feature `server`).
//!
//! The contract ([`crate::api`]) is only reachable in process; this module makes it a wire
//! protocol, so that a Member State integrator can reach a central system over HTTP and a
//! vendor's server can be certified by URL. [`router`] serves *any* [`Connector`] — the
//! reference or a vendor's adapter — and mounts one handler per row of
//! [`wire::ROUTES`](super::wire::ROUTES), the table the client and the OpenAPI document are
//! built from too, so the three cannot drift apart.
//!
//! What the server adds to the contract, and why:
//! - **Authentication** (SEC-01): a [`TokenTable`] maps bearer tokens to the credentials the
//!   implementation knows. Tokens are kept only as SHA-256 hashes and every lookup compares
//!   against every stored hash in constant time. A missing, malformed or unknown token is a
//!   401 problem; `GET /v1/capabilities` is public.
//! - **Input hygiene** (SEC-02, SEC-05): a body over [`ServerOptions::max_request_bytes`] is a
//!   413 (with or without `Content-Length`), a wrong content type a 415, malformed JSON a 400
//!   naming line and column, a wrong type, a missing field or an unknown field a 422 naming the
//!   field's path. A panic of the implementation becomes a 500 problem, never a cut
//!   connection; unknown routes and methods get 404 and 405 problem documents.
//! - **Streaming** (ESP-06): `POST /v1/esp/search` with `Accept: application/x-ndjson` writes
//!   one [`SearchStreamLine`](super::wire::SearchStreamLine) per source as it answers, then an
//!   `end` line, so a client can tell a complete stream from a cut connection.
//! - **Test control** (SEC-06): the `/v1/test/*` routes exist only when the server is started
//!   with them, the implementation offers them and a test-control token is set.
//! - **Observability**: one `tracing` span per request with the method, the route *template*,
//!   the status and the latency — never a token, a body or a path parameter, which may be
//!   personal data.
//!
//! Every error travels as an RFC 9457 [`Problem`](super::wire::Problem) document.

mod auth;
mod body;
mod decode;
mod dispatch;
mod handle;
mod mount;
mod options;
mod params;
mod problem;
mod reply;
mod stream;
mod tokens;
mod trace;

use std::future::Future;
use std::sync::Arc;

use crate::api::Connector;

pub use options::{DEFAULT_MAX_REQUEST_BYTES, ServerOptions};
pub use tokens::TokenTable;

/// The routes of the binding serving `connector`, with the default [`ServerOptions`] (16 MiB
/// bodies, no test control).
///
/// ```no_run
/// use std::sync::Arc;
/// use jha_interop::api::Connector;
/// use jha_interop::http::server::{TokenTable, router, serve};
/// use jha_interop::model::{AuthorityKind, Organisation};
/// use jha_interop::reference::Reference;
///
/// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
/// let reference = Reference::default();
/// let officer = reference.standard_principal(
///     AuthorityKind::BorderAuthority,
///     Organisation::member_state("DEU")?,
///     "officer-1",
/// )?;
/// let mut tokens = TokenTable::new();
/// tokens.insert("a-long-random-secret", reference.register_principal(officer));
///
/// let connector: Arc<dyn Connector> = Arc::new(reference);
/// let app = router(connector, tokens);
/// let listener = tokio::net::TcpListener::bind("127.0.0.1:8080").await?;
/// serve(listener, app, async {
///     let _ = tokio::signal::ctrl_c().await;
/// })
/// .await?;
/// # Ok(())
/// # }
/// ```
pub fn router(connector: Arc<dyn Connector>, tokens: TokenTable) -> axum::Router {
    router_with(connector, tokens, ServerOptions::default())
}

/// The routes of the binding serving `connector`, set up by `options`.
///
/// Every row of [`wire::ROUTES`](super::wire::ROUTES) is mounted, except the test-control
/// rows when test control is off (see [`ServerOptions::test_control`]).
pub fn router_with(
    connector: Arc<dyn Connector>,
    tokens: TokenTable,
    options: ServerOptions,
) -> axum::Router {
    mount::router(connector, tokens, options)
}

/// Serves `app` on `listener` until `shutdown` resolves, then stops accepting connections and
/// waits for the requests in flight to finish (graceful shutdown).
///
/// Errors are those of the listener; a failed connection only ends that connection.
pub async fn serve(
    listener: tokio::net::TcpListener,
    app: axum::Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, app).with_graceful_shutdown(shutdown).await
}

/// Resolves on Ctrl-C, or on `SIGTERM` on Unix: the usual `shutdown` argument of [`serve`]
/// for a server run from a terminal or by a service manager. If a signal handler cannot be
/// installed, only the other signal ends the wait.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = terminate => {}
    }
}
