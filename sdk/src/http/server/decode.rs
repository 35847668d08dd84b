//! Decoding a JSON body into the call's type, naming what is wrong (SEC-02): JSON that does
//! not parse is a 400 with line and column (rule `FMT-JSON`); a wrong type, a missing field or
//! an unknown field is a 422 whose violation names the field's path (`identity.aliases[0].sex`,
//! the dotted form the model's own violations use).
//!
//! Most model types accept unknown fields, as serde does by default, so the server finds them
//! itself, in two passes: `serde_ignored` reports every field a struct skips, and a comparison
//! of the input with the decoded value written back catches those inside internally tagged
//! enums, whose content serde buffers out of `serde_ignored`'s sight.

use std::fmt::Write as _;

use axum::http::StatusCode;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::problem::Failure;
use crate::api::{Error, Violation};

/// At most this many unknown fields are named in one problem.
const MAX_NAMED: usize = 32;

fn push_key(path: &mut String, key: &str) {
    if !path.is_empty() {
        path.push('.');
    }
    path.push_str(key);
}

fn push_index(path: &mut String, index: usize) {
    let _ = write!(path, "[{index}]");
}

fn ignored_path(path: &serde_ignored::Path<'_>) -> String {
    use serde_ignored::Path;
    match path {
        Path::Root => String::new(),
        Path::Seq { parent, index } => {
            let mut out = ignored_path(parent);
            push_index(&mut out, *index);
            out
        }
        Path::Map { parent, key } => {
            let mut out = ignored_path(parent);
            push_key(&mut out, key);
            out
        }
        Path::Some { parent } | Path::NewtypeStruct { parent } | Path::NewtypeVariant { parent } => {
            ignored_path(parent)
        }
    }
}

fn error_path(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::new();
    for segment in path {
        match segment {
            Segment::Seq { index } => push_index(&mut out, *index),
            Segment::Map { key } | Segment::Enum { variant: key } => push_key(&mut out, key),
            Segment::Unknown => {}
        }
    }
    out
}

/// The backquoted name serde puts in `missing field `x`` and `unknown field `x``.
fn named_field(message: &str, prefix: &str) -> Option<String> {
    let rest = message.strip_prefix(prefix)?;
    let end = rest.find('`')?;
    Some(rest[..end].to_string())
}

fn malformed(error: &serde_json::Error, field: String) -> Failure {
    let message = format!("not valid JSON at line {} column {}: {error}", error.line(), error.column());
    let violation = Violation::new(crate::requirement!("FMT-JSON"), field, message);
    Failure::from(Error::invalid(vec![violation]).with_rule(crate::requirement!("SEC-02")))
        .with_status(StatusCode::BAD_REQUEST)
}

fn unprocessable(violations: Vec<Violation>) -> Failure {
    Failure::from(Error::invalid(violations).with_rule(crate::requirement!("SEC-02")))
}

fn unknown_fields(paths: Vec<String>) -> Failure {
    let total = paths.len();
    let mut violations: Vec<Violation> = paths
        .into_iter()
        .take(MAX_NAMED)
        .map(|path| {
            Violation::new(
                crate::requirement!("SEC-02"),
                path,
                "unknown field: the message type has no such field",
            )
        })
        .collect();
    if total > MAX_NAMED {
        violations.push(Violation::new(
            crate::requirement!("SEC-02"),
            "",
            format!("{} more unknown fields", total - MAX_NAMED),
        ));
    }
    unprocessable(violations)
}

/// Whether a value says nothing: what a skipped `Option` or empty list stands for, so its key
/// may be missing from the value written back.
fn is_empty(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::Array(items) => items.is_empty(),
        Value::Object(map) => map.is_empty(),
        Value::Bool(b) => !b,
        Value::String(s) => s.is_empty(),
        Value::Number(_) => false,
    }
}

/// Keys of `input` that the decoded value, written back as `known`, does not have.
fn keys_not_written_back(input: &Value, known: &Value, path: &mut String, out: &mut Vec<String>) {
    match (input, known) {
        (Value::Object(input), Value::Object(known)) => {
            for (key, value) in input {
                let length = path.len();
                push_key(path, key);
                match known.get(key) {
                    Some(known) => keys_not_written_back(value, known, path, out),
                    None if !is_empty(value) => out.push(path.clone()),
                    None => {}
                }
                path.truncate(length);
            }
        }
        (Value::Array(input), Value::Array(known)) if input.len() == known.len() => {
            for (index, (value, known)) in input.iter().zip(known).enumerate() {
                let length = path.len();
                push_index(path, index);
                keys_not_written_back(value, known, path, out);
                path.truncate(length);
            }
        }
        _ => {}
    }
}

/// The body as the call's type `T`, or the problem naming what is wrong with it.
pub(super) fn json<T: DeserializeOwned + Serialize>(bytes: &[u8]) -> Result<T, Failure> {
    let mut ignored = Vec::new();
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let decoded: Result<T, _> = {
        let mut record = |path: serde_ignored::Path<'_>| ignored.push(ignored_path(&path));
        let watching = serde_ignored::Deserializer::new(&mut deserializer, &mut record);
        serde_path_to_error::deserialize(watching)
    };
    let value = match decoded {
        Ok(value) => value,
        Err(error) => {
            let mut field = error_path(error.path());
            let inner = error.into_inner();
            if inner.is_syntax() || inner.is_eof() || inner.is_io() {
                return Err(malformed(&inner, field));
            }
            // JSON that does not parse is a 400 even when a wrong type comes first in it.
            if let Err(syntax) = serde_json::from_slice::<serde::de::IgnoredAny>(bytes) {
                return Err(malformed(&syntax, String::new()));
            }
            let message = inner.to_string();
            let named =
                named_field(&message, "missing field `").or_else(|| named_field(&message, "unknown field `"));
            if let Some(name) = named
                && !field.ends_with(&name)
            {
                push_key(&mut field, &name);
            }
            return Err(unprocessable(vec![Violation::new(crate::requirement!("SEC-02"), field, message)]));
        }
    };
    if let Err(error) = deserializer.end() {
        return Err(malformed(&error, String::new()));
    }
    if !ignored.is_empty() {
        return Err(unknown_fields(ignored));
    }
    // Second pass: unknown fields inside internally tagged enums.
    if let (Ok(input), Ok(known)) = (serde_json::from_slice::<Value>(bytes), serde_json::to_value(&value)) {
        let mut unknown = Vec::new();
        keys_not_written_back(&input, &known, &mut String::new(), &mut unknown);
        if !unknown.is_empty() {
            return Err(unknown_fields(unknown));
        }
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Serialize, Deserialize)]
    struct Outer {
        name: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        inner: Option<Inner>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        list: Vec<Inner>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        tagged: Vec<Tagged>,
    }

    #[derive(Debug, Serialize, Deserialize)]
    struct Inner {
        count: u32,
    }

    #[derive(Debug, Serialize, Deserialize)]
    #[serde(tag = "kind", rename_all = "snake_case")]
    enum Tagged {
        Slow { delay: u32 },
        Fast,
    }

    fn field_of(body: &str) -> (u16, String) {
        let failure = json::<Outer>(body.as_bytes()).unwrap_err();
        (failure.status.as_u16(), failure.error.violations[0].field.clone())
    }

    #[test]
    fn good_input_decodes() {
        let outer =
            json::<Outer>(br#"{"name":"a","inner":null,"list":[],"tagged":[{"kind":"slow","delay":3}]}"#)
                .unwrap();
        assert_eq!(outer.name, "a");
    }

    #[test]
    fn malformed_json_is_400_with_line_and_column() {
        let failure = json::<Outer>(b"{\"name\":\n  \"a\",, }").unwrap_err();
        assert_eq!(failure.status, StatusCode::BAD_REQUEST);
        let violation = &failure.error.violations[0];
        assert_eq!(violation.rule, "FMT-JSON");
        assert!(violation.message.contains("line 2 column"), "{}", violation.message);
        assert_eq!(json::<Outer>(br#"{"name":"a"} x"#).unwrap_err().status, StatusCode::BAD_REQUEST);
        assert_eq!(json::<Outer>(b"").unwrap_err().status, StatusCode::BAD_REQUEST);
    }

    #[test]
    fn wrong_types_and_missing_fields_name_their_path() {
        assert_eq!(
            field_of(r#"{"name":"a","list":[{"count":1},{"count":"x"}]}"#),
            (422, "list[1].count".into())
        );
        assert_eq!(field_of(r#"{"name":"a","inner":{}}"#), (422, "inner.count".into()));
        assert_eq!(field_of(r#"{}"#), (422, "name".into()));
        assert_eq!(field_of(r#"[]"#).0, 422);
    }

    #[test]
    fn unknown_fields_anywhere_name_their_path() {
        assert_eq!(field_of(r#"{"name":"a","extra":1}"#), (422, "extra".into()));
        assert_eq!(field_of(r#"{"name":"a","inner":{"count":1,"extra":{}}}"#), (422, "inner.extra".into()));
        assert_eq!(
            field_of(r#"{"name":"a","list":[{"count":1},{"count":1,"x":[1]}]}"#),
            (422, "list[1].x".into())
        );
        assert_eq!(
            field_of(r#"{"name":"a","tagged":[{"kind":"fast"},{"kind":"slow","delay":1,"hidden":true}]}"#),
            (422, "tagged[1].hidden".into())
        );
    }
}
