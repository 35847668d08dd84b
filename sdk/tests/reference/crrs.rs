//! Statistics (CRRS-01..03) and data-quality indicators (DQ-03).

use jha_interop::api::ErrorKind;
use jha_interop::model::*;

use crate::fixture::*;

/// CRRS-01, CRRS-02: aggregates without personal data, with the figures Art 66 lists.
#[tokio::test]
async fn crrs_01_02_aggregates_without_personal_data() {
    let f = Fixture::new();
    f.put(SourceSystem::Etias, person("ESP", "SMITH", "Joan", "1981-02-03", Sex::F, "COL", "PJ7654321"))
        .await;
    f.put(SourceSystem::Ees, person("DEU", "NOWAK", "Ewa", "1975-11-30", Sex::F, "COL", "PJ7654321")).await;
    let border = f.role(AuthorityKind::BorderAuthority, "DEU");
    let profile = profile_of(&border.directory.profiles().await.unwrap());
    let mut request = SearchRequest::new(profile);
    request.identity =
        Some(IdentityQuery { surname: Some(Name::new("NOWAK").unwrap()), ..IdentityQuery::default() });
    border.search_portal.search_all(request).await.unwrap();
    let stats = f.role(AuthorityKind::StatisticsUser, "DEU");
    let mut all = String::new();
    for kind in [
        ReportKind::EspQueriesPerProfile,
        ReportKind::InterpolQueries,
        ReportKind::CirQueriesPerPurpose,
        ReportKind::SearchesByBiometrics,
        ReportKind::LinksPerColour,
        ReportKind::LinkColourDurations,
        ReportKind::RecordsByAttributes,
        ReportKind::DataQuality,
    ] {
        let report = stats.statistics.report(kind).await.unwrap();
        all.push_str(&serde_json::to_string(&report).unwrap());
        match kind {
            ReportKind::EspQueriesPerProfile => assert_eq!(report.rows[0].count, 1),
            ReportKind::InterpolQueries => {
                assert_eq!(report.rows[0].dimensions[&Dimension::InterpolDatabase], "INTERPOL_SLTD")
            }
            ReportKind::LinksPerColour => {
                assert_eq!(report.rows[0].dimensions[&Dimension::Colour], "yellow");
                assert_eq!(report.rows[0].dimensions[&Dimension::SystemPair], "EES+ETIAS");
            }
            ReportKind::LinkColourDurations => assert_eq!(report.rows[0].count, 1),
            ReportKind::SearchesByBiometrics => {
                assert_eq!(report.rows[0].dimensions[&Dimension::WithBiometrics], "false")
            }
            _ => {}
        }
    }
    for personal in ["SMITH", "NOWAK", "Joan", "PJ7654321", "1981-02-03", "1975-11-30"] {
        assert!(!all.contains(personal), "statistics contain {personal}");
    }
    assert!(all.contains("\"year_of_birth\":\"1975\""), "year of birth is an allowed aggregate");
}

/// CRRS-03: only statistics users read the repository, and each read is logged.
#[tokio::test]
async fn crrs_03_access_restricted_and_logged() {
    let f = Fixture::new();
    let border = f.role(AuthorityKind::BorderAuthority, "DEU");
    let err = border.statistics.report(ReportKind::LinksPerColour).await.unwrap_err();
    assert_eq!(err.kind, ErrorKind::Forbidden);
    let stats = f.role(AuthorityKind::StatisticsUser, "FRA");
    stats.statistics.report(ReportKind::LinksPerColour).await.unwrap();
    let supervisor = f.role(AuthorityKind::SupervisoryAuthority, "DEU");
    let entries = supervisor.audit_log.entries(LogQuery::default()).await.unwrap();
    let read = entries
        .iter()
        .find(|e| matches!(e.event, LogEvent::CrrsAccess { report: ReportKind::LinksPerColour }))
        .unwrap();
    assert_eq!(read.requester.as_ref().unwrap().authority.organisation, org("FRA"));
}

/// DQ-03: the five indicators per system, as ratios.
#[tokio::test]
async fn dq_03_quality_indicators() {
    let f = Fixture::new();
    let mut expired = person("DEU", "NOWAK", "Ewa", "1975-11-30", Sex::F, "COL", "PJ7654321");
    expired.travel_documents[0].expiry = Some(Date::new(2020, 1, 1).unwrap());
    f.put(SourceSystem::Ees, expired).await;
    f.put(SourceSystem::Ees, person("DEU", "SMITH", "Joan", "1981-02-03", Sex::F, "COL", "PJ0000001")).await;
    let stats = f.role(AuthorityKind::StatisticsUser, "DEU");
    let report = stats.statistics.report(ReportKind::DataQuality).await.unwrap();
    let value = |indicator: &str| {
        report
            .rows
            .iter()
            .find(|r| r.dimensions[&Dimension::Indicator] == indicator)
            .and_then(|r| r.value)
            .unwrap()
    };
    assert_eq!(value("timeliness"), 0.5);
    assert_eq!(value("uniqueness"), 1.0);
    assert_eq!(report.rows.len(), 5);
}
