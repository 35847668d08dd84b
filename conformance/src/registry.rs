//! The requirements registry (`features/requirements.toml`): every ID of REQUIREMENTS.md with
//! its level, basis and component, and for requirements without a scenario the reason.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

/// How binding a requirement is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema,
)]
pub enum Level {
    /// Certification fails without it.
    #[serde(rename = "MUST")]
    Must,
    /// Reported; does not block.
    #[serde(rename = "SHOULD")]
    Should,
    /// Optional capability.
    #[serde(rename = "MAY")]
    May,
    /// Tested by the SDK's unit tests and external vectors, not by the suite.
    #[serde(rename = "SDK")]
    Sdk,
}

/// One requirement of the catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Requirement {
    /// Stable identifier, e.g. `ESP-04`.
    pub id: String,
    /// Its level.
    pub level: Level,
    /// The component or area (`ESP`, `SBMS`, … `SEC`, `FMT`).
    pub component: String,
    /// The legal basis as the catalogue gives it.
    pub basis: String,
    /// A one-line summary.
    pub summary: String,
    /// Why no scenario checks it, when none does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_tested: Option<String>,
}

/// The default of a POLICY of the catalogue as the suite certifies it: the scenarios tagged
/// `@policy:<id>` expect this setting, and run only against a target declaring it. The suite
/// states it here, in its own registry, rather than reading any implementation's defaults, so
/// that a change of the reference's defaults is judged, not followed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyDefault {
    /// The policy, e.g. `MID-P1`.
    pub id: String,
    /// The version of the setting, as a target declares it.
    pub version: String,
    /// The setting in words, exactly as a target declaring it gives it.
    pub value: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RegistryFile {
    catalogue: String,
    catalogue_version: u32,
    requirement: Vec<Requirement>,
    #[serde(default)]
    policy: Vec<PolicyDefault>,
}

/// Why the registry could not be read.
#[derive(Debug, thiserror::Error)]
pub enum RegistryError {
    /// The file could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
    /// The file is not a valid registry.
    #[error("{path} is not a valid registry: {message}")]
    Invalid {
        /// The file.
        path: String,
        /// What is wrong.
        message: String,
    },
}

/// The registry, in catalogue order.
#[derive(Debug, Clone)]
pub struct Registry {
    /// The catalogue it transcribes (its title).
    pub catalogue: String,
    /// The version of the catalogue it transcribes (the "Version N" line of REQUIREMENTS.md).
    pub catalogue_version: u32,
    requirements: Vec<Requirement>,
    by_id: BTreeMap<String, usize>,
    policies: BTreeMap<String, PolicyDefault>,
}

impl Registry {
    /// Reads `path`.
    pub fn load(path: &Path) -> Result<Registry, RegistryError> {
        let text = std::fs::read_to_string(path)
            .map_err(|source| RegistryError::Io { path: path.display().to_string(), source })?;
        Registry::parse(&text)
            .map_err(|message| RegistryError::Invalid { path: path.display().to_string(), message })
    }

    /// Parses registry text.
    pub fn parse(text: &str) -> Result<Registry, String> {
        let file: RegistryFile = toml::from_str(text).map_err(|e| e.to_string())?;
        let mut by_id = BTreeMap::new();
        for (i, r) in file.requirement.iter().enumerate() {
            if by_id.insert(r.id.clone(), i).is_some() {
                return Err(format!("requirement {} is listed twice", r.id));
            }
        }
        let mut policies = BTreeMap::new();
        for p in file.policy {
            if let Some(twice) = policies.insert(p.id.clone(), p) {
                return Err(format!("policy {} is listed twice", twice.id));
            }
        }
        Ok(Registry {
            catalogue: file.catalogue,
            catalogue_version: file.catalogue_version,
            requirements: file.requirement,
            by_id,
            policies,
        })
    }

    /// The default of policy `id` the scenarios certify, when the registry states one.
    pub fn policy(&self, id: &str) -> Option<&PolicyDefault> {
        self.policies.get(id)
    }

    /// Every policy default the registry states, by ID.
    pub fn policies(&self) -> impl Iterator<Item = &PolicyDefault> {
        self.policies.values()
    }

    /// Every requirement, in catalogue order.
    pub fn requirements(&self) -> &[Requirement] {
        &self.requirements
    }

    /// The requirement `id`.
    pub fn get(&self, id: &str) -> Option<&Requirement> {
        self.by_id.get(id).map(|&i| &self.requirements[i])
    }
}

/// The requirement IDs and levels of the catalogue's tables (`| ESP-01 | MUST | … |`) and of its
/// formats table (`| FMT-MRZ | … |`, level SDK).
pub fn catalogue_ids(markdown: &str) -> Vec<(String, Option<String>)> {
    let mut out = Vec::new();
    for line in markdown.lines() {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        if cells.len() < 3 || !cells[0].is_empty() {
            continue;
        }
        let id = cells[1];
        let looks_like_id = id.split_once('-').is_some_and(|(area, rest)| {
            !area.is_empty()
                && area.chars().all(|c| c.is_ascii_uppercase())
                && !rest.is_empty()
                && rest.chars().all(|c| c.is_ascii_alphanumeric())
        });
        if !looks_like_id {
            continue;
        }
        let level = ["MUST", "SHOULD", "MAY"].contains(&cells[2]).then(|| cells[2].to_string());
        out.push((id.to_string(), level));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogue_rows_are_found() {
        let md = "| ID | Level | Requirement |\n|---|---|---|\n| ESP-01 | MUST | x |\n| FMT-MRZ | parse |\nnot a row\n";
        assert_eq!(
            catalogue_ids(md),
            vec![("ESP-01".to_string(), Some("MUST".to_string())), ("FMT-MRZ".to_string(), None)]
        );
    }

    #[test]
    fn duplicates_are_refused() {
        let one = "[[requirement]]\nid = \"A-01\"\nlevel = \"MUST\"\ncomponent = \"A\"\nbasis = \"b\"\nsummary = \"s\"\n";
        let text = format!("catalogue = \"c\"\ncatalogue_version = 1\n{one}{one}");
        assert!(Registry::parse(&text).unwrap_err().contains("twice"));
    }

    #[test]
    fn policy_defaults_are_read_and_duplicates_refused() {
        let one = "[[policy]]\nid = \"MID-P1\"\nversion = \"1\"\nvalue = \"v\"\n";
        let text = format!("catalogue = \"c\"\ncatalogue_version = 1\nrequirement = []\n{one}");
        let registry = Registry::parse(&text).unwrap();
        assert_eq!(registry.policy("MID-P1").map(|p| p.value.as_str()), Some("v"));
        assert!(registry.policy("MID-P2").is_none());
        assert!(Registry::parse(&format!("{text}{one}")).unwrap_err().contains("twice"));
    }
}
