//! The JSON building blocks of a description, shared by the description of each format.

use serde::Serialize;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

/// `{"length", "sha256"}` of a binary payload.
pub(super) fn payload(bytes: &[u8]) -> Value {
    json!({"length": bytes.len(), "sha256": sha256_hex(bytes)})
}

pub(super) fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// The codecs' types serialise without maps keyed by non-strings or failing `Serialize`
/// impls, so this cannot fail; `null` keeps it total anyway.
pub(super) fn to_json(value: &impl Serialize) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}
