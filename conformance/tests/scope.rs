//! Declared scope decides what runs: an implementation without test control gets the
//! retention and deadline scenarios omitted, with the reason, and still passes and certifies.

use std::sync::Arc;

use async_trait::async_trait;
use jha_interop::api::{Connector, Result, Session, TestControl};
use jha_interop::model::{Capabilities, Capability, Credential};
use jha_interop::reference::{Reference, ReferenceConfig, SimilarWithSameBiometrics};
use jha_interop_conformance::registry::Registry;
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
    let mid_11 = report.requirements.iter().find(|r| r.id == "MID-11").unwrap();
    assert_eq!(
        mid_11.verdict,
        Verdict::Omitted,
        "MID-11 (a 12-hour deadline) is checked only with test control"
    );
    assert!(report.passes(), "omitted scenarios do not fail: {:?}", report.failed_requirements());
    assert!(report.run.certifiable, "a declared scope is not a narrowing");
}

/// The reference with `config`, declaring policy `id` as the registry states its default
/// whatever the configuration says: an implementation whose behaviour changed while its
/// declaration did not.
struct DeclaringTheRegistryDefault {
    inner: Reference,
    id: &'static str,
}

#[async_trait]
impl Connector for DeclaringTheRegistryDefault {
    fn connect(&self, credential: &Credential) -> Session {
        self.inner.connect(credential)
    }

    async fn capabilities(&self) -> Result<Capabilities> {
        let mut declared = self.inner.capabilities().await?;
        let registry =
            Registry::load(&bundled_features().join("requirements.toml")).expect("the registry loads");
        let default = registry.policy(self.id).expect("the registry states the policy's default");
        for p in declared.policies.iter_mut().filter(|p| p.id == self.id) {
            p.version = default.version.clone();
            p.value = default.value.clone();
        }
        Ok(declared)
    }

    fn test_control(&self) -> Option<Arc<dyn TestControl>> {
        self.inner.test_control()
    }
}

fn mid_p1_yellow() -> ReferenceConfig {
    let mut config = ReferenceConfig::default();
    config.mid.similar_with_same_biometrics = SimilarWithSameBiometrics::Yellow;
    config
}

#[tokio::test(flavor = "multi_thread")]
async fn a_changed_reference_default_is_judged_by_the_registry_not_followed() {
    let mut options = RunOptions::full(bundled_features());
    options.tags = Some("@policy:MID-P1".into());

    // A reference whose MID-P1 default became yellow, and which says so: the scenario of the
    // registry's default is omitted, naming both settings; the suite does not adopt yellow.
    let declared = run(Arc::new(ReferenceTarget::with_config(mid_p1_yellow())), &options).await.unwrap();
    let checked: Vec<_> =
        declared.scenarios.iter().filter(|s| s.tags.iter().any(|t| t == "policy:MID-P1")).collect();
    assert!(!checked.is_empty(), "the features hold @policy:MID-P1 scenarios");
    for s in &checked {
        assert_eq!(
            s.status,
            ScenarioStatus::Omitted,
            "{} ran against a target declaring another MID-P1",
            s.name
        );
        let reason = s.omitted_because.as_deref().unwrap_or_default();
        assert!(reason.contains("white") && reason.contains("yellow"), "{reason}");
    }

    // The same change without a new declaration: the scenario runs against the registry's
    // default and fails.
    let silent = ReferenceTarget::with_config(mid_p1_yellow()).wrapped(
        "MID-P1 changed, declaration kept",
        Arc::new(|reference| {
            Arc::new(DeclaringTheRegistryDefault { inner: reference, id: "MID-P1" }) as Arc<dyn Connector>
        }),
    );
    let report = run(Arc::new(silent), &options).await.unwrap();
    let failed: Vec<_> = report
        .scenarios
        .iter()
        .filter(|s| s.tags.iter().any(|t| t == "policy:MID-P1") && s.status == ScenarioStatus::Failed)
        .collect();
    assert_eq!(failed.len(), checked.len(), "every @policy:MID-P1 scenario fails the changed reference");
    assert!(!report.passes(), "the changed reference is not certified");
}
