//! JSON Schemas of every message type, generated from the Rust types (FMT-JSON).
//!
//! `jha-interop schemas` writes them into `schemas/`; a test fails when the checked-in files
//! differ from what the types generate.

use std::path::{Path, PathBuf};

use schemars::Schema;

pub use crate::json_schema::file_name;
use crate::json_schema::schema_of;
use crate::model;

/// Every message type's name and JSON Schema, in a fixed order.
pub fn message_schemas() -> Vec<(&'static str, Schema)> {
    use model::*;
    let mut schemas = vec![
        // Building blocks.
        ("IdentityData", schema_of::<IdentityData>()),
        ("TravelDocument", schema_of::<TravelDocument>()),
        ("BiometricData", schema_of::<BiometricData>()),
        ("IdentityComparison", schema_of::<IdentityComparison>()),
        // Source systems.
        ("RecordWrite", schema_of::<RecordWrite>()),
        ("StoredRecord", schema_of::<StoredRecord>()),
        ("WriteOutcome", schema_of::<WriteOutcome>()),
        // European Search Portal.
        ("SearchRequest", schema_of::<SearchRequest>()),
        ("SourceResult", schema_of::<SourceResult>()),
        ("SearchReply", schema_of::<SearchReply>()),
        // Shared Biometric Matching Service.
        ("IdentifyRequest", schema_of::<IdentifyRequest>()),
        ("IdentifyReply", schema_of::<IdentifyReply>()),
        ("VerifyRequest", schema_of::<VerifyRequest>()),
        ("VerifyReply", schema_of::<VerifyReply>()),
        ("TemplateInfo", schema_of::<TemplateInfo>()),
        // Common Identity Repository.
        ("IdentificationRequest", schema_of::<IdentificationRequest>()),
        ("IdentificationReply", schema_of::<IdentificationReply>()),
        ("HitFlagRequest", schema_of::<HitFlagRequest>()),
        ("HitFlagReply", schema_of::<HitFlagReply>()),
        ("HitFollowUp", schema_of::<HitFollowUp>()),
        ("IndividualFileView", schema_of::<IndividualFileView>()),
        ("LinkedData", schema_of::<LinkedData>()),
        // Multiple-Identity Detector.
        ("LinkView", schema_of::<LinkView>()),
        ("IdentityConfirmationFile", schema_of::<IdentityConfirmationFile>()),
        ("LinkVerification", schema_of::<LinkVerification>()),
        ("Rectification", schema_of::<Rectification>()),
        ("Notification", schema_of::<Notification>()),
        ("PersonNotice", schema_of::<PersonNotice>()),
        ("RequestFiling", schema_of::<RequestFiling>()),
        ("RequestProgress", schema_of::<RequestProgress>()),
        ("PersonRequest", schema_of::<PersonRequest>()),
        ("OverdueRequest", schema_of::<OverdueRequest>()),
        // Statistics, logs, directory, capabilities, test control, errors.
        ("StatisticsReport", schema_of::<StatisticsReport>()),
        ("LogEntry", schema_of::<LogEntry>()),
        ("LogQuery", schema_of::<LogQuery>()),
        ("MonitoringProcedure", schema_of::<MonitoringProcedure>()),
        ("Principal", schema_of::<Principal>()),
        ("EspProfile", schema_of::<EspProfile>()),
        ("Capabilities", schema_of::<Capabilities>()),
        ("SourceBehaviour", schema_of::<SourceBehaviour>()),
        ("ComponentBehaviour", schema_of::<ComponentBehaviour>()),
        ("FailureNotice", schema_of::<FailureNotice>()),
        ("Error", schema_of::<crate::api::Error>()),
    ];
    // The HTTP binding's own bodies: problem documents, stream lines, multi-argument requests.
    schemas.extend(crate::http::wire::wire_schemas());
    schemas
}

/// The exact text stored for a schema: pretty JSON and a final newline.
pub fn render(schema: &Schema) -> String {
    let mut text = serde_json::to_string_pretty(schema).expect("a schema is always serialisable");
    text.push('\n');
    text
}

/// The file the OpenAPI document of the HTTP binding is stored in, beside the schemas.
pub const OPENAPI_FILE: &str = "openapi.json";

/// Every generated file: its name in `schemas/` and its exact text.
fn generated_files() -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> =
        message_schemas().into_iter().map(|(name, schema)| (file_name(name), render(&schema))).collect();
    let mut openapi = serde_json::to_string_pretty(&crate::http::wire::openapi_document())
        .expect("the OpenAPI document is always serialisable");
    openapi.push('\n');
    files.push((OPENAPI_FILE.to_string(), openapi));
    files
}

/// Writes every schema and the OpenAPI document into `dir`, returning the files written.
pub fn write_all(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir)?;
    let mut written = Vec::new();
    for (name, text) in generated_files() {
        let path = dir.join(name);
        std::fs::write(&path, text)?;
        written.push(path);
    }
    Ok(written)
}

/// The generated files in `dir` (schemas and the OpenAPI document) that are missing or differ
/// from what the types and the route table generate.
pub fn stale_files(dir: &Path) -> Vec<PathBuf> {
    generated_files()
        .into_iter()
        .filter_map(|(name, text)| {
            let path = dir.join(name);
            match std::fs::read_to_string(&path) {
                Ok(stored) if stored == text => None,
                _ => Some(path),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// FMT-JSON: the checked-in schemas are what the types generate.
    /// Run `cargo run -p jha-interop-conformance -- schemas` to refresh them.
    #[test]
    fn checked_in_schemas_are_fresh() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../schemas");
        let stale = stale_files(&dir);
        assert!(
            stale.is_empty(),
            "stale schemas {stale:?}: run `cargo run -p jha-interop-conformance -- schemas`"
        );
    }
}
