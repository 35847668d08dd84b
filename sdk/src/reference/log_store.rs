//! The audit log's store (LOG-01..03): append-only entries and the monitoring procedures that
//! hold them. Its own lock, held only to append an entry or to read or erase entries.

use std::collections::VecDeque;

use super::rules::retention::log_entry_due;
use crate::model::{
    BiometricQueryData, Component, LogEntry, LogEvent, MonitoringProcedure, RecordRef, Requester, Timestamp,
};

/// The logs, append-only, with the monitoring procedures that hold them.
#[derive(Debug, Default)]
pub(crate) struct LogStore {
    pub entries: VecDeque<LogEntry>,
    pub next_id: u64,
    pub procedures: Vec<MonitoringProcedure>,
    /// The number of the last monitoring procedure opened.
    pub last_procedure: u64,
}

impl LogStore {
    pub fn append(
        &mut self,
        component: Component,
        at: Timestamp,
        requester: Option<Requester>,
        event: LogEvent,
    ) {
        self.append_query(component, at, requester, event, Vec::new());
    }

    /// Appends the entry of a query launched with biometric data, which the entry holds as
    /// type, finger and digest only (LOG-03, POLICY LOG-P1).
    pub fn append_query(
        &mut self,
        component: Component,
        at: Timestamp,
        requester: Option<Requester>,
        event: LogEvent,
        biometric_query_data: Vec<BiometricQueryData>,
    ) {
        self.next_id += 1;
        self.entries.push_back(LogEntry {
            id: self.next_id,
            component,
            at,
            requester,
            event,
            biometric_query_data,
            erase_after: at.plus_one_year(),
        });
    }

    /// Erases the entries of the history of `record`'s data in the CIR — the detections and
    /// comparisons that name it — once its data are erased (Art 24(8), LOG-01). The entries of
    /// queries and of links keep their own year.
    pub fn erase_data_history(&mut self, record: &RecordRef) {
        self.entries.retain(|e| !e.event.is_data_history_of(record));
    }

    /// Erases entries one year old unless an open monitoring procedure holds them (LOG-01).
    pub fn erase_due(&mut self, now: Timestamp) {
        let procedures = &self.procedures;
        self.entries.retain(|e| !log_entry_due(e, now, procedures));
    }
}
