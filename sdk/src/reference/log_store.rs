//! The audit log's store (LOG-01..03): append-only entries and the monitoring procedures that
//! hold them. Its own lock, held only to append an entry or to read or erase entries.
//!
//! Every write logs several entries (template history, the detection's searches and each
//! identity comparison) and they are kept a year, so at a million records the log is the
//! reference's largest store after the templates. Entries are therefore kept compact: without
//! the derived erasure date, with the rarely present parts boxed, and in fixed-size chunks
//! rather than one growing buffer, whose doubling left up to as much again unused.

use std::collections::VecDeque;

use super::rules::retention::log_entry_due;
use crate::model::{
    BiometricQueryData, Component, LogEntry, LogEvent, MonitoringProcedure, RecordRef, Requester, Timestamp,
};

/// Entries per chunk: large enough that the chunk list is short, small enough that the last,
/// partly filled chunk costs little.
const CHUNK: usize = 1024;

/// An entry as the store keeps it; [`StoredEntry::entry`] gives the model's [`LogEntry`].
#[derive(Debug)]
struct StoredEntry {
    id: u64,
    component: Component,
    at: Timestamp,
    requester: Option<Box<Requester>>,
    event: LogEvent,
    biometric_query_data: Box<[BiometricQueryData]>,
}

impl StoredEntry {
    /// One year after creation (LOG-01).
    fn erase_after(&self) -> Timestamp {
        self.at.plus_one_year()
    }

    fn entry(&self) -> LogEntry {
        LogEntry {
            id: self.id,
            component: self.component,
            at: self.at,
            requester: self.requester.as_deref().cloned(),
            event: self.event.clone(),
            biometric_query_data: self.biometric_query_data.to_vec(),
            erase_after: self.erase_after(),
        }
    }
}

/// The logs, append-only, with the monitoring procedures that hold them.
#[derive(Debug, Default)]
pub(crate) struct LogStore {
    /// The entries in the order they were appended, in chunks of at most [`CHUNK`].
    chunks: VecDeque<Vec<StoredEntry>>,
    next_id: u64,
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
        let entry = StoredEntry {
            id: self.next_id,
            component,
            at,
            requester: requester.map(Box::new),
            event,
            biometric_query_data: biometric_query_data.into_boxed_slice(),
        };
        match self.chunks.back_mut() {
            Some(chunk) if chunk.len() < chunk.capacity() => chunk.push(entry),
            _ => {
                let mut chunk = Vec::with_capacity(CHUNK);
                chunk.push(entry);
                self.chunks.push_back(chunk);
            }
        }
    }

    /// The entries `select` accepts, in the order they were logged.
    pub fn read(&self, select: impl Fn(&LogEntry) -> bool) -> Vec<LogEntry> {
        self.chunks.iter().flatten().map(StoredEntry::entry).filter(|e| select(e)).collect()
    }

    /// Whether the oldest entry has reached its erasure date (the sweep's cheap test).
    pub fn oldest_due(&self, now: Timestamp) -> bool {
        self.chunks.iter().flatten().next().is_some_and(|e| e.erase_after() <= now)
    }

    /// Erases the entries of the history of `record`'s data in the CIR — the detections and
    /// comparisons that name it — once its data are erased (Art 24(8), LOG-01). The entries of
    /// queries and of links keep their own year.
    pub fn erase_data_history(&mut self, record: &RecordRef) {
        retain(&mut self.chunks, |e| !e.event.is_data_history_of(record));
    }

    /// Erases entries one year old unless an open monitoring procedure holds them (LOG-01).
    pub fn erase_due(&mut self, now: Timestamp) {
        let procedures = &self.procedures;
        retain(&mut self.chunks, |e| e.erase_after() > now || !log_entry_due(&e.entry(), now, procedures));
    }
}

fn retain(chunks: &mut VecDeque<Vec<StoredEntry>>, mut keep: impl FnMut(&StoredEntry) -> bool) {
    for chunk in chunks.iter_mut() {
        chunk.retain(&mut keep);
        // A chunk other than the last is never appended to again: give back what erasure freed.
        if chunk.len() < chunk.capacity() / 2 {
            chunk.shrink_to_fit();
        }
    }
    chunks.retain(|chunk| !chunk.is_empty());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DataType, SourceSystem};

    /// A detection triggered by `record`: part of its data's history.
    fn history(record: &RecordRef) -> LogEvent {
        LogEvent::CirDetection {
            trigger: record.clone(),
            data_types: vec![DataType::IdentityData],
            results: Vec::new(),
            link_created: false,
        }
    }

    #[test]
    fn entries_keep_their_order_and_fields_across_chunks_and_erasures() {
        let at: Timestamp = "2026-01-01T00:00:00Z".parse().unwrap();
        let records: Vec<RecordRef> =
            (0..3).map(|i| RecordRef::new(SourceSystem::Ees, format!("R{i}").parse().unwrap())).collect();
        let mut logs = LogStore::default();
        for i in 0..(2 * CHUNK + 10) {
            logs.append(Component::Sbms, at, None, history(&records[i % 3]));
        }
        let all = logs.read(|_| true);
        assert_eq!(all.len(), 2 * CHUNK + 10);
        assert!(all.windows(2).all(|w| w[0].id + 1 == w[1].id));
        assert_eq!(all[0].erase_after, at.plus_one_year());
        assert_eq!(all[4].event, history(&records[1]));

        logs.erase_data_history(&records[1]);
        let left = logs.read(|_| true);
        assert_eq!(left.len(), all.len() - all.iter().filter(|e| e.event == history(&records[1])).count());
        assert!(left.windows(2).all(|w| w[0].id < w[1].id));
        assert!(!logs.oldest_due(at));
        assert!(logs.oldest_due(at.plus_one_year()));
        logs.erase_due(at.plus_one_year());
        assert!(logs.read(|_| true).is_empty() && logs.chunks.is_empty());
        logs.append(Component::Cir, at, None, history(&records[0]));
        assert_eq!(logs.read(|_| true)[0].id, all.len() as u64 + 1);
    }
}
