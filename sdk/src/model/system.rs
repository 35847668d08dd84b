//! Systems, components and references to the records they hold.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::ModelError;
use super::text::{checked_identifier, validated_string};

/// A system or database the interoperability components connect.
///
/// The first six are the EU information systems; Europol data and the two Interpol databases
/// are reached only through the European Search Portal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
// Open: new systems join the framework (a regulation amending 2019/817 or 2019/818); other crates match with a `_` arm.
#[non_exhaustive]
pub enum SourceSystem {
    /// Entry/Exit System.
    Ees,
    /// Visa Information System.
    Vis,
    /// European Travel Information and Authorisation System.
    Etias,
    /// Eurodac (asylum and irregular migration).
    Eurodac,
    /// Schengen Information System.
    Sis,
    /// European Criminal Records Information System for third-country nationals.
    EcrisTcn,
    /// Europol data.
    Europol,
    /// Interpol Stolen and Lost Travel Documents database.
    InterpolSltd,
    /// Interpol Travel Documents Associated with Notices database.
    InterpolTdawn,
}

impl SourceSystem {
    /// Every system, in a fixed order.
    pub const ALL: [SourceSystem; 9] = [
        SourceSystem::Ees,
        SourceSystem::Vis,
        SourceSystem::Etias,
        SourceSystem::Eurodac,
        SourceSystem::Sis,
        SourceSystem::EcrisTcn,
        SourceSystem::Europol,
        SourceSystem::InterpolSltd,
        SourceSystem::InterpolTdawn,
    ];

    /// The six EU information systems (Art 4(15)).
    pub fn is_eu_system(self) -> bool {
        matches!(
            self,
            SourceSystem::Ees
                | SourceSystem::Vis
                | SourceSystem::Etias
                | SourceSystem::Eurodac
                | SourceSystem::Sis
                | SourceSystem::EcrisTcn
        )
    }

    /// Systems whose data the Common Identity Repository stores (Art 17–18; SIS is not one).
    pub fn is_cir_system(self) -> bool {
        self.is_eu_system() && self != SourceSystem::Sis
    }

    /// Systems whose writes trigger multiple-identity detection (Art 27(1)).
    pub fn triggers_detection(self) -> bool {
        self.is_eu_system()
    }

    /// Systems whose biometric data the shared Biometric Matching Service holds templates of
    /// (Art 13(1)); ETIAS holds no biometric data.
    pub fn has_biometric_templates(self) -> bool {
        self.is_eu_system() && self != SourceSystem::Etias
    }

    /// The upper-case code used on the wire, e.g. `"ECRIS_TCN"`.
    pub fn code(self) -> &'static str {
        match self {
            SourceSystem::Ees => "EES",
            SourceSystem::Vis => "VIS",
            SourceSystem::Etias => "ETIAS",
            SourceSystem::Eurodac => "EURODAC",
            SourceSystem::Sis => "SIS",
            SourceSystem::EcrisTcn => "ECRIS_TCN",
            SourceSystem::Europol => "EUROPOL",
            SourceSystem::InterpolSltd => "INTERPOL_SLTD",
            SourceSystem::InterpolTdawn => "INTERPOL_TDAWN",
        }
    }
}

impl std::fmt::Display for SourceSystem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

impl std::str::FromStr for SourceSystem {
    type Err = ModelError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let upper = s.trim().to_ascii_uppercase().replace(['-', ' '], "_");
        SourceSystem::ALL.into_iter().find(|system| system.code() == upper).ok_or(ModelError::UnknownCode {
            what: "source system",
            value: s.to_string(),
            expected: "EES, VIS, ETIAS, EURODAC, SIS, ECRIS_TCN, EUROPOL, INTERPOL_SLTD, INTERPOL_TDAWN",
        })
    }
}

/// An interoperability component.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
// Closed on purpose (not non_exhaustive): exactly the five components of Art 1 of 2019/817 and
// 2019/818, so matches on it stay exhaustive.
pub enum Component {
    /// European Search Portal.
    Esp,
    /// Shared Biometric Matching Service.
    Sbms,
    /// Common Identity Repository.
    Cir,
    /// Multiple-Identity Detector.
    Mid,
    /// Central Repository for Reporting and Statistics.
    Crrs,
}

fn check_record_id(value: &str) -> Result<String, ModelError> {
    checked_identifier(value, "record id", 64)
}

validated_string!(
    /// The identifier of a record inside its source system: 1–64 characters from
    /// `[A-Za-z0-9._:-]`.
    ///
    /// The text is shared, not copied, by clones: a stored record's reference is held by every
    /// index of an implementation (candidate keys, links, templates, galleries), so a clone must
    /// not cost an allocation.
    RecordId(std::sync::Arc<str>),
    check_record_id,
    {"type": "string", "pattern": "^[A-Za-z0-9._:-]{1,64}$", "description": "A record's identifier inside its source system."}
);

/// A reference to one record: the source system and the record's identifier there.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
pub struct RecordRef {
    /// The system that holds the record.
    pub system: SourceSystem,
    /// The record's identifier in that system.
    pub id: RecordId,
}

impl RecordRef {
    /// A reference to record `id` of `system`.
    pub fn new(system: SourceSystem, id: RecordId) -> Self {
        RecordRef { system, id }
    }
}

impl std::fmt::Display for RecordRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.system, self.id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn system_codes_round_trip_through_serde_and_from_str() {
        for system in SourceSystem::ALL {
            let json = serde_json::to_string(&system).unwrap();
            assert_eq!(json, format!("\"{}\"", system.code()));
            assert_eq!(system.code().parse::<SourceSystem>().unwrap(), system);
        }
        assert_eq!("ecris-tcn".parse::<SourceSystem>().unwrap(), SourceSystem::EcrisTcn);
        assert!("ABC".parse::<SourceSystem>().is_err());
    }

    #[test]
    fn classification_follows_the_regulation() {
        assert!(!SourceSystem::Sis.is_cir_system());
        assert!(SourceSystem::Eurodac.is_cir_system());
        assert!(!SourceSystem::Etias.has_biometric_templates());
        assert!(!SourceSystem::Europol.triggers_detection());
    }

    #[test]
    fn record_ids_are_checked() {
        assert!(RecordId::new("EES-0001").is_ok());
        assert!(RecordId::new("").is_err());
        assert!(RecordId::new("a b").is_err());
        assert!(RecordId::new("x".repeat(65)).is_err());
        assert!(serde_json::from_str::<RecordId>("\"bad/id\"").is_err());
    }
}
