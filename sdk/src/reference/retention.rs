//! Retention: records whose source system's retention ended are erased everywhere (Art 23,
//! CIR-12, BMS-06, MID-16); logs are erased after one year unless held (LOG-01).

use crate::model::Timestamp;

use super::config::ReferenceConfig;
use super::sources::erase_record;
use super::state::State;

/// Applies every retention rule due at `now`.
pub(crate) fn run(state: &mut State, config: &ReferenceConfig, now: Timestamp) {
    if state.next_record_expiry.is_some_and(|t| t <= now) {
        let due: Vec<_> = state
            .records
            .values()
            .filter(|r| r.data.retention_until.is_some_and(|t| t <= now))
            .map(|r| r.reference.clone())
            .collect();
        for record in due {
            erase_record(state, config, &record, now, "the source system's retention period ended");
        }
        state.next_record_expiry = state.records.values().filter_map(|r| r.data.retention_until).min();
    }
    if state.logs.entries.front().is_some_and(|e| e.erase_after <= now) {
        state.logs.erase_due(now);
    }
}
