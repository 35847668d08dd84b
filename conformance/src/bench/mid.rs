//! `jha-interop bench mid`: multiple-identity detection at scale. A synthetic population is
//! loaded through the reference's contract (identity, passport, one face and two fingerprints
//! per record; some persons recorded a second time in the other system with a realistic
//! variation of their identity data and new captures), then new records are registered one at a
//! time and each registration's latency, MID detection included, is measured. The links the
//! registrations create are checked against the generator's truth, and a sample is checked
//! against an exhaustive sBMS identification of the same biometrics (the shortlist's recall).

use std::collections::BTreeSet;
use std::time::Instant;

use jha_interop::api::{Connector, Session};
use jha_interop::model::*;
use jha_interop::reference::{Reference, ReferenceConfig};
use jha_interop::synthetic::face::face_sample;
use jha_interop::synthetic::fingerprint::{ImpressionParams, impression};
use jha_interop::synthetic::identity::{IdentityGenerator, SyntheticPerson, VariationKind};

use super::memory::{peak_bytes, resident_bytes};

/// Options of the benchmark.
#[derive(Debug, Clone)]
pub struct Options {
    /// Records loaded before measuring.
    pub records: u64,
    /// Registrations measured.
    pub registrations: u64,
    /// Share of loaded persons recorded twice (once in each system).
    pub duplicates: f64,
    /// Measured registrations whose links are also checked against an exhaustive
    /// identification.
    pub exhaustive_checks: u64,
    /// Seed of the population.
    pub seed: u64,
    /// Records with templates below which detection searches exhaustively (the reference's
    /// `detection_exhaustive_below`).
    pub exhaustive_below: usize,
}

/// The two systems records are written to.
const SYSTEMS: [SourceSystem; 2] = [SourceSystem::Vis, SourceSystem::Ees];

/// A person of the population: the generator's identity and the seeds of its biometrics.
struct Person {
    synthetic: SyntheticPerson,
    id: u64,
}

fn person(seed: u64, id: u64) -> Person {
    let mut generator = IdentityGenerator::new(seed ^ id.wrapping_mul(0x9E37_79B9_7F4A_7C15));
    Person { synthetic: generator.person(), id }
}

/// Capture `capture` of a person's two fingers and face.
fn biometrics(seed: u64, person: u64, capture: u64) -> BiometricData {
    let fingerprints = (0..2u8)
        .filter_map(|i| {
            let position = FingerPosition::new(i + 1).ok()?;
            let template = impression(seed, person * 10 + u64::from(i), capture, &ImpressionParams::MEDIUM);
            Some(FingerprintSample::minutiae(position, template))
        })
        .collect();
    BiometricData { fingerprints, face: Some(face_sample(seed, person, capture)), ..BiometricData::default() }
}

/// The record of `person` in `system` (0 or 1): the first record as generated, the second
/// varied by a kind drawn for it.
fn record(
    seed: u64,
    person: &Person,
    system: usize,
) -> Result<(RecordRef, RecordWrite, Option<VariationKind>), String> {
    let mut identity = person.synthetic.identity.clone();
    let mut kind = None;
    if system == 1 {
        let mut generator = IdentityGenerator::new(seed ^ person.id.rotate_left(17));
        let mut chooser = jha_interop::synthetic::Rng::new(seed ^ person.id);
        for _ in 0..8 {
            let candidate = *chooser.pick(&VariationKind::ALL);
            // A typo that moves the birth into the future would be refused by the data-quality
            // rules (DQ-B-DOB-FUTURE) before detection: such variants are not drawn.
            let plausible = |v: &jha_interop::synthetic::identity::Variation| {
                v.identity.date_of_birth.is_none_or(|d| (1900..=2010).contains(&d.year()))
            };
            if let Some(variation) = generator.variant(&person.synthetic, candidate).filter(plausible) {
                identity = variation.identity;
                kind = Some(candidate);
                break;
            }
        }
    }
    let owner = Organisation::member_state("DEU").map_err(|e| e.to_string())?;
    let mut write = RecordWrite::new(owner, identity);
    write.travel_documents.push(TravelDocument {
        document_type: DocumentType::Passport,
        number: DocumentNumber::new(format!("M{:08}", person.id)).map_err(|e| e.to_string())?,
        issuing_country: CountryCode::new("UKR").map_err(|e| e.to_string())?,
        expiry: Some(Date::new(2032, 3, 31).map_err(|e| e.to_string())?),
    });
    write.biometrics = biometrics(seed, person.id, system as u64);
    let system_code = SYSTEMS[system];
    let id = RecordId::new(format!("{}-P{:08}", system_code.code(), person.id)).map_err(|e| e.to_string())?;
    Ok((RecordRef::new(system_code, id), write, kind))
}

/// The person a record id names.
fn person_of(id: &RecordId) -> Option<u64> {
    id.as_str().rsplit_once("-P").and_then(|(_, n)| n.parse().ok())
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = ((p * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1]
}

fn writer(reference: &Reference) -> Result<Session, String> {
    let mut principal = reference.source_system_principal(SourceSystem::Vis).map_err(|e| e.to_string())?;
    principal.access = SYSTEMS.to_vec();
    Ok(reference.connect(&reference.register_principal(principal)))
}

/// Runs the benchmark.
pub fn run(options: &Options) -> Result<(), String> {
    let runtime =
        tokio::runtime::Builder::new_multi_thread().enable_all().build().map_err(|e| e.to_string())?;
    runtime.block_on(run_async(options))
}

/// The links a measured registration made, against the truth.
#[derive(Default)]
struct LinkTally {
    true_pairs: u64,
    found_true: u64,
    links: u64,
    links_same_person: u64,
    colour_as_law: u64,
    by_colour: [u64; 4],
}

fn colour_index(colour: LinkColour) -> usize {
    match colour {
        LinkColour::White => 0,
        LinkColour::Yellow => 1,
        LinkColour::Green => 2,
        LinkColour::Red => 3,
    }
}

async fn run_async(options: &Options) -> Result<(), String> {
    let seed = options.seed;
    // A stopped clock (June 2026): every record is written on the same day, so retention
    // erases nothing while measuring and the data-quality rules judge dates against it.
    let config = ReferenceConfig {
        start_time: Some(Timestamp::from_unix_millis(1_780_000_000_000)),
        ..ReferenceConfig::default()
    };
    let exhaustive_below = options.exhaustive_below;
    let config = ReferenceConfig { detection_exhaustive_below: exhaustive_below, ..config };
    let face_threshold = config.thresholds.face;
    let reference = Reference::new(config);
    let session = writer(&reference)?;
    let rss_before = resident_bytes().unwrap_or(0);

    // Persons 0.. are loaded; a share of them twice. Person ids of measured registrations
    // start after the loaded ones.
    eprintln!(
        "loading {} records through the contract (MID detection on each; exhaustive below {} records, \
         shortlisted above)",
        options.records, exhaustive_below
    );
    let started = Instant::now();
    let mut loaded = 0u64;
    let mut persons = 0u64;
    let mut twice: Vec<u64> = Vec::new();
    let mut chooser = jha_interop::synthetic::Rng::new(seed ^ 0xD0B1E);
    while loaded < options.records {
        let p = person(seed, persons);
        let systems = if chooser.chance(options.duplicates) && loaded + 2 <= options.records { 2 } else { 1 };
        for system in 0..systems {
            let (reference_of, write, _) = record(seed, &p, system)?;
            let shown = serde_json::to_string(&write.identity).unwrap_or_default();
            session
                .source_systems
                .put_record(&reference_of, write)
                .await
                .map_err(|e| format!("{reference_of} ({shown}): {e}"))?;
            loaded += 1;
            if loaded.is_multiple_of(20_000) || loaded == options.records {
                let seconds = started.elapsed().as_secs_f64();
                eprintln!(
                    "  {loaded}/{} records, {:.0} records/s, resident {:.2} GiB",
                    options.records,
                    loaded as f64 / seconds,
                    resident_bytes().unwrap_or(0) as f64 / f64::from(1u32 << 30)
                );
            }
        }
        if systems == 2 {
            twice.push(persons);
        }
        persons += 1;
    }
    let load_seconds = started.elapsed().as_secs_f64();
    let rss_loaded = resident_bytes().unwrap_or(0);

    eprintln!("registering {} new records, one at a time", options.registrations);
    let mut latencies_ms = Vec::new();
    // Split by outcome: a registration that creates links also logs, notifies and compares
    // biometrics in full, which is where a tail would come from.
    let (mut linked_ms, mut unlinked_ms) = (Vec::new(), Vec::new());
    let mut tally = LinkTally::default();
    // (registrations checked, (same-person hits, linked), (other persons' hits, linked))
    let mut exhaustive = (0u64, (0u64, 0u64), (0u64, 0u64));
    let border = {
        let officer = reference
            .standard_principal(
                AuthorityKind::BorderAuthority,
                Organisation::member_state("DEU").map_err(|e| e.to_string())?,
                "bench",
            )
            .map_err(|e| e.to_string())?;
        reference.connect(&reference.register_principal(officer))
    };
    let mut picked = BTreeSet::new();
    for n in 0..options.registrations {
        // Even: a second record of a person loaded once (in the other system); odd: a new person.
        let (p, system) = if n % 2 == 0 {
            let mut pick = (n / 2).wrapping_mul(7_919).wrapping_add(13) % persons.max(1);
            while twice.binary_search(&pick).is_ok() || !picked.insert(pick) {
                pick = (pick + 1) % persons.max(1);
            }
            (person(seed, pick), 1)
        } else {
            (person(seed, persons + n), 0)
        };
        let (reference_of, write, kind) = record(seed, &p, system)?;
        let probe = write.biometrics.clone();
        let t = Instant::now();
        let outcome =
            session.source_systems.put_record(&reference_of, write).await.map_err(|e| e.to_string())?;
        let elapsed_ms = t.elapsed().as_secs_f64() * 1000.0;
        latencies_ms.push(elapsed_ms);
        if outcome.links.is_empty() { &mut unlinked_ms } else { &mut linked_ms }.push(elapsed_ms);

        let expected: BTreeSet<u64> = if system == 1 { [p.id].into() } else { BTreeSet::new() };
        tally.true_pairs += expected.len() as u64;
        let mut linked_persons = BTreeSet::new();
        for link in &outcome.links {
            tally.links += 1;
            tally.by_colour[colour_index(link.colour)] += 1;
            let other = link.ends.iter().filter_map(|e| e.record.as_ref()).find(|r| **r != reference_of.id);
            let same = other.and_then(person_of) == Some(p.id);
            if same {
                tally.links_same_person += 1;
                linked_persons.insert(p.id);
                // Same person, same biometrics: white when the identity data are the same or
                // similar, yellow when the variation made them different (Arts 30 and 33).
                // A partial date's verdict depends on the day (see VariationKind::PartialDate):
                // either colour is the law's for one of its cases.
                let law = match kind {
                    Some(VariationKind::PartialDate) => true,
                    Some(VariationKind::TwoTypos | VariationKind::SexChanged) => {
                        link.colour == LinkColour::Yellow
                    }
                    _ => link.colour == LinkColour::White,
                };
                tally.colour_as_law += u64::from(law);
            }
        }
        tally.found_true += expected.intersection(&linked_persons).count() as u64;

        if n < options.exhaustive_checks {
            // The sBMS's exhaustive 1:N over the same biometrics: every record it finds at the
            // threshold should have been linked by detection.
            let request = IdentifyRequest { biometrics: probe, max_candidates: 100, systems: Vec::new() };
            let found = border.biometrics.identify(request).await.map_err(|e| e.to_string())?;
            let linked: BTreeSet<RecordId> =
                outcome.links.iter().flat_map(|l| l.ends.iter().filter_map(|e| e.record.clone())).collect();
            exhaustive.0 += 1;
            // Per modality the declared thresholds differ; the reply states the fingerprint one,
            // and detection links only above each modality's own.
            let reaches = |c: &Candidate| match c.modality {
                Modality::Face => c.score >= face_threshold,
                _ => c.score >= found.threshold,
            };
            for candidate in found.candidates.iter().filter(|c| c.record.id != reference_of.id && reaches(c))
            {
                let same_person = person_of(&candidate.record.id) == Some(p.id);
                let row = if same_person { &mut exhaustive.1 } else { &mut exhaustive.2 };
                row.0 += 1;
                row.1 += u64::from(linked.contains(&candidate.record.id));
                if !same_person && std::env::var_os("JHA_BENCH_VERBOSE").is_some() {
                    eprintln!(
                        "  exhaustive hit of another person: {} {:?} {:.1}",
                        candidate.record, candidate.modality, candidate.score
                    );
                }
            }
        }
    }
    latencies_ms.sort_by(f64::total_cmp);
    linked_ms.sort_by(f64::total_cmp);
    unlinked_ms.sort_by(f64::total_cmp);
    let stored = loaded + options.registrations;
    let rss_after = resident_bytes().unwrap_or(0);
    let peak = peak_bytes().unwrap_or(0);

    // What the biometrics take per record, from a sample record: the samples the record keeps
    // (minutiae and face vector), the prepared fingerprint templates, the face gallery's f32 and
    // i8 rows and the shortlist's face code (36 bytes).
    let sample = biometrics(seed, 0, 0);
    let mut minutiae = 0usize;
    let mut prepared = 0usize;
    for finger in &sample.fingerprints {
        if let FingerprintData::Minutiae(t) = &finger.data {
            minutiae += t.minutiae().len();
            prepared += jha_interop::matching::fingerprint::FingerprintTemplate::new(t)
                .map(|p| p.heap_bytes())
                .unwrap_or(0);
        }
    }
    let face_dimension = jha_interop::synthetic::face::DIMENSION;
    let biometric_bytes = minutiae * std::mem::size_of::<Minutia>()
        + prepared
        + face_dimension * 4 // the vector in the record
        + face_dimension * 5 + 8 // the gallery's f32 and i8 rows and scale
        + 36;

    println!("# MID detection at scale (`jha-interop bench mid`)");
    println!();
    println!(
        "{} records loaded through the contract ({} persons, {} of them twice), identity, passport, one face \
         ({face_dimension}-d) and two fingerprints (synthetic, MEDIUM impressions) each; then {} registrations \
         measured one at a time. Detection is exhaustive below {exhaustive_below} records with a face and \
         goes through the shortlist above.",
        loaded,
        persons,
        twice.len(),
        options.registrations
    );
    println!();
    println!("| measure | value | target |");
    println!("|---|---|---|");
    println!(
        "| load rate | {:.0} records/s ({:.0} s) | — |",
        loaded as f64 / load_seconds.max(1e-9),
        load_seconds
    );
    println!(
        "| registration latency p50 / p99 / max | {:.2} / {:.2} / {:.2} ms | p99 < 10 ms |",
        percentile(&latencies_ms, 0.5),
        percentile(&latencies_ms, 0.99),
        latencies_ms.last().copied().unwrap_or(f64::NAN)
    );
    for (what, latencies) in [("that created links", &linked_ms), ("that created none", &unlinked_ms)] {
        println!(
            "| … of the {} registrations {what}: p50 / p99 | {:.2} / {:.2} ms | — |",
            latencies.len(),
            percentile(latencies, 0.5),
            percentile(latencies, 0.99),
        );
    }
    let recall = tally.found_true as f64 / tally.true_pairs.max(1) as f64;
    let precision = tally.links_same_person as f64 / tally.links.max(1) as f64;
    println!(
        "| links to the same person: recall | {recall:.4} ({} of {}) | — |",
        tally.found_true, tally.true_pairs
    );
    println!(
        "| links to the same person: precision | {precision:.4} ({} of {} links) | — |",
        tally.links_same_person, tally.links
    );
    println!(
        "| same-person links of the colour the law gives | {} of {} | — |",
        tally.colour_as_law, tally.links_same_person
    );
    println!(
        "| links by colour (white / yellow / green / red) | {} / {} / {} / {} | — |",
        tally.by_colour[0], tally.by_colour[1], tally.by_colour[2], tally.by_colour[3]
    );
    println!(
        "| exhaustive sBMS hits of the same person also linked ({} registrations) | {} of {} | all |",
        exhaustive.0, exhaustive.1.1, exhaustive.1.0
    );
    println!(
        "| exhaustive sBMS hits of other persons (false matches at the threshold) also linked | {} of {} | — |",
        exhaustive.2.1, exhaustive.2.0
    );
    let per_record = |bytes: u64| bytes as f64 / stored.max(1) as f64;
    let total = per_record(rss_after.saturating_sub(rss_before));
    println!(
        "| resident memory per stored record | {total:.0} B, of which biometric data and templates about {biometric_bytes} B \
         (samples, prepared templates, face rows, shortlist entries), the rest {:.0} B | < 4 KiB excluding templates |",
        total - biometric_bytes as f64
    );
    println!(
        "| resident after loading / after measuring / peak | {:.2} / {:.2} / {:.2} GiB | — |",
        rss_loaded as f64 / f64::from(1u32 << 30),
        rss_after as f64 / f64::from(1u32 << 30),
        peak as f64 / f64::from(1u32 << 30)
    );
    Ok(())
}
