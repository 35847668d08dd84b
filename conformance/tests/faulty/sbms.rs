//! The shared Biometric Matching Service's faults (BMS-02 to BMS-09, SEC-03).

use async_trait::async_trait;
use jha_interop::api::*;
use jha_interop::model::*;

use super::{Fault, FaultySession};

impl FaultySession {
    /// BMS-09's fault: a face of another algorithm is relabelled as the accepted algorithm and
    /// compared anyway.
    async fn relabel_face(&self, biometrics: &mut BiometricData) {
        let Some(face) = biometrics.face.as_mut() else { return };
        let Ok(declared) = self.shared.reference.capabilities().await else { return };
        let Some(accepted) = declared.face_algorithms.first() else { return };
        if face.template.algorithm() != accepted
            && let Ok(template) = FaceTemplate::new(accepted.clone(), face.template.vector().to_vec())
        {
            face.template = template;
        }
    }
}

impl FaultySession {
    /// Remembers, for BMS-06's fault, the templates a write left out (a finger dropped by an
    /// update), before the new listing replaces the old one.
    pub(super) fn note_dropped_templates(&self, record: &RecordRef, now: &[TemplateInfo]) {
        if self.fault() != Fault::BmsDroppedFingerTemplateKept {
            return;
        }
        let mut memory = self.shared.memory();
        let before = memory.templates.get(record).cloned().unwrap_or_default();
        let dropped: Vec<TemplateInfo> = before
            .into_iter()
            .filter(|t| {
                t.finger.is_some() && !now.iter().any(|n| n.finger == t.finger && n.modality == t.modality)
            })
            .collect();
        memory.dropped_templates.entry(record.clone()).or_default().extend(dropped);
    }

    /// BMS-06's fault: the template of a finger an update dropped is kept (templates are
    /// erased only with their record).
    fn keep_dropped_fingers(&self, record: &RecordRef, templates: &mut Vec<TemplateInfo>) {
        let memory = self.shared.memory();
        for t in memory.dropped_templates.get(record).into_iter().flatten() {
            if !templates.iter().any(|n| n.finger == t.finger && n.modality == t.modality) {
                templates.push(t.clone());
            }
        }
    }

    /// BMS-06's fault (version 1's behaviour): every update erases and re-creates every
    /// template, so the log holds an erasure of the templates of every updated record.
    pub(super) fn invent_update_erasures(&self, entries: &mut Vec<LogEntry>) {
        if self.fault() != Fault::BmsUpdateRecreatesTemplates {
            return;
        }
        let updated: Vec<RecordRef> = {
            let memory = self.shared.memory();
            memory
                .writes
                .iter()
                .filter(|(r, w)| memory.first_identity.get(*r).is_some_and(|first| *first != w.identity))
                .map(|(r, _)| r.clone())
                .collect()
        };
        let invented: Vec<LogEntry> = entries
            .iter()
            .filter(|e| {
                matches!(&e.event, LogEvent::TemplateHistory { record, event: TemplateEvent::Created, .. }
                    if updated.contains(record))
            })
            .map(|e| {
                let mut erased = e.clone();
                if let LogEvent::TemplateHistory { event, .. } = &mut erased.event {
                    *event = TemplateEvent::Erased;
                }
                erased
            })
            .collect();
        entries.extend(invented);
    }
}

#[async_trait]
impl BiometricMatching for FaultySession {
    async fn identify(&self, mut request: IdentifyRequest) -> Result<IdentifyReply> {
        match self.fault() {
            Fault::BmsSystemFilterIgnored => request.systems.clear(),
            Fault::BmsComparesAcrossAlgorithms => self.relabel_face(&mut request.biometrics).await,
            _ => {}
        }
        let mut reply = match self.delegate().await.biometrics.identify(request.clone()).await {
            Ok(r) => r,
            Err(e) => self.operator_identifies(request.clone(), e).await?,
        };
        match self.fault() {
            Fault::BmsCandidatesUnranked => reply.candidates.reverse(),
            Fault::BmsIgnoresCallerAccess => {
                if let Ok(all) = self.shared.oracle().biometrics.identify(request).await {
                    for c in all.candidates {
                        if !reply.candidates.iter().any(|r| r.record == c.record) {
                            reply.candidates.push(c);
                        }
                    }
                    reply.candidates.sort_by(|a, b| b.score.total_cmp(&a.score));
                }
            }
            _ => {}
        }
        Ok(reply)
    }

    async fn verify(&self, mut request: VerifyRequest) -> Result<VerifyReply> {
        if self.fault() == Fault::BmsComparesAcrossAlgorithms {
            self.relabel_face(&mut request.biometrics).await;
        }
        let mut reply = self.inner.biometrics.verify(request).await?;
        match self.fault() {
            Fault::BmsVerificationAlwaysMatches => reply.is_match = true,
            Fault::BmsThresholdMisreported => reply.threshold *= 0.9,
            _ => {}
        }
        Ok(reply)
    }

    async fn templates(&self, record: &RecordRef) -> Result<Vec<TemplateInfo>> {
        if self.fault() == Fault::DqRefusedWriteKeepsTemplates
            && let Some(left) = self.shared.memory().leftovers.get(record).cloned()
        {
            return Ok(left);
        }
        let listed = self.inner.biometrics.templates(record).await;
        let deleted = self.shared.memory().deleted.contains(record);
        let mut templates = match listed {
            Ok(t) => t,
            Err(e)
                if e.kind == ErrorKind::NotFound
                    && deleted
                    && self.fault() == Fault::BmsTemplatesSurviveDeletion =>
            {
                Vec::new()
            }
            Err(e) => return Err(self.refusal_quotes_identity(record, e)),
        };
        if templates.is_empty() && deleted && self.fault() == Fault::BmsTemplatesSurviveDeletion {
            return Ok(self.shared.memory().templates.get(record).cloned().unwrap_or_default());
        }
        if self.fault() == Fault::BmsDroppedFingerTemplateKept && !deleted {
            self.keep_dropped_fingers(record, &mut templates);
        }
        self.shared.memory().templates.insert(record.clone(), templates.clone());
        match self.fault() {
            Fault::BmsPartitionMislabelled => {
                for t in &mut templates {
                    t.partition = SourceSystem::Ees;
                }
            }
            Fault::BmsPalmTemplate => {
                if let Some(w) = self.shared.written(record)
                    && !w.biometrics.palm_prints.is_empty()
                    && let Some(first) = templates.first().cloned()
                {
                    templates.push(TemplateInfo { modality: Modality::PalmPrint, finger: None, ..first });
                }
            }
            Fault::SecResendDuplicatesTemplates if self.shared.memory().resent.contains(record) => {
                let copy = templates.clone();
                templates.extend(copy);
            }
            _ => {}
        }
        Ok(templates)
    }
}
