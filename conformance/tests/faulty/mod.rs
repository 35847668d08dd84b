//! The reference wrapped with one deliberate fault: every call goes through the contract to the
//! reference, and the wrapper changes what comes back (or what goes in) the way a broken
//! implementation would. The suite must then fail exactly the requirements the fault violates.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use futures_util::StreamExt;
use futures_util::stream;
use jha_interop::api::*;
use jha_interop::model::*;
use jha_interop::reference::Reference;

/// One deliberate fault, named after the requirement it violates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// ESP-04: the reply mentions a system the caller may not access.
    EspMentionsInaccessibleSystem,
    /// ESP-05: replies carry biometric data whatever the profile allows.
    EspReturnsBiometrics,
    /// ESP-08: the query log names a wrong profile.
    EspLogsWrongProfile,
    /// BMS-04: candidates come worst first.
    BmsCandidatesUnranked,
    /// BMS-05: verification says "match" whatever the score.
    BmsVerificationAlwaysMatches,
    /// CIR-04: a yellow link merges individual files.
    CirYellowLinkMerges,
    /// CIR-05: an identification without a circumstance is accepted.
    CirCircumstanceNotRequired,
    /// CIR-06: the age of the person identified is ignored.
    CirChildAgeIgnored,
    /// CIR-10: the hit flags name a system that has no matching data.
    CirHitFlagsOverstate,
    /// MID-02: records of the same system are shown linked.
    MidLinksSameSystem,
    /// MID-06: bio SAME + id DIFFERENT is coloured white.
    MidBioSameIdDifferentWhite,
    /// MID-12: a red link is hidden from authorities without access to both systems.
    MidRedLinkHidden,
    /// MID-14: creating a red link notifies nobody.
    MidRedLinkNotNotified,
    /// DQ-01: only the first broken blocking rule is reported.
    DqReportsOneRule,
    /// SEC-01: an unknown credential acts as a border authority.
    SecUnknownCredentialAccepted,
    /// SEC-03: resending a record reports a change.
    SecResendReportsChange,
    /// CRRS-03: anyone reads the statistics.
    CrrsOpenToAll,
    /// LOG-03: the MID log copies the person's surname into its entries.
    LogHoldsNames,
}

struct Shared {
    reference: Reference,
    fault: Fault,
    /// What was written, by reference, across every session.
    writes: Mutex<HashMap<RecordRef, RecordWrite>>,
}

impl Shared {
    fn session_of(&self, principal: Principal) -> Session {
        self.reference.connect(&self.reference.register_principal(principal))
    }

    fn authority(&self, kind: AuthorityKind) -> Session {
        let org = Organisation::member_state("DEU").expect("a valid code");
        let principal =
            self.reference.standard_principal(kind, org, "fault-oracle").expect("a standard principal");
        self.session_of(principal)
    }

    fn service(&self, system: SourceSystem) -> Session {
        self.session_of(self.reference.source_system_principal(system).expect("a service principal"))
    }

    fn written(&self, reference: &RecordRef) -> Option<RecordWrite> {
        self.writes.lock().unwrap_or_else(|p| p.into_inner()).get(reference).cloned()
    }

    fn same_system_twins(&self, reference: &RecordRef) -> Vec<RecordRef> {
        let writes = self.writes.lock().unwrap_or_else(|p| p.into_inner());
        let Some(mine) = writes.get(reference) else { return Vec::new() };
        writes
            .iter()
            .filter(|(r, w)| *r != reference && r.system == reference.system && w.identity == mine.identity)
            .map(|(r, _)| r.clone())
            .collect()
    }
}

/// The faulty implementation.
#[derive(Clone)]
pub struct FaultyConnector(Arc<Shared>);

impl FaultyConnector {
    pub fn new(reference: Reference, fault: Fault) -> Self {
        FaultyConnector(Arc::new(Shared { reference, fault, writes: Mutex::new(HashMap::new()) }))
    }
}

#[async_trait]
impl Connector for FaultyConnector {
    fn connect(&self, credential: &Credential) -> Session {
        let inner = self.0.reference.connect(credential);
        let handle = Arc::new(FaultySession { inner, shared: self.0.clone() });
        Session {
            source_systems: handle.clone(),
            search_portal: handle.clone(),
            biometrics: handle.clone(),
            identity_repository: handle.clone(),
            identity_detector: handle.clone(),
            statistics: handle.clone(),
            audit_log: handle.clone(),
            directory: handle,
        }
    }

    async fn capabilities(&self) -> Result<Capabilities> {
        self.0.reference.capabilities().await
    }

    fn test_control(&self) -> Option<Arc<dyn TestControl>> {
        self.0.reference.test_control()
    }
}

struct FaultySession {
    inner: Session,
    shared: Arc<Shared>,
}

impl FaultySession {
    fn fault(&self) -> Fault {
        self.shared.fault
    }

    /// The session to delegate to: with SEC-01's fault an unknown caller becomes a border
    /// authority.
    async fn delegate(&self) -> Session {
        if self.fault() == Fault::SecUnknownCredentialAccepted
            && self.inner.directory.whoami().await.is_err_and(|e| e.kind == ErrorKind::Unauthenticated)
        {
            return self.shared.authority(AuthorityKind::BorderAuthority);
        }
        self.inner.clone()
    }

    /// Rewrites a link view as the fault has it.
    fn tamper_link(&self, mut view: LinkView) -> LinkView {
        if self.fault() == Fault::MidBioSameIdDifferentWhite
            && view.colour == LinkColour::Yellow
            && view.basis.is_some_and(|b| {
                b.biometric == BiometricBasis::Same && b.identity == IdentityVerdict::Different
            })
        {
            view.colour = LinkColour::White;
        }
        view
    }

    async fn visible(&self, view: &LinkView) -> bool {
        if self.fault() != Fault::MidRedLinkHidden || view.colour != LinkColour::Red {
            return true;
        }
        match self.inner.directory.whoami().await {
            Ok(me) => view.ends.iter().all(|e| me.may_access(e.system)),
            Err(_) => false,
        }
    }
}

#[async_trait]
impl SourceSystems for FaultySession {
    async fn put_record(&self, reference: &RecordRef, record: RecordWrite) -> Result<WriteOutcome> {
        match self.inner.source_systems.put_record(reference, record.clone()).await {
            Ok(mut outcome) => {
                self.shared
                    .writes
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .insert(reference.clone(), record);
                if self.fault() == Fault::SecResendReportsChange && outcome.effect == WriteEffect::Unchanged {
                    outcome.effect = WriteEffect::Updated;
                }
                outcome.links = outcome.links.into_iter().map(|l| self.tamper_link(l)).collect();
                Ok(outcome)
            }
            Err(mut e) => {
                if self.fault() == Fault::DqReportsOneRule && e.violations.len() > 1 {
                    e.violations.truncate(1);
                }
                Err(e)
            }
        }
    }

    async fn delete_record(&self, reference: &RecordRef) -> Result<()> {
        self.inner.source_systems.delete_record(reference).await
    }

    async fn get_record(&self, reference: &RecordRef) -> Result<StoredRecord> {
        self.delegate().await.source_systems.get_record(reference).await
    }
}

#[async_trait]
impl SearchPortal for FaultySession {
    async fn search(&self, request: SearchRequest) -> Result<SourceResultStream> {
        let session = self.delegate().await;
        let me = session.directory.whoami().await?;
        let answers = session.search_portal.search(request).await?;
        // Tamper with each answer as it streams by, so that the fault changes nothing else.
        let shared = self.shared.clone();
        let answers = answers.map(move |result| {
            let mut result = result?;
            if shared.fault == Fault::EspReturnsBiometrics {
                for item in &mut result.items {
                    if let Some(w) = shared.written(&item.record) {
                        item.biometrics = Some(w.biometrics);
                    }
                }
            }
            Ok(result)
        });
        let extra: Vec<Result<SourceResult>> = match self.fault() {
            Fault::EspMentionsInaccessibleSystem => SourceSystem::ALL
                .into_iter()
                .find(|s| !me.may_access(*s))
                .map(|hidden| {
                    Ok(SourceResult {
                        source: hidden,
                        outcome: SourceOutcome::NoHit,
                        items: Vec::new(),
                        fallback: None,
                    })
                })
                .into_iter()
                .collect(),
            _ => Vec::new(),
        };
        Ok(answers.chain(stream::iter(extra)).boxed())
    }
}

#[async_trait]
impl BiometricMatching for FaultySession {
    async fn identify(&self, request: IdentifyRequest) -> Result<IdentifyReply> {
        let mut reply = self.delegate().await.biometrics.identify(request).await?;
        if self.fault() == Fault::BmsCandidatesUnranked {
            reply.candidates.reverse();
        }
        Ok(reply)
    }

    async fn verify(&self, request: VerifyRequest) -> Result<VerifyReply> {
        let mut reply = self.inner.biometrics.verify(request).await?;
        if self.fault() == Fault::BmsVerificationAlwaysMatches {
            reply.is_match = true;
        }
        Ok(reply)
    }

    async fn templates(&self, record: &RecordRef) -> Result<Vec<TemplateInfo>> {
        self.inner.biometrics.templates(record).await
    }
}

#[async_trait]
impl IdentityRepository for FaultySession {
    async fn identify(&self, mut request: IdentificationRequest) -> Result<IdentificationReply> {
        match self.fault() {
            Fault::CirCircumstanceNotRequired if request.circumstance.is_none() => {
                request.circumstance = Some(Art20Circumstance::DoubtOnIdentityData);
            }
            Fault::CirChildAgeIgnored => request.subject_age = None,
            _ => {}
        }
        self.inner.identity_repository.identify(request).await
    }

    async fn hit_flags(&self, request: HitFlagRequest) -> Result<HitFlagReply> {
        let mut reply = self.inner.identity_repository.hit_flags(request).await?;
        if self.fault() == Fault::CirHitFlagsOverstate && !reply.systems.contains(&SourceSystem::Eurodac) {
            reply.systems.push(SourceSystem::Eurodac);
        }
        Ok(reply)
    }

    async fn follow_up(&self, query: &QueryId, follow_up: HitFollowUp) -> Result<()> {
        self.inner.identity_repository.follow_up(query, follow_up).await
    }

    async fn file_of(&self, record: &RecordRef) -> Result<IndividualFileView> {
        let mut file = self.delegate().await.identity_repository.file_of(record).await?;
        if self.fault() == Fault::CirYellowLinkMerges {
            // Every record a yellow link joins to this one, from the MID log.
            let logs = self
                .shared
                .authority(AuthorityKind::SupervisoryAuthority)
                .audit_log
                .entries(LogQuery::default())
                .await?;
            for entry in logs {
                if let LogEvent::MidLink {
                    records,
                    change: LinkEvent::Created { colour: LinkColour::Yellow },
                    ..
                } = entry.event
                    && records.contains(record)
                {
                    for other in records.iter().filter(|r| *r != record) {
                        if file.data_sets.iter().any(|d| &d.record == other) {
                            continue;
                        }
                        if let Ok(stored) =
                            self.shared.service(other.system).source_systems.get_record(other).await
                        {
                            file.data_sets.push(DataSet {
                                record: other.clone(),
                                identity: stored.data.identity,
                                travel_documents: stored.data.travel_documents,
                                biometric_modalities: stored.data.biometrics.modalities(),
                            });
                        }
                    }
                }
            }
        }
        Ok(file)
    }

    async fn linked_data(&self, sin: &Sin) -> Result<LinkedData> {
        self.inner.identity_repository.linked_data(sin).await
    }
}

#[async_trait]
impl IdentityDetector for FaultySession {
    async fn links(&self, record: &RecordRef) -> Result<Vec<LinkView>> {
        let views = self.delegate().await.identity_detector.links(record).await?;
        let mut out = Vec::new();
        for view in views {
            if self.visible(&view).await {
                out.push(self.tamper_link(view));
            }
        }
        if self.fault() == Fault::MidLinksSameSystem {
            for twin in self.shared.same_system_twins(record) {
                let now = Timestamp::now();
                out.push(LinkView {
                    sin: Sin::new(format!("FAKE-{}", twin.id)).expect("a valid sin"),
                    colour: LinkColour::White,
                    ends: vec![
                        LinkEnd { system: record.system, record: Some(record.id.clone()) },
                        LinkEnd { system: twin.system, record: Some(twin.id.clone()) },
                    ],
                    responsible_authority: Authority {
                        organisation: Organisation::member_state("DEU").expect("a valid code"),
                        kind: AuthorityKind::BorderAuthority,
                    },
                    created_at: now,
                    updated_at: now,
                    basis: None,
                    verification: None,
                });
            }
        }
        Ok(out)
    }

    async fn confirmation_file(&self, sin: &Sin) -> Result<IdentityConfirmationFile> {
        let file = self.inner.identity_detector.confirmation_file(sin).await?;
        if self.fault() == Fault::MidRedLinkHidden
            && let Ok(me) = self.inner.directory.whoami().await
            && file
                .links
                .iter()
                .any(|l| l.colour == LinkColour::Red && !l.systems.iter().all(|s| me.may_access(*s)))
        {
            return Err(Error::not_found(format!("no link {sin}")));
        }
        Ok(file)
    }

    async fn verify_link(&self, sin: &Sin, verification: LinkVerification) -> Result<Option<LinkView>> {
        Ok(self.inner.identity_detector.verify_link(sin, verification).await?.map(|v| self.tamper_link(v)))
    }

    async fn rectify_link(&self, sin: &Sin, rectification: Rectification) -> Result<Option<LinkView>> {
        self.inner.identity_detector.rectify_link(sin, rectification).await
    }

    async fn notifications(&self) -> Result<Vec<Notification>> {
        let mut notes = self.inner.identity_detector.notifications().await?;
        if self.fault() == Fault::MidRedLinkNotNotified {
            notes.retain(|n| n.kind != NotificationKind::RedLinkCreated);
        }
        Ok(notes)
    }

    async fn person_notice(&self, sin: &Sin) -> Result<Option<PersonNotice>> {
        self.inner.identity_detector.person_notice(sin).await
    }

    async fn overdue_links(&self) -> Result<Vec<LinkView>> {
        self.inner.identity_detector.overdue_links().await
    }
}

#[async_trait]
impl Statistics for FaultySession {
    async fn report(&self, kind: ReportKind) -> Result<StatisticsReport> {
        match self.inner.statistics.report(kind).await {
            Err(e) if self.fault() == Fault::CrrsOpenToAll && e.kind == ErrorKind::Forbidden => {
                self.shared.authority(AuthorityKind::StatisticsUser).statistics.report(kind).await
            }
            other => other,
        }
    }
}

#[async_trait]
impl AuditLog for FaultySession {
    async fn entries(&self, query: LogQuery) -> Result<Vec<LogEntry>> {
        let mut entries = self.delegate().await.audit_log.entries(query).await?;
        for entry in &mut entries {
            match (&mut entry.event, self.fault()) {
                (LogEvent::EspQuery { profile, .. }, Fault::EspLogsWrongProfile) => {
                    *profile = ProfileId::new("unspecified").expect("a valid id");
                }
                (LogEvent::MidLink { records, purpose, .. }, Fault::LogHoldsNames) => {
                    if let Some(w) = records.first().and_then(|r| self.shared.written(r))
                        && let Some(surname) = &w.identity.surname
                    {
                        *purpose = surname.as_str().to_string();
                    }
                }
                _ => {}
            }
        }
        Ok(entries)
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
        self.delegate().await.directory.profiles().await
    }

    async fn profiles_due_for_review(&self) -> Result<Vec<EspProfile>> {
        self.inner.directory.profiles_due_for_review().await
    }
}
