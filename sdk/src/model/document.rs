//! Travel document data (Art 4(14)).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::text::validated_string;
use super::{CountryCode, Date, ModelError};

/// The kind of travel document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DocumentType {
    /// A passport (ICAO document code `P`).
    Passport,
    /// An identity card valid for travel (`I`, `A`, `C`).
    IdentityCard,
    /// A visa (`V`).
    Visa,
    /// A residence permit.
    ResidencePermit,
    /// A travel document for refugees or stateless persons.
    RefugeeTravelDocument,
    /// Any other travel document.
    Other,
}

fn check_document_number(value: &str) -> Result<String, ModelError> {
    const WHAT: &str = "document number";
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return Err(ModelError::Empty { what: WHAT });
    }
    if trimmed.chars().count() > 35 {
        return Err(ModelError::TooLong { what: WHAT, max: 35, length: trimmed.chars().count() });
    }
    if let Some(character) =
        trimmed.chars().find(|c| !(c.is_ascii_alphanumeric() || matches!(c, ' ' | '-' | '<' | '/')))
    {
        return Err(ModelError::InvalidCharacter { what: WHAT, character });
    }
    if !trimmed.chars().any(|c| c.is_ascii_alphanumeric()) {
        return Err(ModelError::Empty { what: WHAT });
    }
    Ok(trimmed.to_string())
}

validated_string!(
    /// A document number as printed: 1–35 characters from `A–Z a–z 0–9`, space, `-`, `<`, `/`,
    /// with at least one letter or digit.
    DocumentNumber,
    check_document_number,
    {"type": "string", "pattern": "^[A-Za-z0-9 <\\-/]{1,35}$", "description": "A travel document number as printed."}
);

impl DocumentNumber {
    /// The comparison key of POLICY MID-P3: upper case, with spaces, hyphens, `<` and `/`
    /// removed.
    pub fn normalised(&self) -> String {
        self.0.chars().filter(|c| c.is_ascii_alphanumeric()).map(|c| c.to_ascii_uppercase()).collect()
    }
}

/// Travel document data: type, number, issuing country and expiry date.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub struct TravelDocument {
    /// The kind of document.
    pub document_type: DocumentType,
    /// The document number.
    pub number: DocumentNumber,
    /// The three-letter code of the issuing country or organisation.
    pub issuing_country: CountryCode,
    /// The date of expiry, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiry: Option<Date>,
}

impl TravelDocument {
    /// Whether two documents are the same document under POLICY MID-P3: normalised number and
    /// issuing country equal; type and expiry are informative only.
    pub fn is_same_document(&self, other: &TravelDocument) -> bool {
        self.issuing_country == other.issuing_country && self.number.normalised() == other.number.normalised()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(number: &str, country: &str) -> TravelDocument {
        TravelDocument {
            document_type: DocumentType::Passport,
            number: DocumentNumber::new(number).unwrap(),
            issuing_country: CountryCode::new(country).unwrap(),
            expiry: None,
        }
    }

    #[test]
    fn same_document_policy_mid_p3() {
        assert!(doc("ab-123 456", "FRA").is_same_document(&doc("AB123456", "FRA")));
        assert!(doc("AB123456<<", "FRA").is_same_document(&doc("AB123456", "FRA")));
        assert!(!doc("AB123456", "FRA").is_same_document(&doc("AB123456", "BEL")));
        assert!(!doc("AB123457", "FRA").is_same_document(&doc("AB123456", "FRA")));
    }

    #[test]
    fn document_numbers_are_checked() {
        assert!(DocumentNumber::new("L898902C3").is_ok());
        assert!(DocumentNumber::new("<<<").is_err());
        assert!(DocumentNumber::new("AB#12").is_err());
        assert!(DocumentNumber::new("1".repeat(36)).is_err());
    }
}
