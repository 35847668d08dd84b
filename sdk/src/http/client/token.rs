//! Where the bearer token of a session comes from.
//!
//! `Connector::connect` is synchronous and cannot fail, so over HTTP it can only keep the
//! credential; a real deployment wants tokens that expire and are refreshed. Keeping the token
//! behind a small trait lets both live in the same session type.

use async_trait::async_trait;

use crate::api::Result;
use crate::model::Credential;

/// A source of the bearer token sent with every request of a session.
///
/// The client asks for the token before every attempt, retries included, so a source that
/// refreshes its token is picked up without rebuilding the session. An error returned here
/// ends the call with that error (it is not retried).
#[async_trait]
pub trait TokenSource: Send + Sync {
    /// The token to send now.
    async fn token(&self) -> Result<Credential>;
}

/// A token that never changes: what [`Connector::connect`](crate::api::Connector::connect)
/// uses. Its `Debug` form never shows the token.
#[derive(Clone, Debug)]
pub struct StaticToken(Credential);

impl StaticToken {
    /// A source that always gives `credential`.
    pub fn new(credential: Credential) -> Self {
        StaticToken(credential)
    }
}

#[async_trait]
impl TokenSource for StaticToken {
    async fn token(&self) -> Result<Credential> {
        Ok(self.0.clone())
    }
}
