//! A person's requests about MID data and their deadlines (Art 48, MID-19): access,
//! rectification, erasure and restriction, received by one Member State and checked by the
//! Member State responsible for the data.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::text::{checked_identifier, validated_string};
use super::{Authority, IdentityData, ModelError, Organisation, Sin, Timestamp};

fn check_request_id(value: &str) -> Result<String, ModelError> {
    checked_identifier(value, "request identifier", 64)
}

validated_string!(
    /// The identifier an implementation gives a person's request.
    RequestId,
    check_request_id,
    {"type": "string", "pattern": "^[A-Za-z0-9._:-]{1,64}$", "description": "Identifier of a person's request about MID data."}
);

/// What the person asks for (Art 48(1)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RequestKind {
    /// Access to the data.
    Access,
    /// Rectification of inaccurate data.
    Rectification,
    /// Erasure of unlawfully processed data.
    Erasure,
    /// Restriction of processing.
    Restriction,
}

/// A request as the receiving Member State files it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RequestFiling {
    /// What the person asks for.
    pub kind: RequestKind,
    /// The link whose data the request concerns, when the person names one (the notice gives
    /// its single identification number).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub concerning: Option<Sin>,
    /// The Member State responsible for the manual verification or for the data, when it is
    /// not the receiving one; it must then be contacted within 7 days (Art 48(3)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub responsible_state: Option<Organisation>,
    /// The person's identifying data given with the request; erased once it is answered.
    pub identifying_data: IdentityData,
}

/// A step in handling a request (Art 48(2)–(9)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "step", rename_all = "snake_case")]
pub enum RequestProgress {
    /// The receiving Member State contacted the responsible one (within 7 days).
    ResponsibleContacted,
    /// The responsible Member State checked the data and the lawfulness of their processing
    /// (within 30 days of being contacted).
    Checked,
    /// The reply is extended by 15 days, for the complexity or number of requests.
    ReplyExtended {
        /// Why.
        reason: String,
    },
    /// The check is extended by 15 days.
    CheckExtended {
        /// Why.
        reason: String,
    },
    /// The request is answered: granted, and done as asked.
    Answered,
    /// The request is refused, with the reasons given to the person (Art 48(7)).
    Refused {
        /// The factual or legal reasons.
        reasons: String,
    },
}

/// The answer given to a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum RequestAnswer {
    /// Granted.
    Granted {
        /// When.
        at: Timestamp,
    },
    /// Refused, with reasons.
    Refused {
        /// When.
        at: Timestamp,
        /// The reasons given to the person.
        reasons: String,
    },
}

/// A deadline of a request (MID-19).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RequestDeadline {
    /// The reply to the person: 45 days from receipt, 60 when extended.
    Reply,
    /// Contacting the responsible Member State: 7 days from receipt.
    Contact,
    /// The responsible Member State's check: 30 days from the contact, 45 when extended.
    Check,
}

/// A request in the record of requests the Member States keep (Art 48(10)).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PersonRequest {
    /// Its identifier.
    pub id: RequestId,
    /// What the person asked for.
    pub kind: RequestKind,
    /// The link concerned, if named.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub concerning: Option<Sin>,
    /// The authority that received and filed it.
    pub received_by: Authority,
    /// The Member State responsible, when not the receiving one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub responsible_state: Option<Organisation>,
    /// When it was received.
    pub received_at: Timestamp,
    /// The person's identifying data; `None` once the request is answered (erased).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identifying_data: Option<IdentityData>,
    /// The reply is due on the day this instant falls in (receipt plus 45 days, 60 when
    /// extended); it is late from the next day.
    pub reply_due: Timestamp,
    /// The responsible Member State, when there is one, must be contacted by the day this
    /// instant falls in (receipt plus 7 days).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_due: Option<Timestamp>,
    /// When the responsible Member State was contacted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contacted_at: Option<Timestamp>,
    /// The responsible Member State's check is due by the day this instant falls in (contact
    /// plus 30 days, 45 when extended).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub check_due: Option<Timestamp>,
    /// When the responsible Member State checked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checked_at: Option<Timestamp>,
    /// Whether the reply was extended by 15 days.
    pub reply_extended: bool,
    /// Whether the check was extended by 15 days.
    pub check_extended: bool,
    /// The answer, once given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer: Option<RequestAnswer>,
}

/// A request past one or more of its deadlines.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct OverdueRequest {
    /// The request.
    pub request: PersonRequest,
    /// The deadlines it missed.
    pub missed: Vec<RequestDeadline>,
}
