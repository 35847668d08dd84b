//! The Common Identity Repository's faults (CIR-01 to CIR-14).

use async_trait::async_trait;
use jha_interop::api::*;
use jha_interop::model::*;

use super::{Fault, FaultySession};

impl FaultySession {
    /// The records joined to `record` by a link whose history reaches `colour`, from the MID log.
    async fn joined_by(&self, record: &RecordRef, colour: LinkColour) -> Result<Vec<RecordRef>> {
        let logs = self
            .shared
            .authority(AuthorityKind::SupervisoryAuthority)
            .audit_log
            .entries(LogQuery::default())
            .await?;
        let mut out = Vec::new();
        for entry in logs {
            let LogEvent::MidLink { records, change, .. } = entry.event else { continue };
            let reaches = match change {
                LinkEvent::Created { colour: c } => c == colour,
                LinkEvent::Verified { to, .. } | LinkEvent::Rectified { to, .. } => to == colour,
                _ => false,
            };
            if reaches && records.contains(record) {
                out.extend(records.into_iter().filter(|r| r != record));
            }
        }
        Ok(out)
    }

    /// A data set of `record` as the source system holds it now.
    async fn data_set_of(&self, record: &RecordRef) -> Option<DataSet> {
        let stored = self.shared.service(record.system).source_systems.get_record(record).await.ok()?;
        Some(DataSet {
            record: record.clone(),
            identity: stored.data.identity,
            travel_documents: stored.data.travel_documents,
            biometric_modalities: stored.data.biometrics.modalities(),
        })
    }

    /// CIR-03's and CIR-12's faults: data sets that left the CIR come back from memory when
    /// `keep` says so.
    fn resurrect(
        &self,
        record: &RecordRef,
        file: Option<IndividualFileView>,
        keep: impl Fn(&RecordRef) -> bool,
    ) -> Option<IndividualFileView> {
        let memory = self.shared.memory();
        let remembered = memory.files.get(record).cloned();
        match (file, remembered) {
            (None, Some(old)) if keep(record) => Some(old),
            (Some(mut now), Some(old)) => {
                for set in old.data_sets {
                    if keep(&set.record) && !now.data_sets.iter().any(|d| d.record == set.record) {
                        now.data_sets.push(set);
                    }
                }
                Some(now)
            }
            (file, _) => file,
        }
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
            Fault::CirChildAge11Accepted if request.subject_age == Some(11) => request.subject_age = Some(12),
            Fault::CirChildAge12Refused
                if request.subject_age == Some(12) && request.best_interests_justification.is_none() =>
            {
                return Err(Error::invalid_field(
                    jha_interop::requirement!("CIR-06"),
                    "subject_age",
                    "a child under 12 needs a justification",
                ));
            }
            Fault::CirNotLiveAccepted if request.biometrics.is_some() => request.biometrics_taken_live = true,
            Fault::CirPresenceNotRequired => request.identity_check_in_presence = true,
            Fault::CirFallbackIgnoredAfterFailedQuery
                if request.biometrics.as_ref().is_some_and(|b| b.has_matchable_data()) =>
            {
                request.fallback = None;
            }
            Fault::CirDisasterIdentityDataAccepted
                if request.circumstance.is_some_and(Art20Circumstance::is_disaster_identification)
                    && request.fallback.is_some() =>
            {
                return Ok(IdentificationReply { persons: Vec::new() });
            }
            _ => {}
        }
        let mut reply = match self.inner.identity_repository.identify(request.clone()).await {
            Err(e) if e.kind == ErrorKind::Forbidden && self.fault() == Fault::CirLegislationIgnored => {
                // The police of a State without the legislation acts as a designated one.
                let legislated = self.shared.reference.capabilities().await?.art20_member_states;
                match self.me().await.map(|m| m.authority) {
                    Some(Authority {
                        organisation: Organisation::MemberState(state),
                        kind: AuthorityKind::Police,
                    }) if !legislated.contains(&state) => {
                        self.shared
                            .authority(AuthorityKind::Police)
                            .identity_repository
                            .identify(request)
                            .await?
                    }
                    _ => return Err(e),
                }
            }
            Err(e)
                if e.kind == ErrorKind::Forbidden
                    && self.fault() == Fault::CirEuropolIdentifies
                    && self.me().await.is_some_and(|m| m.authority.kind == AuthorityKind::Europol) =>
            {
                // Europol is taken for a designated police authority.
                self.shared.authority(AuthorityKind::Police).identity_repository.identify(request).await?
            }
            Err(e) if e.kind == ErrorKind::Forbidden && self.fault() == Fault::CirDesignationPerState => {
                // Any police authority of a State with the legislation acts as its designated one.
                let me = self.me().await;
                let legislated = self.shared.reference.capabilities().await?.art20_member_states;
                match me.map(|m| m.authority) {
                    Some(Authority {
                        organisation: Organisation::MemberState(state),
                        kind: AuthorityKind::Police,
                    }) if e.concerns("CIR-07") && legislated.contains(&state) => {
                        self.shared
                            .standard(AuthorityKind::Police, Organisation::MemberState(state))
                            .identity_repository
                            .identify(request)
                            .await?
                    }
                    _ => return Err(e),
                }
            }
            Err(e)
                if e.kind == ErrorKind::Forbidden
                    && self.fault() == Fault::CirDisasterOpenToIdentityChecks
                    && e.concerns("CIR-05") =>
            {
                // Art 20(4) is open to whoever may make identity checks.
                let me = self.me().await;
                match me {
                    Some(me) if me.is_designated(Designation::Art20Identification) => {
                        self.shared
                            .standard(AuthorityKind::Police, me.authority.organisation)
                            .identity_repository
                            .identify(request)
                            .await?
                    }
                    _ => return Err(e),
                }
            }
            other => other?,
        };
        if self.fault() == Fault::CirReplyDropsDocuments {
            for set in reply.persons.iter_mut().flat_map(|p| p.data_sets.iter_mut()) {
                set.travel_documents.clear();
            }
        }
        Ok(reply)
    }

    async fn hit_flags(&self, mut request: HitFlagRequest) -> Result<HitFlagReply> {
        if self.fault() == Fault::CirHitFlagsWithoutGrounds && request.reasonable_grounds.trim().is_empty() {
            request.reasonable_grounds = "not stated".into();
        }
        let mut reply = match self.inner.identity_repository.hit_flags(request.clone()).await {
            Err(e) if e.kind == ErrorKind::Forbidden && self.fault() == Fault::CirHitFlagsOpenToAll => {
                self.shared
                    .authority(AuthorityKind::DesignatedAuthority)
                    .identity_repository
                    .hit_flags(request.clone())
                    .await?
            }
            other => other?,
        };
        match self.fault() {
            Fault::CirHitFlagsOverstate if !reply.systems.contains(&SourceSystem::Eurodac) => {
                reply.systems.push(SourceSystem::Eurodac)
            }
            Fault::CirEcrisFlagged if !reply.systems.contains(&SourceSystem::EcrisTcn) => {
                let surname = request.identity.as_ref().and_then(|q| q.surname.clone());
                let matches = self.shared.memory().writes.iter().any(|(r, w)| {
                    r.system == SourceSystem::EcrisTcn && surname.is_some() && w.identity.surname == surname
                });
                if matches {
                    reply.systems.push(SourceSystem::EcrisTcn);
                }
            }
            _ => {}
        }
        Ok(reply)
    }

    async fn follow_up(&self, query: &QueryId, follow_up: HitFollowUp) -> Result<()> {
        match self.inner.identity_repository.follow_up(query, follow_up.clone()).await {
            Err(e)
                if self.fault() == Fault::CirFollowUpAnySystem
                    && matches!(follow_up, HitFollowUp::FullAccessRequest { .. })
                    && matches!(e.kind, ErrorKind::Invalid | ErrorKind::Conflict) =>
            {
                Ok(())
            }
            other => other,
        }
    }

    async fn file_of(&self, record: &RecordRef) -> Result<IndividualFileView> {
        let read = self.delegate().await.identity_repository.file_of(record).await;
        let read = match (read, self.fault()) {
            (Err(e), Fault::CirHoldsSis)
                if record.system == SourceSystem::Sis && e.kind != ErrorKind::Unauthenticated =>
            {
                let Some(set) = self.data_set_of(record).await else { return Err(e) };
                return Ok(IndividualFileView {
                    file: FileId::new(format!("SIS-{}", record.id)).expect("a valid id"),
                    data_sets: vec![set],
                });
            }
            (Ok(file), _) => Some(file),
            (Err(e), Fault::CirDeletionNotPropagated | Fault::CirLinkExtendsRetention)
                if e.kind == ErrorKind::NotFound =>
            {
                None
            }
            (Err(e), _) => return Err(e),
        };
        let deleted = self.shared.memory().deleted.clone();
        let read = match self.fault() {
            Fault::CirDeletionNotPropagated => self.resurrect(record, read, |r| deleted.contains(r)),
            Fault::CirLinkExtendsRetention => self.resurrect(record, read, |r| !deleted.contains(r)),
            _ => read,
        };
        let Some(mut file) = read else { return Err(Error::not_found(format!("no file of {record}"))) };
        // Remember what the CIR showed, for the faults that bring it back.
        {
            let mut memory = self.shared.memory();
            for set in &file.data_sets {
                memory.files.insert(set.record.clone(), file.clone());
            }
        }
        match self.fault() {
            Fault::CirYellowLinkMerges => {
                for other in self.joined_by(record, LinkColour::Yellow).await? {
                    if !file.data_sets.iter().any(|d| d.record == other)
                        && let Some(set) = self.data_set_of(&other).await
                    {
                        file.data_sets.push(set);
                    }
                }
            }
            Fault::CirRedLinkNoMerge => {
                let red = self.joined_by(record, LinkColour::Red).await?;
                file.data_sets.retain(|d| !red.contains(&d.record));
            }
            Fault::CirEtiasBiometricsClaimed => {
                for set in &mut file.data_sets {
                    if set.record.system == SourceSystem::Etias {
                        set.biometric_modalities = vec![Modality::Fingerprint];
                    }
                }
            }
            Fault::CirDataSetMislabelled => {
                if let Some(first) = file.data_sets.first().map(|d| d.record.clone()) {
                    for set in &mut file.data_sets {
                        set.record = first.clone();
                    }
                }
            }
            Fault::CirAmendmentNotPropagated => {
                let memory = self.shared.memory();
                for set in &mut file.data_sets {
                    if let Some(first) = memory.first_identity.get(&set.record) {
                        set.identity = first.clone();
                    }
                }
            }
            _ => {}
        }
        Ok(file)
    }

    async fn linked_data(&self, sin: &Sin) -> Result<LinkedData> {
        match self.inner.identity_repository.linked_data(sin).await {
            Err(e) if e.kind == ErrorKind::Forbidden && self.fault() == Fault::CirLinkedDataOpenToAll => {
                self.shared
                    .authority(AuthorityKind::BorderAuthority)
                    .identity_repository
                    .linked_data(sin)
                    .await
            }
            other => other,
        }
    }
}
