//! Writes, deletes and reads of source records, with the faults that act on them (DQ, SEC-03,
//! SEC-04, MID-03, MID-17) and the memory the other faults draw on.

use std::sync::atomic::Ordering;

use async_trait::async_trait;
use jha_interop::api::*;
use jha_interop::model::*;

use super::{Fault, FaultySession};

impl FaultySession {
    /// Remembers a successful write: its content, its order, and which links it reported.
    fn remember_write(&self, reference: &RecordRef, record: &RecordWrite, outcome: &WriteOutcome) {
        let mut memory = self.shared.memory();
        let previous = memory.writes.insert(reference.clone(), record.clone());
        memory.leftovers.remove(reference);
        match &previous {
            None => {
                memory.first_identity.insert(reference.clone(), record.identity.clone());
            }
            Some(before) if before == record => {
                memory.resent.insert(reference.clone());
            }
            Some(_) => {}
        }
        // Links a write reports for the first time were made by its detection.
        for link in &outcome.links {
            let made_here = memory.known_sins.insert(link.sin.clone());
            let suppressed = match self.fault() {
                Fault::MidUpdateNotRedetected => previous.is_some(),
                Fault::MidEcrisTriggerNoDetection => reference.system == SourceSystem::EcrisTcn,
                _ => false,
            };
            if made_here && suppressed {
                memory.hidden_sins.insert(link.sin.clone());
            }
        }
    }

    /// MID-03's fault: a record with fingerprints whose identity differs from an earlier
    /// record of another system by one letter of the surname gets a yellow link to it,
    /// although their fingerprints differ and they share no document.
    fn invent_similar_yellow(&self, reference: &RecordRef, record: &RecordWrite, outcome: &WriteOutcome) {
        if record.biometrics.fingerprints.is_empty() || !outcome.links.is_empty() {
            return;
        }
        let mut memory = self.shared.memory();
        let candidates: Vec<RecordRef> = memory
            .writes
            .iter()
            .filter(|(other, w)| {
                other.system != reference.system
                    && !w.biometrics.fingerprints.is_empty()
                    && w.identity.date_of_birth == record.identity.date_of_birth
                    && w.identity.first_names == record.identity.first_names
                    && w.identity.nationalities == record.identity.nationalities
                    && one_substitution(&w.identity.surname, &record.identity.surname)
            })
            .map(|(other, _)| other.clone())
            .collect();
        for other in candidates {
            let now = Timestamp::now();
            memory.invented.push(LinkView {
                sin: Sin::new(format!("INVENTED-{}", other.id)).expect("a valid sin"),
                colour: LinkColour::Yellow,
                ends: vec![
                    LinkEnd { system: reference.system, record: Some(reference.id.clone()) },
                    LinkEnd { system: other.system, record: Some(other.id.clone()) },
                ],
                responsible_authority: Authority {
                    organisation: Organisation::member_state("DEU").expect("a valid code"),
                    kind: AuthorityKind::BorderAuthority,
                },
                created_at: now,
                updated_at: now,
                basis: Some(LinkBasis {
                    biometric: BiometricBasis::Different,
                    identity: IdentityVerdict::Similar,
                    travel_document: DocumentBasis::DifferentOrNone,
                }),
                verification: None,
            });
        }
    }
}

/// Whether two surnames have the same length and differ in exactly one character.
fn one_substitution(a: &Option<Name>, b: &Option<Name>) -> bool {
    let (Some(a), Some(b)) = (a, b) else { return false };
    let (a, b): (Vec<char>, Vec<char>) = (a.as_str().chars().collect(), b.as_str().chars().collect());
    a.len() == b.len() && a.iter().zip(&b).filter(|(x, y)| x != y).count() == 1
}

#[async_trait]
impl SourceSystems for FaultySession {
    async fn put_record(&self, reference: &RecordRef, record: RecordWrite) -> Result<WriteOutcome> {
        let record = self.tamper_mid_write(record);
        let mut record = record;
        if self.fault() == Fault::DqSisSurnameOptional
            && reference.system == SourceSystem::Sis
            && record.identity.surname.is_none()
        {
            record.identity.surname = Name::new("UNKNOWN").ok();
        }
        // SEC-04's fault sees whether another write is in progress; the yield lets concurrent
        // writes start before this one looks.
        if self.fault() == Fault::BmsQualityThresholdExclusive
            && let Some(threshold) = self.shared.memory().face_threshold
            && let Some(quality) = record.biometrics.face.as_ref().and_then(|f| f.capture_quality)
            && f64::from(quality) == threshold
        {
            return Err(Error::invalid(vec![
                Violation::new(
                    jha_interop::requirement!("DQ-B-BIO-QUALITY"),
                    "biometrics.face",
                    "below the minimum quality",
                )
                .with_measure(f64::from(quality), threshold),
            ]));
        }
        self.shared.in_flight.fetch_add(1, Ordering::SeqCst);
        tokio::task::yield_now().await;
        let overlapping = self.shared.in_flight.load(Ordering::SeqCst) > 1;
        let result = self.inner.source_systems.put_record(reference, record.clone()).await;
        self.shared.in_flight.fetch_sub(1, Ordering::SeqCst);
        match result {
            Ok(mut outcome) => {
                self.remember_write(reference, &record, &outcome);
                if let Ok(templates) = self.inner.biometrics.templates(reference).await {
                    self.note_dropped_templates(reference, &templates);
                    self.shared.memory().templates.insert(reference.clone(), templates);
                }
                match self.fault() {
                    Fault::SecResendReportsChange if outcome.effect == WriteEffect::Unchanged => {
                        outcome.effect = WriteEffect::Updated;
                    }
                    Fault::SecConcurrentWriteLost if overlapping => {
                        let _ = self.inner.source_systems.delete_record(reference).await;
                    }
                    Fault::MidBioDifferentIdSimilarYellow => {
                        self.invent_similar_yellow(reference, &record, &outcome)
                    }
                    _ => {}
                }
                let mut shown = Vec::new();
                for link in outcome.links {
                    if !self.hides(&link) {
                        shown.push(self.tamper_link(link));
                    }
                }
                outcome.links = shown;
                Ok(outcome)
            }
            Err(mut e) => {
                if let Some(threshold) =
                    e.violations.iter().find(|v| v.field.contains("face")).and_then(|v| v.threshold)
                {
                    self.shared.memory().face_threshold = Some(threshold);
                }
                match self.fault() {
                    Fault::DqReportsOneRule if e.violations.len() > 1 => e.violations.truncate(1),
                    Fault::DqRefusedWriteKeepsTemplates => {
                        let left: Vec<TemplateInfo> = record
                            .biometrics
                            .modalities()
                            .into_iter()
                            .map(|modality| TemplateInfo {
                                record: reference.clone(),
                                partition: reference.system,
                                modality,
                                finger: None,
                                quality: 0,
                                algorithm: "left-over".into(),
                                created_at: Timestamp::now(),
                            })
                            .collect();
                        if !left.is_empty() {
                            self.shared.memory().leftovers.insert(reference.clone(), left);
                        }
                    }
                    Fault::BmsPartialWriteOnQuality
                        if record.biometrics.face.is_some()
                            && e.violations.iter().any(|v| v.measured.is_some()) =>
                    {
                        let mut partial = record.clone();
                        partial.biometrics.face = None;
                        if let Ok(outcome) =
                            self.inner.source_systems.put_record(reference, partial.clone()).await
                        {
                            self.remember_write(reference, &partial, &outcome);
                        }
                    }
                    Fault::SecInternalOnUndecodable
                        if e.kind == ErrorKind::Invalid
                            && e.violations.iter().any(|v| {
                                // A sample the decoder read and refused, not a missing one.
                                v.field.starts_with("biometrics")
                                    && v.measured.is_none()
                                    && v.rule != "DQ-B-MANDATORY"
                            }) =>
                    {
                        return Err(Error::internal("the biometric decoder failed"));
                    }
                    _ => {}
                }
                Err(e)
            }
        }
    }

    async fn delete_record(&self, reference: &RecordRef) -> Result<()> {
        self.inner.source_systems.delete_record(reference).await?;
        self.shared.memory().deleted.insert(reference.clone());
        Ok(())
    }

    async fn get_record(&self, reference: &RecordRef) -> Result<StoredRecord> {
        let mut stored = match self.delegate().await.source_systems.get_record(reference).await {
            Ok(s) => s,
            Err(e) => self.operator_reads_record(reference, e).await?,
        };
        if self.fault() == Fault::DqFlagsNotStored {
            stored.quality_flags.clear();
        }
        Ok(stored)
    }
}
