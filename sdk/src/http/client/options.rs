//! The client's settings: timeouts, retries, the test-control token and the observer.

use std::sync::Arc;
use std::time::Duration;

use super::WireObserver;
use crate::api::{Error, ErrorKind, Result};
use crate::model::Credential;

/// How calls that are idempotent by the contract are retried.
///
/// A call is retried only when its row of the route table says it is idempotent (decided per
/// call: `put_record` and `search` are, `hit_flags`, `delete_record` and `open_procedure` are
/// not) and only after an outcome that may change on a later try: `503`, `504`, a connection
/// error or a timeout. Between attempts the client waits a random time between zero and an
/// exponentially growing bound ("full jitter"), or exactly what the server's `Retry-After`
/// (delta-seconds) asks.
///
/// The defaults: 4 attempts, waits bounded by 100 ms, 200 ms, 400 ms (doubling, at most 5 s),
/// and 60 s for the whole call.
#[derive(Debug, Clone, PartialEq)]
pub struct RetryPolicy {
    /// Most attempts of one call, the first included; `1` never retries. Default 4.
    pub max_attempts: u32,
    /// Bound of the wait before the first retry. Default 100 ms.
    pub initial_backoff: Duration,
    /// Factor by which the bound grows for each further retry; at least 1. Default 2.
    pub multiplier: f64,
    /// Largest bound of a wait. Default 5 s.
    pub max_backoff: Duration,
    /// Time budget of a whole call, attempts and waits together, counted from the start of the
    /// first attempt. No attempt runs past it (each attempt's timeout is cut to what remains),
    /// no wait is taken that would end past it, and a `Retry-After` that asks for longer than
    /// what remains ends the retries at once (waiting it out would leave no time to try
    /// again). [`Duration::MAX`] means no budget. Default 60 s.
    pub max_elapsed: Duration,
}

impl RetryPolicy {
    /// Never retry: one attempt, bounded by the request timeout only.
    pub fn none() -> Self {
        RetryPolicy { max_attempts: 1, max_elapsed: Duration::MAX, ..RetryPolicy::default() }
    }

    /// The bound of the wait before retry number `retry` (0 for the first retry).
    pub fn backoff_bound(&self, retry: u32) -> Duration {
        let exponent = i32::try_from(retry).unwrap_or(i32::MAX);
        let seconds = self.initial_backoff.as_secs_f64() * self.multiplier.powi(exponent);
        match Duration::try_from_secs_f64(seconds) {
            Ok(bound) => bound.min(self.max_backoff),
            Err(_) => self.max_backoff,
        }
    }

    fn check(&self) -> Result<()> {
        if self.max_attempts == 0 {
            return Err(invalid("retry.max_attempts must be at least 1 (1 never retries)"));
        }
        if !(self.multiplier.is_finite() && self.multiplier >= 1.0) {
            return Err(invalid(format!(
                "retry.multiplier must be a finite number of at least 1, not {}",
                self.multiplier
            )));
        }
        if self.max_elapsed.is_zero() {
            return Err(invalid("retry.max_elapsed must be longer than zero"));
        }
        Ok(())
    }
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 4,
            initial_backoff: Duration::from_millis(100),
            multiplier: 2.0,
            max_backoff: Duration::from_secs(5),
            max_elapsed: Duration::from_secs(60),
        }
    }
}

/// The settings of an [`HttpConnector`](super::HttpConnector).
///
/// The defaults: 30 s per request, 5 s to connect, [`RetryPolicy::default`], responses up to
/// 64 MiB, no test control, no observer.
#[derive(Clone)]
pub struct ClientOptions {
    /// Longest time one attempt may take, from sending the request to the end of the reply.
    /// For a streamed ESP search it bounds the wait for the response headers, then the wait
    /// for each further line. Default 30 s.
    pub request_timeout: Duration,
    /// Longest time to establish a connection. Default 5 s.
    pub connect_timeout: Duration,
    /// How idempotent calls are retried.
    pub retry: RetryPolicy,
    /// Largest response body, and for a streamed search the largest line, read into memory; a
    /// larger one is a transport error. Default 64 MiB.
    pub max_response_bytes: usize,
    /// The token that guards the server's `/v1/test/*` routes (sent as a bearer token, never
    /// shown by `Debug`). Test control is offered only when this is set and the server
    /// declares the `test-control` capability. Default none.
    pub test_control_token: Option<Credential>,
    /// Sees every response body and every transport failure. Default none.
    pub observer: Option<Arc<dyn WireObserver>>,
}

impl ClientOptions {
    /// The same options with another request timeout.
    pub fn with_request_timeout(mut self, timeout: Duration) -> Self {
        self.request_timeout = timeout;
        self
    }

    /// The same options with another connect timeout.
    pub fn with_connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// The same options with another retry policy.
    pub fn with_retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// The same options with the token of the server's test-control routes.
    pub fn with_test_control_token(mut self, token: Credential) -> Self {
        self.test_control_token = Some(token);
        self
    }

    /// The same options with an observer of the wire.
    pub fn with_observer(mut self, observer: Arc<dyn WireObserver>) -> Self {
        self.observer = Some(observer);
        self
    }

    /// Checks that the settings can work.
    pub(crate) fn check(&self) -> Result<()> {
        if self.request_timeout.is_zero() {
            return Err(invalid("request_timeout must be longer than zero"));
        }
        if self.connect_timeout.is_zero() {
            return Err(invalid("connect_timeout must be longer than zero"));
        }
        if self.max_response_bytes == 0 {
            return Err(invalid("max_response_bytes must be at least 1"));
        }
        self.retry.check()
    }
}

impl Default for ClientOptions {
    fn default() -> Self {
        ClientOptions {
            request_timeout: Duration::from_secs(30),
            connect_timeout: Duration::from_secs(5),
            retry: RetryPolicy::default(),
            max_response_bytes: 64 * 1024 * 1024,
            test_control_token: None,
            observer: None,
        }
    }
}

impl std::fmt::Debug for ClientOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientOptions")
            .field("request_timeout", &self.request_timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field("retry", &self.retry)
            .field("max_response_bytes", &self.max_response_bytes)
            // `Credential`'s Debug form is redacted.
            .field("test_control_token", &self.test_control_token)
            .field("observer", &self.observer.as_ref().map(|_| "WireObserver"))
            .finish()
    }
}

fn invalid(message: impl Into<String>) -> Error {
    Error::new(ErrorKind::Invalid, format!("client options: {}", message.into()))
}
