//! A server reached over the HTTP binding, described by a target file. Scenarios run one at a
//! time against the one server: with test control each starts from a reset and the clock at
//! [`SCENARIO_START`]; without it the scenarios that need test control are omitted and the
//! others run against the server as it is.

use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use jha_interop::api::Connector;
use jha_interop::http::client::{ClientOptions, HttpConnector, RetryPolicy};
use jha_interop::model::{Credential, Timestamp};

use super::{Instance, SCENARIO_START, Target, TargetDescription, TargetError, TargetFile};
use crate::role::Role;
use crate::wire_check::WireCheck;

/// A server named by a target file.
pub struct HttpTarget {
    file: Arc<TargetFile>,
    connector: Arc<HttpConnector>,
    wire: Arc<WireCheck>,
}

impl HttpTarget {
    /// Reaches the server `file` describes and reads its declaration.
    pub async fn connect(file: TargetFile) -> Result<HttpTarget, TargetError> {
        let wire = Arc::new(WireCheck::new().map_err(TargetError::Setup)?);
        let options = ClientOptions {
            // The harness judges the implementation's answers as they are: a retried 503
            // would hide one.
            retry: RetryPolicy::none(),
            request_timeout: Duration::from_secs(120),
            test_control_token: file.test_control_token.clone().map(Credential::new),
            observer: Some(wire.clone()),
            ..ClientOptions::default()
        };
        let connector = HttpConnector::new(&file.base_url, options)
            .await
            .map_err(|e| TargetError::Transport(format!("{}: {e}", file.base_url)))?;
        Ok(HttpTarget { file: Arc::new(file), connector: Arc::new(connector), wire })
    }
}

#[async_trait]
impl Target for HttpTarget {
    fn description(&self) -> TargetDescription {
        TargetDescription {
            mode: "http".into(),
            name: "server reached over the HTTP binding".into(),
            location: Some(self.file.base_url.clone()),
        }
    }

    async fn instance(&self) -> Result<Arc<dyn Instance>, TargetError> {
        if let Some(control) = self.connector.test_control() {
            let start = SCENARIO_START.parse::<Timestamp>().map_err(|e| TargetError::Setup(e.to_string()))?;
            control
                .reset()
                .await
                .map_err(|e| TargetError::Setup(format!("reset through test control: {e}")))?;
            control
                .set_time(start)
                .await
                .map_err(|e| TargetError::Setup(format!("setting the clock through test control: {e}")))?;
        }
        Ok(Arc::new(HttpInstance { file: self.file.clone(), connector: self.connector.clone() }))
    }

    fn concurrent(&self) -> bool {
        false
    }

    fn wire_check(&self) -> Option<Arc<WireCheck>> {
        Some(self.wire.clone())
    }
}

struct HttpInstance {
    file: Arc<TargetFile>,
    connector: Arc<HttpConnector>,
}

impl Instance for HttpInstance {
    fn connector(&self) -> Arc<dyn Connector> {
        self.connector.clone()
    }

    fn credential(&self, role: &Role) -> Result<Credential, TargetError> {
        match self.file.token_of(role) {
            Some(token) => Ok(Credential::new(token)),
            None => Err(TargetError::NoCredential {
                role: role.to_string(),
                reason: "the target file has no token for it".into(),
            }),
        }
    }

    fn base_url(&self) -> Option<String> {
        Some(self.file.base_url.clone())
    }
}
