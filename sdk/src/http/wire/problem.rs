//! RFC 9457 problem documents: how every error of the contract travels.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::api::{Error, ErrorKind, Violation};

/// The prefix of every problem `type` URI; the kind's [`ErrorKind::name`] follows. The URIs
/// are identifiers: stable, compared as strings, not necessarily dereferenceable.
pub const PROBLEM_TYPE_PREFIX: &str = "https://jha-interop.github.io/problems/";

/// An RFC 9457 problem document, with the contract's `rule` and `violations` as extension
/// members.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Problem {
    /// `https://jha-interop.github.io/problems/{kind}`, one per [`ErrorKind`].
    #[serde(rename = "type")]
    pub type_uri: String,
    /// The kind in words, the same for every problem of the type.
    pub title: String,
    /// The HTTP status, as [`ErrorKind::http_status`] gives it.
    pub status: u16,
    /// What happened in this occurrence.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub detail: String,
    /// The requirement the refusal enforces, when one does (`CIR-05`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<crate::api::RequirementId>,
    /// For invalid input: every broken rule, with the field it concerns.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub violations: Vec<Violation>,
}

impl ErrorKind {
    /// The kind whose [`ErrorKind::name`] is `name`.
    pub fn from_name(name: &str) -> Option<ErrorKind> {
        ErrorKind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// The problem `type` URI of the kind.
    pub fn problem_type(self) -> String {
        format!("{PROBLEM_TYPE_PREFIX}{}", self.name())
    }

    /// The problem `title` of the kind.
    pub fn title(self) -> &'static str {
        match self {
            ErrorKind::Unauthenticated => "No valid credential",
            ErrorKind::Forbidden => "Outside the caller's rights",
            ErrorKind::Invalid => "Invalid input",
            ErrorKind::NotFound => "Not found",
            ErrorKind::Conflict => "Conflict with the current state",
            ErrorKind::PayloadTooLarge => "Request larger than the documented limit",
            ErrorKind::Unavailable => "Unavailable",
            ErrorKind::Timeout => "Timed out",
            ErrorKind::Internal => "Internal fault of the implementation",
        }
    }

    /// The kind a bare HTTP status stands for, when a reply is not a problem document.
    pub fn from_http_status(status: u16) -> ErrorKind {
        match status {
            401 => ErrorKind::Unauthenticated,
            403 => ErrorKind::Forbidden,
            400 | 415 | 422 => ErrorKind::Invalid,
            404 | 410 => ErrorKind::NotFound,
            409 => ErrorKind::Conflict,
            413 => ErrorKind::PayloadTooLarge,
            429 | 502 | 503 => ErrorKind::Unavailable,
            408 | 504 => ErrorKind::Timeout,
            _ => ErrorKind::Internal,
        }
    }
}

impl Problem {
    /// The problem document of an error.
    pub fn from_error(error: &Error) -> Problem {
        Problem {
            type_uri: error.kind.problem_type(),
            title: error.kind.title().to_string(),
            status: error.kind.http_status(),
            detail: error.message.clone(),
            rule: error.rule.clone(),
            violations: error.violations.clone(),
        }
    }

    /// The kind the document's `type` names; a `type` this binding does not define falls back
    /// to the kind of the `status`.
    pub fn kind(&self) -> ErrorKind {
        self.type_uri
            .strip_prefix(PROBLEM_TYPE_PREFIX)
            .and_then(ErrorKind::from_name)
            .unwrap_or_else(|| ErrorKind::from_http_status(self.status))
    }

    /// The error the document describes.
    pub fn into_error(self) -> Error {
        let kind = self.kind();
        let message = if self.detail.is_empty() { self.title } else { self.detail };
        Error { kind, message, rule: self.rule, violations: self.violations }
    }
}

impl From<&Error> for Problem {
    fn from(error: &Error) -> Self {
        Problem::from_error(error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_round_trips_through_a_problem_document() {
        for kind in ErrorKind::ALL {
            let error = Error::new(kind, "what happened").with_rule(crate::requirement!("CIR-05"));
            let json = serde_json::to_string(&Problem::from_error(&error)).unwrap();
            let back: Problem = serde_json::from_str(&json).unwrap();
            assert_eq!(back.status, kind.http_status());
            assert_eq!(back.into_error(), error);
        }
    }

    #[test]
    fn names_are_unique_and_spelled_alike_in_serde_display_and_type() {
        let names: std::collections::HashSet<_> = ErrorKind::ALL.iter().map(|k| k.name()).collect();
        assert_eq!(names.len(), ErrorKind::ALL.len());
        for kind in ErrorKind::ALL {
            assert_eq!(serde_json::to_string(&kind).unwrap(), format!("\"{}\"", kind.name()));
            assert_eq!(kind.to_string(), kind.name());
            assert!(kind.problem_type().ends_with(kind.name()));
            assert_eq!(ErrorKind::from_name(kind.name()), Some(kind));
        }
    }

    #[test]
    fn violations_travel_as_an_extension_member() {
        let error = Error::invalid(vec![Violation::new(
            crate::requirement!("DQ-B-DOB-FUTURE"),
            "identity.date_of_birth",
            "in the future",
        )]);
        let value = serde_json::to_value(Problem::from_error(&error)).unwrap();
        assert_eq!(value["type"], "https://jha-interop.github.io/problems/invalid");
        assert_eq!(value["status"], 422);
        assert_eq!(value["violations"][0]["rule"], "DQ-B-DOB-FUTURE");
        assert_eq!(value["violations"][0]["field"], "identity.date_of_birth");
    }

    #[test]
    fn an_unknown_type_falls_back_to_the_status() {
        let problem: Problem =
            serde_json::from_str(r#"{"type":"about:blank","title":"Bad Gateway","status":502}"#).unwrap();
        assert_eq!(problem.kind(), ErrorKind::Unavailable);
        assert_eq!(problem.into_error().message, "Bad Gateway");
    }
}
