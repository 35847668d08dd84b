//! European Search Portal queries and replies (Arts 9–11).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{
    BiometricData, CountryCode, DocumentNumber, DocumentType, IdentityData, IdentityVerdict, LinkColour,
    LinkEnd, Name, PartialDate, PlaceName, ProfileId, QueryField, RecordRef, Sex, Sin, SisAlert,
    SourceSystem, TravelDocument,
};

/// Alphanumeric identity data to search with; every field is optional.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct IdentityQuery {
    /// Surname.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub surname: Option<Name>,
    /// First names.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_names: Option<Name>,
    /// Date of birth.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_of_birth: Option<PartialDate>,
    /// Sex.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sex: Option<Sex>,
    /// A nationality.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nationality: Option<CountryCode>,
    /// Town of birth.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place_of_birth: Option<PlaceName>,
}

impl IdentityQuery {
    /// The query fields present.
    pub fn fields(&self) -> Vec<QueryField> {
        let mut out = Vec::new();
        let pairs = [
            (self.surname.is_some(), QueryField::Surname),
            (self.first_names.is_some(), QueryField::FirstNames),
            (self.date_of_birth.is_some(), QueryField::DateOfBirth),
            (self.sex.is_some(), QueryField::Sex),
            (self.nationality.is_some(), QueryField::Nationality),
            (self.place_of_birth.is_some(), QueryField::PlaceOfBirth),
        ];
        out.extend(pairs.into_iter().filter(|(present, _)| *present).map(|(_, f)| f));
        out
    }

    /// The same data as an [`IdentityData`], for comparison.
    pub fn to_identity_data(&self) -> IdentityData {
        IdentityData {
            surname: self.surname.clone(),
            first_names: self.first_names.clone(),
            date_of_birth: self.date_of_birth,
            sex: self.sex,
            nationalities: self.nationality.into_iter().collect(),
            place_of_birth: self.place_of_birth.clone(),
            ..IdentityData::default()
        }
    }

    /// Whether no field is set.
    pub fn is_empty(&self) -> bool {
        self.fields().is_empty()
    }
}

/// Travel document data to search with.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct DocumentQuery {
    /// Document number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<DocumentNumber>,
    /// Document type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document_type: Option<DocumentType>,
    /// Issuing country.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuing_country: Option<CountryCode>,
}

impl DocumentQuery {
    /// The query fields present.
    pub fn fields(&self) -> Vec<QueryField> {
        let pairs = [
            (self.number.is_some(), QueryField::DocumentNumber),
            (self.document_type.is_some(), QueryField::DocumentType),
            (self.issuing_country.is_some(), QueryField::IssuingCountry),
        ];
        pairs.into_iter().filter(|(present, _)| *present).map(|(_, f)| f).collect()
    }

    /// Whether `document` satisfies every field set (number compared per POLICY MID-P3).
    pub fn matches(&self, document: &TravelDocument) -> bool {
        self.number.as_ref().is_none_or(|n| n.normalised() == document.number.normalised())
            && self.document_type.is_none_or(|t| t == document.document_type)
            && self.issuing_country.is_none_or(|c| c == document.issuing_country)
    }
}

/// A query to the European Search Portal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct SearchRequest {
    /// The ESP profile the query is made under; the caller must hold it.
    pub profile: ProfileId,
    /// Identity data to search with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity: Option<IdentityQuery>,
    /// Travel document data to search with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub travel_document: Option<DocumentQuery>,
    /// Biometric data to search with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub biometrics: Option<BiometricData>,
    /// Systems the caller asks for by name besides those the profile always queries: each
    /// must be one the profile can query, or the search is refused (ESP-10).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also_query: Vec<SourceSystem>,
}

impl SearchRequest {
    /// A query under `profile` with no data yet.
    pub fn new(profile: ProfileId) -> Self {
        SearchRequest {
            profile,
            identity: None,
            travel_document: None,
            biometrics: None,
            also_query: Vec::new(),
        }
    }

    /// Every query field the request carries.
    pub fn fields(&self) -> Vec<QueryField> {
        let mut out = Vec::new();
        if let Some(q) = &self.identity {
            out.extend(q.fields());
        }
        if let Some(q) = &self.travel_document {
            out.extend(q.fields());
        }
        if let Some(b) = &self.biometrics {
            if !b.fingerprints.is_empty() || b.ansi_nist.is_some() {
                out.push(QueryField::Fingerprints);
            }
            if b.face.is_some() {
                out.push(QueryField::Face);
            }
        }
        out
    }
}

/// How one queried source answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum SourceOutcome {
    /// Matching data were found.
    Hit,
    /// Nothing matched.
    NoHit,
    /// The source could not be reached.
    Unavailable,
    /// The source did not answer in time.
    TimedOut,
}

/// Why a result item was returned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
// Open: new link and hit bases come with new kinds of data; other crates match with a `_` arm.
#[non_exhaustive]
pub enum MatchBasis {
    /// The identity data matched (same or similar).
    IdentityData,
    /// The travel document matched.
    TravelDocument,
    /// The biometric data matched.
    Biometrics,
    /// Returned because a white link joins it to matched data (Art 33(2)).
    WhiteLink,
}

/// A MID link as shown in a search reply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct LinkIndication {
    /// The link's single identification number.
    pub sin: Sin,
    /// Its colour.
    pub colour: LinkColour,
    /// The other end of the link (its record id only when the caller may access its system).
    pub other: LinkEnd,
    /// `true` for white ("the same person"), `false` for green ("not the same person"),
    /// absent for red.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub same_person: Option<bool>,
}

/// One record returned by a source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ResultItem {
    /// The record, naming its system (ESP-03).
    pub record: RecordRef,
    /// Why it was returned.
    pub matched_by: Vec<MatchBasis>,
    /// Identity data, when the profile may receive them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity: Option<IdentityData>,
    /// Travel documents, when the profile may receive them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub travel_documents: Vec<TravelDocument>,
    /// Biometric data, when the profile may receive them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub biometrics: Option<BiometricData>,
    /// SIS alert data, when the profile may receive them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alert: Option<SisAlert>,
    /// The MID links of the record the caller may see, when the profile may receive them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<LinkIndication>,
    /// The verdict of DR 2023/333 on the record's identity data against the query's, when the
    /// query gave identity data and the profile may receive identity data: the law's answer,
    /// shown beside an order that may be by a ranking score.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity_verdict: Option<IdentityVerdict>,
}

/// The answer of one source, delivered as soon as that source has answered (ESP-06).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct SourceResult {
    /// The system or database that answered.
    pub source: SourceSystem,
    /// How it answered.
    pub outcome: SourceOutcome,
    /// The matching records.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<ResultItem>,
    /// For an unavailable or timed-out source: the advice that the user may query the system
    /// directly (Art 11, ESP-09).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fallback: Option<String>,
}

/// A whole search reply, collected from the stream of source results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct SearchReply {
    /// The profile used.
    pub profile: ProfileId,
    /// One result per source the caller may see, in the order they answered.
    pub results: Vec<SourceResult>,
}

impl SearchReply {
    /// The result of `system`, if it is in the reply.
    pub fn result(&self, system: SourceSystem) -> Option<&SourceResult> {
        self.results.iter().find(|r| r.source == system)
    }
}
