//! Multiple-Identity Detector behaviour (MID-01..18) without biometrics: ETIAS holds none, so
//! links come from identity data and travel documents.

use jha_interop::api::ErrorKind;
use jha_interop::model::*;

use crate::fixture::*;

fn etias(surname: &str, first: &str, dob: &str, doc: &str) -> RecordWrite {
    person("ESP", surname, first, dob, Sex::F, "COL", doc)
}

fn ees(surname: &str, first: &str, dob: &str, doc: &str) -> RecordWrite {
    person("DEU", surname, first, dob, Sex::F, "COL", doc)
}

/// MID-01, MID-05: bio ABSENT + id SIMILAR + td SAME → white, detected on the write.
#[tokio::test]
async fn mid_01_05_white_from_similar_identity_and_same_document() {
    let f = Fixture::new();
    let (_, first) = f.put(SourceSystem::Etias, etias("GARCÍA", "Ana", "1990-05-07", "PA1234567")).await;
    assert!(first.links.is_empty());
    let (_, second) = f.put(SourceSystem::Ees, ees("GARCIA", "Ana", "1990-05-07", "PA1234567")).await;
    assert_eq!(second.links.len(), 1, "{:?}", second.links);
    assert_eq!(second.links[0].colour, LinkColour::White);
}

/// MID-06: bio ABSENT + id DIFFERENT + td SAME → yellow.
#[tokio::test]
async fn mid_06_yellow_from_same_document_different_identity() {
    let f = Fixture::new();
    f.put(SourceSystem::Etias, etias("SMITH", "Joan", "1981-02-03", "PB7654321")).await;
    let (_, out) = f.put(SourceSystem::Ees, ees("NOWAK", "Ewa", "1975-11-30", "PB7654321")).await;
    assert_eq!(out.links.iter().map(|l| l.colour).collect::<Vec<_>>(), vec![LinkColour::Yellow]);
}

/// POLICY MID-P2: bio ABSENT + id SAME + no shared document → yellow.
#[tokio::test]
async fn mid_p2_absent_same_identity_without_document_is_yellow() {
    let f = Fixture::new();
    f.put(SourceSystem::Etias, etias("OKAFOR", "Grace", "1988-08-08", "PC1111111")).await;
    let (_, out) = f.put(SourceSystem::Ees, ees("OKAFOR", "Grace", "1988-08-08", "PC2222222")).await;
    assert_eq!(out.links.iter().map(|l| l.colour).collect::<Vec<_>>(), vec![LinkColour::Yellow]);
}

/// MID-02, MID-03: records of the same system are never linked; no match makes no link.
#[tokio::test]
async fn mid_02_03_same_system_and_no_match_make_no_link() {
    let f = Fixture::new();
    f.put(SourceSystem::Ees, ees("LEE", "Min", "1970-01-01", "PD1234567")).await;
    let (_, same_system) = f.put(SourceSystem::Ees, ees("LEE", "Min", "1970-01-01", "PD1234567")).await;
    assert!(same_system.links.is_empty());
    let (_, unrelated) = f.put(SourceSystem::Etias, etias("BROWN", "Ava", "2001-12-12", "PE1234567")).await;
    assert!(unrelated.links.is_empty());
}

/// MID-04, MID-08: a further match extends the group; the confirmation file holds exactly the
/// Art 34 items for each link.
#[tokio::test]
async fn mid_04_08_group_extension_and_confirmation_file_items() {
    let f = Fixture::new();
    f.put(SourceSystem::Etias, etias("SANTOS", "Maria", "1992-03-04", "PF1234567")).await;
    let (_, ees_out) = f.put(SourceSystem::Ees, ees("SANTOS", "María", "1992-03-04", "PF1234567")).await;
    let mut vis = person("FRA", "SANTOS", "Maria", "1992-03-04", Sex::F, "COL", "PF1234567");
    vis.travel_documents[0].issuing_country = CountryCode::new("COL").unwrap();
    let (_, vis_out) = f.put(SourceSystem::Vis, vis).await;
    assert_eq!(ees_out.links.len(), 1);
    assert_eq!(vis_out.links.len(), 2, "the VIS record links to both: {:?}", vis_out.links);
    let border = f.role(AuthorityKind::BorderAuthority, "DEU");
    let icf = border.identity_detector.confirmation_file(&vis_out.links[0].sin).await.unwrap();
    assert_eq!(icf.links.len(), 3, "one group of three links");
    let json = serde_json::to_value(&icf).unwrap();
    let keys: Vec<&str> = json["links"][0].as_object().unwrap().keys().map(|k| k.as_str()).collect();
    assert_eq!(keys, vec!["colour", "created_at", "responsible_authority", "sin", "systems", "updated_at"]);
    assert_eq!(icf.systems, vec![SourceSystem::Ees, SourceSystem::Vis, SourceSystem::Etias]);
}

/// MID-09: the triggering system sets the verifying authority.
#[tokio::test]
async fn mid_09_trigger_sets_authority() {
    let f = Fixture::new();
    f.put(SourceSystem::Etias, etias("HASSAN", "Amina", "1985-05-05", "PG1234567")).await;
    let (_, out) = f.put(SourceSystem::Ees, ees("KOVAC", "Iva", "1960-06-06", "PG1234567")).await;
    let link = &out.links[0];
    assert_eq!(
        link.responsible_authority,
        Authority { organisation: org("DEU"), kind: AuthorityKind::BorderAuthority }
    );
}

/// MID-09: an SIS alert of Art 29(2) makes the issuing SIRENE Bureau responsible.
#[tokio::test]
async fn mid_09_sis_alert_overrides() {
    let f = Fixture::new();
    let mut alert = person("NLD", "MEYER", "Paul", "1979-09-09", Sex::M, "CHE", "PH1234567");
    alert.sis_alert = Some(SisAlert { category: SisAlertCategory::Arrest });
    f.put(SourceSystem::Sis, alert).await;
    let (_, out) = f
        .put(SourceSystem::Ees, person("DEU", "STEIN", "Karl", "1950-01-01", Sex::M, "CHE", "PH1234567"))
        .await;
    assert_eq!(
        out.links[0].responsible_authority,
        Authority { organisation: org("NLD"), kind: AuthorityKind::SireneBureau }
    );
}

async fn yellow_link(f: &Fixture) -> (RecordRef, RecordRef, Sin) {
    let (etias_ref, _) = f.put(SourceSystem::Etias, etias("SMITH", "Joan", "1981-02-03", "PJ7654321")).await;
    let (ees_ref, out) = f.put(SourceSystem::Ees, ees("NOWAK", "Ewa", "1975-11-30", "PJ7654321")).await;
    (etias_ref, ees_ref, out.links[0].sin.clone())
}

/// MID-07, MID-10, MID-14: the responsible authority resolves a yellow link; "same person,
/// unjustified" makes it red, notifies the authorities of both records and produces the notice.
#[tokio::test]
async fn mid_07_10_14_verification_to_red_notifies() {
    let f = Fixture::new();
    let (_, _, sin) = yellow_link(&f).await;
    let other_state = f.role(AuthorityKind::BorderAuthority, "FRA");
    let err = other_state
        .identity_detector
        .verify_link(
            &sin,
            LinkVerification {
                outcome: VerificationOutcome::SamePersonUnjustified,
                notice_restriction: None,
            },
        )
        .await
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::Forbidden);
    assert!(err.concerns("MID-10"));
    let verifier = f.role(AuthorityKind::BorderAuthority, "DEU");
    let red = verifier
        .identity_detector
        .verify_link(
            &sin,
            LinkVerification {
                outcome: VerificationOutcome::SamePersonUnjustified,
                notice_restriction: None,
            },
        )
        .await
        .unwrap()
        .unwrap();
    assert_eq!(red.colour, LinkColour::Red);
    let notice =
        verifier.identity_detector.person_notice(&sin).await.unwrap().expect("a red link produces a notice");
    assert_eq!(notice.sin, sin);
    assert!(notice.web_portal.starts_with("https://"));
    let etias_unit = f.role(AuthorityKind::EtiasCentralUnit, "ESP");
    let notes = etias_unit.identity_detector.notifications().await.unwrap();
    assert!(notes.iter().any(|n| n.kind == NotificationKind::RedLinkCreated && n.sin == sin), "{notes:?}");
    let notes = verifier.identity_detector.notifications().await.unwrap();
    assert!(notes.iter().any(|n| n.kind == NotificationKind::RedLinkCreated && n.sin == sin));
}

/// MID-07: an outcome the comparisons do not allow is refused and the link stays yellow: "same
/// person, unjustified" needs biometrics or a shared document (Art 32(1)(a), (d)).
#[tokio::test]
async fn mid_07_disallowed_outcome_leaves_link_unchanged() {
    let f = Fixture::new();
    f.put(SourceSystem::Etias, etias("GARCÍA", "Ana", "1990-05-07", "PA1111111")).await;
    let (ees_ref, out) = f.put(SourceSystem::Ees, ees("GARCIA", "Ana", "1990-05-07", "PB2222222")).await;
    assert_eq!(out.links.len(), 1, "bio ABSENT + id SIMILAR + td NONE is yellow (POLICY MID-P2)");
    let sin = out.links[0].sin.clone();
    let verifier = f.role(AuthorityKind::BorderAuthority, "DEU");
    let err = verifier
        .identity_detector
        .verify_link(
            &sin,
            LinkVerification {
                outcome: VerificationOutcome::SamePersonUnjustified,
                notice_restriction: None,
            },
        )
        .await
        .unwrap_err();
    assert!(err.concerns("MID-07"), "{err}");
    let links = verifier.identity_detector.links(&ees_ref).await.unwrap();
    assert_eq!(links[0].colour, LinkColour::Yellow);
}

/// MID-07 (version 2): without biometric data, "different persons, unjustified" is green, not
/// red: Art 32(1)(b)–(c) need different biometric data.
#[tokio::test]
async fn mid_07_different_persons_unjustified_without_biometrics_is_green() {
    let f = Fixture::new();
    let (_, _, sin) = yellow_link(&f).await;
    let verifier = f.role(AuthorityKind::BorderAuthority, "DEU");
    let view = verifier
        .identity_detector
        .verify_link(
            &sin,
            LinkVerification {
                outcome: VerificationOutcome::DifferentPersonsUnjustified,
                notice_restriction: None,
            },
        )
        .await
        .unwrap()
        .expect("the link stays");
    assert_eq!(view.colour, LinkColour::Green);
}

/// MID-07 (Art 31), MID-14: "different persons" makes the link green, with no notice.
#[tokio::test]
async fn mid_07_different_persons_is_green() {
    let f = Fixture::new();
    let (_, _, sin) = yellow_link(&f).await;
    let verifier = f.role(AuthorityKind::BorderAuthority, "DEU");
    let green = verifier
        .identity_detector
        .verify_link(
            &sin,
            LinkVerification { outcome: VerificationOutcome::DifferentPersons, notice_restriction: None },
        )
        .await
        .unwrap()
        .unwrap();
    assert_eq!(green.colour, LinkColour::Green);
    assert_eq!(verifier.identity_detector.person_notice(&sin).await.unwrap(), None);
}

/// MID-14: a recorded restriction suppresses the written notice.
#[tokio::test]
async fn mid_14_restriction_withholds_notice_with_its_ground() {
    let f = Fixture::new();
    let (_, _, sin) = yellow_link(&f).await;
    let verifier = f.role(AuthorityKind::BorderAuthority, "DEU");
    let verification = LinkVerification {
        outcome: VerificationOutcome::SamePersonUnjustified,
        notice_restriction: Some(NoticeWithholding::on(WithholdingGround::NationalInvestigation)),
    };
    verifier.identity_detector.verify_link(&sin, verification).await.unwrap();
    // MID-14: the notice is kept with its recorded ground, and not given to the person.
    let notice = verifier.identity_detector.person_notice(&sin).await.unwrap().expect("the notice is kept");
    let withheld = notice.withheld.expect("the notice is withheld");
    assert_eq!(withheld.withholding.ground, WithholdingGround::NationalInvestigation);
    assert_eq!(notice.statement, NoticeStatement::MultipleUnlawfulIdentityData);
}

/// MID-11: a border yellow link unresolved for 12 hours is overdue.
#[tokio::test]
async fn mid_11_border_yellow_link_overdue_after_12_hours() {
    let f = Fixture::new();
    f.put(SourceSystem::Etias, etias("SMITH", "Joan", "1981-02-03", "PJ7654321")).await;
    let mut at_border = ees("NOWAK", "Ewa", "1975-11-30", "PJ7654321");
    at_border.person_present = true;
    let (_, out) = f.put(SourceSystem::Ees, at_border).await;
    let sin = out.links[0].sin.clone();
    let (_, _, absent_sin) = yellow_link(&f).await;
    let verifier = f.role(AuthorityKind::BorderAuthority, "DEU");
    assert!(verifier.identity_detector.overdue_links().await.unwrap().is_empty());
    f.control.advance_time(12 * HOUR_MS).await.unwrap();
    let overdue = verifier.identity_detector.overdue_links().await.unwrap();
    // MID-11 (version 2): only the link of the write made in the person's presence.
    assert_eq!(overdue.iter().map(|l| &l.sin).collect::<Vec<_>>(), vec![&sin]);
    assert_ne!(sin, absent_sin);
}

/// MID-12: yellow links only to the verifier; red to anyone with a CIR system or SIS; white
/// only with access to both systems.
#[tokio::test]
async fn mid_12_visibility() {
    let f = Fixture::new();
    let (etias_ref, ees_ref, sin) = yellow_link(&f).await;
    let sirene = f.role(AuthorityKind::SireneBureau, "ITA");
    let visa = f.role(AuthorityKind::VisaAuthority, "FRA");
    let verifier = f.role(AuthorityKind::BorderAuthority, "DEU");
    assert!(
        visa.identity_detector.links(&ees_ref).await.unwrap().is_empty(),
        "yellow is for the verifier only"
    );
    verifier
        .identity_detector
        .verify_link(
            &sin,
            LinkVerification {
                outcome: VerificationOutcome::SamePersonUnjustified,
                notice_restriction: None,
            },
        )
        .await
        .unwrap();
    let seen = visa.identity_detector.links(&ees_ref).await.unwrap();
    assert_eq!(seen.len(), 1, "a red link is visible to a principal with access to a CIR system");
    let etias_end = seen[0].ends.iter().find(|e| e.system == SourceSystem::Etias).unwrap();
    assert_eq!(etias_end.record.as_ref(), Some(&etias_ref.id), "visa authorities may access ETIAS");
    let err = sirene.identity_detector.links(&ees_ref).await.unwrap_err();
    assert_eq!(err.kind, ErrorKind::Forbidden, "SIRENE has no access to EES records");
}

/// MID-15: a red link is corrected or erased by an entitled authority, which informs the
/// verifying authority.
#[tokio::test]
async fn mid_15_rectification_informs_the_verifier() {
    let f = Fixture::new();
    let (_, ees_ref, sin) = yellow_link(&f).await;
    let verifier = f.role(AuthorityKind::BorderAuthority, "DEU");
    verifier
        .identity_detector
        .verify_link(
            &sin,
            LinkVerification {
                outcome: VerificationOutcome::SamePersonUnjustified,
                notice_restriction: None,
            },
        )
        .await
        .unwrap();
    let visa = f.role(AuthorityKind::VisaAuthority, "FRA");
    let erased = visa
        .identity_detector
        .rectify_link(&sin, Rectification::Erase { reason: "documents proved distinct persons".into() })
        .await
        .unwrap();
    assert_eq!(erased, None);
    assert!(verifier.identity_detector.links(&ees_ref).await.unwrap().is_empty());
    let notes = verifier.identity_detector.notifications().await.unwrap();
    assert!(notes.iter().any(|n| n.kind == NotificationKind::LinkErased && n.sin == sin));
}

/// MID-15: for red links involving an Art 29(2) SIS alert only the issuing SIRENE Bureau
/// may change the link.
#[tokio::test]
async fn mid_15_sis_alert_red_link_only_issuing_sirene() {
    let f = Fixture::new();
    let mut alert = person("NLD", "MEYER", "Paul", "1979-09-09", Sex::M, "CHE", "PK1234567");
    alert.sis_alert = Some(SisAlert { category: SisAlertCategory::Arrest });
    f.put(SourceSystem::Sis, alert).await;
    let (_, out) = f
        .put(SourceSystem::Ees, person("DEU", "STEIN", "Karl", "1950-01-01", Sex::M, "CHE", "PK1234567"))
        .await;
    let sin = out.links[0].sin.clone();
    let sirene_nld = f.role(AuthorityKind::SireneBureau, "NLD");
    let verified =
        LinkVerification { outcome: VerificationOutcome::SamePersonUnjustified, notice_restriction: None };
    sirene_nld.identity_detector.verify_link(&sin, verified).await.unwrap();
    let sirene_deu = f.role(AuthorityKind::SireneBureau, "DEU");
    let err = sirene_deu
        .identity_detector
        .rectify_link(&sin, Rectification::Erase { reason: "wrong".into() })
        .await
        .unwrap_err();
    assert!(err.concerns("MID-15"), "{err}");
    sirene_nld
        .identity_detector
        .rectify_link(&sin, Rectification::Erase { reason: "wrong".into() })
        .await
        .unwrap();
}

/// MID-16: when linked data remain in fewer than two systems the file and links go.
#[tokio::test]
async fn mid_16_deleting_linked_data_erases_the_link() {
    let f = Fixture::new();
    let (etias_ref, ees_ref, sin) = yellow_link(&f).await;
    f.service(SourceSystem::Etias).source_systems.delete_record(&etias_ref).await.unwrap();
    let verifier = f.role(AuthorityKind::BorderAuthority, "DEU");
    assert!(verifier.identity_detector.links(&ees_ref).await.unwrap().is_empty());
    let err = verifier.identity_detector.confirmation_file(&sin).await.unwrap_err();
    assert_eq!(err.kind, ErrorKind::NotFound);
}

/// MID-17: amended data are detected again: no match removes the link, a new match links.
#[tokio::test]
async fn mid_17_amended_data_are_detected_again() {
    let f = Fixture::new();
    let (_, ees_ref, _) = yellow_link(&f).await;
    let ees_service = f.service(SourceSystem::Ees);
    let amended = ees("NOWAK", "Ewa", "1975-11-30", "PZ0000001");
    let out = ees_service.source_systems.put_record(&ees_ref, amended).await.unwrap();
    assert_eq!(out.effect, WriteEffect::Updated);
    assert!(out.links.is_empty(), "no match any more: {:?}", out.links);
    let back = ees("NOWAK", "Ewa", "1975-11-30", "PJ7654321");
    let out = ees_service.source_systems.put_record(&ees_ref, back).await.unwrap();
    assert_eq!(out.links.len(), 1);
}

/// MID-18, SIM-08: the link's history and the comparison are logged.
#[tokio::test]
async fn mid_18_sim_08_history_is_logged() {
    let f = Fixture::new();
    let (_, _, sin) = yellow_link(&f).await;
    let verifier = f.role(AuthorityKind::BorderAuthority, "DEU");
    verifier
        .identity_detector
        .verify_link(
            &sin,
            LinkVerification { outcome: VerificationOutcome::DifferentPersons, notice_restriction: None },
        )
        .await
        .unwrap();
    let supervisor = f.role(AuthorityKind::SupervisoryAuthority, "DEU");
    let entries = supervisor.audit_log.entries(LogQuery::default()).await.unwrap();
    let history: Vec<&LinkEvent> = entries
        .iter()
        .filter_map(|e| match &e.event {
            LogEvent::MidLink { sin: s, change, .. } if *s == sin => Some(change),
            _ => None,
        })
        .collect();
    assert!(matches!(history[0], LinkEvent::Created { colour: LinkColour::Yellow }), "{history:?}");
    assert!(
        history.iter().any(|c| matches!(
            c,
            LinkEvent::Verified { from: LinkColour::Yellow, to: LinkColour::Green, .. }
        ))
    );
    let comparison = entries.iter().find_map(|e| match &e.event {
        LogEvent::IdentityComparison { sin: Some(s), verdict, colour_after_automation, .. } if *s == sin => {
            Some((*verdict, *colour_after_automation))
        }
        _ => None,
    });
    assert_eq!(comparison, Some((IdentityVerdict::Different, Some(LinkColour::Yellow))));
}
