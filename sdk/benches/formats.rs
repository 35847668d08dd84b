//! Parsing throughput of the data formats (issue 4 item 7): ANSI/NIST-ITL files in MB/s over
//! the shared vectors, MRZ parses per second on ICAO specimens and the shared vectors.
//!
//! `cargo bench -p jha-interop --bench formats`. The shared vectors are read in place; when
//! the folder is absent the benchmarks that need it are skipped with a line saying so (and
//! `JHA_REQUIRE_VECTORS=1` makes that a failure, as in the tests).

use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use jha_interop::format::{ansi_nist, mrz};
use jha_interop::testdata::{Dataset, require};

/// Files at most this big are the text-dominated ones (Type-1/2/9 and small images): their
/// rate shows the field scanner rather than the copying of image payloads.
const SMALL_FILE: usize = 64 * 1024;

/// ICAO Doc 9303 specimens (Part 5 TD1, Part 4 TD3).
const TD1: &str =
    "I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<";
const TD3: &str =
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10";

fn an2_files(folder: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut pending = vec![folder.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for path in entries.filter_map(|e| e.ok().map(|e| e.path())) {
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "an2") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

fn ansi_nist_read(c: &mut Criterion) {
    let Some(vectors) = require(Dataset::TestVectors, "bench formats/ansi_nist (NIST parsing MB/s)") else {
        return;
    };
    let files: Vec<Vec<u8>> = an2_files(&vectors.join("ansi-nist"))
        .iter()
        .map(|p| std::fs::read(p).unwrap_or_else(|e| panic!("{}: {e}", p.display())))
        .collect();
    for file in &files {
        ansi_nist::read(file).expect("every shared vector reads");
    }
    let small: Vec<&Vec<u8>> = files.iter().filter(|f| f.len() <= SMALL_FILE).collect();
    let mut group = c.benchmark_group("ansi_nist");
    for (name, set) in [("read_all_vectors", files.iter().collect::<Vec<_>>()), ("read_small_vectors", small)]
    {
        let bytes: usize = set.iter().map(|f| f.len()).sum();
        eprintln!("ansi_nist/{name}: {} files, {bytes} bytes", set.len());
        group.throughput(Throughput::Bytes(bytes as u64));
        group.bench_function(name, |b| {
            b.iter(|| {
                for file in &set {
                    black_box(ansi_nist::read(black_box(file)).ok());
                }
            })
        });
    }
    group.finish();
}

fn mrz_parse(c: &mut Criterion) {
    let mut group = c.benchmark_group("mrz");
    group.throughput(Throughput::Elements(1));
    for (name, text) in [("parse_td1", TD1), ("parse_td3", TD3)] {
        mrz::parse(text).expect("the ICAO specimens parse");
        group.bench_function(name, |b| b.iter(|| black_box(mrz::parse(black_box(text)).ok())));
    }
    if let Some(vectors) = require(Dataset::TestVectors, "bench formats/mrz/parse_vectors") {
        let json = std::fs::read_to_string(vectors.join("mrz/mrz_vectors.json")).expect("mrz_vectors.json");
        let texts = zones(&json);
        group.throughput(Throughput::Elements(texts.len() as u64));
        group.bench_function("parse_vectors", |b| {
            b.iter(|| {
                for text in &texts {
                    black_box(mrz::parse(black_box(text)).ok());
                }
            })
        });
    }
    group.finish();
}

/// The zones of `mrz_vectors.json`: each entry's `lines`, joined by newlines.
fn zones(json: &str) -> Vec<String> {
    let value: serde_json::Value = serde_json::from_str(json).expect("mrz_vectors.json parses");
    let entries = value.as_array().map(Vec::as_slice).unwrap_or_default();
    entries
        .iter()
        .filter_map(|e| e["lines"].as_array())
        .map(|lines| lines.iter().filter_map(|l| l.as_str()).collect::<Vec<_>>().join("\n"))
        .collect()
}

criterion_group!(benches, ansi_nist_read, mrz_parse);
criterion_main!(benches);
