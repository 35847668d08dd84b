//! `conformance-report.json`: what a certification body files. Its JSON Schema is generated
//! into `schemas/ConformanceReport.schema.json`.

use jha_interop::model::Capabilities;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::registry::Level;
use crate::target::TargetDescription;

/// The name every report carries, so consumers can tell the format.
pub const SCHEMA_NAME: &str = "jha-interop-conformance-report";
/// The version of the report format.
pub const SCHEMA_VERSION: &str = "2";

/// A whole conformance run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ConformanceReport {
    /// Always [`SCHEMA_NAME`].
    pub schema_name: String,
    /// The report format version, [`SCHEMA_VERSION`].
    pub schema_version: String,
    /// The harness that ran.
    pub harness: Harness,
    /// What was certified.
    pub target: TargetDescription,
    /// What the implementation declared about itself: capabilities, policies, thresholds,
    /// limits. Absent when it could not be asked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub declared: Option<Capabilities>,
    /// How the run went.
    pub run: RunInfo,
    /// Counts.
    pub summary: Summary,
    /// One verdict per requirement of the catalogue, in catalogue order.
    pub requirements: Vec<RequirementVerdict>,
    /// One entry per scenario, run or omitted.
    pub scenarios: Vec<ScenarioResult>,
}

/// The harness and the exact test material it used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Harness {
    /// `jha-interop-conformance`.
    pub name: String,
    /// Its version.
    pub version: String,
    /// The requirements catalogue the registry transcribes.
    pub catalogue: String,
    /// The version of that catalogue the run certified against.
    pub catalogue_version: u32,
    /// SHA-256 over every feature file and the registry (each file's path and SHA-256, sorted
    /// by path, one per line).
    pub features_sha256: String,
    /// Each file of the feature bundle with its SHA-256.
    pub files: Vec<HashedFile>,
}

/// A file and its SHA-256.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct HashedFile {
    /// Path relative to the features folder.
    pub path: String,
    /// Lower-case hexadecimal SHA-256.
    pub sha256: String,
}

/// When and how the run happened, and whether it can support a certification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct RunInfo {
    /// Start, RFC 3339 UTC.
    pub started_at: String,
    /// End, RFC 3339 UTC.
    pub finished_at: String,
    /// Wall time in milliseconds.
    pub duration_ms: u64,
    /// Options that narrow or change the run.
    pub options: RunOptionsRecord,
    /// Whether the whole mandatory scope ran: false after any narrowing (tags, name filter,
    /// fail-fast) or harness error.
    pub certifiable: bool,
    /// Why the run is not certifiable.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_certifiable_because: Vec<String>,
    /// Harness errors (parse errors, undefined steps, set-up failures): problems of the test
    /// material or set-up, not of the implementation.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub harness_errors: Vec<String>,
}

/// The options of a run as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct RunOptionsRecord {
    /// The tag expression the run was narrowed to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<String>,
    /// The scenario-name pattern the run was narrowed to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Whether the run stopped at the first failure.
    pub fail_fast: bool,
    /// How many scenarios ran at once.
    pub concurrency: usize,
}

/// Counts of the run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Summary {
    /// Scenarios that passed.
    pub scenarios_passed: usize,
    /// Scenarios that failed.
    pub scenarios_failed: usize,
    /// Scenarios not run (out of the declared scope, or excluded by a filter).
    pub scenarios_omitted: usize,
    /// Requirements passed.
    pub requirements_passed: usize,
    /// Requirements failed.
    pub requirements_failed: usize,
    /// Requirements whose every scenario was omitted.
    pub requirements_omitted: usize,
    /// Requirements no scenario checks (with a reason in the registry).
    pub requirements_not_tested: usize,
    /// MUST requirements failed.
    pub must_failed: usize,
}

/// The verdict on one requirement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Every scenario that ran passed, and at least one ran.
    Pass,
    /// At least one scenario failed.
    Fail,
    /// Every scenario was omitted.
    Omitted,
    /// No scenario checks it; the registry says why.
    NotTested,
}

/// One requirement's verdict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct RequirementVerdict {
    /// The requirement ID.
    pub id: String,
    /// Its level.
    pub level: Level,
    /// The component.
    pub component: String,
    /// The legal basis.
    pub basis: String,
    /// A one-line summary.
    pub summary: String,
    /// The verdict.
    pub verdict: Verdict,
    /// The scenarios that check it (`path:line`).
    pub scenarios: Vec<String>,
    /// The not-tested reason, or why its scenarios were omitted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// A scenario's status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ScenarioStatus {
    /// Every step passed.
    Passed,
    /// A step failed.
    Failed,
    /// Not run: out of scope or filtered out.
    Omitted,
    /// Could not be judged: the harness or the target failed (a transport error, a missing
    /// credential). Never a failure of a requirement; the run is not certifiable.
    HarnessError,
}

/// One scenario's result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ScenarioResult {
    /// Feature file, relative to the features folder.
    pub feature: String,
    /// The feature's name.
    pub feature_name: String,
    /// The scenario's name.
    pub name: String,
    /// Its line (for outline rows, the row's line).
    pub line: usize,
    /// Every tag, inherited ones included, without `@`.
    pub tags: Vec<String>,
    /// The requirement IDs it checks.
    pub requirements: Vec<String>,
    /// Its status.
    pub status: ScenarioStatus,
    /// Why it was omitted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub omitted_because: Option<String>,
    /// The failing step and what went wrong.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failure: Option<StepFailure>,
    /// Wall time in milliseconds.
    pub duration_ms: u64,
}

/// Where and why a scenario failed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct StepFailure {
    /// The step as written, keyword included.
    pub step: String,
    /// Its line.
    pub line: usize,
    /// What went wrong.
    pub message: String,
}
