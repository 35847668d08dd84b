//! The human-readable views of a report: the console tables and the Markdown summary a
//! certification body files with the JSON.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::model::{ConformanceReport, RequirementVerdict, ScenarioStatus, Verdict};
use crate::registry::Level;

fn verdict_word(v: Verdict) -> &'static str {
    match v {
        Verdict::Pass => "pass",
        Verdict::Fail => "FAIL",
        Verdict::Omitted => "omitted",
        Verdict::NotTested => "not tested",
    }
}

fn level_word(l: Level) -> &'static str {
    match l {
        Level::Must => "MUST",
        Level::Should => "SHOULD",
        Level::May => "MAY",
        Level::Sdk => "SDK",
    }
}

/// Per component: how many requirements passed, failed, were omitted or not tested.
fn per_component(report: &ConformanceReport) -> BTreeMap<&str, [usize; 4]> {
    let mut table: BTreeMap<&str, [usize; 4]> = BTreeMap::new();
    for r in &report.requirements {
        let row = table.entry(&r.component).or_default();
        let i = match r.verdict {
            Verdict::Pass => 0,
            Verdict::Fail => 1,
            Verdict::Omitted => 2,
            Verdict::NotTested => 3,
        };
        row[i] += 1;
    }
    table
}

/// The tables printed at the end of `certify`.
pub fn console(report: &ConformanceReport) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "\nPer component (requirements)");
    let _ = writeln!(
        out,
        "{:<10} {:>6} {:>6} {:>8} {:>11}",
        "component", "pass", "fail", "omitted", "not tested"
    );
    for (component, row) in per_component(report) {
        let _ = writeln!(out, "{component:<10} {:>6} {:>6} {:>8} {:>11}", row[0], row[1], row[2], row[3]);
    }
    let _ = writeln!(out, "\nPer requirement");
    let _ = writeln!(out, "{:<10} {:<6} {:<10} {:>9}  summary", "id", "level", "verdict", "scenarios");
    for r in &report.requirements {
        let _ = writeln!(
            out,
            "{:<10} {:<6} {:<10} {:>9}  {}",
            r.id,
            level_word(r.level),
            verdict_word(r.verdict),
            r.scenarios.len(),
            r.summary
        );
    }
    let failed: Vec<_> = report.scenarios.iter().filter(|s| s.status == ScenarioStatus::Failed).collect();
    if !failed.is_empty() {
        let _ = writeln!(out, "\nFailed scenarios");
        for s in failed {
            let _ = writeln!(out, "- {} ({}:{}) [{}]", s.name, s.feature, s.line, s.requirements.join(", "));
            if let Some(f) = &s.failure {
                let _ = writeln!(out, "    at {} (line {})\n    {}", f.step, f.line, f.message);
            }
        }
    }
    for e in &report.run.harness_errors {
        let _ = writeln!(out, "harness error: {e}");
    }
    out
}

fn requirement_row(r: &RequirementVerdict) -> String {
    format!(
        "| {} | {} | {} | {} | {} | {} |\n",
        r.id,
        level_word(r.level),
        verdict_word(r.verdict),
        r.scenarios.len(),
        r.summary.replace('|', "\\|"),
        r.reason.as_deref().unwrap_or("").replace('|', "\\|")
    )
}

/// The Markdown summary.
pub fn markdown(report: &ConformanceReport) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# Conformance report — {}\n", report.target.name);
    let outcome = if report.passes() { "**PASSES**" } else { "**FAILS**" };
    let certifiable = if report.run.certifiable {
        "certifiable run (the whole mandatory scope ran)".to_string()
    } else {
        format!("**not certifiable**: {}", report.run.not_certifiable_because.join("; "))
    };
    let _ = writeln!(
        out,
        "{outcome}: {} MUST requirement(s) failed; {certifiable}.\n",
        report.summary.must_failed
    );
    let _ = writeln!(out, "| | |\n|---|---|");
    let _ = writeln!(out, "| harness | {} {} |", report.harness.name, report.harness.version);
    let _ = writeln!(
        out,
        "| catalogue | {}, version {} |",
        report.harness.catalogue, report.harness.catalogue_version
    );
    let _ = writeln!(out, "| feature bundle SHA-256 | `{}` |", report.harness.features_sha256);
    let _ = writeln!(out, "| target | {} ({}) |", report.target.name, report.target.mode);
    if let Some(d) = &report.declared {
        let _ = writeln!(out, "| implementation | {} {} |", d.implementation, d.version);
        let caps: Vec<String> = d
            .capabilities
            .iter()
            .map(|c| serde_json::to_string(c).unwrap_or_default().replace('"', ""))
            .collect();
        let _ = writeln!(out, "| declared capabilities | {} |", caps.join(", "));
    }
    let _ = writeln!(
        out,
        "| run | {} to {} ({} ms) |",
        report.run.started_at, report.run.finished_at, report.run.duration_ms
    );
    let s = &report.summary;
    let _ = writeln!(
        out,
        "| scenarios | {} passed, {} failed, {} omitted |",
        s.scenarios_passed, s.scenarios_failed, s.scenarios_omitted
    );
    let _ = writeln!(
        out,
        "| requirements | {} passed, {} failed, {} omitted, {} not tested |\n",
        s.requirements_passed, s.requirements_failed, s.requirements_omitted, s.requirements_not_tested
    );
    if let Some(d) = &report.declared {
        let _ = writeln!(out, "## Declared policies\n\n| policy | version | value |\n|---|---|---|");
        for p in &d.policies {
            let _ = writeln!(out, "| {} | {} | {} |", p.id, p.version, p.value.replace('|', "\\|"));
        }
        let _ = writeln!(out);
    }
    let _ = writeln!(
        out,
        "## Per component\n\n| component | pass | fail | omitted | not tested |\n|---|---|---|---|---|"
    );
    for (component, row) in per_component(report) {
        let _ = writeln!(out, "| {component} | {} | {} | {} | {} |", row[0], row[1], row[2], row[3]);
    }
    let _ = writeln!(
        out,
        "\n## Per requirement\n\n| id | level | verdict | scenarios | requirement | note |\n|---|---|---|---|---|---|"
    );
    for r in &report.requirements {
        out.push_str(&requirement_row(r));
    }
    let failed: Vec<_> = report.scenarios.iter().filter(|s| s.status == ScenarioStatus::Failed).collect();
    if !failed.is_empty() {
        let _ = writeln!(out, "\n## Failures\n");
        for s in failed {
            let _ =
                writeln!(out, "### {} — {}:{} ({})\n", s.name, s.feature, s.line, s.requirements.join(", "));
            if let Some(f) = &s.failure {
                let _ = writeln!(out, "Step `{}` (line {}):\n\n```\n{}\n```\n", f.step, f.line, f.message);
            }
        }
    }
    if !report.run.harness_errors.is_empty() {
        let _ = writeln!(out, "\n## Harness errors\n");
        for e in &report.run.harness_errors {
            let _ = writeln!(out, "- {e}");
        }
    }
    out
}
