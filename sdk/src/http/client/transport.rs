//! Sending one call: the request, its timeout, the bearer token, the reading of the reply, the
//! mapping of failures to the contract's errors, and the retry loop.
//!
//! The layer above hands over a call, its filled-in path and its JSON body; it gets back a
//! success reply (status, content type, body) or, for the streamed search, a response whose
//! body is still to be read. Every failure comes back as an [`Error`].

use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::Bytes;
use reqwest::header::{ACCEPT, AUTHORIZATION, CONTENT_LENGTH, CONTENT_TYPE, HeaderMap, HeaderValue};

use super::operation::Operation;
use super::reply::Reply;
use super::retry::{self, Jitter};
use super::{ClientOptions, TokenSource, WireObserver, decode};
use crate::api::{Error, ErrorKind, Result};
use crate::http::wire::{self, Method, ResponseBody};
use crate::model::Credential;

/// Who the requests of a handle speak for.
#[derive(Clone)]
pub(crate) enum Auth {
    /// Nobody: the public declaration of capabilities.
    Public,
    /// A principal, or the test-control token, as a bearer token.
    Bearer(Arc<dyn TokenSource>),
}

/// A success reply whose body is still to be read: the streamed ESP search.
#[derive(Debug)]
pub(crate) struct Started {
    /// The response, headers read.
    pub(crate) response: reqwest::Response,
    /// The HTTP status (2xx).
    pub(crate) status: u16,
    /// The `Content-Type`, empty when absent.
    pub(crate) content_type: String,
}

/// How much of a success reply one attempt waits for.
#[derive(Debug, Clone, Copy)]
enum Until {
    /// The whole body.
    Body,
    /// The headers: the body is a stream read by the caller.
    Headers,
}

enum Answer {
    Complete(Reply),
    Started(Started),
}

/// Why an attempt failed, and whether trying again may help.
struct Failure {
    error: Error,
    /// The same request may get another answer later (503, 504, connection, timeout).
    retriable: bool,
    /// What the server's `Retry-After` asked for.
    retry_after: Option<Duration>,
    /// Not an answer of the implementation (reported to the observer).
    transport: bool,
}

impl Failure {
    fn transport(error: Error) -> Self {
        Failure { error, retriable: true, retry_after: None, transport: true }
    }

    fn fatal(error: Error) -> Self {
        Failure { error, retriable: false, retry_after: None, transport: false }
    }
}

/// The HTTP side of a connector, shared by every handle it makes.
pub(crate) struct Transport {
    http: reqwest::Client,
    base_url: String,
    options: ClientOptions,
    jitter: Jitter,
}

impl Transport {
    /// A transport to `base_url`, after checking the URL and the options.
    pub(crate) fn new(base_url: &str, options: ClientOptions) -> Result<Self> {
        options.check()?;
        let base_url = checked_base_url(base_url)?;
        let http = reqwest::Client::builder()
            .connect_timeout(options.connect_timeout)
            // The binding defines no redirect; following one would resend the token elsewhere.
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("jha-interop/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| Error::internal(format!("cannot build the HTTP client: {}", chain(&e))))?;
        Ok(Transport { http, base_url, options, jitter: Jitter::new() })
    }

    /// The base URL, without a trailing slash.
    pub(crate) fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The options the transport was made with.
    pub(crate) fn options(&self) -> &ClientOptions {
        &self.options
    }

    /// The observer, if any.
    pub(crate) fn observer(&self) -> Option<&dyn WireObserver> {
        self.options.observer.as_deref()
    }

    /// Sends the call and reads the whole success reply, retrying as the policy allows.
    pub(crate) async fn complete(
        &self,
        operation: &Operation,
        auth: &Auth,
        body: Option<Bytes>,
    ) -> Result<Reply> {
        match self.exchange(operation, auth, body, Until::Body).await? {
            Answer::Complete(reply) => Ok(reply),
            Answer::Started(_) => {
                Err(Error::internal(format!("{operation}: a streamed reply where none was asked")))
            }
        }
    }

    /// Sends the call and returns once a success reply's headers have arrived, retrying as the
    /// policy allows until then; the body is the caller's to read.
    pub(crate) async fn start(
        &self,
        operation: &Operation,
        auth: &Auth,
        body: Option<Bytes>,
    ) -> Result<Started> {
        match self.exchange(operation, auth, body, Until::Headers).await? {
            Answer::Started(started) => Ok(started),
            Answer::Complete(_) => {
                Err(Error::internal(format!("{operation}: a complete reply where a stream was asked")))
            }
        }
    }

    /// Reads the rest of a started reply, within the request timeout and the size limit.
    pub(crate) async fn read_rest(&self, operation: &Operation, started: Started) -> Result<Reply> {
        let timeout = self.options.request_timeout;
        let Started { response, status, content_type } = started;
        let body = match tokio::time::timeout(timeout, self.read_body(operation, response)).await {
            Ok(Ok(body)) => body,
            Ok(Err(failure)) => return Err(self.report(operation, failure)),
            Err(_) => return Err(self.report(operation, timed_out(operation, timeout))),
        };
        if let Some(observer) = self.observer() {
            observer.on_body(operation.call, status, &content_type, &body);
        }
        Ok(Reply { status, body })
    }

    async fn exchange(
        &self,
        operation: &Operation,
        auth: &Auth,
        body: Option<Bytes>,
        until: Until,
    ) -> Result<Answer> {
        let url = format!("{}{}", self.base_url, operation.path);
        let policy = &self.options.retry;
        let deadline = Instant::now().checked_add(policy.max_elapsed);
        let remaining = || deadline.map(|d| d.saturating_duration_since(Instant::now()));
        let mut attempts = 0u32;
        loop {
            attempts += 1;
            let timeout =
                remaining().map_or(self.options.request_timeout, |r| r.min(self.options.request_timeout));
            let failure = match self.attempt(operation, &url, auth, body.as_ref(), until, timeout).await {
                Ok(answer) => return Ok(answer),
                Err(failure) => failure,
            };
            let may_retry =
                failure.retriable && operation.route().idempotent && attempts < policy.max_attempts;
            let wait = if may_retry {
                retry::wait_before(policy, &self.jitter, attempts - 1, failure.retry_after, remaining())
            } else {
                None
            };
            match wait {
                Some(wait) => tokio::time::sleep(wait).await,
                None => return Err(self.report(operation, failure)),
            }
        }
    }

    /// The error of a failed call, reported to the observer when it is not an answer.
    fn report(&self, operation: &Operation, failure: Failure) -> Error {
        if failure.transport
            && let Some(observer) = self.observer()
        {
            observer.on_transport_error(operation.call, &failure.error);
        }
        failure.error
    }

    async fn attempt(
        &self,
        operation: &Operation,
        url: &str,
        auth: &Auth,
        body: Option<&Bytes>,
        until: Until,
        timeout: Duration,
    ) -> std::result::Result<Answer, Failure> {
        let route = operation.route();
        let accept = if route.response == ResponseBody::SearchStream { wire::NDJSON } else { wire::JSON };
        let mut request = self.http.request(method(route.method), url).header(ACCEPT, accept);
        if let Auth::Bearer(source) = auth {
            let token = source.token().await.map_err(Failure::fatal)?;
            request = request.header(AUTHORIZATION, bearer(&token).map_err(Failure::fatal)?);
        }
        match body {
            Some(body) => request = request.header(CONTENT_TYPE, wire::JSON).body(body.clone()),
            // RFC 9110 §8.6: a POST or PUT without content still says so (`Content-Length: 0`),
            // which some proxies require.
            None if matches!(route.method, Method::Post | Method::Put) => {
                request = request.header(CONTENT_LENGTH, "0")
            }
            None => {}
        }
        let exchange = async {
            let response = request.send().await.map_err(|e| self.transport_failure(operation, &e))?;
            let status = response.status().as_u16();
            let content_type = content_type_of(response.headers());
            let retry_after = retry::retry_after(response.headers());
            let success = response.status().is_success();
            if success && matches!(until, Until::Headers) {
                return Ok(Answer::Started(Started { response, status, content_type }));
            }
            let body = self.read_body(operation, response).await?;
            if let Some(observer) = self.observer() {
                observer.on_body(operation.call, status, &content_type, &body);
            }
            if success {
                return Ok(Answer::Complete(Reply { status, body }));
            }
            Err(Failure {
                error: decode::error_of_reply(operation, status, &content_type, &body),
                retriable: retry::retriable_status(status),
                retry_after,
                transport: false,
            })
        };
        match tokio::time::timeout(timeout, exchange).await {
            Ok(outcome) => outcome,
            Err(_) => Err(timed_out(operation, timeout)),
        }
    }

    /// The whole body, at most `max_response_bytes` of it.
    async fn read_body(
        &self,
        operation: &Operation,
        mut response: reqwest::Response,
    ) -> std::result::Result<Bytes, Failure> {
        let limit = self.options.max_response_bytes;
        let too_large = || {
            let error = Error::internal(format!("{operation}: the reply is larger than {limit} bytes"));
            Failure { error, retriable: false, retry_after: None, transport: true }
        };
        if response.content_length().is_some_and(|length| length > limit as u64) {
            return Err(too_large());
        }
        let mut body = Vec::new();
        loop {
            match response.chunk().await {
                Ok(Some(chunk)) => {
                    if body.len() + chunk.len() > limit {
                        return Err(too_large());
                    }
                    body.extend_from_slice(&chunk);
                }
                Ok(None) => return Ok(Bytes::from(body)),
                Err(e) => return Err(self.transport_failure(operation, &e)),
            }
        }
    }

    /// A reqwest failure as the contract's error: timeouts are `Timeout`, everything that
    /// keeps the request from being answered is `Unavailable`; both may be retried.
    fn transport_failure(&self, operation: &Operation, e: &reqwest::Error) -> Failure {
        let detail = chain(e);
        if e.is_timeout() {
            Failure::transport(Error::new(ErrorKind::Timeout, format!("{operation}: timed out: {detail}")))
        } else if e.is_builder() {
            let error = Error::internal(format!("{operation}: the request cannot be built: {detail}"));
            Failure { error, retriable: false, retry_after: None, transport: true }
        } else if e.is_connect() {
            let message = format!("{operation}: cannot connect to {}: {detail}", self.base_url);
            Failure::transport(Error::new(ErrorKind::Unavailable, message))
        } else {
            let message = format!("{operation}: the connection failed: {detail}");
            Failure::transport(Error::new(ErrorKind::Unavailable, message))
        }
    }
}

fn timed_out(operation: &Operation, timeout: Duration) -> Failure {
    Failure::transport(Error::new(ErrorKind::Timeout, format!("{operation}: no answer within {timeout:?}")))
}

fn method(method: Method) -> reqwest::Method {
    match method {
        Method::Get => reqwest::Method::GET,
        Method::Put => reqwest::Method::PUT,
        Method::Post => reqwest::Method::POST,
        Method::Delete => reqwest::Method::DELETE,
    }
}

/// `Bearer <token>`, marked sensitive so that no HTTP layer logs or indexes it.
fn bearer(token: &Credential) -> Result<HeaderValue> {
    let mut value = HeaderValue::from_str(&format!("Bearer {}", token.expose())).map_err(|_| {
        Error::unauthenticated("the credential cannot be sent as a bearer token: it holds characters an HTTP header cannot carry")
    })?;
    value.set_sensitive(true);
    Ok(value)
}

/// The `Content-Type` of a response, empty when absent or unreadable.
pub(crate) fn content_type_of(headers: &HeaderMap) -> String {
    headers.get(CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or_default().to_string()
}

/// An error and its sources, joined by `: `.
pub(crate) fn chain(error: &dyn std::error::Error) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut next = Some(error);
    while let Some(e) = next {
        let text = e.to_string();
        if parts.last() != Some(&text) {
            parts.push(text);
        }
        next = e.source();
    }
    parts.join(": ")
}

/// The base URL without a trailing slash, after checking that requests can be sent to it.
fn checked_base_url(base_url: &str) -> Result<String> {
    // The input may hold a password: show it only when it holds none.
    let shown = if base_url.contains('@') {
        "(not shown: it holds user information)".to_string()
    } else {
        format!("{base_url:?}")
    };
    let invalid = |reason: &str| Error::new(ErrorKind::Invalid, format!("base URL {shown}: {reason}"));
    let url = reqwest::Url::parse(base_url.trim())
        .map_err(|e| invalid(&format!("not an absolute URL ({e}); expected e.g. http://127.0.0.1:8080")))?;
    match url.scheme() {
        "http" => {}
        "https" if cfg!(feature = "tls") => {}
        "https" => return Err(invalid("https needs the `tls` feature of jha-interop")),
        other => return Err(invalid(&format!("scheme {other:?} is not http or https"))),
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(invalid("it names no host"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(invalid("credentials do not belong in the URL; give them to Connector::connect"));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(invalid("it must not have a query or a fragment"));
    }
    Ok(url.as_str().trim_end_matches('/').to_string())
}
