//! The OpenAPI 3.1 document of the binding, generated from the route table. Bodies refer to
//! the JSON Schemas published beside it (`schemas/{Name}.schema.json`), so a server written in
//! any language needs nothing else.

use serde_json::{Map, Value, json};

use super::routes::{Access, ROUTES, RequestBody, ResponseBody, Route};
use super::{JSON, NDJSON, PROBLEM_JSON};
use crate::json_schema::{file_name, schema_of};
use crate::model::{QueryId, RecordId, ReportKind, RequestId, Sin, SourceSystem};

fn schema_ref(name: &str) -> Value {
    json!({ "$ref": format!("./{}", file_name(name)) })
}

/// A parameter's schema, inlined from the model type's own (without its `$schema` header).
fn inline_schema<T: schemars::JsonSchema>() -> Value {
    let mut value = schema_of::<T>().to_value();
    if let Some(object) = value.as_object_mut() {
        object.remove("$schema");
    }
    value
}

fn parameter(name: &str) -> Value {
    let (schema, description) = match name {
        "system" => (inline_schema::<SourceSystem>(), "The source system."),
        "id" => (inline_schema::<RecordId>(), "The record's identifier in its system."),
        "procedure" => {
            (json!({ "type": "string", "minLength": 1 }), "The monitoring procedure's identifier.")
        }
        "sin" => (inline_schema::<Sin>(), "The link's single identification number."),
        "query" => (inline_schema::<QueryId>(), "The Art 22 query's identifier."),
        "request" => (inline_schema::<RequestId>(), "The person's request's identifier (MID-19)."),
        "kind" => (inline_schema::<ReportKind>(), "The statistics report."),
        "component" => (inline_schema::<crate::model::Component>(), "The component (ESP-09)."),
        _ => (json!({ "type": "string" }), ""),
    };
    json!({ "name": name, "in": "path", "required": true, "description": description, "schema": schema })
}

fn problem_response(description: &str) -> Value {
    json!({ "description": description, "content": { PROBLEM_JSON: { "schema": schema_ref("Problem") } } })
}

fn success_response(response: ResponseBody) -> (String, Value) {
    let one = |name: &str| json!({ JSON: { "schema": schema_ref(name) } });
    match response {
        ResponseBody::Empty => ("204".into(), json!({ "description": "Done." })),
        ResponseBody::One(name) => ("200".into(), json!({ "description": name, "content": one(name) })),
        ResponseBody::Many(name) => (
            "200".into(),
            json!({
                "description": format!("Every {name}"),
                "content": { JSON: { "schema": { "type": "array", "items": schema_ref(name) } } }
            }),
        ),
        ResponseBody::Optional(name) => ("200".into(), json!({ "description": name, "content": one(name) })),
        ResponseBody::SearchStream => (
            "200".into(),
            json!({
                "description": "The whole reply as one SearchReply, or with `Accept: application/x-ndjson` one \
                    SearchStreamLine per line, each written as soon as it is known, ending with an `end` line.",
                "content": {
                    JSON: { "schema": schema_ref("SearchReply") },
                    NDJSON: { "schema": schema_ref("SearchStreamLine") }
                }
            }),
        ),
    }
}

fn operation(route: &Route) -> Value {
    let mut op = Map::new();
    op.insert("operationId".into(), json!(route.operation_id));
    op.insert("summary".into(), json!(route.summary));
    op.insert("x-idempotent".into(), json!(route.idempotent));
    let parameters: Vec<Value> = route.parameters().into_iter().map(parameter).collect();
    if !parameters.is_empty() {
        op.insert("parameters".into(), Value::Array(parameters));
    }
    if let RequestBody::Json(name) = route.request {
        op.insert(
            "requestBody".into(),
            json!({ "required": true, "content": { JSON: { "schema": schema_ref(name) } } }),
        );
    }
    let security = match route.access {
        Access::Public => json!([]),
        Access::Principal => json!([{ "bearer": [] }]),
        Access::TestControl => json!([{ "testControl": [] }]),
    };
    op.insert("security".into(), security);
    let mut responses = Map::new();
    let (status, success) = success_response(route.response);
    responses.insert(status, success);
    if matches!(route.response, ResponseBody::Optional(_)) {
        responses.insert("204".into(), json!({ "description": "There is none." }));
    }
    if route.access != Access::Public {
        responses.insert("401".into(), problem_response("No valid credential (SEC-01)."));
    }
    if route.request != RequestBody::None {
        responses
            .insert("413".into(), problem_response("The body is larger than the documented limit (SEC-05)."));
        responses.insert("415".into(), problem_response("The body is not `application/json`."));
    }
    responses.insert(
        "default".into(),
        problem_response("Any other error: the problem `type` names the error kind."),
    );
    op.insert("responses".into(), Value::Object(responses));
    Value::Object(op)
}

/// The OpenAPI 3.1 document of the binding.
pub fn openapi_document() -> Value {
    let mut paths = Map::new();
    for route in ROUTES {
        let item = paths.entry(route.path.to_string()).or_insert_with(|| json!({}));
        item[route.method.as_str().to_ascii_lowercase()] = operation(route);
    }
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "jha-interop HTTP binding",
            "version": env!("CARGO_PKG_VERSION"),
            "summary": "The contract of the EU JHA interoperability components (ESP, sBMS, CIR, MID, CRRS) over HTTP.",
            "description": "One route per call of the contract. Bodies are the message types whose JSON Schemas \
                are published beside this document. Errors are RFC 9457 problem documents whose `type` is \
                `https://jha-interop.github.io/problems/{kind}`. Calls marked `x-idempotent` may be resent \
                after a lost reply; no other call may. `/v1/test/*` exists only on servers started with test \
                control.",
            "license": { "name": "Apache-2.0", "identifier": "Apache-2.0" }
        },
        "paths": Value::Object(paths),
        "components": {
            "securitySchemes": {
                "bearer": { "type": "http", "scheme": "bearer", "description": "A principal's token (SEC-01)." },
                "testControl": { "type": "http", "scheme": "bearer", "description": "The test-control token the server was started with (SEC-06)." }
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_route_is_an_operation_of_the_document() {
        let doc = openapi_document();
        for route in ROUTES {
            let op = &doc["paths"][route.path][route.method.as_str().to_ascii_lowercase()];
            assert_eq!(op["operationId"], route.operation_id, "{} {}", route.method.as_str(), route.path);
            let declared = op["parameters"].as_array().map(|p| p.len()).unwrap_or(0);
            assert_eq!(declared, route.parameters().len());
        }
    }
}
