//! Logs: who may read them, their retention and holds, that they only grow, and what they must
//! never hold (Arts 10, 16, 24, 36).

use cucumber::{given, then, when};
use jha_interop::api::ErrorKind;
use jha_interop::model::*;

use super::{BiometricQuery, Presence, Spelled, role};
use crate::failure::{Failure, StepResult};
use crate::role::Role;
use crate::world::ConformanceWorld;
use crate::{ensure, fail};

#[when(regex = r"^(.+) reads the logs$")]
async fn reads_logs(world: &mut ConformanceWorld, who: Role) -> StepResult {
    let session = world.session(&who)?;
    let result = session.audit_log.entries(LogQuery::default()).await;
    if let Some(entries) = world.expect_refusal(result) {
        world.kept_logs = entries;
    }
    Ok(())
}

#[then(regex = r"^the logs read hold the search of (.+)$")]
async fn read_logs_hold_search(world: &mut ConformanceWorld, who: Role) -> StepResult {
    world.accepted()?;
    let me = world.session(&who)?.directory.whoami().await?;
    let held = world
        .kept_logs
        .iter()
        .filter(|e| {
            matches!(e.event, LogEvent::EspQuery { .. })
                && e.requester
                    .as_ref()
                    .is_some_and(|r| r.authority == me.authority && r.user_id == me.user_id)
        })
        .count();
    ensure!(held == 1, "the logs read hold {held} entries of the search of {who}, not one");
    Ok(())
}

#[then(regex = r"^every log entry read was made by an authority of ([A-Z_]+)$")]
async fn read_logs_own(world: &mut ConformanceWorld, organisation: String) -> StepResult {
    world.accepted()?;
    ensure!(!world.kept_logs.is_empty(), "no log entry was read");
    for e in &world.kept_logs {
        let Some(r) = &e.requester else {
            fail!(
                "entry {} ({:?}) has no requester: self-monitoring reads only the entries of {organisation}'s authorities",
                e.id,
                e.component
            )
        };
        ensure!(
            r.authority.organisation.to_string() == organisation,
            "entry {} was made by {}, not by an authority of {organisation}",
            e.id,
            r.authority
        );
    }
    Ok(())
}

#[when(regex = r"^(.+) tries to open a monitoring procedure covering the (ESP|SBMS|CIR|MID|CRRS) logs$")]
async fn someone_opens_procedure(
    world: &mut ConformanceWorld,
    who: Role,
    component: Spelled<Component>,
) -> StepResult {
    let Spelled(component) = component;
    let session = world.session(&who)?;
    let covers = LogQuery { component: Some(component), from: None, to: None };
    let result = session.audit_log.open_procedure("self-monitoring of border searches".into(), covers).await;
    if let Some(procedure) = world.expect_refusal(result) {
        world.kept.insert("procedure".into(), procedure.id);
    }
    Ok(())
}

#[then(regex = r"^opening the monitoring procedure is refused$")]
async fn opening_refused(world: &mut ConformanceWorld) -> StepResult {
    let e = world.refusal()?;
    ensure!(e.kind == ErrorKind::Forbidden, "refused with {} instead of 'forbidden'", e.kind);
    Ok(())
}

#[then(regex = r"^the monitoring procedure is open$")]
async fn procedure_open(world: &mut ConformanceWorld) -> StepResult {
    world.accepted()?;
    ensure!(world.kept.contains_key("procedure"), "harness: no procedure was opened");
    Ok(())
}

#[then(regex = r"^reading the logs is refused$")]
async fn reading_refused(world: &mut ConformanceWorld) -> StepResult {
    let e = world.refusal()?;
    ensure!(e.kind == ErrorKind::Forbidden, "refused with {} instead of 'forbidden'", e.kind);
    Ok(())
}

#[then(regex = r"^the logs are kept$")]
#[when(regex = r"^the supervisory authority takes a copy of the logs$")]
async fn keep_logs(world: &mut ConformanceWorld) -> StepResult {
    world.kept_logs = world.all_logs().await?;
    ensure!(!world.kept_logs.is_empty(), "the logs are empty");
    Ok(())
}

#[then(
    regex = r"^every entry of the copy is still in the logs, unchanged, and new activity only added entries$"
)]
async fn append_only(world: &mut ConformanceWorld) -> StepResult {
    let now = world.all_logs().await?;
    // LOG-01: the history of a deleted record's data goes with the data; nothing else may go.
    let mut deleted = Vec::new();
    for key in world.kept.keys().filter_map(|k| k.strip_prefix("deleted:")) {
        deleted.push(world.record(key)?.reference.clone());
    }
    for old in &world.kept_logs {
        let Some(same) = now.iter().find(|e| e.id == old.id) else {
            if deleted.iter().any(|r| names_data_history(old, r)) {
                continue;
            }
            fail!("log entry {} disappeared", old.id)
        };
        ensure!(same == old, "log entry {} changed: {old:?} became {same:?}", old.id);
    }
    ensure!(now.len() > world.kept_logs.len(), "new activity added no log entry");
    Ok(())
}

/// Whether `entry` records the history of `record`'s data in the CIR (Art 24(8)): the detection
/// its data triggered, or a comparison of its data.
fn names_data_history(entry: &LogEntry, record: &RecordRef) -> bool {
    match &entry.event {
        LogEvent::CirDetection { trigger, .. } => trigger == record,
        LogEvent::IdentityComparison { records, .. } => records.contains(record),
        _ => false,
    }
}

#[then(regex = r"^the logs (hold|no longer hold) the history of the data of ([A-Za-z][A-Za-z0-9]*)$")]
async fn data_history(world: &mut ConformanceWorld, verdict: Spelled<Presence>, label: String) -> StepResult {
    let record = world.record(&label)?.reference.clone();
    let logs = world.all_logs().await?;
    let held: Vec<u64> = logs.iter().filter(|e| names_data_history(e, &record)).map(|e| e.id).collect();
    if verdict.0 == Presence::Present {
        ensure!(
            logs.iter()
                .any(|e| matches!(&e.event, LogEvent::CirDetection { trigger, .. } if *trigger == record)),
            "no CIR log entry records the detection triggered by {label}'s data (Art 24(3))"
        );
    } else {
        ensure!(
            held.is_empty(),
            "log entries {held:?} of the history of {label}'s data outlived the data (Art 24(8))"
        );
    }
    Ok(())
}

#[then(regex = r"^every log entry is due for erasure one year after it was made$")]
async fn one_year(world: &mut ConformanceWorld) -> StepResult {
    let logs = world.all_logs().await?;
    ensure!(!logs.is_empty(), "the logs are empty");
    for e in &logs {
        ensure!(
            e.erase_after == e.at.plus_one_year(),
            "entry {} made {} is erased after {}, not one year later",
            e.id,
            e.at,
            e.erase_after
        );
    }
    Ok(())
}

#[given(
    regex = r"^the supervisory authority opens a monitoring procedure covering the (ESP|SBMS|CIR|MID|CRRS) logs$"
)]
#[when(
    regex = r"^the supervisory authority opens a monitoring procedure covering the (ESP|SBMS|CIR|MID|CRRS) logs$"
)]
async fn opens_procedure(world: &mut ConformanceWorld, component: Spelled<Component>) -> StepResult {
    let Spelled(component) = component;
    let session = world.session(&role("the supervisory authority of DEU")?)?;
    let covers = LogQuery { component: Some(component), from: None, to: None };
    let procedure = session.audit_log.open_procedure("inquiry into border searches".into(), covers).await?;
    world.kept.insert("procedure".into(), procedure.id);
    Ok(())
}

#[when(regex = r"^the supervisory authority closes the monitoring procedure$")]
async fn closes_procedure(world: &mut ConformanceWorld) -> StepResult {
    let Some(id) = world.kept.get("procedure").cloned() else { fail!("harness: no procedure was opened") };
    let session = world.session(&role("the supervisory authority of DEU")?)?;
    session.audit_log.close_procedure(&id).await?;
    Ok(())
}

#[then(regex = r"^the logs (still hold|no longer hold) the search of (.+)$")]
async fn holds_search_of(world: &mut ConformanceWorld, verdict: Spelled<Presence>, who: Role) -> StepResult {
    let me = world.session(&who)?.directory.whoami().await?;
    let logs = world.all_logs().await?;
    let held = logs
        .iter()
        .filter(|e| {
            matches!(e.event, LogEvent::EspQuery { .. })
                && e.requester.as_ref().is_some_and(|r| r.authority == me.authority)
        })
        .count();
    if verdict.0 == Presence::Present {
        ensure!(
            held == 1,
            "{held} log entries of the search of {who} remain; it was made less than a year ago"
        );
    } else {
        ensure!(held == 0, "the log entry of the search of {who} outlived its year");
    }
    Ok(())
}

#[then(regex = r"^the logs (still hold|no longer hold) the search$")]
async fn holds_search(world: &mut ConformanceWorld, verdict: Spelled<Presence>) -> StepResult {
    let logs = world.all_logs().await?;
    let held = logs.iter().any(|e| matches!(e.event, LogEvent::EspQuery { .. }));
    if verdict.0 == Presence::Present {
        ensure!(held, "the search's log entry was erased although a monitoring procedure holds it");
    } else {
        ensure!(!held, "the search's log entry outlived its year");
    }
    Ok(())
}

/// Whether a JSON value carries something that looks like biometric data: minutiae, a face
/// vector or a binary payload.
fn biometric_in(value: &serde_json::Value) -> Option<String> {
    match value {
        serde_json::Value::Object(o) => {
            for (k, v) in o {
                if ["minutiae", "vector", "template", "fingerprints", "palm_prints", "ansi_nist"]
                    .contains(&k.as_str())
                {
                    return Some(k.clone());
                }
                if let Some(found) = biometric_in(v) {
                    return Some(found);
                }
            }
            None
        }
        serde_json::Value::Array(a) => {
            if a.len() >= 8 && a.iter().all(|v| v.is_number()) {
                return Some("an array of numbers".into());
            }
            a.iter().find_map(biometric_in)
        }
        _ => None,
    }
}

#[then(
    regex = r"^no log entry holds biometric data, and no ESP, sBMS or MID entry holds names, document numbers or dates of birth$"
)]
async fn no_personal_data(world: &mut ConformanceWorld) -> StepResult {
    let logs = world.all_logs().await?;
    ensure!(!logs.is_empty(), "the logs are empty");
    for e in &logs {
        let json = serde_json::to_value(e).map_err(|e| Failure(e.to_string()))?;
        if let Some(what) = biometric_in(&json) {
            fail!("log entry {} ({:?}) holds biometric data: {what}", e.id, e.component);
        }
        if !matches!(e.component, Component::Esp | Component::Sbms | Component::Mid) {
            continue;
        }
        let text = json.to_string();
        for (label, entry) in world.records() {
            let id = &entry.write.identity;
            for (_, name) in id.surname_values().into_iter().chain(id.first_name_values()) {
                ensure!(
                    !text.contains(&format!("\"{}\"", name.as_str())),
                    "{:?} log entry {} holds the name of {label}",
                    e.component,
                    e.id
                );
            }
            if let Some(dob) = id.date_of_birth {
                ensure!(
                    !text.contains(&format!("\"{dob}\"")),
                    "{:?} log entry {} holds the date of birth of {label}",
                    e.component,
                    e.id
                );
            }
            for d in &entry.write.travel_documents {
                ensure!(
                    !text.contains(&format!("\"{}\"", d.number.as_str())),
                    "{:?} log entry {} holds a document number of {label}",
                    e.component,
                    e.id
                );
            }
        }
    }
    Ok(())
}

/// SHA-256 in lowercase hexadecimal.
fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// What POLICY LOG-P1 says a log entry holds for the fingerprints the scenario sent: per finger
/// its position and the SHA-256 of the sample as submitted (the bytes of a record or image, the
/// compact JSON of a minutiae template), computed here from the scenario's own samples.
fn expected_fingerprint_digests(sent: &BiometricData) -> Result<Vec<(Option<u8>, String)>, Failure> {
    let mut out = Vec::new();
    for sample in &sent.fingerprints {
        let bytes = match &sample.data {
            FingerprintData::Minutiae(template) => {
                serde_json::to_vec(template).map_err(|e| Failure(e.to_string()))?
            }
            FingerprintData::Image(image) => image.data.as_slice().to_vec(),
            FingerprintData::Record { data, .. } => data.as_slice().to_vec(),
            // A sample format added to the SDK after this step (the enum is open).
            other => return Err(Failure(format!("no LOG-P1 digest rule for the sample {other:?}"))),
        };
        out.push((Some(sample.position.code()), sha256_hex(&bytes)));
    }
    out.sort();
    Ok(out)
}

#[when(
    regex = r"^(.+) launches an? (ESP search|sBMS identification|CIR identification) with fingerprints ([A-Za-z0-9, ]+)$"
)]
async fn launches_biometric_query(
    world: &mut ConformanceWorld,
    who: Role,
    query: Spelled<BiometricQuery>,
    fingers: String,
) -> StepResult {
    let actor = who;
    let biometrics = world.samples.biometrics(&fingers, "")?;
    let session = world.session(&actor)?;
    match query.0 {
        BiometricQuery::EspSearch => {
            let profiles = session.directory.profiles().await?;
            let Some(profile) = profiles.iter().find(|p| p.query_fields.contains(&QueryField::Fingerprints))
            else {
                fail!("{who} holds no ESP profile that searches with fingerprints")
            };
            let mut request = SearchRequest::new(profile.id.clone());
            request.biometrics = Some(biometrics.clone());
            session.search_portal.search_all(request).await?;
        }
        BiometricQuery::SbmsIdentification => {
            let request =
                IdentifyRequest { biometrics: biometrics.clone(), systems: Vec::new(), max_candidates: 10 };
            session.biometrics.identify(request).await?;
        }
        _ => {
            let request = IdentificationRequest {
                circumstance: Some(Art20Circumstance::DoubtOnHolder),
                biometrics: Some(biometrics.clone()),
                biometrics_taken_live: true,
                identity_check_in_presence: true,
                fallback: None,
                subject_age: None,
                best_interests_justification: None,
            };
            session.identity_repository.identify(request).await?;
        }
    }
    world.kept.insert(
        "biometric-query".into(),
        serde_json::to_string(&biometrics).map_err(|e| Failure(e.to_string()))?,
    );
    world.kept.insert("biometric-query-by".into(), actor.to_string());
    Ok(())
}

#[then(
    regex = r"^the (ESP|sBMS|CIR) log entry of that query holds each fingerprint sent as its finger and the SHA-256 of the sample, nothing else of it$"
)]
async fn biometric_query_logged(world: &mut ConformanceWorld, component: Spelled<Component>) -> StepResult {
    let Spelled(component) = component;
    let Some(sent) = world.kept.get("biometric-query").cloned() else {
        fail!("harness: no query was launched")
    };
    let sent: BiometricData = serde_json::from_str(&sent).map_err(|e| Failure(e.to_string()))?;
    let Some(by) = world.kept.get("biometric-query-by").cloned() else { fail!("harness: no caller kept") };
    let me = world.session(&crate::role::Role::from_key(&by)?)?.directory.whoami().await?;
    let logs = world.all_logs().await?;
    let entries: Vec<&LogEntry> = logs
        .iter()
        .filter(|e| {
            // The query of the step: the caller's one entry of that kind whose data types
            // name fingerprints (the Background's search is by name).
            let kind = match (&e.event, component) {
                (LogEvent::EspQuery { data_types, .. }, Component::Esp)
                | (LogEvent::BiometricSearch { data_types, .. }, Component::Sbms)
                | (LogEvent::CirIdentification { data_types, .. }, Component::Cir) => {
                    data_types.contains(&DataType::Fingerprint)
                }
                _ => false,
            };
            kind && e
                .requester
                .as_ref()
                .is_some_and(|r| r.authority == me.authority && r.user_id == me.user_id)
        })
        .collect();
    let [entry] = entries.as_slice() else {
        fail!(
            "{} {component:?} log entries record the query of {by}; there must be exactly one",
            entries.len()
        )
    };
    let want = expected_fingerprint_digests(&sent)?;
    let mut got: Vec<(Option<u8>, String)> = entry
        .biometric_query_data
        .iter()
        .map(|d| (d.finger_position.map(|p| p.code()), d.sha256.clone()))
        .collect();
    got.sort();
    ensure!(
        got == want,
        "the {component:?} entry holds the biometric query data {got:?}; POLICY LOG-P1 gives {want:?} for the fingerprints sent"
    );
    ensure!(
        entry.biometric_query_data.iter().all(|d| d.data_type == DataType::Fingerprint),
        "the {component:?} entry names another data type than fingerprint: {:?}",
        entry.biometric_query_data
    );
    let json = serde_json::to_value(entry).map_err(|e| Failure(e.to_string()))?;
    if let Some(what) = biometric_in(&json) {
        fail!("the {component:?} entry holds biometric data: {what}");
    }
    Ok(())
}
