//! Which scenarios run against a target, decided before the run from what the target declares.
//! A scenario outside the declared scope is *omitted* with its reason, never silently skipped;
//! one removed by the user's own filter makes the run not certifiable.
//!
//! Tags that decide scope:
//! - `@test-control`: needs the `test-control` capability (setting the clock, simulating
//!   source outages);
//! - `@capability:<name>`: needs that capability (`fingerprint-images`, `interpol-no-reveal`…);
//! - `@policy:<ID>`: checks the documented default of a policy; runs only when the target
//!   declares that policy with the default value;
//! - `@face`: uses the synthetic face embeddings; needs their algorithm declared;
//! - `@http`: checks the HTTP binding itself; runs only against HTTP targets.

use cucumber::gherkin::tagexpr::TagOperation;
use cucumber::tag::Ext as _;
use jha_interop::model::{Capabilities, Capability};

use crate::data::biometrics::SYNTHETIC_FACE_ALGORITHM;
use crate::registry::PolicyDefault;

/// How a target is reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// In the same process.
    InProcess,
    /// Over the HTTP binding.
    Http,
}

/// The user's narrowing of a run.
#[derive(Debug, Clone, Default)]
pub struct Narrowing {
    /// A tag expression (cucumber syntax, tags with `@`).
    pub tags: Option<TagOperation>,
    /// A pattern scenario names must match.
    pub name: Option<regex::Regex>,
}

/// What decides scope.
pub struct Scope {
    mode: Mode,
    declared: Capabilities,
    defaults: Vec<PolicyDefault>,
    narrowing: Narrowing,
}

/// A scenario's fate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// It runs.
    Run,
    /// Out of the declared scope: omitted, certification unaffected.
    OutOfScope(String),
    /// Removed by the user's filter: omitted, the run is not certifiable.
    Filtered(String),
}

fn capability_named(name: &str) -> Option<Capability> {
    serde_json::from_value(serde_json::Value::String(name.to_string())).ok()
}

impl Scope {
    /// The scope for a target declaring `declared`; `defaults` are the policy defaults the
    /// scenarios certify, as the registry states them (never an implementation's).
    pub fn new(
        mode: Mode,
        declared: Capabilities,
        defaults: Vec<PolicyDefault>,
        narrowing: Narrowing,
    ) -> Self {
        Scope { mode, declared, defaults, narrowing }
    }

    /// Decides for a scenario with `tags` (without `@`) named `name`.
    pub fn decide(&self, tags: &[String], name: &str) -> Decision {
        for tag in tags {
            if let Some(reason) = self.out_of_scope(tag) {
                return Decision::OutOfScope(reason);
            }
        }
        if let Some(expr) = &self.narrowing.tags
            && !expr.eval(tags.iter().map(|t| t.as_str()))
        {
            return Decision::Filtered("excluded by the run's tag filter".into());
        }
        if let Some(pattern) = &self.narrowing.name
            && !pattern.is_match(name)
        {
            return Decision::Filtered("excluded by the run's name filter".into());
        }
        Decision::Run
    }

    fn out_of_scope(&self, tag: &str) -> Option<String> {
        if tag == "test-control" && !self.declared.has(Capability::TestControl) {
            return Some("needs the test-control capability, which the target does not declare".into());
        }
        if tag == "http" && self.mode != Mode::Http {
            return Some("checks the HTTP binding; the target runs in process".into());
        }
        if tag == "face" {
            let algorithm = SYNTHETIC_FACE_ALGORITHM;
            if !self.declared.face_algorithms.iter().any(|a| a.as_str() == algorithm) {
                return Some(format!(
                    "uses synthetic face embeddings ({algorithm}), which the target does not accept"
                ));
            }
        }
        if let Some(name) = tag.strip_prefix("capability:") {
            return match capability_named(name) {
                None => Some(format!("names an unknown capability {name:?} (harness error)")),
                Some(c) if !self.declared.has(c) => {
                    Some(format!("needs the {name} capability, not declared"))
                }
                Some(_) => None,
            };
        }
        if let Some(id) = tag.strip_prefix("policy:") {
            let default = self.defaults.iter().find(|p| p.id == id);
            let declared = self.declared.policy(id);
            return match (default, declared) {
                (None, _) => {
                    Some(format!("names a policy {id} the registry gives no default for (harness error)"))
                }
                (_, None) => Some(format!("checks the default of {id}, which the target does not declare")),
                (Some(d), Some(v)) if d.version != v.version || d.value != v.value => Some(format!(
                    "checks the default of {id} (version {}: {:?}); the target declares version {}: {:?} instead",
                    d.version, d.value, v.version, v.value
                )),
                _ => None,
            };
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jha_interop::model::{FaceAlgorithm, Limits, PolicySetting};

    fn declaring(capabilities: Vec<Capability>, mid_p2: &str, faces: &[&str]) -> Capabilities {
        Capabilities {
            implementation: "test".into(),
            version: "1".into(),
            capabilities,
            policies: vec![PolicySetting { id: "MID-P2".into(), version: "1".into(), value: mid_p2.into() }],
            thresholds: Vec::new(),
            face_algorithms: faces.iter().map(|f| FaceAlgorithm::new(*f).unwrap()).collect(),
            limits: Limits {
                max_request_bytes: 1,
                max_biometric_payload_bytes: 1,
                max_fingerprints: 1,
                max_candidates: 1,
            },
            art20_member_states: Vec::new(),
        }
    }

    fn tags(list: &[&str]) -> Vec<String> {
        list.iter().map(|t| t.to_string()).collect()
    }

    /// The registry's default of MID-P2 in these tests.
    fn registry_defaults() -> Vec<PolicyDefault> {
        vec![PolicyDefault { id: "MID-P2".into(), version: "1".into(), value: "default".into() }]
    }

    #[test]
    fn undeclared_scope_is_omitted_and_filters_make_the_run_narrow() {
        let full_target = declaring(vec![Capability::TestControl], "default", &[SYNTHETIC_FACE_ALGORITHM]);
        let defaults = registry_defaults();
        let bare = declaring(vec![], "stricter", &[]);
        let scope = Scope::new(Mode::InProcess, bare, defaults.clone(), Narrowing::default());
        assert!(
            matches!(scope.decide(&tags(&["req:LOG-01", "test-control"]), "x"), Decision::OutOfScope(r) if r.contains("test-control"))
        );
        assert!(
            matches!(scope.decide(&tags(&["policy:MID-P2"]), "x"), Decision::OutOfScope(r) if r.contains("stricter"))
        );
        assert!(matches!(scope.decide(&tags(&["face"]), "x"), Decision::OutOfScope(_)));
        assert!(matches!(
            scope.decide(&tags(&["capability:fingerprint-images"]), "x"),
            Decision::OutOfScope(_)
        ));
        assert!(matches!(scope.decide(&tags(&["http"]), "x"), Decision::OutOfScope(_)));
        assert!(
            matches!(scope.decide(&tags(&["capability:no-such-thing"]), "x"), Decision::OutOfScope(r) if r.contains("harness"))
        );
        assert_eq!(scope.decide(&tags(&["req:MID-02"]), "x"), Decision::Run);

        let full = Scope::new(Mode::InProcess, full_target.clone(), defaults.clone(), Narrowing::default());
        assert_eq!(full.decide(&tags(&["test-control", "policy:MID-P2", "face"]), "x"), Decision::Run);

        let narrowing = Narrowing { tags: Some("@req:ESP-04".parse().unwrap()), name: None };
        let narrow = Scope::new(Mode::InProcess, full_target.clone(), defaults.clone(), narrowing);
        assert!(matches!(narrow.decide(&tags(&["req:MID-02"]), "x"), Decision::Filtered(_)));
        assert_eq!(narrow.decide(&tags(&["req:ESP-04"]), "x"), Decision::Run);
        let by_name = Narrowing { tags: None, name: Some(regex::Regex::new("^red").unwrap()) };
        let named = Scope::new(Mode::InProcess, full_target, defaults, by_name);
        assert!(matches!(named.decide(&tags(&["req:MID-02"]), "blue"), Decision::Filtered(_)));
    }

    #[test]
    fn a_policy_runs_only_at_the_registry_default_version_and_words() {
        let scope = |version: &str, value: &str| {
            let mut target = declaring(vec![], value, &[]);
            target.policies[0].version = version.into();
            Scope::new(Mode::InProcess, target, registry_defaults(), Narrowing::default())
        };
        assert_eq!(scope("1", "default").decide(&tags(&["policy:MID-P2"]), "x"), Decision::Run);
        for other in [scope("2", "default"), scope("1", "default ")] {
            assert!(
                matches!(other.decide(&tags(&["policy:MID-P2"]), "x"), Decision::OutOfScope(r) if r.contains("instead"))
            );
        }
        assert!(matches!(
            scope("1", "default").decide(&tags(&["policy:MID-P1"]), "x"),
            Decision::OutOfScope(r) if r.contains("harness")
        ));
    }
}
