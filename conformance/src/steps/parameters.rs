//! The domain values step definitions capture, each read in one place. A step takes its
//! capture as a typed argument (`colour: Spelled<LinkColour>`, `who: Role`, `system:
//! SourceSystem`) and cucumber reads it through [`FromStr`] before the step runs, so no step
//! parses a word by hand and the mapping from a scenario's spelling to the contract's value
//! lives in one table per type ([`Spelling::SPELLINGS`]), not in serde round trips scattered
//! over the steps. A spelling no table knows fails the step with an error naming the accepted
//! spellings.
//!
//! Roles, systems, dates and timestamps already have a [`FromStr`] of their own
//! ([`Role`](crate::role::Role), [`SourceSystem`], [`Date`], [`Timestamp`]) and are taken as
//! they are.
//!
//! [`SourceSystem`]: jha_interop::model::SourceSystem
//! [`Date`]: jha_interop::model::Date
//! [`Timestamp`]: jha_interop::model::Timestamp

use std::fmt;
use std::str::FromStr;

use jha_interop::api::ErrorKind;
use jha_interop::http::wire::{Call, ROUTES};
use jha_interop::model::*;

use crate::failure::Failure;
use crate::role::{Role, UnknownRole};

/// A contract value that scenarios write in words: the table of its spellings.
pub(crate) trait Spelling: Sized + Copy + PartialEq + 'static {
    /// What the value is, for errors ("link colour").
    const WHAT: &'static str;
    /// The name of the cucumber parameter (`{colour}` in a cucumber expression).
    const NAME: &'static str;
    /// The spellings as one regular expression without capturing groups (longest first where
    /// one spelling begins another); a unit test checks it matches exactly the table.
    const REGEX: &'static str;
    /// Each spelling scenarios use and the value it means. Case does not matter.
    const SPELLINGS: &'static [(&'static str, Self)];

    /// How scenarios write the value: its first spelling.
    fn spelling(self) -> &'static str {
        Self::SPELLINGS.iter().find(|(_, value)| *value == self).map_or(Self::WHAT, |(spelling, _)| spelling)
    }
}

/// A contract value `T` as a scenario spells it: a step argument cucumber reads with
/// [`Spelling::SPELLINGS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Spelled<T>(pub T);

/// A spelling no table knows.
#[derive(Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} {given:?}: use {}", quoted(accepted))]
pub(crate) struct UnknownSpelling {
    /// What was being read.
    pub what: &'static str,
    /// The text of the scenario.
    pub given: String,
    /// The spellings accepted.
    pub accepted: Vec<&'static str>,
}

// Cucumber reports a capture it cannot read with the error's `Debug`: make that the sentence.
impl fmt::Debug for UnknownSpelling {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

fn quoted(spellings: &[&str]) -> String {
    let quoted: Vec<String> = spellings.iter().map(|s| format!("{s:?}")).collect();
    match quoted.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => String::from("nothing"),
    }
}

impl<T: Spelling> FromStr for Spelled<T> {
    type Err = UnknownSpelling;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let wanted = text.trim();
        T::SPELLINGS.iter().find(|(spelling, _)| spelling.eq_ignore_ascii_case(wanted)).map_or_else(
            || {
                Err(UnknownSpelling {
                    what: T::WHAT,
                    given: text.to_string(),
                    accepted: T::SPELLINGS.iter().map(|(s, _)| *s).collect(),
                })
            },
            |(_, value)| Ok(Spelled(*value)),
        )
    }
}

/// A spelled value shows as the scenario writes it.
impl<T: Spelling> fmt::Display for Spelled<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.spelling())
    }
}

/// The spellings of `T` as a cucumber parameter, for steps written as cucumber expressions.
impl<T: Spelling> cucumber::Parameter for Spelled<T> {
    const REGEX: &'static str = T::REGEX;
    const NAME: &'static str = T::NAME;
}

impl From<UnknownSpelling> for Failure {
    fn from(e: UnknownSpelling) -> Self {
        Failure(format!("the scenario is malformed: {e}"))
    }
}

/// An optional capture (`(?: by the (ESP|…))?`): empty when the scenario leaves it out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Optional<T>(pub Option<T>);

impl<T: FromStr> FromStr for Optional<T> {
    type Err = T::Err;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        if text.trim().is_empty() { Ok(Optional(None)) } else { text.parse().map(|v| Optional(Some(v))) }
    }
}

/// A list of values ("fingerprint, identity data"; "E1, V1 and T1"), in the scenario's order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct List<T>(pub Vec<T>);

impl<T: FromStr> FromStr for List<T> {
    type Err = T::Err;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        super::labels(text).iter().map(|item| item.parse()).collect::<Result<_, _>>().map(List)
    }
}

/// A list of systems ("EES, VIS and INTERPOL_SLTD"; "NONE" for none), sorted, each once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Systems(pub Vec<SourceSystem>);

impl FromStr for Systems {
    type Err = ModelError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let mut systems = super::labels(text)
            .iter()
            .filter(|name| *name != "NONE")
            .map(|name| name.parse())
            .collect::<Result<Vec<SourceSystem>, _>>()?;
        systems.sort();
        systems.dedup();
        Ok(Systems(systems))
    }
}

/// How a link ends after a verification: a colour, erased, or the verification refused (the
/// link stays yellow).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LinkEnd {
    /// The link has this colour.
    Colour(LinkColour),
    /// The link no longer exists.
    Erased,
    /// The verification was refused.
    Refused,
}

impl FromStr for LinkEnd {
    type Err = UnknownSpelling;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text.trim() {
            "erased" => Ok(LinkEnd::Erased),
            "refused" => Ok(LinkEnd::Refused),
            other => other.parse::<Spelled<LinkColour>>().map(|c| LinkEnd::Colour(c.0)).map_err(|mut e| {
                e.what = "end of a link";
                e.accepted.extend(["erased", "refused"]);
                e
            }),
        }
    }
}

/// A call of the contract, named by its operation id in the route table (`getRecord`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Operation(pub Call);

impl FromStr for Operation {
    type Err = UnknownSpelling;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let wanted = text.trim();
        ROUTES
            .iter()
            .find(|route| route.operation_id == wanted)
            .map(|route| Operation(route.call))
            .ok_or_else(|| UnknownSpelling {
                what: "operation id",
                given: text.to_string(),
                accepted: ROUTES.iter().map(|route| route.operation_id).collect(),
            })
    }
}

/// What an Art 22 query is launched with: "<person> born <date>", "travel document <number>"
/// or "fingerprints <labels>".
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum QuerySubject {
    /// A person's name, as `split_person_name` reads it, and date of birth.
    Person {
        /// "Ana GARCÍA".
        name: String,
        /// The date of birth.
        born: PartialDate,
    },
    /// A travel document's number.
    TravelDocument(DocumentNumber),
    /// The labels of the fingerprint samples ("F1, F2").
    Fingerprints(String),
}

/// A capture whose shape is right but whose content cannot be read.
#[derive(Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot read {what} {given:?}: {why}")]
pub(crate) struct UnreadableCapture {
    /// What was being read.
    pub what: &'static str,
    /// The text of the scenario.
    pub given: String,
    /// Why it cannot be read.
    pub why: String,
}

// Cucumber reports a capture it cannot read with the error's `Debug`: make that the sentence.
impl fmt::Debug for UnreadableCapture {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl FromStr for QuerySubject {
    type Err = UnreadableCapture;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let unreadable =
            |why: String| UnreadableCapture { what: "the subject of a query", given: text.into(), why };
        let text = text.trim();
        if let Some(number) = text.strip_prefix("travel document ") {
            return DocumentNumber::new(number)
                .map(QuerySubject::TravelDocument)
                .map_err(|e| unreadable(e.to_string()));
        }
        if let Some(labels) = text.strip_prefix("fingerprints ") {
            return Ok(QuerySubject::Fingerprints(labels.to_string()));
        }
        match text.split_once(" born ") {
            Some((name, born)) => Ok(QuerySubject::Person {
                name: name.to_string(),
                born: born.parse().map_err(|e: ModelError| unreadable(e.to_string()))?,
            }),
            None => Err(unreadable(
                "use \"<person> born <date>\", \"travel document <number>\" or \"fingerprints <labels>\""
                    .into(),
            )),
        }
    }
}

/// Who acts in a step: a role, or a phrase that names one only through the scenario's data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Actor {
    /// A role named outright ("the border authority of DEU").
    Role(Role),
    /// "the responsible authority": the verifier of the link the step is about (Art 29).
    ResponsibleAuthority,
    /// "the police of a Member State without the Art 20 legislation": one the implementation
    /// does not declare under Art 20(5).
    PoliceWithoutArt20Legislation,
}

impl Actor {
    /// The role, for an actor named outright; steps where a phrase names no one fail.
    pub(crate) fn named(self) -> Result<Role, Failure> {
        match self {
            Actor::Role(role) => Ok(role),
            other => Err(Failure(format!("the scenario is malformed: {other:?} names no one in this step"))),
        }
    }
}

impl FromStr for Actor {
    type Err = UnknownRole;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text.trim() {
            "the responsible authority" => Ok(Actor::ResponsibleAuthority),
            "the police of a Member State without the Art 20 legislation" => {
                Ok(Actor::PoliceWithoutArt20Legislation)
            }
            other => other.parse().map(Actor::Role),
        }
    }
}

impl Spelling for LinkColour {
    const WHAT: &'static str = "link colour";
    const NAME: &'static str = "colour";
    const REGEX: &'static str = "white|yellow|green|red";
    const SPELLINGS: &'static [(&'static str, Self)] = &[
        ("white", LinkColour::White),
        ("yellow", LinkColour::Yellow),
        ("green", LinkColour::Green),
        ("red", LinkColour::Red),
    ];
}

impl Spelling for Component {
    const WHAT: &'static str = "component";
    const NAME: &'static str = "component";
    const REGEX: &'static str = "ESP|SBMS|sBMS|CIR|MID|CRRS";
    const SPELLINGS: &'static [(&'static str, Self)] = &[
        ("ESP", Component::Esp),
        ("SBMS", Component::Sbms),
        ("sBMS", Component::Sbms),
        ("CIR", Component::Cir),
        ("MID", Component::Mid),
        ("CRRS", Component::Crrs),
    ];
}

impl Spelling for VerificationOutcome {
    const WHAT: &'static str = "verification outcome";
    const NAME: &'static str = "outcome";
    const REGEX: &'static str =
        "same person, justified|same person, unjustified|different persons, unjustified|different persons";
    const SPELLINGS: &'static [(&'static str, Self)] = &[
        ("same person, justified", VerificationOutcome::SamePersonJustified),
        ("same person, unjustified", VerificationOutcome::SamePersonUnjustified),
        ("different persons", VerificationOutcome::DifferentPersons),
        ("different persons, unjustified", VerificationOutcome::DifferentPersonsUnjustified),
    ];
}

impl Spelling for WithholdingGround {
    const WHAT: &'static str = "ground for withholding the notice";
    const NAME: &'static str = "ground";
    const REGEX: &'static str = "the rules of the SIS alert|to protect security and public order|to prevent crime|so that no national investigation is jeopardised";
    const SPELLINGS: &'static [(&'static str, Self)] = &[
        ("the rules of the SIS alert", WithholdingGround::SisAlertRules),
        ("to protect security and public order", WithholdingGround::SecurityAndPublicOrder),
        ("to prevent crime", WithholdingGround::PreventCrime),
        ("so that no national investigation is jeopardised", WithholdingGround::NationalInvestigation),
    ];
}

impl Spelling for NoticeStatement {
    const WHAT: &'static str = "statement of a notice";
    const NAME: &'static str = "statement";
    const REGEX: &'static str =
        "multiple unlawful identity data|similar or different identity data of the same person";
    const SPELLINGS: &'static [(&'static str, Self)] = &[
        ("multiple unlawful identity data", NoticeStatement::MultipleUnlawfulIdentityData),
        (
            "similar or different identity data of the same person",
            NoticeStatement::SimilarOrDifferentIdentityDataOfSamePerson,
        ),
    ];
}

impl Spelling for IdentityVerdict {
    const WHAT: &'static str = "identity verdict";
    const NAME: &'static str = "verdict";
    const REGEX: &'static str = "SAME|SIMILAR|DIFFERENT";
    const SPELLINGS: &'static [(&'static str, Self)] = &[
        ("SAME", IdentityVerdict::Same),
        ("SIMILAR", IdentityVerdict::Similar),
        ("DIFFERENT", IdentityVerdict::Different),
    ];
}

impl Spelling for IdentityCategory {
    const WHAT: &'static str = "identity category";
    const NAME: &'static str = "category";
    const REGEX: &'static str = "names|date of birth|sex|nationality or place of birth";
    const SPELLINGS: &'static [(&'static str, Self)] = &[
        ("names", IdentityCategory::Names),
        ("date of birth", IdentityCategory::DateOfBirth),
        ("sex", IdentityCategory::Sex),
        ("nationality or place of birth", IdentityCategory::NationalityOrPlaceOfBirth),
    ];
}

impl Spelling for MatchRule {
    const WHAT: &'static str = "match rule";
    const NAME: &'static str = "rule";
    const REGEX: &'static str = "equal|transliteration|variant spelling|name group swap|run together|word order|letter transposition|single edit|punctuation|truncation|day month swap|calendar conversion|renaming";
    const SPELLINGS: &'static [(&'static str, Self)] = &[
        ("equal", MatchRule::Equal),
        ("transliteration", MatchRule::Transliteration),
        ("variant spelling", MatchRule::VariantSpelling),
        ("name group swap", MatchRule::NameGroupSwap),
        ("run together", MatchRule::RunTogether),
        ("word order", MatchRule::WordOrder),
        ("letter transposition", MatchRule::LetterTransposition),
        ("single edit", MatchRule::SingleEdit),
        ("punctuation", MatchRule::Punctuation),
        ("truncation", MatchRule::Truncation),
        ("day month swap", MatchRule::DayMonthSwap),
        ("calendar conversion", MatchRule::CalendarConversion),
        ("renaming", MatchRule::Renaming),
    ];
}

impl Spelling for ReportKind {
    const WHAT: &'static str = "statistics report";
    const NAME: &'static str = "report";
    const REGEX: &'static str = "ESP queries per profile|Interpol queries|CIR queries per purpose|searches by biometrics|links per colour|link colour durations|records by attributes|data quality";
    const SPELLINGS: &'static [(&'static str, Self)] = &[
        ("ESP queries per profile", ReportKind::EspQueriesPerProfile),
        ("Interpol queries", ReportKind::InterpolQueries),
        ("CIR queries per purpose", ReportKind::CirQueriesPerPurpose),
        ("searches by biometrics", ReportKind::SearchesByBiometrics),
        ("links per colour", ReportKind::LinksPerColour),
        ("link colour durations", ReportKind::LinkColourDurations),
        ("records by attributes", ReportKind::RecordsByAttributes),
        ("data quality", ReportKind::DataQuality),
    ];
}

impl Spelling for Dimension {
    const WHAT: &'static str = "statistics dimension";
    const NAME: &'static str = "dimension";
    const REGEX: &'static str = "profile|system pair|system|colour|purpose|interpol database|with biometrics|nationality|sex|year of birth|document type|issuing country|indicator";
    const SPELLINGS: &'static [(&'static str, Self)] = &[
        ("profile", Dimension::Profile),
        ("system", Dimension::System),
        ("system pair", Dimension::SystemPair),
        ("colour", Dimension::Colour),
        ("purpose", Dimension::Purpose),
        ("interpol database", Dimension::InterpolDatabase),
        ("with biometrics", Dimension::WithBiometrics),
        ("nationality", Dimension::Nationality),
        ("sex", Dimension::Sex),
        ("year of birth", Dimension::YearOfBirth),
        ("document type", Dimension::DocumentType),
        ("issuing country", Dimension::IssuingCountry),
        ("indicator", Dimension::Indicator),
    ];
}

impl Spelling for Modality {
    const WHAT: &'static str = "biometric modality";
    const NAME: &'static str = "modality";
    const REGEX: &'static str = "fingerprint|face|palm-print";
    const SPELLINGS: &'static [(&'static str, Self)] = &[
        ("fingerprint", Modality::Fingerprint),
        ("face", Modality::Face),
        ("palm-print", Modality::PalmPrint),
    ];
}

impl Spelling for SourceOutcome {
    const WHAT: &'static str = "result of a source system";
    const NAME: &'static str = "result";
    const REGEX: &'static str = "a hit|no hit|unavailable|timed out";
    const SPELLINGS: &'static [(&'static str, Self)] = &[
        ("a hit", SourceOutcome::Hit),
        ("no hit", SourceOutcome::NoHit),
        ("unavailable", SourceOutcome::Unavailable),
        ("timed out", SourceOutcome::TimedOut),
    ];
}

impl Spelling for Art20Circumstance {
    const WHAT: &'static str = "Art 20 circumstance";
    const NAME: &'static str = "circumstance";
    const REGEX: &'static str = "the person has no travel document|there is doubt about the identity data|there is doubt about the document's authenticity|there is doubt about the holder|the person cannot or will not cooperate|human remains|a person unable to identify themselves";
    const SPELLINGS: &'static [(&'static str, Self)] = &[
        ("the person has no travel document", Art20Circumstance::NoTravelDocument),
        ("there is doubt about the identity data", Art20Circumstance::DoubtOnIdentityData),
        ("there is doubt about the document's authenticity", Art20Circumstance::DoubtOnDocumentAuthenticity),
        ("there is doubt about the holder", Art20Circumstance::DoubtOnHolder),
        ("the person cannot or will not cooperate", Art20Circumstance::UnableOrRefusingToCooperate),
        // Art 20(4): the subject names the circumstance.
        ("human remains", Art20Circumstance::DisasterUnidentifiedRemains),
        ("a person unable to identify themselves", Art20Circumstance::DisasterPersonUnableToIdentify),
    ];
}

impl Spelling for RequestKind {
    const WHAT: &'static str = "request of a person";
    const NAME: &'static str = "request";
    const REGEX: &'static str = "access|rectification|erasure|restriction";
    const SPELLINGS: &'static [(&'static str, Self)] = &[
        ("access", RequestKind::Access),
        ("rectification", RequestKind::Rectification),
        ("erasure", RequestKind::Erasure),
        ("restriction", RequestKind::Restriction),
    ];
}

impl Spelling for RequestDeadline {
    const WHAT: &'static str = "deadline of a request";
    const NAME: &'static str = "deadline";
    const REGEX: &'static str = "reply|contact|check";
    const SPELLINGS: &'static [(&'static str, Self)] = &[
        ("reply", RequestDeadline::Reply),
        ("contact", RequestDeadline::Contact),
        ("check", RequestDeadline::Check),
    ];
}

impl Spelling for DataType {
    const WHAT: &'static str = "data type";
    const NAME: &'static str = "data_type";
    const REGEX: &'static str = "identity data|travel document data|fingerprint|face|record reference";
    const SPELLINGS: &'static [(&'static str, Self)] = &[
        ("identity data", DataType::IdentityData),
        ("travel document data", DataType::TravelDocumentData),
        ("fingerprint", DataType::Fingerprint),
        ("face", DataType::Face),
        ("record reference", DataType::RecordReference),
    ];
}

/// A unit of time test control moves the clock by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TimeUnit {
    /// Sixty seconds.
    Minute,
    /// Sixty minutes.
    Hour,
    /// Twenty-four hours.
    Day,
}

impl TimeUnit {
    /// The unit in milliseconds.
    pub(crate) fn millis(self) -> i64 {
        match self {
            TimeUnit::Minute => 60_000,
            TimeUnit::Hour => HOUR_MS,
            TimeUnit::Day => DAY_MS,
        }
    }
}

impl Spelling for TimeUnit {
    const WHAT: &'static str = "unit of time";
    const NAME: &'static str = "time_unit";
    const REGEX: &'static str = "minutes|minute|hours|hour|days|day";
    const SPELLINGS: &'static [(&'static str, Self)] = &[
        ("minute", TimeUnit::Minute),
        ("minutes", TimeUnit::Minute),
        ("hour", TimeUnit::Hour),
        ("hours", TimeUnit::Hour),
        ("day", TimeUnit::Day),
        ("days", TimeUnit::Day),
    ];
}

/// A query with biometric data, named by the component and call that runs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BiometricQuery {
    /// An ESP search.
    EspSearch,
    /// A 1:N identification by the sBMS.
    SbmsIdentification,
    /// An Art 20 identification by the CIR.
    CirIdentification,
}

impl Spelling for BiometricQuery {
    const WHAT: &'static str = "biometric query";
    const NAME: &'static str = "biometric_query";
    const REGEX: &'static str = "ESP search|sBMS identification|CIR identification";
    const SPELLINGS: &'static [(&'static str, Self)] = &[
        ("ESP search", BiometricQuery::EspSearch),
        ("sBMS identification", BiometricQuery::SbmsIdentification),
        ("CIR identification", BiometricQuery::CirIdentification),
    ];
}

/// The verdict on a call a scenario states: accepted (or answered), or refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Verdict {
    /// The call was accepted or answered.
    Accepted,
    /// The call was refused.
    Refused,
}

impl Spelling for Verdict {
    const WHAT: &'static str = "verdict on a call";
    const NAME: &'static str = "call_verdict";
    const REGEX: &'static str = "accepted|answered|refused";
    const SPELLINGS: &'static [(&'static str, Self)] =
        &[("accepted", Verdict::Accepted), ("answered", Verdict::Accepted), ("refused", Verdict::Refused)];
}

/// Whether something a step looks for is there: held, kept, received, seen, or not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Presence {
    /// It is there.
    Present,
    /// It is not (or no longer) there.
    Absent,
}

impl Spelling for Presence {
    const WHAT: &'static str = "presence";
    const NAME: &'static str = "presence";
    const REGEX: &'static str = "still hold|no longer hold|hold|kept|erased|receives a notice|receives no notice|sees|does not see|fingerprint data|no biometric data";
    const SPELLINGS: &'static [(&'static str, Self)] = &[
        ("hold", Presence::Present),
        ("still hold", Presence::Present),
        ("no longer hold", Presence::Absent),
        ("kept", Presence::Present),
        ("erased", Presence::Absent),
        ("receives a notice", Presence::Present),
        ("receives no notice", Presence::Absent),
        ("sees", Presence::Present),
        ("does not see", Presence::Absent),
        ("fingerprint data", Presence::Present),
        ("no biometric data", Presence::Absent),
    ];
}

/// Whether a link says its two records are of the same person (what the search portal shows
/// of a link, Art 26).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SamePerson {
    /// The same person.
    Same,
    /// Not the same person.
    NotSame,
}

impl Spelling for SamePerson {
    const WHAT: &'static str = "identity of a link's persons";
    const NAME: &'static str = "same_person";
    const REGEX: &'static str = "the same person|not the same person";
    const SPELLINGS: &'static [(&'static str, Self)] =
        &[("the same person", SamePerson::Same), ("not the same person", SamePerson::NotSame)];
}

/// What was done to a link that its verifier and observers are told of (Art 32, 33, 35).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LinkChange {
    /// The link was rectified.
    Rectified,
    /// The link was erased.
    Erased,
}

impl Spelling for LinkChange {
    const WHAT: &'static str = "change of a link";
    const NAME: &'static str = "link_change";
    const REGEX: &'static str = "rectified|erased";
    const SPELLINGS: &'static [(&'static str, Self)] =
        &[("rectified", LinkChange::Rectified), ("erased", LinkChange::Erased)];
}

/// Where a person's request stands in the record of requests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RequestState {
    /// Not answered yet.
    Open,
    /// Answered, the request granted.
    Answered,
}

impl Spelling for RequestState {
    const WHAT: &'static str = "state of a request";
    const NAME: &'static str = "request_state";
    const REGEX: &'static str = "open|answered";
    const SPELLINGS: &'static [(&'static str, Self)] =
        &[("open", RequestState::Open), ("answered", RequestState::Answered)];
}

/// Which side of a declared limit a scenario's input lies: at it, or one step past it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Boundary {
    /// Exactly at the limit.
    At,
    /// One step past it, on the side the limit refuses ("one below" a quality threshold,
    /// "one byte over" a size limit).
    Past,
}

impl Spelling for Boundary {
    const WHAT: &'static str = "side of a limit";
    const NAME: &'static str = "boundary";
    const REGEX: &'static str = "at|exactly|one below|one byte over";
    const SPELLINGS: &'static [(&'static str, Self)] = &[
        ("at", Boundary::At),
        ("exactly", Boundary::At),
        ("one below", Boundary::Past),
        ("one byte over", Boundary::Past),
    ];
}

/// The refusals a right allows: forbidden, or also not found where an implementation may
/// decline to acknowledge what the caller may not see (MID-12).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RightsRefusal {
    /// Forbidden only.
    Forbidden,
    /// Forbidden or not found.
    ForbiddenOrNotFound,
}

impl RightsRefusal {
    /// The error kinds allowed.
    pub(crate) fn kinds(self) -> &'static [ErrorKind] {
        match self {
            RightsRefusal::Forbidden => &[ErrorKind::Forbidden],
            RightsRefusal::ForbiddenOrNotFound => &[ErrorKind::Forbidden, ErrorKind::NotFound],
        }
    }
}

impl Spelling for RightsRefusal {
    const WHAT: &'static str = "refusal of a right";
    const NAME: &'static str = "rights_refusal";
    const REGEX: &'static str = "forbidden or not found|forbidden";
    const SPELLINGS: &'static [(&'static str, Self)] = &[
        ("forbidden", RightsRefusal::Forbidden),
        ("forbidden or not found", RightsRefusal::ForbiddenOrNotFound),
    ];
}

/// Why an Art 20 identification falls back to identity data (Art 20(5)).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum UnusableBiometrics {
    /// No biometric data could be taken.
    NotTaken,
    /// Biometric data were taken live but hold no usable sample.
    TakenLiveWithoutSample,
}

impl Spelling for UnusableBiometrics {
    const WHAT: &'static str = "reason the biometric data cannot be used";
    const NAME: &'static str = "unusable_biometrics";
    const REGEX: &'static str = "being unusable|taken live holding no usable sample";
    const SPELLINGS: &'static [(&'static str, Self)] = &[
        ("being unusable", UnusableBiometrics::NotTaken),
        ("taken live holding no usable sample", UnusableBiometrics::TakenLiveWithoutSample),
    ];
}

/// The refusals scenarios name by what the caller did wrong; the other kinds have steps of
/// their own ("refused as forbidden", "refused as too large").
impl Spelling for ErrorKind {
    const WHAT: &'static str = "kind of refusal";
    const NAME: &'static str = "refusal";
    const REGEX: &'static str = "invalid input|not found";
    const SPELLINGS: &'static [(&'static str, Self)] =
        &[("invalid input", ErrorKind::Invalid), ("not found", ErrorKind::NotFound)];
}

#[cfg(test)]
mod tests;
