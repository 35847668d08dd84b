//! The rules of the audit log (LOG-02): who reads which entries.
//!
//! Who acts as a data controller for self-monitoring (Arts 10(3), 40, 44): a Member State's
//! authorities are the controllers of the processing they do, and an agency's (Europol, the
//! ETIAS Central Unit) of its own, so an official of any authority that queries the components
//! reads the entries whose requester is an authority of its own Member State or agency — never
//! another's, and never entries without a requester (the components' own processing, which the
//! supervisory authorities and the EDPS monitor). eu-LISA operators, statistics users and the
//! source systems' central services query no personal data and read no logs.

use crate::model::{AuthorityKind, EspProfile, LogEntry, LogQuery, Organisation, Principal};

/// Which entries a caller may read.
#[derive(Debug, Clone, PartialEq)]
pub enum LogReading {
    /// Every entry: supervisory authorities and the EDPS (a profile with log access).
    Supervision,
    /// The entries whose requester is an authority of this organisation (self-monitoring).
    OwnAuthorities(Organisation),
}

/// Whether an authority of `kind` acts for a data controller that monitors its own use of the
/// components.
pub fn self_monitoring(kind: AuthorityKind) -> bool {
    !matches!(
        kind,
        AuthorityKind::EuLisaOperator | AuthorityKind::StatisticsUser | AuthorityKind::SourceSystemService
    )
}

/// LOG-02: what `caller`, holding `profiles`, may read of the logs, if anything.
pub fn log_reading(caller: &Principal, profiles: &[EspProfile]) -> Option<LogReading> {
    if profiles.iter().any(|p| p.log_access) {
        return Some(LogReading::Supervision);
    }
    self_monitoring(caller.authority.kind)
        .then_some(LogReading::OwnAuthorities(caller.authority.organisation))
}

impl LogReading {
    /// Whether this reading covers `entry`.
    pub fn may_read(&self, entry: &LogEntry) -> bool {
        match self {
            LogReading::Supervision => true,
            LogReading::OwnAuthorities(organisation) => {
                entry.requester.as_ref().is_some_and(|r| r.authority.organisation == *organisation)
            }
        }
    }
}

/// Whether `query` selects `entry`.
pub fn covers(query: &LogQuery, entry: &LogEntry) -> bool {
    query.component.is_none_or(|c| c == entry.component)
        && query.from.is_none_or(|t| entry.at >= t)
        && query.to.is_none_or(|t| entry.at < t)
}
