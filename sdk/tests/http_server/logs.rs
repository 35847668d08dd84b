//! One span per request with method, route template, status and latency — and never a token,
//! a body or a path parameter (personal data) in what the server logs.

use std::fmt::Write as _;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use jha_interop::http::server::ServerOptions;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

use super::input::record_json;
use super::{EES, Fixture, OFFICER};

/// Every span and event as one line of text.
#[derive(Default)]
struct Capture {
    lines: Arc<Mutex<Vec<String>>>,
    next: AtomicU64,
}

/// The lines of every test of this binary: the capture is the process's global subscriber
/// (a scoped one misses events when other tests' threads touch the same callsites first), so
/// the secrets below must appear in no line of any test.
fn captured() -> Arc<Mutex<Vec<String>>> {
    static LINES: OnceLock<Arc<Mutex<Vec<String>>>> = OnceLock::new();
    LINES
        .get_or_init(|| {
            let capture = Capture::default();
            let lines = capture.lines.clone();
            tracing::subscriber::set_global_default(capture).expect("no other global subscriber");
            lines
        })
        .clone()
}

struct Line(String);

impl Visit for Line {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        let _ = write!(self.0, " {}={:?}", field.name(), value);
    }
}

impl Capture {
    fn push(&self, line: Line) {
        self.lines.lock().unwrap().push(line.0);
    }
}

impl Subscriber for Capture {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }

    fn new_span(&self, span: &Attributes<'_>) -> Id {
        let mut line = Line(format!("span {}:", span.metadata().name()));
        span.record(&mut line);
        self.push(line);
        Id::from_u64(self.next.fetch_add(1, Ordering::SeqCst) + 1)
    }

    fn record(&self, span: &Id, values: &Record<'_>) {
        let mut line = Line(format!("record {}:", span.into_u64()));
        values.record(&mut line);
        self.push(line);
    }

    fn record_follows_from(&self, _: &Id, _: &Id) {}

    fn event(&self, event: &Event<'_>) {
        let mut line = Line(format!("event {}:", event.metadata().target()));
        event.record(&mut line);
        self.push(line);
    }

    fn enter(&self, _: &Id) {}

    fn exit(&self, _: &Id) {}
}

#[tokio::test]
async fn requests_are_logged_by_route_template_without_tokens_bodies_or_parameters() {
    let lines = captured();

    let fixture = Fixture::start(ServerOptions::default()).await;
    let server = &fixture.server;
    let record = "/v1/systems/EES/records/EES-SECRET-ID";
    let response =
        server.http.put(server.url(record)).bearer_auth(EES).json(&record_json()).send().await.unwrap();
    assert_eq!(response.status(), 200);
    let response =
        server.http.get(server.url(record)).bearer_auth("token-nobody-knows").send().await.unwrap();
    assert_eq!(response.status(), 401);
    let response = server
        .http
        .post(server.url("/v1/esp/search"))
        .bearer_auth(OFFICER)
        .header("content-type", "application/json")
        .body(r#"{"profile": "border-check", "identity": {"surname": "GARCÍA"}, "note": "PRIVATE-NOTE"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 422);

    let lines = lines.lock().unwrap().clone();
    let all = lines.join("\n");
    for secret in [EES, OFFICER, "token-nobody-knows", "EES-SECRET-ID", "GARCÍA", "PRIVATE-NOTE", "PA1234567"]
    {
        assert!(!all.contains(secret), "{secret} was logged:\n{all}");
    }
    for (status, route) in [
        ("200", "/v1/systems/{system}/records/{id}"),
        ("401", "/v1/systems/{system}/records/{id}"),
        ("422", "/v1/esp/search"),
    ] {
        assert!(
            lines
                .iter()
                .any(|l| l.contains(&format!("status={status}")) && l.contains(&format!("route={route:?}"))),
            "no line with status {status} and route {route}:\n{all}"
        );
    }
    assert!(lines.iter().any(|l| l.starts_with("span http_request:") && l.contains("method=PUT")), "{all}");
    assert!(lines.iter().any(|l| l.contains("latency_ms=")), "{all}");
}
