//! The plan of a run: every scenario of the feature files (outline rows expanded), its tags and
//! whether it runs, plus the SHA-256 of the test material.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use cucumber::feature::Ext as _;
use cucumber::gherkin::{self, GherkinEnv};
use sha2::{Digest, Sha256};

use super::collector::{effective_tags, relative_path};
use super::scope::{Decision, Scope};
use crate::report::model::HashedFile;

/// One scenario as planned.
#[derive(Debug, Clone)]
pub struct PlannedScenario {
    /// Feature file relative to the features folder.
    pub feature: String,
    /// Absolute path of the feature file.
    pub path: PathBuf,
    /// The feature's name.
    pub feature_name: String,
    /// The scenario's name (outline placeholders filled in).
    pub name: String,
    /// Its line.
    pub line: usize,
    /// Its tags, inherited ones included, without `@`.
    pub tags: Vec<String>,
    /// Whether it runs.
    pub decision: Decision,
}

/// The scenarios of a run.
#[derive(Debug, Clone)]
pub struct Plan {
    /// Every scenario.
    pub scenarios: Vec<PlannedScenario>,
    /// The feature files and the registry with their hashes.
    pub files: Vec<HashedFile>,
    /// SHA-256 over `files`.
    pub features_sha256: String,
}

/// The scenarios that run, by file and line.
#[derive(Debug, Clone)]
pub struct Selection(BTreeSet<(PathBuf, usize)>);

impl Selection {
    /// Whether the scenario of `path` at `line` runs.
    pub fn contains(&self, path: Option<&Path>, line: usize) -> bool {
        path.is_some_and(|p| self.0.contains(&(canonical(p), line)))
    }
}

fn canonical(path: &Path) -> PathBuf {
    path.canonicalize().unwrap_or_else(|_| path.to_path_buf())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Every `.feature` file under `dir`, sorted.
pub fn feature_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(d) = pending.pop() {
        let entries = std::fs::read_dir(&d).map_err(|e| format!("cannot read {}: {e}", d.display()))?;
        for entry in entries {
            let path = entry.map_err(|e| format!("cannot read {}: {e}", d.display()))?.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "feature") {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Every feature of `dir`, parsed with outlines expanded.
pub fn parse_features(dir: &Path) -> Result<Vec<gherkin::Feature>, String> {
    feature_files(dir)?
        .iter()
        .map(|path| {
            gherkin::Feature::parse_path(path, GherkinEnv::default())
                .map_err(|e| format!("cannot parse {}: {e}", path.display()))?
                .expand_examples()
                .map_err(|e| format!("cannot expand the outlines of {}: {e}", path.display()))
        })
        .collect()
}

/// The test material of the features in `dir` (every feature file and `requirements.toml`)
/// with each file's SHA-256, sorted by path, and the SHA-256 of that listing: what the report
/// records as the feature bundle's digest. It depends only on relative paths and bytes, so the
/// embedded bundle unpacked anywhere hashes as the checkout it was built from.
pub fn hashed_material(dir: &Path) -> Result<(Vec<HashedFile>, String), String> {
    let mut material = feature_files(dir)?;
    material.push(dir.join("requirements.toml"));
    let mut files = Vec::new();
    for path in &material {
        let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        files.push(HashedFile { path: relative_path(dir, Some(path)), sha256: hex(&Sha256::digest(&bytes)) });
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    let listing: String = files.iter().map(|f| format!("{}  {}\n", f.sha256, f.path)).collect();
    let digest = hex(&Sha256::digest(listing.as_bytes()));
    Ok((files, digest))
}

impl Plan {
    /// The plan of the features in `dir` under `scope`.
    pub fn new(dir: &Path, scope: &Scope) -> Result<Plan, String> {
        let mut scenarios = Vec::new();
        for feature in parse_features(dir)? {
            let path = feature.path.clone().unwrap_or_default();
            let relative = relative_path(dir, Some(&path));
            let mut add = |rule: Option<&gherkin::Rule>, scenario: &gherkin::Scenario| {
                let tags = effective_tags(&feature, rule, scenario);
                scenarios.push(PlannedScenario {
                    feature: relative.clone(),
                    path: canonical(&path),
                    feature_name: feature.name.clone(),
                    name: scenario.name.clone(),
                    line: scenario.position.line,
                    decision: scope.decide(&tags, &scenario.name),
                    tags,
                });
            };
            for scenario in &feature.scenarios {
                add(None, scenario);
            }
            for rule in &feature.rules {
                for scenario in &rule.scenarios {
                    add(Some(rule), scenario);
                }
            }
        }
        let (files, features_sha256) = hashed_material(dir)?;
        Ok(Plan { scenarios, files, features_sha256 })
    }

    /// How many scenarios run.
    pub fn to_run(&self) -> usize {
        self.scenarios.iter().filter(|s| s.decision == Decision::Run).count()
    }

    /// The scenarios that run.
    pub fn selection(&self) -> Selection {
        Selection(
            self.scenarios
                .iter()
                .filter(|s| s.decision == Decision::Run)
                .map(|s| (s.path.clone(), s.line))
                .collect(),
        )
    }
}
