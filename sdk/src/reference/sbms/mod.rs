//! The shared Biometric Matching Service of the reference (Arts 12–16).

use async_trait::async_trait;

use crate::api::{BiometricMatching, Error, Result, Violation};
use crate::model::{
    Candidate, Component, DataType, IdentifyReply, IdentifyRequest, LogEvent, Modality, RecordRef, Requester,
    SourceSystem, TemplateEvent, TemplateInfo, Timestamp, VerifyReply, VerifyRequest,
};

use super::handle::Handle;
use super::rules;
use super::shared::Core;
use super::templates::{Prepared, prepare_probe, threshold_of};

/// The identity of the fingerprint engine, declared with its threshold.
// @2: the engine's settings (`matching::fingerprint::SETTINGS`) and calibration chosen again
// (issue 14); templates prepared under @1 compare on another scale.
pub(crate) const FINGERPRINT_ALGORITHM: &str = "jha-interop/edge-crawl-minutiae@2";

fn log_templates(
    core: &Core,
    record: &RecordRef,
    infos: &[TemplateInfo],
    event: TemplateEvent,
    now: Timestamp,
    requester: Option<Requester>,
) {
    for modality in [Modality::Fingerprint, Modality::Face] {
        let concerned: Vec<&TemplateInfo> = infos.iter().filter(|i| i.modality == modality).collect();
        if !concerned.is_empty() {
            core.logs().append(
                Component::Sbms,
                now,
                requester.clone(),
                LogEvent::TemplateHistory {
                    record: record.clone(),
                    modality,
                    event,
                    templates: concerned.len() as u32,
                    fingers: concerned.iter().filter_map(|i| i.finger).collect(),
                },
            );
        }
    }
}

/// Brings a record's templates in line with the biometric data it now holds, logging their
/// history (Art 16(1)(b)): the templates of samples the write dropped or changed are erased
/// (BMS-06: templates are kept only as long as their biometric data), those of new or changed
/// samples created, and the templates of unchanged samples kept as they were.
pub(crate) fn update_templates(
    core: &Core,
    record: &RecordRef,
    prepared: Prepared,
    now: Timestamp,
    requester: Option<Requester>,
) {
    let change = core.templates.update(record, prepared, FINGERPRINT_ALGORITHM, now);
    log_templates(core, record, &change.erased, TemplateEvent::Erased, now, requester.clone());
    log_templates(core, record, &change.created, TemplateEvent::Created, now, requester);
}

/// Erases a record's templates with the record (BMS-06).
pub(crate) fn erase_templates(core: &Core, record: &RecordRef, now: Timestamp) {
    let old = core.templates.remove(record);
    log_templates(core, record, &old, TemplateEvent::Erased, now, None);
}

impl Handle {
    fn check_system_access(&self, system: SourceSystem, operation: &str) -> Result<()> {
        let me = self.principal()?;
        if me.may_access(system) {
            return Ok(());
        }
        Err(self.deny(
            Component::Sbms,
            operation,
            format!("no access to {system}"),
            crate::requirement!("BMS-04"),
        ))
    }
}

#[async_trait]
impl BiometricMatching for Handle {
    async fn identify(&self, request: IdentifyRequest) -> Result<IdentifyReply> {
        let me = self.principal()?.clone();
        self.refuse_operator(Component::Sbms, "identify")?;
        let config = &self.core.config;
        if request.max_candidates == 0 || request.max_candidates > config.limits.max_candidates {
            return Err(Error::invalid_field(
                crate::requirement!("BMS-04"),
                "max_candidates",
                format!("between 1 and {} candidates may be asked for", config.limits.max_candidates),
            ));
        }
        let systems = rules::sbms::systems_searched(&me, &request.systems)
            .map_err(|refusal| self.deny(Component::Sbms, "identify", refusal.reason, refusal.rule))?;
        if !request.biometrics.has_matchable_data() {
            return Err(Error::invalid(vec![Violation::new(
                crate::requirement!("BMS-04"),
                "biometrics",
                "the probe carries no fingerprint or face",
            )]));
        }
        let now = self.core.now();
        // Extraction and the 1:N scan are CPU work: off the async runtime, on the
        // identification pool, holding no lock of any other component's store.
        let max_candidates = usize::from(request.max_candidates);
        let (probe, found) = self
            .off_runtime({
                let (biometrics, systems) = (request.biometrics.clone(), systems.clone());
                move |handle| {
                    let probe = prepare_probe(&biometrics, &handle.core.config)?;
                    let found = handle.core.identification(|| {
                        handle.core.templates.candidates(&probe, &systems, max_candidates)
                    });
                    Ok::<_, Error>((probe, found))
                }
            })
            .await??;
        let results: Vec<RecordRef> =
            found.iter().filter(|m| m.reaches(&config.thresholds)).map(|m| m.record.clone()).collect();
        self.core.logs().append_query(
            Component::Sbms,
            now,
            self.requester(),
            LogEvent::BiometricSearch {
                systems_queried: systems.clone(),
                data_types: probe.modalities().into_iter().map(DataType::from).collect(),
                candidates: found.len() as u32,
                results,
                result_at: self.core.now(),
                trigger: "identification request".into(),
            },
            // LOG-03, POLICY LOG-P1: the probe as digests, never as data.
            super::logs::biometric_query_data(&request.biometrics),
        );
        *self.core.statistics().searches.entry((Component::Sbms, true)).or_default() += 1;
        let threshold = threshold_of(
            probe.modalities().first().copied().unwrap_or(Modality::Fingerprint),
            &config.thresholds,
        );
        Ok(IdentifyReply {
            candidates: found
                .into_iter()
                .map(|m| Candidate { record: m.record, score: m.score, modality: m.modality })
                .collect(),
            threshold,
        })
    }

    async fn verify(&self, request: VerifyRequest) -> Result<VerifyReply> {
        self.check_system_access(request.record.system, "verify")?;
        let config = &self.core.config;
        let now = self.core.now();
        let found = self
            .off_runtime({
                let (biometrics, record) = (request.biometrics.clone(), request.record.clone());
                move |handle| {
                    let probe = prepare_probe(&biometrics, &handle.core.config)?;
                    handle.core.templates.verify(&probe, &record).ok_or_else(|| {
                        Error::not_found(format!("{record} holds no template comparable with the probe"))
                    })
                }
            })
            .await??;
        let threshold = threshold_of(found.modality, &config.thresholds);
        let is_match = found.score >= threshold;
        self.core.logs().append_query(
            Component::Sbms,
            now,
            self.requester(),
            LogEvent::BiometricSearch {
                systems_queried: vec![request.record.system],
                data_types: vec![DataType::from(found.modality)],
                candidates: 1,
                results: if is_match { vec![request.record.clone()] } else { Vec::new() },
                result_at: self.core.now(),
                trigger: "verification request".into(),
            },
            super::logs::biometric_query_data(&request.biometrics),
        );
        Ok(VerifyReply {
            record: request.record,
            score: found.score,
            threshold,
            is_match,
            modality: found.modality,
        })
    }

    async fn templates(&self, record: &RecordRef) -> Result<Vec<TemplateInfo>> {
        self.check_system_access(record.system, "templates")?;
        Ok(self.core.templates.infos(record))
    }
}
