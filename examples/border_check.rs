//! A border check end to end, on the in-process reference implementation.
//!
//! 1. EES and VIS hold one person whose names differ by a transliteration (MÜLLER / MUELLER)
//!    and whose fingerprints match: the MID links them white.
//! 2. An SIS alert under another name carries the same fingerprints: yellow links.
//! 3. The SIRENE Bureau responsible verifies one of them as "same person, unjustified": it turns
//!    red, the authorities responsible for the linked data are notified, and the written notice
//!    for the person is produced.
//!
//! Run with `cargo run --example border_check`.

use jha_interop::api::{Connector, Session};
use jha_interop::model::*;
use jha_interop::reference::Reference;
use jha_interop::synthetic::fingerprint::{ImpressionParams, impression};

/// Fingerprints of `person` (thumb and index), impression `n`: the same fingers captured again.
fn fingers(person: u64, n: u64) -> Vec<FingerprintSample> {
    (0..2u8)
        .map(|i| {
            let position = FingerPosition::new(i + 1).expect("1 and 2 are finger positions");
            FingerprintSample::minutiae(
                position,
                impression(42, person * 10 + u64::from(i), n, &ImpressionParams::EASY),
            )
        })
        .collect()
}

fn record(
    owner: &str,
    surname: &str,
    first: &str,
    passport: &str,
    person: u64,
    n: u64,
) -> Result<RecordWrite, ModelError> {
    let mut r = RecordWrite::new(
        Organisation::member_state(owner)?,
        IdentityData::person(surname, first, "1966-04-12", Sex::M, "UKR")?,
    );
    r.travel_documents.push(TravelDocument {
        document_type: DocumentType::Passport,
        number: DocumentNumber::new(passport)?,
        issuing_country: CountryCode::new("UKR")?,
        expiry: Some(Date::new(2030, 6, 30)?),
    });
    r.biometrics.fingerprints = fingers(person, n);
    Ok(r)
}

fn show(link: &LinkView) -> String {
    let ends: Vec<String> = link
        .ends
        .iter()
        .map(|e| match &e.record {
            Some(id) => format!("{}/{id}", e.system),
            None => e.system.to_string(),
        })
        .collect();
    format!(
        "{} {:?} link {}, responsible authority {}",
        link.sin,
        link.colour,
        ends.join(" <-> "),
        link.responsible_authority
    )
}

fn session(reference: &Reference, principal: Principal) -> Session {
    reference.connect(&reference.register_principal(principal))
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let reference = Reference::default();
    let ees = session(&reference, reference.source_system_principal(SourceSystem::Ees)?);
    let vis = session(&reference, reference.source_system_principal(SourceSystem::Vis)?);
    let sis = session(&reference, reference.source_system_principal(SourceSystem::Sis)?);

    println!("1. EES and VIS register the same traveller, transliterated differently");
    let ees_ref = RecordRef::new(SourceSystem::Ees, RecordId::new("EES-DE-000417")?);
    ees.source_systems.put_record(&ees_ref, record("DEU", "MÜLLER", "Jürgen", "FA1234567", 7, 1)?).await?;
    let vis_ref = RecordRef::new(SourceSystem::Vis, RecordId::new("VIS-FR-2026-88")?);
    let written = vis
        .source_systems
        .put_record(&vis_ref, record("FRA", "MUELLER", "Juergen", "FA1234567", 7, 2)?)
        .await?;
    for link in &written.links {
        println!("   {}", show(link));
    }

    println!("2. An SIS alert under another name carries the same fingerprints");
    let mut alert = record("NLD", "KOVALENKO", "Petro", "FB7654321", 7, 3)?;
    alert.identity.date_of_birth = Some("1971-01-01".parse()?);
    alert.sis_alert = Some(SisAlert { category: SisAlertCategory::RefusalOfEntry });
    let sis_ref = RecordRef::new(SourceSystem::Sis, RecordId::new("SIS-NL-0099")?);
    let written = sis.source_systems.put_record(&sis_ref, alert).await?;
    for link in &written.links {
        println!("   {}", show(link));
    }

    println!("3. The SIRENE Bureau verifies the link to EES: same person, unjustified");
    let sirene = session(
        &reference,
        reference.standard_principal(
            AuthorityKind::SireneBureau,
            Organisation::member_state("NLD")?,
            "sirene-nl-1",
        )?,
    );
    let to_ees = written
        .links
        .iter()
        .find(|l| l.ends.iter().any(|e| e.system == SourceSystem::Ees))
        .ok_or("the SIS alert should be linked to the EES record")?;
    let verification =
        LinkVerification { outcome: VerificationOutcome::SamePersonUnjustified, notice_restriction: None };
    if let Some(red) = sirene.identity_detector.verify_link(&to_ees.sin, verification).await? {
        println!("   {}", show(&red));
    }
    for link in sirene.identity_detector.links(&sis_ref).await? {
        if link.colour == LinkColour::Yellow {
            println!("   still to verify separately (Art 29(5)): {}", show(&link));
        }
    }
    let border = session(
        &reference,
        reference.standard_principal(
            AuthorityKind::BorderAuthority,
            Organisation::member_state("DEU")?,
            "officer-1",
        )?,
    );
    for n in border.identity_detector.notifications().await? {
        println!("   notification to {}: {:?} for {} ({:?})", n.recipient, n.kind, n.sin, n.systems);
    }
    if let Some(notice) = sirene.identity_detector.person_notice(&to_ees.sin).await? {
        println!(
            "   notice for the person: link {} ({:?}), verifying authority {}, web portal {}",
            notice.sin, notice.colour, notice.verifying_authority_reference, notice.web_portal
        );
    }
    Ok(())
}
