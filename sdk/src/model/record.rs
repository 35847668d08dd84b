//! Records written by the source systems, and what the components return for a write.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{BiometricData, IdentityData, LinkView, Organisation, RecordRef, Timestamp, TravelDocument};

/// The kind of an SIS alert on a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum SisAlertCategory {
    /// Refusal of entry and stay (Reg. 2018/1861 Arts 24–25).
    RefusalOfEntry,
    /// Return (Reg. 2018/1860).
    Return,
    /// Arrest for surrender or extradition (Reg. 2018/1862 Art 26).
    Arrest,
    /// Missing or vulnerable person (Art 32).
    MissingOrVulnerablePerson,
    /// Person sought for a judicial procedure (Art 34).
    JudicialProcedure,
    /// Discreet check (Art 36).
    DiscreetCheck,
    /// Inquiry check (Art 36).
    InquiryCheck,
    /// Specific check (Art 36).
    SpecificCheck,
    /// An alert of any other kind (e.g. on objects for seizure or use as evidence, Reg.
    /// 2018/1862 Ch. X, or on unknown wanted persons, Art 40): it triggers no multiple-identity
    /// detection and its data are not compared (MID-01).
    Other,
}

impl SisAlertCategory {
    /// Whether a link involving such an alert is verified by the SIRENE Bureau of the issuing
    /// Member State whatever system triggered detection (Art 29(2)).
    pub fn overrides_verifying_authority(self) -> bool {
        !matches!(self, SisAlertCategory::RefusalOfEntry | SisAlertCategory::Return | SisAlertCategory::Other)
    }

    /// Whether writing an alert of this kind runs multiple-identity detection: return, refusal
    /// of entry and stay, and the alerts on persons of Reg. 2018/1862 Chapters VI–IX (Art 27(1),
    /// MID-01). Other alerts trigger nothing.
    pub fn triggers_detection(self) -> bool {
        self != SisAlertCategory::Other
    }
}

/// SIS alert information attached to an SIS record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub struct SisAlert {
    /// The alert's category.
    pub category: SisAlertCategory,
}

/// The content of a record as a source system writes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RecordWrite {
    /// The Member State or agency responsible for the record (SIS: the issuing state;
    /// ECRIS-TCN: the convicting state; EES/VIS/ETIAS: the state that created it).
    pub owner: Organisation,
    /// Identity data.
    #[serde(default)]
    pub identity: IdentityData,
    /// Travel documents.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub travel_documents: Vec<TravelDocument>,
    /// Biometric data.
    #[serde(default)]
    pub biometrics: BiometricData,
    /// SIS alert information (SIS records only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sis_alert: Option<SisAlert>,
    /// When the source system's own retention period ends; the components erase their copy
    /// then (Art 23, Art 15). A link never extends it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retention_until: Option<Timestamp>,
    /// Whether the record is written at a border check carried out in the presence of the
    /// person, who may explain a difference: a yellow link this write creates must then be
    /// verified within 12 hours (Art 29(4), MID-11).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub person_present: bool,
}

impl RecordWrite {
    /// A record of `owner` with identity data only.
    pub fn new(owner: Organisation, identity: IdentityData) -> Self {
        RecordWrite {
            owner,
            identity,
            travel_documents: Vec::new(),
            biometrics: BiometricData::default(),
            sis_alert: None,
            retention_until: None,
            person_present: false,
        }
    }
}

/// A data-quality flag set by a soft rule (DQ-02), or a violation of a blocking rule.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub struct QualityFlag {
    /// The rule's identifier, e.g. `DQ-S-NAME-DIGITS`.
    pub rule: String,
    /// The field concerned, e.g. `identity.surname`.
    pub field: String,
    /// What is wrong, in words.
    pub message: String,
}

/// A record as stored by the components.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct StoredRecord {
    /// The record's reference.
    pub reference: RecordRef,
    /// Its content.
    pub data: RecordWrite,
    /// Flags of the soft data-quality rules the content breaks.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub quality_flags: Vec<QualityFlag>,
    /// When the record was first stored.
    pub created_at: Timestamp,
    /// When it was last changed.
    pub updated_at: Timestamp,
    /// Incremented on every change.
    pub version: u64,
}

/// What a write did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum WriteEffect {
    /// A new record was stored.
    Created,
    /// An existing record was changed.
    Updated,
    /// The same content was sent again; nothing changed (SEC-03).
    Unchanged,
}

/// The reply to a record write.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct WriteOutcome {
    /// The record as stored, with its quality flags.
    pub record: StoredRecord,
    /// Whether it was created, updated or unchanged.
    pub effect: WriteEffect,
    /// The MID links the record takes part in after detection, as the writing principal may
    /// see them.
    #[serde(default)]
    pub links: Vec<LinkView>,
}
