//! The audit log's store (LOG-01..03): append-only entries and the monitoring procedures that
//! hold them. Its own lock, held only to append an entry or to read or erase entries.
//!
//! Every write logs several entries (template history, the detection's searches and each
//! identity comparison) and they are kept a year, so at a million records the log is the
//! reference's largest store after the templates. Entries are therefore appended to a small open
//! chunk and, once it is full, sealed: written as JSON lines and deflated, about a tenth of the
//! memory the entries took as values. The log is read rarely (an authority's query, a monitoring
//! procedure) and erased in bulk, so unpacking a chunk then costs little; each sealed chunk keeps
//! its oldest time and the records whose data history it holds, so a sweep or a record's
//! erasure unpacks only the chunks it can change.

use std::collections::VecDeque;
use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};

use super::rules::retention::log_entry_due;
use crate::model::{
    BiometricQueryData, Component, LogEntry, LogEvent, MonitoringProcedure, RecordRef, Requester, Timestamp,
};

/// Entries per chunk: about 25 writes' worth. A write that fills the chunk seals it, so the
/// chunk is kept small enough that this costs a fraction of a millisecond (about 40 KB of JSON
/// deflated), yet large enough to fill deflate's 32 KB window.
const CHUNK: usize = 128;

/// Deflate level of sealed chunks: the fastest, because a chunk is sealed inside a write.
const DEFLATE_LEVEL: u8 = 1;

/// An entry of the open chunk; [`StoredEntry::entry`] gives the model's [`LogEntry`].
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

/// The hash a sealed chunk keeps of each record its entries are the data history of.
fn subject_hash(record: &RecordRef) -> u64 {
    BuildHasherDefault::<DefaultHasher>::default().hash_one(record)
}

/// A full chunk: its entries as deflated JSON lines.
#[derive(Debug)]
struct SealedChunk {
    packed: Box<[u8]>,
    /// The earliest creation time of its entries.
    oldest: Timestamp,
    /// [`subject_hash`] of every record whose data history an entry holds, sorted and
    /// deduplicated: a chunk without the record's hash holds none of its history.
    subjects: Box<[u64]>,
}

impl SealedChunk {
    /// Seals `entries` (in the order given); `None` when there are none.
    fn seal(entries: &[LogEntry]) -> Option<SealedChunk> {
        let oldest = entries.iter().map(|e| e.at).min()?;
        let mut lines = Vec::with_capacity(entries.len() * 256);
        for entry in entries {
            // Writing a model value to a vector cannot fail: every field serialises.
            serde_json::to_writer(&mut lines, entry).expect("a log entry serialises to JSON");
            lines.push(b'\n');
        }
        let mut subjects: Vec<u64> =
            entries.iter().flat_map(|e| e.event.data_history_subjects()).map(subject_hash).collect();
        subjects.sort_unstable();
        subjects.dedup();
        Some(SealedChunk {
            packed: miniz_oxide::deflate::compress_to_vec(&lines, DEFLATE_LEVEL).into_boxed_slice(),
            oldest,
            subjects: subjects.into_boxed_slice(),
        })
    }

    /// The entries, in the order they were sealed.
    fn entries(&self) -> Vec<LogEntry> {
        // The bytes were written by `seal` and never leave the store: failing to read them back
        // is a bug in this file, not bad input.
        let lines =
            miniz_oxide::inflate::decompress_to_vec(&self.packed).expect("a sealed log chunk inflates");
        lines
            .split(|&b| b == b'\n')
            .filter(|line| !line.is_empty())
            .map(|line| serde_json::from_slice(line).expect("a sealed log entry reads back"))
            .collect()
    }

    fn may_hold_history_of(&self, subject: u64) -> bool {
        self.subjects.binary_search(&subject).is_ok()
    }
}

/// The logs, append-only, with the monitoring procedures that hold them.
#[derive(Debug, Default)]
pub(crate) struct LogStore {
    /// Full chunks, oldest first.
    sealed: VecDeque<SealedChunk>,
    /// The entries appended since the last chunk was sealed, at most [`CHUNK`].
    open: Vec<StoredEntry>,
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
        self.open.push(StoredEntry {
            id: self.next_id,
            component,
            at,
            requester: requester.map(Box::new),
            event,
            biometric_query_data: biometric_query_data.into_boxed_slice(),
        });
        if self.open.len() >= CHUNK {
            let entries: Vec<LogEntry> = self.open.drain(..).map(|e| e.entry()).collect();
            self.sealed.extend(SealedChunk::seal(&entries));
        }
    }

    /// The entries `select` accepts, in the order they were logged.
    pub fn read(&self, select: impl Fn(&LogEntry) -> bool) -> Vec<LogEntry> {
        let sealed = self.sealed.iter().flat_map(SealedChunk::entries);
        sealed.chain(self.open.iter().map(StoredEntry::entry)).filter(|e| select(e)).collect()
    }

    /// Whether the oldest entry has reached its erasure date (the sweep's cheap test).
    pub fn oldest_due(&self, now: Timestamp) -> bool {
        let oldest = match self.sealed.front() {
            Some(chunk) => Some(chunk.oldest),
            None => self.open.first().map(|e| e.at),
        };
        oldest.is_some_and(|at| at.plus_one_year() <= now)
    }

    /// Erases the entries of the history of `record`'s data in the CIR — the detections and
    /// comparisons that name it — once its data are erased (Art 24(8), LOG-01). The entries of
    /// queries and of links keep their own year.
    pub fn erase_data_history(&mut self, record: &RecordRef) {
        let subject = subject_hash(record);
        retain_sealed(
            &mut self.sealed,
            |chunk| chunk.may_hold_history_of(subject),
            |e| !e.event.is_data_history_of(record),
        );
        self.open.retain(|e| !e.event.is_data_history_of(record));
    }

    /// Erases entries one year old unless an open monitoring procedure holds them (LOG-01).
    pub fn erase_due(&mut self, now: Timestamp) {
        let procedures = &self.procedures;
        retain_sealed(
            &mut self.sealed,
            |chunk| chunk.oldest.plus_one_year() <= now,
            |e| !log_entry_due(e, now, procedures),
        );
        self.open.retain(|e| e.erase_after() > now || !log_entry_due(&e.entry(), now, procedures));
    }
}

/// Keeps the sealed entries `keep` accepts, unpacking only the chunks `may_change` selects and
/// sealing again only those that lost entries.
fn retain_sealed(
    sealed: &mut VecDeque<SealedChunk>,
    may_change: impl Fn(&SealedChunk) -> bool,
    keep: impl Fn(&LogEntry) -> bool,
) {
    for chunk in std::mem::take(sealed) {
        if !may_change(&chunk) {
            sealed.push_back(chunk);
            continue;
        }
        let entries = chunk.entries();
        let before = entries.len();
        let kept: Vec<LogEntry> = entries.into_iter().filter(|e| keep(e)).collect();
        if kept.len() == before {
            sealed.push_back(chunk);
        } else {
            sealed.extend(SealedChunk::seal(&kept));
        }
    }
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
        let digest =
            BiometricQueryData { data_type: DataType::Face, finger_position: None, sha256: "ab".repeat(32) };
        for i in 0..(2 * CHUNK + 10) {
            logs.append_query(
                Component::Sbms,
                at,
                None,
                history(&records[i % 3]),
                vec![digest.clone(); i % 2],
            );
        }
        assert_eq!((logs.sealed.len(), logs.open.len()), (2, 10));
        let all = logs.read(|_| true);
        assert_eq!(all.len(), 2 * CHUNK + 10);
        assert!(all.windows(2).all(|w| w[0].id + 1 == w[1].id));
        assert_eq!(all[0].erase_after, at.plus_one_year());
        assert_eq!(all[4].event, history(&records[1]));
        assert!(all.iter().enumerate().all(|(i, e)| e.biometric_query_data == vec![digest.clone(); i % 2]));

        logs.erase_data_history(&records[1]);
        let left = logs.read(|_| true);
        assert_eq!(left.len(), all.len() - all.iter().filter(|e| e.event == history(&records[1])).count());
        assert!(left.windows(2).all(|w| w[0].id < w[1].id));
        assert!(!logs.oldest_due(at));
        assert!(logs.oldest_due(at.plus_one_year()));
        logs.erase_due(at.plus_one_year());
        assert!(logs.read(|_| true).is_empty() && logs.sealed.is_empty() && logs.open.is_empty());
        logs.append(Component::Cir, at, None, history(&records[0]));
        assert_eq!(logs.read(|_| true)[0].id, all.len() as u64 + 1);
    }

    #[test]
    fn a_record_erasure_unpacks_only_the_chunks_that_hold_its_history() {
        let at: Timestamp = "2026-01-01T00:00:00Z".parse().unwrap();
        let record = |id: &str| RecordRef::new(SourceSystem::Ees, id.parse().unwrap());
        let mut logs = LogStore::default();
        for _ in 0..CHUNK {
            logs.append(Component::Cir, at, None, history(&record("HELD")));
        }
        let packed = logs.sealed[0].packed.as_ptr();
        logs.erase_data_history(&record("ABSENT"));
        assert_eq!(logs.sealed[0].packed.as_ptr(), packed, "a chunk without the record is left as it is");
        logs.erase_data_history(&record("HELD"));
        assert!(logs.sealed.is_empty());
    }
}
