//! Every refusal of the server as an RFC 9457 problem document (`application/problem+json`),
//! including the router's own 404 and 405, so a client decodes each the same way.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::api::{Error, ErrorKind};
use crate::http::wire::{PROBLEM_JSON, Problem};

/// A refusal on its way to the client: the contract's error, the HTTP status (the kind's,
/// unless HTTP has a more precise one: 400 for JSON that does not parse, 415 for a wrong
/// content type, 405 for a wrong method) and the `WWW-Authenticate` challenge of a 401.
#[derive(Debug)]
pub(super) struct Failure {
    pub error: Error,
    pub status: StatusCode,
    pub challenge: Option<&'static str>,
}

impl Failure {
    /// The same refusal with another HTTP status; the problem `type` still names the kind.
    pub fn with_status(mut self, status: StatusCode) -> Self {
        self.status = status;
        self
    }

    /// A 401 with its `WWW-Authenticate` challenge (RFC 6750 §3).
    pub fn unauthenticated(message: &str, challenge: &'static str) -> Self {
        Failure { challenge: Some(challenge), ..Failure::from(Error::unauthenticated(message)) }
    }

    /// A fault of the server or the implementation; the details stay out of the reply.
    pub fn internal(message: &str) -> Self {
        Failure::from(Error::internal(message))
    }
}

impl From<Error> for Failure {
    fn from(error: Error) -> Self {
        let status =
            StatusCode::from_u16(error.kind.http_status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        Failure { error, status, challenge: None }
    }
}

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        let mut problem = Problem::from_error(&self.error);
        problem.status = self.status.as_u16();
        let mut response = (self.status, problem_body(&problem)).into_response();
        let headers = response.headers_mut();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON));
        if let Some(challenge) = self.challenge {
            headers.insert(header::WWW_AUTHENTICATE, HeaderValue::from_static(challenge));
        }
        response
    }
}

/// The JSON text of a problem document. A problem holds only strings, numbers and lists, so
/// serialising it cannot fail; should it ever, a fixed document stands in.
pub(super) fn problem_body(problem: &Problem) -> Vec<u8> {
    serde_json::to_vec(problem).unwrap_or_else(|_| {
        format!(
            r#"{{"type":"{}","title":"{}","status":500}}"#,
            ErrorKind::Internal.problem_type(),
            ErrorKind::Internal.title()
        )
        .into_bytes()
    })
}

/// The fallback of the router: a path no route has.
pub(super) async fn no_such_route() -> Failure {
    Failure::from(Error::not_found(
        "no such route in the binding (see GET /v1/capabilities and the OpenAPI document)",
    ))
}

/// The fallback of a route's methods: a path that exists with another method. axum adds the
/// `Allow` header.
pub(super) async fn no_such_method() -> Failure {
    Failure::from(Error::not_found("the route does not accept this method"))
        .with_status(StatusCode::METHOD_NOT_ALLOWED)
}
