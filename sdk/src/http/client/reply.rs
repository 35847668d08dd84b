//! A complete success reply, as the transport hands it to the decoding of the contract's
//! values (its own module because both sides use it and the transport also decodes errors).

use bytes::Bytes;

/// A complete success reply.
#[derive(Debug)]
pub(crate) struct Reply {
    /// The HTTP status (2xx).
    pub(crate) status: u16,
    /// The body, empty when there is none.
    pub(crate) body: Bytes,
}
