//! Traceability of the suite: the registry transcribes the catalogue exactly, every MUST has a
//! scenario or a written reason, every MUST and SHOULD is reviewed for the faults that would
//! break it (`features/review.toml`), every tag names something that exists, a filter that
//! matches nothing is an error, and the report's schema in `schemas/` is fresh.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::Arc;

use jha_interop::model::Capability;
use jha_interop::testdata::{Dataset, require};
use jha_interop_conformance::registry::{Level, Registry, catalogue_ids};
use jha_interop_conformance::report;
use jha_interop_conformance::runner::collector::{effective_tags, requirement_ids};
use jha_interop_conformance::runner::plan::parse_features;
use jha_interop_conformance::runner::{RunOptions, bundled_features, run};
use jha_interop_conformance::target::ReferenceTarget;

/// `features/review.toml`: per requirement, the faults an implementation could make and the
/// scenario that refuses each.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Review {
    requirement: Vec<ReviewedRequirement>,
}

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct ReviewedRequirement {
    id: String,
    fault: Vec<ReviewedFault>,
}

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct ReviewedFault {
    /// The mistake, as an implementer cutting corners would make it.
    how: String,
    /// `<feature path>: <scenario name>` of the scenario that refuses it.
    scenario: String,
    /// The step (and what it compares) that fails.
    refused_by: String,
    /// The fault of the fault-injection test that plays it, if one does.
    injected: Option<String>,
}

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
    let version = text
        .lines()
        .find_map(|line| line.strip_prefix("Version ")?.split_whitespace().next()?.parse::<u32>().ok())
        .expect("the catalogue has a 'Version N' line");
    assert_eq!(
        registry.catalogue_version, version,
        "the registry transcribes catalogue version {}, REQUIREMENTS.md is at version {version}",
        registry.catalogue_version
    );
    for policy in registry.policies() {
        assert!(
            text.contains(&format!("POLICY {} ", policy.id))
                || text.contains(&format!("POLICY {}\n", policy.id)),
            "the registry gives a default for {}, which is no POLICY of the catalogue",
            policy.id
        );
    }
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

/// Every scenario as `<path relative to features/>: <name>` with its tags.
fn scenarios_by_name() -> BTreeMap<String, Vec<String>> {
    let root = bundled_features();
    let mut out = BTreeMap::new();
    for feature in parse_features(&root).expect("the features parse") {
        let path = feature.path.clone().unwrap_or_default();
        let path = path.strip_prefix(&root).unwrap_or(&path).display().to_string();
        for s in &feature.scenarios {
            out.insert(format!("{path}: {}", s.name), effective_tags(&feature, None, s));
        }
        for rule in &feature.rules {
            for s in &rule.scenarios {
                out.insert(format!("{path}: {}", s.name), effective_tags(&feature, Some(rule), s));
            }
        }
    }
    out
}

/// Whether `name` (an outline row's expanded name) is an instance of `template`, whose
/// `<placeholders>` stand for any text.
fn matches_outline(template: &str, name: &str) -> bool {
    let mut parts: Vec<&str> = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('<') {
        let Some(close) = rest[open..].find('>') else { break };
        parts.push(&rest[..open]);
        rest = &rest[open + close + 1..];
    }
    parts.push(rest);
    let [first, middle @ .., last] = parts.as_slice() else { return template == name };
    let Some(mut remaining) = name.strip_prefix(first) else { return false };
    for part in middle {
        match remaining.find(part) {
            Some(i) if !part.is_empty() => remaining = &remaining[i + part.len()..],
            Some(_) => {}
            None => return false,
        }
    }
    remaining.ends_with(last)
}

#[test]
fn every_must_and_should_is_reviewed_against_scenarios_that_check_it() {
    let text =
        std::fs::read_to_string(bundled_features().join("review.toml")).expect("the review is readable");
    let review: Review = toml::from_str(&text).expect("the review parses");
    let registry = registry();
    let scenarios = scenarios_by_name();
    let faults_test =
        std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/faults.rs"))
            .expect("the fault-injection test is readable");
    let mut reviewed: BTreeMap<&str, &ReviewedRequirement> = BTreeMap::new();
    let mut injected: BTreeSet<&str> = BTreeSet::new();
    for r in &review.requirement {
        assert!(registry.get(&r.id).is_some(), "the review names unknown requirement {}", r.id);
        assert!(reviewed.insert(&r.id, r).is_none(), "{} is reviewed twice", r.id);
        for f in &r.fault {
            assert!(
                !f.how.trim().is_empty() && !f.refused_by.trim().is_empty(),
                "{}: a fault without a description",
                r.id
            );
            let named: Vec<&Vec<String>> = scenarios
                .iter()
                .filter(|(name, _)| matches_outline(&f.scenario, name))
                .map(|(_, t)| t)
                .collect();
            assert!(
                !named.is_empty(),
                "{}: the review names scenario {:?}, which does not exist",
                r.id,
                f.scenario
            );
            assert!(
                named.iter().any(|tags| requirement_ids(tags).contains(&r.id)),
                "{}: scenario {:?} does not check {} (no @req tag)",
                r.id,
                f.scenario,
                r.id
            );
            if let Some(name) = &f.injected {
                assert!(
                    faults_test.contains(&format!(": {name} =>")),
                    "{}: the injected fault {name} is not in tests/faults.rs",
                    r.id
                );
                injected.insert(name);
            }
        }
    }
    for r in registry.requirements() {
        // A requirement no scenario checks yet has nothing to review against; the registry
        // gives its reason and the report shows it as not tested.
        if !matches!(r.level, Level::Must | Level::Should) || r.not_tested.is_some() {
            continue;
        }
        let Some(entry) = reviewed.get(r.id.as_str()) else {
            panic!("{} {:?} is not reviewed", r.id, r.level)
        };
        assert!(!entry.fault.is_empty(), "{} is reviewed without a fault", r.id);
        if r.level == Level::Must {
            assert!(
                entry.fault.iter().any(|f| f.injected.is_some()),
                "MUST {} has no fault in the fault-injection test",
                r.id
            );
        }
    }
    // Every fault of the fault-injection test is documented in the review.
    for line in faults_test.lines() {
        if let Some((_, rest)) = line.split_once(": ")
            && let Some((name, _)) = rest.split_once(" =>")
            && name.chars().all(|c| c.is_ascii_alphanumeric())
        {
            assert!(injected.contains(name), "fault {name} of tests/faults.rs is not in the review");
        }
    }
}

#[test]
fn scope_tags_name_real_capabilities_and_policies() {
    let registry = registry();
    for (place, tags) in scenarios() {
        for tag in tags {
            if let Some(name) = tag.strip_prefix("capability:") {
                let parsed: Result<Capability, _> =
                    serde_json::from_value(serde_json::Value::String(name.into()));
                assert!(parsed.is_ok(), "{place}: unknown capability {name}");
            }
            if let Some(id) = tag.strip_prefix("policy:") {
                assert!(
                    registry.policy(id).is_some(),
                    "{place}: the registry gives no default for policy {id}"
                );
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
