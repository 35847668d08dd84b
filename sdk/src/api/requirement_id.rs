//! The identifier of the rule an error or a violation names.

use std::borrow::Cow;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The identifier of a requirement of the catalogue (`ESP-02`, `CRRS-03`, `FMT-NIST`), of a
/// policy (`MID-P1`) or of a data-quality rule (`DQ-B-DOB-FUTURE`): two to five upper-case
/// letters, then one or more groups of upper-case letters and digits, each after a hyphen.
///
/// In code, write a literal with [`requirement!`](crate::requirement), which checks it when
/// compiling; [`RequirementId::new`] checks one read at run time.
///
/// ```
/// use jha_interop::api::RequirementId;
/// use jha_interop::requirement;
///
/// let id = requirement!("MID-07");
/// assert_eq!(id, "MID-07");
/// assert!(RequirementId::new("mid-07").is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct RequirementId(Cow<'static, str>);

/// An identifier that does not have the catalogue's form.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a requirement or rule identifier (like ESP-02, MID-P1 or DQ-B-DOB-FUTURE)")]
pub struct InvalidRequirementId(pub String);

/// Whether `id` has the catalogue's form; `const` so that literals are checked when compiling.
const fn well_formed(id: &str) -> bool {
    let bytes = id.as_bytes();
    let mut i = 0;
    while i < bytes.len() && bytes[i].is_ascii_uppercase() {
        i += 1;
    }
    if i < 2 || i > 5 || i == bytes.len() {
        return false;
    }
    // One or more "-GROUP", each group non-empty upper-case letters and digits.
    while i < bytes.len() {
        if bytes[i] != b'-' {
            return false;
        }
        i += 1;
        let start = i;
        while i < bytes.len() && (bytes[i].is_ascii_uppercase() || bytes[i].is_ascii_digit()) {
            i += 1;
        }
        if i == start {
            return false;
        }
    }
    true
}

impl RequirementId {
    /// The catalogue's form, as a regular expression (also the JSON Schema's pattern).
    pub const PATTERN: &'static str = "^[A-Z]{2,5}(-[A-Z0-9]+)+$";

    /// `id`, checked at run time.
    ///
    /// # Errors
    /// [`InvalidRequirementId`] when `id` does not have the catalogue's form.
    pub fn new(id: impl Into<String>) -> Result<Self, InvalidRequirementId> {
        let id = id.into();
        if well_formed(&id) { Ok(RequirementId(Cow::Owned(id))) } else { Err(InvalidRequirementId(id)) }
    }

    /// A literal identifier. Used through [`requirement!`](crate::requirement) it is checked
    /// when compiling (a malformed literal does not compile); called at run time with a
    /// malformed literal it panics, so prefer the macro or [`RequirementId::new`].
    pub const fn of(id: &'static str) -> Self {
        assert!(well_formed(id), "not a requirement or rule identifier");
        RequirementId(Cow::Borrowed(id))
    }

    /// The identifier as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A requirement or rule identifier literal, checked when compiling:
/// `requirement!("ESP-02")` is a [`RequirementId`].
#[macro_export]
macro_rules! requirement {
    ($id:literal) => {
        const { $crate::api::RequirementId::of($id) }
    };
}

impl std::ops::Deref for RequirementId {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for RequirementId {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for RequirementId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl PartialEq<str> for RequirementId {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for RequirementId {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl PartialEq<String> for RequirementId {
    fn eq(&self, other: &String) -> bool {
        self.0 == other.as_str()
    }
}

impl std::str::FromStr for RequirementId {
    type Err = InvalidRequirementId;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        RequirementId::new(s)
    }
}

impl TryFrom<String> for RequirementId {
    type Error = InvalidRequirementId;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        RequirementId::new(value)
    }
}

impl<'de> Deserialize<'de> for RequirementId {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        RequirementId::new(text).map_err(serde::de::Error::custom)
    }
}

impl JsonSchema for RequirementId {
    fn schema_name() -> Cow<'static, str> {
        "RequirementId".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": RequirementId::PATTERN,
            "description": "A requirement (ESP-02, FMT-NIST), policy (MID-P1) or data-quality rule (DQ-B-DOB-FUTURE) identifier."
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_catalogue_forms_are_accepted_and_others_refused() {
        for good in ["ESP-02", "CRRS-03", "FMT-NIST", "MID-P1", "DQ-B-DOB-FUTURE", "SEC-07"] {
            assert_eq!(RequirementId::new(good).map(|r| r.to_string()), Ok(good.to_string()));
        }
        for bad in
            ["", "ESP", "E-02", "esp-02", "ESP-", "ESP--02", "ESP-02-", "ESP 02", "TOOLONG-01", "MODEL"]
        {
            assert!(RequirementId::new(bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn the_wire_form_is_a_checked_string() {
        let id: RequirementId = serde_json::from_str("\"MID-07\"").unwrap();
        assert_eq!(serde_json::to_string(&id).unwrap(), "\"MID-07\"");
        assert!(serde_json::from_str::<RequirementId>("\"mid-07\"").is_err());
        assert_eq!(crate::requirement!("MID-07"), id);
    }
}
