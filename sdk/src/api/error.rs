//! The one error type of the contract.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::RequirementId;

use crate::model::ModelError;

/// The kind of an error; each maps to one HTTP status and one problem type.
// Spelled the same everywhere: in JSON (serde), by `name()`, by `Display` and in the problem
// `type` of the HTTP binding (`not-found`, `payload-too-large`); a test holds them together.
// Kinds may be added in a minor version (non_exhaustive): other crates match with a `_` arm or
// ask `is_retriable()` / `http_status()`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum ErrorKind {
    /// No valid credential (401).
    Unauthenticated,
    /// A known principal acting outside its rights (403).
    Forbidden,
    /// Input breaks a rule; the violations say which (400/422).
    Invalid,
    /// The thing asked for does not exist or is not visible to the caller (404).
    NotFound,
    /// The request conflicts with the current state (409).
    Conflict,
    /// The input is larger than a documented limit (413).
    PayloadTooLarge,
    /// A component or source is unavailable (503).
    Unavailable,
    /// The operation did not complete in time (504).
    Timeout,
    /// A fault of the implementation (500).
    Internal,
}

impl ErrorKind {
    /// Every kind.
    pub const ALL: [ErrorKind; 9] = [
        ErrorKind::Unauthenticated,
        ErrorKind::Forbidden,
        ErrorKind::Invalid,
        ErrorKind::NotFound,
        ErrorKind::Conflict,
        ErrorKind::PayloadTooLarge,
        ErrorKind::Unavailable,
        ErrorKind::Timeout,
        ErrorKind::Internal,
    ];

    /// Whether retrying the same request later may succeed.
    pub fn is_retriable(self) -> bool {
        matches!(self, ErrorKind::Unavailable | ErrorKind::Timeout)
    }

    /// The HTTP status of the kind.
    pub fn http_status(self) -> u16 {
        match self {
            ErrorKind::Unauthenticated => 401,
            ErrorKind::Forbidden => 403,
            ErrorKind::Invalid => 422,
            ErrorKind::NotFound => 404,
            ErrorKind::Conflict => 409,
            ErrorKind::PayloadTooLarge => 413,
            ErrorKind::Unavailable => 503,
            ErrorKind::Timeout => 504,
            ErrorKind::Internal => 500,
        }
    }

    /// The stable name: the serde spelling, `Display` and the last segment of the RFC 9457
    /// problem `type` of the HTTP binding.
    pub fn name(self) -> &'static str {
        match self {
            ErrorKind::Unauthenticated => "unauthenticated",
            ErrorKind::Forbidden => "forbidden",
            ErrorKind::Invalid => "invalid",
            ErrorKind::NotFound => "not-found",
            ErrorKind::Conflict => "conflict",
            ErrorKind::PayloadTooLarge => "payload-too-large",
            ErrorKind::Unavailable => "unavailable",
            ErrorKind::Timeout => "timeout",
            ErrorKind::Internal => "internal",
        }
    }
}

impl std::fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// One broken rule of an invalid input.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Violation {
    /// The rule's identifier: a requirement ID (`ESP-02`, `CIR-05`) or a data-quality rule
    /// (`DQ-B-DOB-FUTURE`).
    pub rule: RequirementId,
    /// The offending field, as a dotted path (`identity.date_of_birth`), or empty.
    pub field: String,
    /// What is wrong, in words.
    pub message: String,
    /// A measured value, when the rule compares one with a threshold (biometric quality).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measured: Option<f64>,
    /// The threshold the measured value had to reach.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub threshold: Option<f64>,
}

impl Violation {
    /// A violation of `rule` by `field`.
    pub fn new(rule: RequirementId, field: impl Into<String>, message: impl Into<String>) -> Self {
        Violation { rule, field: field.into(), message: message.into(), measured: None, threshold: None }
    }

    /// The same violation with a measured value and its threshold.
    pub fn with_measure(mut self, measured: f64, threshold: f64) -> Self {
        self.measured = Some(measured);
        self.threshold = Some(threshold);
        self
    }
}

/// An error of any component of the contract.
#[derive(Debug, Clone, PartialEq, thiserror::Error, Serialize, Deserialize, JsonSchema)]
#[error("{kind}: {message}")]
pub struct Error {
    /// What kind of error.
    pub kind: ErrorKind,
    /// What happened, in words.
    pub message: String,
    /// The requirement the refusal enforces, when one does (`CIR-05`, `MID-07`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<RequirementId>,
    /// For invalid input: every broken rule.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub violations: Vec<Violation>,
}

/// The result type of the contract.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// An error of `kind`.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error { kind, message: message.into(), rule: None, violations: Vec::new() }
    }

    /// The same error, naming the requirement it enforces.
    pub fn with_rule(mut self, rule: RequirementId) -> Self {
        self.rule = Some(rule);
        self
    }

    /// A missing or unknown credential.
    pub fn unauthenticated(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::Unauthenticated, message)
    }

    /// A known caller acting outside its rights.
    pub fn forbidden(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::Forbidden, message)
    }

    /// Invalid input with the broken rules.
    pub fn invalid(violations: Vec<Violation>) -> Self {
        let message = match violations.as_slice() {
            [] => "invalid input".to_string(),
            [one] => format!("{} ({}): {}", one.field, one.rule, one.message),
            many => format!(
                "{} rules broken: {}",
                many.len(),
                many.iter().map(|v| v.rule.as_str()).collect::<Vec<_>>().join(", ")
            ),
        };
        Error { kind: ErrorKind::Invalid, message, rule: None, violations }
    }

    /// Invalid input breaking one rule.
    pub fn invalid_field(rule: RequirementId, field: &str, message: impl Into<String>) -> Self {
        Error::invalid(vec![Violation::new(rule, field, message)])
    }

    /// Something that does not exist or that the caller may not know about.
    pub fn not_found(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::NotFound, message)
    }

    /// A request that conflicts with the current state.
    pub fn conflict(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::Conflict, message)
    }

    /// A fault of the implementation.
    pub fn internal(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::Internal, message)
    }

    /// Whether retrying the same request later may succeed.
    pub fn is_retriable(&self) -> bool {
        self.kind.is_retriable()
    }

    /// Whether the error names requirement or rule `id`, directly or in a violation.
    pub fn concerns(&self, id: &str) -> bool {
        self.rule.as_deref() == Some(id) || self.violations.iter().any(|v| v.rule == id)
    }
}

impl From<ModelError> for Error {
    fn from(e: ModelError) -> Self {
        // A value breaking its type's constraints breaks the message's JSON Schema.
        Error::invalid(vec![Violation::new(crate::requirement!("FMT-JSON"), e.what(), e.to_string())])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_unavailable_and_timeout_are_retriable() {
        let all = ErrorKind::ALL;
        let retriable: Vec<_> = all.into_iter().filter(|k| k.is_retriable()).collect();
        assert_eq!(retriable, vec![ErrorKind::Unavailable, ErrorKind::Timeout]);
        assert!(all.iter().all(|k| k.http_status() != 500 || *k == ErrorKind::Internal));
    }

    /// One spelling per kind: serde's (what the wire and the schemas carry), `name()` (the
    /// problem `type`) and `Display`, for every kind the JSON Schema lists, so that a new kind
    /// missing from `ALL` fails too.
    #[test]
    fn every_kind_is_spelled_the_same_in_serde_name_and_display() {
        for kind in ErrorKind::ALL {
            let serde = serde_json::to_value(kind).unwrap();
            assert_eq!(serde, serde_json::Value::from(kind.name()), "{kind:?}");
            assert_eq!(kind.to_string(), kind.name(), "{kind:?}");
            let back: ErrorKind = serde_json::from_value(serde).unwrap();
            assert_eq!(back, kind);
        }
        let schema = serde_json::to_value(schemars::schema_for!(ErrorKind)).unwrap();
        let mut listed: Vec<String> = schema["oneOf"]
            .as_array()
            .expect("ErrorKind's schema lists its values")
            .iter()
            .map(|v| v["const"].as_str().expect("one constant per kind").to_string())
            .collect();
        let mut names: Vec<String> = ErrorKind::ALL.iter().map(|k| k.name().to_string()).collect();
        listed.sort();
        names.sort();
        assert_eq!(listed, names, "ErrorKind::ALL lists every kind, spelled as serde does");
    }

    #[test]
    fn invalid_lists_rules_in_the_message() {
        let e = Error::invalid(vec![
            Violation::new(crate::requirement!("DQ-B-1"), "a", "x"),
            Violation::new(crate::requirement!("DQ-B-2"), "b", "y"),
        ]);
        assert_eq!(e.to_string(), "invalid: 2 rules broken: DQ-B-1, DQ-B-2");
        assert!(e.concerns("DQ-B-2"));
        assert!(!e.concerns("DQ-B-3"));
    }
}
