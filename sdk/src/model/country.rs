//! The country code type of the data model.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::ModelError;
use crate::country;

/// A three-letter country code: ISO 3166-1 alpha-3 or an ICAO Doc 9303 code (FMT-CC).
///
/// Input is normalised (upper case, `<` fillers removed, ICAO `D` → `DEU`), so two codes for
/// the same country compare equal (POLICY SIM-P1).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CountryCode(&'static str);

impl CountryCode {
    /// Parses and normalises a country code.
    pub fn new(code: impl AsRef<str>) -> Result<Self, ModelError> {
        country::normalise(code.as_ref())
            .map(CountryCode)
            .ok_or_else(|| ModelError::UnknownCountryCode { code: code.as_ref().to_string() })
    }

    /// The three-letter code.
    pub fn as_str(self) -> &'static str {
        self.0
    }

    /// Where the code is defined.
    pub fn source(self) -> country::CodeSource {
        country::source_of(self.0).unwrap_or(country::CodeSource::Iso3166)
    }

    /// Whether the code names one of the Member States bound by the interoperability
    /// regulations or associated to Schengen (for authority configuration and defaults).
    pub fn is_schengen_or_member_state(self) -> bool {
        const STATES: [&str; 31] = [
            "AUT", "BEL", "BGR", "CHE", "CYP", "CZE", "DEU", "DNK", "ESP", "EST", "FIN", "FRA", "GRC", "HRV",
            "HUN", "IRL", "ISL", "ITA", "LIE", "LTU", "LUX", "LVA", "MLT", "NLD", "NOR", "POL", "PRT", "ROU",
            "SVK", "SVN", "SWE",
        ];
        STATES.contains(&self.0)
    }
}

impl std::fmt::Debug for CountryCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0)
    }
}

impl std::fmt::Display for CountryCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0)
    }
}

impl std::str::FromStr for CountryCode {
    type Err = ModelError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        CountryCode::new(s)
    }
}

impl Serialize for CountryCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.0)
    }
}

impl<'de> Deserialize<'de> for CountryCode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = Cow::<str>::deserialize(deserializer)?;
        CountryCode::new(text.as_ref()).map_err(serde::de::Error::custom)
    }
}

impl JsonSchema for CountryCode {
    fn schema_name() -> Cow<'static, str> {
        "CountryCode".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": "^[A-Z]{3}$",
            "description": "ISO 3166-1 alpha-3 code or an ICAO Doc 9303 Part 3 code (XXA, EUE, RKS, GBD...)."
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_validated_and_normalised() {
        assert_eq!(CountryCode::new("deu").unwrap().as_str(), "DEU");
        assert_eq!(CountryCode::new("D<<").unwrap(), CountryCode::new("DEU").unwrap());
        assert!(CountryCode::new("XYZ").is_err());
        assert!(serde_json::from_str::<CountryCode>("\"QQQ\"").is_err());
        assert_eq!(serde_json::to_string(&CountryCode::new("XXB").unwrap()).unwrap(), "\"XXB\"");
    }
}
