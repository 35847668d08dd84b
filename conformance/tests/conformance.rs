//! `cargo test` runs the whole conformance suite in process against the embedded reference.
//! It is a `harness = false` target: cargo's test flags (`--nocapture`, `--test-threads`, a
//! name filter…) are accepted and ignored, so `cargo test --workspace -- --nocapture` works.

use std::process::ExitCode;
use std::sync::Arc;

use jha_interop_conformance::report::summary;
use jha_interop_conformance::runner::{RunOptions, bundled_features, run};
use jha_interop_conformance::target::ReferenceTarget;

fn main() -> ExitCode {
    // `--list` (asked by some tools) lists nothing: the suite is one test.
    if std::env::args().any(|a| a == "--list") {
        println!("conformance: test");
        return ExitCode::SUCCESS;
    }
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("a runtime");
    let mut options = RunOptions::full(bundled_features());
    options.progress = std::env::var_os("JHA_CONFORMANCE_PROGRESS").is_some();
    let report = match runtime.block_on(run(Arc::new(ReferenceTarget::new()), &options)) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    if !report.passes() || !report.run.certifiable {
        print!("{}", summary::console(&report));
    }
    println!("{}", report.closing_line());
    if report.passes() && report.run.certifiable { ExitCode::SUCCESS } else { ExitCode::FAILURE }
}
