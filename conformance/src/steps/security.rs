//! Authentication and rights, typed errors for bad input, idempotent and concurrent writes,
//! size limits (REQUIREMENTS §9, in-process part).

use std::collections::BTreeMap;

use cucumber::{then, when};
use jha_interop::api::{Error, ErrorKind};
use jha_interop::model::*;

use super::{Optional, Spelled, role};
use crate::failure::{Failure, StepResult};
use crate::role::Role;
use crate::world::{ConformanceWorld, describe_links};
use crate::{ensure, fail};

impl ConformanceWorld {
    /// Records the kind of every error of a hostile call, to check none was a server fault.
    fn note_error_kind(&mut self, result: &Result<(), Error>) {
        if let Err(e) = result {
            let n = self.kept.len();
            self.kept.insert(format!("error-kind:{n}"), e.kind.name().to_string());
        }
    }
}

#[when(regex = r"^(.+) reads record ([A-Za-z][A-Za-z0-9]*)$")]
async fn reads_record(world: &mut ConformanceWorld, who: Role, label: String) -> StepResult {
    let reference = world.record(&label)?.reference.clone();
    let session = world.session(&who)?;
    let result = session.source_systems.get_record(&reference).await.map(|_| ());
    world.expect_refusal(result);
    Ok(())
}

#[when(regex = r"^(.+) reads the links of record ([A-Za-z][A-Za-z0-9]*)$")]
async fn reads_links(world: &mut ConformanceWorld, who: Role, label: String) -> StepResult {
    let reference = world.record(&label)?.reference.clone();
    let session = world.session(&who)?;
    let result = session.identity_detector.links(&reference).await.map(|_| ());
    world.expect_refusal(result);
    Ok(())
}

#[then(regex = r"^the call is refused as unauthenticated$")]
async fn unauthenticated(world: &mut ConformanceWorld) -> StepResult {
    let e = world.refusal()?;
    ensure!(e.kind == ErrorKind::Unauthenticated, "refused with {} instead of 'unauthenticated'", e.kind);
    Ok(())
}

#[when(regex = r"^(.+) reads record ([A-Za-z][A-Za-z0-9]*) of a system it may not access$")]
async fn reads_foreign_record(world: &mut ConformanceWorld, who: Role, label: String) -> StepResult {
    let reference = world.record(&label)?.reference.clone();
    let session = world.session(&who)?;
    let result = session.identity_repository.file_of(&reference).await.map(|_| ());
    world.expect_refusal(result);
    Ok(())
}

#[then(
    regex = r"^the call is refused as forbidden and the attempt of (.+) is logged(?: by the (ESP|SBMS|CIR|MID|CRRS))?$"
)]
async fn forbidden_logged(
    world: &mut ConformanceWorld,
    who: Role,
    component: Optional<Spelled<Component>>,
) -> StepResult {
    let e = world.refusal()?.clone();
    ensure!(e.kind == ErrorKind::Forbidden, "refused with {} instead of 'forbidden'", e.kind);
    // Which component logs a refused read of the logs themselves is the implementation's
    // choice; every other call belongs to one component.
    let component = component.0.map(|c| c.0);
    let me = world.session(&who)?.directory.whoami().await?;
    let logs = world.all_logs().await?;
    let attempts = logs
        .iter()
        .filter(|l| {
            matches!(l.event, LogEvent::AccessDenied { .. })
                && l.requester
                    .as_ref()
                    .is_some_and(|r| r.authority == me.authority && r.user_id == me.user_id)
        })
        .collect::<Vec<_>>();
    let [attempt] = attempts.as_slice() else {
        fail!("{} log entries record the refused attempt of {who}; there must be exactly one", attempts.len())
    };
    if let Some(component) = component {
        ensure!(
            attempt.component == component,
            "the refused attempt of {who} is logged by {:?}, not by the {component:?}",
            attempt.component
        );
    }
    Ok(())
}

#[when(regex = r"^(.+) tries to read the statistics of (.+)$")]
async fn reads_forbidden_statistics(
    world: &mut ConformanceWorld,
    who: Role,
    kind: Spelled<ReportKind>,
) -> StepResult {
    let session = world.session(&who)?;
    let result = session.statistics.report(kind.0).await.map(|_| ());
    world.expect_refusal(result);
    Ok(())
}

#[when(regex = r"^(.+) tries to read the logs$")]
async fn reads_forbidden_logs(world: &mut ConformanceWorld, who: Role) -> StepResult {
    let session = world.session(&who)?;
    let result = session.audit_log.entries(LogQuery::default()).await.map(|_| ());
    world.expect_refusal(result);
    Ok(())
}

fn hostile_record(kind: &str) -> Result<RecordWrite, Failure> {
    let identity = IdentityData::person("GARCÍA", "Ana", "1990-05-07", Sex::F, "COL")?;
    let mut record = RecordWrite::new(Organisation::member_state("DEU")?, identity);
    record.travel_documents.push(TravelDocument {
        document_type: DocumentType::Passport,
        number: DocumentNumber::new("PH0000001")?,
        issuing_country: CountryCode::new("COL")?,
        expiry: Some(Date::new(2031, 1, 1)?),
    });
    let position = FingerPosition::new(1)?;
    let garbage = Base64Bytes::from(b"FMR\0 20\0\xff\xff\xff\xffnot a record".to_vec());
    match kind {
        "an undecodable minutiae record" => record.biometrics.fingerprints.push(FingerprintSample {
            position,
            data: FingerprintData::Record { standard: MinutiaeRecordFormat::Auto, data: garbage },
        }),
        "an undecodable ANSI/NIST file" => {
            record.biometrics.ansi_nist =
                Some(Base64Bytes::from(b"1.001:99\x1d1.002:0300\x1c\x00\x01".to_vec()))
        }
        "an undecodable fingerprint image" => record.biometrics.fingerprints.push(FingerprintSample {
            position,
            data: FingerprintData::Image(FingerprintImage {
                encoding: ImageEncoding::Png,
                width: None,
                height: None,
                resolution_ppi: 500,
                data: Base64Bytes::from(b"\x89PNG\r\n\x1a\nbroken".to_vec()),
            }),
        }),
        "no data at all" => {
            record.identity = IdentityData::default();
            record.travel_documents.clear();
        }
        other => fail!("unknown hostile input {other:?}"),
    }
    Ok(record)
}

#[when(
    regex = r"^the EES central system writes record ([A-Za-z][A-Za-z0-9]*) with (an undecodable minutiae record|an undecodable ANSI/NIST file|an undecodable fingerprint image|no data at all)$"
)]
async fn writes_hostile(world: &mut ConformanceWorld, label: String, kind: String) -> StepResult {
    let record = hostile_record(&kind)?;
    let result = world.put(&label, SourceSystem::Ees, record).await?.map(|_| ());
    world.note_error_kind(&result);
    world.expect_refusal(result);
    Ok(())
}

#[when(regex = r"^the border authority of DEU reads the links of a record that does not exist$")]
async fn reads_missing(world: &mut ConformanceWorld) -> StepResult {
    let reference = world.new_reference(SourceSystem::Ees, "NOSUCHRECORD")?;
    let session = world.session(&role("the border authority of DEU")?)?;
    let result = session.identity_repository.file_of(&reference).await.map(|_| ());
    world.note_error_kind(&result);
    world.expect_refusal(result);
    Ok(())
}

#[then(regex = r#"^the call is refused as (invalid input|not found)(?: naming the field "([^"]*)")?$"#)]
async fn refused_as(world: &mut ConformanceWorld, wanted: Spelled<ErrorKind>, field: String) -> StepResult {
    let e = world.refusal()?;
    let Spelled(wanted) = wanted;
    ensure!(e.kind == wanted, "refused with {} instead of {}", e.kind, wanted);
    if !field.is_empty() {
        ensure!(
            e.violations.iter().any(|v| v.field.contains(&field)),
            "no violation names the field {field}: {:?}",
            e.violations.iter().map(|v| &v.field).collect::<Vec<_>>()
        );
    }
    Ok(())
}

#[then(regex = r"^no call failed with an internal error$")]
async fn no_internal(world: &mut ConformanceWorld) -> StepResult {
    let kinds: Vec<&String> =
        world.kept.iter().filter(|(k, _)| k.starts_with("error-kind:")).map(|(_, v)| v).collect();
    ensure!(!kinds.is_empty(), "harness: no hostile call was made");
    ensure!(!kinds.iter().any(|k| *k == "internal"), "client input caused an internal error: {kinds:?}");
    Ok(())
}

#[then(regex = r"^resending ([A-Za-z][A-Za-z0-9]*) changed nothing$")]
async fn unchanged(world: &mut ConformanceWorld, label: String) -> StepResult {
    let effect = world.kept.get(&format!("effect:{label}")).cloned().unwrap_or_default();
    ensure!(effect == "Unchanged", "resending {label} reported {effect:?} instead of 'unchanged'");
    Ok(())
}

#[when(regex = r"^the templates of ([A-Za-z][A-Za-z0-9]*) are counted$")]
#[then(regex = r"^the templates of ([A-Za-z][A-Za-z0-9]*) are counted$")]
async fn count_templates(world: &mut ConformanceWorld, label: String) -> StepResult {
    let reference = world.record(&label)?.reference.clone();
    let session = world.session(&Role::SourceSystem(reference.system))?;
    let n = session.biometrics.templates(&reference).await?.len();
    world.kept.insert(format!("templates:{label}"), n.to_string());
    Ok(())
}

#[then(regex = r"^([A-Za-z][A-Za-z0-9]*) has as many templates as before$")]
async fn same_templates(world: &mut ConformanceWorld, label: String) -> StepResult {
    let before = world.kept.get(&format!("templates:{label}")).cloned().unwrap_or_default();
    let reference = world.record(&label)?.reference.clone();
    let session = world.session(&Role::SourceSystem(reference.system))?;
    let now = session.biometrics.templates(&reference).await?.len();
    ensure!(now.to_string() == before, "{label} had {before} templates and now has {now}");
    Ok(())
}

#[then(regex = r"^exactly one link joins ([A-Za-z][A-Za-z0-9]*) and ([A-Za-z][A-Za-z0-9]*)$")]
async fn exactly_one_link(world: &mut ConformanceWorld, a: String, b: String) -> StepResult {
    let links = world.links_seen_by_anyone(&a).await?;
    let mut joining = 0;
    for l in &links {
        if l.ends.len() == 2
            && ((world.end_is(&l.ends[0], &a)? && world.end_is(&l.ends[1], &b)?)
                || (world.end_is(&l.ends[0], &b)? && world.end_is(&l.ends[1], &a)?))
        {
            joining += 1;
        }
    }
    ensure!(joining == 1, "{joining} links join {a} and {b}: {}", describe_links(&links));
    Ok(())
}

#[then(
    regex = r"^every record written at the same time is stored, and each pair with the same fingerprints is joined by exactly one white link and no other$"
)]
async fn concurrent_outcome(world: &mut ConformanceWorld) -> StepResult {
    let mut by_finger: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let entries: Vec<(String, crate::world::RecordEntry)> =
        world.records().iter().map(|(l, e)| (l.clone(), e.clone())).collect();
    for (label, entry) in &entries {
        let service = world.session(&Role::SourceSystem(entry.reference.system))?;
        let stored = service.source_systems.get_record(&entry.reference).await;
        ensure!(stored.is_ok(), "{label} was lost: {:?}", stored.err());
        if let Some(f) = entry.spec.fields.get("fingerprints") {
            by_finger.entry(f.clone()).or_default().push(label.clone());
        }
    }
    ensure!(entries.len() >= 10, "harness: too few concurrent records");
    for group in by_finger.values() {
        let links = world.links_seen_by_anyone(&group[0]).await?;
        match group.as_slice() {
            [a, b] => {
                ensure!(
                    links.len() == 1,
                    "{a} has {} links instead of one to {b}: {}",
                    links.len(),
                    describe_links(&links)
                );
                let link = world.the_link(a, b).await?;
                ensure!(
                    link.colour == LinkColour::White,
                    "the link joining {a} and {b} is {:?}",
                    link.colour
                );
            }
            [a] => ensure!(links.is_empty(), "{a} has links: {}", describe_links(&links)),
            _ => fail!("harness: give each finger to one or two records"),
        }
    }
    Ok(())
}

#[then(regex = r"^the implementation documents its size limits$")]
async fn limits_documented(world: &mut ConformanceWorld) -> StepResult {
    let l = world.capabilities.limits;
    ensure!(
        l.max_request_bytes > 0 && l.max_biometric_payload_bytes > 0,
        "size limits are not documented: {l:?}"
    );
    ensure!(
        l.max_biometric_payload_bytes <= l.max_request_bytes,
        "the biometric limit exceeds the request limit"
    );
    ensure!(
        l.max_fingerprints >= 1 && l.max_candidates >= 1,
        "sample and candidate limits are not documented: {l:?}"
    );
    Ok(())
}

#[when(
    regex = r"^the EES central system writes record ([A-Za-z][A-Za-z0-9]*) with a fingerprint image one byte over the documented limit$"
)]
async fn writes_oversize(world: &mut ConformanceWorld, label: String) -> StepResult {
    let limit = world.capabilities.limits.max_biometric_payload_bytes as usize;
    let mut record = hostile_record("an undecodable fingerprint image")?;
    record.biometrics.fingerprints = vec![FingerprintSample {
        position: FingerPosition::new(1)?,
        data: FingerprintData::Image(FingerprintImage {
            encoding: ImageEncoding::RawGray8,
            width: Some(4096),
            height: Some(4096),
            resolution_ppi: 500,
            data: Base64Bytes::from(vec![128u8; limit + 1]),
        }),
    }];
    let result = world.put(&label, SourceSystem::Ees, record).await?.map(|_| ());
    world.note_error_kind(&result);
    world.expect_refusal(result);
    Ok(())
}

#[when(
    regex = r"^the EES central system writes record ([A-Za-z][A-Za-z0-9]*) with a fingerprint image exactly at the documented limit$"
)]
async fn writes_at_limit(world: &mut ConformanceWorld, label: String) -> StepResult {
    let limit = world.capabilities.limits.max_biometric_payload_bytes as usize;
    let mut record = hostile_record("an undecodable fingerprint image")?;
    record.biometrics.fingerprints = vec![FingerprintSample {
        position: FingerPosition::new(1)?,
        data: FingerprintData::Image(FingerprintImage {
            encoding: ImageEncoding::RawGray8,
            width: Some(4096),
            height: Some(4096),
            resolution_ppi: 500,
            data: Base64Bytes::from(vec![128u8; limit]),
        }),
    }];
    let result = world.put(&label, SourceSystem::Ees, record).await?.map(|_| ());
    world.note_error_kind(&result);
    world.expect_refusal(result);
    Ok(())
}

#[then(regex = r"^the write is not refused as too large$")]
async fn not_too_large(world: &mut ConformanceWorld) -> StepResult {
    if let Some(e) = &world.last_error {
        ensure!(
            e.kind != ErrorKind::PayloadTooLarge,
            "a payload of exactly the documented limit is refused as too large: {}",
            Failure::from(e.clone())
        );
    }
    Ok(())
}

#[then(regex = r"^the write is refused as too large$")]
async fn too_large(world: &mut ConformanceWorld) -> StepResult {
    let e = world.refusal()?;
    ensure!(e.kind == ErrorKind::PayloadTooLarge, "refused with {} instead of 'payload too large'", e.kind);
    Ok(())
}
