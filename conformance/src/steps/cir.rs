//! The Common Identity Repository: individual files, Art 20 identification, Art 22 hit flags
//! and their follow-up, Art 21 access to linked data, and the CIR's logs.

use cucumber::{then, when};
use jha_interop::api::ErrorKind;
use jha_interop::model::*;

use super::{
    Actor, List, Presence, QuerySubject, Spelled, Systems, UnusableBiometrics, Verdict, labels, role,
};
use crate::failure::{Failure, StepResult};
use crate::role::Role;
use crate::world::ConformanceWorld;
use crate::{ensure, fail};

/// The role through which file steps look: the ETIAS Central Unit may access every CIR system.
fn file_viewer() -> Result<Role, Failure> {
    role("the ETIAS Central Unit")
}

impl ConformanceWorld {
    async fn file_of(
        &mut self,
        label: &str,
    ) -> Result<Result<IndividualFileView, jha_interop::api::Error>, Failure> {
        let reference = self.record(label)?.reference.clone();
        let session = self.session(&file_viewer()?)?;
        Ok(session.identity_repository.file_of(&reference).await)
    }

    async fn file_ok(&mut self, label: &str) -> Result<IndividualFileView, Failure> {
        match self.file_of(label).await? {
            Ok(f) => Ok(f),
            Err(e) => fail!("the individual file of {label} cannot be read: {}", Failure::from(e)),
        }
    }

    /// The police of a Member State the implementation does not declare under Art 20(5).
    fn police_without_legislation(&self) -> Result<Role, Failure> {
        let declared = &self.capabilities.art20_member_states;
        let candidates = [
            "HUN", "CZE", "SVK", "SVN", "LTU", "LVA", "EST", "FIN", "DNK", "GRC", "IRL", "LUX", "MLT", "CYP",
            "HRV", "BGR", "ROU", "AUT", "BEL", "DEU", "ESP", "FRA", "ITA", "NLD", "POL", "PRT", "SWE",
        ];
        match candidates.iter().find(|c| !declared.iter().any(|d| d.as_str() == **c)) {
            Some(state) => role(&format!("the police of {state}")),
            None => fail!(
                "every Member State is declared with the Art 20 legislation; CIR-07 cannot be exercised"
            ),
        }
    }

    fn identification(&self) -> Result<&IdentificationReply, Failure> {
        if let Some(e) = &self.last_error {
            fail!("the identification was refused: {}", Failure::from(e.clone()));
        }
        match &self.last_identification {
            Some(r) => Ok(r),
            None => fail!("harness: no identification was made"),
        }
    }

    async fn identify_person(&mut self, who: Actor, request: IdentificationRequest) -> StepResult {
        let actor = match who {
            Actor::PoliceWithoutArt20Legislation => self.police_without_legislation()?,
            other => other.named()?,
        };
        let session = self.session(&actor)?;
        let result = session.identity_repository.identify(request).await;
        if let Some(reply) = self.expect_refusal(result) {
            self.last_identification = Some(reply);
        }
        Ok(())
    }
}

#[then(regex = r"^one individual file holds records ([A-Za-z0-9, ]+)$")]
async fn one_file(world: &mut ConformanceWorld, list: String) -> StepResult {
    let records = labels(&list);
    let file = world.file_ok(&records[0]).await?;
    for label in &records {
        let reference = world.record(label)?.reference.clone();
        ensure!(
            file.data_sets.iter().any(|d| d.record == reference),
            "the individual file of {} does not hold {label}; it holds {:?}",
            records[0],
            file.data_sets.iter().map(|d| world.label_of(&d.record)).collect::<Vec<_>>()
        );
        let theirs = world.file_ok(label).await?;
        ensure!(
            theirs.file == file.file,
            "{label} is in file {}, {} in file {}",
            theirs.file,
            records[0],
            file.file
        );
    }
    Ok(())
}

#[then(
    regex = r"^records ([A-Za-z][A-Za-z0-9]*) and ([A-Za-z][A-Za-z0-9]*) are in different individual files$"
)]
async fn different_files(world: &mut ConformanceWorld, a: String, b: String) -> StepResult {
    let fa = world.file_ok(&a).await?;
    let fb = world.file_ok(&b).await?;
    ensure!(
        fa.file != fb.file,
        "{a} and {b} share individual file {}; only white and red links merge files",
        fa.file
    );
    let rb = world.record(&b)?.reference.clone();
    ensure!(!fa.data_sets.iter().any(|d| d.record == rb), "the file of {a} holds the data of {b}");
    Ok(())
}

#[then(
    regex = r"^the individual file of ([A-Za-z][A-Za-z0-9]*) holds (no biometric data|fingerprint data) for ([A-Za-z][A-Za-z0-9]*)$"
)]
async fn file_biometrics(
    world: &mut ConformanceWorld,
    holder: String,
    what: Spelled<Presence>,
    label: String,
) -> StepResult {
    let file = world.file_ok(&holder).await?;
    let reference = world.record(&label)?.reference.clone();
    let Some(set) = file.data_sets.iter().find(|d| d.record == reference) else {
        fail!("the file of {holder} has no data set of {label}")
    };
    if what.0 == Presence::Absent {
        ensure!(
            set.biometric_modalities.is_empty(),
            "the file holds {:?} for {label}",
            set.biometric_modalities
        );
    } else {
        ensure!(
            set.biometric_modalities.contains(&Modality::Fingerprint),
            "the file holds no fingerprints for {label}"
        );
    }
    Ok(())
}

#[then(regex = r"^the CIR holds no data of ([A-Za-z][A-Za-z0-9]*)$")]
async fn no_cir_data(world: &mut ConformanceWorld, label: String) -> StepResult {
    let reference = world.record(&label)?.reference.clone();
    let viewers = [file_viewer()?, Role::SourceSystem(reference.system)];
    for viewer in viewers {
        let session = world.session(&viewer)?;
        match session.identity_repository.file_of(&reference).await {
            Ok(file) => ensure!(
                !file.data_sets.iter().any(|d| d.record == reference),
                "the CIR holds data of {label} in file {}",
                file.file
            ),
            Err(e) if matches!(e.kind, ErrorKind::NotFound | ErrorKind::Forbidden) => {}
            Err(e) => return Err(e.into()),
        }
    }
    // Nor in the file of any other record of the scenario.
    let others: Vec<String> = world.records().keys().filter(|l| **l != label).cloned().collect();
    for other in others {
        if let Ok(file) = world.file_of(&other).await? {
            ensure!(
                !file.data_sets.iter().any(|d| d.record == reference),
                "the file of {other} holds data of {label}"
            );
        }
    }
    Ok(())
}

#[then(
    regex = r"^each data set of the individual file of ([A-Za-z][A-Za-z0-9]*) names its system and record$"
)]
async fn data_sets_named(world: &mut ConformanceWorld, label: String) -> StepResult {
    let file = world.file_ok(&label).await?;
    ensure!(!file.data_sets.is_empty(), "the file holds no data set");
    for set in &file.data_sets {
        let written = world.records().values().find(|r| r.reference == set.record);
        let Some(written) = written else {
            fail!("a data set names {}, which the scenario never wrote", set.record)
        };
        ensure!(
            set.identity == written.write.identity,
            "the data set naming {} holds another record's identity data",
            set.record
        );
    }
    Ok(())
}

#[then(
    regex = r"^the individual file of ([A-Za-z][A-Za-z0-9]*) shows the surname (.+?) for ([A-Za-z][A-Za-z0-9]*)$"
)]
async fn file_shows_surname(
    world: &mut ConformanceWorld,
    holder: String,
    surname: String,
    label: String,
) -> StepResult {
    let file = world.file_ok(&holder).await?;
    let reference = world.record(&label)?.reference.clone();
    let Some(set) = file.data_sets.iter().find(|d| d.record == reference) else {
        fail!("the file of {holder} has no data set of {label}")
    };
    let shown = set.identity.surname.as_ref().map(|n| n.as_str().to_string()).unwrap_or_default();
    ensure!(shown == surname, "the CIR shows surname {shown:?} for {label}, not the amended {surname:?}");
    Ok(())
}

fn live(world: &mut ConformanceWorld, fingers: &str) -> Result<IdentificationRequest, Failure> {
    Ok(IdentificationRequest {
        circumstance: None,
        biometrics: Some(world.samples.biometrics(fingers, "")?),
        biometrics_taken_live: true,
        identity_check_in_presence: true,
        fallback: None,
        subject_age: None,
        best_interests_justification: None,
    })
}

#[when(regex = r"^(.+) identifies a person by live fingerprints ([A-Za-z0-9, ]+) because (.+)$")]
async fn identifies_live(
    world: &mut ConformanceWorld,
    who: Actor,
    fingers: String,
    why: Spelled<Art20Circumstance>,
) -> StepResult {
    let mut request = live(world, &fingers)?;
    request.circumstance = Some(why.0);
    world.identify_person(who, request).await
}

#[when(regex = r"^(.+) identifies a person by live fingerprints ([A-Za-z0-9, ]+) without stating why$")]
async fn identifies_without_reason(world: &mut ConformanceWorld, who: Actor, fingers: String) -> StepResult {
    let request = live(world, &fingers)?;
    world.identify_person(who, request).await
}

#[when(
    regex = r"^(.+) identifies a child of (\d+) by live fingerprints ([A-Za-z0-9, ]+) because (.+?)(, with a best-interests justification)?$"
)]
async fn identifies_child(
    world: &mut ConformanceWorld,
    who: Actor,
    age: u8,
    fingers: String,
    why: Spelled<Art20Circumstance>,
    justified: String,
) -> StepResult {
    let mut request = live(world, &fingers)?;
    request.circumstance = Some(why.0);
    request.subject_age = Some(age);
    if !justified.is_empty() {
        request.best_interests_justification =
            Some("identification needed to trace the child's family and protect the child".into());
    }
    world.identify_person(who, request).await
}

#[when(regex = r"^(.+) identifies a person by fingerprints ([A-Za-z0-9, ]+) not taken live because (.+)$")]
async fn identifies_not_live(
    world: &mut ConformanceWorld,
    who: Actor,
    fingers: String,
    why: Spelled<Art20Circumstance>,
) -> StepResult {
    let mut request = live(world, &fingers)?;
    request.biometrics_taken_live = false;
    request.circumstance = Some(why.0);
    world.identify_person(who, request).await
}

#[when(
    regex = r"^(.+) identifies ([^()]+?) born (\S+) by identity data and travel document (\S+), the biometrics (being unusable|taken live holding no usable sample), because (.+)$"
)]
async fn identifies_fallback(
    world: &mut ConformanceWorld,
    who: Actor,
    person: String,
    born: PartialDate,
    document: String,
    biometrics: Spelled<UnusableBiometrics>,
    why: Spelled<Art20Circumstance>,
) -> StepResult {
    let (first, surname) = crate::data::records::split_person_name(&person)?;
    // Biometric data taken live that hold no fingerprint or face cannot be used either: the
    // identity data are searched instead (Art 20(5)).
    let taken_live = biometrics.0 == UnusableBiometrics::TakenLiveWithoutSample;
    let request = IdentificationRequest {
        circumstance: Some(why.0),
        biometrics: taken_live.then(BiometricData::default),
        biometrics_taken_live: taken_live,
        identity_check_in_presence: true,
        fallback: Some(IdentificationFallback {
            reason: FallbackReason::BiometricsUnusable,
            identity: IdentityQuery {
                surname: Some(Name::new(surname)?),
                first_names: first.map(Name::new).transpose()?,
                date_of_birth: Some(born),
                ..IdentityQuery::default()
            },
            travel_document: Some(DocumentQuery {
                number: Some(DocumentNumber::new(document)?),
                ..Default::default()
            }),
            identity_given_by_person: false,
        }),
        subject_age: None,
        best_interests_justification: None,
    };
    world.identify_person(who, request).await
}

#[then(regex = r"^the identification is refused under ((?:CIR|SEC)-\d+)$")]
async fn identification_refused(world: &mut ConformanceWorld, rule: String) -> StepResult {
    let e = world.refusal()?;
    ensure!(
        matches!(e.kind, ErrorKind::Invalid | ErrorKind::Forbidden),
        "refused with {} instead of 'invalid' or 'forbidden'",
        e.kind
    );
    ensure!(e.concerns(&rule), "the refusal does not name {rule}: {e}");
    Ok(())
}

#[then(regex = r"^the identification finds one person with the data of ([A-Za-z0-9, ]+)$")]
async fn identification_finds(world: &mut ConformanceWorld, list: String) -> StepResult {
    let reply = world.identification()?.clone();
    ensure!(reply.persons.len() == 1, "the identification finds {} persons, not one", reply.persons.len());
    let person = &reply.persons[0];
    for label in labels(&list) {
        let written = world.record(&label)?.write.clone();
        ensure!(
            person
                .data_sets
                .iter()
                .any(|d| d.identity == written.identity && d.travel_documents == written.travel_documents),
            "the person found does not carry the identity and travel document data of {label}"
        );
    }
    let wants_biometrics = labels(&list)
        .iter()
        .any(|l| world.record(l).is_ok_and(|r| !r.write.biometrics.fingerprints.is_empty()));
    if wants_biometrics {
        ensure!(
            person.data_sets.iter().any(|d| !d.biometrics.fingerprints.is_empty()),
            "the reply carries no biometric data although the file holds some (Art 20(3))"
        );
    }
    Ok(())
}

#[then(regex = r"^the identification finds nobody$")]
async fn identification_finds_nobody(world: &mut ConformanceWorld) -> StepResult {
    let reply = world.identification()?;
    ensure!(reply.persons.is_empty(), "the identification finds {} person(s)", reply.persons.len());
    Ok(())
}

/// Every string of a JSON value.
fn strings(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(a) => a.iter().for_each(|v| strings(v, out)),
        serde_json::Value::Object(o) => {
            for (k, v) in o {
                out.push(k.clone());
                strings(v, out);
            }
        }
        _ => {}
    }
}

#[then(regex = r"^the identification reply names no source system$")]
async fn names_no_system(world: &mut ConformanceWorld) -> StepResult {
    let reply = world.identification()?;
    ensure!(!reply.persons.is_empty(), "harness: the identification found nobody to check");
    let json = serde_json::to_value(reply).map_err(|e| Failure(e.to_string()))?;
    let mut all = Vec::new();
    strings(&json, &mut all);
    for s in &all {
        ensure!(
            !SourceSystem::ALL.iter().any(|sys| sys.code() == s) && s != "system" && s != "record",
            "the Art 20 reply names a source system or record ({s:?})"
        );
    }
    for entry in world.records().values() {
        ensure!(
            !all.iter().any(|s| s == entry.reference.id.as_str()),
            "the reply names record {}",
            entry.reference.id
        );
    }
    Ok(())
}

#[when(
    regex = r#"^(.+) asks for hit flags on (.+?) for case "([^"]+)" investigating "([^"]+)" as ordered by "([^"]+)"( without stating reasonable grounds)?$"#
)]
async fn asks_hit_flags(
    world: &mut ConformanceWorld,
    who: Role,
    subject: QuerySubject,
    case: String,
    purpose: String,
    ordered_by: String,
    grounds: String,
) -> StepResult {
    let mut request = HitFlagRequest {
        identity: None,
        travel_document: None,
        biometrics: None,
        national_file_reference: FileReference::new(case)?,
        purpose,
        reasonable_grounds: if grounds.is_empty() { REASONABLE_GROUNDS.to_string() } else { String::new() },
        ordered_by: UserId::new(ordered_by)?,
    };
    match subject {
        QuerySubject::TravelDocument(number) => {
            request.travel_document = Some(DocumentQuery { number: Some(number), ..Default::default() })
        }
        QuerySubject::Fingerprints(fingers) => {
            request.biometrics = Some(world.samples.biometrics(&fingers, "")?)
        }
        QuerySubject::Person { name, born } => {
            let (first, surname) = crate::data::records::split_person_name(&name)?;
            request.identity = Some(IdentityQuery {
                surname: Some(Name::new(surname)?),
                first_names: first.map(Name::new).transpose()?,
                date_of_birth: Some(born),
                ..IdentityQuery::default()
            });
        }
    }
    let session = world.session(&who)?;
    let result = session.identity_repository.hit_flags(request.clone()).await;
    world.last_hit_flags = world.expect_refusal(result).map(|reply| (who, reply));
    world.kept.insert(
        "hit-flag-request".into(),
        serde_json::to_string(&request).map_err(|e| Failure(e.to_string()))?,
    );
    Ok(())
}

/// The reasonable grounds every Art 22 query of the scenarios states unless told otherwise.
const REASONABLE_GROUNDS: &str =
    "the suspect is believed to have crossed an external border under this identity in March 2026";

fn hits(world: &ConformanceWorld) -> Result<(Role, HitFlagReply), Failure> {
    match &world.last_hit_flags {
        Some(h) => Ok(h.clone()),
        None => match &world.last_error {
            Some(e) => fail!("the Art 22 query was refused: {}", Failure::from(e.clone())),
            None => fail!("harness: no Art 22 query was made"),
        },
    }
}

#[then(regex = r"^the hit flags name exactly the systems ([A-Z_, ]+)$")]
async fn hit_flags_name(world: &mut ConformanceWorld, want: Systems) -> StepResult {
    let (_, reply) = hits(world)?;
    let Systems(want) = want;
    let mut got = reply.systems.clone();
    got.sort();
    ensure!(got == want, "the hit flags name {got:?}; the matching data are in {want:?}");
    Ok(())
}

#[then(regex = r"^the hit-flag reply holds no personal data$")]
async fn hit_flags_no_data(world: &mut ConformanceWorld) -> StepResult {
    let (_, reply) = hits(world)?;
    let json = serde_json::to_value(&reply).map_err(|e| Failure(e.to_string()))?;
    let keys: Vec<&str> =
        json.as_object().map(|o| o.keys().map(String::as_str).collect()).unwrap_or_default();
    ensure!(keys.iter().all(|k| ["query_id", "systems"].contains(k)), "the Art 22 reply carries {keys:?}");
    let text = json.to_string();
    for entry in world.records().values() {
        let id = &entry.write.identity;
        for name in id.surname.iter().chain(id.first_names.iter()) {
            ensure!(!text.contains(name.as_str()), "the Art 22 reply contains the name {}", name.as_str());
        }
        ensure!(
            !text.contains(entry.reference.id.as_str()),
            "the Art 22 reply names record {}",
            entry.reference.id
        );
        for d in &entry.write.travel_documents {
            ensure!(!text.contains(d.number.as_str()), "the Art 22 reply contains a document number");
        }
    }
    Ok(())
}

#[when(regex = r#"^the same authority records the justification "([^"]+)" for the hits$"#)]
async fn justifies(world: &mut ConformanceWorld, text: String) -> StepResult {
    send_follow_up(world, HitFollowUp::Justification { text }).await
}

#[when(regex = r"^the same authority requests full access to the ([A-Za-z_-]+) for the hits$")]
async fn requests_access(world: &mut ConformanceWorld, system: SourceSystem) -> StepResult {
    // The Art 22 reply stays for later steps: the follow-up does not replace it.
    send_follow_up(world, HitFollowUp::FullAccessRequest { system }).await
}

#[then(regex = r"^the follow-up is (accepted|refused)$")]
async fn follow_up_verdict(world: &mut ConformanceWorld, verdict: Spelled<Verdict>) -> StepResult {
    if verdict.0 == Verdict::Accepted {
        world.accepted()
    } else {
        let e = world.refusal()?;
        ensure!(matches!(e.kind, ErrorKind::Invalid | ErrorKind::Conflict), "refused with {}", e.kind);
        Ok(())
    }
}

#[then(
    regex = r#"^the CIR log holds the hit-flag query with case "([^"]+)", its purpose, the official who ran it and "([^"]+)" who ordered it$"#
)]
async fn hit_flag_logged(world: &mut ConformanceWorld, case: String, ordered: String) -> StepResult {
    let (actor, reply) = hits(world)?;
    let runner = world.session(&actor)?.directory.whoami().await?;
    let logs = world.all_logs().await?;
    let entry = logs
        .iter()
        .find(|e| matches!(&e.event, LogEvent::CirHitFlag { query_id, .. } if *query_id == reply.query_id));
    let Some(entry) = entry else { fail!("no CIR log entry records Art 22 query {}", reply.query_id) };
    let LogEvent::CirHitFlag {
        national_file_reference,
        purpose,
        run_by,
        ordered_by,
        systems_with_hits,
        data_types,
        ..
    } = &entry.event
    else {
        fail!("unreachable")
    };
    ensure!(
        national_file_reference.as_str() == case,
        "the log records file reference {national_file_reference}, not {case}"
    );
    let sent = sent_hit_flag_request(world)?;
    ensure!(
        *purpose == sent.purpose,
        "the log records the purpose {purpose:?}, the query stated {:?}",
        sent.purpose
    );
    ensure!(
        *run_by == runner.user_id,
        "the log records {run_by} as running the query, not {}",
        runner.user_id
    );
    ensure!(ordered_by.as_str() == ordered, "the log records {ordered_by} as ordering it, not {ordered}");
    ensure!(
        *systems_with_hits == reply.systems,
        "the log records hits {systems_with_hits:?}, the reply {:?}",
        reply.systems
    );
    // The scenarios' Art 22 queries search with identity data only (Art 24(4): the data used).
    ensure!(
        *data_types == [DataType::IdentityData],
        "the log records data types {data_types:?}; the query used identity data only"
    );
    ensure!(entry.component == Component::Cir, "the Art 22 query is logged by {:?}", entry.component);
    ensure!(
        entry
            .requester
            .as_ref()
            .is_some_and(|r| r.authority == runner.authority && r.user_id == runner.user_id),
        "the log records the requester {:?}, not {} ({})",
        entry.requester,
        runner.authority,
        runner.user_id
    );
    Ok(())
}

/// The Art 22 request the scenario last sent.
fn sent_hit_flag_request(world: &ConformanceWorld) -> Result<HitFlagRequest, Failure> {
    let Some(json) = world.kept.get("hit-flag-request") else { fail!("harness: no Art 22 query was sent") };
    serde_json::from_str(json).map_err(|e| Failure(e.to_string()))
}

/// Sends a follow-up of the last Art 22 query and remembers it for the log check.
async fn send_follow_up(world: &mut ConformanceWorld, follow_up: HitFollowUp) -> StepResult {
    let (actor, reply) = hits(world)?;
    let session = world.session(&actor)?;
    let result = session.identity_repository.follow_up(&reply.query_id, follow_up.clone()).await;
    if world.expect_refusal(result).is_some() {
        world.kept.insert(
            "follow-up".into(),
            serde_json::to_string(&follow_up).map_err(|e| Failure(e.to_string()))?,
        );
    }
    Ok(())
}

#[then(regex = r#"^the CIR log holds the follow-up with case "([^"]+)"$"#)]
async fn follow_up_logged(world: &mut ConformanceWorld, case: String) -> StepResult {
    let (actor, reply) = hits(world)?;
    let me = world.session(&actor)?.directory.whoami().await?;
    let Some(sent) = world.kept.get("follow-up").cloned() else {
        fail!("harness: no follow-up was accepted")
    };
    let sent: HitFollowUp = serde_json::from_str(&sent).map_err(|e| Failure(e.to_string()))?;
    let logs = world.all_logs().await?;
    let entries: Vec<&LogEntry> = logs
        .iter()
        .filter(
            |e| matches!(&e.event, LogEvent::CirHitFollowUp { query_id, .. } if *query_id == reply.query_id),
        )
        .collect();
    let [entry] = entries.as_slice() else {
        fail!(
            "{} CIR log entries record the follow-up of query {}; there must be exactly one",
            entries.len(),
            reply.query_id
        )
    };
    let LogEvent::CirHitFollowUp { follow_up, national_file_reference, .. } = &entry.event else {
        fail!("unreachable")
    };
    ensure!(
        national_file_reference.as_str() == case,
        "the follow-up is logged against file reference {national_file_reference}, not {case}"
    );
    ensure!(*follow_up == sent, "the log records the follow-up {follow_up:?}; the caller sent {sent:?}");
    ensure!(
        entry.requester.as_ref().is_some_and(|r| r.authority == me.authority && r.user_id == me.user_id),
        "the follow-up is logged for {:?}, not {} ({})",
        entry.requester,
        me.authority,
        me.user_id
    );
    Ok(())
}

#[then(
    regex = r"^the CIR log holds the identification of (.+) with the authority, the purpose, the time, the data types? ((?:fingerprint|identity data|travel document data)(?:, (?:fingerprint|identity data|travel document data))*) and the result$"
)]
async fn identification_logged(
    world: &mut ConformanceWorld,
    who: Role,
    types: List<Spelled<DataType>>,
) -> StepResult {
    let found = world.identification()?.persons.len() as u32;
    let me = world.session(&who)?.directory.whoami().await?;
    let logs = world.all_logs().await?;
    let entries: Vec<&LogEntry> = logs
        .iter()
        .filter(|e| {
            matches!(e.event, LogEvent::CirIdentification { .. })
                && e.requester
                    .as_ref()
                    .is_some_and(|r| r.authority == me.authority && r.user_id == me.user_id)
        })
        .collect();
    let [entry] = entries.as_slice() else {
        fail!(
            "{} CIR log entries record the identification by {who}; there must be exactly one",
            entries.len()
        )
    };
    let LogEvent::CirIdentification { purpose, data_types, persons_found } = &entry.event else {
        fail!("unreachable")
    };
    ensure!(entry.component == Component::Cir, "the identification is logged by {:?}", entry.component);
    ensure!(!purpose.trim().is_empty(), "the entry records no purpose");
    let mut wanted: Vec<DataType> = types.0.iter().map(|t| t.0).collect();
    let mut got = data_types.clone();
    got.sort();
    wanted.sort();
    ensure!(got == wanted, "the entry records data types {data_types:?}; the query used {wanted:?}");
    ensure!(*persons_found == found, "the entry records {persons_found} persons found, the reply {found}");
    Ok(())
}

#[then(
    regex = r"^the CIR log holds the detection triggered by ([A-Za-z][A-Za-z0-9]*) with its data types and the linked record ([A-Za-z][A-Za-z0-9]*)$"
)]
async fn detection_logged(world: &mut ConformanceWorld, trigger_label: String, linked: String) -> StepResult {
    let trigger_ref = world.record(&trigger_label)?.reference.clone();
    let linked_ref = world.record(&linked)?.reference.clone();
    let logs = world.all_logs().await?;
    ensure!(
        logs.iter().any(|e| e.component == Component::Cir
            && matches!(&e.event, LogEvent::CirDetection { trigger, results, link_created: true, data_types }
                if *trigger == trigger_ref && results.contains(&linked_ref) && !data_types.is_empty())),
        "no CIR log entry records the detection of {trigger_label} finding {linked} with a link created (Art 24)"
    );
    Ok(())
}

#[when(
    regex = r"^(.+) opens the data of the link joining ([A-Za-z][A-Za-z0-9]*) and ([A-Za-z][A-Za-z0-9]*)$"
)]
async fn opens_linked_data(world: &mut ConformanceWorld, who: Actor, a: String, b: String) -> StepResult {
    let link = world.the_link(&a, &b).await?;
    let actor = match who {
        Actor::ResponsibleAuthority => ConformanceWorld::verifier_of(&link),
        other => other.named()?,
    };
    let session = world.session(&actor)?;
    let result = session.identity_repository.linked_data(&link.sin).await;
    if let Some(data) = world.expect_refusal(result) {
        world.kept.insert(
            "linked-data".into(),
            data.data_sets.iter().map(|d| d.record.to_string()).collect::<Vec<_>>().join(","),
        );
    }
    Ok(())
}

#[then(
    regex = r"^it receives the data of ([A-Za-z][A-Za-z0-9]*) and ([A-Za-z][A-Za-z0-9]*) and nothing else$"
)]
async fn receives_linked(world: &mut ConformanceWorld, a: String, b: String) -> StepResult {
    world.accepted()?;
    let got: Vec<String> =
        world.kept.get("linked-data").map(|s| s.split(',').map(str::to_string).collect()).unwrap_or_default();
    let mut want = vec![world.record(&a)?.reference.to_string(), world.record(&b)?.reference.to_string()];
    want.sort();
    let mut got_sorted = got.clone();
    got_sorted.sort();
    ensure!(
        got_sorted == want,
        "Art 21 access returned the data of {got:?}; the link connects only {a} and {b}"
    );
    Ok(())
}

#[then(regex = r"^the access is refused$")]
async fn access_refused(world: &mut ConformanceWorld) -> StepResult {
    let e = world.refusal()?;
    ensure!(
        matches!(e.kind, ErrorKind::Forbidden | ErrorKind::NotFound),
        "refused with {} instead of 'forbidden'",
        e.kind
    );
    Ok(())
}

/// The same queries as preconditions: they must succeed.
#[cucumber::given(regex = r"^(.+) identifies a person by live fingerprints ([A-Za-z0-9, ]+) because (.+)$")]
async fn identified_live(
    world: &mut ConformanceWorld,
    who: Actor,
    fingers: String,
    why: Spelled<Art20Circumstance>,
) -> StepResult {
    identifies_live(world, who, fingers, why).await?;
    world.identification().map(|_| ())
}

#[cucumber::given(
    regex = r#"^(.+) asks for hit flags on (.+?) for case "([^"]+)" investigating "([^"]+)" as ordered by "([^"]+)"$"#
)]
async fn asked_hit_flags(
    world: &mut ConformanceWorld,
    who: Role,
    subject: QuerySubject,
    case: String,
    purpose: String,
    ordered_by: String,
) -> StepResult {
    asks_hit_flags(world, who, subject, case, purpose, ordered_by, String::new()).await?;
    hits(world).map(|_| ())
}

/// The refusal of the last hit-flag query, of `kind`, after which no hit flags came back.
fn hit_flags_refusal(world: &ConformanceWorld, kind: ErrorKind) -> Result<&jha_interop::api::Error, Failure> {
    let e = world.refusal()?;
    ensure!(e.kind == kind, "refused with {} instead of '{kind}'", e.kind);
    ensure!(world.last_hit_flags.is_none(), "the refused query still returned hit flags");
    Ok(e)
}

#[then(regex = r"^the hit-flag query is refused$")]
async fn hit_flags_refused(world: &mut ConformanceWorld) -> StepResult {
    hit_flags_refusal(world, ErrorKind::Forbidden).map(|_| ())
}

#[then(regex = r"^the hit-flag query is refused as invalid under (CIR-\d+), naming the field ([a-z_.]+)$")]
async fn hit_flags_invalid(world: &mut ConformanceWorld, rule: String, field: String) -> StepResult {
    let e = hit_flags_refusal(world, ErrorKind::Invalid)?;
    ensure!(e.concerns(&rule), "the refusal does not name {rule}: {e}");
    ensure!(
        e.violations.iter().any(|v| v.field == field && v.rule == rule),
        "the refusal names no violation of {rule} on the field {field}: {e}"
    );
    Ok(())
}

#[then(regex = r"^the hit-flag query is refused as a conflict under (CIR-\d+)$")]
async fn hit_flags_conflict(world: &mut ConformanceWorld, rule: String) -> StepResult {
    let e = hit_flags_refusal(world, ErrorKind::Conflict)?;
    ensure!(e.concerns(&rule), "the refusal does not name {rule}: {e}");
    Ok(())
}

#[then(regex = r"^the identification is refused$")]
async fn identification_refused_any(world: &mut ConformanceWorld) -> StepResult {
    let e = world.refusal()?;
    ensure!(
        matches!(e.kind, ErrorKind::Invalid | ErrorKind::Forbidden),
        "refused with {} instead of 'invalid' or 'forbidden'",
        e.kind
    );
    Ok(())
}

/// Art 20(4): the fingerprints of remains or of an unconscious person, taken by whoever found
/// them, not during an identity check in anyone's presence.
#[when(
    regex = r"^(.+) identifies (human remains|a person unable to identify themselves) after an? (?:natural disaster|accident|terrorist attack) by fingerprints ([A-Za-z0-9, ]+)$"
)]
async fn identifies_disaster(
    world: &mut ConformanceWorld,
    who: Actor,
    subject: Spelled<Art20Circumstance>,
    fingers: String,
) -> StepResult {
    let request = IdentificationRequest {
        circumstance: Some(subject.0),
        biometrics: Some(world.samples.biometrics(&fingers, "")?),
        biometrics_taken_live: false,
        identity_check_in_presence: false,
        fallback: None,
        subject_age: None,
        best_interests_justification: None,
    };
    world.identify_person(who, request).await
}

fn fallback_data(
    person: &str,
    born: PartialDate,
    document: &str,
    reason: FallbackReason,
) -> Result<IdentificationFallback, Failure> {
    let (first, surname) = crate::data::records::split_person_name(person)?;
    Ok(IdentificationFallback {
        reason,
        identity: IdentityQuery {
            surname: Some(Name::new(surname)?),
            first_names: first.map(Name::new).transpose()?,
            date_of_birth: Some(born),
            ..IdentityQuery::default()
        },
        travel_document: Some(DocumentQuery {
            number: Some(DocumentNumber::new(document)?),
            ..Default::default()
        }),
        identity_given_by_person: false,
    })
}

#[when(
    regex = r"^(.+) identifies (human remains|a person unable to identify themselves) after an? (?:natural disaster|accident|terrorist attack) by identity data ([^()]+?) born (\S+) and travel document (\S+)$"
)]
async fn identifies_disaster_by_identity(
    world: &mut ConformanceWorld,
    who: Actor,
    subject: Spelled<Art20Circumstance>,
    person: String,
    born: PartialDate,
    document: String,
) -> StepResult {
    let request = IdentificationRequest {
        circumstance: Some(subject.0),
        biometrics: None,
        biometrics_taken_live: false,
        identity_check_in_presence: false,
        fallback: Some(fallback_data(&person, born, &document, FallbackReason::BiometricsUnusable)?),
        subject_age: None,
        best_interests_justification: None,
    };
    world.identify_person(who, request).await
}

#[when(
    regex = r"^(.+) identifies a person by live fingerprints ([A-Za-z0-9, ]+) outside an identity check in the person's presence because (.+)$"
)]
async fn identifies_not_in_presence(
    world: &mut ConformanceWorld,
    who: Actor,
    fingers: String,
    why: Spelled<Art20Circumstance>,
) -> StepResult {
    let mut request = live(world, &fingers)?;
    request.circumstance = Some(why.0);
    request.identity_check_in_presence = false;
    world.identify_person(who, request).await
}

#[when(
    regex = r"^(.+) identifies a person by live fingerprints ([A-Za-z0-9, ]+), falling back to ([^()]+?) born (\S+) and travel document (\S+) if they find no one, because (.+)$"
)]
async fn identifies_with_fallback_after_failure(
    world: &mut ConformanceWorld,
    who: Actor,
    fingers: String,
    person: String,
    born: PartialDate,
    document: String,
    why: Spelled<Art20Circumstance>,
) -> StepResult {
    let mut request = live(world, &fingers)?;
    request.circumstance = Some(why.0);
    request.fallback = Some(fallback_data(&person, born, &document, FallbackReason::BiometricQueryFailed)?);
    world.identify_person(who, request).await
}
