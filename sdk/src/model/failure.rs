//! Automated notices of component failures (Arts 11, 17(4), ESP-09): when the ESP or the CIR
//! fails, the Member States and agencies using it are told which component failed and that
//! they shall access the systems directly.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Component, Timestamp};

/// An automated notice that a component failed (ESP-09).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct FailureNotice {
    /// The component that failed.
    pub component: Component,
    /// When it failed.
    pub failed_at: Timestamp,
    /// Whether the users shall access the systems directly while it is down (Arts 11(3),
    /// 17(4)); always `true` in a failure notice.
    pub access_systems_directly: bool,
    /// The notice in words.
    pub text: String,
}
