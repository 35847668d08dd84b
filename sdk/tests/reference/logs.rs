//! Logs and their retention (LOG-01..03).

use jha_interop::api::ErrorKind;
use jha_interop::model::*;

use crate::fixture::*;

/// LOG-02: supervisory authorities read every entry, a Member State's authority only its own
/// State's (self-monitoring), a statistics user none; LOG-03: no biometric or full identity data.
#[tokio::test]
async fn log_02_03_supervisors_only_and_no_personal_data() {
    let f = Fixture::new();
    f.put(SourceSystem::Etias, person("ESP", "SMITH", "Joan", "1981-02-03", Sex::F, "COL", "PJ7654321"))
        .await;
    f.put(SourceSystem::Ees, person("DEU", "NOWAK", "Ewa", "1975-11-30", Sex::F, "COL", "PJ7654321")).await;
    let stats = f.role(AuthorityKind::StatisticsUser, "DEU");
    let err = stats.audit_log.entries(LogQuery::default()).await.unwrap_err();
    assert_eq!(err.kind, ErrorKind::Forbidden);
    assert!(err.concerns("LOG-02"));
    let border = f.role(AuthorityKind::BorderAuthority, "DEU");
    let own = border.audit_log.entries(LogQuery::default()).await.unwrap();
    assert!(
        own.iter()
            .all(|e| e.requester.as_ref().is_some_and(|r| r.authority.organisation.to_string() == "DEU")),
        "self-monitoring reads only the entries of DEU's authorities: {own:?}"
    );
    let supervisor = f.role(AuthorityKind::SupervisoryAuthority, "DEU");
    let entries = supervisor.audit_log.entries(LogQuery::default()).await.unwrap();
    assert!(
        entries.iter().any(|e| matches!(e.event, LogEvent::AccessDenied { .. })),
        "the refusal is logged (SEC-01)"
    );
    let text = serde_json::to_string(&entries).unwrap();
    for personal in ["SMITH", "NOWAK", "Joan", "PJ7654321", "1981-02-03"] {
        assert!(!text.contains(personal), "a log holds {personal}");
    }
}

/// LOG-01: logs go after a year unless a monitoring procedure already begun holds them.
#[tokio::test]
async fn log_01_one_year_retention_with_holds() {
    let f = Fixture::new();
    let supervisor = f.role(AuthorityKind::SupervisoryAuthority, "DEU");
    let stats = f.role(AuthorityKind::StatisticsUser, "DEU");
    stats.statistics.report(ReportKind::LinksPerColour).await.unwrap();
    let count = || async {
        supervisor
            .audit_log
            .entries(LogQuery { component: Some(Component::Crrs), ..LogQuery::default() })
            .await
            .unwrap()
            .len()
    };
    assert_eq!(count().await, 1);
    let procedure = supervisor
        .audit_log
        .open_procedure(
            "audit of CRRS access".into(),
            LogQuery { component: Some(Component::Crrs), ..LogQuery::default() },
        )
        .await
        .unwrap();
    f.control.advance_time(366 * DAY_MS).await.unwrap();
    assert_eq!(count().await, 1, "held by the open procedure");
    supervisor.audit_log.close_procedure(&procedure.id).await.unwrap();
    assert_eq!(count().await, 0, "erased once the procedure no longer needs it");
}
