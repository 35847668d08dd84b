//! The stored records by reference.
//!
//! Each record is boxed. A stored record is several hundred bytes as a value (identity, documents,
//! biometric data, a SIS alert's room), and a B-tree keeps values in its nodes, which are on
//! average a third empty: at a million records that unused room alone was about 400 bytes per
//! record (`jha-interop bench mid`). Boxed, a node holds a pointer and the record takes its exact
//! size once.

use std::collections::BTreeMap;

use crate::model::{RecordRef, StoredRecord};

/// The records, ordered by reference (the order every scan and listing uses).
#[derive(Debug, Default)]
pub(crate) struct Records(BTreeMap<RecordRef, Box<StoredRecord>>);

impl Records {
    pub fn get(&self, reference: &RecordRef) -> Option<&StoredRecord> {
        self.0.get(reference).map(|record| &**record)
    }

    pub fn contains_key(&self, reference: &RecordRef) -> bool {
        self.0.contains_key(reference)
    }

    /// Stores `record` under `reference`, returning the record it replaces.
    pub fn insert(&mut self, reference: RecordRef, record: StoredRecord) -> Option<StoredRecord> {
        self.0.insert(reference, Box::new(record)).map(|old| *old)
    }

    pub fn remove(&mut self, reference: &RecordRef) -> Option<StoredRecord> {
        self.0.remove(reference).map(|old| *old)
    }

    pub fn values(&self) -> impl Iterator<Item = &StoredRecord> {
        self.0.values().map(|record| &**record)
    }
}
