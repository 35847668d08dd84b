//! `jha-interop`: certify an implementation, generate schemas, inspect files, run benchmarks.

mod bench;
mod inspect;
mod serve_command;

use jha_interop_conformance::certify::{CertifyArgs, certify};

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "jha-interop",
    version,
    about = "Conformance suite and tools for the EU JHA interoperability components"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Certify an implementation: run the conformance suite, print the tables, write the
    /// reports, exit non-zero on any MUST failure.
    Certify(CertifyArgs),
    /// Write the JSON Schemas of every message type (or check that they are fresh).
    Schemas {
        /// Folder to write into.
        #[arg(long, default_value = "schemas")]
        dir: PathBuf,
        /// Only check; exit non-zero when a file is missing or stale.
        #[arg(long)]
        check: bool,
    },
    /// Serve the embedded reference over the HTTP binding and write a target file for
    /// `certify --target` (stop with Ctrl-C).
    Serve(serve_command::ServeArgs),
    /// Print a decoded JSON view of an MRZ text, an ANSI/NIST-ITL file or a minutiae record.
    Inspect {
        /// The file (`-` for standard input).
        file: PathBuf,
    },
    /// Run a benchmark on external data (progress on stderr, report on stdout).
    #[command(subcommand)]
    Bench(bench::BenchCommand),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Certify(args) => certify(&args),
        Command::Serve(args) => serve_command::run(&args),
        Command::Schemas { dir, check } => schemas(&dir, check),
        Command::Bench(command) => bench::run(command),
        Command::Inspect { file } => inspect::run(&file),
    }
}

fn schemas(dir: &std::path::Path, check: bool) -> ExitCode {
    if check {
        let mut stale = jha_interop::schema::stale_files(dir);
        if jha_interop_conformance::report::schema_is_stale(dir) {
            stale.push(dir.join(jha_interop_conformance::report::SCHEMA_FILE));
        }
        if stale.is_empty() {
            println!("schemas in {} are fresh", dir.display());
            return ExitCode::SUCCESS;
        }
        for path in stale {
            eprintln!("stale: {}", path.display());
        }
        return ExitCode::FAILURE;
    }
    let written = jha_interop::schema::write_all(dir).and_then(|mut files| {
        files.push(jha_interop_conformance::report::write_schema(dir)?);
        Ok(files)
    });
    match written {
        Ok(files) => {
            println!("wrote {} schemas into {}", files.len(), dir.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: cannot write schemas into {}: {e}", dir.display());
            ExitCode::FAILURE
        }
    }
}
