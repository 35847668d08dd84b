//! `jha-interop serve`: the reference behind the HTTP server until Ctrl-C.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use jha_interop::reference::ReferenceConfig;
use jha_interop_conformance::serve::start_reference;

/// Options of `serve`.
#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// Address to listen on (port 0 picks a free one).
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,
    /// Offer test control (`/v1/test/*`: clock, reset, source behaviour), guarded by its own
    /// token. Certification needs it for the scenarios that set the clock or reset state.
    #[arg(long)]
    pub test_control: bool,
    /// Where to write the target file (base URL and a bearer token per role).
    #[arg(long, default_value = "jha-interop-target.toml")]
    pub target_file: PathBuf,
}

/// Runs `serve`.
pub fn run(args: &ServeArgs) -> ExitCode {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    // Colours only on a terminal: a log redirected to a file stays plain text.
    let colours = std::io::IsTerminal::is_terminal(&std::io::stderr());
    tracing_subscriber::fmt().with_env_filter(filter).with_ansi(colours).with_writer(std::io::stderr).init();
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::from(2);
        }
    };
    runtime.block_on(async {
        let server = match start_reference(args.listen, args.test_control, ReferenceConfig::default()).await {
            Ok(s) => s,
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::from(2);
            }
        };
        if let Err(e) = server.target.write(&args.target_file) {
            eprintln!("error: cannot write the target file {e}");
            let _ = server.stop().await;
            return ExitCode::from(2);
        }
        let control = if args.test_control { "with test control" } else { "without test control" };
        println!("serving the reference implementation on http://{} ({control})", server.addr);
        println!(
            "wrote {} ({} roles); certify it with:\n  jha-interop certify --target {}",
            args.target_file.display(),
            server.target.credentials.len(),
            args.target_file.display()
        );
        println!("stop with Ctrl-C");
        if let Err(e) = tokio::signal::ctrl_c().await {
            eprintln!("error: cannot wait for Ctrl-C: {e}");
        }
        eprintln!("shutting down: finishing requests in flight");
        match server.stop().await {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::FAILURE
            }
        }
    })
}
