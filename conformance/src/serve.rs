//! `jha-interop serve`: the embedded reference behind the HTTP server, with a principal for
//! every role the suite uses and a target file that `certify --target` reads.

use std::net::SocketAddr;
use std::sync::Arc;

use jha_interop::api::Connector;
use jha_interop::http::server::{ServerOptions, TokenTable, router_with, serve};
use jha_interop::model::{AuthorityKind, CountryCode, SourceSystem};
use jha_interop::reference::{Reference, ReferenceConfig};
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::role::{AUTHORITY_KINDS, Role};
use crate::target::{RoleToken, TargetFile, register_role};

/// The States whose authorities get principals: the Member States bound by the Regulations and
/// the Schengen associated countries.
pub const STATES: [&str; 31] = [
    "AUT", "BEL", "BGR", "HRV", "CYP", "CZE", "DNK", "EST", "FIN", "FRA", "DEU", "GRC", "HUN", "IRL", "ITA",
    "LVA", "LTU", "LUX", "MLT", "NLD", "POL", "PRT", "ROU", "SVK", "SVN", "ESP", "SWE", "CHE", "ISL", "LIE",
    "NOR",
];

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The address cannot be bound.
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        /// The address.
        addr: SocketAddr,
        /// Why.
        source: std::io::Error,
    },
    /// The operating system gave no randomness for the tokens.
    #[error("cannot mint tokens: {0}")]
    Randomness(String),
    /// The reference refused a principal or its declaration.
    #[error("cannot set up the reference: {0}")]
    Setup(String),
}

/// A server running in the background.
pub struct RunningServer {
    /// Where it listens.
    pub addr: SocketAddr,
    /// How to reach it: base URL and a token per role.
    pub target: TargetFile,
    shutdown: Option<oneshot::Sender<()>>,
    task: JoinHandle<std::io::Result<()>>,
}

impl RunningServer {
    /// Stops accepting connections, lets requests in flight finish, and waits for the end.
    pub async fn stop(mut self) -> std::io::Result<()> {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        match (&mut self.task).await {
            Ok(result) => result,
            Err(e) => Err(std::io::Error::other(e)),
        }
    }

    /// Waits until the server ends (after `shutdown` resolves).
    pub async fn wait(mut self) -> std::io::Result<()> {
        match (&mut self.task).await {
            Ok(result) => result,
            Err(e) => Err(std::io::Error::other(e)),
        }
    }
}

/// A new bearer token: 256 bits from the operating system, hex-encoded.
fn mint_token() -> Result<String, ServeError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| ServeError::Randomness(e.to_string()))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// Every role the suite may act in: each authority kind of every State and agency, and each
/// source system's central service.
pub fn suite_roles() -> Vec<Role> {
    let mut roles: Vec<Role> = Vec::new();
    for state in STATES {
        let Ok(state) = CountryCode::new(state) else { continue };
        for kind in AUTHORITY_KINDS {
            let role = Role::authority(kind, state);
            if !roles.contains(&role) {
                roles.push(role);
            }
        }
    }
    // Second police authorities with fewer Art 20 designations (CIR-05, CIR-07), and the EDPS.
    for state in STATES {
        let Ok(state) = CountryCode::new(state) else { continue };
        roles.extend(Role::other_police(state));
    }
    roles.push(Role::edps());
    // The source-system service kind is not a role of its own: it is the central systems'.
    roles.retain(|r| r.as_authority().is_none_or(|a| a.kind != AuthorityKind::SourceSystemService));
    roles.extend(SourceSystem::ALL.into_iter().map(Role::SourceSystem));
    roles
}

/// Starts the reference behind the server on `listen` (port 0 picks a free one), with test
/// control when asked, until `shutdown` resolves or [`RunningServer::stop`] is called.
pub async fn start_reference(
    listen: SocketAddr,
    test_control: bool,
    config: ReferenceConfig,
) -> Result<RunningServer, ServeError> {
    let reference = Reference::new(config);
    let declared = reference.capabilities().await.map_err(|e| ServeError::Setup(e.to_string()))?;
    let mut tokens = TokenTable::new();
    let mut credentials = Vec::new();
    for role in suite_roles() {
        let Ok(credential) = register_role(&reference, &role) else { continue };
        let token = mint_token()?;
        tokens.insert(&token, credential);
        credentials.push(RoleToken { role: role.to_string(), token });
    }
    let test_control_token = if test_control {
        let token = mint_token()?;
        tokens.set_test_control_token(&token);
        Some(token)
    } else {
        None
    };
    let options = ServerOptions {
        max_request_bytes: usize::try_from(declared.limits.max_request_bytes).unwrap_or(usize::MAX),
        test_control,
    };
    let connector: Arc<dyn Connector> = Arc::new(reference);
    let app = router_with(connector, tokens, options);
    let listener =
        TcpListener::bind(listen).await.map_err(|source| ServeError::Bind { addr: listen, source })?;
    let addr = listener.local_addr().map_err(|source| ServeError::Bind { addr: listen, source })?;
    let (tx, rx) = oneshot::channel::<()>();
    let task = tokio::spawn(serve(listener, app, async move {
        let _ = rx.await;
    }));
    let target = TargetFile { base_url: format!("http://{addr}"), test_control_token, credentials };
    Ok(RunningServer { addr, target, shutdown: Some(tx), task })
}
