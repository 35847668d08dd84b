//! Request bodies of the calls that take more than one argument or a bare value, and the lines
//! of the streamed ESP reply.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Problem;
use crate::model::{LogQuery, Millis, SourceResult, Timestamp};

/// The body of `POST /v1/logs/procedures`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OpenProcedureRequest {
    /// What the procedure examines.
    pub description: String,
    /// The log entries it holds past retention.
    pub covers: LogQuery,
}

/// The body of `PUT /v1/test/clock`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SetTimeRequest {
    /// The new time of the implementation's clock.
    pub now: Timestamp,
}

/// The body of `POST /v1/test/clock/advance`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AdvanceTimeRequest {
    /// How far to move the clock forward, in milliseconds.
    pub millis: Millis,
}

/// The body of `PUT /v1/test/interpol-no-reveal`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct InterpolNoRevealRequest {
    /// Whether Interpol can be queried without revealing the query (ESP-07).
    pub guaranteed: bool,
}

/// One line of the streamed ESP reply (`Accept: application/x-ndjson`): a source's result as
/// soon as it is known, an error after the stream has started, and a last line that tells the
/// client the stream is complete, so that a cut connection is never mistaken for the end.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum SearchStreamLine {
    /// One source's result (ESP-06).
    Result(SourceResult),
    /// The search failed after the stream started; nothing follows.
    Error(Problem),
    /// The stream is complete: `results` result lines were sent.
    End {
        /// How many result lines came before.
        results: u64,
    },
}
