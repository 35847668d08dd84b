//! SEC-02 and SEC-05 on the wire: wrong content types, oversize bodies (with and without a
//! length), JSON that does not parse, wrong types, missing and unknown fields, malformed path
//! parameters — each a problem naming what is wrong, never a 500.

use std::time::Duration;

use futures_util::stream;
use jha_interop::api::ErrorKind;
use jha_interop::http::server::ServerOptions;
use jha_interop::model::{
    CountryCode, Date, DocumentNumber, DocumentType, IdentityData, Organisation, RecordWrite, Sex,
    TravelDocument,
};
use serde_json::{Value, json};

use super::{CONTROL, EES, Fixture, expect_problem};

const RECORD: &str = "/v1/systems/EES/records/EES-0001";

/// An EES record the reference accepts: a person with a passport.
pub fn record_json() -> Value {
    let identity = IdentityData::person("GARCÍA", "Ana", "1990-05-07", Sex::F, "ESP").unwrap();
    let mut record = RecordWrite::new(Organisation::member_state("DEU").unwrap(), identity);
    record.travel_documents.push(TravelDocument {
        document_type: DocumentType::Passport,
        number: DocumentNumber::new("PA1234567").unwrap(),
        issuing_country: CountryCode::new("ESP").unwrap(),
        expiry: Some(Date::new(2031, 1, 1).unwrap()),
    });
    serde_json::to_value(record).unwrap()
}

async fn put_raw(
    fixture: &Fixture,
    content_type: Option<&str>,
    body: impl Into<reqwest::Body>,
) -> reqwest::Response {
    let server = &fixture.server;
    let mut request = server.http.put(server.url(RECORD)).bearer_auth(EES).body(body);
    if let Some(value) = content_type {
        request = request.header("content-type", value);
    }
    request.send().await.unwrap()
}

fn only_field(problem: &jha_interop::http::wire::Problem) -> &str {
    assert_eq!(problem.violations.len(), 1, "{problem:?}");
    &problem.violations[0].field
}

#[tokio::test]
async fn a_body_that_is_not_json_by_its_content_type_is_415() {
    let fixture = Fixture::with_test_control().await;
    let body = record_json().to_string();
    for content_type in
        [None, Some("text/plain"), Some("application/x-www-form-urlencoded"), Some("application/jsonp")]
    {
        let response = put_raw(&fixture, content_type, body.clone()).await;
        expect_problem(response, 415, ErrorKind::Invalid).await;
    }
    let response = put_raw(&fixture, Some("application/json; charset=utf-8"), body).await;
    assert_eq!(response.status(), 200);
}

#[tokio::test]
async fn a_body_over_the_limit_is_413_with_or_without_a_length() {
    let options = ServerOptions { max_request_bytes: 1024, test_control: false };
    let fixture = Fixture::start(options).await;
    // Valid JSON, only too long: the size is refused before anything else.
    let mut record = record_json();
    record["identity"]["place_of_birth"] = json!("x".repeat(3000));
    let big = record.to_string();
    assert!(big.len() > 1024);

    let response = put_raw(&fixture, Some("application/json"), big.clone()).await;
    let problem = expect_problem(response, 413, ErrorKind::PayloadTooLarge).await;
    assert_eq!(problem.rule.as_deref(), Some("SEC-05"));

    // Chunked, no Content-Length: the bytes received count.
    let chunks: Vec<Result<Vec<u8>, std::io::Error>> =
        big.as_bytes().chunks(256).map(|c| Ok(c.to_vec())).collect();
    let streamed = reqwest::Body::wrap_stream(stream::iter(chunks));
    let response = put_raw(&fixture, Some("application/json"), streamed).await;
    let problem = expect_problem(response, 413, ErrorKind::PayloadTooLarge).await;
    assert_eq!(problem.rule.as_deref(), Some("SEC-05"));

    let small = record_json().to_string();
    // Far over the limit, both ways: the early 413 reaches the client, not a reset.
    let huge = vec![b' '; 2 * 1024 * 1024];
    let response = put_raw(&fixture, Some("application/json"), huge.clone()).await;
    expect_problem(response, 413, ErrorKind::PayloadTooLarge).await;
    let chunks: Vec<Result<Vec<u8>, std::io::Error>> =
        huge.chunks(64 * 1024).map(|c| Ok(c.to_vec())).collect();
    let response =
        put_raw(&fixture, Some("application/json"), reqwest::Body::wrap_stream(stream::iter(chunks))).await;
    expect_problem(response, 413, ErrorKind::PayloadTooLarge).await;

    // Just over the limit, many times: the server reads the rest before answering, so the
    // client always reads the 413 rather than racing a closed connection.
    for _ in 0..20 {
        let just_over = format!("{small}{}", " ".repeat(1025 - small.len()));
        let response = put_raw(&fixture, Some("application/json"), just_over).await;
        expect_problem(response, 413, ErrorKind::PayloadTooLarge).await;
    }

    // Under the limit, chunked: accepted.
    assert!(small.len() < 1024);
    let chunks: Vec<Result<Vec<u8>, std::io::Error>> =
        small.as_bytes().chunks(64).map(|c| Ok(c.to_vec())).collect();
    let response =
        put_raw(&fixture, Some("application/json"), reqwest::Body::wrap_stream(stream::iter(chunks))).await;
    assert_eq!(response.status(), 200);
}

#[tokio::test]
async fn malformed_json_is_400_naming_line_and_column() {
    let fixture = Fixture::with_test_control().await;
    for body in [
        "{\"owner\":\n  {\"member_state\": \"DEU\"},,\n}",
        "",
        "{\"owner\": ",
        "{} {}",
        "{\"owner\": 1,",
        "\u{0}",
    ] {
        let response = put_raw(&fixture, Some("application/json"), body).await;
        let problem = expect_problem(response, 400, ErrorKind::Invalid).await;
        assert_eq!(problem.violations[0].rule, "FMT-JSON", "{body:?}: {problem:?}");
        assert!(problem.violations[0].message.contains("line"), "{problem:?}");
        assert!(problem.violations[0].message.contains("column"), "{problem:?}");
    }
}

#[tokio::test]
async fn an_unknown_field_anywhere_is_422_naming_its_path() {
    let fixture = Fixture::with_test_control().await;
    let mut top = record_json();
    top["colour"] = json!("blue");
    let mut nested = record_json();
    nested["identity"]["favourite_food"] = json!("paella");
    let mut in_list = record_json();
    in_list["identity"]["aliases"] = json!([{"status": "alias", "surname": "GARCIA", "nickname": "A"}]);
    for (body, path) in
        [(top, "colour"), (nested, "identity.favourite_food"), (in_list, "identity.aliases[0].nickname")]
    {
        let response = put_raw(&fixture, Some("application/json"), body.to_string()).await;
        let problem = expect_problem(response, 422, ErrorKind::Invalid).await;
        assert_eq!(only_field(&problem), path, "{problem:?}");
    }
    // Inside an internally tagged enum, which serde buffers.
    let server = &fixture.server;
    let response = server
        .http
        .put(server.url("/v1/test/sources/SIS/behaviour"))
        .bearer_auth(CONTROL)
        .json(&json!({"behaviour": "slow", "delay_ms": 10, "jitter_ms": 5}))
        .send()
        .await
        .unwrap();
    let problem = expect_problem(response, 422, ErrorKind::Invalid).await;
    assert_eq!(only_field(&problem), "jitter_ms", "{problem:?}");
    // Into a wire body that denies unknown fields itself.
    let response = server
        .http
        .put(server.url("/v1/test/interpol-no-reveal"))
        .bearer_auth(CONTROL)
        .json(&json!({"guaranteed": true, "really": true}))
        .send()
        .await
        .unwrap();
    let problem = expect_problem(response, 422, ErrorKind::Invalid).await;
    assert_eq!(only_field(&problem), "really", "{problem:?}");
}

#[tokio::test]
async fn a_wrong_type_or_a_missing_field_is_422_naming_the_field() {
    let fixture = Fixture::with_test_control().await;
    let mut wrong = record_json();
    wrong["identity"]["surname"] = json!(42);
    let mut wrong_in_list = record_json();
    wrong_in_list["identity"]["nationalities"] = json!(["ESP", 7]);
    let mut missing = record_json();
    missing.as_object_mut().unwrap().remove("owner");
    let mut bad_value = record_json();
    bad_value["identity"]["date_of_birth"] = json!("1990-13-45");
    let cases = [
        (wrong, "identity.surname"),
        (wrong_in_list, "identity.nationalities[1]"),
        (missing, "owner"),
        (bad_value, "identity.date_of_birth"),
        (json!([]), ""),
    ];
    for (body, path) in cases {
        let response = put_raw(&fixture, Some("application/json"), body.to_string()).await;
        let problem = expect_problem(response, 422, ErrorKind::Invalid).await;
        assert_eq!(only_field(&problem), path, "{problem:?}");
    }
}

#[tokio::test]
async fn path_parameters_are_checked() {
    let fixture = Fixture::with_test_control().await;
    let server = &fixture.server;
    let get = |path: &str| server.http.get(server.url(path)).bearer_auth(EES).send();

    expect_problem(get("/v1/systems/NOPE/records/X-1").await.unwrap(), 404, ErrorKind::NotFound).await;
    expect_problem(get("/v1/systems/ees/records/X-1").await.unwrap(), 404, ErrorKind::NotFound).await;
    expect_problem(get("/v1/crrs/reports/no_such_report").await.unwrap(), 404, ErrorKind::NotFound).await;
    for (path, field) in [
        ("/v1/systems/EES/records/bad%20id", "id"),
        ("/v1/sbms/records/EES/%C3%A9/templates", "id"),
        ("/v1/mid/links/no%2Fsuch/confirmation-file", "sin"),
        ("/v1/cir/linked-data/%E2%9C%93", "sin"),
    ] {
        let problem = expect_problem(get(path).await.unwrap(), 422, ErrorKind::Invalid).await;
        assert_eq!(only_field(&problem), field, "{path}: {problem:?}");
    }
    // Invalid UTF-8 once decoded.
    let problem =
        expect_problem(get("/v1/systems/EES/records/%FF").await.unwrap(), 422, ErrorKind::Invalid).await;
    assert!(!problem.violations.is_empty());
    // The query id of a follow-up is checked before the body.
    let response =
        server.http.post(server.url("/v1/cir/hits/a%20b/follow-up")).bearer_auth(EES).send().await.unwrap();
    let problem = expect_problem(response, 422, ErrorKind::Invalid).await;
    assert_eq!(only_field(&problem), "query");
}

#[tokio::test]
async fn no_input_makes_the_server_fail() {
    // A handful of hostile bodies on every JSON route: never a 500, always a problem.
    let fixture = Fixture::with_test_control().await;
    let server = &fixture.server;
    let bodies = [
        "null",
        "1e999",
        "\"x\"",
        "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
        "{\"a\":\"\\ud800\"}",
    ];
    for route in jha_interop::http::wire::ROUTES {
        if !matches!(route.request, jha_interop::http::wire::RequestBody::Json(_)) {
            continue;
        }
        let values: Vec<&str> = route
            .parameters()
            .iter()
            .map(|p| match *p {
                "system" => "EES",
                "component" => "CIR",
                _ => "X-1",
            })
            .collect();
        let path = route.call.path(&values).unwrap();
        let token = if route.access == jha_interop::http::wire::Access::TestControl { CONTROL } else { EES };
        for body in bodies {
            let method = reqwest::Method::from_bytes(route.method.as_str().as_bytes()).unwrap();
            let response = server
                .http
                .request(method, server.url(&path))
                .bearer_auth(token)
                .header("content-type", "application/json")
                .body(body)
                .timeout(Duration::from_secs(30))
                .send()
                .await
                .unwrap();
            let status = response.status().as_u16();
            assert!(status == 400 || status == 422, "{} {path} with {body}: {status}", route.method.as_str());
            super::problem(response).await;
        }
    }
}
