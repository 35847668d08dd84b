//! The inverted index of ranked search: records filed under their
//! [search keys](super::search_keys), looked up by a query's keys, hot keys skipped.

use std::collections::{HashMap, HashSet};
use std::hash::Hash;

use super::prepared::PreparedIdentity;
use super::search_keys::{probe_keys, stored_keys};

/// Candidates of a ranked identity search: the records that share a search key with the query
/// (a name code with the date of birth, two name codes with part of it, …; see the keys in
/// [`matching::identity`](super)). It serves ordering by [`rank`](super::rank), not MID
/// detection: unlike [`CandidateIndex`](super::CandidateIndex) it does not promise every SAME
/// or SIMILAR record, and it finds records whose date of birth is far off when two names agree.
#[derive(Debug, Clone)]
pub struct SearchIndex<K> {
    postings: HashMap<u64, Vec<K>>,
    keys_of: HashMap<K, Box<[u64]>>,
}

impl<K> Default for SearchIndex<K> {
    fn default() -> Self {
        SearchIndex { postings: HashMap::new(), keys_of: HashMap::new() }
    }
}

impl<K: Eq + Hash + Clone> SearchIndex<K> {
    /// An empty index.
    pub fn new() -> Self {
        Self::default()
    }

    /// Files `identity` under `key`, replacing what `key` held before.
    pub fn insert(&mut self, key: K, identity: &PreparedIdentity) {
        self.remove(&key);
        let keys = stored_keys(identity);
        for k in &keys {
            self.postings.entry(*k).or_default().push(key.clone());
        }
        self.keys_of.insert(key, keys.into_boxed_slice());
    }

    /// Removes `key`; returns whether it was present.
    pub fn remove(&mut self, key: &K) -> bool {
        let Some(keys) = self.keys_of.remove(key) else {
            return false;
        };
        for k in keys.iter() {
            if let Some(list) = self.postings.get_mut(k) {
                if let Some(i) = list.iter().position(|x| x == key) {
                    list.swap_remove(i);
                }
                if list.is_empty() {
                    self.postings.remove(k);
                }
            }
        }
        true
    }

    /// Number of records filed.
    pub fn len(&self) -> usize {
        self.keys_of.len()
    }

    /// Whether no record is filed.
    pub fn is_empty(&self) -> bool {
        self.keys_of.is_empty()
    }

    /// Number of (key, record) entries: the index's size beside [`len`](Self::len).
    pub fn entries(&self) -> usize {
        self.keys_of.values().map(|k| k.len()).sum()
    }

    /// The records sharing a search key with `query`, each once, in no particular order; keys
    /// held by more than 1,000 records (50 for a pair of names without a date) are skipped.
    pub fn candidates(&self, query: &PreparedIdentity) -> Vec<&K> {
        let mut seen: HashSet<&K> = HashSet::new();
        let mut out = Vec::new();
        for (k, hot) in probe_keys(query) {
            let Some(list) = self.postings.get(&k) else { continue };
            if list.len() > hot {
                continue;
            }
            for candidate in list {
                if seen.insert(candidate) {
                    out.push(candidate);
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{IdentityData, Sex};

    fn prepared(surname: &str, first: &str, dob: &str) -> PreparedIdentity {
        PreparedIdentity::new(&IdentityData::person(surname, first, dob, Sex::F, "FRA").unwrap())
    }

    #[test]
    fn finds_by_any_key_and_forgets_removed_records() {
        let mut index = SearchIndex::new();
        index.insert(1u32, &prepared("MUELLER", "ANNA", "1990-05-07"));
        index.insert(2, &prepared("SCHMIDT", "PETRA", "1971-11-23"));
        index.insert(3, &prepared("MUELLER", "ANNA", "1985-01-30"));
        let found = |index: &SearchIndex<u32>, probe: &PreparedIdentity| {
            let mut found: Vec<u32> = index.candidates(probe).into_iter().copied().collect();
            found.sort_unstable();
            found
        };
        let probe = prepared("MULLER", "ANNA", "1991-05-07");
        // 1 by the names with month and day; 3 by the names alone (a rare pair of names).
        assert_eq!(found(&index, &probe), vec![1, 3]);
        assert!(index.entries() > index.len());
        index.insert(1, &prepared("SCHMIDT", "PETRA", "1971-11-24"));
        assert_eq!(found(&index, &probe), vec![3]);
        // A pair of names held by more than 50 records is no key on its own.
        for k in 10..70 {
            index.insert(k, &prepared("MUELLER", "ANNA", "1985-01-30"));
        }
        assert!(found(&index, &probe).is_empty());
        for k in 10..70 {
            index.remove(&k);
        }
        assert!(index.remove(&1) && index.remove(&2) && index.remove(&3) && !index.remove(&3));
        assert!(index.is_empty() && index.postings.is_empty());
    }
}
