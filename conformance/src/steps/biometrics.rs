//! The shared Biometric Matching Service: the quality gate, templates and their separation,
//! 1:N identification, 1:1 verification, the score scale, erasure, face algorithms, the log.

use cucumber::{then, when};
use jha_interop::api::ErrorKind;
use jha_interop::model::*;

use super::{Boundary, Optional, Spelled, Spelling, labels};
use crate::data::biometrics::SYNTHETIC_FACE_ALGORITHM;
use crate::failure::{Failure, StepResult};
use crate::role::Role;
use crate::world::ConformanceWorld;
use crate::{ensure, fail};

impl ConformanceWorld {
    fn threshold(&self, modality: Modality) -> Result<f64, Failure> {
        match self.capabilities.thresholds.iter().find(|t| t.modality == modality) {
            Some(t) => Ok(t.score),
            None => fail!("the implementation declares no {modality:?} threshold (BMS-08)"),
        }
    }

    async fn identify(
        &mut self,
        who: Role,
        biometrics: BiometricData,
        systems: Vec<SourceSystem>,
    ) -> StepResult {
        let session = self.session(&who)?;
        let request = IdentifyRequest { biometrics, systems, max_candidates: 10 };
        let result = session.biometrics.identify(request).await;
        if let Some(reply) = self.expect_refusal(result) {
            self.last_identify = Some(reply);
        }
        Ok(())
    }

    async fn verify_against(&mut self, who: Role, biometrics: BiometricData, label: &str) -> StepResult {
        let record = self.record(label)?.reference.clone();
        let session = self.session(&who)?;
        let result = session.biometrics.verify(VerifyRequest { record, biometrics }).await;
        if let Some(reply) = self.expect_refusal(result) {
            self.last_verify = Some(reply);
        }
        Ok(())
    }

    fn identified(&self) -> Result<&IdentifyReply, Failure> {
        if let Some(e) = &self.last_error {
            fail!("the identification was refused: {}", Failure::from(e.clone()));
        }
        match &self.last_identify {
            Some(r) => Ok(r),
            None => fail!("harness: no identification was made"),
        }
    }

    fn verified(&self) -> Result<&VerifyReply, Failure> {
        if let Some(e) = &self.last_error {
            fail!("the verification was refused: {}", Failure::from(e.clone()));
        }
        match &self.last_verify {
            Some(r) => Ok(r),
            None => fail!("harness: no verification was made"),
        }
    }

    async fn templates_of(&mut self, label: &str) -> Result<Vec<TemplateInfo>, Failure> {
        let reference = self.record(label).map(|r| r.reference.clone()).or_else(|_| {
            match self.kept.get(&format!("system:{label}")) {
                Some(s) => self.new_reference(s.parse::<SourceSystem>()?, label),
                None => fail!("harness: unknown record {label}"),
            }
        })?;
        let session = self.session(&Role::SourceSystem(reference.system))?;
        match session.biometrics.templates(&reference).await {
            Ok(t) => Ok(t),
            Err(e) if e.kind == ErrorKind::NotFound => Ok(Vec::new()),
            Err(e) => Err(e.into()),
        }
    }
}

#[when(regex = r"^(.+) identifies with fingerprints ([A-Za-z0-9, ]+?)(?: in the ([A-Za-z_-]+) only)?$")]
async fn identifies_fingers(
    world: &mut ConformanceWorld,
    who: Role,
    fingers: String,
    only: Optional<SourceSystem>,
) -> StepResult {
    let biometrics = world.samples.biometrics(&fingers, "")?;
    world.identify(who, biometrics, only.0.into_iter().collect()).await
}

#[when(regex = r"^(.+) identifies with face ([A-Za-z0-9]+)$")]
async fn identifies_face(world: &mut ConformanceWorld, who: Role, face: String) -> StepResult {
    let biometrics = world.samples.biometrics("", &face)?;
    world.identify(who, biometrics, Vec::new()).await
}

#[when(regex = r"^(.+) verifies fingerprints ([A-Za-z0-9, ]+) against record ([A-Za-z][A-Za-z0-9]*)$")]
async fn verifies_fingers(
    world: &mut ConformanceWorld,
    who: Role,
    fingers: String,
    label: String,
) -> StepResult {
    let biometrics = world.samples.biometrics(&fingers, "")?;
    world.verify_against(who, biometrics, &label).await
}

#[when(regex = r"^(.+) verifies face ([A-Za-z0-9]+) against record ([A-Za-z][A-Za-z0-9]*)$")]
async fn verifies_face(world: &mut ConformanceWorld, who: Role, face: String, label: String) -> StepResult {
    let biometrics = world.samples.biometrics("", &face)?;
    world.verify_against(who, biometrics, &label).await
}

#[when(
    regex = r#"^(.+) verifies face ([A-Za-z0-9]+) made by algorithm "([^"]+)" against record ([A-Za-z][A-Za-z0-9]*)$"#
)]
async fn verifies_foreign_face(
    world: &mut ConformanceWorld,
    who: Role,
    face: String,
    algorithm: String,
    label: String,
) -> StepResult {
    let sample = world.samples.face_of_algorithm(&face, &algorithm)?;
    let biometrics = BiometricData { face: Some(sample), ..BiometricData::default() };
    world.verify_against(who, biometrics, &label).await
}

#[when(regex = r#"^(.+) identifies with face ([A-Za-z0-9]+) made by algorithm "([^"]+)"$"#)]
async fn identifies_foreign_face(
    world: &mut ConformanceWorld,
    who: Role,
    face: String,
    algorithm: String,
) -> StepResult {
    let sample = world.samples.face_of_algorithm(&face, &algorithm)?;
    let biometrics = BiometricData { face: Some(sample), ..BiometricData::default() };
    world.identify(who, biometrics, Vec::new()).await
}

#[then(regex = r"^the first candidate is record ([A-Za-z][A-Za-z0-9]*)$")]
async fn first_candidate(world: &mut ConformanceWorld, label: String) -> StepResult {
    let reference = world.record(&label)?.reference.clone();
    let reply = world.identified()?;
    let Some(first) = reply.candidates.first() else { fail!("no candidate; the mate {label} was enrolled") };
    ensure!(
        first.record == reference,
        "the first candidate is {} (score {}), not the mate {label}",
        world.label_of(&first.record),
        first.score
    );
    Ok(())
}

#[then(regex = r"^the candidates are ranked by score$")]
async fn ranked(world: &mut ConformanceWorld) -> StepResult {
    let reply = world.identified()?;
    ensure!(!reply.candidates.is_empty(), "no candidate to rank");
    for pair in reply.candidates.windows(2) {
        ensure!(
            pair[0].score >= pair[1].score,
            "candidate scores are not in descending order: {} before {}",
            pair[0].score,
            pair[1].score
        );
    }
    Ok(())
}

#[then(regex = r"^records? ([A-Za-z0-9, ]+) (?:is|are) not (?:a )?candidates?$")]
async fn not_candidates(world: &mut ConformanceWorld, list: String) -> StepResult {
    let reply = world.identified()?.clone();
    for label in labels(&list) {
        let reference = world.record(&label)?.reference.clone();
        ensure!(
            !reply.candidates.iter().any(|c| c.record == reference),
            "{label} ({}) is a candidate",
            reference.system
        );
    }
    Ok(())
}

#[then(regex = r"^every candidate is a record of (.+?)'s systems$")]
async fn candidates_within_access(world: &mut ConformanceWorld, who: Role) -> StepResult {
    let reply = world.identified()?.clone();
    let me = world.session(&who)?.directory.whoami().await?;
    for c in &reply.candidates {
        ensure!(
            me.may_access(c.record.system),
            "candidate {} is a record of {}, which the caller may not query",
            world.label_of(&c.record),
            c.record.system
        );
    }
    Ok(())
}

#[then(regex = r"^every candidate is a record of the ([A-Za-z_-]+)$")]
async fn candidates_of_system(world: &mut ConformanceWorld, only: SourceSystem) -> StepResult {
    let reply = world.identified()?.clone();
    ensure!(!reply.candidates.is_empty(), "no candidate");
    for c in &reply.candidates {
        ensure!(
            c.record.system == only,
            "candidate {} is a record of {}, outside the {only} partition",
            world.label_of(&c.record),
            c.record.system
        );
    }
    Ok(())
}

#[then(
    regex = r"^the verification matches with a score at or above the declared (fingerprint|face) threshold$"
)]
async fn verification_matches(world: &mut ConformanceWorld, modality: Spelled<Modality>) -> StepResult {
    let Spelled(modality) = modality;
    let threshold = world.threshold(modality)?;
    let reply = world.verified()?;
    ensure!(
        reply.is_match,
        "the mate does not match: score {} at threshold {}",
        reply.score,
        reply.threshold
    );
    ensure!(reply.score >= threshold, "score {} below the declared threshold {threshold}", reply.score);
    ensure!(
        (reply.threshold - threshold).abs() < 1e-9,
        "the reply uses threshold {}, the declaration {threshold}",
        reply.threshold
    );
    Ok(())
}

#[then(
    regex = r"^the verification does not match, with a score below the declared (fingerprint|face) threshold$"
)]
async fn verification_does_not_match(
    world: &mut ConformanceWorld,
    modality: Spelled<Modality>,
) -> StepResult {
    let Spelled(modality) = modality;
    let threshold = world.threshold(modality)?;
    let reply = world.verified()?;
    ensure!(
        !reply.is_match,
        "a different finger matches: score {} at threshold {}",
        reply.score,
        reply.threshold
    );
    ensure!(
        reply.score < threshold,
        "score {} at or above the threshold {threshold} but no match",
        reply.score
    );
    Ok(())
}

#[then(regex = r"^the comparison is refused as templates of different algorithms$")]
async fn refused_algorithms(world: &mut ConformanceWorld) -> StepResult {
    let e = world.refusal()?;
    ensure!(
        matches!(e.kind, ErrorKind::Invalid | ErrorKind::Conflict),
        "refused with {} instead of a typed 'invalid' error",
        e.kind
    );
    ensure!(e.concerns("BMS-09"), "the refusal does not name BMS-09: {e}");
    Ok(())
}

#[then(
    regex = r"^the implementation declares, per modality, a threshold with its false-match rate on a published scale$"
)]
async fn thresholds_declared(world: &mut ConformanceWorld) -> StepResult {
    for modality in [Modality::Fingerprint, Modality::Face] {
        let Some(t) = world.capabilities.thresholds.iter().find(|t| t.modality == modality) else {
            fail!("no {modality:?} threshold is declared")
        };
        ensure!(
            t.false_match_rate > 0.0 && t.false_match_rate < 1.0,
            "the {modality:?} threshold declares FMR {}",
            t.false_match_rate
        );
        ensure!(!t.scale.trim().is_empty(), "the {modality:?} scale is not described");
        ensure!(!t.algorithm.trim().is_empty(), "the {modality:?} threshold names no algorithm");
        ensure!(t.score.is_finite(), "the {modality:?} threshold is not a number");
    }
    ensure!(world.capabilities.policy("BMS-P1").is_some(), "POLICY BMS-P1 is not declared");
    Ok(())
}

#[then(regex = r"^a mate scores higher than a non-mate on that scale$")]
async fn scale_orders(world: &mut ConformanceWorld) -> StepResult {
    let Some(mate) = world.kept.get("score:mate").and_then(|s| s.parse::<f64>().ok()) else {
        fail!("harness: keep the mate's score first")
    };
    let reply = world.verified()?;
    ensure!(mate > reply.score, "the mate scored {mate}, a non-mate {}", reply.score);
    Ok(())
}

#[then(regex = r"^the score is kept as the mate's score$")]
async fn keep_mate_score(world: &mut ConformanceWorld) -> StepResult {
    let score = world.verified()?.score;
    world.kept.insert("score:mate".into(), score.to_string());
    Ok(())
}

#[then(
    regex = r"^the sBMS holds (fingerprint|face) templates of record ([A-Za-z][A-Za-z0-9]*) in its system's partition$"
)]
async fn holds_templates(
    world: &mut ConformanceWorld,
    modality: Spelled<Modality>,
    label: String,
) -> StepResult {
    let Spelled(modality) = modality;
    let reference = world.record(&label)?.reference.clone();
    let templates = world.templates_of(&label).await?;
    let mine: Vec<&TemplateInfo> = templates.iter().filter(|t| t.modality == modality).collect();
    ensure!(!mine.is_empty(), "no {modality:?} template of {label} is stored");
    for t in mine {
        ensure!(t.record == reference, "a template of {label} names record {}", t.record);
        ensure!(
            t.partition == reference.system,
            "a template of {label} lies in the {} partition, not {}",
            t.partition,
            reference.system
        );
    }
    Ok(())
}

#[then(regex = r"^the sBMS holds no palm-print template of record ([A-Za-z][A-Za-z0-9]*)$")]
async fn no_palm(world: &mut ConformanceWorld, label: String) -> StepResult {
    let templates = world.templates_of(&label).await?;
    ensure!(!templates.is_empty(), "harness: {label} has no template at all to check");
    ensure!(
        !templates.iter().any(|t| t.modality == Modality::PalmPrint),
        "a palm-print template of {label} exists"
    );
    Ok(())
}

#[then(regex = r"^the sBMS holds no template of record ([A-Za-z][A-Za-z0-9]*)$")]
async fn no_template(world: &mut ConformanceWorld, label: String) -> StepResult {
    let templates = world.templates_of(&label).await?;
    ensure!(templates.is_empty(), "{} template(s) of {label} remain", templates.len());
    Ok(())
}

#[then(
    regex = r"^the write is refused for biometric quality, giving the measured quality and the threshold$"
)]
async fn refused_for_quality(world: &mut ConformanceWorld) -> StepResult {
    let e = world.refusal()?;
    ensure!(e.kind == ErrorKind::Invalid, "refused with {} instead of 'invalid'", e.kind);
    let Some(v) = e.violations.iter().find(|v| v.measured.is_some()) else {
        fail!("no violation gives the measured quality: {:?}", e.violations)
    };
    let (Some(measured), Some(threshold)) = (v.measured, v.threshold) else {
        fail!("the violation gives no threshold: {v:?}")
    };
    ensure!(measured < threshold, "measured quality {measured} is not below the threshold {threshold}");
    world.kept.insert("quality-threshold".into(), threshold.to_string());
    Ok(())
}

/// Writes an EES record of Grace OKAFOR with face `face` at (or one below) the minimum quality
/// an earlier refusal gave: the two sides of BMS-01's threshold.
#[when(
    regex = r"^the central system writes record ([A-Za-z][A-Za-z0-9]*) with face ([A-Za-z0-9]+) (at|one below) the quality threshold the refusal gave$"
)]
async fn writes_at_threshold(
    world: &mut ConformanceWorld,
    label: String,
    face: String,
    side: Spelled<Boundary>,
) -> StepResult {
    let (Spelled(side), side_words) = (side, side.0.spelling());
    let Some(threshold) = world.kept.get("quality-threshold").and_then(|t| t.parse::<f64>().ok()) else {
        fail!("harness: a refusal must give the threshold first")
    };
    let at = threshold.ceil() as i64;
    let quality = match side {
        Boundary::At => at,
        Boundary::Past => at - 1,
    };
    ensure!(
        (0..=100).contains(&quality),
        "the threshold {threshold} leaves no quality {side_words} it to try"
    );
    let row: Vec<(String, String)> = [
        ("record", label.as_str()),
        ("system", "EES"),
        ("surname", "OKAFOR"),
        ("first names", "Grace"),
        ("born", "1988-08-08"),
        ("sex", "F"),
        ("nationality", "NGA"),
        ("face", face.as_str()),
        ("face quality", &quality.to_string()),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let (system, spec) = crate::data::records::RecordSpec::from_row(&row)?;
    let result = world.put_spec(system, spec).await?;
    world.expect_refusal(result);
    Ok(())
}

#[then(
    regex = r"^the sBMS log holds the search of (.+) with the systems queried, the data type, the result and its time$"
)]
async fn search_logged(world: &mut ConformanceWorld, who: Role) -> StepResult {
    let me = world.session(&who)?.directory.whoami().await?;
    let reply = world.identified()?.clone();
    let logs = world.all_logs().await?;
    let found: Vec<&LogEntry> = logs
        .iter()
        .filter(|e| {
            e.requester.as_ref().is_some_and(|r| r.authority == me.authority && r.user_id == me.user_id)
                && matches!(&e.event, LogEvent::BiometricSearch { .. })
        })
        .collect();
    let [entry] = found.as_slice() else {
        fail!("{} sBMS log entries record the search of {who}; there must be exactly one", found.len())
    };
    ensure!(
        entry.component == Component::Sbms,
        "the search is logged by {:?}, not the sBMS",
        entry.component
    );
    let LogEvent::BiometricSearch { systems_queried, data_types, results, result_at, candidates, .. } =
        &entry.event
    else {
        fail!("unreachable")
    };
    // The search was not restricted, so it covers every system the caller may query that
    // holds biometric templates.
    let mut expected: Vec<SourceSystem> =
        me.access.iter().copied().filter(|s| s.has_biometric_templates()).collect();
    expected.sort();
    let mut logged = systems_queried.clone();
    logged.sort();
    ensure!(
        logged == expected,
        "the log records the systems queried as {logged:?}; {who} may query {expected:?}"
    );
    ensure!(
        *data_types == [DataType::Fingerprint],
        "the log records data types {data_types:?}; the search used fingerprints only"
    );
    ensure!(
        *candidates as usize == reply.candidates.len(),
        "the log records {candidates} candidates; the reply returned {}",
        reply.candidates.len()
    );
    let threshold = world.threshold(Modality::Fingerprint)?;
    let mut matched: Vec<&RecordRef> =
        reply.candidates.iter().filter(|c| c.score >= threshold).map(|c| &c.record).collect();
    matched.sort();
    let mut logged_results: Vec<&RecordRef> = results.iter().collect();
    logged_results.sort();
    ensure!(
        logged_results == matched,
        "the log records the results {:?}; the candidates at or above the threshold are {:?}",
        logged_results.iter().map(|r| world.label_of(r)).collect::<Vec<_>>(),
        matched.iter().map(|r| world.label_of(r)).collect::<Vec<_>>()
    );
    ensure!(!results.is_empty(), "the log records no result although the mate matched");
    ensure!(*result_at >= entry.at, "the result time {result_at} precedes the search {}", entry.at);
    Ok(())
}

#[then(
    regex = r"^the sBMS log holds the erasure of the (fingerprint|face) templates of record ([A-Za-z][A-Za-z0-9]*)$"
)]
async fn erasure_logged(
    world: &mut ConformanceWorld,
    modality: Spelled<Modality>,
    label: String,
) -> StepResult {
    let Spelled(modality) = modality;
    let reference = world.record(&label)?.reference.clone();
    let logs = world.all_logs().await?;
    let erasures = logs
        .iter()
        .filter(|e| {
            e.component == Component::Sbms
                && matches!(&e.event, LogEvent::TemplateHistory { record, modality: m, event: TemplateEvent::Erased, templates, .. }
                    if *record == reference && *m == modality && *templates > 0)
        })
        .count();
    ensure!(
        erasures == 1,
        "{erasures} sBMS log entries record the erasure of the {modality:?} templates of {label}; there must be exactly one"
    );
    Ok(())
}

#[then(regex = r"^the sBMS log holds the template history of record ([A-Za-z][A-Za-z0-9]*)$")]
async fn template_history(world: &mut ConformanceWorld, label: String) -> StepResult {
    let reference = world.record(&label)?.reference.clone();
    let logs = world.all_logs().await?;
    ensure!(
        logs.iter().any(|e| matches!(&e.event, LogEvent::TemplateHistory { record, event: TemplateEvent::Created, .. } if *record == reference)),
        "no log entry records the creation of the templates of {label}"
    );
    Ok(())
}

impl ConformanceWorld {
    /// Keeps what the sBMS reports of `label`'s templates, to compare after an update.
    async fn keep_templates(&mut self, label: &str) -> StepResult {
        let templates = self.templates_of(label).await?;
        let text = serde_json::to_string(&templates).map_err(|e| Failure(format!("harness: {e}")))?;
        self.kept.insert(format!("templates-before:{label}"), text);
        Ok(())
    }

    /// The templates of `label` kept before its last update.
    fn templates_before(&self, label: &str) -> Result<Vec<TemplateInfo>, Failure> {
        let Some(text) = self.kept.get(&format!("templates-before:{label}")) else {
            fail!("harness: {label} was not updated by a step that keeps its templates")
        };
        serde_json::from_str(text).map_err(|e| Failure(format!("harness: {e}")))
    }

    /// Rewrites `label` with `change` applied to what was last written (the other samples are
    /// the same bytes, not new impressions), keeping its templates first.
    async fn update_record(&mut self, label: &str, change: impl FnOnce(&mut RecordWrite)) -> StepResult {
        self.keep_templates(label).await?;
        let entry = self.record(label)?.clone();
        let mut write = entry.write.clone();
        change(&mut write);
        ensure!(write != entry.write, "harness: the update changes nothing");
        match self.put(label, entry.reference.system, write).await? {
            Ok(_) => Ok(()),
            Err(e) => fail!("updating {label} was refused: {}", Failure::from(e)),
        }
    }

    /// The sBMS log entries recording the erasure of templates of `label`.
    async fn erasures_of(&mut self, label: &str) -> Result<Vec<LogEntry>, Failure> {
        let reference = self.record(label)?.reference.clone();
        Ok(self
            .all_logs()
            .await?
            .into_iter()
            .filter(|e| {
                matches!(&e.event, LogEvent::TemplateHistory { record, event: TemplateEvent::Erased, .. }
                    if *record == reference)
            })
            .collect())
    }
}

#[when(regex = r"^record ([A-Za-z][A-Za-z0-9]*) is updated without finger (\d+)$")]
async fn updated_without_finger(world: &mut ConformanceWorld, label: String, finger: u8) -> StepResult {
    let position = FingerPosition::new(finger)?;
    ensure!(
        world.record(&label)?.write.biometrics.fingerprints.iter().any(|f| f.position == position),
        "harness: {label} has no finger {finger} to drop"
    );
    world.update_record(&label, |w| w.biometrics.fingerprints.retain(|f| f.position != position)).await
}

#[when(
    regex = r"^record ([A-Za-z][A-Za-z0-9]*) is updated with a place of birth and the same biometric data$"
)]
async fn updated_same_biometrics(world: &mut ConformanceWorld, label: String) -> StepResult {
    let place = PlaceName::new("Cartagena")?;
    world.update_record(&label, |w| w.identity.place_of_birth = Some(place)).await
}

#[then(regex = r"^the sBMS holds no template of finger (\d+) of record ([A-Za-z][A-Za-z0-9]*)$")]
async fn no_template_of_finger(world: &mut ConformanceWorld, finger: u8, label: String) -> StepResult {
    let position = FingerPosition::new(finger)?;
    let templates = world.templates_of(&label).await?;
    ensure!(
        !templates.iter().any(|t| t.finger == Some(position)),
        "a template of finger {finger} of {label} remains after the finger was removed"
    );
    Ok(())
}

#[then(
    regex = r"^the other templates of record ([A-Za-z][A-Za-z0-9]*) are kept as they were(?:, all but finger (\d+))?$"
)]
async fn other_templates_kept(
    world: &mut ConformanceWorld,
    label: String,
    dropped: Optional<u8>,
) -> StepResult {
    let dropped = dropped.0.map(FingerPosition::new).transpose()?;
    let before: Vec<TemplateInfo> = world
        .templates_before(&label)?
        .into_iter()
        .filter(|t| dropped.is_none() || t.finger != dropped)
        .collect();
    ensure!(!before.is_empty(), "harness: {label} had no other template to keep");
    let now = world.templates_of(&label).await?;
    for t in &before {
        ensure!(
            now.contains(t),
            "the {:?} template{} of {label} was not kept as it was (created at {}): {:?}",
            t.modality,
            t.finger.map_or(String::new(), |f| format!(" of finger {}", f.code())),
            t.created_at,
            now
        );
    }
    ensure!(now.len() == before.len(), "{label} has {} templates, not the {} kept", now.len(), before.len());
    Ok(())
}

#[then(
    regex = r"^the sBMS log holds the erasure of the template of finger (\d+) of record ([A-Za-z][A-Za-z0-9]*) and no other erasure$"
)]
async fn finger_erasure_logged(world: &mut ConformanceWorld, finger: u8, label: String) -> StepResult {
    let position = FingerPosition::new(finger)?;
    let erasures = world.erasures_of(&label).await?;
    let [entry] = erasures.as_slice() else {
        fail!(
            "{} sBMS log entries record erasures of templates of {label}; there must be exactly one",
            erasures.len()
        )
    };
    let LogEvent::TemplateHistory { modality, templates, fingers, .. } = &entry.event else {
        fail!("unreachable")
    };
    ensure!(
        entry.component == Component::Sbms,
        "the erasure is logged by {:?}, not the sBMS",
        entry.component
    );
    ensure!(
        *modality == Modality::Fingerprint && *templates == 1 && *fingers == [position],
        "the erasure log names {templates} {modality:?} template(s) of fingers {:?}; finger {finger} alone was removed",
        fingers.iter().map(|f| f.code()).collect::<Vec<_>>()
    );
    Ok(())
}

#[then(regex = r"^no template of record ([A-Za-z][A-Za-z0-9]*) was erased$")]
async fn nothing_erased(world: &mut ConformanceWorld, label: String) -> StepResult {
    let erasures = world.erasures_of(&label).await?;
    ensure!(
        erasures.is_empty(),
        "{} sBMS log entries record erasures of templates of {label}, whose biometric data did not change",
        erasures.len()
    );
    Ok(())
}

#[then(regex = r"^the synthetic face algorithm is declared$")]
async fn face_declared(world: &mut ConformanceWorld) -> StepResult {
    let algorithm = SYNTHETIC_FACE_ALGORITHM;
    ensure!(
        world.capabilities.face_algorithms.iter().any(|a| a.as_str() == algorithm),
        "{algorithm} is not declared"
    );
    Ok(())
}
