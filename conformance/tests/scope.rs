//! Declared scope decides what runs: an implementation without test control gets the
//! retention and deadline scenarios omitted, with the reason, and still passes and certifies.

use std::sync::Arc;

use async_trait::async_trait;
use jha_interop::api::{Connector, Result, Session, TestControl};
use jha_interop::model::{Capabilities, Capability, Credential};
use jha_interop::reference::Reference;
use jha_interop_conformance::report::model::{ScenarioResult, ScenarioStatus, Verdict};
use jha_interop_conformance::runner::{RunOptions, bundled_features, run};
use jha_interop_conformance::target::ReferenceTarget;

/// The reference, declaring and offering no test control.
struct WithoutTestControl(Reference);

#[async_trait]
impl Connector for WithoutTestControl {
    fn connect(&self, credential: &Credential) -> Session {
        self.0.connect(credential)
    }

    async fn capabilities(&self) -> Result<Capabilities> {
        let mut declared = self.0.capabilities().await?;
        declared.capabilities.retain(|c| *c != Capability::TestControl);
        Ok(declared)
    }

    fn test_control(&self) -> Option<Arc<dyn TestControl>> {
        None
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn scenarios_outside_the_declared_scope_are_omitted_with_their_reason() {
    let target = ReferenceTarget::new().wrapped(
        "no test control",
        Arc::new(|reference| Arc::new(WithoutTestControl(reference)) as Arc<dyn Connector>),
    );
    let report = run(Arc::new(target), &RunOptions::full(bundled_features())).await.unwrap();
    // The @http scenarios check the wire and are omitted in process for that reason alone.
    let is_http = |s: &&ScenarioResult| s.tags.iter().any(|t| t == "http");
    for s in report.scenarios.iter().filter(is_http) {
        assert_eq!(s.status, ScenarioStatus::Omitted, "{} ran in process", s.name);
        assert!(s.omitted_because.as_deref().is_some_and(|r| r.contains("HTTP")), "{:?}", s.omitted_because);
    }
    let omitted: Vec<_> =
        report.scenarios.iter().filter(|s| s.status == ScenarioStatus::Omitted && !is_http(s)).collect();
    assert!(!omitted.is_empty());
    for s in &omitted {
        assert!(
            s.tags.iter().any(|t| t == "test-control"),
            "{} omitted without needing test control",
            s.name
        );
        assert!(
            s.omitted_because.as_deref().is_some_and(|r| r.contains("test-control")),
            "{:?}",
            s.omitted_because
        );
    }
    let with_tag =
        report.scenarios.iter().filter(|s| !is_http(s) && s.tags.iter().any(|t| t == "test-control")).count();
    assert_eq!(omitted.len(), with_tag, "every @test-control scenario and nothing else is omitted");
    let log_01 = report.requirements.iter().find(|r| r.id == "LOG-01").unwrap();
    assert_eq!(log_01.verdict, Verdict::Omitted, "LOG-01 is checked only with test control");
    assert!(report.passes(), "omitted scenarios do not fail: {:?}", report.failed_requirements());
    assert!(report.run.certifiable, "a declared scope is not a narrowing");
}
