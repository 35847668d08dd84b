//! Measures the identity candidate index on a synthetic population: candidates per query and
//! queries per second, with and without comparing the candidates.
//!
//! ```text
//! cargo run --release -p jha-interop --example identity_index_bench -- [records] [queries]
//! ```
//! Defaults: 100,000 records, 2,000 queries. Not a test: figures depend on the machine.

use std::time::Instant;

use jha_interop::matching::identity::{CandidateIndex, PreparedIdentity, SimilarityPolicy, compare_prepared};
use jha_interop::model::{IdentityData, IdentityVerdict};
use jha_interop::synthetic::Rng;
use jha_interop::synthetic::identity::{IdentityGenerator, VariationKind};

fn main() {
    let mut args = std::env::args().skip(1).map(|a| a.parse::<usize>());
    let records = args.next().and_then(Result::ok).unwrap_or(100_000);
    let queries = args.next().and_then(Result::ok).unwrap_or(2_000);

    let started = Instant::now();
    let mut generator = IdentityGenerator::new(20_261_125);
    let mut rng = Rng::new(7);
    let persons: Vec<_> = (0..records).map(|_| generator.person()).collect();
    let stored: Vec<IdentityData> = persons.iter().map(|p| p.identity.clone()).collect();
    let mut probes = Vec::with_capacity(queries);
    while probes.len() < queries {
        let person = rng.pick(&persons);
        let kind = *rng.pick(&VariationKind::ALL);
        if let Some(variation) = generator.variant(person, kind) {
            probes.push(variation.identity);
        }
    }
    println!("generated {records} records and {queries} probes in {:.2?}", started.elapsed());

    let started = Instant::now();
    let mut index = CandidateIndex::new();
    for (i, record) in stored.iter().enumerate() {
        index.insert(i, record);
    }
    println!(
        "indexed in {:.2?} ({:.0} inserts/s)",
        started.elapsed(),
        records as f64 / started.elapsed().as_secs_f64()
    );

    let started = Instant::now();
    let prepared: Vec<PreparedIdentity> = stored.iter().map(PreparedIdentity::new).collect();
    println!("prepared (harmonised, transliterated) in {:.2?}", started.elapsed());

    let started = Instant::now();
    let mut counts: Vec<usize> = probes.iter().map(|p| index.candidates(p).len()).collect();
    let lookup = started.elapsed();
    counts.sort_unstable();
    let mean = counts.iter().sum::<usize>() as f64 / counts.len() as f64;
    println!(
        "candidates per query: mean {mean:.1}, median {}, p99 {}, max {} ({:.3} % of the repository)",
        counts[counts.len() / 2],
        counts[counts.len() * 99 / 100],
        counts[counts.len() - 1],
        100.0 * mean / records as f64
    );
    println!("lookup only: {:.0} queries/s", queries as f64 / lookup.as_secs_f64());

    let policy = SimilarityPolicy::default();
    let started = Instant::now();
    let (mut same, mut similar, mut compared) = (0usize, 0usize, 0usize);
    for probe in &probes {
        let probe_prepared = PreparedIdentity::new(probe);
        for &i in index.candidates(probe) {
            compared += 1;
            match compare_prepared(&probe_prepared, &prepared[i], &policy).verdict {
                IdentityVerdict::Same => same += 1,
                IdentityVerdict::Similar => similar += 1,
                IdentityVerdict::Different => {}
            }
        }
    }
    let elapsed = started.elapsed();
    println!(
        "lookup + prepare probe + compare every candidate: {:.0} queries/s, {:.0} comparisons/s; {same} SAME, {similar} SIMILAR",
        queries as f64 / elapsed.as_secs_f64(),
        compared as f64 / elapsed.as_secs_f64()
    );
}
