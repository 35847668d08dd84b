//! Logs kept by the components (Arts 10, 16, 24, 36; DR 2023/333 Art 4; DR 2021/2223 Art 6).
//!
//! Entries hold references, codes and field names — never biometric data, and identity data
//! only where the article lists it (LOG-03). They are append-only: a later event (for example
//! the manual verification of a link) is a new entry, not an edit.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{
    Authority, CirPurpose, Component, FileReference, FingerPosition, HitFollowUp, IdentityVerdict,
    LinkColour, MatchedField, Modality, ProfileId, QueryId, RecordRef, ReportKind, Sin, SourceSystem,
    Timestamp, UserId, VerificationOutcome,
};

/// Who made a logged request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Requester {
    /// The Member State or agency and the kind of authority.
    pub authority: Authority,
    /// The official's unique user identifier.
    pub user_id: UserId,
}

/// A type of data used in a query.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum DataType {
    /// Alphanumeric identity data.
    IdentityData,
    /// Travel document data.
    TravelDocumentData,
    /// Fingerprints.
    Fingerprint,
    /// Face.
    Face,
    /// A record reference.
    RecordReference,
}

impl From<Modality> for DataType {
    fn from(m: Modality) -> Self {
        match m {
            Modality::Face => DataType::Face,
            Modality::Fingerprint | Modality::PalmPrint => DataType::Fingerprint,
        }
    }
}

/// The biometric data that launched a query, as its log entry holds them (LOG-03, POLICY
/// LOG-P1): the type, the finger's position and a SHA-256 digest of the sample as submitted, so
/// that a supervisory authority can match the entry to a query record kept nationally — never
/// the sample, an image or a template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct BiometricQueryData {
    /// Fingerprint or face.
    pub data_type: DataType,
    /// The finger, for a fingerprint sample (none for an ANSI/NIST transaction as a whole).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finger_position: Option<FingerPosition>,
    /// SHA-256, in lowercase hexadecimal, of the sample as submitted (POLICY LOG-P1): the bytes
    /// of a binary minutiae record, of a fingerprint image or of an ANSI/NIST transaction; for a
    /// minutiae template or a face template in the JSON model, its compact JSON encoding as the
    /// schema orders it.
    pub sha256: String,
}

/// A change in the life of a template (Art 16(1)(b)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum TemplateEvent {
    /// Created and stored after the quality check.
    Created,
    /// Refused by the quality check; nothing stored.
    RefusedQuality,
    /// Erased with the underlying record.
    Erased,
}

/// A change in the life of a link, the history of the identity confirmation file (Art 36(1)(f),
/// DR Art 4(c)–(e)).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "event", rename_all = "snake_case")]
#[non_exhaustive]
pub enum LinkEvent {
    /// Created by automated detection with this colour.
    Created {
        /// Colour after automation.
        colour: LinkColour,
    },
    /// Manually verified.
    Verified {
        /// Colour before.
        from: LinkColour,
        /// Colour after manual processing.
        to: LinkColour,
        /// The outcome recorded.
        outcome: VerificationOutcome,
    },
    /// Rectified by an entitled authority.
    Rectified {
        /// Colour before.
        from: LinkColour,
        /// Colour after.
        to: LinkColour,
    },
    /// Detection ran again on amended data and confirmed the link (Art 48(6)).
    Confirmed,
    /// Erased.
    Erased {
        /// Why: rectification, false biometric match, retention, amended data no longer match.
        reason: String,
    },
    /// The linked data were accessed for verification or against identity fraud (Art 21).
    DataAccessed,
}

/// What was logged, per article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
// Open: new logged operations come with new calls; other crates match with a `_` arm.
#[non_exhaustive]
pub enum LogEvent {
    /// An ESP query (Art 10(1)).
    EspQuery {
        /// The profile used.
        profile: ProfileId,
        /// The systems queried.
        systems_queried: Vec<SourceSystem>,
        /// Types of data used.
        data_types: Vec<DataType>,
    },
    /// An sBMS search (Art 16(1)).
    BiometricSearch {
        /// The systems queried with the templates.
        systems_queried: Vec<SourceSystem>,
        /// The type of biometric data used.
        data_types: Vec<DataType>,
        /// Number of candidates returned.
        candidates: u32,
        /// Records of the candidates above the threshold.
        results: Vec<RecordRef>,
        /// When the result was produced.
        result_at: Timestamp,
        /// Why the search ran: a caller's request or detection of a record write.
        trigger: String,
    },
    /// Creation, refusal or erasure of a template (Art 16(1)(b)).
    TemplateHistory {
        /// The record.
        record: RecordRef,
        /// The modality.
        modality: Modality,
        /// What happened.
        event: TemplateEvent,
        /// Number of templates concerned.
        templates: u32,
        /// The fingers concerned, for fingerprint templates (BMS-06: which finger's templates
        /// an update erased).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        fingers: Vec<FingerPosition>,
    },
    /// A CIR identification (Art 24(2)).
    CirIdentification {
        /// The Art 20 circumstance or fall-back, as purpose.
        purpose: String,
        /// Types of data used.
        data_types: Vec<DataType>,
        /// Number of persons found.
        persons_found: u32,
    },
    /// Detection in the CIR for the MID (Art 24(3)); query data and results with their systems
    /// when a link is created.
    CirDetection {
        /// The record whose write triggered detection.
        trigger: RecordRef,
        /// Types of data compared.
        data_types: Vec<DataType>,
        /// The matching records with their systems.
        results: Vec<RecordRef>,
        /// Whether links were created or extended.
        link_created: bool,
    },
    /// A law enforcement hit-flag query (Art 24(4)–(5)).
    CirHitFlag {
        /// The query's identifier.
        query_id: QueryId,
        /// Types of data used.
        data_types: Vec<DataType>,
        /// The systems with hits.
        systems_with_hits: Vec<SourceSystem>,
        /// The national file reference.
        national_file_reference: FileReference,
        /// The purpose.
        purpose: String,
        /// The official who ran the query.
        run_by: UserId,
        /// The official who ordered it.
        ordered_by: UserId,
    },
    /// The follow-up of an Art 22 hit (Art 22(2)).
    CirHitFollowUp {
        /// The query followed up.
        query_id: QueryId,
        /// Full access request or justification.
        follow_up: HitFollowUp,
        /// The national file reference of the query.
        national_file_reference: FileReference,
    },
    /// Access to CIR data for a purpose (Art 21).
    CirAccess {
        /// The purpose.
        purpose: CirPurpose,
        /// The link whose data were accessed.
        sin: Sin,
        /// The records accessed.
        records: Vec<RecordRef>,
    },
    /// A comparison of identity data in the CIR (DR Art 4(a)–(c)).
    IdentityComparison {
        /// The two records compared.
        records: Vec<RecordRef>,
        /// The overall result.
        verdict: IdentityVerdict,
        /// Which data were found same or similar and by which rule.
        matched: Vec<MatchedField>,
        /// The colour after automation, when a link was created.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        colour_after_automation: Option<LinkColour>,
        /// The link created, if any.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        sin: Option<Sin>,
    },
    /// An operation on a link (Art 36, DR Art 4(d)–(e)).
    MidLink {
        /// The link.
        sin: Sin,
        /// The linked records.
        records: Vec<RecordRef>,
        /// What happened.
        change: LinkEvent,
        /// The purpose of the access.
        purpose: String,
        /// Types of data used.
        data_types: Vec<DataType>,
    },
    /// A read of the statistics repository (DR 2021/2223 Art 6).
    CrrsAccess {
        /// The report read.
        report: ReportKind,
    },
    /// A refused request (SEC-01).
    AccessDenied {
        /// The operation attempted.
        operation: String,
        /// Why it was refused.
        reason: String,
    },
}

impl LogEvent {
    /// Whether the entry records the history of `record`'s data in the CIR (Art 24(8)): the
    /// detection its data triggered, or a comparison of its identity data. (Another record's
    /// detection that found it stays: that is the other record's history.) These entries are
    /// erased once the record's data are (LOG-01).
    pub fn is_data_history_of(&self, record: &RecordRef) -> bool {
        self.data_history_subjects().contains(record)
    }

    /// The records whose data history the entry is part of (see
    /// [`is_data_history_of`](Self::is_data_history_of)): none for most events.
    pub fn data_history_subjects(&self) -> &[RecordRef] {
        match self {
            LogEvent::CirDetection { trigger, .. } => std::slice::from_ref(trigger),
            LogEvent::IdentityComparison { records, .. } => records,
            _ => &[],
        }
    }
}

/// One log entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct LogEntry {
    /// Sequence number, unique within the implementation.
    pub id: u64,
    /// The component that logged it.
    pub component: Component,
    /// When it happened.
    pub at: Timestamp,
    /// Who asked, when a principal did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requester: Option<Requester>,
    /// What happened.
    pub event: LogEvent,
    /// The biometric data that launched the query, where a caller's query used them (ESP,
    /// sBMS identification and verification, CIR Arts 20 and 22): type, finger and digest only
    /// (LOG-03, POLICY LOG-P1).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub biometric_query_data: Vec<BiometricQueryData>,
    /// When the entry is due for erasure (one year after creation; LOG-01).
    pub erase_after: Timestamp,
}

/// A filter on log entries.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct LogQuery {
    /// Only this component.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub component: Option<Component>,
    /// Only entries at or after this time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<Timestamp>,
    /// Only entries before this time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<Timestamp>,
}

/// A monitoring procedure begun by a supervisory authority: the logs it covers are kept past
/// their one-year retention until it is closed (LOG-01).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct MonitoringProcedure {
    /// Identifier given by the implementation.
    pub id: String,
    /// What the procedure examines.
    pub description: String,
    /// The entries it holds.
    pub covers: LogQuery,
    /// When it was opened.
    pub opened_at: Timestamp,
    /// When it was closed, if it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed_at: Option<Timestamp>,
}
