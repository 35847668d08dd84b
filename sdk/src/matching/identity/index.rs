//! Blocking for multiple-identity detection: which stored records can be SAME or SIMILAR to a
//! new one, without comparing it with the whole repository.

use std::collections::{HashMap, HashSet};
use std::hash::Hash;

use super::calendars::CalendarConversion;
use super::dates::{is_day_month_swap, written_form};
use crate::model::{IdentityData, PartialDate, Sex};

/// An inverted index over dates of birth and sex that returns, for a probe, a superset of the
/// stored records whose comparison with it can be SAME or SIMILAR.
///
/// Why that is sound: SAME and SIMILAR both need an equal sex (SIM-01, SIM-07) and a date of
/// birth that is equal or similar (any-to-any, aliases included). Each record is filed, per
/// recorded sex and date, under
/// - the eight keys of its written date `YYYYMMDD` (`00` for unknown parts) with one position
///   masked: two dates within one character (or equal) share at least one of them;
/// - one masked key of each Gregorian date it stands for when read in a calendar of
///   [`CalendarConversion::ALL`] (POLICY SIM-P6), tolerance included;
/// - its year, its year and month, and, for a partial date, a "partial" key.
///
/// A probe looks up its own eight masked keys, one masked key of its day/month swap, one of
/// each of its calendar readings, and the keys of dates whose known parts agree: a complete
/// date looks for partial dates of its year and of its month; a date with a known month looks
/// for every date of that month and for year-only dates; a year-only date looks for every date
/// of that year. A partial date is similar only by one character (POLICY SIM-P4), which the
/// masked keys already find; the agreement keys serve searches that give a partial date of
/// birth, whose candidates are every date it may stand for. When either date of a pair, read in
/// a calendar, converts to the other, the one read files (or looks up) the other's key. Every
/// calendar is indexed whatever a policy declares, which keeps a superset. Records without a
/// sex or a date of birth are kept (they can be removed) but never returned: no comparison
/// with them can be SAME or SIMILAR.
///
/// Names and nationalities are not used, so the guarantee does not depend on the
/// transliteration tables; the property test `candidate_index_returns_every_match` checks it
/// against brute-force comparison.
///
/// Layout: a record gets a slot number when filed, and the index keeps `(key, slot)` entries,
/// a dozen per record. Entries live in a sorted run (two parallel arrays, 12 bytes an entry,
/// looked up by binary search) and, since the last merge, in a small hash map; the map is merged
/// into the run when it holds an eighth of the run's entries, so the run is rewritten a few
/// times per doubling of the index. A removed record only frees its slot: its entries are
/// skipped by look-ups and dropped at the next merge, which also renumbers the slots. At a
/// million records a hash map with an entry per key took about 1 KB per record; the run takes
/// about 200 bytes.
#[derive(Debug, Clone)]
pub struct CandidateIndex<K> {
    /// The record of each slot; `None` once removed.
    slots: Vec<Option<K>>,
    slot_of: HashMap<K, u32>,
    /// The merged entries, sorted by key then slot: keys and slots in parallel.
    merged_keys: Vec<u64>,
    merged_slots: Vec<u32>,
    /// Entries filed since the last merge.
    recent: HashMap<u64, Posting>,
    recent_entries: usize,
    /// Slots freed since the last merge.
    freed: usize,
}

/// The slots filed under one key since the last merge. Most keys (a date with one digit masked,
/// with a sex) hold a single record, so that one is kept inline.
#[derive(Debug, Clone)]
enum Posting {
    One(u32),
    Many(Vec<u32>),
}

impl Posting {
    fn slots(&self) -> &[u32] {
        match self {
            Posting::One(slot) => std::slice::from_ref(slot),
            Posting::Many(list) => list,
        }
    }

    fn push(&mut self, slot: u32) {
        match self {
            Posting::One(first) => *self = Posting::Many(vec![*first, slot]),
            Posting::Many(list) => list.push(slot),
        }
    }
}

/// Entries filed since the last merge above which they are merged, whatever the run's size.
const MERGE_AT_LEAST: usize = 4096;

impl<K> Default for CandidateIndex<K> {
    fn default() -> Self {
        CandidateIndex {
            slots: Vec::new(),
            slot_of: HashMap::new(),
            merged_keys: Vec::new(),
            merged_slots: Vec::new(),
            recent: HashMap::new(),
            recent_entries: 0,
            freed: 0,
        }
    }
}

const KIND_MASK: u64 = 1;
const KIND_YEAR: u64 = 2;
const KIND_YEAR_MONTH: u64 = 3;
const KIND_PARTIAL_YEAR: u64 = 4;
const KIND_PARTIAL_YEAR_MONTH: u64 = 5;

/// `None` files a record without any sex, for searches that do not give one
/// ([`CandidateIndex::candidates_any_sex`]); MID probes never look those keys up.
fn sex_code(sex: Option<Sex>) -> u64 {
    match sex {
        Some(Sex::M) => 0,
        Some(Sex::F) => 1,
        Some(Sex::X) => 2,
        None => 3,
    }
}

fn key(kind: u64, sex: Option<Sex>, payload: u64) -> u64 {
    (kind << 60) | (sex_code(sex) << 56) | (payload & ((1 << 56) - 1))
}

fn masked(sex: Option<Sex>, written: &[u8; 8], position: usize) -> u64 {
    let mut digits = 0u64;
    for (i, d) in written.iter().enumerate() {
        let nibble = if i == position { 0xF } else { u64::from(d - b'0') };
        digits = (digits << 4) | nibble;
    }
    key(KIND_MASK, sex, ((position as u64) << 32) | digits)
}

fn year_month(year: u16, month: u8) -> u64 {
    (u64::from(year) << 4) | u64::from(month)
}

/// One masked key of each date `date` converts to when read in a calendar.
fn calendar_keys(sex: Option<Sex>, date: PartialDate, out: &mut Vec<u64>) {
    for calendar in CalendarConversion::ALL {
        out.extend(calendar.readings(date).into_iter().map(|r| masked(sex, &written_form(r), 0)));
    }
}

fn stored_keys(sex: Option<Sex>, date: PartialDate, out: &mut Vec<u64>) {
    let written = written_form(date);
    out.extend((0..8).map(|p| masked(sex, &written, p)));
    calendar_keys(sex, date, out);
    out.push(key(KIND_YEAR, sex, u64::from(date.year())));
    if let Some(month) = date.month() {
        out.push(key(KIND_YEAR_MONTH, sex, year_month(date.year(), month)));
    }
    match (date.month(), date.is_complete()) {
        (None, _) => out.push(key(KIND_PARTIAL_YEAR, sex, u64::from(date.year()))),
        (Some(month), false) => out.push(key(KIND_PARTIAL_YEAR_MONTH, sex, year_month(date.year(), month))),
        (Some(_), true) => {}
    }
}

fn probe_keys(sex: Option<Sex>, date: PartialDate, out: &mut Vec<u64>) {
    let written = written_form(date);
    out.extend((0..8).map(|p| masked(sex, &written, p)));
    calendar_keys(sex, date, out);
    let year = date.year();
    match (date.month(), date.day()) {
        (Some(month), Some(day)) => {
            if let Ok(swapped) = PartialDate::new(year, Some(day), Some(month))
                && is_day_month_swap(date, swapped)
            {
                out.push(masked(sex, &written_form(swapped), 0));
            }
            out.push(key(KIND_PARTIAL_YEAR, sex, u64::from(year)));
            out.push(key(KIND_PARTIAL_YEAR_MONTH, sex, year_month(year, month)));
        }
        (Some(month), None) => {
            out.push(key(KIND_YEAR_MONTH, sex, year_month(year, month)));
            out.push(key(KIND_PARTIAL_YEAR, sex, u64::from(year)));
        }
        _ => out.push(key(KIND_YEAR, sex, u64::from(year))),
    }
}

fn keys_for(identity: &IdentityData, per_date: fn(Option<Sex>, PartialDate, &mut Vec<u64>)) -> Vec<u64> {
    let sexes: HashSet<Option<Sex>> = identity.sexes().into_iter().map(|(_, s)| Some(s)).collect();
    keys_with_sexes(identity, &sexes, per_date)
}

fn keys_with_sexes(
    identity: &IdentityData,
    sexes: &HashSet<Option<Sex>>,
    per_date: fn(Option<Sex>, PartialDate, &mut Vec<u64>),
) -> Vec<u64> {
    let dates: HashSet<PartialDate> = identity.dates_of_birth().into_iter().map(|(_, d)| d).collect();
    let mut out = Vec::new();
    for sex in sexes {
        for date in &dates {
            per_date(*sex, *date, &mut out);
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

impl<K: Eq + Hash + Clone> CandidateIndex<K> {
    /// An empty index.
    pub fn new() -> Self {
        Self::default()
    }

    /// Files `identity` under `key`, replacing what `key` held before.
    pub fn insert(&mut self, key: K, identity: &IdentityData) {
        self.remove(&key);
        let mut keys = keys_for(identity, stored_keys);
        if identity.sexes().is_empty() {
            keys = keys_with_sexes(identity, &HashSet::from([None]), stored_keys);
        }
        // Merges renumber the slots and the freed ones are merged away once they are an eighth
        // of the slots, so slot numbers stay below twice the records filed.
        let slot = u32::try_from(self.slots.len()).expect("fewer than 2^32 slots");
        self.slots.push(Some(key.clone()));
        self.slot_of.insert(key, slot);
        for k in &keys {
            match self.recent.entry(*k) {
                std::collections::hash_map::Entry::Occupied(mut posting) => posting.get_mut().push(slot),
                std::collections::hash_map::Entry::Vacant(entry) => {
                    entry.insert(Posting::One(slot));
                }
            }
        }
        self.recent_entries += keys.len();
        if self.recent_entries >= MERGE_AT_LEAST.max(self.merged_keys.len() / 8) {
            self.merge();
        }
    }

    /// Removes `key`; returns whether it was present.
    pub fn remove(&mut self, key: &K) -> bool {
        let Some(slot) = self.slot_of.remove(key) else {
            return false;
        };
        self.slots[slot as usize] = None;
        self.freed += 1;
        if self.freed >= MERGE_AT_LEAST.max(self.slot_of.len() / 8) {
            self.merge();
        }
        true
    }

    /// Merges the recent entries into the sorted run, dropping the entries of removed records
    /// and renumbering the slots.
    fn merge(&mut self) {
        let mut renumbered = vec![u32::MAX; self.slots.len()];
        let mut slots = Vec::with_capacity(self.slot_of.len());
        for (old, record) in std::mem::take(&mut self.slots).into_iter().enumerate() {
            if let Some(record) = record {
                renumbered[old] = slots.len() as u32;
                slots.push(Some(record));
            }
        }
        for slot in self.slot_of.values_mut() {
            *slot = renumbered[*slot as usize];
        }
        self.slots = slots;
        let live = |&(key, slot): &(u64, u32)| {
            let slot = renumbered[slot as usize];
            (slot != u32::MAX).then_some((key, slot))
        };
        let mut recent: Vec<(u64, u32)> = Vec::with_capacity(self.recent_entries);
        for (key, posting) in std::mem::take(&mut self.recent) {
            recent.extend(posting.slots().iter().filter_map(|&slot| live(&(key, slot))));
        }
        recent.sort_unstable();
        let merged = self.merged_keys.iter().copied().zip(self.merged_slots.iter().copied());
        let mut older = merged.filter_map(|entry| live(&entry)).peekable();
        let mut newer = recent.into_iter().peekable();
        let capacity = self.merged_keys.len() + self.recent_entries;
        let (mut keys, mut slots) = (Vec::with_capacity(capacity), Vec::with_capacity(capacity));
        loop {
            let next = match (older.peek(), newer.peek()) {
                (Some(a), Some(b)) if a <= b => older.next(),
                (Some(_), Some(_)) | (None, Some(_)) => newer.next(),
                (Some(_), None) => older.next(),
                (None, None) => None,
            };
            let Some((key, slot)) = next else { break };
            keys.push(key);
            slots.push(slot);
        }
        keys.shrink_to_fit();
        slots.shrink_to_fit();
        self.merged_keys = keys;
        self.merged_slots = slots;
        self.recent_entries = 0;
        self.freed = 0;
    }

    /// Whether `key` is filed.
    pub fn contains(&self, key: &K) -> bool {
        self.slot_of.contains_key(key)
    }

    /// Number of records filed.
    pub fn len(&self) -> usize {
        self.slot_of.len()
    }

    /// Whether no record is filed.
    pub fn is_empty(&self) -> bool {
        self.slot_of.is_empty()
    }

    /// Every filed record whose comparison with `probe` could be SAME or SIMILAR (and others
    /// that share a blocking key), each once, in no particular order.
    pub fn candidates(&self, probe: &IdentityData) -> Vec<&K> {
        self.look_up(keys_for(probe, probe_keys))
    }

    /// Every filed record whose date of birth can be equal or similar to one of `probe`'s,
    /// whatever its sex or the probe's, records without a sex included: the candidates of a
    /// search that gives a date of birth (an ESP query may give no sex, or another one).
    /// Empty when `probe` has no date of birth.
    pub fn candidates_any_sex(&self, probe: &IdentityData) -> Vec<&K> {
        let all = HashSet::from([Some(Sex::M), Some(Sex::F), Some(Sex::X), None]);
        self.look_up(keys_with_sexes(probe, &all, probe_keys))
    }

    fn look_up(&self, keys: Vec<u64>) -> Vec<&K> {
        let mut found: Vec<u32> = Vec::new();
        for k in keys {
            let start = self.merged_keys.partition_point(|&x| x < k);
            let end = start + self.merged_keys[start..].partition_point(|&x| x == k);
            found.extend_from_slice(&self.merged_slots[start..end]);
            if let Some(posting) = self.recent.get(&k) {
                found.extend_from_slice(posting.slots());
            }
        }
        found.sort_unstable();
        found.dedup();
        found.into_iter().filter_map(|slot| self.slots.get(slot as usize)?.as_ref()).collect()
    }

    /// Entries kept, those of removed records not yet merged away included.
    #[cfg(test)]
    fn entries(&self) -> usize {
        self.merged_keys.len() + self.recent_entries
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::IdentityData;

    fn person(dob: &str, sex: Sex) -> IdentityData {
        IdentityData::person("DOE", "JANE", dob, sex, "FRA").unwrap()
    }

    fn found(index: &CandidateIndex<u32>, probe: &IdentityData) -> Vec<u32> {
        let mut keys: Vec<u32> = index.candidates(probe).into_iter().copied().collect();
        keys.sort_unstable();
        keys
    }

    #[test]
    fn blocks_on_date_rules_and_sex() {
        let mut index = CandidateIndex::new();
        index.insert(1, &person("1990-05-07", Sex::F));
        index.insert(2, &person("1990-07-05", Sex::F)); // swap
        index.insert(3, &person("1990-05-08", Sex::F)); // one digit
        index.insert(4, &person("1990-00-00", Sex::F)); // partial, same year
        index.insert(5, &person("1990-05-00", Sex::F)); // partial, same month
        index.insert(6, &person("1990-05-07", Sex::M)); // other sex
        index.insert(7, &person("1972-11-23", Sex::F)); // unrelated
        index.insert(8, &person("1990-06-00", Sex::F)); // partial, other month
        index.insert(9, &person("1982-08-29", Sex::F)); // Ethiopian for 1990-05-07
        index.insert(10, &person("2533-05-07", Sex::F)); // Thai for 1990-05-07
        assert_eq!(found(&index, &person("1990-05-07", Sex::F)), vec![1, 2, 3, 4, 5, 9, 10]);
        assert_eq!(found(&index, &person("1982-08-29", Sex::F)), vec![1, 9, 10]);
        assert_eq!(found(&index, &person("1990-00-00", Sex::F)), vec![1, 2, 3, 4, 5, 8]);
        // The Lunar Hijri reading files a day either side: 1 Muharram 2000 AH and its neighbours.
        let mut hijri = CandidateIndex::new();
        hijri.insert(1, &person("2000-01-01", Sex::F));
        for reading in CalendarConversion::LunarHijri.readings("2000-01-01".parse().unwrap()) {
            assert_eq!(found(&hijri, &person(&reading.to_string(), Sex::F)), vec![1], "{reading}");
        }
        assert_eq!(found(&index, &person("1990-05-00", Sex::F)), vec![1, 3, 4, 5, 8]);
    }

    #[test]
    fn remove_and_replace() {
        let mut index = CandidateIndex::new();
        index.insert(1, &person("1990-05-07", Sex::F));
        index.insert(1, &person("1972-11-23", Sex::F));
        assert_eq!(index.len(), 1);
        assert!(found(&index, &person("1990-05-07", Sex::F)).is_empty());
        assert!(index.remove(&1));
        assert!(!index.remove(&1));
        assert!(index.is_empty() && !index.contains(&1));
        index.merge();
        assert_eq!(index.entries(), 0);
    }

    #[test]
    fn keys_shared_by_several_records_shrink_back_when_they_leave() {
        let mut index = CandidateIndex::new();
        for k in [1, 2, 3] {
            index.insert(k, &person("1990-05-07", Sex::F));
        }
        let probe = person("1990-05-07", Sex::F);
        assert_eq!(found(&index, &probe), vec![1, 2, 3]);
        assert!(index.remove(&2));
        assert_eq!(found(&index, &probe), vec![1, 3]);
        assert!(index.remove(&1));
        assert_eq!(found(&index, &probe), vec![3]);
        let one_record = index.entries() / 3;
        index.merge();
        assert_eq!(index.entries(), one_record);
        assert_eq!(found(&index, &probe), vec![3]);
        assert!(index.remove(&3));
        index.merge();
        assert_eq!(index.entries(), 0);
    }

    /// Records filed, replaced and removed across many merges are found exactly as a model
    /// that keeps each record's keys finds them: merged and recent entries are both searched,
    /// and a removed or replaced record's old entries are never returned.
    #[test]
    fn merges_keep_exactly_the_filed_records() {
        let date = |n: u32| format!("19{:02}-{:02}-{:02}", 50 + n % 40, 1 + n % 12, 1 + n % 28);
        let mut index = CandidateIndex::new();
        let mut model: HashMap<u32, Vec<u64>> = HashMap::new();
        let file = |index: &mut CandidateIndex<u32>, model: &mut HashMap<u32, Vec<u64>>, k: u32, d: u32| {
            let identity = person(&date(d), Sex::F);
            index.insert(k, &identity);
            model.insert(k, keys_for(&identity, stored_keys));
        };
        for k in 0..3000 {
            file(&mut index, &mut model, k, k * 7);
        }
        for k in (0..3000).step_by(3) {
            assert!(index.remove(&k));
            model.remove(&k);
        }
        for k in (1..3000).step_by(5) {
            file(&mut index, &mut model, k, k * 11);
        }
        assert!(index.merged_keys.len() > MERGE_AT_LEAST, "the test crossed no merge");
        assert!(index.recent_entries > 0, "the test left no recent entries");
        assert_eq!(index.len(), model.len());
        for d in (0..600).step_by(7) {
            let probe = person(&date(d), Sex::F);
            let wanted = keys_for(&probe, probe_keys);
            let mut expected: Vec<u32> = model
                .iter()
                .filter(|(_, keys)| keys.iter().any(|k| wanted.contains(k)))
                .map(|(k, _)| *k)
                .collect();
            expected.sort_unstable();
            assert_eq!(found(&index, &probe), expected, "probe {}", date(d));
        }
    }

    #[test]
    fn records_without_sex_or_date_are_never_candidates() {
        let mut index = CandidateIndex::new();
        let mut no_sex = person("1990-05-07", Sex::F);
        no_sex.sex = None;
        index.insert(1, &no_sex);
        let mut no_date = person("1990-05-07", Sex::F);
        no_date.date_of_birth = None;
        index.insert(2, &no_date);
        assert_eq!(index.len(), 2);
        assert!(found(&index, &person("1990-05-07", Sex::F)).is_empty());
        // A search by date of birth alone finds the record without a sex, and any sex.
        index.insert(3, &person("1990-05-08", Sex::M));
        let mut probe = person("1990-05-07", Sex::F);
        probe.sex = None;
        let mut any: Vec<u32> = index.candidates_any_sex(&probe).into_iter().copied().collect();
        any.sort_unstable();
        assert_eq!(any, vec![1, 3]);
        assert!(index.remove(&1) && index.remove(&3) && index.remove(&2));
        index.merge();
        assert_eq!(index.entries(), 0);
    }

    mod guarantee {
        use proptest::prelude::*;

        use super::super::CandidateIndex;
        use crate::matching::identity::{
            PreparedIdentity, SimilarityPolicy, compare_prepared, may_match_prepared,
        };
        use crate::model::{AliasIdentity, AliasStatus, IdentityData, IdentityVerdict, PartialDate, Sex};
        use crate::synthetic::Rng;
        use crate::synthetic::identity::{IdentityGenerator, VariationKind};

        /// The date that, read in the Ethiopian calendar, is the complete date `date`.
        fn ethiopian_writing(date: PartialDate) -> Option<PartialDate> {
            let calendar = crate::matching::identity::CalendarConversion::Ethiopian;
            let year = date.year().checked_sub(8)?;
            (year..year + 2)
                .flat_map(|y| (1..=12).flat_map(move |m| (1..=30).map(move |d| (y, m, d))))
                .filter_map(|(y, m, d)| PartialDate::new(y, Some(m), Some(d)).ok())
                .find(|written| date.is_complete() && calendar.readings(*written).contains(&date))
        }

        /// A date near `date` under one of the relations the date rules know, or unrelated.
        fn perturbed(rng: &mut Rng, date: PartialDate) -> PartialDate {
            let (y, m, d) = (date.year(), date.month().unwrap_or(1), date.day().unwrap_or(1));
            let candidates = [
                PartialDate::new(y, Some(m), Some(d)),
                PartialDate::new(y, Some(d), Some(m)),
                PartialDate::new(y, None, None),
                PartialDate::new(y, Some(m), None),
                PartialDate::new(y, Some(1 + (m + rng.below(2) as u8) % 12), None),
                PartialDate::new(y + rng.below(3) as u16, Some(m), Some(d)),
                PartialDate::new(y - 10 * rng.below(2) as u16, Some(m), Some(d)),
                PartialDate::new(y, Some(m), Some(1 + rng.below(28) as u8)),
                PartialDate::new(y, Some(1 + rng.below(12) as u8), Some(d.min(28))),
                PartialDate::new(1940 + rng.below(60) as u16, Some(m), Some(d.min(28))),
                PartialDate::new(y + 543, Some(m), Some(d)),
                ethiopian_writing(date).ok_or(()).or_else(|()| PartialDate::new(y, Some(m), Some(d))),
            ];
            candidates[rng.below(candidates.len() as u64) as usize].clone().unwrap_or(date)
        }

        /// Few base persons with many records each, so that most pairs have similar names and
        /// the verdict turns on dates, sexes and aliases: the blocking keys' job.
        fn population(seed: u64) -> Vec<IdentityData> {
            let mut generator = IdentityGenerator::new(seed);
            let mut rng = Rng::new(seed ^ 0x5EED);
            let name_kinds = [
                VariationKind::Identical,
                VariationKind::IcaoLatin,
                VariationKind::OtherRomanisation,
                VariationKind::SingleTypo,
                VariationKind::Truncation,
                VariationKind::NameOrderSwap,
            ];
            let mut out = Vec::new();
            for _ in 0..10 {
                let person = generator.person();
                for _ in 0..12 {
                    let kind = *rng.pick(&name_kinds);
                    let mut record = match generator.variant(&person, kind) {
                        Some(v) => v.identity,
                        None => person.identity.clone(),
                    };
                    if let Some(date) = record.date_of_birth {
                        record.date_of_birth = Some(perturbed(&mut rng, date));
                    }
                    if rng.chance(0.1) {
                        record.sex = Some(*rng.pick(&[Sex::M, Sex::F, Sex::X]));
                    }
                    if rng.chance(0.05) {
                        record.date_of_birth = None;
                    }
                    if rng.chance(0.2) {
                        let date = person.identity.date_of_birth.map(|d| perturbed(&mut rng, d));
                        record.aliases.push(AliasIdentity {
                            status: AliasStatus::Alias,
                            surname: None,
                            first_names: None,
                            date_of_birth: date,
                            sex: rng.chance(0.5).then(|| *rng.pick(&[Sex::M, Sex::F, Sex::X])),
                            nationalities: Vec::new(),
                        });
                    }
                    out.push(record);
                }
            }
            out
        }

        proptest! {
            #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

            /// Every stored record whose comparison with the probe is SAME or SIMILAR is a
            /// candidate (brute force over the whole population), and blocking does prune.
            #[test]
            fn candidate_index_returns_every_match(seed in any::<u64>()) {
                let records = population(seed);
                let prepared: Vec<PreparedIdentity> = records.iter().map(PreparedIdentity::new).collect();
                let mut index = CandidateIndex::new();
                for (i, record) in records.iter().enumerate() {
                    index.insert(i, record);
                }
                let policy = SimilarityPolicy::default();
                let (mut matches, mut candidates) = (0usize, 0usize);
                for (p, probe) in records.iter().enumerate() {
                    let found: std::collections::HashSet<usize> = index.candidates(probe).into_iter().copied().collect();
                    candidates += found.len();
                    for (i, stored) in prepared.iter().enumerate() {
                        let verdict = compare_prepared(&prepared[p], stored, &policy).verdict;
                        prop_assert_eq!(may_match_prepared(&prepared[p], stored, &policy), verdict != IdentityVerdict::Different);
                        if verdict != IdentityVerdict::Different {
                            matches += 1;
                            prop_assert!(found.contains(&i), "record {} is {:?} to probe {} but not a candidate\n{:?}\n{:?}",
                                i, verdict, p, records[i], probe);
                        }
                    }
                }
                prop_assert!(matches > records.len(), "population too easy: {} matches", matches);
                prop_assert!(candidates < records.len() * records.len() / 2, "no pruning: {} candidates", candidates);
            }
        }
    }
}
