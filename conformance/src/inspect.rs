//! `jha-interop inspect FILE`: the decoded JSON view of an MRZ text, an ANSI/NIST-ITL file or
//! an ISO/ANSI minutiae record (see [`jha_interop::format::describe`]).

use std::io::{Read, Write};
use std::path::Path;
use std::process::ExitCode;

use jha_interop::format::describe::describe;

/// Reads `path` (`-` for standard input), prints the view on stdout; a file that cannot be
/// read or recognised gives one line on stderr and a failing exit code.
pub fn run(path: &Path) -> ExitCode {
    match render(path) {
        Ok(json) => {
            // A closed pipe (`| head`) is not an error worth a panic or a message.
            let _ = writeln!(std::io::stdout().lock(), "{json}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn render(path: &Path) -> Result<String, String> {
    let data = if path == Path::new("-") {
        let mut data = Vec::new();
        std::io::stdin().read_to_end(&mut data).map_err(|e| format!("cannot read standard input: {e}"))?;
        data
    } else {
        std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?
    };
    let description = describe(&data).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::to_string_pretty(&description).map_err(|e| format!("cannot format the view: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_file_and_reports_what_it_cannot() {
        let dir = std::env::temp_dir().join(format!("jha-inspect-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let zone = dir.join("zone.txt");
        std::fs::write(
            &zone,
            "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10\n",
        )
        .unwrap();
        let json = render(&zone).unwrap();
        let view: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(view["kind"], "mrz");
        assert_eq!(view["content"]["document_number"], "L898902C3");
        let missing = dir.join("missing.an2");
        assert!(render(&missing).unwrap_err().starts_with(&format!("cannot read {}", missing.display())));
        let junk = dir.join("junk.bin");
        std::fs::write(&junk, [0u8, 1, 2, 0xff]).unwrap();
        let error = render(&junk).unwrap_err();
        assert!(error.contains("unrecognised binary input (4 bytes"), "{error}");
        assert_eq!(run(&junk), ExitCode::FAILURE);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
