//! One `tracing` span per request: method, route *template*, status and latency (time to the
//! response head; a streamed search goes on after it). Never the path as sent, a header, a
//! token or a body: path parameters and bodies may be personal data.
//!
//! The route template comes from the table row the handler serves (it puts a
//! [`RouteTemplate`] on its response), so the span needs no feature of axum's own.

use std::time::Instant;

use axum::extract::Request;
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;
use tracing::Instrument;
use tracing::field::Empty;

/// The template of the route that answered (`/v1/systems/{system}/records/{id}`).
#[derive(Debug, Clone, Copy)]
pub(super) struct RouteTemplate(pub &'static str);

/// The span around a request, and the event that closes it.
pub(super) async fn span(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let span = tracing::info_span!(
        "http_request",
        method = %request.method(),
        route = Empty,
        status = Empty,
        latency_ms = Empty,
    );
    let mut response = next.run(request).instrument(span.clone()).await;
    let route = response.extensions().get::<RouteTemplate>().map_or("(no route)", |r| r.0);
    let status = response.status().as_u16();
    let latency_ms = started.elapsed().as_secs_f64() * 1000.0;
    span.record("route", route);
    span.record("status", status);
    span.record("latency_ms", latency_ms);
    span.in_scope(|| {
        if response.status().is_server_error() {
            tracing::warn!(route, status, latency_ms, "answered");
        } else {
            tracing::info!(route, status, latency_ms, "answered");
        }
    });
    // Replies carry identity data: no cache on the way may keep them.
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}
