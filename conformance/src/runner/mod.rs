//! Running the suite against a target and turning what happened into a report.

pub mod bundle;
pub mod collector;
pub mod plan;
pub mod report_build;
pub mod scope;

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use cucumber::{World as _, WriterExt as _};

use self::report_build::{BuildInput, build_report};
use crate::registry::Registry;
use crate::report::model::{ConformanceReport, RunOptionsRecord};
use crate::target::Target;
use crate::world::{ConformanceWorld, RUN, RunContext};
use collector::{Collected, Collector};
use plan::Plan;
use scope::{Mode, Narrowing, Scope};

/// How to run.
#[derive(Debug, Clone)]
pub struct RunOptions {
    /// The `features/` folder (feature files and `requirements.toml`).
    pub features: PathBuf,
    /// A cucumber tag expression narrowing the run (makes it not certifiable).
    pub tags: Option<String>,
    /// A pattern scenario names must match (makes it not certifiable).
    pub name: Option<String>,
    /// Stop at the first failing scenario (makes it not certifiable).
    pub fail_fast: bool,
    /// Scenarios run at once, when the target allows concurrency.
    pub concurrency: usize,
    /// Print a line per finished scenario on stderr.
    pub progress: bool,
}

impl RunOptions {
    /// The whole suite in `features`, certifiable.
    pub fn full(features: impl Into<PathBuf>) -> Self {
        RunOptions {
            features: features.into(),
            tags: None,
            name: None,
            fail_fast: false,
            concurrency: 16,
            progress: false,
        }
    }
}

/// Why the suite could not run at all.
#[derive(Debug, thiserror::Error)]
pub enum HarnessError {
    /// The registry is unreadable.
    #[error(transparent)]
    Registry(#[from] crate::registry::RegistryError),
    /// A feature file is unreadable or malformed.
    #[error("{0}")]
    Features(String),
    /// A filter option is malformed.
    #[error("invalid option: {0}")]
    Option(String),
    /// The target could not be reached or described.
    #[error("the target could not be reached: {0}")]
    Target(String),
}

/// The `features/` folder shipped with the harness: the bundle embedded at build time,
/// unpacked into the temporary directory ([`bundle`]), so that it works with no checkout.
///
/// # Panics
/// When the bundle cannot be written into the temporary directory; [`try_bundled_features`]
/// returns that error instead.
pub fn bundled_features() -> PathBuf {
    try_bundled_features().unwrap_or_else(|e| panic!("cannot unpack the embedded feature bundle: {e}"))
}

/// The `features/` folder shipped with the harness, or why it could not be unpacked.
pub fn try_bundled_features() -> std::io::Result<PathBuf> {
    bundle::unpacked()
}

/// Runs the suite in `options.features` against `target`.
pub async fn run(target: Arc<dyn Target>, options: &RunOptions) -> Result<ConformanceReport, HarnessError> {
    let started_at = jha_interop::model::Timestamp::now();
    let clock = Instant::now();
    let registry = Registry::load(&options.features.join("requirements.toml"))?;
    let narrowing = Narrowing {
        tags: options
            .tags
            .as_deref()
            .map(|t| t.parse().map_err(|e| HarnessError::Option(format!("--tags {t:?}: {e}"))))
            .transpose()?,
        name: options
            .name
            .as_deref()
            .map(|n| regex::Regex::new(n).map_err(|e| HarnessError::Option(format!("--name {n:?}: {e}"))))
            .transpose()?,
    };
    // What the target declares decides scope; one throw-away instance tells.
    let probe = target.instance().await.map_err(|e| HarnessError::Target(e.to_string()))?;
    let declared = probe.connector().capabilities().await.map_err(|e| HarnessError::Target(e.to_string()))?;
    // The policy defaults the scenarios certify are the registry's, never the reference's.
    let defaults: Vec<_> = registry.policies().cloned().collect();
    let mode = if target.description().mode == "http" { Mode::Http } else { Mode::InProcess };
    let scope = Scope::new(mode, declared.clone(), defaults, narrowing);
    let plan = Plan::new(&options.features, &scope).map_err(HarnessError::Features)?;

    let collected = Arc::new(Mutex::new(Collected::default()));
    let writer = Collector::new(&options.features, collected.clone(), plan.to_run(), options.progress)
        .with_wire_check(target.wire_check());
    let concurrency = if target.concurrent() { options.concurrency.max(1) } else { 1 };
    let mut cucumber = ConformanceWorld::cucumber()
        .with_writer(writer.normalized())
        .with_default_cli()
        .max_concurrent_scenarios(concurrency);
    if options.fail_fast {
        cucumber = cucumber.fail_fast();
    }
    let selected = plan.selection();
    let context = Arc::new(RunContext::new(target.clone()));
    RUN.scope(
        context,
        cucumber.filter_run(options.features.clone(), move |feature, _rule, scenario| {
            selected.contains(feature.path.as_deref(), scenario.position.line)
        }),
    )
    .await;

    let collected = std::mem::take(&mut *collected.lock().unwrap_or_else(|p| p.into_inner()));
    let run_options = RunOptionsRecord {
        tags: options.tags.clone(),
        name: options.name.clone(),
        fail_fast: options.fail_fast,
        concurrency,
    };
    Ok(build_report(BuildInput {
        registry: &registry,
        plan: &plan,
        collected,
        target: target.description(),
        declared: Some(declared),
        options: run_options,
        started_at,
        duration_ms: clock.elapsed().as_millis() as u64,
    }))
}
