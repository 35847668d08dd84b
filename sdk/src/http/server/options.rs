//! How a server is set up beyond the implementation and the tokens: the body limit and
//! whether the test-control routes are mounted.

/// The default of [`ServerOptions::max_request_bytes`]: 16 MiB, room for a request carrying
/// ten fingerprint images and a face.
pub const DEFAULT_MAX_REQUEST_BYTES: usize = 16 * 1024 * 1024;

/// How a server is set up beyond the implementation and the tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServerOptions {
    /// The largest request body accepted, in bytes; a larger one gets a 413 problem (SEC-05).
    /// Set it from the implementation's declared
    /// [`Limits::max_request_bytes`](crate::model::Limits::max_request_bytes) so the server
    /// enforces what the implementation documents. Default [`DEFAULT_MAX_REQUEST_BYTES`].
    pub max_request_bytes: usize,
    /// Whether to mount the `/v1/test/*` routes (SEC-06). They are mounted only when this is
    /// `true`, the implementation offers test control
    /// ([`Connector::test_control`](crate::api::Connector::test_control) is `Some`) and
    /// [`TokenTable::set_test_control_token`](super::TokenTable::set_test_control_token) was
    /// called; otherwise they answer 404 like any unknown route. Default `false`.
    pub test_control: bool,
}

impl Default for ServerOptions {
    fn default() -> Self {
        ServerOptions { max_request_bytes: DEFAULT_MAX_REQUEST_BYTES, test_control: false }
    }
}
