//! Faults of the logs, the statistics and the directory (ESP-08, BMS-06, BMS-07, CIR-11,
//! CIR-13, MID-18, SIM-08, CRRS-*, LOG-*, SEC-01).

use async_trait::async_trait;
use jha_interop::api::*;
use jha_interop::model::*;

use super::{Fault, FaultySession};

impl FaultySession {
    /// Rewrites one log entry as the fault has it; `None` drops it.
    fn tamper_entry(&self, mut entry: LogEntry, erased_links: &[Sin]) -> Option<LogEntry> {
        let fault = self.fault();
        match (&mut entry.event, fault) {
            (LogEvent::EspQuery { profile, .. }, Fault::EspLogsWrongProfile) => {
                *profile = ProfileId::new("unspecified").expect("a valid id");
            }
            (LogEvent::EspQuery { .. }, Fault::EspLogRequesterOperator) => {
                if let Some(r) = entry.requester.as_mut() {
                    r.authority.organisation = Organisation::Agency(UnionAgency::EuLisa);
                }
            }
            (LogEvent::EspQuery { .. }, Fault::EspLogTimeTruncated) => {
                entry.at = Timestamp::from_unix_millis(
                    entry.at.unix_millis() - entry.at.unix_millis().rem_euclid(DAY_MS),
                );
                entry.erase_after = entry.at.plus_one_year();
            }
            (LogEvent::TemplateHistory { event: TemplateEvent::Erased, .. }, Fault::BmsErasureNotLogged) => {
                return None;
            }
            (LogEvent::BiometricSearch { systems_queried, .. }, Fault::BmsSearchLogAllSystems) => {
                *systems_queried = SourceSystem::ALL.to_vec();
            }
            (LogEvent::BiometricSearch { data_types, .. }, Fault::BmsSearchLogBothModalities) => {
                *data_types = vec![DataType::Fingerprint, DataType::Face];
            }
            (LogEvent::CirHitFlag { run_by, ordered_by, .. }, Fault::CirHitLogRunByOrderer) => {
                *run_by = ordered_by.clone();
            }
            (LogEvent::CirHitFollowUp { follow_up, .. }, Fault::CirFullAccessLoggedAsJustification)
                if matches!(follow_up, HitFollowUp::FullAccessRequest { .. }) =>
            {
                *follow_up = HitFollowUp::Justification { text: "full access not requested".into() };
            }
            (LogEvent::CirIdentification { data_types, .. }, Fault::CirIdentificationLogWrongType) => {
                *data_types = vec![DataType::IdentityData];
            }
            (
                LogEvent::MidLink { change: LinkEvent::Verified { .. }, .. },
                Fault::MidVerificationLogNoRequester,
            ) => {
                entry.requester = None;
            }
            (
                LogEvent::MidLink { change: LinkEvent::Verified { from, to, .. }, .. },
                Fault::MidVerificationLogFromWrong,
            ) => {
                *from = *to;
            }
            (LogEvent::MidLink { records, purpose, .. }, Fault::LogHoldsNames) => {
                if let Some(w) = records.first().and_then(|r| self.shared.written(r))
                    && let Some(surname) = &w.identity.surname
                {
                    *purpose = surname.as_str().to_string();
                }
            }
            (LogEvent::MidLink { sin, change, .. }, Fault::LogRewritesHistory)
                if matches!(change, LinkEvent::Created { .. }) && erased_links.contains(sin) =>
            {
                *change = LinkEvent::Erased { reason: "link erased".into() };
            }
            (LogEvent::IdentityComparison { matched, .. }, Fault::SimLogRuleWrong) => {
                for m in matched {
                    if m.rule == MatchRule::Transliteration {
                        m.rule = MatchRule::SingleEdit;
                    }
                }
            }
            (LogEvent::CrrsAccess { .. }, Fault::CrrsAccessNotLogged) => return None,
            (LogEvent::AccessDenied { .. }, Fault::SecMidDenialsNotLogged)
                if entry.component == Component::Mid =>
            {
                return None;
            }
            _ => {}
        }
        match fault {
            Fault::LogBiometricQueryDataMissing => entry.biometric_query_data.clear(),
            // A digest of something else than the sample sent (here, of its digest).
            Fault::LogBiometricDigestWrong => {
                for d in &mut entry.biometric_query_data {
                    use sha2::Digest;
                    d.sha256 = sha2::Sha256::digest(d.sha256.as_bytes())
                        .iter()
                        .map(|b| format!("{b:02x}"))
                        .collect();
                }
            }
            _ => {}
        }
        if fault == Fault::LogRetention365Days {
            entry.erase_after = Timestamp::from_unix_millis(entry.at.unix_millis() + 365 * DAY_MS);
        }
        Some(entry)
    }
}

#[async_trait]
impl Statistics for FaultySession {
    async fn report(&self, kind: ReportKind) -> Result<StatisticsReport> {
        let mut report = match self.inner.statistics.report(kind).await {
            Err(e) if e.kind == ErrorKind::Forbidden && self.fault() == Fault::CrrsOpenToAll => {
                self.shared.authority(AuthorityKind::StatisticsUser).statistics.report(kind).await?
            }
            Err(e)
                if e.kind == ErrorKind::Forbidden
                    && self.fault() == Fault::CrrsSupervisorReads
                    && self
                        .me()
                        .await
                        .is_some_and(|me| me.authority.kind == AuthorityKind::SupervisoryAuthority) =>
            {
                self.shared.authority(AuthorityKind::StatisticsUser).statistics.report(kind).await?
            }
            other => other?,
        };
        match self.fault() {
            Fault::CrrsExactDateOfBirth => {
                let memory = self.shared.memory();
                for row in &mut report.rows {
                    if let Some(year) = row.dimensions.get_mut(&Dimension::YearOfBirth)
                        && let Some(dob) = memory
                            .writes
                            .values()
                            .filter_map(|w| w.identity.date_of_birth)
                            .find(|d| d.year().to_string() == *year)
                    {
                        *year = dob.to_string();
                    }
                }
            }
            Fault::CrrsProfileCountOffByOne if kind == ReportKind::EspQueriesPerProfile => {
                for row in &mut report.rows {
                    row.count = row.count.saturating_sub(1);
                }
            }
            _ => {}
        }
        Ok(report)
    }
}

#[async_trait]
impl AuditLog for FaultySession {
    async fn entries(&self, query: LogQuery) -> Result<Vec<LogEntry>> {
        let entries = match self.delegate().await.audit_log.entries(query.clone()).await {
            Err(e)
                if e.kind == ErrorKind::Forbidden
                    && self.fault() == Fault::LogStatisticsUserReads
                    && self
                        .me()
                        .await
                        .is_some_and(|me| me.authority.kind == AuthorityKind::StatisticsUser) =>
            {
                self.shared
                    .authority(AuthorityKind::SupervisoryAuthority)
                    .audit_log
                    .entries(query.clone())
                    .await?
            }
            other => other?,
        };
        let me = self.me().await;
        let supervisor = me.as_ref().is_some_and(|m| m.authority.kind == AuthorityKind::SupervisoryAuthority);
        let entries = match self.fault() {
            Fault::LogSelfMonitoringSeesAll if !supervisor => {
                self.shared
                    .authority(AuthorityKind::SupervisoryAuthority)
                    .audit_log
                    .entries(query.clone())
                    .await?
            }
            Fault::LogSelfMonitoringRefused if !supervisor => {
                return Err(Error::forbidden("only supervisory authorities read logs")
                    .with_rule(jha_interop::requirement!("LOG-02")));
            }
            Fault::LogEdpsRefused
                if me
                    .is_some_and(|m| m.authority.organisation == Organisation::Agency(UnionAgency::Edps)) =>
            {
                return Err(
                    Error::forbidden("the EDPS reads no logs").with_rule(jha_interop::requirement!("LOG-02"))
                );
            }
            _ => entries,
        };
        let entries = if self.fault() == Fault::LogDataHistoryKept && query == LogQuery::default() {
            // The history of erased data stays in the logs (Art 24(8) not applied).
            let mut memory = self.shared.memory();
            let history = |e: &LogEntry| {
                matches!(e.event, LogEvent::CirDetection { .. } | LogEvent::IdentityComparison { .. })
            };
            let mut all = entries;
            for old in memory.data_history.clone() {
                if !all.iter().any(|e| e.id == old.id) {
                    all.push(old);
                }
            }
            all.sort_by_key(|e| e.id);
            memory.data_history = all.iter().filter(|e| history(e)).cloned().collect();
            all
        } else {
            entries
        };
        let mut entries = entries;
        self.invent_update_erasures(&mut entries);
        let erased: Vec<Sin> = entries
            .iter()
            .filter_map(|e| match &e.event {
                LogEvent::MidLink { sin, change: LinkEvent::Erased { .. }, .. } => Some(sin.clone()),
                _ => None,
            })
            .collect();
        Ok(entries.into_iter().filter_map(|e| self.tamper_entry(e, &erased)).collect())
    }

    async fn open_procedure(&self, description: String, covers: LogQuery) -> Result<MonitoringProcedure> {
        self.inner.audit_log.open_procedure(description, covers).await
    }

    async fn close_procedure(&self, id: &str) -> Result<MonitoringProcedure> {
        self.inner.audit_log.close_procedure(id).await
    }
}

#[async_trait]
impl Directory for FaultySession {
    async fn whoami(&self) -> Result<Principal> {
        self.delegate().await.directory.whoami().await
    }

    async fn profiles(&self) -> Result<Vec<EspProfile>> {
        let mut profiles = self.delegate().await.directory.profiles().await?;
        // ESP-01's fault: the visa profile, as declared, leaves out the ETIAS.
        if self.fault() == Fault::EspVisaProfileWithoutEtias {
            for p in profiles.iter_mut().filter(|p| p.user_category == AuthorityKind::VisaAuthority) {
                p.systems_to_query.retain(|s| *s != SourceSystem::Etias);
                p.systems_that_reply.retain(|s| *s != SourceSystem::Etias);
            }
        }
        Ok(profiles)
    }

    async fn profiles_due_for_review(&self) -> Result<Vec<EspProfile>> {
        self.inner.directory.profiles_due_for_review().await
    }
}
