//! `jha-interop certify`: run the suite against a target, print the tables and the closing
//! line, write the report files, and exit non-zero on any MUST failure or harness error.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::Args;

use crate::report;
use crate::runner::{RunOptions, run, try_bundled_features};
use crate::target::{HttpTarget, ReferenceTarget, Target, TargetFile};

/// Options of `certify`.
#[derive(Debug, Clone, Args)]
pub struct CertifyArgs {
    /// What to certify: `reference` (the embedded reference implementation) or a target file
    /// describing a server that speaks the HTTP binding (`jha-interop serve` writes one).
    #[arg(long, default_value = "reference")]
    pub target: String,
    /// The features folder (defaults to the bundle embedded in the harness when it was built).
    #[arg(long)]
    pub features: Option<PathBuf>,
    /// Where to write conformance-report.json, conformance-junit.xml and conformance-summary.md.
    #[arg(long, default_value = "conformance-report")]
    pub report_dir: PathBuf,
    /// Run only scenarios matching this tag expression, e.g. `@req:ESP-04 or @req:MID-12`
    /// (the run is then not certifiable).
    #[arg(long)]
    pub tags: Option<String>,
    /// Run only scenarios whose name matches this pattern (not certifiable).
    #[arg(long)]
    pub name: Option<String>,
    /// Stop at the first failing scenario (not certifiable).
    #[arg(long)]
    pub fail_fast: bool,
    /// Scenarios run at once.
    #[arg(long, default_value_t = 16)]
    pub concurrency: usize,
    /// Print no progress lines.
    #[arg(long)]
    pub quiet: bool,
}

/// The target an argument names: `reference`, or the path of a target file.
pub async fn target_named(name: &str) -> Result<Arc<dyn Target>, String> {
    if name == "reference" {
        return Ok(Arc::new(ReferenceTarget::new()));
    }
    let path = std::path::Path::new(name);
    if !path.exists() {
        return Err(format!(
            "unknown target {name:?}: give `reference` (the embedded reference) or the path of a target file \
             (`jha-interop serve` writes one)"
        ));
    }
    let file = TargetFile::read(path).map_err(|e| format!("target file {e}"))?;
    let target = HttpTarget::connect(file).await.map_err(|e| e.to_string())?;
    Ok(Arc::new(target))
}

/// Runs `certify`.
pub fn certify(args: &CertifyArgs) -> ExitCode {
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::from(2);
        }
    };
    let target = match runtime.block_on(target_named(&args.target)) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let features = match &args.features {
        Some(folder) => folder.clone(),
        None => match try_bundled_features() {
            Ok(folder) => folder,
            Err(e) => {
                eprintln!("error: cannot unpack the embedded feature bundle: {e}");
                return ExitCode::from(2);
            }
        },
    };
    let source = match &args.features {
        Some(folder) => folder.display().to_string(),
        None => format!("the embedded feature bundle (unpacked in {})", features.display()),
    };
    let options = RunOptions {
        features,
        tags: args.tags.clone(),
        name: args.name.clone(),
        fail_fast: args.fail_fast,
        concurrency: args.concurrency,
        progress: !args.quiet,
    };
    let description = target.description();
    match &description.location {
        Some(at) => eprintln!("certifying the {} at {at} against {source}", description.name),
        None => eprintln!("certifying the {} against {source}", description.name),
    }
    let report = match runtime.block_on(run(target, &options)) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    print!("{}", report::summary::console(&report));
    match report::write_all(&report, &args.report_dir) {
        Ok(paths) => {
            for p in paths {
                println!("wrote {}", p.display());
            }
        }
        Err(e) => {
            eprintln!("error: cannot write the reports into {}: {e}", args.report_dir.display());
            println!("{}", report.closing_line());
            return ExitCode::from(2);
        }
    }
    if !report.run.certifiable {
        println!("not certifiable: {}", report.run.not_certifiable_because.join("; "));
    }
    println!(
        "requirements: {} passed, {} failed, {} omitted, {} not tested; {} MUST failed",
        report.summary.requirements_passed,
        report.summary.requirements_failed,
        report.summary.requirements_omitted,
        report.summary.requirements_not_tested,
        report.summary.must_failed
    );
    println!("{}", report.closing_line());
    if report.passes() { ExitCode::SUCCESS } else { ExitCode::FAILURE }
}
