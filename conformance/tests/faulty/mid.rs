//! The Multiple-Identity Detector's faults (MID-01 to MID-18): links hidden, invented or
//! recoloured, visibility, verification, notifications, confirmation files.

use async_trait::async_trait;
use jha_interop::api::*;
use jha_interop::model::*;

use super::{AUTHORITY_KINDS, Fault, FaultySession};

impl FaultySession {
    /// A session of an authority that may see link `sin` (for a yellow link, its responsible
    /// authority): every authority kind of every organisation that owns a written record is
    /// tried, as a fault that lets someone else act would find one.
    async fn seer_of(&self, sin: &Sin) -> Option<Session> {
        let mut owners: Vec<Organisation> = self.shared.memory().writes.values().map(|w| w.owner).collect();
        owners.sort();
        owners.dedup();
        for organisation in owners {
            for kind in AUTHORITY_KINDS {
                let session = self.shared.standard(kind, organisation);
                if session.identity_detector.confirmation_file(sin).await.is_ok() {
                    return Some(session);
                }
            }
        }
        None
    }

    /// A record write as the MID faults have it: an SIS alert of another kind passed on as a
    /// refusal of entry, so that it triggers detection (MID-01).
    pub(super) fn tamper_mid_write(&self, mut record: RecordWrite) -> RecordWrite {
        if self.fault() == Fault::MidOtherAlertTriggers
            && let Some(alert) = &mut record.sis_alert
            && alert.category == SisAlertCategory::Other
        {
            alert.category = SisAlertCategory::RefusalOfEntry;
        }
        record
    }

    /// The reference of a link end, when the end shows its record.
    fn end_ref(end: &LinkEnd) -> Option<RecordRef> {
        end.record.as_ref().map(|id| RecordRef::new(end.system, id.clone()))
    }

    /// Whether the fault hides `view` altogether.
    pub(super) fn hides(&self, view: &LinkView) -> bool {
        if self.shared.memory().hidden_sins.contains(&view.sin) {
            return true;
        }
        match self.fault() {
            Fault::MidBioDifferentSimilarTdSameNoLink => view.basis.is_some_and(|b| {
                b.biometric == BiometricBasis::Different
                    && b.identity == IdentityVerdict::Similar
                    && b.travel_document == DocumentBasis::Same
            }),
            _ => false,
        }
    }

    /// Rewrites a link view as the fault has it.
    pub(super) fn tamper_link(&self, mut view: LinkView) -> LinkView {
        let unverified = view.verification.is_none();
        // A faulty matcher colours the link for everyone, whether or not they see its basis.
        let basis = match view.basis {
            Some(b) => {
                self.shared.memory().bases.insert(view.sin.clone(), b);
                Some(b)
            }
            None => self.shared.memory().bases.get(&view.sin).copied(),
        };
        match (self.fault(), basis) {
            (Fault::MidAbsentUnjustifiedRed, Some(b))
                if view.colour == LinkColour::Green
                    && view.verification == Some(VerificationOutcome::DifferentPersonsUnjustified)
                    && b.biometric == BiometricBasis::Absent =>
            {
                view.colour = LinkColour::Red
            }
            (Fault::MidBioSameIdDifferentWhite, Some(b))
                if view.colour == LinkColour::Yellow
                    && b.biometric == BiometricBasis::Same
                    && b.identity == IdentityVerdict::Different =>
            {
                view.colour = LinkColour::White
            }
            (Fault::MidAbsentSimilarTdSameYellow, _) if unverified && view.colour == LinkColour::White => {
                // Without biometrics, a shared document and identity data that are similar
                // but not equal: the faulty detector wants a manual check.
                let written: Vec<RecordWrite> = view
                    .ends
                    .iter()
                    .filter_map(Self::end_ref)
                    .filter_map(|r| self.shared.written(&r))
                    .collect();
                if let [a, b] = written.as_slice()
                    && (a.biometrics.modalities().is_empty() || b.biometrics.modalities().is_empty())
                    && a.identity != b.identity
                    && a.travel_documents
                        .iter()
                        .any(|d| b.travel_documents.iter().any(|e| e.number == d.number))
                {
                    view.colour = LinkColour::Yellow;
                }
            }
            (Fault::MidSisOverrideOnlyArrest, _) => {
                let alert = view
                    .ends
                    .iter()
                    .filter_map(Self::end_ref)
                    .filter_map(|r| self.shared.written(&r))
                    .find_map(|w| w.sis_alert.map(|a| a.category));
                if alert.is_some_and(|c| c.overrides_verifying_authority() && c != SisAlertCategory::Arrest) {
                    view.responsible_authority = Authority {
                        organisation: Organisation::member_state("DEU").expect("a valid code"),
                        kind: AuthorityKind::BorderAuthority,
                    };
                }
            }
            _ => {}
        }
        self.tamper_similarity(view)
    }

    async fn visible(&self, view: &LinkView) -> bool {
        if self.fault() != Fault::MidRedLinkHidden || view.colour != LinkColour::Red {
            return true;
        }
        match self.me().await {
            Some(me) => view.ends.iter().all(|e| me.may_access(e.system)),
            None => false,
        }
    }

    /// Links of `record` that the fault shows although the reference does not.
    async fn extra_links(&self, record: &RecordRef, shown: &[LinkView]) -> Vec<LinkView> {
        let mut extra = Vec::new();
        let new =
            |v: &LinkView, extra: &Vec<LinkView>| !shown.iter().chain(extra.iter()).any(|s| s.sin == v.sin);
        match self.fault() {
            Fault::MidLinksSameSystem => {
                for twin in self.shared.same_system_twins(record) {
                    let now = Timestamp::now();
                    extra.push(LinkView {
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
            Fault::MidBioDifferentIdSimilarYellow => {
                let invented = self.shared.memory().invented.clone();
                for v in invented {
                    if Self::touches(&v, record) && new(&v, &extra) {
                        extra.push(v);
                    }
                }
            }
            Fault::MidWhiteVisibleWithOneSystem => {
                if let Ok(views) = self.shared.oracle().identity_detector.links(record).await {
                    for v in views {
                        if v.colour == LinkColour::White && new(&v, &extra) {
                            extra.push(v);
                        }
                    }
                }
            }
            Fault::MidTriggerSeesAutomaticWhite => {
                if let Some(me) = self.me().await
                    && let Ok(views) = self.shared.oracle().identity_detector.links(record).await
                {
                    for v in views {
                        if v.colour == LinkColour::White
                            && v.verification.is_none()
                            && v.responsible_authority == me.authority
                            && new(&v, &extra)
                        {
                            extra.push(v);
                        }
                    }
                }
            }
            Fault::MidYellowVisibleToSameState => {
                if let Some(me) = self.me().await {
                    for kind in AUTHORITY_KINDS {
                        let colleague = self.shared.standard(kind, me.authority.organisation);
                        let Ok(views) = colleague.identity_detector.links(record).await else { continue };
                        for v in views {
                            if v.colour == LinkColour::Yellow
                                && v.responsible_authority.organisation == me.authority.organisation
                                && new(&v, &extra)
                            {
                                extra.push(v);
                            }
                        }
                    }
                }
            }
            _ => {}
        }
        extra
    }

    fn touches(view: &LinkView, record: &RecordRef) -> bool {
        view.ends.iter().any(|e| e.system == record.system && e.record.as_ref() == Some(&record.id))
    }
}

#[async_trait]
impl IdentityDetector for FaultySession {
    async fn links(&self, record: &RecordRef) -> Result<Vec<LinkView>> {
        let views = self.delegate().await.identity_detector.links(record).await?;
        let mut out = Vec::new();
        for view in views {
            if self.visible(&view).await && !self.hides(&view) {
                out.push(self.tamper_link(view));
            }
        }
        let extra = self.extra_links(record, &out).await;
        out.extend(extra);
        Ok(out)
    }

    async fn confirmation_file(&self, sin: &Sin) -> Result<IdentityConfirmationFile> {
        let mut file = match self.inner.identity_detector.confirmation_file(sin).await {
            Ok(f) => f,
            Err(e)
                if matches!(e.kind, ErrorKind::NotFound | ErrorKind::Forbidden)
                    && self.fault() == Fault::MidYellowFileToAnyone
                    && self.me().await.is_some_and(|m| m.authority.kind != AuthorityKind::EuLisaOperator) =>
            {
                let file = match self.seer_of(sin).await {
                    Some(seer) => seer.identity_detector.confirmation_file(sin).await?,
                    None => return Err(e),
                };
                // Only the yellow links' rule is misapplied.
                if !file.links.iter().any(|l| l.sin == *sin && l.colour == LinkColour::Yellow) {
                    return Err(e);
                }
                file
            }
            Err(e) if e.kind == ErrorKind::NotFound && self.fault() == Fault::MidIcfSurvives => {
                let Some(me) = self.me().await else { return Err(e) };
                return self.shared.memory().confirmation_files.get(&(me.id, sin.clone())).cloned().ok_or(e);
            }
            Err(e) => return Err(e),
        };
        if let Some(me) = self.me().await {
            self.shared.memory().confirmation_files.insert((me.id, sin.clone()), file.clone());
        }
        match self.fault() {
            Fault::MidRedLinkHidden => {
                if let Some(me) = self.me().await
                    && file
                        .links
                        .iter()
                        .any(|l| l.colour == LinkColour::Red && !l.systems.iter().all(|s| me.may_access(*s)))
                {
                    return Err(Error::not_found(format!("no link {sin}")));
                }
            }
            Fault::MidGroupSplit => {
                file.links.retain(|l| l.sin == *sin);
                file.systems = file.links.iter().flat_map(|l| l.systems.clone()).collect();
            }
            Fault::MidVerifierReadsOnlyVisibleLinks => {
                if let Some(me) = self.me().await {
                    file.links.retain(|l| {
                        (l.colour == LinkColour::Yellow && l.responsible_authority == me.authority)
                            || (l.colour == LinkColour::Red)
                            || l.systems.iter().all(|s| me.may_access(*s))
                    });
                }
            }
            Fault::MidIcfUpdateNotBumped => {
                for l in &mut file.links {
                    l.updated_at = l.created_at;
                }
            }
            _ => {}
        }
        Ok(file)
    }

    async fn verify_link(&self, sin: &Sin, mut verification: LinkVerification) -> Result<Option<LinkView>> {
        match self.fault() {
            Fault::MidUnjustifiedIgnored
                if verification.outcome == VerificationOutcome::DifferentPersonsUnjustified =>
            {
                verification.outcome = VerificationOutcome::DifferentPersons;
            }
            Fault::MidRestrictionIgnored => verification.notice_restriction = None,
            _ => {}
        }
        let result = match self.inner.identity_detector.verify_link(sin, verification.clone()).await {
            Err(e)
                if e.kind == ErrorKind::Forbidden
                    && self.fault() == Fault::MidEtiasCentralUnitVerifiesAnyYellow
                    && self
                        .me()
                        .await
                        .is_some_and(|m| m.authority.kind == AuthorityKind::EtiasCentralUnit) =>
            {
                match self.seer_of(sin).await {
                    Some(seer) => seer.identity_detector.verify_link(sin, verification.clone()).await,
                    None => Err(e),
                }
            }
            Err(e) if e.kind == ErrorKind::Forbidden && self.fault() == Fault::MidSameStateMayVerify => {
                let Some(me) = self.me().await else { return Err(e) };
                let mut done = Err(e);
                for kind in AUTHORITY_KINDS {
                    let colleague = self.shared.standard(kind, me.authority.organisation);
                    done = colleague.identity_detector.verify_link(sin, verification.clone()).await;
                    if done.is_ok() {
                        break;
                    }
                }
                done
            }
            other => other,
        };
        Ok(result?.map(|v| self.tamper_link(v)))
    }

    async fn rectify_link(&self, sin: &Sin, rectification: Rectification) -> Result<Option<LinkView>> {
        match self.inner.identity_detector.rectify_link(sin, rectification.clone()).await {
            Err(e) if e.kind == ErrorKind::Forbidden && self.fault() == Fault::MidSisRedErasableByAnyone => {
                let owners: Vec<Organisation> = self
                    .shared
                    .memory()
                    .writes
                    .iter()
                    .filter(|(r, _)| r.system == SourceSystem::Sis)
                    .map(|(_, w)| w.owner)
                    .collect();
                for owner in owners {
                    let sirene = self.shared.standard(AuthorityKind::SireneBureau, owner);
                    if let Ok(done) = sirene.identity_detector.rectify_link(sin, rectification.clone()).await
                    {
                        return Ok(done);
                    }
                }
                Err(e)
            }
            other => other,
        }
    }

    async fn notifications(&self) -> Result<Vec<Notification>> {
        let mut notes = self.inner.identity_detector.notifications().await?;
        match self.fault() {
            Fault::MidRedLinkNotNotified => notes.retain(|n| n.kind != NotificationKind::RedLinkCreated),
            Fault::MidVisaAuthorityNotNotified => notes.retain(|n| {
                !(n.kind == NotificationKind::RedLinkCreated
                    && n.recipient.kind == AuthorityKind::VisaAuthority)
            }),
            Fault::MidErasureNotInformed => notes.retain(|n| {
                !matches!(n.kind, NotificationKind::LinkErased | NotificationKind::FalseMatchErased)
            }),
            _ => {}
        }
        Ok(notes)
    }

    async fn person_notice(&self, sin: &Sin) -> Result<Option<PersonNotice>> {
        let mut notice = self.inner.identity_detector.person_notice(sin).await?;
        match self.fault() {
            Fault::MidManualWhiteNoNotice
                if notice.as_ref().is_some_and(|n| n.colour == LinkColour::White) =>
            {
                return Ok(None);
            }
            Fault::MidWithholdingNotRecorded if notice.as_ref().is_some_and(|n| n.withheld.is_some()) => {
                return Ok(None);
            }
            Fault::MidNoticeWrongStatement => {
                if let Some(n) = &mut notice
                    && n.colour == LinkColour::Red
                {
                    n.statement = NoticeStatement::SimilarOrDifferentIdentityDataOfSamePerson;
                    n.text = n.statement.wording().to_string();
                }
            }
            _ => {}
        }
        Ok(notice)
    }

    async fn overdue_links(&self) -> Result<Vec<LinkView>> {
        self.inner.identity_detector.overdue_links().await
    }

    async fn file_request(&self, filing: RequestFiling) -> Result<PersonRequest> {
        self.inner.identity_detector.file_request(filing).await
    }

    async fn record_request_progress(
        &self,
        id: &RequestId,
        mut progress: RequestProgress,
    ) -> Result<PersonRequest> {
        if self.fault() == Fault::MidRefusalWithoutReasons
            && let RequestProgress::Refused { reasons } = &mut progress
            && reasons.trim().is_empty()
        {
            *reasons = "-".into();
        }
        self.inner.identity_detector.record_request_progress(id, progress).await
    }

    async fn requests(&self) -> Result<Vec<PersonRequest>> {
        self.inner.identity_detector.requests().await
    }

    async fn overdue_requests(&self) -> Result<Vec<OverdueRequest>> {
        let mut overdue = self.inner.identity_detector.overdue_requests().await?;
        if self.fault() == Fault::MidRequestOnlyReplyReported {
            for o in &mut overdue {
                o.missed.retain(|d| *d == RequestDeadline::Reply);
            }
            overdue.retain(|o| !o.missed.is_empty());
        }
        Ok(overdue)
    }
}
