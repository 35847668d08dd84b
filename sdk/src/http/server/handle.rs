//! The life of one request on a route of the table: authentication, path parameters, body,
//! the call, the reply — in that order, so that a caller without a valid token learns nothing
//! about its input. The whole of it runs under `catch_unwind`: a panic of the implementation
//! (or of the server) is a 500 problem, never a dropped connection.

use std::panic::AssertUnwindSafe;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::Request;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use futures_util::FutureExt;

use super::dispatch::{self, Input};
use super::params::Params;
use super::problem::Failure;
use super::reply::Outcome;
use super::tokens::TokenTable;
use super::trace::RouteTemplate;
use super::{auth, body, stream};
use crate::api::{Connector, TestControl};
use crate::http::wire::{Access, RequestBody, Route};

/// What every handler of one router shares.
pub(super) struct App {
    pub connector: Arc<dyn Connector>,
    pub tokens: TokenTable,
    /// `Some` only when the test-control routes are mounted.
    pub test_control: Option<Arc<dyn TestControl>>,
    pub max_request_bytes: usize,
}

/// The response to `request` on `route`.
pub(super) async fn handle(app: Arc<App>, route: &'static Route, request: Request) -> Response {
    let mut response = match AssertUnwindSafe(answer(&app, route, request)).catch_unwind().await {
        Ok(Ok(outcome)) => outcome.into_response(),
        Ok(Err(failure)) => failure.into_response(),
        Err(_panic) => {
            // The panic's message may quote the input: it stays out of the log and the reply.
            tracing::error!(route = route.path, "the implementation panicked");
            Failure::internal("the implementation failed while answering").into_response()
        }
    };
    response.extensions_mut().insert(RouteTemplate(route.path));
    response
}

async fn body_of(app: &App, route: &Route, parts: &Parts, body: Body) -> Result<bytes::Bytes, Failure> {
    match route.request {
        RequestBody::None => Ok(bytes::Bytes::new()),
        RequestBody::Json(_) => body::read_json(&parts.headers, body, app.max_request_bytes).await,
    }
}

async fn answer(app: &App, route: &'static Route, request: Request) -> Result<Outcome, Failure> {
    let (mut parts, body) = request.into_parts();
    match route.access {
        Access::Public => dispatch::public(&app.connector, route.call, app.test_control.is_some()).await,
        Access::Principal => {
            let credential = auth::principal(&app.tokens, &parts.headers)?;
            let session = app.connector.connect(credential);
            let params = Params::of(&mut parts).await?;
            let body = body_of(app, route, &parts, body).await?;
            let input = Input { params: &params, body: &body, ndjson: stream::wants_ndjson(&parts.headers) };
            dispatch::principal(&session, route.call, input).await
        }
        Access::TestControl => {
            auth::test_control(&app.tokens, &parts.headers)?;
            let control =
                app.test_control.as_ref().ok_or_else(|| Failure::internal("test control is not mounted"))?;
            let params = Params::of(&mut parts).await?;
            let body = body_of(app, route, &parts, body).await?;
            let input = Input { params: &params, body: &body, ndjson: false };
            dispatch::test_control(control, route.call, input).await
        }
    }
}
