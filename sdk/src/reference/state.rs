//! The record store of the reference: records, their identity indexes, individual files, links,
//! notifications and the MID's requests — what the CIR and the MID share. One mutex guards it,
//! so that every write, with the detection it triggers, is atomic (SEC-04: concurrent writes
//! lose nothing). Templates (sBMS), logs and statistics have their own stores and locks
//! (`templates`, `log_store`, `counters`), taken after this one when both are needed.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use super::records::Records;
use crate::matching::identity::rank::{NameFrequencies, RankProfile};
use crate::matching::identity::{CandidateIndex, PreparedIdentity};
use crate::model::{
    Authority, CountryCode, FileId, FileReference, IdentityComparison, LinkBasis, LinkColour, Notification,
    PersonNotice, QueryId, RecordRef, Sin, SourceSystem, StoredRecord, Timestamp, VerificationOutcome,
};

/// A link between two records, with everything the MID keeps about it.
#[derive(Debug, Clone)]
pub(crate) struct Link {
    pub sin: Sin,
    /// `[trigger, other]`: the record whose write created the link first.
    pub records: [RecordRef; 2],
    pub colour: LinkColour,
    pub basis: LinkBasis,
    pub comparison: IdentityComparison,
    pub responsible: Authority,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    /// When the link took its current colour (for the duration statistics).
    pub colour_since: Timestamp,
    pub verification: Option<VerificationOutcome>,
    /// Whether the trigger was a border check (EES), for the 12-hour deadline (MID-11).
    pub from_border_check: bool,
}

impl Link {
    /// The end of the link that is not `record`.
    pub fn other_end(&self, record: &RecordRef) -> &RecordRef {
        if &self.records[0] == record { &self.records[1] } else { &self.records[0] }
    }

    /// The two systems, in the order of the records.
    pub fn systems(&self) -> Vec<SourceSystem> {
        vec![self.records[0].system, self.records[1].system]
    }
}

/// An Art 22 query awaiting or having had its follow-up.
#[derive(Debug, Clone)]
pub(crate) struct HitQuery {
    pub principal: String,
    pub national_file_reference: FileReference,
    pub systems: Vec<SourceSystem>,
    pub followed_up: bool,
}

/// Everything the reference stores.
#[derive(Debug, Default)]
pub(crate) struct State {
    pub records: Records,
    /// Blocking index over dates of birth and sex: the records whose identity can be SAME or
    /// SIMILAR to a probe, without scanning the repository.
    pub identity_index: CandidateIndex<RecordRef>,
    /// Each record's identity, harmonised and transliterated once.
    pub prepared: HashMap<RecordRef, Arc<PreparedIdentity>>,
    /// How often each surname and first name occurs among the records: the ESP's ranking
    /// weighs an agreeing rare name above a common one.
    pub name_frequencies: NameFrequencies,
    /// Records by travel document (POLICY MID-P3 key: normalised number and issuing country).
    /// A document is almost always held by one record: a vector, not a tree node per document.
    pub documents: HashMap<(String, CountryCode), Vec<RecordRef>>,
    /// The individual file each CIR record was given when first stored; files merged by white
    /// and red links take the oldest number of their records.
    pub original_file: HashMap<RecordRef, u64>,
    pub links: BTreeMap<Sin, Link>,
    pub links_by_record: HashMap<RecordRef, BTreeSet<Sin>>,
    pub notifications: Vec<Notification>,
    pub notices: BTreeMap<Sin, PersonNotice>,
    /// The record of a person's requests about MID data (MID-19).
    pub person_requests: BTreeMap<crate::model::RequestId, crate::model::PersonRequest>,
    pub hit_queries: HashMap<QueryId, HitQuery>,
    pub sequence: u64,
    /// The earliest `retention_until` of any record, so retention is cheap to check.
    pub next_record_expiry: Option<Timestamp>,
}

impl State {
    /// A new number for identifiers.
    pub fn next_number(&mut self) -> u64 {
        self.sequence += 1;
        self.sequence
    }

    /// Adds a stored record to the search indexes.
    pub fn index_record(&mut self, record: &StoredRecord) {
        let reference = &record.reference;
        self.identity_index.insert(reference.clone(), &record.data.identity);
        let prepared = PreparedIdentity::new(&record.data.identity);
        self.name_frequencies.count(&RankProfile::new(&prepared));
        self.prepared.insert(reference.clone(), Arc::new(prepared));
        for doc in &record.data.travel_documents {
            let holders = self.documents.entry((doc.number.normalised(), doc.issuing_country)).or_default();
            if !holders.contains(reference) {
                holders.push(reference.clone());
            }
        }
    }

    /// Removes a record from the search indexes.
    pub fn unindex_record(&mut self, reference: &RecordRef) {
        self.identity_index.remove(reference);
        if let Some(prepared) = self.prepared.remove(reference) {
            self.name_frequencies.uncount(&RankProfile::new(&prepared));
        }
        if let Some(record) = self.records.get(reference) {
            for doc in &record.data.travel_documents {
                let key = (doc.number.normalised(), doc.issuing_country);
                if let Some(holders) = self.documents.get_mut(&key) {
                    holders.retain(|r| r != reference);
                    if holders.is_empty() {
                        self.documents.remove(&key);
                    }
                }
            }
        }
    }

    /// The records holding the same travel document as any of `record`'s (POLICY MID-P3).
    pub fn same_document_records(&self, record: &StoredRecord) -> BTreeSet<RecordRef> {
        record
            .data
            .travel_documents
            .iter()
            .filter_map(|d| self.documents.get(&(d.number.normalised(), d.issuing_country)))
            .flatten()
            .filter(|r| **r != record.reference)
            .cloned()
            .collect()
    }

    /// The links of a record.
    pub fn links_of(&self, record: &RecordRef) -> Vec<&Link> {
        self.links_by_record
            .get(record)
            .map(|sins| sins.iter().filter_map(|s| self.links.get(s)).collect())
            .unwrap_or_default()
    }

    /// Adds a link to the indexes.
    pub fn insert_link(&mut self, link: Link) {
        for r in &link.records {
            self.links_by_record.entry(r.clone()).or_default().insert(link.sin.clone());
        }
        self.links.insert(link.sin.clone(), link);
    }

    /// Removes a link from the indexes and returns it.
    pub fn remove_link(&mut self, sin: &Sin) -> Option<Link> {
        let link = self.links.remove(sin)?;
        for r in &link.records {
            if let Some(set) = self.links_by_record.get_mut(r) {
                set.remove(sin);
                if set.is_empty() {
                    self.links_by_record.remove(r);
                }
            }
        }
        self.notices.remove(sin);
        Some(link)
    }

    /// The records of the individual file holding `record` (CIR-01, CIR-04): the record and
    /// every CIR record reachable through white or red links between CIR systems.
    pub fn file_members(&self, record: &RecordRef) -> Vec<RecordRef> {
        if !record.system.is_cir_system() || !self.records.contains_key(record) {
            return Vec::new();
        }
        let mut seen: BTreeSet<RecordRef> = BTreeSet::from([record.clone()]);
        let mut queue = vec![record.clone()];
        while let Some(r) = queue.pop() {
            for link in self.links_of(&r) {
                let other = link.other_end(&r);
                let merges = matches!(link.colour, LinkColour::White | LinkColour::Red)
                    && other.system.is_cir_system();
                if merges && seen.insert(other.clone()) {
                    queue.push(other.clone());
                }
            }
        }
        seen.into_iter().collect()
    }

    /// The identifier of the individual file holding `record`.
    pub fn file_id(&self, record: &RecordRef) -> Option<FileId> {
        let members = self.file_members(record);
        let number = members.iter().filter_map(|r| self.original_file.get(r)).min()?;
        FileId::new(format!("CIR-{number:08}")).ok()
    }
}
