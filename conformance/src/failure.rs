//! What a failing step reports: a sentence a certification body can read, saying what the
//! requirement expected and what the implementation did.

use std::fmt;

/// A step's failure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure(pub String);

/// How the message of a failure that is the harness's or the target's, not the
/// implementation's, begins. Such a scenario is a harness error, never a failed requirement.
pub const HARNESS_PREFIX: &str = "harness: ";

impl Failure {
    /// A failure of the harness or the target (set-up, transport), not of a requirement.
    pub fn harness(message: impl std::fmt::Display) -> Self {
        Failure(format!("{HARNESS_PREFIX}{message}"))
    }

    /// Whether the failure is the harness's or the target's.
    pub fn is_harness(&self) -> bool {
        self.0.starts_with(HARNESS_PREFIX)
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Failure {}

impl From<jha_interop::api::Error> for Failure {
    fn from(e: jha_interop::api::Error) -> Self {
        let mut text = format!("the implementation answered with an error: {e}");
        if let Some(rule) = &e.rule {
            text.push_str(&format!(" [rule {rule}]"));
        }
        for v in &e.violations {
            text.push_str(&format!("; {} at '{}': {}", v.rule, v.field, v.message));
        }
        Failure(text)
    }
}

impl From<crate::target::TargetError> for Failure {
    fn from(e: crate::target::TargetError) -> Self {
        Failure::harness(e)
    }
}

impl From<jha_interop::model::ModelError> for Failure {
    fn from(e: jha_interop::model::ModelError) -> Self {
        Failure(format!("the scenario's data are not valid: {e}"))
    }
}

impl From<crate::role::UnknownRole> for Failure {
    fn from(e: crate::role::UnknownRole) -> Self {
        Failure(format!("the scenario is malformed: {e}"))
    }
}

/// The result of a step.
pub type StepResult = Result<(), Failure>;

/// Fails the step with a formatted message unless the condition holds.
#[macro_export]
macro_rules! ensure {
    ($condition:expr, $($message:tt)+) => {
        {
            let holds: bool = $condition;
            if !holds {
                return Err($crate::failure::Failure(format!($($message)+)));
            }
        }
    };
}

/// Fails the step with a formatted message.
#[macro_export]
macro_rules! fail {
    ($($message:tt)+) => {
        return Err($crate::failure::Failure(format!($($message)+)))
    };
}
