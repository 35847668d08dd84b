//! What the harness checks on the wire of an HTTP target, beside the scenarios' own
//! assertions: every response body against the published JSON Schema of its type (a violation
//! fails FMT-JSON with the JSON path), and every transport failure (connection refused, a
//! timeout, a cut stream, a body that does not decode), which makes the scenario a harness
//! error rather than a failure of a requirement.

use std::collections::HashMap;
use std::sync::Mutex;

use jha_interop::api::Error;
use jha_interop::http::client::WireObserver;
use jha_interop::http::wire::{Call, NDJSON, ResponseBody};

/// The schema of an error reply.
const PROBLEM: &str = "Problem";
/// The schema of one line of a streamed search.
const STREAM_LINE: &str = "SearchStreamLine";

/// What was seen since the last [`WireCheck::take`].
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct WireFindings {
    /// Response bodies that break their schema: "operation status: path: what".
    pub schema_violations: Vec<String>,
    /// Requests that got no answer of the implementation.
    pub transport_errors: Vec<String>,
}

impl WireFindings {
    /// Whether nothing was found.
    pub fn is_empty(&self) -> bool {
        self.schema_violations.is_empty() && self.transport_errors.is_empty()
    }
}

/// Validates response bodies and records transport failures.
pub struct WireCheck {
    validators: HashMap<&'static str, jsonschema::Validator>,
    findings: Mutex<WireFindings>,
}

impl std::fmt::Debug for WireCheck {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WireCheck").field("schemas", &self.validators.len()).finish_non_exhaustive()
    }
}

impl WireCheck {
    /// A check with a validator for every published schema.
    pub fn new() -> Result<WireCheck, String> {
        let mut validators = HashMap::new();
        for (name, schema) in jha_interop::schema::message_schemas() {
            let validator = jsonschema::validator_for(schema.as_value())
                .map_err(|e| format!("the published schema {name} does not compile: {e}"))?;
            validators.insert(name, validator);
        }
        Ok(WireCheck { validators, findings: Mutex::new(WireFindings::default()) })
    }

    /// Everything seen since the last call.
    pub fn take(&self) -> WireFindings {
        std::mem::take(&mut *self.findings.lock().unwrap_or_else(|p| p.into_inner()))
    }

    fn record(&self, add: impl FnOnce(&mut WireFindings)) {
        add(&mut self.findings.lock().unwrap_or_else(|p| p.into_inner()));
    }

    /// The schema a body of `call` with `status` must follow, and whether the body is an array
    /// of it.
    fn expected(call: Call, status: u16, content_type: &str) -> Option<(&'static str, bool)> {
        if status >= 400 {
            return Some((PROBLEM, false));
        }
        match call.route().response {
            ResponseBody::Empty => None,
            ResponseBody::One(name) | ResponseBody::Optional(name) => Some((name, false)),
            ResponseBody::Many(name) => Some((name, true)),
            ResponseBody::SearchStream if content_type.starts_with(NDJSON) => Some((STREAM_LINE, false)),
            ResponseBody::SearchStream => Some(("SearchReply", false)),
        }
    }

    /// The schema violations of `body`, as a reply to `call` with `status`.
    pub fn violations(&self, call: Call, status: u16, content_type: &str, body: &[u8]) -> Vec<String> {
        let operation = call.route().operation_id;
        let Some((schema, array)) = Self::expected(call, status, content_type) else {
            return Vec::new();
        };
        if body.iter().all(u8::is_ascii_whitespace) && status == 204 {
            return Vec::new();
        }
        let value: serde_json::Value = match serde_json::from_slice(body) {
            Ok(v) => v,
            Err(e) => return vec![format!("{operation} {status}: the body is not JSON: {e}")],
        };
        let Some(validator) = self.validators.get(schema) else {
            return vec![format!("{operation} {status}: no published schema {schema} (harness error)")];
        };
        let items: Vec<(String, &serde_json::Value)> = if array {
            match value.as_array() {
                Some(items) => items.iter().enumerate().map(|(i, v)| (format!("/{i}"), v)).collect(),
                None => return vec![format!("{operation} {status}: expected a JSON array of {schema}")],
            }
        } else {
            vec![(String::new(), &value)]
        };
        let mut found = Vec::new();
        for (prefix, item) in items {
            for error in validator.iter_errors(item) {
                found.push(format!(
                    "{operation} {status}: {schema} at '{prefix}{}': {error}",
                    error.instance_path()
                ));
            }
        }
        found
    }
}

impl WireObserver for WireCheck {
    fn on_body(&self, call: Call, status: u16, content_type: &str, body: &[u8]) {
        let found = self.violations(call, status, content_type, body);
        if !found.is_empty() {
            self.record(|f| f.schema_violations.extend(found));
        }
    }

    fn on_transport_error(&self, call: Call, error: &Error) {
        let text = format!("{}: {error}", call.route().operation_id);
        self.record(|f| f.transport_errors.push(text));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_are_held_to_their_schema_with_the_json_path() {
        let check = WireCheck::new().unwrap();
        let problem = br#"{"type":"https://jha-interop.github.io/problems/not-found","title":"Not found","status":404}"#;
        assert!(check.violations(Call::GetRecord, 404, "application/problem+json", problem).is_empty());
        let bad_problem = br#"{"type":"x","title":"t","status":"404"}"#;
        let found = check.violations(Call::GetRecord, 404, "application/problem+json", bad_problem);
        assert!(found.iter().any(|v| v.contains("/status")), "{found:?}");

        let link = br#"[{"sin":"bad sin"}]"#;
        let found = check.violations(Call::Links, 200, "application/json", link);
        assert!(found.iter().any(|v| v.contains("at '/0")), "{found:?}");
        assert!(check.violations(Call::Links, 200, "application/json", b"[]").is_empty());
        assert!(!check.violations(Call::Links, 200, "application/json", b"{}").is_empty());
        assert!(check.violations(Call::DeleteRecord, 204, "", b"").is_empty());
        assert!(!check.violations(Call::Whoami, 200, "application/json", b"not json").is_empty());
        let end = br#"{"end":{"results":2}}"#;
        assert!(check.violations(Call::Search, 200, NDJSON, end).is_empty());
        assert!(!check.violations(Call::Search, 200, NDJSON, br#"{"later":1}"#).is_empty());
    }

    #[test]
    fn findings_are_taken_once() {
        let check = WireCheck::new().unwrap();
        check.on_transport_error(
            Call::Whoami,
            &Error::new(jha_interop::api::ErrorKind::Unavailable, "refused"),
        );
        check.on_body(Call::Whoami, 200, "application/json", b"{}");
        let found = check.take();
        assert_eq!(found.transport_errors.len(), 1);
        assert!(!found.schema_violations.is_empty());
        assert!(check.take().is_empty());
    }
}
