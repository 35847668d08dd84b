//! Multiple-Identity Detector links and identity confirmation files (Arts 25–36).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::text::{checked_identifier, validated_string};
use super::{Authority, IdentityVerdict, ModelError, RecordId, SourceSystem, Timestamp};

/// The colour of a link.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum LinkColour {
    /// Same person, lawfully (Art 33).
    White,
    /// Manual verification pending (Art 30).
    Yellow,
    /// Different persons (Art 31).
    Green,
    /// Identity fraud or unjustified use (Art 32).
    Red,
}

/// The biometric basis of a link (REQUIREMENTS §4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum BiometricBasis {
    /// The sBMS found the same biometric data at the declared threshold.
    Same,
    /// Both records hold biometric data and they do not match.
    Different,
    /// At least one record holds no biometric data (e.g. ETIAS).
    Absent,
}

/// The travel document basis of a link (POLICY MID-P3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum DocumentBasis {
    /// The records share a travel document.
    Same,
    /// Different documents, or one side has none.
    DifferentOrNone,
}

/// Why a link exists: the three comparisons of Art 27.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct LinkBasis {
    /// Biometric comparison.
    pub biometric: BiometricBasis,
    /// Identity data comparison.
    pub identity: IdentityVerdict,
    /// Travel document comparison.
    pub travel_document: DocumentBasis,
}

/// The conclusion of a manual verification (Art 29).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum VerificationOutcome {
    /// The same person, and the differences are justified.
    SamePersonJustified,
    /// The same person, unjustifiably using several identities.
    SamePersonUnjustified,
    /// Two different persons.
    DifferentPersons,
    /// Two persons, one of whom unjustifiably uses the other's document or identity.
    DifferentPersonsUnjustified,
}

fn check_sin(value: &str) -> Result<String, ModelError> {
    checked_identifier(value, "single identification number", 64)
}

validated_string!(
    /// The single identification number of a link (Art 34(c)); every link has its own.
    Sin,
    check_sin,
    {"type": "string", "pattern": "^[A-Za-z0-9._:-]{1,64}$", "description": "Single identification number of a MID link."}
);

/// One end of a link: the system, and the record when the viewer may access that system.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub struct LinkEnd {
    /// The system holding the linked data.
    pub system: SourceSystem,
    /// The record, shown only to principals who may access the system.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record: Option<RecordId>,
}

/// A link as a principal may see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct LinkView {
    /// The link's single identification number.
    pub sin: Sin,
    /// Its colour.
    pub colour: LinkColour,
    /// The two linked data sets.
    pub ends: Vec<LinkEnd>,
    /// The authority responsible for manual verification (Art 29).
    pub responsible_authority: Authority,
    /// When the link was created.
    pub created_at: Timestamp,
    /// When it was last updated.
    pub updated_at: Timestamp,
    /// The comparisons that created it; shown to the responsible authority only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<LinkBasis>,
    /// The outcome of manual verification, once made.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verification: Option<VerificationOutcome>,
}

/// One link in an identity confirmation file: exactly the items of Art 34 for that link.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IcfLink {
    /// Single identification number (Art 34(c)).
    pub sin: Sin,
    /// The link and its colour (Art 34(a)).
    pub colour: LinkColour,
    /// The systems holding the linked data (Art 34(b)).
    pub systems: Vec<SourceSystem>,
    /// The authority responsible for manual verification (Art 34(d)).
    pub responsible_authority: Authority,
    /// Creation date of the link (Art 34(e)).
    pub created_at: Timestamp,
    /// Date of the last update (Art 34(e)).
    pub updated_at: Timestamp,
}

/// An identity confirmation file (Art 34, MID-08), restricted to the links the caller may see.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IdentityConfirmationFile {
    /// The links.
    pub links: Vec<IcfLink>,
    /// The systems holding the linked data.
    pub systems: Vec<SourceSystem>,
}

/// A manual verification decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct LinkVerification {
    /// The conclusion.
    pub outcome: VerificationOutcome,
    /// A recorded restriction on informing the person (security, investigations); when set,
    /// no written notice is produced (Art 32(4), 33(4)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notice_restriction: Option<String>,
}

/// A correction of a link found incorrect (Arts 31(3), 32(7), 33(5)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum Rectification {
    /// Erase the link.
    Erase {
        /// Why.
        reason: String,
    },
    /// Replace the verification outcome (the colour follows the same rules as verification).
    Correct {
        /// The corrected outcome.
        outcome: VerificationOutcome,
        /// Why.
        reason: String,
    },
}

/// What a notification is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum NotificationKind {
    /// A red link involving data the recipient is responsible for was created (Art 32(6)).
    RedLinkCreated,
    /// A link the recipient verified was rectified by another authority.
    LinkRectified,
    /// A link the recipient verified was erased by another authority.
    LinkErased,
    /// A link was erased because biometrics falsely matched (POLICY MID-P2).
    FalseMatchErased,
}

/// A notification to an authority.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Notification {
    /// When it was sent.
    pub at: Timestamp,
    /// What it is about.
    pub kind: NotificationKind,
    /// The link concerned.
    pub sin: Sin,
    /// The recipient.
    pub recipient: Authority,
    /// The linked systems.
    pub systems: Vec<SourceSystem>,
}

/// The written notice to the person of a red link, or of a white link created after manual
/// verification (Arts 32(4)–(5), 33(4), 33(6)).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PersonNotice {
    /// The single identification number.
    pub sin: Sin,
    /// The link's colour.
    pub colour: LinkColour,
    /// The reference of the authority responsible for manual verification (Art 34(d)).
    pub verifying_authority_reference: String,
    /// The address of the web portal (Art 49).
    pub web_portal: String,
    /// When the notice was produced.
    pub issued_at: Timestamp,
}
