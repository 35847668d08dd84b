//! European Search Portal behaviour (ESP-01..11, MID-13).

use futures_util::StreamExt;
use jha_interop::api::ErrorKind;
use jha_interop::model::*;

use crate::fixture::*;

fn by_name(surname: &str, first: &str) -> IdentityQuery {
    IdentityQuery {
        surname: Some(Name::new(surname).unwrap()),
        first_names: Some(Name::new(first).unwrap()),
        ..IdentityQuery::default()
    }
}

async fn border_profile(f: &Fixture) -> (jha_interop::api::Session, ProfileId) {
    let border = f.role(AuthorityKind::BorderAuthority, "DEU");
    let profile = profile_of(&border.directory.profiles().await.unwrap());
    (border, profile)
}

/// ESP-01, ESP-03, ESP-04: every system of the profile answers, items name their system, and
/// nothing is said of systems the caller may not access.
#[tokio::test]
async fn esp_01_03_04_profile_systems_only() {
    let f = Fixture::new();
    f.put(SourceSystem::Vis, person("FRA", "DURAND", "Luc", "1980-01-01", Sex::M, "SEN", "SN1234567")).await;
    f.put(SourceSystem::EcrisTcn, person("ITA", "DURAND", "Luc", "1980-01-01", Sex::M, "SEN", "SN7654321"))
        .await;
    let (border, profile) = border_profile(&f).await;
    let mut request = SearchRequest::new(profile);
    request.identity = Some(by_name("DURAND", "Luc"));
    let reply = border.search_portal.search_all(request).await.unwrap();
    let sources: Vec<SourceSystem> = reply.results.iter().map(|r| r.source).collect();
    for s in [
        SourceSystem::Ees,
        SourceSystem::Vis,
        SourceSystem::Etias,
        SourceSystem::Sis,
        SourceSystem::InterpolSltd,
    ] {
        assert!(sources.contains(&s), "{s} missing from {sources:?}");
    }
    let vis = reply.result(SourceSystem::Vis).unwrap();
    assert_eq!(vis.outcome, SourceOutcome::Hit);
    assert_eq!(vis.items[0].record.system, SourceSystem::Vis);
    let text = serde_json::to_string(&reply).unwrap();
    assert!(!text.contains("ECRIS"), "the reply mentions a system the caller may not access: {text}");
}

/// ESP-02: fields outside the profile are refused, naming each field, and nothing is queried.
#[tokio::test]
async fn esp_02_fields_outside_profile_refused() {
    let f = Fixture::new();
    let etias_cu = f.role(AuthorityKind::EtiasCentralUnit, "ESP");
    let profile = profile_of(&etias_cu.directory.profiles().await.unwrap());
    let mut request = SearchRequest::new(profile);
    let mut query = by_name("DURAND", "Luc");
    query.place_of_birth = Some(PlaceName::new("Dakar").unwrap());
    request.identity = Some(query);
    let err = etias_cu.search_portal.search_all(request).await.unwrap_err();
    assert_eq!(err.kind, ErrorKind::Invalid);
    assert_eq!(err.violations.len(), 1);
    assert_eq!(err.violations[0].field, "identity.place_of_birth");
    assert!(err.concerns("ESP-02"));
}

/// ESP-05: categories the profile may not receive are removed.
#[tokio::test]
async fn esp_05_reply_categories_filtered() {
    let mut config = jha_interop::reference::ReferenceConfig::default();
    for p in &mut config.profiles {
        if p.id.as_str() == "border-check" {
            p.reply_categories = vec![DataCategory::IdentityData];
        }
    }
    let f = Fixture::with(config);
    f.put(SourceSystem::Vis, person("FRA", "DURAND", "Luc", "1980-01-01", Sex::M, "SEN", "SN1234567")).await;
    let (border, profile) = border_profile(&f).await;
    let mut request = SearchRequest::new(profile);
    request.identity = Some(by_name("DURAND", "Luc"));
    let reply = border.search_portal.search_all(request).await.unwrap();
    let item = &reply.result(SourceSystem::Vis).unwrap().items[0];
    assert!(item.identity.is_some());
    assert!(item.travel_documents.is_empty(), "travel documents are not in the profile");
}

/// ESP-06, ESP-09: a slow source does not delay the others; an unavailable one is reported
/// with the fall-back advice.
#[tokio::test]
async fn esp_06_09_streaming_and_fallback() {
    let f = Fixture::new();
    f.control.set_source_behaviour(SourceSystem::Vis, SourceBehaviour::Slow { delay_ms: 600 }).await.unwrap();
    f.control.set_source_behaviour(SourceSystem::Etias, SourceBehaviour::Unavailable).await.unwrap();
    f.control.set_source_behaviour(SourceSystem::Sis, SourceBehaviour::Unresponsive).await.unwrap();
    let (border, profile) = border_profile(&f).await;
    let mut request = SearchRequest::new(profile);
    request.identity = Some(by_name("DURAND", "Luc"));
    let started = std::time::Instant::now();
    let mut stream = border.search_portal.search(request).await.unwrap();
    let first = stream.next().await.unwrap().unwrap();
    assert!(
        started.elapsed() < std::time::Duration::from_millis(300),
        "first answer waited for the slow one"
    );
    assert_ne!(first.source, SourceSystem::Vis);
    let mut rest = vec![first];
    while let Some(r) = stream.next().await {
        rest.push(r.unwrap());
    }
    let outcome = |s| rest.iter().find(|r| r.source == s).map(|r| (r.outcome, r.fallback.is_some()));
    assert_eq!(outcome(SourceSystem::Etias), Some((SourceOutcome::Unavailable, true)));
    assert_eq!(outcome(SourceSystem::Sis), Some((SourceOutcome::TimedOut, true)));
    assert_eq!(outcome(SourceSystem::Vis), Some((SourceOutcome::NoHit, false)));
    assert_eq!(rest.last().unwrap().source, SourceSystem::Sis, "the unresponsive source answers last");
}

/// ESP-07: without the no-reveal guarantee Interpol is not queried.
#[tokio::test]
async fn esp_07_interpol_only_with_guarantee() {
    let f = Fixture::new();
    let mut sltd = RecordWrite::new(Organisation::Agency(UnionAgency::Europol), IdentityData::default());
    sltd.travel_documents.push(passport("ST0LEN123", "FRA"));
    f.put(SourceSystem::InterpolSltd, sltd).await;
    let (border, profile) = border_profile(&f).await;
    let mut request = SearchRequest::new(profile);
    request.travel_document = Some(DocumentQuery {
        number: Some(DocumentNumber::new("ST0LEN123").unwrap()),
        ..DocumentQuery::default()
    });
    let reply = border.search_portal.search_all(request.clone()).await.unwrap();
    assert_eq!(reply.result(SourceSystem::InterpolSltd).map(|r| r.outcome), Some(SourceOutcome::Hit));
    f.control.set_interpol_no_reveal(false).await.unwrap();
    let reply = border.search_portal.search_all(request).await.unwrap();
    assert!(reply.result(SourceSystem::InterpolSltd).is_none());
}

/// ESP-08: every query is logged with state, profile, time and systems.
#[tokio::test]
async fn esp_08_query_logged() {
    let f = Fixture::new();
    let (border, profile) = border_profile(&f).await;
    let mut request = SearchRequest::new(profile.clone());
    request.identity = Some(by_name("DURAND", "Luc"));
    border.search_portal.search_all(request).await.unwrap();
    let supervisor = f.role(AuthorityKind::SupervisoryAuthority, "DEU");
    let entries = supervisor
        .audit_log
        .entries(LogQuery { component: Some(Component::Esp), ..LogQuery::default() })
        .await
        .unwrap();
    let entry =
        entries.iter().find(|e| matches!(e.event, LogEvent::EspQuery { .. })).expect("an ESP log entry");
    assert_eq!(entry.requester.as_ref().unwrap().authority.organisation, org("DEU"));
    match &entry.event {
        LogEvent::EspQuery { profile: p, systems_queried, .. } => {
            assert_eq!(p, &profile);
            assert!(systems_queried.contains(&SourceSystem::Ees));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(entry.at.to_string(), START);
}

/// ESP-10: profiles are data; a caller without the profile is refused.
#[tokio::test]
async fn esp_10_caller_without_profile_refused() {
    let f = Fixture::new();
    let police = f.role(AuthorityKind::Police, "DEU");
    let mut request = SearchRequest::new(ProfileId::new("border-check").unwrap());
    request.identity = Some(by_name("DURAND", "Luc"));
    let err = police.search_portal.search_all(request).await.unwrap_err();
    assert_eq!(err.kind, ErrorKind::Forbidden);
    assert!(err.concerns("ESP-10"));
}

/// ESP-11: profiles not reviewed for a year are reported to eu-LISA.
#[tokio::test]
async fn esp_11_profiles_due_for_review() {
    let f = Fixture::new();
    let operator = f.role(AuthorityKind::EuLisaOperator, "DEU");
    assert!(operator.directory.profiles_due_for_review().await.unwrap().is_empty());
    f.control.advance_time(120 * DAY_MS).await.unwrap();
    let due = operator.directory.profiles_due_for_review().await.unwrap();
    assert_eq!(due.len(), f.reference.profiles().len());
    let border = f.role(AuthorityKind::BorderAuthority, "DEU");
    assert_eq!(border.directory.profiles_due_for_review().await.unwrap_err().kind, ErrorKind::Forbidden);
}

/// MID-13: a white-linked record's data come back with the match, marked as the same person,
/// even when the query matched only the other record.
#[tokio::test]
async fn mid_13_white_link_returns_linked_data() {
    let f = Fixture::new();
    let (etias_ref, _) = f
        .put(SourceSystem::Etias, person("ESP", "GARCÍA", "Ana", "1990-05-07", Sex::F, "COL", "PA1234567"))
        .await;
    let mut ees = person("DEU", "GARCIA", "Ana", "1990-05-07", Sex::F, "COL", "PA1234567");
    ees.travel_documents.push(passport("CO9999999", "COL"));
    let (ees_ref, _) = f.put(SourceSystem::Ees, ees).await;
    let (border, profile) = border_profile(&f).await;
    let mut request = SearchRequest::new(profile);
    request.travel_document = Some(DocumentQuery {
        number: Some(DocumentNumber::new("CO9999999").unwrap()),
        ..DocumentQuery::default()
    });
    let reply = border.search_portal.search_all(request).await.unwrap();
    let ees = reply.result(SourceSystem::Ees).unwrap();
    let link = &ees.items.iter().find(|i| i.record == ees_ref).unwrap().links[0];
    assert_eq!((link.colour, link.same_person), (LinkColour::White, Some(true)));
    let etias = reply.result(SourceSystem::Etias).unwrap();
    assert_eq!(etias.outcome, SourceOutcome::Hit);
    assert_eq!(etias.items[0].record, etias_ref);
    assert_eq!(etias.items[0].matched_by, vec![MatchBasis::WhiteLink]);
}
