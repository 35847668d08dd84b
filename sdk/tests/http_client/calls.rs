//! Every call of the contract, one test each (every row of the route table): the request
//! the client sends — method, path, headers (the bearer token checked, then redacted), body —
//! snapshotted, and the reply decoded into the model type.

use futures_util::StreamExt;
use insta::assert_json_snapshot;
use jha_interop::api::{Connector, TestControl};
use jha_interop::http::wire::{Call, ROUTES};
use jha_interop::model::*;
use serde_json::json;
use wiremock::ResponseTemplate;

use crate::support::*;

fn sin() -> Sin {
    Sin::new("SIN-0001").unwrap()
}

fn log_query() -> LogQuery {
    value(json!({"component": "ESP", "from": "2026-11-01T00:00:00Z"}))
}

fn no_content() -> ResponseTemplate {
    ResponseTemplate::new(204)
}

async fn test_control(harness: &Harness) -> std::sync::Arc<dyn TestControl> {
    harness.connector.test_control().expect("declared and the token is set")
}

#[test]
fn every_call_of_the_table_is_tested_here() {
    // A new row of the table needs a test below, whose snapshot is named after the call's
    // operation id in snake case (`profilesDueForReview` -> `profiles_due_for_review`).
    let snapshots = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/http_client/snapshots");
    let missing: Vec<&str> = ROUTES
        .iter()
        .map(|r| r.operation_id)
        .filter(|id| {
            let snake: String =
                id.chars()
                    .flat_map(|c| {
                        if c.is_ascii_uppercase() { vec!['_', c.to_ascii_lowercase()] } else { vec![c] }
                    })
                    .collect();
            !snapshots.join(format!("http_client__calls__{snake}.snap")).exists()
        })
        .collect();
    assert!(missing.is_empty(), "calls without a test here: {missing:?}");
    assert_eq!(Call::all().count(), ROUTES.len());
}

#[tokio::test]
async fn put_record() {
    let h = Harness::start().await;
    h.mount("PUT", "/v1/systems/EES/records/EES-0001", json_reply("write_outcome.json")).await;
    let outcome =
        h.session.source_systems.put_record(&ees_0001(), fixture("record_write.json")).await.unwrap();
    assert_eq!(outcome, fixture::<WriteOutcome>("write_outcome.json"));
    assert_json_snapshot!("put_record", h.sent(Some(TOKEN)).await);
}

#[tokio::test]
async fn delete_record() {
    let h = Harness::start().await;
    h.mount("DELETE", "/v1/systems/EES/records/EES-0001", no_content()).await;
    h.session.source_systems.delete_record(&ees_0001()).await.unwrap();
    assert_json_snapshot!("delete_record", h.sent(Some(TOKEN)).await);
}

#[tokio::test]
async fn get_record() {
    let h = Harness::start().await;
    h.mount("GET", "/v1/systems/EES/records/EES-0001", json_reply("stored_record.json")).await;
    let record = h.session.source_systems.get_record(&ees_0001()).await.unwrap();
    assert_eq!(record, fixture::<StoredRecord>("stored_record.json"));
    assert_json_snapshot!("get_record", h.sent(Some(TOKEN)).await);
}

#[tokio::test]
async fn get_record_of_a_system_with_an_underscore_and_an_id_with_a_colon() {
    let h = Harness::start().await;
    h.mount("GET", "/v1/systems/ECRIS_TCN/records/ecris%3A42", json_reply("stored_record.json")).await;
    let reference = RecordRef::new(SourceSystem::EcrisTcn, RecordId::new("ecris:42").unwrap());
    h.session.source_systems.get_record(&reference).await.unwrap();
    assert_eq!(h.sent(Some(TOKEN)).await["path"], "/v1/systems/ECRIS_TCN/records/ecris%3A42");
}

#[tokio::test]
async fn search() {
    let h = Harness::start().await;
    let body = format!(
        "{}\n{}\n{}\n",
        json!({"result": fixture::<SourceResult>("source_result_ees.json")}),
        json!({"result": fixture::<SourceResult>("source_result_vis.json")}),
        json!({"end": {"results": 2}}),
    );
    h.mount("POST", "/v1/esp/search", ResponseTemplate::new(200).set_body_raw(body, "application/x-ndjson"))
        .await;
    let stream = h.session.search_portal.search(fixture("search_request.json")).await.unwrap();
    let results: Vec<SourceResult> = stream.map(|r| r.unwrap()).collect().await;
    assert_eq!(
        results,
        vec![
            fixture::<SourceResult>("source_result_ees.json"),
            fixture::<SourceResult>("source_result_vis.json")
        ]
    );
    assert_json_snapshot!("search", h.sent(Some(TOKEN)).await);
}

#[tokio::test]
async fn biometric_identify() {
    let h = Harness::start().await;
    h.mount("POST", "/v1/sbms/identify", json_reply("identify_reply.json")).await;
    let reply = h.session.biometrics.identify(fixture("identify_request.json")).await.unwrap();
    assert_eq!(reply, fixture::<IdentifyReply>("identify_reply.json"));
    assert_json_snapshot!("biometric_identify", h.sent(Some(TOKEN)).await);
}

#[tokio::test]
async fn biometric_verify() {
    let h = Harness::start().await;
    h.mount("POST", "/v1/sbms/verify", json_reply("verify_reply.json")).await;
    let reply = h.session.biometrics.verify(fixture("verify_request.json")).await.unwrap();
    assert_eq!(reply, fixture::<VerifyReply>("verify_reply.json"));
    assert_json_snapshot!("biometric_verify", h.sent(Some(TOKEN)).await);
}

#[tokio::test]
async fn templates() {
    let h = Harness::start().await;
    h.mount("GET", "/v1/sbms/records/EES/EES-0001/templates", json_reply("templates.json")).await;
    let templates = h.session.biometrics.templates(&ees_0001()).await.unwrap();
    assert_eq!(templates, fixture::<Vec<TemplateInfo>>("templates.json"));
    assert_json_snapshot!("templates", h.sent(Some(TOKEN)).await);
}

#[tokio::test]
async fn cir_identify() {
    let h = Harness::start().await;
    h.mount("POST", "/v1/cir/identify", json_reply("identification_reply.json")).await;
    let reply = h.session.identity_repository.identify(fixture("identification_request.json")).await.unwrap();
    assert_eq!(reply, fixture::<IdentificationReply>("identification_reply.json"));
    assert_json_snapshot!("cir_identify", h.sent(Some(TOKEN)).await);
}

#[tokio::test]
async fn hit_flags() {
    let h = Harness::start().await;
    h.mount("POST", "/v1/cir/hits", json_reply("hit_flag_reply.json")).await;
    let reply = h.session.identity_repository.hit_flags(fixture("hit_flag_request.json")).await.unwrap();
    assert_eq!(reply, fixture::<HitFlagReply>("hit_flag_reply.json"));
    assert_json_snapshot!("hit_flags", h.sent(Some(TOKEN)).await);
}

#[tokio::test]
async fn follow_up() {
    let h = Harness::start().await;
    h.mount("POST", "/v1/cir/hits/Q-0001/follow-up", no_content()).await;
    let follow_up = HitFollowUp::FullAccessRequest { system: SourceSystem::Vis };
    h.session.identity_repository.follow_up(&QueryId::new("Q-0001").unwrap(), follow_up).await.unwrap();
    assert_json_snapshot!("follow_up", h.sent(Some(TOKEN)).await);
}

#[tokio::test]
async fn file_of() {
    let h = Harness::start().await;
    h.mount("GET", "/v1/cir/records/EES/EES-0001/file", json_reply("individual_file_view.json")).await;
    let file = h.session.identity_repository.file_of(&ees_0001()).await.unwrap();
    assert_eq!(file, fixture::<IndividualFileView>("individual_file_view.json"));
    assert_json_snapshot!("file_of", h.sent(Some(TOKEN)).await);
}

#[tokio::test]
async fn linked_data() {
    let h = Harness::start().await;
    h.mount("GET", "/v1/cir/linked-data/SIN-0001", json_reply("linked_data.json")).await;
    let data = h.session.identity_repository.linked_data(&sin()).await.unwrap();
    assert_eq!(data, fixture::<LinkedData>("linked_data.json"));
    assert_json_snapshot!("linked_data", h.sent(Some(TOKEN)).await);
}

#[tokio::test]
async fn links() {
    let h = Harness::start().await;
    h.mount("GET", "/v1/mid/records/EES/EES-0001/links", json_reply("links.json")).await;
    let links = h.session.identity_detector.links(&ees_0001()).await.unwrap();
    assert_eq!(links, fixture::<Vec<LinkView>>("links.json"));
    assert_json_snapshot!("links", h.sent(Some(TOKEN)).await);
}

#[tokio::test]
async fn confirmation_file() {
    let h = Harness::start().await;
    h.mount("GET", "/v1/mid/links/SIN-0001/confirmation-file", json_reply("identity_confirmation_file.json"))
        .await;
    let file = h.session.identity_detector.confirmation_file(&sin()).await.unwrap();
    assert_eq!(file, fixture::<IdentityConfirmationFile>("identity_confirmation_file.json"));
    assert_json_snapshot!("confirmation_file", h.sent(Some(TOKEN)).await);
}

#[tokio::test]
async fn verify_link() {
    let h = Harness::start().await;
    h.mount("POST", "/v1/mid/links/SIN-0001/verification", json_reply("link_view_verified.json")).await;
    let verification: LinkVerification = value(json!({"outcome": "same_person_justified"}));
    let link = h.session.identity_detector.verify_link(&sin(), verification).await.unwrap();
    assert_eq!(link, Some(fixture::<LinkView>("link_view_verified.json")));
    assert_json_snapshot!("verify_link", h.sent(Some(TOKEN)).await);
}

#[tokio::test]
async fn verify_link_that_erases_the_link_is_none() {
    let h = Harness::start().await;
    h.mount("POST", "/v1/mid/links/SIN-0001/verification", no_content()).await;
    let verification: LinkVerification = value(json!({"outcome": "different_persons"}));
    assert_eq!(h.session.identity_detector.verify_link(&sin(), verification).await.unwrap(), None);
}

#[tokio::test]
async fn rectify_link() {
    let h = Harness::start().await;
    h.mount("POST", "/v1/mid/links/SIN-0001/rectification", json_reply("link_view_rectified.json")).await;
    let rectification: Rectification =
        value(json!({"action": "correct", "outcome": "different_persons", "reason": "twins"}));
    let link = h.session.identity_detector.rectify_link(&sin(), rectification).await.unwrap();
    assert_eq!(link, Some(fixture::<LinkView>("link_view_rectified.json")));
    assert_json_snapshot!("rectify_link", h.sent(Some(TOKEN)).await);
}

#[tokio::test]
async fn rectify_link_that_erases_the_link_is_none() {
    let h = Harness::start().await;
    h.mount("POST", "/v1/mid/links/SIN-0001/rectification", no_content()).await;
    let rectification: Rectification = value(json!({"action": "erase", "reason": "recorded by mistake"}));
    assert_eq!(h.session.identity_detector.rectify_link(&sin(), rectification).await.unwrap(), None);
}

#[tokio::test]
async fn notifications() {
    let h = Harness::start().await;
    h.mount("GET", "/v1/mid/notifications", json_reply("notifications.json")).await;
    let notifications = h.session.identity_detector.notifications().await.unwrap();
    assert_eq!(notifications, fixture::<Vec<Notification>>("notifications.json"));
    assert_json_snapshot!("notifications", h.sent(Some(TOKEN)).await);
}

#[tokio::test]
async fn person_notice() {
    let h = Harness::start().await;
    h.mount("GET", "/v1/mid/links/SIN-0001/person-notice", json_reply("person_notice.json")).await;
    let notice = h.session.identity_detector.person_notice(&sin()).await.unwrap();
    assert_eq!(notice, Some(fixture::<PersonNotice>("person_notice.json")));
    assert_json_snapshot!("person_notice", h.sent(Some(TOKEN)).await);
}

#[tokio::test]
async fn person_notice_not_due_is_none() {
    let h = Harness::start().await;
    h.mount("GET", "/v1/mid/links/SIN-0001/person-notice", no_content()).await;
    assert_eq!(h.session.identity_detector.person_notice(&sin()).await.unwrap(), None);
}

#[tokio::test]
async fn overdue_links() {
    let h = Harness::start().await;
    h.mount("GET", "/v1/mid/overdue-links", json_reply("links.json")).await;
    let links = h.session.identity_detector.overdue_links().await.unwrap();
    assert_eq!(links, fixture::<Vec<LinkView>>("links.json"));
    assert_json_snapshot!("overdue_links", h.sent(Some(TOKEN)).await);
}

#[tokio::test]
async fn file_request() {
    let h = Harness::start().await;
    h.mount("POST", "/v1/mid/requests", json_reply("person_request.json")).await;
    let filing: RequestFiling = value(json!({
        "kind": "access",
        "responsible_state": {"member_state": "FRA"},
        "identifying_data": {"surname": "GARCÍA", "first_names": "Ana", "date_of_birth": "1990-05-07"}
    }));
    let request = h.session.identity_detector.file_request(filing).await.unwrap();
    assert_eq!(request, fixture::<PersonRequest>("person_request.json"));
    assert_json_snapshot!("file_request", h.sent(Some(TOKEN)).await);
}

#[tokio::test]
async fn record_request_progress() {
    let h = Harness::start().await;
    h.mount("POST", "/v1/mid/requests/REQ-0000000001/progress", json_reply("person_request.json")).await;
    let id = RequestId::new("REQ-0000000001").unwrap();
    let request = h
        .session
        .identity_detector
        .record_request_progress(&id, RequestProgress::ResponsibleContacted)
        .await
        .unwrap();
    assert_eq!(request, fixture::<PersonRequest>("person_request.json"));
    assert_json_snapshot!("record_request_progress", h.sent(Some(TOKEN)).await);
}

#[tokio::test]
async fn requests() {
    let h = Harness::start().await;
    h.mount("GET", "/v1/mid/requests", json_reply("person_requests.json")).await;
    let requests = h.session.identity_detector.requests().await.unwrap();
    assert_eq!(requests, fixture::<Vec<PersonRequest>>("person_requests.json"));
    assert_json_snapshot!("requests", h.sent(Some(TOKEN)).await);
}

#[tokio::test]
async fn overdue_requests() {
    let h = Harness::start().await;
    h.mount("GET", "/v1/mid/overdue-requests", json_reply("overdue_requests.json")).await;
    let overdue = h.session.identity_detector.overdue_requests().await.unwrap();
    assert_eq!(overdue, fixture::<Vec<OverdueRequest>>("overdue_requests.json"));
    assert_json_snapshot!("overdue_requests", h.sent(Some(TOKEN)).await);
}

#[tokio::test]
async fn report() {
    let h = Harness::start().await;
    h.mount("GET", "/v1/crrs/reports/data_quality", json_reply("statistics_report.json")).await;
    let report = h.session.statistics.report(ReportKind::DataQuality).await.unwrap();
    assert_eq!(report, fixture::<StatisticsReport>("statistics_report.json"));
    assert_json_snapshot!("report", h.sent(Some(TOKEN)).await);
}

#[tokio::test]
async fn log_entries() {
    let h = Harness::start().await;
    h.mount("POST", "/v1/logs/search", json_reply("log_entries.json")).await;
    let entries = h.session.audit_log.entries(log_query()).await.unwrap();
    assert_eq!(entries, fixture::<Vec<LogEntry>>("log_entries.json"));
    assert_json_snapshot!("log_entries", h.sent(Some(TOKEN)).await);
}

#[tokio::test]
async fn open_procedure() {
    let h = Harness::start().await;
    h.mount("POST", "/v1/logs/procedures", json_reply("monitoring_procedure.json")).await;
    let procedure =
        h.session.audit_log.open_procedure("complaint 2026/17".to_string(), log_query()).await.unwrap();
    assert_eq!(procedure, fixture::<MonitoringProcedure>("monitoring_procedure.json"));
    assert_json_snapshot!("open_procedure", h.sent(Some(TOKEN)).await);
}

#[tokio::test]
async fn close_procedure_with_an_id_that_needs_encoding() {
    let h = Harness::start().await;
    h.mount(
        "POST",
        "/v1/logs/procedures/2026%2F17%20a/close",
        json_reply("monitoring_procedure_closed.json"),
    )
    .await;
    let procedure = h.session.audit_log.close_procedure("2026/17 a").await.unwrap();
    assert_eq!(procedure, fixture::<MonitoringProcedure>("monitoring_procedure_closed.json"));
    assert_json_snapshot!("close_procedure", h.sent(Some(TOKEN)).await);
}

#[tokio::test]
async fn whoami() {
    let h = Harness::start().await;
    h.mount("GET", "/v1/directory/whoami", json_reply("principal.json")).await;
    let principal = h.session.directory.whoami().await.unwrap();
    assert_eq!(principal, fixture::<Principal>("principal.json"));
    assert_json_snapshot!("whoami", h.sent(Some(TOKEN)).await);
}

#[tokio::test]
async fn profiles() {
    let h = Harness::start().await;
    h.mount("GET", "/v1/directory/profiles", json_reply("profiles.json")).await;
    let profiles = h.session.directory.profiles().await.unwrap();
    assert_eq!(profiles, fixture::<Vec<EspProfile>>("profiles.json"));
    assert_json_snapshot!("profiles", h.sent(Some(TOKEN)).await);
}

#[tokio::test]
async fn profiles_due_for_review() {
    let h = Harness::start().await;
    h.mount("GET", "/v1/directory/profiles/due-for-review", json_reply("profiles.json")).await;
    let profiles = h.session.directory.profiles_due_for_review().await.unwrap();
    assert_eq!(profiles, fixture::<Vec<EspProfile>>("profiles.json"));
    assert_json_snapshot!("profiles_due_for_review", h.sent(Some(TOKEN)).await);
}

#[tokio::test]
async fn capabilities_is_read_again_without_a_token() {
    let h = Harness::start().await;
    let capabilities = h.connector.capabilities().await.unwrap();
    assert_eq!(capabilities, fixture::<Capabilities>("capabilities.json"));
    assert_eq!(h.connector.declared_capabilities(), &capabilities);
    assert_json_snapshot!("capabilities", h.sent(None).await);
}

#[tokio::test]
async fn set_time() {
    let h = Harness::start().await;
    h.mount("PUT", "/v1/test/clock", no_content()).await;
    test_control(&h).await.set_time("2026-11-25T09:00:00Z".parse().unwrap()).await.unwrap();
    assert_json_snapshot!("set_time", h.sent(Some(TEST_TOKEN)).await);
}

#[tokio::test]
async fn advance_time() {
    let h = Harness::start().await;
    h.mount("POST", "/v1/test/clock/advance", no_content()).await;
    test_control(&h).await.advance_time(DAY_MS).await.unwrap();
    assert_json_snapshot!("advance_time", h.sent(Some(TEST_TOKEN)).await);
}

#[tokio::test]
async fn reset() {
    let h = Harness::start().await;
    h.mount("POST", "/v1/test/reset", no_content()).await;
    test_control(&h).await.reset().await.unwrap();
    assert_json_snapshot!("reset", h.sent(Some(TEST_TOKEN)).await);
}

#[tokio::test]
async fn set_source_behaviour() {
    let h = Harness::start().await;
    h.mount("PUT", "/v1/test/sources/ECRIS_TCN/behaviour", no_content()).await;
    let control = test_control(&h).await;
    control
        .set_source_behaviour(SourceSystem::EcrisTcn, SourceBehaviour::Slow { delay_ms: 2500 })
        .await
        .unwrap();
    assert_json_snapshot!("set_source_behaviour", h.sent(Some(TEST_TOKEN)).await);
}

#[tokio::test]
async fn failure_notices() {
    let h = Harness::start().await;
    h.mount("GET", "/v1/esp/failure-notices", json_reply("failure_notices.json")).await;
    let notices = h.session.search_portal.failure_notices().await.unwrap();
    assert_eq!(notices, fixture::<Vec<FailureNotice>>("failure_notices.json"));
    assert_json_snapshot!("failure_notices", h.sent(Some(TOKEN)).await);
}

#[tokio::test]
async fn set_component_behaviour() {
    let h = Harness::start().await;
    h.mount("PUT", "/v1/test/components/CIR/behaviour", no_content()).await;
    let control = test_control(&h).await;
    control.set_component_behaviour(Component::Cir, ComponentBehaviour::Failed).await.unwrap();
    assert_json_snapshot!("set_component_behaviour", h.sent(Some(TEST_TOKEN)).await);
}

#[tokio::test]
async fn set_interpol_no_reveal() {
    let h = Harness::start().await;
    h.mount("PUT", "/v1/test/interpol-no-reveal", no_content()).await;
    test_control(&h).await.set_interpol_no_reveal(true).await.unwrap();
    assert_json_snapshot!("set_interpol_no_reveal", h.sent(Some(TEST_TOKEN)).await);
}
