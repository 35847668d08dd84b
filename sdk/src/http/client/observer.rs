//! A hook that lets the conformance harness see the wire under the typed API.
//!
//! Over HTTP the harness holds a server to the published JSON Schemas, which the typed API
//! cannot do once a body is decoded (serde ignores unknown fields, fills defaults). It must also
//! tell a failure of the transport (connection refused, a timeout, a cut stream, a body that
//! does not decode) from an answer of the implementation, because the first is a harness error
//! of the scenario and only the second can fail a requirement.

use crate::api::Error;
use crate::http::wire::Call;

/// Receives what the client reads from the wire. Both methods do nothing by default.
///
/// Methods are called synchronously on the task that runs the call: keep them short.
pub trait WireObserver: Send + Sync {
    /// A response was received: its status, its `Content-Type` (empty when absent) and its
    /// body (empty for `204 No Content`). Called for every response, including error replies
    /// and replies to attempts that are then retried; for a streamed ESP search, called once
    /// per NDJSON line (without the line break) instead of once for the whole body.
    ///
    /// A reply that is not a problem document (a proxy's HTML error page, say) arrives only
    /// here: whether it is a failure of the implementation is the observer's judgement.
    fn on_body(&self, call: Call, status: u16, content_type: &str, body: &[u8]) {
        let _ = (call, status, content_type, body);
    }

    /// A call failed for a reason that is not an answer of the implementation: connection
    /// refused or reset, a timeout, a stream cut before its end line, a success body (or line)
    /// that does not decode. Called once per failed call, with the error the call returns,
    /// after the retries are exhausted.
    fn on_transport_error(&self, call: Call, error: &Error) {
        let _ = (call, error);
    }
}
