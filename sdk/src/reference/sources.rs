//! Source systems writing records: each write stores the record, its CIR data and its
//! templates and runs multiple-identity detection, atomically (CIR-03, MID-01, SEC-03/04).

use async_trait::async_trait;

use crate::api::{Error, ErrorKind, Result, SourceSystems};
use crate::model::{
    AuthorityKind, Component, Limits, LogEvent, Modality, Principal, RecordRef, RecordWrite, StoredRecord,
    TemplateEvent, Timestamp, WriteEffect, WriteOutcome,
};

use super::handle::Handle;
use super::mid;
use super::quality;
use super::sbms;
use super::shared::Core;
use super::state::State;
use super::templates;

/// Refuses payloads beyond the documented limits (SEC-05).
fn check_limits(record: &RecordWrite, limits: &Limits) -> Result<()> {
    let bio = &record.biometrics;
    if bio.fingerprints.len() > usize::from(limits.max_fingerprints) {
        return Err(Error::new(
            ErrorKind::PayloadTooLarge,
            format!(
                "{} fingerprint samples; at most {} are accepted",
                bio.fingerprints.len(),
                limits.max_fingerprints
            ),
        )
        .with_rule(crate::requirement!("SEC-05")));
    }
    let largest = templates::largest_payload(bio);
    if largest as u64 > limits.max_biometric_payload_bytes {
        return Err(Error::new(
            ErrorKind::PayloadTooLarge,
            format!(
                "a biometric payload of {largest} bytes exceeds the limit of {} bytes",
                limits.max_biometric_payload_bytes
            ),
        )
        .with_rule(crate::requirement!("SEC-05")));
    }
    Ok(())
}

impl Handle {
    /// Only the central service of a system writes its records.
    fn writer(&self, system: crate::model::SourceSystem, operation: &str) -> Result<Principal> {
        let me = self.principal()?.clone();
        if me.authority.kind == AuthorityKind::SourceSystemService && me.may_access(system) {
            return Ok(me);
        }
        Err(self.deny(
            Component::Cir,
            operation,
            format!("only the central service of {system} writes {system} records"),
            crate::requirement!("SEC-01"),
        ))
    }
}

impl Handle {
    /// Stores a record: checks, extraction, the write and its detection. CPU work throughout,
    /// so `put_record` runs it off the async runtime.
    fn store_record(&self, reference: &RecordRef, record: RecordWrite) -> Result<WriteOutcome> {
        let writer = self.writer(reference.system, "put_record")?;
        let config = &self.core.config;
        check_limits(&record, &config.limits)?;
        let now = self.core.now();
        let mut report = quality::check(reference.system, &record, now.date());
        // Extraction and quality measurement are the slow part: done before taking the lock.
        let prepared = if reference.system.has_biometric_templates() {
            templates::prepare(&record.biometrics, config)
        } else {
            Ok(templates::Prepared::default())
        };
        let mut quality_refused = false;
        let prepared = match prepared {
            Ok(p) => p,
            Err(refusal) => {
                quality_refused = refusal.quality;
                report.blocking.extend(refusal.violations);
                templates::Prepared::default()
            }
        };
        let mut state = self.core.records();
        if !report.blocking.is_empty() {
            if quality_refused {
                self.core.logs().append(
                    Component::Sbms,
                    now,
                    self.requester(),
                    LogEvent::TemplateHistory {
                        record: reference.clone(),
                        modality: Modality::Fingerprint,
                        event: TemplateEvent::RefusedQuality,
                        templates: 0,
                        fingers: Vec::new(),
                    },
                );
            }
            let error = Error::invalid(report.blocking);
            return Err(if quality_refused {
                error.with_rule(crate::requirement!("BMS-01"))
            } else {
                error.with_rule(crate::requirement!("DQ-01"))
            });
        }
        if let Some(existing) = state.records.get(reference)
            && existing.data == record
        {
            let stored = existing.clone();
            let links = mid::views_for_writer(&state, &writer, reference);
            return Ok(WriteOutcome { record: stored, effect: WriteEffect::Unchanged, links });
        }
        let (effect, stored) = match state.records.get(reference) {
            Some(existing) => (
                WriteEffect::Updated,
                StoredRecord {
                    reference: reference.clone(),
                    data: record,
                    quality_flags: report.soft,
                    created_at: existing.created_at,
                    updated_at: now,
                    version: existing.version + 1,
                },
            ),
            None => (
                WriteEffect::Created,
                StoredRecord {
                    reference: reference.clone(),
                    data: record,
                    quality_flags: report.soft,
                    created_at: now,
                    updated_at: now,
                    version: 1,
                },
            ),
        };
        if let Some(until) = stored.data.retention_until {
            state.next_record_expiry = Some(state.next_record_expiry.map_or(until, |t| t.min(until)));
        }
        if effect == WriteEffect::Created && reference.system.is_cir_system() {
            let n = state.next_number();
            state.original_file.insert(reference.clone(), n);
        }
        state.unindex_record(reference);
        state.records.insert(reference.clone(), stored.clone());
        state.index_record(&stored);
        let requester = self.requester();
        sbms::update_templates(&self.core, reference, prepared, now, requester);
        if reference.system.triggers_detection() {
            mid::detect::run(&mut state, &self.core, reference, now);
        }
        let links = mid::views_for_writer(&state, &writer, reference);
        Ok(WriteOutcome { record: stored, effect, links })
    }
}

#[async_trait]
impl SourceSystems for Handle {
    async fn put_record(&self, reference: &RecordRef, record: RecordWrite) -> Result<WriteOutcome> {
        let reference = reference.clone();
        self.off_runtime(move |handle| handle.store_record(&reference, record)).await?
    }

    async fn delete_record(&self, reference: &RecordRef) -> Result<()> {
        self.writer(reference.system, "delete_record")?;
        let now = self.core.now();
        let mut state = self.core.records();
        if !state.records.contains_key(reference) {
            return Err(Error::not_found(format!("no record {reference}")));
        }
        erase_record(&mut state, &self.core, reference, now, "deleted by the source system");
        Ok(())
    }

    async fn get_record(&self, reference: &RecordRef) -> Result<StoredRecord> {
        self.writer(reference.system, "get_record")?;
        let state = self.core.records();
        state
            .records
            .get(reference)
            .cloned()
            .ok_or_else(|| Error::not_found(format!("no record {reference}")))
    }
}

/// Erases a record and everything derived from it: its CIR data, its templates (BMS-06) and
/// its links, so that a confirmation file left with fewer than two systems disappears (MID-16).
pub(crate) fn erase_record(state: &mut State, core: &Core, record: &RecordRef, now: Timestamp, reason: &str) {
    state.unindex_record(record);
    state.records.remove(record);
    state.original_file.remove(record);
    sbms::erase_templates(core, record, now);
    mid::erase_links_of(state, core, record, now, reason);
    // LOG-01, Art 24(8): the logs of the history of the erased data go with them.
    core.logs().erase_data_history(record);
}
