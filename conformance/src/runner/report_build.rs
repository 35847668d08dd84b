//! From the plan and what ran to the report: a verdict per scenario and per requirement.

use std::collections::BTreeMap;

use jha_interop::model::{Capabilities, Timestamp};

use super::collector::{Collected, requirement_ids};
use super::plan::Plan;
use super::scope::Decision;
use crate::registry::{Level, Registry};
use crate::report::model::*;
use crate::target::TargetDescription;

/// Everything a report is made from.
pub struct BuildInput<'a> {
    /// The registry.
    pub registry: &'a Registry,
    /// The plan of the run.
    pub plan: &'a Plan,
    /// What ran.
    pub collected: Collected,
    /// The target.
    pub target: TargetDescription,
    /// What it declared.
    pub declared: Option<Capabilities>,
    /// The run's options.
    pub options: RunOptionsRecord,
    /// When the run started.
    pub started_at: Timestamp,
    /// How long it took.
    pub duration_ms: u64,
}

/// Where the report files the check of every response body of an HTTP target.
pub const WIRE_CHECK_FEATURE: &str = "(wire)";

/// The check of every response body against its published schema, as a scenario of FMT-JSON:
/// failed with the JSON paths when any body broke its schema.
fn wire_check_result(violations: &[String]) -> ScenarioResult {
    const SHOWN: usize = 20;
    let failure = (!violations.is_empty()).then(|| {
        let mut message = format!(
            "{} response bodies break their published JSON Schema: {}",
            violations.len(),
            violations.iter().take(SHOWN).cloned().collect::<Vec<_>>().join("; ")
        );
        if violations.len() > SHOWN {
            message.push_str(&format!("; and {} more", violations.len() - SHOWN));
        }
        StepFailure { step: "every response body of the run".into(), line: 0, message }
    });
    ScenarioResult {
        feature: WIRE_CHECK_FEATURE.into(),
        feature_name: "The wire".into(),
        name: "Every response body conforms to the published JSON Schema of its type".into(),
        line: 0,
        requirements: vec!["FMT-JSON".into()],
        tags: vec!["req:FMT-JSON".into(), "http".into()],
        status: if failure.is_some() { ScenarioStatus::Failed } else { ScenarioStatus::Passed },
        omitted_because: None,
        failure,
        duration_ms: 0,
    }
}

/// Builds the report.
pub fn build_report(input: BuildInput<'_>) -> ConformanceReport {
    let BuildInput { registry, plan, collected, target, declared, options, started_at, duration_ms } = input;
    let mut ran: BTreeMap<(String, usize), ScenarioResult> =
        collected.scenarios.into_iter().map(|s| ((s.feature.clone(), s.line), s)).collect();
    let mut harness_errors = collected.harness_errors;
    let wire_check = collected.wire_checked.then(|| wire_check_result(&collected.schema_violations));
    let mut not_certifiable = Vec::new();
    let mut scenarios = Vec::new();
    let mut filtered = 0;
    for planned in &plan.scenarios {
        let key = (planned.feature.clone(), planned.line);
        let result = match &planned.decision {
            Decision::Run => match ran.remove(&key) {
                Some(result) => result,
                None => omitted(planned, "not run: the run stopped before it (fail-fast)"),
            },
            Decision::OutOfScope(reason) => omitted(planned, reason),
            Decision::Filtered(reason) => {
                filtered += 1;
                omitted(planned, reason)
            }
        };
        scenarios.push(result);
    }
    for (key, _) in ran {
        harness_errors.push(format!("scenario {}:{} ran but was not planned", key.0, key.1));
    }
    scenarios.extend(wire_check);
    if filtered > 0 {
        not_certifiable.push(format!("{filtered} scenario(s) excluded by the run's filters"));
    }
    if options.fail_fast {
        not_certifiable.push("the run stops at the first failure (--fail-fast)".into());
    }
    let executed = scenarios.iter().filter(|s| s.status != ScenarioStatus::Omitted).count();
    if executed == 0 {
        harness_errors.push("no scenario ran".into());
    }
    for s in &scenarios {
        for id in &s.requirements {
            if registry.get(id).is_none() {
                harness_errors.push(format!("{}:{} names unknown requirement {id}", s.feature, s.line));
            }
        }
    }
    if !harness_errors.is_empty() {
        not_certifiable.push("harness errors (see harness_errors)".into());
    }

    let requirements: Vec<RequirementVerdict> = registry
        .requirements()
        .iter()
        .map(|r| {
            let mine: Vec<&ScenarioResult> =
                scenarios.iter().filter(|s| s.requirements.iter().any(|id| id == &r.id)).collect();
            let (verdict, reason) = if mine.is_empty() {
                (Verdict::NotTested, r.not_tested.clone().or_else(|| Some("no scenario checks it".into())))
            } else if mine.iter().any(|s| s.status == ScenarioStatus::Failed) {
                (Verdict::Fail, None)
            } else if mine.iter().any(|s| s.status == ScenarioStatus::Passed) {
                (Verdict::Pass, None)
            } else {
                let reasons: Vec<String> = mine.iter().filter_map(|s| s.omitted_because.clone()).collect();
                (Verdict::Omitted, reasons.first().cloned())
            };
            RequirementVerdict {
                id: r.id.clone(),
                level: r.level,
                component: r.component.clone(),
                basis: r.basis.clone(),
                summary: r.summary.clone(),
                verdict,
                scenarios: mine.iter().map(|s| format!("{}:{}", s.feature, s.line)).collect(),
                reason,
            }
        })
        .collect();
    let count = |v: Verdict| requirements.iter().filter(|r| r.verdict == v).count();
    let summary = Summary {
        scenarios_passed: scenarios.iter().filter(|s| s.status == ScenarioStatus::Passed).count(),
        scenarios_failed: scenarios.iter().filter(|s| s.status == ScenarioStatus::Failed).count(),
        scenarios_omitted: scenarios.iter().filter(|s| s.status == ScenarioStatus::Omitted).count(),
        requirements_passed: count(Verdict::Pass),
        requirements_failed: count(Verdict::Fail),
        requirements_omitted: count(Verdict::Omitted),
        requirements_not_tested: count(Verdict::NotTested),
        must_failed: requirements
            .iter()
            .filter(|r| r.level == Level::Must && r.verdict == Verdict::Fail)
            .count(),
    };
    let finished_at = started_at.plus(duration_ms as i64);
    ConformanceReport {
        schema_name: SCHEMA_NAME.into(),
        schema_version: SCHEMA_VERSION.into(),
        harness: Harness {
            name: env!("CARGO_PKG_NAME").into(),
            version: env!("CARGO_PKG_VERSION").into(),
            catalogue: registry.catalogue.clone(),
            catalogue_version: registry.catalogue_version,
            features_sha256: plan.features_sha256.clone(),
            files: plan.files.clone(),
        },
        target,
        declared,
        run: RunInfo {
            started_at: started_at.to_string(),
            finished_at: finished_at.to_string(),
            duration_ms,
            options,
            certifiable: not_certifiable.is_empty(),
            not_certifiable_because: not_certifiable,
            harness_errors,
        },
        summary,
        requirements,
        scenarios,
    }
}

fn omitted(planned: &super::plan::PlannedScenario, reason: &str) -> ScenarioResult {
    ScenarioResult {
        feature: planned.feature.clone(),
        feature_name: planned.feature_name.clone(),
        name: planned.name.clone(),
        line: planned.line,
        requirements: requirement_ids(&planned.tags),
        tags: planned.tags.clone(),
        status: ScenarioStatus::Omitted,
        omitted_because: Some(reason.to_string()),
        failure: None,
        duration_ms: 0,
    }
}

impl ConformanceReport {
    /// Whether the implementation passes: no MUST requirement failed and no harness error.
    pub fn passes(&self) -> bool {
        self.summary.must_failed == 0 && self.run.harness_errors.is_empty()
    }

    /// The IDs of the failed requirements.
    pub fn failed_requirements(&self) -> Vec<String> {
        self.requirements.iter().filter(|r| r.verdict == Verdict::Fail).map(|r| r.id.clone()).collect()
    }

    /// The closing line CI reads: `conformance: N passed, N failed`.
    pub fn closing_line(&self) -> String {
        format!(
            "conformance: {} passed, {} failed",
            self.summary.scenarios_passed, self.summary.scenarios_failed
        )
    }
}
