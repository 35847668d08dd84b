//! The router is the route table: every row answers at its method and path (not a 404 or 405
//! of the router), paths and methods outside the table get 404 and 405 problem documents.

use jha_interop::api::ErrorKind;
use jha_interop::http::server::{ServerOptions, TokenTable};
use jha_interop::http::wire::{Access, ROUTES, RequestBody};

use super::{CONTROL, Fixture, OFFICER, Server, expect_problem, problem};

/// The detail of the router's own 404, to tell it from a handler's.
const NO_SUCH_ROUTE: &str = "no such route";

fn sample(parameter: &str) -> &'static str {
    match parameter {
        "system" => "EES",
        "kind" => "links_per_colour",
        _ => "X-1",
    }
}

#[tokio::test]
async fn every_route_of_the_table_is_mounted() {
    let fixture = Fixture::with_test_control().await;
    let server = &fixture.server;
    for route in ROUTES {
        let values: Vec<&str> = route.parameters().iter().map(|p| sample(p)).collect();
        let path = route.call.path(&values).unwrap();
        let method = reqwest::Method::from_bytes(route.method.as_str().as_bytes()).unwrap();
        let mut request = server.http.request(method, server.url(&path));
        request = match route.access {
            Access::Public => request,
            Access::Principal => request.bearer_auth(OFFICER),
            Access::TestControl => request.bearer_auth(CONTROL),
        };
        if let RequestBody::Json(_) = route.request {
            request = request.header("content-type", "application/json").body("{}");
        }
        let response = request.send().await.unwrap();
        let status = response.status().as_u16();
        let what = format!("{} {} ({:?})", route.method.as_str(), route.path, route.call);
        assert_ne!(status, 405, "{what}");
        assert_ne!(status, 401, "{what}");
        assert!(status < 500, "{what}: {status}");
        if status >= 400 {
            let problem = problem(response).await;
            assert!(!problem.detail.starts_with(NO_SUCH_ROUTE), "{what} is not mounted");
        }
    }
}

#[tokio::test]
async fn unknown_paths_and_methods_get_problem_documents() {
    let fixture = Fixture::with_test_control().await;
    let server = &fixture.server;
    for path in ["/", "/v1", "/v2/capabilities", "/v1/systems/EES/records", "/v1/systems/EES/records/X/extra"]
    {
        let response = server.http.get(server.url(path)).bearer_auth(OFFICER).send().await.unwrap();
        let problem = expect_problem(response, 404, ErrorKind::NotFound).await;
        assert!(problem.detail.starts_with(NO_SUCH_ROUTE), "{path}: {problem:?}");
    }
    let response = server
        .http
        .patch(server.url("/v1/systems/EES/records/X-1"))
        .bearer_auth(OFFICER)
        .send()
        .await
        .unwrap();
    let allow = response.headers().get("allow").and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
    for method in ["GET", "PUT", "DELETE"] {
        assert!(allow.contains(method), "Allow: {allow}");
    }
    expect_problem(response, 405, ErrorKind::NotFound).await;
    let response = server.http.delete(server.url("/v1/capabilities")).send().await.unwrap();
    expect_problem(response, 405, ErrorKind::NotFound).await;
}

#[tokio::test]
async fn test_control_is_mounted_only_with_a_token_and_an_implementation_that_offers_it() {
    // Enabled, the reference offers it, but no test-control token was set.
    let reference = jha_interop::reference::Reference::default();
    let server = Server::start(
        std::sync::Arc::new(reference),
        TokenTable::new(),
        ServerOptions { test_control: true, ..ServerOptions::default() },
    )
    .await;
    let response = server.http.post(server.url("/v1/test/reset")).bearer_auth(CONTROL).send().await.unwrap();
    expect_problem(response, 404, ErrorKind::NotFound).await;
}

#[tokio::test]
async fn every_reply_is_marked_not_to_be_cached_and_the_server_stops_gracefully() {
    let fixture = Fixture::with_test_control().await;
    let server = &fixture.server;
    for path in ["/v1/capabilities", "/v1/directory/whoami", "/nowhere"] {
        let response = server.http.get(server.url(path)).bearer_auth(OFFICER).send().await.unwrap();
        assert_eq!(response.headers()["cache-control"], "no-store", "{path}");
    }
    let Fixture { server, .. } = fixture;
    server.stop().await;
}

/// The published OpenAPI document and the router describe the same binding: every operation of
/// `schemas/openapi.json` is mounted, and every row of the table is in the document.
#[tokio::test]
async fn the_published_openapi_document_and_the_router_agree() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../schemas/openapi.json");
    let document: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).expect("openapi.json is JSON");
    let paths = document["paths"].as_object().expect("the document has paths");
    for route in ROUTES {
        let method = route.method.as_str().to_ascii_lowercase();
        assert!(
            paths.get(route.path).and_then(|p| p.get(&method)).is_some(),
            "{method} {} is undocumented",
            route.path
        );
    }
    let fixture = Fixture::with_test_control().await;
    let server = &fixture.server;
    let mut operations = 0;
    for (template, item) in paths {
        for (method, operation) in item.as_object().expect("a path item") {
            operations += 1;
            let mut filled = template.clone();
            for parameter in operation["parameters"].as_array().into_iter().flatten() {
                let name = parameter["name"].as_str().expect("a named parameter");
                filled = filled.replace(&format!("{{{name}}}"), sample(name));
            }
            let test_route = template.starts_with("/v1/test/");
            let public = operation["security"].as_array().is_some_and(|s| s.is_empty());
            let method = reqwest::Method::from_bytes(method.to_ascii_uppercase().as_bytes()).unwrap();
            let mut request = server.http.request(method.clone(), server.url(&filled));
            if !public {
                request = request.bearer_auth(if test_route { CONTROL } else { OFFICER });
            }
            if operation.get("requestBody").is_some() {
                request = request.header("content-type", "application/json").body("{}");
            }
            let response = request.send().await.unwrap();
            let status = response.status().as_u16();
            assert_ne!(status, 405, "{method} {template}");
            if status >= 400 {
                let problem = problem(response).await;
                assert!(
                    !problem.detail.starts_with(NO_SUCH_ROUTE),
                    "{method} {template} is documented but not mounted"
                );
            }
        }
    }
    assert_eq!(operations, ROUTES.len(), "the document has operations the table does not");
}
