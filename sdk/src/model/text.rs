//! A macro for string newtypes that validate on construction and (de)serialise as strings.

/// Declares `pub struct $name(String)` with `new`, `as_str`, `Display`, `FromStr`, serde
/// support that runs the validator on input, and a JSON Schema of type string.
///
/// `$check` is a `fn(&str) -> Result<String, ModelError>` that returns the stored form.
macro_rules! validated_string {
    ($(#[$meta:meta])* $name:ident, $check:path, $schema:tt) => {
        $crate::model::text::validated_string!($(#[$meta])* $name(String), $check, $schema);
    };
    ($(#[$meta:meta])* $name:ident($storage:ty), $check:path, $schema:tt) => {
        $(#[$meta])*
        #[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name($storage);

        impl $name {
            /// Validates `value` and wraps it.
            pub fn new(value: impl AsRef<str>) -> Result<Self, $crate::model::ModelError> {
                $check(value.as_ref()).map(|text| $name(<$storage>::from(text)))
            }

            /// The stored text.
            pub fn as_str(&self) -> &str {
                &self.0[..]
            }
        }

        impl std::fmt::Debug for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                std::fmt::Debug::fmt(&self.0, f)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::model::ModelError;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                $name::new(s)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = std::borrow::Cow::<str>::deserialize(deserializer)?;
                $name::new(text.as_ref()).map_err(serde::de::Error::custom)
            }
        }

        impl schemars::JsonSchema for $name {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }

            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!($schema)
            }
        }
    };
}

pub(crate) use validated_string;

use super::ModelError;

/// Trims `value` and checks length (in characters) and that no control character is present.
pub(crate) fn checked_text(value: &str, what: &'static str, max: usize) -> Result<String, ModelError> {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return Err(ModelError::Empty { what });
    }
    let length = trimmed.chars().count();
    if length > max {
        return Err(ModelError::TooLong { what, max, length });
    }
    if let Some(character) = trimmed.chars().find(|c| c.is_control()) {
        return Err(ModelError::InvalidCharacter { what, character });
    }
    Ok(trimmed.to_string())
}

/// Checks an identifier: 1–`max` characters from `[A-Za-z0-9._:-]`.
pub(crate) fn checked_identifier(value: &str, what: &'static str, max: usize) -> Result<String, ModelError> {
    if value.is_empty() {
        return Err(ModelError::Empty { what });
    }
    if value.len() > max {
        return Err(ModelError::TooLong { what, max, length: value.chars().count() });
    }
    if let Some(character) =
        value.chars().find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | ':' | '-')))
    {
        return Err(ModelError::InvalidCharacter { what, character });
    }
    Ok(value.to_string())
}
