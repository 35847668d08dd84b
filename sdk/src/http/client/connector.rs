//! [`HttpConnector`]: the contract's entry point over HTTP.

use std::sync::Arc;

use async_trait::async_trait;

use super::handles::{self, HttpTestControl, Stub};
use super::operation::Operation;
use super::transport::{Auth, Transport};
use super::{ClientOptions, StaticToken, TokenSource, decode};
use crate::api::{Connector, Result, Session, TestControl};
use crate::http::wire::Call;
use crate::model::{Capabilities, Capability, Credential};

/// A server of the HTTP binding, reached with reqwest; implements
/// [`Connector`](crate::api::Connector), so everything written against the contract works
/// over the wire unchanged.
///
/// [`HttpConnector::new`] reads the server's public declaration (`GET /v1/capabilities`) once,
/// so that [`Connector::test_control`] can answer synchronously: test control is offered when
/// the server declares the `test-control` capability and
/// [`ClientOptions::test_control_token`] is set (the server's `/v1/test/*` routes are guarded
/// by that token, not by a principal's). [`Connector::connect`] makes a session whose every
/// request sends the credential as `Authorization: Bearer`; a credential the server does not
/// know surfaces as `Unauthenticated` on the first call.
///
/// ```no_run
/// use jha_interop::api::Connector;
/// use jha_interop::http::client::{ClientOptions, HttpConnector};
/// use jha_interop::model::{Credential, RecordId, RecordRef, SourceSystem};
///
/// # async fn run() -> Result<(), jha_interop::api::Error> {
/// let server = HttpConnector::new("http://127.0.0.1:8080", ClientOptions::default()).await?;
/// let declared = server.capabilities().await?;
/// println!("{} {}", declared.implementation, declared.version);
///
/// let ees = server.connect(&Credential::new("token-of-the-ees-central-service"));
/// let reference = RecordRef::new(SourceSystem::Ees, RecordId::new("EES-0001")?);
/// let record = ees.source_systems.get_record(&reference).await?;
/// println!("version {} of {}", record.version, record.reference);
/// # Ok(())
/// # }
/// ```
#[derive(Clone)]
pub struct HttpConnector {
    transport: Arc<Transport>,
    declared: Capabilities,
    test_control: Option<Arc<HttpTestControl>>,
}

impl HttpConnector {
    /// A connector to the server at `base_url` (`http://host:port`, optionally with a path
    /// prefix; `https` needs the `tls` feature).
    ///
    /// Fails with `Invalid` for a URL that cannot work (not absolute, not http(s), no host,
    /// user information, a query or fragment) or options that cannot work (a zero timeout,
    /// no attempt); with the error of `GET /v1/capabilities` when the server cannot be read
    /// (`Unavailable` when it cannot be reached, after the retries of the policy).
    pub async fn new(base_url: &str, options: ClientOptions) -> Result<HttpConnector> {
        let test_control_token = options.test_control_token.clone();
        let transport = Arc::new(Transport::new(base_url, options)?);
        let declared = read_capabilities(&transport).await?;
        let test_control = match test_control_token {
            Some(token) if declared.has(Capability::TestControl) => {
                let auth = Auth::Bearer(Arc::new(StaticToken::new(token)));
                Some(Arc::new(HttpTestControl::new(Stub::new(transport.clone(), auth))))
            }
            _ => None,
        };
        Ok(HttpConnector { transport, declared, test_control })
    }

    /// A session whose requests carry the token `tokens` gives at the time of each attempt:
    /// for integrators whose tokens expire and are refreshed.
    pub fn connect_with(&self, tokens: Arc<dyn TokenSource>) -> Session {
        handles::session(Stub::new(self.transport.clone(), Auth::Bearer(tokens)))
    }

    /// The server's base URL, without a trailing slash.
    pub fn base_url(&self) -> &str {
        self.transport.base_url()
    }

    /// The declaration read when the connector was made (what decided
    /// [`Connector::test_control`]); [`Connector::capabilities`] reads it again.
    pub fn declared_capabilities(&self) -> &Capabilities {
        &self.declared
    }
}

async fn read_capabilities(transport: &Transport) -> Result<Capabilities> {
    let operation = Operation { call: Call::Capabilities, path: Call::Capabilities.route().path.to_string() };
    let reply = transport.complete(&operation, &Auth::Public, None).await?;
    decode::decode(&operation, "Capabilities", &reply, transport.observer())
}

#[async_trait]
impl Connector for HttpConnector {
    fn connect(&self, credential: &Credential) -> Session {
        self.connect_with(Arc::new(StaticToken::new(credential.clone())))
    }

    /// Reads `GET /v1/capabilities` again (a public route: no token is sent).
    async fn capabilities(&self) -> Result<Capabilities> {
        read_capabilities(&self.transport).await
    }

    fn test_control(&self) -> Option<Arc<dyn TestControl>> {
        self.test_control.clone().map(|control| control as Arc<dyn TestControl>)
    }
}

impl std::fmt::Debug for HttpConnector {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HttpConnector")
            .field("base_url", &self.transport.base_url())
            .field("implementation", &self.declared.implementation)
            .field("version", &self.declared.version)
            .field("test_control", &self.test_control.is_some())
            .field("options", self.transport.options())
            .finish()
    }
}
