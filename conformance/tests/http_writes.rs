//! SEC-03 and SEC-04 over the wire: 1,000 registrations from 16 concurrent clients through the
//! HTTP client against the reference behind the server, every tenth sent twice, leave every
//! record, every template and every expected link exactly once.

use std::collections::BTreeMap;
use std::sync::Arc;

use jha_interop::api::{Connector, Session};
use jha_interop::http::client::{ClientOptions, HttpConnector};
use jha_interop::model::*;
use jha_interop::reference::ReferenceConfig;
use jha_interop::synthetic::fingerprint::{ImpressionParams, impression};
use jha_interop_conformance::role::Role;
use jha_interop_conformance::serve::start_reference;
use jha_interop_conformance::target::TargetFile;

const PERSONS: u64 = 500;
const CLIENTS: u64 = 16;
const SEED: u64 = 9_017;

fn session(connector: &HttpConnector, target: &TargetFile, role: &str) -> Session {
    let role: Role = role.parse().expect("a known role");
    connector.connect(&Credential::new(target.token_of(&role).expect("serve registers every role")))
}

/// The same person as the EES and the VIS hold them: same identity, passport and fingers, other
/// impressions.
fn writes(person: u64) -> [(RecordRef, RecordWrite); 2] {
    let surname = format!("PERSON{}", person_letters(person));
    let identity =
        IdentityData::person(&surname, "Test", "1980-02-03", Sex::F, "UKR").expect("valid identity");
    let fingers = |n: u64| -> Vec<FingerprintSample> {
        (0..2u8)
            .map(|i| {
                FingerprintSample::minutiae(
                    FingerPosition::new(i + 1).expect("a finger position"),
                    impression(SEED, person * 10 + u64::from(i), n, &ImpressionParams::EASY),
                )
            })
            .collect()
    };
    let owner = Organisation::member_state("DEU").expect("a Member State");
    let passport = TravelDocument {
        document_type: DocumentType::Passport,
        number: DocumentNumber::new(format!("P{person:07}")).expect("a document number"),
        issuing_country: CountryCode::new("UKR").expect("a country"),
        expiry: Some(Date::new(2031, 1, 31).expect("a date")),
    };
    let mut ees = RecordWrite::new(owner, identity.clone());
    ees.travel_documents.push(passport.clone());
    ees.biometrics.fingerprints = fingers(1);
    let mut vis = RecordWrite::new(owner, identity);
    vis.travel_documents.push(passport);
    vis.biometrics.fingerprints = fingers(2);
    let id = |system: &str| RecordId::new(format!("{system}-{person:05}")).expect("a record id");
    [(RecordRef::new(SourceSystem::Ees, id("EES")), ees), (RecordRef::new(SourceSystem::Vis, id("VIS")), vis)]
}

/// Surnames that differ in letters, not only digits, so no two persons look alike.
fn person_letters(mut n: u64) -> String {
    let mut out = String::new();
    for _ in 0..3 {
        out.push((b'A' + (n % 26) as u8) as char);
        n /= 26;
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_thousand_concurrent_registrations_leave_everything_exactly_once() {
    let loopback = "127.0.0.1:0".parse().expect("an address");
    let server =
        start_reference(loopback, false, ReferenceConfig::default()).await.expect("the server starts");
    let connector = Arc::new(
        HttpConnector::new(&server.target.base_url, ClientOptions::default()).await.expect("reachable"),
    );
    let ees = session(&connector, &server.target, "the EES central system");
    let vis = session(&connector, &server.target, "the VIS central system");

    // 1,000 distinct registrations (and 100 resends) shared among 16 clients.
    let mut jobs: Vec<(Session, RecordRef, RecordWrite)> = Vec::new();
    for person in 0..PERSONS {
        let [(ees_ref, ees_write), (vis_ref, vis_write)] = writes(person);
        if person % 5 == 0 {
            jobs.push((ees.clone(), ees_ref.clone(), ees_write.clone()));
        }
        jobs.push((ees.clone(), ees_ref, ees_write));
        jobs.push((vis.clone(), vis_ref, vis_write));
    }
    let jobs = Arc::new(std::sync::Mutex::new(jobs));
    let mut clients = Vec::new();
    for _ in 0..CLIENTS {
        let jobs = jobs.clone();
        clients.push(tokio::spawn(async move {
            let mut failures = Vec::new();
            loop {
                let job = jobs.lock().expect("not poisoned").pop();
                let Some((session, reference, write)) = job else { break };
                if let Err(e) = session.source_systems.put_record(&reference, write).await {
                    failures.push(format!("{reference}: {e}"));
                }
            }
            failures
        }));
    }
    let mut failures = Vec::new();
    for client in clients {
        failures.extend(client.await.expect("the client task ends"));
    }
    assert!(failures.is_empty(), "registrations failed: {failures:?}");

    let border = session(&connector, &server.target, "the border authority of DEU");
    let mut links_per_pair: BTreeMap<(RecordRef, RecordRef), usize> = BTreeMap::new();
    for person in 0..PERSONS {
        let [(ees_ref, ees_write), (vis_ref, _)] = writes(person);
        let stored = ees.source_systems.get_record(&ees_ref).await.expect("every record exists");
        assert_eq!(stored.data.identity, ees_write.identity, "{ees_ref}");
        // Resent records (every fifth person's EES record) were not changed by the resend.
        assert_eq!(stored.version, 1, "{ees_ref} was changed by resending the same content");
        vis.source_systems.get_record(&vis_ref).await.expect("every record exists");
        for reference in [&ees_ref, &vis_ref] {
            let templates = border.biometrics.templates(reference).await.expect("templates readable");
            assert_eq!(
                templates.len(),
                2,
                "{reference} has {} templates, not one per finger",
                templates.len()
            );
        }
        for link in border.identity_detector.links(&vis_ref).await.expect("links readable") {
            let ends: Vec<RecordRef> = link
                .ends
                .iter()
                .filter_map(|e| e.record.clone().map(|id| RecordRef::new(e.system, id)))
                .collect();
            if ends.contains(&ees_ref) && ends.contains(&vis_ref) {
                *links_per_pair.entry((ees_ref.clone(), vis_ref.clone())).or_default() += 1;
            }
        }
    }
    assert_eq!(links_per_pair.len() as u64, PERSONS, "every person's EES and VIS records are linked");
    let duplicated: Vec<_> = links_per_pair.iter().filter(|(_, n)| **n != 1).collect();
    assert!(duplicated.is_empty(), "pairs linked more than once: {duplicated:?}");
    server.stop().await.expect("the server stops");
}
