//! How a type's published JSON Schema is generated and named: the building blocks shared by
//! the message schemas ([`crate::schema`]) and the OpenAPI document of the HTTP binding, which
//! `schema` also writes (so these cannot live in `schema` without a module cycle).

use schemars::{JsonSchema, Schema, generate::SchemaSettings};

/// The draft 2020-12 root schema of `T`.
pub(crate) fn schema_of<T: JsonSchema>() -> Schema {
    SchemaSettings::draft2020_12().into_generator().into_root_schema_for::<T>()
}

/// The file a schema is stored in.
pub fn file_name(name: &str) -> String {
    format!("{name}.schema.json")
}
