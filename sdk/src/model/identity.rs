//! Identity data: names, date of birth, sex, nationalities and place of birth.
//!
//! Which fields each system carries is in `notes/regulation.md` §5.2; the model holds the
//! union, and every field is optional so that data-quality rules (not the type system) decide
//! what a given system must provide.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::text::{checked_text, validated_string};
use super::{CountryCode, ModelError, PartialDate};

fn check_name(value: &str) -> Result<String, ModelError> {
    checked_text(value, "name", 100)
}

fn check_place(value: &str) -> Result<String, ModelError> {
    checked_text(value, "place name", 100)
}

validated_string!(
    /// A name field as recorded (surname, first names, alias...): 1–100 characters, no control
    /// characters, outer white space trimmed. Any script is allowed; digits are accepted and
    /// flagged by a soft data-quality rule.
    Name,
    check_name,
    {"type": "string", "minLength": 1, "maxLength": 100, "description": "A name as recorded, in any script."}
);

validated_string!(
    /// A place name (town of birth): 1–100 characters, no control characters.
    PlaceName,
    check_place,
    {"type": "string", "minLength": 1, "maxLength": 100, "description": "A place name as recorded."}
);

/// Sex as recorded in travel documents: `M`, `F`, or `X` (unspecified).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
// Closed on purpose (not non_exhaustive): ICAO 9303 knows exactly F, M and X.
pub enum Sex {
    /// Male.
    M,
    /// Female.
    F,
    /// Unspecified (written `<` in a machine readable zone).
    X,
}

impl std::str::FromStr for Sex {
    type Err = ModelError;

    /// Accepts `M`, `F`, `X` and the MRZ filler `<` (read as `X`), in any case.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim() {
            "M" | "m" => Ok(Sex::M),
            "F" | "f" => Ok(Sex::F),
            "X" | "x" | "<" => Ok(Sex::X),
            _ => Err(ModelError::UnknownCode { what: "sex", value: s.to_string(), expected: "M, F, X" }),
        }
    }
}

/// The status of an alternative identity, as SIS tags them (and as other systems record
/// aliases and pseudonyms).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AliasStatus {
    /// An identity that has not been confirmed.
    NotConfirmed,
    /// A false or assumed identity used by the person.
    Alias,
    /// A real person's identity misused by the subject.
    Misused,
    /// A pseudonym, artistic or usual name.
    Pseudonym,
}

/// A previous name: surname and first names used earlier (ECRIS-TCN, SIS, Eurodac).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
pub struct PreviousName {
    /// Previously used surname.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub surname: Option<Name>,
    /// Previously used first names.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_names: Option<Name>,
}

/// An alternative identity (alias, pseudonym, or an SIS non-confirmed or misused identity),
/// with the attributes SIS records for alias identities.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub struct AliasIdentity {
    /// What kind of alternative identity this is.
    pub status: AliasStatus,
    /// Alias surname.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub surname: Option<Name>,
    /// Alias first names.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_names: Option<Name>,
    /// Alias date of birth.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_of_birth: Option<PartialDate>,
    /// Alias sex.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sex: Option<Sex>,
    /// Alias nationalities.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub nationalities: Vec<CountryCode>,
}

/// The identity data of one record.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
pub struct IdentityData {
    /// Surname (family name); several words are allowed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub surname: Option<Name>,
    /// First names (given names), as one field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_names: Option<Name>,
    /// Surname at birth (former family name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub surname_at_birth: Option<Name>,
    /// Previously used names.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub previous_names: Vec<PreviousName>,
    /// Aliases, pseudonyms and other alternative identities.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<AliasIdentity>,
    /// Date of birth, possibly partial.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_of_birth: Option<PartialDate>,
    /// Sex.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sex: Option<Sex>,
    /// Nationalities (current and former as the system records them).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub nationalities: Vec<CountryCode>,
    /// Town of birth.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place_of_birth: Option<PlaceName>,
    /// Country of birth.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country_of_birth: Option<CountryCode>,
}

impl IdentityData {
    /// Identity data with a surname, first names, a date of birth, a sex and one nationality:
    /// the common core of every system's identity data.
    pub fn person(
        surname: &str,
        first_names: &str,
        date_of_birth: &str,
        sex: Sex,
        nationality: &str,
    ) -> Result<Self, ModelError> {
        Ok(IdentityData {
            surname: Some(Name::new(surname)?),
            first_names: Some(Name::new(first_names)?),
            date_of_birth: Some(date_of_birth.parse()?),
            sex: Some(sex),
            nationalities: vec![CountryCode::new(nationality)?],
            ..IdentityData::default()
        })
    }

    /// Every surname-type value with the field it comes from: surname, surname at birth,
    /// previous surnames and alias surnames (DR 2023/333 Annex I §3.1(a)).
    pub fn surname_values(&self) -> Vec<(String, &Name)> {
        let mut out = Vec::new();
        if let Some(n) = &self.surname {
            out.push(("surname".to_string(), n));
        }
        if let Some(n) = &self.surname_at_birth {
            out.push(("surname_at_birth".to_string(), n));
        }
        for (i, p) in self.previous_names.iter().enumerate() {
            if let Some(n) = &p.surname {
                out.push((format!("previous_names[{i}].surname"), n));
            }
        }
        for (i, a) in self.aliases.iter().enumerate() {
            if let Some(n) = &a.surname {
                out.push((format!("aliases[{i}].surname"), n));
            }
        }
        out
    }

    /// Every first-name-type value with the field it comes from (Annex I §3.1(b)).
    pub fn first_name_values(&self) -> Vec<(String, &Name)> {
        let mut out = Vec::new();
        if let Some(n) = &self.first_names {
            out.push(("first_names".to_string(), n));
        }
        for (i, p) in self.previous_names.iter().enumerate() {
            if let Some(n) = &p.first_names {
                out.push((format!("previous_names[{i}].first_names"), n));
            }
        }
        for (i, a) in self.aliases.iter().enumerate() {
            if let Some(n) = &a.first_names {
                out.push((format!("aliases[{i}].first_names"), n));
            }
        }
        out
    }

    /// Every date of birth, the record's own first and then the aliases'.
    pub fn dates_of_birth(&self) -> Vec<(String, PartialDate)> {
        let mut out: Vec<(String, PartialDate)> =
            self.date_of_birth.map(|d| ("date_of_birth".to_string(), d)).into_iter().collect();
        for (i, a) in self.aliases.iter().enumerate() {
            if let Some(d) = a.date_of_birth {
                out.push((format!("aliases[{i}].date_of_birth"), d));
            }
        }
        out
    }

    /// Every recorded sex, the record's own first and then the aliases'.
    pub fn sexes(&self) -> Vec<(String, Sex)> {
        let mut out: Vec<(String, Sex)> = self.sex.map(|s| ("sex".to_string(), s)).into_iter().collect();
        for (i, a) in self.aliases.iter().enumerate() {
            if let Some(s) = a.sex {
                out.push((format!("aliases[{i}].sex"), s));
            }
        }
        out
    }

    /// Every nationality, the record's own first and then the aliases'.
    pub fn all_nationalities(&self) -> Vec<(String, CountryCode)> {
        let mut out: Vec<(String, CountryCode)> =
            self.nationalities.iter().enumerate().map(|(i, c)| (format!("nationalities[{i}]"), *c)).collect();
        for (i, a) in self.aliases.iter().enumerate() {
            for (j, c) in a.nationalities.iter().enumerate() {
                out.push((format!("aliases[{i}].nationalities[{j}]"), *c));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed_and_checked() {
        assert_eq!(Name::new("  García López ").unwrap().as_str(), "García López");
        assert!(Name::new("   ").is_err());
        assert!(Name::new("A\u{0007}B").is_err());
        assert!(Name::new("x".repeat(101)).is_err());
        assert!(Name::new("Мухаммад").is_ok());
    }

    #[test]
    fn sex_accepts_mrz_filler() {
        assert_eq!("<".parse::<Sex>().unwrap(), Sex::X);
        assert!("U".parse::<Sex>().is_err());
    }

    #[test]
    fn value_lists_include_aliases() {
        let mut id = IdentityData::person("SMITH", "JOHN", "1980-01-02", Sex::M, "GBR").unwrap();
        id.aliases.push(AliasIdentity {
            status: AliasStatus::Alias,
            surname: Some(Name::new("SMYTHE").unwrap()),
            first_names: None,
            date_of_birth: Some("1980-02-01".parse().unwrap()),
            sex: None,
            nationalities: vec![CountryCode::new("IRL").unwrap()],
        });
        assert_eq!(id.surname_values().len(), 2);
        assert_eq!(id.first_name_values().len(), 1);
        assert_eq!(id.dates_of_birth()[1].0, "aliases[0].date_of_birth");
        assert_eq!(id.all_nationalities().len(), 2);
    }

    #[test]
    fn json_omits_absent_fields() {
        let id = IdentityData::person("SMITH", "JOHN", "1980-00-00", Sex::M, "D").unwrap();
        let json = serde_json::to_value(&id).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"surname":"SMITH","first_names":"JOHN","date_of_birth":"1980-00-00","sex":"M","nationalities":["DEU"]})
        );
    }
}
