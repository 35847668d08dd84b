//! `jha-interop bench identity`: identity search at scale on names and date of birth: FEBRL 4
//! (4a against 4b) and FEBRL 3 (deduplication) read in place, and a synthetic population in
//! several scripts. Per data set: blocking pairs completeness and candidates per probe through
//! the MID's candidate index, precision / recall / F1 of SAME-or-SIMILAR (DR 2023/333) against
//! the truth, ranked search recall@1 and @10 with [`rank_score`] beside today's ordering by
//! verdict (SAME before SIMILAR) in the same run, comparisons per second per core, and index
//! memory per record.
//!
//! [`rank_score`]: jha_interop::matching::identity::rank::rank_score

mod febrl;
mod fit;
mod measure;
mod record;

use std::path::PathBuf;

use jha_interop::matching::identity::rank::RankWeights;
use jha_interop::synthetic::Rng;
use jha_interop::synthetic::identity::{IdentityGenerator, VariationKind};

use measure::{DataSet, Figures, measure};
use record::Record;

/// What to measure.
#[derive(Debug, Clone)]
pub struct Options {
    /// Folder holding dataset3.csv, dataset4a.csv and dataset4b.csv.
    pub data: PathBuf,
    /// Persons in the synthetic population (0 skips it).
    pub records: usize,
    /// Probes of the synthetic population (variants of random persons).
    pub probes: usize,
    /// Seed of the synthetic population.
    pub seed: u64,
    /// Fit the ranked search weights on the synthetic truth, print them and measure with them.
    pub fit: bool,
}

/// Runs the benchmark, printing the report on stdout and progress on stderr.
pub fn run(options: &Options) -> Result<(), String> {
    let (three, counts_3) = febrl::load(&options.data.join("dataset3.csv"))?;
    let weights = if options.fit {
        eprintln!("bench identity: fitting rank weights on the synthetic truth…");
        // FEBRL3 (the tuning set; FEBRL4 is held out) gives how often strangers' names agree.
        let fitted = fit::fit(options.seed, Some(&three));
        println!(
            "rank weights fitted on the synthetic generator (seed {}; names' u on FEBRL3's unrelated pairs), measured below: {fitted:?}",
            options.seed
        );
        fitted
    } else if let Ok(text) = std::env::var("JHA_RANK_WEIGHTS") {
        weights_from(&text)?
    } else {
        RankWeights::default()
    };
    let hold_out = std::env::var("JHA_IDENTITY_HOLD_OUT").is_ok_and(|v| v == "FEBRL4");
    println!("identity search — names and date of birth; rank weights: {weights:?}");
    println!(
        "weights fitted on the synthetic generator, names' chance agreement (u) on FEBRL3; FEBRL3's misses were the only ones inspected, FEBRL4 is held out"
    );
    println!(
        "term-frequency adjustment of an equal name (gallery's own name counts): {}",
        measure::rarity_scale().map_or_else(|| "off".to_string(), |r| format!("{r:?}"))
    );
    println!("recall@k: share of probes with a true match whose first k items hold one");
    println!();
    let (a, counts_a) = febrl::load(&options.data.join("dataset4a.csv"))?;
    let (b, counts_b) = febrl::load(&options.data.join("dataset4b.csv"))?;
    for (name, c) in [("dataset4a", counts_a), ("dataset4b", counts_b), ("dataset3", counts_3)] {
        println!(
            "{name}: {} records; dates of birth impossible or malformed (left blank, counted): {}; blank: {}; blank names: {}",
            c.records, c.bad_dates, c.blank_dates, c.blank_names
        );
    }
    if hold_out {
        println!("FEBRL4 held out (JHA_IDENTITY_HOLD_OUT=FEBRL4): not measured");
    } else {
        let febrl4 =
            measure(&DataSet { gallery: &a, probes: &b, dedup: false }, &weights, usize::MAX, "FEBRL4");
        report("FEBRL4 link (4b probes against 4a)", &febrl4);
    }
    let febrl3 =
        measure(&DataSet { gallery: &three, probes: &three, dedup: true }, &weights, usize::MAX, "FEBRL3");
    report("FEBRL3 dedup (every record a probe)", &febrl3);
    // FEBRL3 read as a link, like FEBRL4: each duplicate searched among the originals only, so
    // that every probe has one true match (in the dedup reading, any of a person's several
    // records in the first ten counts), on the tuning set.
    let (originals, duplicates) = febrl3_link(&three);
    let febrl3_link = measure(
        &DataSet { gallery: &originals, probes: &duplicates, dedup: false },
        &weights,
        usize::MAX,
        "FEBRL3-link",
    );
    report("FEBRL3 link (duplicates against the originals; tuning set)", &febrl3_link);
    if options.records > 0 {
        eprintln!("bench identity: generating {} synthetic persons…", options.records);
        let (gallery, probes) = synthetic(options.records, options.probes.max(1), options.seed ^ 0x5CA1E);
        let figures = measure(
            &DataSet { gallery: &gallery, probes: &probes, dedup: false },
            &weights,
            200,
            "synthetic",
        );
        report(
            &format!(
                "synthetic: {} persons, {} variant probes (ranked: 200 of them)",
                gallery.len(),
                probes.len()
            ),
            &figures,
        );
    }
    Ok(())
}

/// Weights given as 16 numbers separated by commas (surname 5, first names 5, date of birth
/// 6, in level order; sex and nationality keep the defaults), for trying weights on FEBRL3 and
/// the synthetic population with FEBRL4 held out (`JHA_RANK_WEIGHTS`,
/// `JHA_IDENTITY_HOLD_OUT=FEBRL4`) before fixing them in [`RankWeights::default`].
fn weights_from(text: &str) -> Result<RankWeights, String> {
    let numbers: Vec<f32> = text
        .split(',')
        .map(|n| n.trim().parse::<f32>().map_err(|e| format!("JHA_RANK_WEIGHTS: {n:?}: {e}")))
        .collect::<Result<_, _>>()?;
    let [s @ .., f0, f1, f2, f3, f4, d0, d1, d2, d3, d4, d5] = numbers.as_slice() else {
        return Err(format!("JHA_RANK_WEIGHTS: 16 numbers expected, {} given", numbers.len()));
    };
    let surname: [f32; 5] = s
        .try_into()
        .map_err(|_| format!("JHA_RANK_WEIGHTS: 16 numbers expected, {} given", numbers.len()))?;
    Ok(RankWeights {
        surname,
        first_names: [*f0, *f1, *f2, *f3, *f4],
        date_of_birth: [*d0, *d1, *d2, *d3, *d4, *d5],
        ..RankWeights::default()
    })
}

/// `persons` synthetic persons (several scripts), and `probes` variants of random ones, every
/// kind of variation equally likely.
fn synthetic(persons: usize, probes: usize, seed: u64) -> (Vec<Record>, Vec<Record>) {
    let mut generator = IdentityGenerator::new(seed);
    let mut rng = Rng::new(seed).fork(1);
    let mut gallery = Vec::with_capacity(persons);
    let mut chosen: Vec<(u64, usize)> = (0..probes).map(|k| (rng.below(persons as u64), k)).collect();
    chosen.sort_unstable();
    let mut next = 0;
    let mut out = Vec::with_capacity(probes);
    for id in 0..persons as u64 {
        let person = generator.person();
        while next < chosen.len() && chosen[next].0 == id {
            let kind = *rng.pick(&VariationKind::ALL);
            let identity =
                generator.variant(&person, kind).map_or_else(|| person.identity.clone(), |v| v.identity);
            out.push(Record { entity: id, identity, original: false });
            next += 1;
        }
        gallery.push(Record { entity: id, identity: person.identity, original: true });
        if (id + 1) % 200_000 == 0 {
            eprintln!("bench identity: {} / {persons}", id + 1);
        }
    }
    (gallery, out)
}

/// FEBRL3's originals (the gallery) and duplicates (the probes), copied.
fn febrl3_link(records: &[Record]) -> (Vec<Record>, Vec<Record>) {
    let copy = |r: &Record| Record { entity: r.entity, identity: r.identity.clone(), original: r.original };
    let originals = records.iter().filter(|r| r.original).map(copy).collect();
    let duplicates = records.iter().filter(|r| !r.original).map(copy).collect();
    (originals, duplicates)
}

/// "met" or "MISSED" beside a figure.
fn verdict(met: bool) -> &'static str {
    if met { "met" } else { "MISSED" }
}

fn report(name: &str, f: &Figures) {
    let precision = f.true_positives as f64 / f.predicted.max(1) as f64;
    let recall = f.true_positives as f64 / f.true_pairs.max(1) as f64;
    let f1 = 2.0 * precision * recall / (precision + recall).max(f64::MIN_POSITIVE);
    let share = |k: usize| k as f64 / f.probes_with_match.max(1) as f64;
    let s = &f.search;
    let search_share = |k: usize| k as f64 / s.probes_with_match.max(1) as f64;
    let completeness = s.pairs_found as f64 / f.true_pairs.max(1) as f64;
    let rate = f.comparisons_per_core_second / 1e6;
    println!("{name}  ({:.1} s)", f.seconds);
    println!(
        "  MID candidate index (date of birth, sex; a superset of SAME/SIMILAR): pairs completeness {:.4} ({} of {} true pairs); candidates per probe mean {:.1}, p99 {}, max {}; memory per record {:.0} B (resident growth)",
        f.pairs_found as f64 / f.true_pairs.max(1) as f64,
        f.pairs_found,
        f.true_pairs,
        f.candidates_mean,
        f.candidates_p99,
        f.candidates_max,
        f.index_bytes_per_record
    );
    println!(
        "  SAME-or-SIMILAR on those candidates: precision {precision:.4} recall {recall:.4} F1 {f1:.4} ({} predicted, {} true)",
        f.predicted, f.true_positives
    );
    println!(
        "  search keys (name codes and date parts): pairs completeness {completeness:.4} ({} of {}) [target >= 0.99: {}]; candidates per probe mean {:.1}, p99 {} [target <= 200: {}], max {}; {:.1} keys and {:.0} B per record (resident growth); {:.0} us per probe and core (lookup and rank)",
        s.pairs_found,
        f.true_pairs,
        verdict(completeness >= 0.99),
        s.candidates_mean,
        s.candidates_p99,
        verdict(s.candidates_p99 <= 200),
        s.candidates_max,
        s.entries_per_record,
        s.bytes_per_record,
        s.microseconds_per_probe
    );
    println!(
        "  ranked search over the whole gallery, {} probes: rank score recall@1 {:.4} recall@10 {:.4} [target >= 0.99: {}]; by verdict recall@10 {:.4} (ratio {:.2})",
        f.probes_with_match,
        share(f.rank_at_1),
        share(f.rank_at_10),
        verdict(share(f.rank_at_10) >= 0.99),
        share(f.verdict_at_10),
        share(f.rank_at_10) / share(f.verdict_at_10).max(f64::MIN_POSITIVE)
    );
    println!(
        "  ranked search through the search keys, {} probes: recall@1 {:.4} recall@10 {:.4} [target >= 0.99: {}]",
        s.probes_with_match,
        search_share(s.rank_at_1),
        search_share(s.rank_at_10),
        verdict(search_share(s.rank_at_10) >= 0.99)
    );
    println!("  rank comparisons per second per core {rate:.2} M [target >= 5: {}]", verdict(rate >= 5.0));
}
