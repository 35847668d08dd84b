//! `jha-interop bench …`: benchmarks that measure the SDK's engines on external data. These are
//! measurements, not tests: they print figures and write plots, and fail only on unusable input.

mod baseline;
mod det_plot;
mod face;
mod failures;
mod figures;
mod fingerprint;
mod fvc;
mod http;
mod identity;
mod lodo;
mod memory;
mod metrics;
mod mid;
mod synthetic_stress;
mod throughput;
mod tuning;
mod vendor_iso;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Subcommand;

/// How `bench fingerprint` splits its data.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Protocol {
    /// Every database on its own, the score scale checked as fitted on all four.
    Pooled,
    /// Also leave one database out: fit on three, measure on the fourth.
    Lodo,
    /// `lodo` with the synthetic generator's HARD preset as one more training database in every
    /// fold's choice of settings (augmentation; the scale stays fitted on the real ones).
    LodoSynthetic,
}

/// Which benchmark to run.
#[derive(Subcommand)]
pub enum BenchCommand {
    /// Fingerprint engine vs NIST Bozorth3 on FVC2002 DB1–4_B: EER, FNMR at FMR 1 % and 0.1 %,
    /// 1:N comparisons per second per core, and a DET plot.
    Fingerprint {
        /// Folder holding DB1_B … DB4_B.
        #[arg(long, default_value = "../shared/data/fvc2002")]
        data: PathBuf,
        /// The data set's name in the title, the report and the plot (default: the name of the
        /// `--data` folder).
        #[arg(long)]
        name: Option<String>,
        /// Scan resolution of a database folder, `DB2_B=569`; repeatable. Unnamed folders keep
        /// FVC2002's resolutions (500 ppi, DB2_B 569 ppi).
        #[arg(long = "ppi", value_parser = parse_resolution)]
        resolutions: Vec<(String, u16)>,
        /// Where to write the DET plot (SVG).
        #[arg(long, default_value = "reports/det-fingerprint.svg")]
        plot: PathBuf,
        /// Timed passes of the 1:N measurement (min and median are reported).
        #[arg(long, default_value_t = 7)]
        runs: usize,
        /// Also print the impostor-score quantiles that the engine's calibration table is taken from.
        #[arg(long)]
        calibrate: bool,
        /// JSON file of extracted templates: read when it exists, else written after extraction
        /// (for repeated runs; the default extracts every time).
        #[arg(long)]
        templates_cache: Option<PathBuf>,
        /// Skip Bozorth3 (quick runs while tuning; the report then has no baseline or ratios).
        #[arg(long)]
        skip_baseline: bool,
        /// `lodo` adds the leave-one-database-out folds: per held-out database the accuracy
        /// beside Bozorth3 and the score scale fitted on the other three checked on it.
        #[arg(long, value_enum, default_value_t = Protocol::Pooled)]
        protocol: Protocol,
        /// The extractor making our templates; `leader` needs a build with the feature
        /// `leader` and the model file (scripts/fetch-leader-model.sh). Bozorth3 stays on MINDTCT.
        #[arg(long, value_enum, default_value_t = fvc::Extractor::Mindtct)]
        extractor: fvc::Extractor,
        /// Only classify each database's N lowest genuine and N highest impostor pairs (failure
        /// analysis) and stop.
        #[arg(long, default_value_t = 0)]
        failures: usize,
    },
    /// Identity search on names and date of birth: FEBRL 4 and 3 read in place and a synthetic
    /// population: blocking completeness and candidates per probe, SAME-or-SIMILAR precision /
    /// recall / F1, ranked search recall@1 and @10 beside ordering by verdict, comparisons per
    /// second per core and index memory per record.
    Identity {
        /// Folder holding the FEBRL files.
        #[arg(long, default_value = "../shared/data/febrl")]
        data: PathBuf,
        /// Persons in the synthetic population (0 skips it).
        #[arg(long, default_value_t = 1_000_000)]
        records: usize,
        /// Variant probes of the synthetic population.
        #[arg(long, default_value_t = 2_000)]
        probes: usize,
        /// Seed of the synthetic population and of the weight fit.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Fit the ranked search weights on the synthetic truth, print them and measure with
        /// them instead of the defaults.
        #[arg(long)]
        fit: bool,
    },
    /// The HTTP binding under load on loopback: requests/s and p50/p99 latency of record
    /// registration, ESP search and sBMS identify against the reference behind the server,
    /// beside a constant-reply handler measured in the same run.
    Http {
        /// Records stored before measuring.
        #[arg(long, default_value_t = 10_000)]
        records: u64,
        /// Concurrent clients.
        #[arg(long, default_value_t = 16)]
        clients: usize,
        /// Requests measured per call.
        #[arg(long, default_value_t = 2_000)]
        requests: u64,
    },
    /// Face 1:N by exhaustive scan against this machine's memory bandwidth (measured in the same
    /// run): ms per query, GB/s and the ratio to the bandwidth per storage type (f32, f16, i8,
    /// i8 re-ranked in f32), on one core and all cores, batches of 1, 8 and 32 probes, and each
    /// type's top-10 agreement and cosine error against the exact f32 scan.
    Face {
        /// Enrolled templates.
        #[arg(long, default_value_t = 1_000_000)]
        n: usize,
        /// Embedding dimension (8–4096).
        #[arg(long, default_value_t = 512)]
        dim: usize,
        /// Probes per measurement.
        #[arg(long, default_value_t = 32)]
        probes: usize,
        /// Seed of the synthetic population.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Multiple-identity detection at scale: loads synthetic records (identity, passport, one
    /// face, two fingerprints; some persons in both systems) through the reference's contract,
    /// then measures the latency of single registrations with detection, the links found
    /// against the generator's truth, the shortlist's recall against an exhaustive sBMS
    /// identification, and resident memory per record.
    Mid {
        /// Records loaded before measuring.
        #[arg(long, default_value_t = 1_000_000)]
        records: u64,
        /// Registrations measured.
        #[arg(long, default_value_t = 2_000)]
        registrations: u64,
        /// Share of loaded persons recorded in both systems.
        #[arg(long, default_value_t = 0.1)]
        duplicates: f64,
        /// Measured registrations also checked against an exhaustive identification.
        #[arg(long, default_value_t = 20)]
        exhaustive_checks: u64,
        /// Records with templates below which detection searches exhaustively (the
        /// reference's default is 20,000; lower makes the load faster).
        #[arg(long, default_value_t = 20_000)]
        exhaustive_below: usize,
        /// Seed of the synthetic population.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
}

/// Parses `DB2_B=569`: a database folder and its scan resolution in ppi (100–2000).
fn parse_resolution(text: &str) -> Result<(String, u16), String> {
    let (folder, ppi) =
        text.split_once('=').ok_or_else(|| format!("`{text}`: expected FOLDER=PPI, e.g. DB2_B=569"))?;
    let ppi: u16 = ppi.trim().parse().map_err(|_| format!("`{ppi}` is not a resolution in ppi"))?;
    if !(100..=2000).contains(&ppi) {
        return Err(format!("{ppi} ppi is outside 100–2000"));
    }
    let known = fvc::DATABASES.iter().any(|(name, _)| *name == folder.trim());
    if !known {
        let names: Vec<&str> = fvc::DATABASES.iter().map(|(name, _)| *name).collect();
        return Err(format!("`{folder}` is not one of the database folders {}", names.join(", ")));
    }
    Ok((folder.trim().to_string(), ppi))
}

/// Runs `command`, printing its report on stdout and progress on stderr.
pub fn run(command: BenchCommand) -> ExitCode {
    let outcome = match command {
        BenchCommand::Fingerprint {
            data,
            name,
            resolutions,
            plot,
            runs,
            calibrate,
            templates_cache,
            skip_baseline,
            protocol,
            extractor,
            failures,
        } => {
            let data_name = name.unwrap_or_else(|| {
                let folder = data.canonicalize().unwrap_or_else(|_| data.clone());
                folder
                    .file_name()
                    .map_or_else(|| data.display().to_string(), |n| n.to_string_lossy().into_owned())
            });
            fingerprint::run(&fingerprint::Options {
                data_name,
                resolutions: fvc::resolutions(&resolutions),
                data,
                plot,
                runs: runs.max(1),
                calibrate,
                templates_cache,
                skip_baseline,
                lodo: protocol != Protocol::Pooled,
                augment: protocol == Protocol::LodoSynthetic,
                extractor,
                failures,
            })
        }
        BenchCommand::Identity { data, records, probes, seed, fit } => {
            identity::run(&identity::Options { data, records, probes, seed, fit })
        }
        BenchCommand::Http { records, clients, requests } => {
            http::run(&http::Options { records, clients: clients.max(1), requests: requests.max(1) })
        }
        BenchCommand::Face { n, dim, probes, seed } => face::run(&face::Options { n, dim, probes, seed }),
        BenchCommand::Mid {
            records,
            registrations,
            duplicates,
            exhaustive_checks,
            exhaustive_below,
            seed,
        } => mid::run(&mid::Options {
            records,
            registrations,
            duplicates: duplicates.clamp(0.0, 1.0),
            exhaustive_checks: exhaustive_checks.min(registrations),
            seed,
            exhaustive_below,
        }),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
