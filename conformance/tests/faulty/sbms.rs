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
    /// BMS-06's fault: the template of a finger an update dropped is kept (templates are
    /// erased only with their record).
    fn keep_dropped_fingers(&self, record: &RecordRef, templates: &mut Vec<TemplateInfo>) {
        let memory = self.shared.memory();
        let (Some(before), Some(write)) = (memory.templates.get(record), memory.writes.get(record)) else { return };
        for t in before {
            let dropped = t.finger.is_some_and(|f| !write.biometrics.fingerprints.iter().any(|s| s.position == f));
            if dropped && !templates.iter().any(|n| n.finger == t.finger && n.modality == t.modality) {
                templates.push(t.clone());
            }
        }
    }

    /// BMS-06's fault (version 1's behaviour): every update erases and re-creates every
    /// template, so that all of them date from the last update.
    async fn recreate_at_update(&self, record: &RecordRef, templates: &mut [TemplateInfo]) {
        let Ok(stored) = self.inner.source_systems.get_record(record).await else { return };
        for t in templates {
            t.created_at = stored.updated_at;
        }
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
        match self.fault() {
            Fault::BmsDroppedFingerTemplateKept if !deleted => self.keep_dropped_fingers(record, &mut templates),
            Fault::BmsUpdateRecreatesTemplates => self.recreate_at_update(record, &mut templates).await,
            _ => {}
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
