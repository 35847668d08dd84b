//! A cucumber writer that records what each scenario did, for the report, and prints one
//! progress line per finished scenario.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use cucumber::event::{self, Cucumber, Feature, Hook, RetryableScenario, Rule, Scenario, Step};
use cucumber::{Event, Writer, cli, gherkin, parser};

use crate::failure::HARNESS_PREFIX;
use crate::report::model::{ScenarioResult, ScenarioStatus, StepFailure};
use crate::wire_check::WireCheck;
use crate::world::ConformanceWorld;

/// What the run produced, shared between the writer and the runner.
#[derive(Debug, Default)]
pub struct Collected {
    /// Scenarios that ran, finished.
    pub scenarios: Vec<ScenarioResult>,
    /// Problems of the test material or the harness.
    pub harness_errors: Vec<String>,
    /// Response bodies of an HTTP target that break their published schema, with the
    /// scenario during which each was seen.
    pub schema_violations: Vec<String>,
    /// Whether the run checked the wire (an HTTP target).
    pub wire_checked: bool,
}

/// Key of a running scenario: feature path and line.
type Key = (PathBuf, usize);

struct Running {
    started: Instant,
    failure: Option<StepFailure>,
}

/// The writer.
pub struct Collector {
    features: PathBuf,
    collected: Arc<Mutex<Collected>>,
    running: HashMap<Key, Running>,
    expected: usize,
    progress: bool,
    wire: Option<Arc<WireCheck>>,
}

impl Collector {
    /// A writer recording into `collected`, naming feature files relative to `features`;
    /// `expected` scenarios will run (for the progress counter).
    pub fn new(features: &Path, collected: Arc<Mutex<Collected>>, expected: usize, progress: bool) -> Self {
        Collector {
            features: features.to_path_buf(),
            collected,
            running: HashMap::new(),
            expected,
            progress,
            wire: None,
        }
    }

    /// The same writer, also reporting what `wire` saw during each scenario (HTTP targets run
    /// one scenario at a time, so what it saw belongs to the scenario that just finished).
    pub fn with_wire_check(mut self, wire: Option<Arc<WireCheck>>) -> Self {
        lock(&self.collected).wire_checked = wire.is_some();
        self.wire = wire;
        self
    }

    fn relative(&self, feature: &gherkin::Feature) -> String {
        relative_path(&self.features, feature.path.as_deref())
    }

    fn on_scenario(
        &mut self,
        feature: &gherkin::Feature,
        rule: Option<&gherkin::Rule>,
        scenario: &gherkin::Scenario,
        event: &Scenario<ConformanceWorld>,
    ) {
        let key = (feature.path.clone().unwrap_or_default(), scenario.position.line);
        match event {
            Scenario::Started => {
                self.running.insert(key, Running { started: Instant::now(), failure: None });
            }
            Scenario::Step(step, ev) | Scenario::Background(step, ev) => {
                let message = match ev {
                    Step::Failed(_, _, _, error) => Some(step_error_text(error)),
                    Step::Skipped => Some("no step definition matches this step (harness error)".to_string()),
                    Step::Started | Step::Passed(..) => None,
                };
                if let (Some(message), Some(running)) = (message, self.running.get_mut(&key))
                    && running.failure.is_none()
                {
                    running.failure = Some(StepFailure {
                        step: format!("{}{}", step.keyword, step.value),
                        line: step.position.line,
                        message,
                    });
                }
                if matches!(ev, Step::Skipped) {
                    let text = format!(
                        "{}:{}: no step definition matches \"{}{}\"",
                        self.relative(feature),
                        step.position.line,
                        step.keyword,
                        step.value
                    );
                    lock(&self.collected).harness_errors.push(text);
                }
            }
            Scenario::Hook(kind, Hook::Failed(_, info)) => {
                if let Some(running) = self.running.get_mut(&key)
                    && running.failure.is_none()
                {
                    running.failure = Some(StepFailure {
                        step: format!("{kind:?} hook"),
                        line: scenario.position.line,
                        message: panic_text(info),
                    });
                }
            }
            Scenario::Finished => {
                let running = self.running.remove(&key);
                let (mut failure, duration_ms) = match running {
                    Some(r) => (r.failure, r.started.elapsed().as_millis() as u64),
                    None => (None, 0),
                };
                let location = format!("{}:{}", self.relative(feature), scenario.position.line);
                let findings = self.wire.as_ref().map(|w| w.take()).unwrap_or_default();
                if !findings.transport_errors.is_empty() {
                    // Whatever the steps concluded, they concluded it from no answer.
                    failure = Some(StepFailure {
                        step: "(the wire)".into(),
                        line: scenario.position.line,
                        message: format!(
                            "{HARNESS_PREFIX}the target could not be reached: {}",
                            findings.transport_errors.join("; ")
                        ),
                    });
                }
                let harness_error = failure.as_ref().is_some_and(|f| is_harness_message(&f.message));
                let status = match (&failure, harness_error) {
                    (None, _) => ScenarioStatus::Passed,
                    (Some(_), true) => ScenarioStatus::HarnessError,
                    (Some(_), false) => ScenarioStatus::Failed,
                };
                let tags = effective_tags(feature, rule, scenario);
                let result = ScenarioResult {
                    feature: self.relative(feature),
                    feature_name: feature.name.clone(),
                    name: scenario.name.clone(),
                    line: scenario.position.line,
                    requirements: requirement_ids(&tags),
                    tags,
                    status,
                    omitted_because: None,
                    failure,
                    duration_ms,
                };
                let mut collected = lock(&self.collected);
                if let (ScenarioStatus::HarnessError, Some(f)) = (result.status, &result.failure) {
                    collected.harness_errors.push(format!("{location}: {}", f.message));
                }
                collected
                    .schema_violations
                    .extend(findings.schema_violations.iter().map(|v| format!("{location}: {v}")));
                if self.progress {
                    let verdict = match result.status {
                        ScenarioStatus::Passed => "pass",
                        ScenarioStatus::HarnessError => "HARNESS ERROR",
                        _ => "FAIL",
                    };
                    eprintln!(
                        "[{:>3}/{}] {verdict} {} ({}:{})",
                        collected.scenarios.len() + 1,
                        self.expected,
                        result.name,
                        result.feature,
                        result.line
                    );
                }
                collected.scenarios.push(result);
            }
            Scenario::Hook(..) | Scenario::Log(_) => {}
        }
    }
}

/// Whether a step's failure message is the harness's or the target's: a [`Failure::harness`],
/// also when cucumber reports it as the World's failure to start (the target could not give an
/// instance).
///
/// [`Failure::harness`]: crate::failure::Failure::harness
fn is_harness_message(message: &str) -> bool {
    message.starts_with(HARNESS_PREFIX)
        || (message.starts_with("failed to initialize") && message.contains(HARNESS_PREFIX))
}

fn lock(m: &Mutex<Collected>) -> std::sync::MutexGuard<'_, Collected> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// The text of a step error: for a step that returned an error, its message.
fn step_error_text(error: &event::StepError) -> String {
    match error {
        event::StepError::Panic(info) => panic_text(info),
        other => other.to_string(),
    }
}

fn panic_text(info: &event::Info) -> String {
    if let Some(s) = info.downcast_ref::<String>() {
        s.clone()
    } else if let Some(s) = info.downcast_ref::<&str>() {
        (*s).to_string()
    } else {
        "the step panicked".to_string()
    }
}

/// `path` relative to the features folder, with `/` separators.
pub fn relative_path(features: &Path, path: Option<&Path>) -> String {
    let Some(path) = path else { return "<unknown>".into() };
    let features = features.canonicalize().unwrap_or_else(|_| features.to_path_buf());
    let path = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    path.strip_prefix(&features)
        .unwrap_or(&path)
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// Feature, rule and scenario tags together, without `@`.
pub fn effective_tags(
    feature: &gherkin::Feature,
    rule: Option<&gherkin::Rule>,
    scenario: &gherkin::Scenario,
) -> Vec<String> {
    let mut tags: Vec<String> = feature.tags.clone();
    if let Some(rule) = rule {
        tags.extend(rule.tags.iter().cloned());
    }
    tags.extend(scenario.tags.iter().cloned());
    let mut seen = Vec::new();
    for t in tags {
        let t = t.trim_start_matches('@').to_string();
        if !seen.contains(&t) {
            seen.push(t);
        }
    }
    seen
}

/// The IDs of the `req:<ID>` tags.
pub fn requirement_ids(tags: &[String]) -> Vec<String> {
    tags.iter().filter_map(|t| t.strip_prefix("req:")).map(str::to_string).collect()
}

impl Writer<ConformanceWorld> for Collector {
    type Cli = cli::Empty;

    async fn handle_event(
        &mut self,
        event: parser::Result<Event<Cucumber<ConformanceWorld>>>,
        _: &Self::Cli,
    ) {
        let event = match event {
            Ok(e) => e.value,
            Err(e) => {
                lock(&self.collected).harness_errors.push(format!("cannot parse a feature: {e}"));
                return;
            }
        };
        match event {
            Cucumber::Feature(feature, Feature::Scenario(scenario, RetryableScenario { event, .. })) => {
                self.on_scenario(&feature, None, &scenario, &event);
            }
            Cucumber::Feature(
                feature,
                Feature::Rule(rule, Rule::Scenario(scenario, RetryableScenario { event, .. })),
            ) => {
                self.on_scenario(&feature, Some(&rule), &scenario, &event);
            }
            Cucumber::ParsingFinished { parser_errors, .. } if parser_errors > 0 => {
                lock(&self.collected)
                    .harness_errors
                    .push(format!("{parser_errors} feature file(s) could not be parsed"));
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn harness_failures_are_told_from_requirement_failures() {
        assert!(is_harness_message("harness: the target could not be reached: refused"));
        assert!(is_harness_message(
            "failed to initialize `World`: harness: the target could not be set up: reset refused"
        ));
        assert!(!is_harness_message("the reply's status is 403, not 200"));
        assert!(!is_harness_message("the implementation answered with an error: forbidden: harness: no"));
    }
}
