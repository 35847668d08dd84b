//! The router, built from the route table: one handler per row of
//! [`ROUTES`], at the row's method and path template, never a
//! hand-written path. Paths no row has answer a 404 problem, methods a path does not take a
//! 405 problem.

use std::sync::Arc;

use axum::Router;
use axum::extract::Request;
use axum::routing::{MethodFilter, MethodRouter};

use super::handle::{App, handle};
use super::options::ServerOptions;
use super::problem::{no_such_method, no_such_route};
use super::tokens::TokenTable;
use super::trace;
use crate::api::Connector;
use crate::http::wire::{Access, Method, ROUTES};

fn filter(method: Method) -> MethodFilter {
    match method {
        Method::Get => MethodFilter::GET,
        Method::Put => MethodFilter::PUT,
        Method::Post => MethodFilter::POST,
        Method::Delete => MethodFilter::DELETE,
    }
}

/// The router of [`super::router_with`].
pub(super) fn router(connector: Arc<dyn Connector>, tokens: TokenTable, options: ServerOptions) -> Router {
    let test_control =
        if options.test_control && tokens.has_test_control_token() { connector.test_control() } else { None };
    let mounts_test_control = test_control.is_some();
    let app = Arc::new(App { connector, tokens, test_control, max_request_bytes: options.max_request_bytes });

    // Rows sharing a path (a record's PUT, GET and DELETE) share one method router.
    let mut paths: Vec<(&'static str, MethodRouter)> = Vec::new();
    for route in ROUTES {
        if route.access == Access::TestControl && !mounts_test_control {
            continue;
        }
        let app = app.clone();
        let handler = move |request: Request| handle(app, route, request);
        match paths.iter_mut().find(|(path, _)| *path == route.path) {
            Some((_, methods)) => *methods = std::mem::take(methods).on(filter(route.method), handler),
            None => paths.push((route.path, MethodRouter::new().on(filter(route.method), handler))),
        }
    }

    let mut router = Router::new();
    for (path, methods) in paths {
        router = router.route(path, methods.fallback(no_such_method));
    }
    router.fallback(no_such_route).layer(axum::middleware::from_fn(trace::span))
}
