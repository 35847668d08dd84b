//! Messages of the optional test-control capability (SEC-06).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// How a simulated source system behaves when the ESP queries it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "behaviour", rename_all = "snake_case")]
// Open: test control grows with the scenarios; other crates match with a `_` arm.
#[non_exhaustive]
pub enum SourceBehaviour {
    /// Answers at once.
    Normal,
    /// Answers after a delay.
    Slow {
        /// The delay in milliseconds.
        delay_ms: u64,
    },
    /// Cannot be reached.
    Unavailable,
    /// Never answers, so the ESP's timeout applies.
    Unresponsive,
}

/// Whether a component works or has failed, as test control sets it (ESP-09).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "behaviour", rename_all = "snake_case")]
#[non_exhaustive]
pub enum ComponentBehaviour {
    /// Works.
    Normal,
    /// Has failed: its calls answer "unavailable" and its users are notified.
    Failed,
}
