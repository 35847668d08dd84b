//! Traceability of the suite: the registry transcribes the catalogue exactly, every MUST has a
//! scenario or a written reason, every tag names something that exists, a filter that matches
//! nothing is an error, and the report's schema in `schemas/` is fresh.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::Arc;

use jha_interop::model::{Capabilities, Capability};
use jha_interop::testdata::{Dataset, require};
use jha_interop_conformance::registry::{Level, Registry, catalogue_ids};
use jha_interop_conformance::report;
use jha_interop_conformance::runner::collector::{effective_tags, requirement_ids};
use jha_interop_conformance::runner::plan::parse_features;
use jha_interop_conformance::runner::{RunOptions, bundled_features, run};
use jha_interop_conformance::target::ReferenceTarget;

fn registry() -> Registry {
    Registry::load(&bundled_features().join("requirements.toml")).expect("the registry loads")
}

/// Every scenario (outline rows expanded) as (place, tags).
fn scenarios() -> Vec<(String, Vec<String>)> {
    let mut out = Vec::new();
    for feature in parse_features(&bundled_features()).expect("the features parse") {
        let path = feature.path.clone().unwrap_or_default().display().to_string();
        for s in &feature.scenarios {
            out.push((format!("{path}:{}", s.position.line), effective_tags(&feature, None, s)));
        }
        for rule in &feature.rules {
            for s in &rule.scenarios {
                out.push((format!("{path}:{}", s.position.line), effective_tags(&feature, Some(rule), s)));
            }
        }
    }
    out
}

#[test]
fn the_registry_lists_exactly_the_catalogue() {
    let Some(spec) = require(Dataset::Spec, "registry versus REQUIREMENTS.md") else { return };
    let text = std::fs::read_to_string(spec.join("REQUIREMENTS.md")).expect("the catalogue is readable");
    let catalogue: BTreeMap<String, Option<String>> = catalogue_ids(&text).into_iter().collect();
    let registry = registry();
    let listed: BTreeSet<&str> = registry.requirements().iter().map(|r| r.id.as_str()).collect();
    let in_catalogue: BTreeSet<&str> = catalogue.keys().map(String::as_str).collect();
    assert_eq!(listed, in_catalogue, "registry and catalogue list different IDs");
    for r in registry.requirements() {
        let want = match catalogue[&r.id].as_deref() {
            Some("MUST") => Level::Must,
            Some("SHOULD") => Level::Should,
            Some("MAY") => Level::May,
            _ => Level::Sdk,
        };
        assert_eq!(
            r.level, want,
            "{} has level {:?} in the registry, {want:?} in the catalogue",
            r.id, r.level
        );
    }
}

#[test]
fn every_must_has_a_scenario_or_a_reason_and_every_tag_is_known() {
    let registry = registry();
    let scenarios = scenarios();
    let mut covered: BTreeSet<String> = BTreeSet::new();
    for (place, tags) in &scenarios {
        let ids = requirement_ids(tags);
        assert!(!ids.is_empty(), "{place} checks no requirement (no @req tag)");
        for id in ids {
            assert!(registry.get(&id).is_some(), "{place} names unknown requirement {id}");
            covered.insert(id);
        }
    }
    for r in registry.requirements() {
        let has_scenario = covered.contains(&r.id);
        if r.level == Level::Must {
            assert!(
                has_scenario || r.not_tested.is_some(),
                "MUST {} has neither a scenario nor a reason",
                r.id
            );
        }
        assert!(
            !(has_scenario && r.not_tested.is_some()),
            "{} has scenarios and a not-tested reason; drop the reason",
            r.id
        );
        if r.level == Level::Sdk {
            assert!(r.not_tested.is_some(), "{} is tested by the SDK: say so in the registry", r.id);
        }
    }
}

#[test]
fn scope_tags_name_real_capabilities_and_policies() {
    let defaults: Capabilities = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap()
        .block_on(jha_interop::api::Connector::capabilities(&jha_interop::reference::Reference::default()))
        .unwrap();
    for (place, tags) in scenarios() {
        for tag in tags {
            if let Some(name) = tag.strip_prefix("capability:") {
                let parsed: Result<Capability, _> =
                    serde_json::from_value(serde_json::Value::String(name.into()));
                assert!(parsed.is_ok(), "{place}: unknown capability {name}");
            }
            if let Some(id) = tag.strip_prefix("policy:") {
                assert!(defaults.policy(id).is_some(), "{place}: unknown policy {id}");
            }
            let known = tag.starts_with("req:")
                || tag.starts_with("component:")
                || tag.starts_with("capability:")
                || tag.starts_with("policy:")
                || ["test-control", "face", "http", "serial"].contains(&tag.as_str());
            assert!(known, "{place}: unknown tag @{tag}");
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_filter_that_matches_nothing_is_an_error_and_narrowing_is_not_certifiable() {
    let mut options = RunOptions::full(bundled_features());
    options.tags = Some("@req:NO-SUCH-ID".into());
    let report = run(Arc::new(ReferenceTarget::new()), &options).await.unwrap();
    assert_eq!(report.summary.scenarios_passed + report.summary.scenarios_failed, 0);
    assert!(!report.run.certifiable);
    assert!(
        report.run.harness_errors.iter().any(|e| e.contains("no scenario ran")),
        "{:?}",
        report.run.harness_errors
    );
    assert!(!report.passes());

    options.tags = Some("@req:MID-02".into());
    let report = run(Arc::new(ReferenceTarget::new()), &options).await.unwrap();
    assert!(report.summary.scenarios_passed >= 1);
    assert!(!report.run.certifiable, "a narrowed run is not certifiable");
    assert!(report.run.harness_errors.is_empty(), "{:?}", report.run.harness_errors);
}

#[test]
fn the_report_schema_in_schemas_is_fresh() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../schemas");
    if std::env::var_os("UPDATE_SCHEMAS").is_some() {
        report::write_schema(&dir).unwrap();
    }
    assert!(
        !report::schema_is_stale(&dir),
        "schemas/{} is stale: run `cargo run -p jha-interop-conformance -- schemas` (or UPDATE_SCHEMAS=1)",
        report::SCHEMA_FILE
    );
}
