//! Pairwise precision and recall of SAME-or-SIMILAR on the FEBRL benchmark data, through the
//! candidate index, on names and date of birth only.
//!
//! ```text
//! cargo run --release -p jha-interop --example identity_febrl
//! ```
//! Reads `shared/data/febrl` in place (or `$JHA_DATA/febrl`). FEBRL has no sex and no
//! nationality: every record is given sex X and nationality AUS, so those two categories are
//! equal for every pair and the verdict turns on names and date of birth alone. Ground truth:
//! records whose `rec_id` share `rec-<n>` are the same person.

use std::collections::HashMap;
use std::path::Path;
use std::time::Instant;

use jha_interop::matching::identity::{CandidateIndex, PreparedIdentity, SimilarityPolicy, compare_prepared};
use jha_interop::model::{
    CategoryVerdict, CountryCode, IdentityCategory, IdentityData, IdentityVerdict, Name, PartialDate, Sex,
};
use jha_interop::testdata::{Dataset, require};

struct Record {
    entity: u32,
    identity: IdentityData,
}

fn parse_date(text: &str) -> Option<PartialDate> {
    if text.len() != 8 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (y, m, d) = (text[..4].parse().ok()?, text[4..6].parse().ok()?, text[6..].parse().ok()?);
    PartialDate::new(y, Some(m), Some(d)).ok()
}

fn load(path: &Path) -> Result<Vec<Record>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let nationality = CountryCode::new("AUS").map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    for line in text.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let fields: Vec<&str> = line.split(',').map(str::trim).collect();
        if fields.len() < 10 {
            return Err(format!("{}: short line {line:?}", path.display()));
        }
        let entity = fields[0]
            .strip_prefix("rec-")
            .and_then(|rest| rest.split('-').next())
            .and_then(|n| n.parse().ok())
            .ok_or_else(|| format!("{}: bad rec_id {:?}", path.display(), fields[0]))?;
        let identity = IdentityData {
            first_names: Name::new(fields[1]).ok(),
            surname: Name::new(fields[2]).ok(),
            date_of_birth: parse_date(fields[9]),
            sex: Some(Sex::X),
            nationalities: vec![nationality],
            ..IdentityData::default()
        };
        out.push(Record { entity, identity });
    }
    Ok(out)
}

#[derive(Default)]
struct Tally {
    candidates: usize,
    true_candidates: usize,
    predicted: usize,
    true_positives: usize,
    same: usize,
    similar: usize,
    missed: HashMap<(CategoryVerdict, CategoryVerdict), usize>,
}

impl Tally {
    fn pair(
        &mut self,
        left: &PreparedIdentity,
        right: &PreparedIdentity,
        truly_same: bool,
        policy: &SimilarityPolicy,
    ) {
        self.candidates += 1;
        self.true_candidates += usize::from(truly_same);
        let result = compare_prepared(left, right, policy);
        let verdict = |c| result.category(c).map(|c| c.verdict).unwrap_or(CategoryVerdict::Missing);
        match result.verdict {
            IdentityVerdict::Different => {
                if truly_same {
                    let key = (verdict(IdentityCategory::Names), verdict(IdentityCategory::DateOfBirth));
                    *self.missed.entry(key).or_default() += 1;
                }
            }
            positive => {
                self.predicted += 1;
                self.true_positives += usize::from(truly_same);
                if positive == IdentityVerdict::Same {
                    self.same += 1;
                } else {
                    self.similar += 1;
                }
            }
        }
    }

    fn report(&self, name: &str, true_pairs: usize, seconds: f64) {
        let precision = self.true_positives as f64 / self.predicted.max(1) as f64;
        let recall = self.true_positives as f64 / true_pairs.max(1) as f64;
        let f1 = 2.0 * precision * recall / (precision + recall).max(f64::MIN_POSITIVE);
        println!(
            "{name}: true pairs {true_pairs}; candidates {} (pairs completeness {:.4}); predicted {} ({} SAME, {} SIMILAR); TP {}",
            self.candidates,
            self.true_candidates as f64 / true_pairs.max(1) as f64,
            self.predicted,
            self.same,
            self.similar,
            self.true_positives
        );
        println!("    P={precision:.4} R={recall:.4} F1={f1:.4}  ({seconds:.2} s incl. preparation)");
        let mut missed: Vec<_> = self.missed.iter().collect();
        missed.sort_by(|a, b| b.1.cmp(a.1));
        let shown: Vec<String> =
            missed.iter().take(5).map(|((n, d), c)| format!("names {n:?}/dob {d:?}: {c}")).collect();
        println!("    missed true pairs by (names, date of birth): {}", shown.join("; "));
    }
}

fn link(folder: &Path, policy: &SimilarityPolicy) -> Result<(), String> {
    let started = Instant::now();
    let originals = load(&folder.join("dataset4a.csv"))?;
    let duplicates = load(&folder.join("dataset4b.csv"))?;
    let prepared: Vec<PreparedIdentity> =
        originals.iter().map(|r| PreparedIdentity::new(&r.identity)).collect();
    let mut index = CandidateIndex::new();
    for (i, record) in originals.iter().enumerate() {
        index.insert(i, &record.identity);
    }
    let mut per_entity: HashMap<u32, usize> = HashMap::new();
    for r in &originals {
        *per_entity.entry(r.entity).or_default() += 1;
    }
    let true_pairs: usize = duplicates.iter().map(|d| per_entity.get(&d.entity).copied().unwrap_or(0)).sum();
    let mut tally = Tally::default();
    for duplicate in &duplicates {
        let probe = PreparedIdentity::new(&duplicate.identity);
        for &i in index.candidates(&duplicate.identity) {
            tally.pair(&probe, &prepared[i], originals[i].entity == duplicate.entity, policy);
        }
    }
    tally.report("FEBRL4 (4a x 4b link)", true_pairs, started.elapsed().as_secs_f64());
    Ok(())
}

fn dedup(folder: &Path, policy: &SimilarityPolicy) -> Result<(), String> {
    let started = Instant::now();
    let records = load(&folder.join("dataset3.csv"))?;
    let prepared: Vec<PreparedIdentity> =
        records.iter().map(|r| PreparedIdentity::new(&r.identity)).collect();
    let mut index = CandidateIndex::new();
    for (i, record) in records.iter().enumerate() {
        index.insert(i, &record.identity);
    }
    let mut per_entity: HashMap<u32, usize> = HashMap::new();
    for r in &records {
        *per_entity.entry(r.entity).or_default() += 1;
    }
    let true_pairs: usize = per_entity.values().map(|&k| k * (k - 1) / 2).sum();
    let mut tally = Tally::default();
    for (p, record) in records.iter().enumerate() {
        for &i in index.candidates(&record.identity) {
            if i > p {
                tally.pair(&prepared[p], &prepared[i], records[i].entity == record.entity, policy);
            }
        }
    }
    tally.report("FEBRL3 (dedup)", true_pairs, started.elapsed().as_secs_f64());
    Ok(())
}

fn main() {
    let Some(data) = require(Dataset::Data, "identity_febrl") else {
        return;
    };
    let folder = data.join("febrl");
    let policy = SimilarityPolicy::default();
    println!(
        "policy {}; names + date of birth only (sex X and nationality AUS on every record)",
        policy.identifier()
    );
    for run in [link, dedup] {
        if let Err(e) = run(&folder, &policy) {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    }
}
