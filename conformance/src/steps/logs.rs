//! Logs: who may read them, their retention and holds, that they only grow, and what they must
//! never hold (Arts 10, 16, 24, 36).

use cucumber::{given, then, when};
use jha_interop::api::ErrorKind;
use jha_interop::model::*;

use super::role;
use crate::failure::{Failure, StepResult};
use crate::world::ConformanceWorld;
use crate::{ensure, fail};

#[when(regex = r"^(.+) reads the logs$")]
async fn reads_logs(world: &mut ConformanceWorld, who: String) -> StepResult {
    let session = world.session(&role(&who)?)?;
    let result = session.audit_log.entries(LogQuery::default()).await;
    if let Some(entries) = world.expect_refusal(result) {
        world.kept_logs = entries;
    }
    Ok(())
}

#[then(regex = r"^the logs read hold the search of (.+)$")]
async fn read_logs_hold_search(world: &mut ConformanceWorld, who: String) -> StepResult {
    world.accepted()?;
    let me = world.session(&role(&who)?)?.directory.whoami().await?;
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
async fn someone_opens_procedure(world: &mut ConformanceWorld, who: String, component: String) -> StepResult {
    let component: Component =
        serde_json::from_value(serde_json::Value::String(component)).map_err(|e| Failure(e.to_string()))?;
    let session = world.session(&role(&who)?)?;
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
    for old in &world.kept_logs {
        let Some(same) = now.iter().find(|e| e.id == old.id) else {
            fail!("log entry {} disappeared", old.id)
        };
        ensure!(same == old, "log entry {} changed: {old:?} became {same:?}", old.id);
    }
    ensure!(now.len() > world.kept_logs.len(), "new activity added no log entry");
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
async fn opens_procedure(world: &mut ConformanceWorld, component: String) -> StepResult {
    let component: Component =
        serde_json::from_value(serde_json::Value::String(component)).map_err(|e| Failure(e.to_string()))?;
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
async fn holds_search_of(world: &mut ConformanceWorld, verdict: String, who: String) -> StepResult {
    let me = world.session(&role(&who)?)?.directory.whoami().await?;
    let logs = world.all_logs().await?;
    let held = logs
        .iter()
        .filter(|e| {
            matches!(e.event, LogEvent::EspQuery { .. })
                && e.requester.as_ref().is_some_and(|r| r.authority == me.authority)
        })
        .count();
    if verdict == "still hold" {
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
async fn holds_search(world: &mut ConformanceWorld, verdict: String) -> StepResult {
    let logs = world.all_logs().await?;
    let held = logs.iter().any(|e| matches!(e.event, LogEvent::EspQuery { .. }));
    if verdict == "still hold" {
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
