//! Common Identity Repository behaviour (CIR-01..14).

use jha_interop::api::ErrorKind;
use jha_interop::model::*;

use crate::fixture::*;

fn art20(
    circumstance: Option<Art20Circumstance>,
    fallback: IdentityQuery,
    document: Option<DocumentQuery>,
) -> IdentificationRequest {
    IdentificationRequest {
        circumstance,
        biometrics: None,
        biometrics_taken_live: false,
        identity_check_in_presence: true,
        fallback: Some(IdentificationFallback {
            reason: FallbackReason::BiometricsUnusable,
            identity: fallback,
            travel_document: document,
            identity_given_by_person: false,
        }),
        subject_age: None,
        best_interests_justification: None,
    }
}

fn name_dob(surname: &str, first: &str, dob: &str) -> IdentityQuery {
    IdentityQuery {
        surname: Some(Name::new(surname).unwrap()),
        first_names: Some(Name::new(first).unwrap()),
        date_of_birth: Some(dob.parse().unwrap()),
        ..IdentityQuery::default()
    }
}

fn doc(number: &str) -> Option<DocumentQuery> {
    Some(DocumentQuery { number: Some(DocumentNumber::new(number).unwrap()), ..DocumentQuery::default() })
}

/// CIR-01..04: one file per person with the data sets of each system and their references;
/// a white link merges files, a yellow one does not; writes and deletions reach the CIR.
#[tokio::test]
async fn cir_01_02_03_04_files_follow_writes_and_links() {
    let f = Fixture::new();
    let (etias_ref, _) = f
        .put(SourceSystem::Etias, person("ESP", "GARCÍA", "Ana", "1990-05-07", Sex::F, "COL", "PA1234567"))
        .await;
    let (ees_ref, out) = f
        .put(SourceSystem::Ees, person("DEU", "GARCIA", "Ana", "1990-05-07", Sex::F, "COL", "PA1234567"))
        .await;
    assert_eq!(out.links[0].colour, LinkColour::White);
    let border = f.role(AuthorityKind::BorderAuthority, "DEU");
    let a = border.identity_repository.file_of(&etias_ref).await.unwrap();
    let b = border.identity_repository.file_of(&ees_ref).await.unwrap();
    assert_eq!(a.file, b.file, "a white link joins the individual files");
    let refs: Vec<&RecordRef> = a.data_sets.iter().map(|d| &d.record).collect();
    assert_eq!(refs.len(), 2);
    assert!(refs.contains(&&etias_ref) && refs.contains(&&ees_ref));
    let (yellow_ref, out) = f
        .put(SourceSystem::Vis, person("FRA", "PETROV", "Ivan", "1960-01-01", Sex::M, "COL", "PA1234567"))
        .await;
    assert!(out.links.iter().all(|l| l.colour == LinkColour::Yellow), "{:?}", out.links);
    let c = border.identity_repository.file_of(&yellow_ref).await.unwrap();
    assert_ne!(c.file, a.file, "yellow links never merge files");
    f.service(SourceSystem::Etias).source_systems.delete_record(&etias_ref).await.unwrap();
    let b = border.identity_repository.file_of(&ees_ref).await.unwrap();
    assert_eq!(b.data_sets.len(), 1, "deletion in the source removes the CIR data");
    let sis = person("NLD", "GARCIA", "Ana", "1990-05-07", Sex::F, "COL", "PA1234567");
    let mut sis = sis;
    sis.sis_alert = Some(SisAlert { category: SisAlertCategory::RefusalOfEntry });
    let (sis_ref, _) = f.put(SourceSystem::Sis, sis).await;
    let sirene = f.role(AuthorityKind::SireneBureau, "NLD");
    assert_eq!(
        sirene.identity_repository.file_of(&sis_ref).await.unwrap_err().kind,
        ErrorKind::NotFound,
        "SIS is not in the CIR"
    );
}

/// CIR-05, CIR-06, CIR-07: circumstance required; children under 12 only with a justification;
/// only Member States with Art 20 legislation.
#[tokio::test]
async fn cir_05_06_07_art20_preconditions() {
    let f = Fixture::new();
    let police = f.role(AuthorityKind::Police, "DEU");
    let err = police
        .identity_repository
        .identify(art20(None, name_dob("X", "Y", "1990-01-01"), doc("AA1234567")))
        .await
        .unwrap_err();
    assert!(err.concerns("CIR-05"), "{err}");
    let mut child = art20(
        Some(Art20Circumstance::DoubtOnIdentityData),
        name_dob("X", "Y", "2018-01-01"),
        doc("AA1234567"),
    );
    child.subject_age = Some(8);
    let err = police.identity_repository.identify(child.clone()).await.unwrap_err();
    assert!(err.concerns("CIR-06"), "{err}");
    child.best_interests_justification = Some("missing child, identification protects the child".into());
    police.identity_repository.identify(child).await.unwrap();
    let hungary = f.role(AuthorityKind::Police, "HUN");
    let err = hungary
        .identity_repository
        .identify(art20(
            Some(Art20Circumstance::NoTravelDocument),
            name_dob("X", "Y", "1990-01-01"),
            doc("AA1234567"),
        ))
        .await
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::Forbidden);
    assert!(err.concerns("CIR-07"));
}

/// CIR-08, CIR-09: without usable biometrics, identity plus document data are the fall-back;
/// the reply carries the data but never the system.
#[tokio::test]
async fn cir_08_09_fallback_and_unattributed_reply() {
    let f = Fixture::new();
    f.put(SourceSystem::Vis, person("FRA", "DURAND", "Luc", "1980-01-01", Sex::M, "SEN", "SN1234567")).await;
    let police = f.role(AuthorityKind::Police, "DEU");
    let mut no_document =
        art20(Some(Art20Circumstance::DoubtOnHolder), name_dob("DURAND", "Luc", "1980-01-01"), None);
    let err = police.identity_repository.identify(no_document.clone()).await.unwrap_err();
    assert!(err.concerns("CIR-08"));
    no_document.fallback.as_mut().unwrap().identity_given_by_person = true;
    let reply = police.identity_repository.identify(no_document).await.unwrap();
    assert_eq!(reply.persons.len(), 1);
    let reply = police
        .identity_repository
        .identify(art20(
            Some(Art20Circumstance::DoubtOnHolder),
            name_dob("DURAND", "Luc", "1980-01-01"),
            doc("SN1234567"),
        ))
        .await
        .unwrap();
    assert_eq!(reply.persons[0].data_sets[0].identity.surname.as_ref().unwrap().as_str(), "DURAND");
    let text = serde_json::to_string(&reply).unwrap();
    assert!(!text.contains("VIS") && !text.contains("\"system\""), "{text}");
}

/// CIR-10, CIR-11, CIR-13: Art 22 returns hit flags only; the follow-up is required and logged
/// with the national file reference, the purpose and both officials.
#[tokio::test]
async fn cir_10_11_13_hit_flags_and_follow_up() {
    let f = Fixture::new();
    f.put(SourceSystem::Vis, person("FRA", "DURAND", "Luc", "1980-01-01", Sex::M, "SEN", "SN1234567")).await;
    let designated = f.role(AuthorityKind::DesignatedAuthority, "DEU");
    let request = HitFlagRequest {
        identity: Some(name_dob("DURAND", "Luc", "1980-01-01")),
        travel_document: None,
        biometrics: None,
        national_file_reference: FileReference::new("BKA-2026-0042").unwrap(),
        purpose: "terrorist offence (Directive 2017/541)".into(),
        reasonable_grounds: "the suspect is believed to have applied for a visa under this identity".into(),
        ordered_by: UserId::new("chief-inspector-7").unwrap(),
    };
    let reply = designated.identity_repository.hit_flags(request.clone()).await.unwrap();
    assert_eq!(reply.systems, vec![SourceSystem::Vis]);
    let text = serde_json::to_string(&reply).unwrap();
    assert!(
        !text.contains("DURAND") && !text.contains("SN1234567"),
        "hit flags carry no personal data: {text}"
    );
    let err = designated.identity_repository.hit_flags(request).await.unwrap_err();
    assert!(err.concerns("CIR-11"), "a hit needs its follow-up first: {err}");
    let empty = HitFollowUp::Justification { text: " ".into() };
    assert_eq!(
        designated.identity_repository.follow_up(&reply.query_id, empty).await.unwrap_err().kind,
        ErrorKind::Invalid
    );
    designated
        .identity_repository
        .follow_up(&reply.query_id, HitFollowUp::FullAccessRequest { system: SourceSystem::Vis })
        .await
        .unwrap();
    let supervisor = f.role(AuthorityKind::SupervisoryAuthority, "DEU");
    let entries = supervisor.audit_log.entries(LogQuery::default()).await.unwrap();
    let logged = entries.iter().find_map(|e| match &e.event {
        LogEvent::CirHitFlag { national_file_reference, purpose, run_by, ordered_by, .. } => Some((
            national_file_reference.as_str().to_string(),
            purpose.clone(),
            run_by.as_str().to_string(),
            ordered_by.as_str().to_string(),
        )),
        _ => None,
    });
    let (reference, purpose, run_by, ordered_by) = logged.expect("an Art 22 log entry");
    assert_eq!(reference, "BKA-2026-0042");
    assert!(purpose.starts_with("terrorist"));
    assert_eq!(ordered_by, "chief-inspector-7");
    assert_ne!(run_by, ordered_by);
    assert!(entries.iter().any(|e| matches!(e.event, LogEvent::CirHitFollowUp { .. })));
}

/// CIR-12: a file exists while its data remain; a link does not extend retention.
#[tokio::test]
async fn cir_12_retention_is_not_extended_by_links() {
    let f = Fixture::new();
    let mut short = person("ESP", "GARCÍA", "Ana", "1990-05-07", Sex::F, "COL", "PA1234567");
    short.retention_until = Some(START.parse::<Timestamp>().unwrap().plus(DAY_MS));
    let (etias_ref, _) = f.put(SourceSystem::Etias, short).await;
    let (ees_ref, out) = f
        .put(SourceSystem::Ees, person("DEU", "GARCIA", "Ana", "1990-05-07", Sex::F, "COL", "PA1234567"))
        .await;
    assert_eq!(out.links.len(), 1);
    f.control.advance_time(2 * DAY_MS).await.unwrap();
    let border = f.role(AuthorityKind::BorderAuthority, "DEU");
    assert_eq!(border.identity_repository.file_of(&etias_ref).await.unwrap_err().kind, ErrorKind::NotFound);
    assert!(border.identity_detector.links(&ees_ref).await.unwrap().is_empty());
    assert_eq!(border.identity_repository.file_of(&ees_ref).await.unwrap().data_sets.len(), 1);
}

/// CIR-14, CIR-13: the data behind a yellow link go only to its verifier, and the access is
/// logged for Art 21.
#[tokio::test]
async fn cir_13_14_linked_data_for_the_verifier_only() {
    let f = Fixture::new();
    f.put(SourceSystem::Etias, person("ESP", "SMITH", "Joan", "1981-02-03", Sex::F, "COL", "PJ7654321"))
        .await;
    let (_, out) = f
        .put(SourceSystem::Ees, person("DEU", "NOWAK", "Ewa", "1975-11-30", Sex::F, "COL", "PJ7654321"))
        .await;
    let sin = out.links[0].sin.clone();
    let visa = f.role(AuthorityKind::VisaAuthority, "FRA");
    assert_eq!(visa.identity_repository.linked_data(&sin).await.unwrap_err().kind, ErrorKind::Forbidden);
    let verifier = f.role(AuthorityKind::BorderAuthority, "DEU");
    let data = verifier.identity_repository.linked_data(&sin).await.unwrap();
    assert_eq!(data.data_sets.len(), 2);
    let supervisor = f.role(AuthorityKind::SupervisoryAuthority, "DEU");
    let entries = supervisor.audit_log.entries(LogQuery::default()).await.unwrap();
    assert!(entries.iter().any(|e| matches!(&e.event, LogEvent::CirAccess { sin: s, .. } if *s == sin)));
    assert!(entries.iter().any(|e| matches!(e.event, LogEvent::CirDetection { link_created: true, .. })));
}
