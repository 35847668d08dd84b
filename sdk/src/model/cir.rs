//! Queries and replies of the Common Identity Repository (Arts 17–24).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::text::{checked_identifier, checked_text, validated_string};
use super::{
    BiometricData, DocumentQuery, IdentityData, IdentityQuery, Modality, ModelError, RecordRef, Sin,
    SourceSystem, TravelDocument, UserId,
};

/// The circumstances in which police may query the CIR for identification: the five of Art 20(1)
/// and the two of Art 20(4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Art20Circumstance {
    /// The person cannot be identified for lack of a travel document or credible document.
    NoTravelDocument,
    /// There are doubts about the identity data the person gave.
    DoubtOnIdentityData,
    /// There are doubts about the authenticity of the document.
    DoubtOnDocumentAuthenticity,
    /// There are doubts about the identity of the document's holder.
    DoubtOnHolder,
    /// The person is unable or refuses to cooperate.
    UnableOrRefusingToCooperate,
    /// Art 20(4): identifying a person unable to identify themselves after a natural disaster,
    /// an accident or a terrorist attack. Biometric data only; designated authorities only.
    DisasterPersonUnableToIdentify,
    /// Art 20(4): identifying unidentified human remains after a natural disaster, an accident
    /// or a terrorist attack. Biometric data only; designated authorities only.
    DisasterUnidentifiedRemains,
}

impl Art20Circumstance {
    /// Whether the circumstance is one of Art 20(4) (disasters, accidents, terrorist attacks),
    /// which uses biometric data only and needs no identity check in the person's presence.
    pub fn is_disaster_identification(self) -> bool {
        matches!(
            self,
            Art20Circumstance::DisasterPersonUnableToIdentify
                | Art20Circumstance::DisasterUnidentifiedRemains
        )
    }
}

/// Why an identification falls back to identity and document data (Art 20(3)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum FallbackReason {
    /// The biometric data cannot be used.
    BiometricsUnusable,
    /// The biometric query failed.
    BiometricQueryFailed,
}

/// The fall-back data of an identification without usable biometrics.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct IdentificationFallback {
    /// Why biometrics are not used.
    pub reason: FallbackReason,
    /// Identity data.
    pub identity: IdentityQuery,
    /// Travel document data; required unless the identity data were given by the person.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub travel_document: Option<DocumentQuery>,
    /// Whether the identity data were provided by the person.
    #[serde(default)]
    pub identity_given_by_person: bool,
}

/// An identification query by police (Art 20).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct IdentificationRequest {
    /// The Art 20(1) circumstance; required (CIR-05).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub circumstance: Option<Art20Circumstance>,
    /// Biometric data of the person.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub biometrics: Option<BiometricData>,
    /// Whether the biometric data were taken live, in the person's presence (CIR-08).
    #[serde(default)]
    pub biometrics_taken_live: bool,
    /// Whether the query is made during an identity check initiated in the presence of the
    /// person (Art 20(2), CIR-08); not asked of Art 20(4) queries.
    #[serde(default)]
    pub identity_check_in_presence: bool,
    /// Fall-back data when biometrics cannot be used, or when the query with them finds nobody
    /// (reason `biometric_query_failed`: the CIR then searches with the fall-back only if the
    /// biometric data given in the same request find no one) (Art 20(3), CIR-08).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fallback: Option<IdentificationFallback>,
    /// The person's age as known or estimated by the officer (CIR-06).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject_age: Option<u8>,
    /// Why the identification of a child under 12 is in the child's best interests.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub best_interests_justification: Option<String>,
}

/// Data of one source system in an identification reply, without naming the system (CIR-09).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct UnattributedData {
    /// Identity data.
    pub identity: IdentityData,
    /// Travel documents.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub travel_documents: Vec<TravelDocument>,
    /// Biometric data.
    #[serde(default)]
    pub biometrics: BiometricData,
}

/// One person found by an identification: the data sets of the person's individual file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct IdentifiedPerson {
    /// The data sets, without source systems.
    pub data_sets: Vec<UnattributedData>,
}

/// The reply to an identification.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct IdentificationReply {
    /// Persons found; empty when none.
    pub persons: Vec<IdentifiedPerson>,
}

fn check_query_id(value: &str) -> Result<String, ModelError> {
    checked_identifier(value, "query id", 64)
}

fn check_reference(value: &str) -> Result<String, ModelError> {
    checked_text(value, "national file reference", 128)
}

validated_string!(
    /// The identifier of a CIR query, to refer to it in a follow-up.
    QueryId,
    check_query_id,
    {"type": "string", "pattern": "^[A-Za-z0-9._:-]{1,64}$", "description": "Identifier of a CIR query."}
);

validated_string!(
    /// A national file reference (Art 22(2), Art 24(5)).
    FileReference,
    check_reference,
    {"type": "string", "minLength": 1, "maxLength": 128, "description": "A national case file reference."}
);

/// A law enforcement query of the CIR returning only hit flags (Art 22).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct HitFlagRequest {
    /// Identity data to search with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity: Option<IdentityQuery>,
    /// Travel document data to search with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub travel_document: Option<DocumentQuery>,
    /// Biometric data to search with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub biometrics: Option<BiometricData>,
    /// The national file reference of the case.
    pub national_file_reference: FileReference,
    /// The purpose: the terrorist or serious criminal offence investigated.
    pub purpose: String,
    /// The reasonable grounds to believe the query will help prevent, detect or investigate the
    /// offence in this specific case (Art 22(1), CIR-10); required.
    #[serde(default)]
    pub reasonable_grounds: String,
    /// The official who ordered the query (the caller is the one who runs it).
    pub ordered_by: UserId,
}

/// The reply to an Art 22 query: which systems hold matching data, never the data (CIR-10).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct HitFlagReply {
    /// The query's identifier, for the follow-up.
    pub query_id: QueryId,
    /// The systems holding matching data.
    pub systems: Vec<SourceSystem>,
}

/// What the caller does after an Art 22 hit (CIR-11): the rule is a request for full access to
/// a system that had a hit; only exceptionally a justification for not requesting it, recorded
/// against the query's national file reference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum HitFollowUp {
    /// A request for full access to a system that generated a hit.
    FullAccessRequest {
        /// The system.
        system: SourceSystem,
    },
    /// The justification for not requesting full access, linked to the national file.
    Justification {
        /// The justification.
        text: String,
    },
}

fn check_file_id(value: &str) -> Result<String, ModelError> {
    checked_identifier(value, "individual file id", 64)
}

validated_string!(
    /// The identifier of an individual file in the CIR.
    FileId,
    check_file_id,
    {"type": "string", "pattern": "^[A-Za-z0-9._:-]{1,64}$", "description": "Identifier of a CIR individual file."}
);

/// The data one source system contributes to an individual file (CIR-02).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct DataSet {
    /// The source system and record.
    pub record: RecordRef,
    /// Identity data.
    pub identity: IdentityData,
    /// Travel documents.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub travel_documents: Vec<TravelDocument>,
    /// Which biometric modalities the record holds (the templates stay in the sBMS).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub biometric_modalities: Vec<Modality>,
}

/// An individual file as the caller may see it: only data sets of systems it may access.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct IndividualFileView {
    /// The file's identifier.
    pub file: FileId,
    /// The data sets the caller may see.
    pub data_sets: Vec<DataSet>,
}

/// The CIR data connected by one link, for manual verification or against identity fraud
/// (Art 21, CIR-14).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct LinkedData {
    /// The link.
    pub sin: Sin,
    /// The two data sets it connects.
    pub data_sets: Vec<DataSet>,
}
