//! Shared pieces: fixtures, a wiremock harness with a connected session, the redacted
//! description of a request for snapshots, a recording observer and a raw TCP server that
//! writes a streamed reply in controlled chunks.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, mpsc};
use std::time::Duration;

use jha_interop::api::{Connector, Error, Session};
use jha_interop::http::client::{ClientOptions, HttpConnector, RetryPolicy, WireObserver};
use jha_interop::http::wire::Call;
use jha_interop::model::{Credential, RecordId, RecordRef, SourceSystem};
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// The principal's token every session sends.
pub const TOKEN: &str = "principal-secret-7f3a";
/// The token of the test-control routes.
pub const TEST_TOKEN: &str = "test-control-secret-91c2";

/// The text of a fixture file.
pub fn fixture_text(name: &str) -> String {
    let file = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/http_client/fixtures").join(name);
    std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("fixture {}: {e}", file.display()))
}

/// A fixture decoded as a model type (which checks the fixture itself).
pub fn fixture<T: DeserializeOwned>(name: &str) -> T {
    serde_json::from_str(&fixture_text(name))
        .unwrap_or_else(|e| panic!("fixture {name} does not decode: {e}"))
}

/// A model value from inline JSON.
pub fn value<T: DeserializeOwned>(json: Value) -> T {
    serde_json::from_value(json).expect("the inline JSON decodes")
}

/// `200 OK` with a fixture as its `application/json` body.
pub fn json_reply(name: &str) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_raw(fixture_text(name), "application/json")
}

/// An error reply carrying a problem document.
pub fn problem_reply(status: u16, problem: Value) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_raw(problem.to_string(), "application/problem+json")
}

/// A problem document of `kind` (`not-found`, `unavailable`…).
pub fn problem(kind: &str, status: u16, detail: &str) -> Value {
    json!({
        "type": format!("https://jha-interop.github.io/problems/{kind}"),
        "title": kind,
        "status": status,
        "detail": detail,
    })
}

/// `EES/EES-0001`.
pub fn ees_0001() -> RecordRef {
    RecordRef::new(SourceSystem::Ees, RecordId::new("EES-0001").unwrap())
}

/// Options for tests: the test-control token, and retries quick enough for a test.
pub fn options() -> ClientOptions {
    let retry = RetryPolicy {
        initial_backoff: Duration::from_millis(10),
        max_backoff: Duration::from_millis(50),
        ..RetryPolicy::default()
    };
    ClientOptions::default().with_test_control_token(Credential::new(TEST_TOKEN)).with_retry(retry)
}

/// A wiremock server that declares `capabilities.json`, a connector to it and a session of
/// the principal whose token is [`TOKEN`].
pub struct Harness {
    pub server: MockServer,
    pub connector: HttpConnector,
    pub session: Session,
}

impl Harness {
    pub async fn start() -> Self {
        Harness::with(options()).await
    }

    pub async fn with(options: ClientOptions) -> Self {
        Harness::declaring("capabilities.json", options).await
    }

    pub async fn declaring(capabilities: &str, options: ClientOptions) -> Self {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .and(path("/v1/capabilities"))
            .respond_with(json_reply(capabilities))
            .mount(&server)
            .await;
        let connector =
            HttpConnector::new(&server.uri(), options).await.expect("the connector reads the capabilities");
        let session = connector.connect(&Credential::new(TOKEN));
        Harness { server, connector, session }
    }

    /// Answers `verb path` with `response`, every time.
    pub async fn mount(&self, verb: &str, route: &str, response: ResponseTemplate) {
        Mock::given(method(verb)).and(path(route)).respond_with(response).mount(&self.server).await;
    }

    /// Answers `verb path` with `response` the first `times` times only.
    pub async fn mount_times(&self, verb: &str, route: &str, response: ResponseTemplate, times: u64) {
        Mock::given(method(verb))
            .and(path(route))
            .respond_with(response)
            .up_to_n_times(times)
            .mount(&self.server)
            .await;
    }

    /// The requests received after the connector read the capabilities.
    pub async fn requests(&self) -> Vec<Request> {
        let mut all = self.server.received_requests().await.expect("request recording is on");
        assert_eq!(
            all.first().map(|r| r.url.path()),
            Some("/v1/capabilities"),
            "the connector reads the capabilities first"
        );
        all.remove(0);
        all
    }

    /// The one request of the test, described for a snapshot; `token` is the bearer token it
    /// must carry, if any.
    pub async fn sent(&self, token: Option<&str>) -> Value {
        let requests = self.requests().await;
        assert_eq!(
            requests.len(),
            1,
            "one request: {:?}",
            requests.iter().map(|r| r.url.path()).collect::<Vec<_>>()
        );
        describe(&requests[0], token)
    }
}

/// A request as JSON for a snapshot: method, path, query, headers and body. The bearer token
/// is checked against `token`, then shown as `Bearer [token]`; the host (a random port) and
/// the client's version are redacted too.
pub fn describe(request: &Request, token: Option<&str>) -> Value {
    let mut headers = BTreeMap::new();
    for (name, raw) in request.headers.iter() {
        let text = raw.to_str().expect("headers are ASCII");
        let shown = match name.as_str() {
            "authorization" => {
                let expected = token.expect("no Authorization header expected on this route");
                assert_eq!(text, format!("Bearer {expected}"), "the bearer token sent");
                "Bearer [token]".to_string()
            }
            "host" => "[host]".to_string(),
            "user-agent" => {
                assert!(text.starts_with("jha-interop/"), "user agent {text}");
                "jha-interop/[version]".to_string()
            }
            _ => text.to_string(),
        };
        assert!(headers.insert(name.as_str().to_string(), shown).is_none(), "header {name} sent twice");
    }
    assert_eq!(
        headers.contains_key("authorization"),
        token.is_some(),
        "Authorization present iff a token is due"
    );
    let body = if request.body.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(&request.body).expect("the request body is JSON")
    };
    json!({
        "method": request.method.as_str(),
        "path": request.url.path(),
        "query": request.url.query(),
        "headers": headers,
        "body": body,
    })
}

/// What a [`WireObserver`] was told.
#[derive(Default)]
pub struct Recorder {
    pub bodies: Mutex<Vec<(Call, u16, String, String)>>,
    pub transport_errors: Mutex<Vec<(Call, Error)>>,
}

impl Recorder {
    pub fn bodies(&self) -> Vec<(Call, u16, String, String)> {
        self.bodies.lock().unwrap().clone()
    }

    pub fn transport_errors(&self) -> Vec<(Call, Error)> {
        self.transport_errors.lock().unwrap().clone()
    }
}

impl WireObserver for Recorder {
    fn on_body(&self, call: Call, status: u16, content_type: &str, body: &[u8]) {
        let body = String::from_utf8_lossy(body).into_owned();
        self.bodies.lock().unwrap().push((call, status, content_type.to_string(), body));
    }

    fn on_transport_error(&self, call: Call, error: &Error) {
        self.transport_errors.lock().unwrap().push((call, error.clone()));
    }
}

/// Options with a recording observer.
pub fn observed(options: ClientOptions) -> (ClientOptions, Arc<Recorder>) {
    let recorder = Arc::new(Recorder::default());
    (options.with_observer(recorder.clone()), recorder)
}

/// A port nothing listens on.
pub fn closed_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

/// A server on a raw socket: it answers `GET /v1/capabilities` with `capabilities.json`, then
/// answers `POST /v1/esp/search` with a chunked NDJSON reply: `first` at once, and `rest` only
/// after the returned sender is used (or dropped). Returns the base URL.
pub fn chunked_search_server(first: Vec<u8>, rest: Vec<u8>) -> (String, mpsc::Sender<()>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let (release, released) = mpsc::channel::<()>();
    std::thread::spawn(move || {
        for connection in listener.incoming() {
            let Ok(mut connection) = connection else { return };
            let Some(request_line) = read_request(&mut connection) else { continue };
            if request_line.starts_with("GET /v1/capabilities ") {
                let body = fixture_text("capabilities.json");
                let head = format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
                    body.len()
                );
                let _ = connection.write_all(head.as_bytes());
                let _ = connection.write_all(body.as_bytes());
                continue;
            }
            assert!(request_line.starts_with("POST /v1/esp/search "), "unexpected request {request_line}");
            let head = "HTTP/1.1 200 OK\r\ncontent-type: application/x-ndjson\r\ntransfer-encoding: chunked\r\nconnection: close\r\n\r\n";
            let _ = connection.write_all(head.as_bytes());
            let _ = connection.write_all(&chunk(&first));
            let _ = connection.flush();
            let _ = released.recv();
            let _ = connection.write_all(&chunk(&rest));
            let _ = connection.write_all(b"0\r\n\r\n");
            let _ = connection.flush();
            return;
        }
    });
    (url, release)
}

/// One chunk of a chunked body.
fn chunk(data: &[u8]) -> Vec<u8> {
    let mut out = format!("{:x}\r\n", data.len()).into_bytes();
    out.extend_from_slice(data);
    out.extend_from_slice(b"\r\n");
    out
}

/// Reads one request (head and `Content-Length` body); returns its request line.
fn read_request(connection: &mut std::net::TcpStream) -> Option<String> {
    let mut received = Vec::new();
    let mut buffer = [0u8; 4096];
    let head_end = loop {
        if let Some(at) = received.windows(4).position(|w| w == b"\r\n\r\n") {
            break at + 4;
        }
        let n = connection.read(&mut buffer).ok()?;
        if n == 0 {
            return None;
        }
        received.extend_from_slice(&buffer[..n]);
    };
    let head = String::from_utf8_lossy(&received[..head_end]).into_owned();
    let length = head
        .lines()
        .find_map(|line| {
            let (name, value) = line.split_once(':')?;
            name.eq_ignore_ascii_case("content-length").then(|| value.trim().parse::<usize>().ok()).flatten()
        })
        .unwrap_or(0);
    while received.len() < head_end + length {
        let n = connection.read(&mut buffer).ok()?;
        if n == 0 {
            return None;
        }
        received.extend_from_slice(&buffer[..n]);
    }
    head.lines().next().map(str::to_string)
}
