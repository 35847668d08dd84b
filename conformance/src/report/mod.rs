//! Reports of a conformance run: `conformance-report.json` (the record a certification body
//! files; JSON Schema in `schemas/`), JUnit XML for CI, and a Markdown summary.

pub mod junit;
pub mod model;
pub mod summary;

use std::path::{Path, PathBuf};

use model::ConformanceReport;

/// The file names written into the report folder.
pub const JSON_FILE: &str = "conformance-report.json";
/// JUnit XML.
pub const JUNIT_FILE: &str = "conformance-junit.xml";
/// Markdown summary.
pub const MARKDOWN_FILE: &str = "conformance-summary.md";

/// Writes the three report files into `dir` (created if needed) and returns their paths.
pub fn write_all(report: &ConformanceReport, dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir)?;
    let json = serde_json::to_string_pretty(report).map_err(std::io::Error::other)? + "\n";
    let files =
        [(JSON_FILE, json), (JUNIT_FILE, junit::render(report)), (MARKDOWN_FILE, summary::markdown(report))];
    let mut written = Vec::new();
    for (name, content) in files {
        let path = dir.join(name);
        std::fs::write(&path, content)?;
        written.push(path);
    }
    Ok(written)
}

/// The file name of the report's JSON Schema in `schemas/`.
pub const SCHEMA_FILE: &str = "ConformanceReport.schema.json";

/// The JSON Schema of the report, as written into `schemas/`.
pub fn json_schema() -> String {
    jha_interop::schema::render(&schemars::schema_for!(ConformanceReport))
}

/// Writes the report's schema into `dir`.
pub fn write_schema(dir: &Path) -> std::io::Result<PathBuf> {
    std::fs::create_dir_all(dir)?;
    let path = dir.join(SCHEMA_FILE);
    std::fs::write(&path, json_schema())?;
    Ok(path)
}

/// Whether the report's schema in `dir` is missing or stale.
pub fn schema_is_stale(dir: &Path) -> bool {
    std::fs::read_to_string(dir.join(SCHEMA_FILE)).map_or(true, |text| text != json_schema())
}
