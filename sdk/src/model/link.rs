//! Multiple-Identity Detector links and identity confirmation files (Arts 25–36).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::text::{checked_identifier, validated_string};
use super::{Authority, IdentityVerdict, ModelError, RecordId, SourceSystem, Timestamp};

/// The colour of a link.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
// Closed on purpose (not non_exhaustive): exactly four colours, by regulation (Arts 30-33 of
// 2019/817 and 2019/818). Matching them exhaustively is how code shows it handles every one.
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
// Closed on purpose (not non_exhaustive): the conclusions of a manual verification are fixed by
// regulation (Art 29 with Arts 31-33 of 2019/817 and 2019/818: one per resulting colour).
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
    /// The recorded ground for withholding the written notice to the person (Art 32(5),
    /// 33(4)); when set, the notice is composed and kept with its ground but not given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notice_restriction: Option<NoticeWithholding>,
}

/// The only grounds on which the written notice to the person may be withheld (Art 32(5),
/// 33(4), MID-14).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum WithholdingGround {
    /// The rules on the processing of an SIS alert involved in the link require it.
    SisAlertRules,
    /// To protect security and public order.
    SecurityAndPublicOrder,
    /// To prevent crime.
    PreventCrime,
    /// To guarantee that no national investigation is jeopardised.
    NationalInvestigation,
}

/// A decision to withhold the written notice, with its ground (MID-14).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct NoticeWithholding {
    /// The ground.
    pub ground: WithholdingGround,
    /// The authority's own note on the ground (a case reference, for instance).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl NoticeWithholding {
    /// A withholding on `ground` without a note.
    pub fn on(ground: WithholdingGround) -> Self {
        NoticeWithholding { ground, note: None }
    }
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

/// What the written notice tells the person (Art 32(4), 33(4), MID-14).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum NoticeStatement {
    /// A red link: there are multiple unlawful identity data (Art 32(4)).
    MultipleUnlawfulIdentityData,
    /// A white link after manual verification: there are similar or different identity data
    /// of the same person (Art 33(4)).
    SimilarOrDifferentIdentityDataOfSamePerson,
}

impl NoticeStatement {
    /// The statement a link of `colour` calls for, if any (red and white links only).
    pub fn for_colour(colour: LinkColour) -> Option<Self> {
        match colour {
            LinkColour::Red => Some(NoticeStatement::MultipleUnlawfulIdentityData),
            LinkColour::White => Some(NoticeStatement::SimilarOrDifferentIdentityDataOfSamePerson),
            LinkColour::Yellow | LinkColour::Green => None,
        }
    }

    /// The sentence given to the person.
    pub fn wording(self) -> &'static str {
        match self {
            NoticeStatement::MultipleUnlawfulIdentityData => {
                "There are multiple unlawful identity data about you in the EU information systems."
            }
            NoticeStatement::SimilarOrDifferentIdentityDataOfSamePerson => {
                "There are similar or different identity data about you, the same person, in the EU information systems."
            }
        }
    }
}

/// A withheld notice: the ground and when it was recorded (MID-14).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct WithheldNotice {
    /// The ground and note recorded.
    pub withholding: NoticeWithholding,
    /// The authority that withheld it.
    pub by: Authority,
    /// When.
    pub at: Timestamp,
}

/// The written notice to the person of a red link, or of a white link created after manual
/// verification (Arts 32(4)–(5), 33(4), 33(6)).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PersonNotice {
    /// The single identification number.
    pub sin: Sin,
    /// The link's colour.
    pub colour: LinkColour,
    /// What the notice tells the person.
    pub statement: NoticeStatement,
    /// The statement's wording.
    pub text: String,
    /// The reference of the authority responsible for manual verification (Art 34(d)).
    pub verifying_authority_reference: String,
    /// The address of the web portal (Art 49).
    pub web_portal: String,
    /// When the notice was produced.
    pub issued_at: Timestamp,
    /// Set when the notice is withheld from the person, with its recorded ground; the person
    /// then receives nothing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub withheld: Option<WithheldNotice>,
}
