//! The HTTP binding without I/O: routes, headers, media types, request bodies and problem
//! documents. Both the client ([`super::client`]) and the server ([`super::server`]) are built
//! on this one table, so they cannot drift apart; the OpenAPI document is generated from it.
//!
//! The binding in short:
//! - JSON over HTTP/1.1, base path `/v1`, one route per contract call ([`ROUTES`]), bodies
//!   are the model types as they are (`schemas/*.schema.json`);
//! - `Authorization: Bearer <token>` names the caller on every route but
//!   `GET /v1/capabilities`, which is public; a missing or unknown token is a 401 problem;
//! - errors are RFC 9457 problem documents ([`Problem`]) whose `type` names the
//!   [`ErrorKind`](crate::api::ErrorKind);
//! - `POST /v1/esp/search` streams NDJSON ([`SearchStreamLine`]) when asked with
//!   `Accept: application/x-ndjson`;
//! - `/v1/test/*` exists only on servers started with test control, guarded by its own token.

mod bodies;
mod openapi;
mod problem;
mod routes;

pub use bodies::{
    AdvanceTimeRequest, InterpolNoRevealRequest, OpenProcedureRequest, SearchStreamLine, SetTimeRequest,
};
pub use openapi::openapi_document;
pub use problem::{PROBLEM_TYPE_PREFIX, Problem};
pub use routes::{Access, Call, Method, ROUTES, RequestBody, ResponseBody, Route, encode_segment};

/// `application/json`
pub const JSON: &str = "application/json";
/// `application/problem+json` (RFC 9457)
pub const PROBLEM_JSON: &str = "application/problem+json";
/// `application/x-ndjson`: one JSON document per line.
pub const NDJSON: &str = "application/x-ndjson";

/// The schemas of the binding's own bodies (beyond the model's message types), by name.
pub fn wire_schemas() -> Vec<(&'static str, schemars::Schema)> {
    vec![
        ("Problem", crate::json_schema::schema_of::<Problem>()),
        ("SearchStreamLine", crate::json_schema::schema_of::<SearchStreamLine>()),
        ("OpenProcedureRequest", crate::json_schema::schema_of::<OpenProcedureRequest>()),
        ("SetTimeRequest", crate::json_schema::schema_of::<SetTimeRequest>()),
        ("AdvanceTimeRequest", crate::json_schema::schema_of::<AdvanceTimeRequest>()),
        ("InterpolNoRevealRequest", crate::json_schema::schema_of::<InterpolNoRevealRequest>()),
    ]
}
