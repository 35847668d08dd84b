//! The rules of retention: when a record's data and a log entry fall due for erasure.

use crate::model::{LogEntry, MonitoringProcedure, StoredRecord, Timestamp};

use super::logs::covers;

/// CIR-12, BMS-06, MID-16 (Art 23): whether `record`'s retention period, set by its source
/// system, has ended at `now`.
pub fn record_due(record: &StoredRecord, now: Timestamp) -> bool {
    record.data.retention_until.is_some_and(|t| t <= now)
}

/// LOG-01: whether `entry` is erased at `now`: one year old, unless an open monitoring
/// procedure covers it.
pub fn log_entry_due(entry: &LogEntry, now: Timestamp, procedures: &[MonitoringProcedure]) -> bool {
    entry.erase_after <= now && !procedures.iter().any(|p| p.closed_at.is_none() && covers(&p.covers, entry))
}
