//! `cargo test` runs the whole conformance suite twice: in process against the embedded
//! reference, and over loopback HTTP against the same reference behind `serve`'s router,
//! through the HTTP client. Both must pass, and every scenario must end the same way in both,
//! apart from the `@http` scenarios, which only run over HTTP. That is the proof that the
//! binding is faithful.
//!
//! It is a `harness = false` target: cargo's test flags (`--nocapture`, `--test-threads`, a
//! name filter…) are accepted and ignored, so `cargo test --workspace -- --nocapture` works.
//! `JHA_CONFORMANCE_ONLY=in-process` or `=http` runs one of the two.

use std::collections::BTreeMap;
use std::process::ExitCode;
use std::sync::Arc;

use jha_interop::reference::ReferenceConfig;
use jha_interop_conformance::report::model::{ConformanceReport, ScenarioStatus};
use jha_interop_conformance::report::summary;
use jha_interop_conformance::runner::{RunOptions, bundled_features, run};
use jha_interop_conformance::serve::start_reference;
use jha_interop_conformance::target::{HttpTarget, ReferenceTarget, Target};

fn options() -> RunOptions {
    let mut options = RunOptions::full(bundled_features());
    options.progress = std::env::var_os("JHA_CONFORMANCE_PROGRESS").is_some();
    options
}

/// Runs the suite against `target`, prints the closing line, and says whether it certified.
async fn certify(label: &str, target: Arc<dyn Target>) -> Option<ConformanceReport> {
    let report = match run(target, &options()).await {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error ({label}): {e}");
            return None;
        }
    };
    if !report.passes() || !report.run.certifiable {
        print!("{}", summary::console(&report));
    }
    println!("{label}:");
    println!("{}", report.closing_line());
    Some(report)
}

async fn over_http() -> Option<ConformanceReport> {
    let loopback = "127.0.0.1:0".parse().expect("a valid address");
    let server = match start_reference(loopback, true, ReferenceConfig::default()).await {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: cannot start the reference server: {e}");
            return None;
        }
    };
    let target = match HttpTarget::connect(server.target.clone()).await {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: cannot reach the reference server: {e}");
            return None;
        }
    };
    let report = certify("over HTTP", Arc::new(target)).await;
    if let Err(e) = server.stop().await {
        eprintln!("error: the server did not stop cleanly: {e}");
        return None;
    }
    report
}

/// Each scenario's status by (feature, line, name), without the `@http` ones and the wire check.
fn outcomes(report: &ConformanceReport) -> BTreeMap<(String, usize, String), ScenarioStatus> {
    report
        .scenarios
        .iter()
        .filter(|s| !s.tags.iter().any(|t| t == "http"))
        .map(|s| ((s.feature.clone(), s.line, s.name.clone()), s.status))
        .collect()
}

/// The reference passes the whole suite: certified, every scenario passed (a failed SHOULD
/// scenario does not stop a certificate, but the reference must not fail one), and every
/// scenario ran. The reference declares every capability and the registry's default of every
/// policy, so only the `@http` scenarios may be left out (in process); a reference whose
/// declarations drifted from the suite's defaults would pass with scenarios omitted.
fn passes_everything(report: &ConformanceReport) -> bool {
    let mut ok = report.passes() && report.run.certifiable;
    for s in &report.scenarios {
        let omitted = s.status == ScenarioStatus::Omitted && !s.tags.iter().any(|t| t == "http");
        if omitted || !matches!(s.status, ScenarioStatus::Passed | ScenarioStatus::Omitted) {
            let why = s.omitted_because.as_deref().unwrap_or("");
            println!("{:?}: {}:{} {} {why}", s.status, s.feature, s.line, s.name);
            ok = false;
        }
    }
    ok
}

fn main() -> ExitCode {
    // `--list` (asked by some tools) lists nothing: the suite is one test.
    if std::env::args().any(|a| a == "--list") {
        println!("conformance: test");
        return ExitCode::SUCCESS;
    }
    let only = std::env::var("JHA_CONFORMANCE_ONLY").unwrap_or_default();
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("a runtime");
    let in_process = if only == "http" {
        None
    } else {
        match runtime.block_on(certify("in process", Arc::new(ReferenceTarget::new()))) {
            Some(r) => Some(r),
            None => return ExitCode::FAILURE,
        }
    };
    let http = if only == "in-process" {
        None
    } else {
        match runtime.block_on(over_http()) {
            Some(r) => Some(r),
            None => return ExitCode::FAILURE,
        }
    };
    let mut ok = in_process.iter().chain(http.iter()).all(passes_everything);
    if let (Some(a), Some(b)) = (&in_process, &http) {
        let (a, b) = (outcomes(a), outcomes(b));
        let mut differences = 0;
        for (key, status) in &a {
            let other = b.get(key);
            if other != Some(status) {
                differences += 1;
                println!(
                    "differs: {}:{} {}: in process {status:?}, over HTTP {other:?}",
                    key.0, key.1, key.2
                );
            }
        }
        for key in b.keys().filter(|k| !a.contains_key(*k)) {
            differences += 1;
            println!("differs: {}:{} {} ran over HTTP only", key.0, key.1, key.2);
        }
        println!("in process and over HTTP: {} scenarios compared, {differences} differ", a.len());
        ok &= differences == 0;
    }
    if ok { ExitCode::SUCCESS } else { ExitCode::FAILURE }
}
