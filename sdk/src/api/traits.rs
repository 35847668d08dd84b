//! One async trait per component. Implementations receive the caller's principal when the
//! handle is made ([`super::Connector::connect`]), never per call.

use std::pin::Pin;

use async_trait::async_trait;
use futures_util::{Stream, StreamExt};

use super::Result;
use crate::model::*;

/// Source systems writing their records: each write updates the CIR, the sBMS and the MID.
#[async_trait]
pub trait SourceSystems: Send + Sync {
    /// Creates or updates `reference`; resending the same content changes nothing (SEC-03).
    async fn put_record(&self, reference: &RecordRef, record: RecordWrite) -> Result<WriteOutcome>;
    /// Deletes the record and everything derived from it (CIR data, templates, links).
    async fn delete_record(&self, reference: &RecordRef) -> Result<()>;
    /// The record as stored.
    async fn get_record(&self, reference: &RecordRef) -> Result<StoredRecord>;
}

/// The per-source answers of a search, each delivered as soon as its source answers.
pub type SourceResultStream = Pin<Box<dyn Stream<Item = Result<SourceResult>> + Send>>;

/// The European Search Portal (Arts 6–11).
#[async_trait]
pub trait SearchPortal: Send + Sync {
    /// Queries every system of the profile in parallel and streams their answers (ESP-06).
    async fn search(&self, request: SearchRequest) -> Result<SourceResultStream>;

    /// Runs [`SearchPortal::search`] and collects the whole reply.
    async fn search_all(&self, request: SearchRequest) -> Result<SearchReply> {
        let profile = request.profile.clone();
        let mut stream = self.search(request).await?;
        let mut results = Vec::new();
        while let Some(result) = stream.next().await {
            results.push(result?);
        }
        Ok(SearchReply { profile, results })
    }

    /// The automated notices of ESP and CIR failures for the caller, a user of the components
    /// (ESP-09, Arts 11(1), 17(4)): which component failed and that the systems are to be
    /// accessed directly.
    async fn failure_notices(&self) -> Result<Vec<FailureNotice>>;
}

/// The shared Biometric Matching Service (Arts 12–16).
#[async_trait]
pub trait BiometricMatching: Send + Sync {
    /// 1:N identification over the systems the caller may query (BMS-04).
    async fn identify(&self, request: IdentifyRequest) -> Result<IdentifyReply>;
    /// 1:1 verification against one record (BMS-05).
    async fn verify(&self, request: VerifyRequest) -> Result<VerifyReply>;
    /// What is stored about a record's templates (BMS-02).
    async fn templates(&self, record: &RecordRef) -> Result<Vec<TemplateInfo>>;
}

/// The Common Identity Repository (Arts 17–24).
#[async_trait]
pub trait IdentityRepository: Send + Sync {
    /// Identification by police (Art 20).
    async fn identify(&self, request: IdentificationRequest) -> Result<IdentificationReply>;
    /// Law enforcement hit-flag query (Art 22).
    async fn hit_flags(&self, request: HitFlagRequest) -> Result<HitFlagReply>;
    /// The follow-up of an Art 22 hit (CIR-11).
    async fn follow_up(&self, query: &QueryId, follow_up: HitFollowUp) -> Result<()>;
    /// The individual file holding a record, with the data sets the caller may access.
    async fn file_of(&self, record: &RecordRef) -> Result<IndividualFileView>;
    /// The data connected by a yellow or red link, for verification or against identity fraud
    /// (Art 21, CIR-14).
    async fn linked_data(&self, sin: &Sin) -> Result<LinkedData>;
}

/// The Multiple-Identity Detector (Arts 25–36).
#[async_trait]
pub trait IdentityDetector: Send + Sync {
    /// The links of a record that the caller may see (MID-12).
    async fn links(&self, record: &RecordRef) -> Result<Vec<LinkView>>;
    /// The identity confirmation file containing a link (MID-08).
    async fn confirmation_file(&self, sin: &Sin) -> Result<IdentityConfirmationFile>;
    /// Manual verification of a yellow link by the responsible authority (MID-07, MID-10);
    /// `None` when the outcome erases the link (a biometric false match, POLICY MID-P2).
    async fn verify_link(&self, sin: &Sin, verification: LinkVerification) -> Result<Option<LinkView>>;
    /// Rectification or erasure of a link found incorrect (MID-15); `None` when erased.
    async fn rectify_link(&self, sin: &Sin, rectification: Rectification) -> Result<Option<LinkView>>;
    /// Notifications addressed to the caller's authority (MID-14).
    async fn notifications(&self) -> Result<Vec<Notification>>;
    /// The written notice for the person of a link, if one is due and not restricted (MID-14).
    async fn person_notice(&self, sin: &Sin) -> Result<Option<PersonNotice>>;
    /// Yellow links the caller must verify that are past their deadline (MID-11).
    async fn overdue_links(&self) -> Result<Vec<LinkView>>;
    /// Files a person's request about MID data received by the caller's Member State; its
    /// deadlines start now (MID-19).
    async fn file_request(&self, filing: RequestFiling) -> Result<PersonRequest>;
    /// Records a step in handling a request: the responsible Member State contacted or its
    /// check done, an extension, the answer or a refusal with reasons (MID-19).
    async fn record_request_progress(
        &self,
        id: &RequestId,
        progress: RequestProgress,
    ) -> Result<PersonRequest>;
    /// The record of requests the caller's Member State received or is responsible for (MID-19).
    async fn requests(&self) -> Result<Vec<PersonRequest>>;
    /// The caller's Member State's requests past a deadline, with the deadlines missed (MID-19).
    async fn overdue_requests(&self) -> Result<Vec<OverdueRequest>>;
}

/// The Central Repository for Reporting and Statistics (Art 39).
#[async_trait]
pub trait Statistics: Send + Sync {
    /// An anonymous statistics report (CRRS-01..03).
    async fn report(&self, kind: ReportKind) -> Result<StatisticsReport>;
}

/// The logs of every component, readable by supervisory authorities only (LOG-02).
#[async_trait]
pub trait AuditLog: Send + Sync {
    /// Log entries matching a filter (LOG-02): every entry for supervisory authorities and the
    /// EDPS; for any other authority of a Member State or agency, for self-monitoring, only the
    /// entries its own Member State's or agency's authorities made; refused to anyone else.
    async fn entries(&self, query: LogQuery) -> Result<Vec<LogEntry>>;
    /// Opens a monitoring procedure that holds the logs it covers past retention (LOG-01);
    /// supervisory authorities and the EDPS only.
    async fn open_procedure(&self, description: String, covers: LogQuery) -> Result<MonitoringProcedure>;
    /// Closes a monitoring procedure; its logs are then erased when due.
    async fn close_procedure(&self, id: &str) -> Result<MonitoringProcedure>;
}

/// Who the caller is and which profiles it holds.
#[async_trait]
pub trait Directory: Send + Sync {
    /// The caller's principal.
    async fn whoami(&self) -> Result<Principal>;
    /// The ESP profiles the caller holds.
    async fn profiles(&self) -> Result<Vec<EspProfile>>;
    /// Profiles whose last review is more than a year old (ESP-11); eu-LISA operators only.
    async fn profiles_due_for_review(&self) -> Result<Vec<EspProfile>>;
}

/// Test control (capability `test-control`, SEC-06): the clock, state and source behaviour.
#[async_trait]
pub trait TestControl: Send + Sync {
    /// Sets the implementation's clock.
    async fn set_time(&self, now: Timestamp) -> Result<()>;
    /// Moves the clock forward; retention and deadlines run as if the time had passed.
    async fn advance_time(&self, millis: Millis) -> Result<()>;
    /// Forgets every record, link, log and statistic.
    async fn reset(&self) -> Result<()>;
    /// Makes a source system slow, unavailable or unresponsive to the ESP.
    async fn set_source_behaviour(&self, system: SourceSystem, behaviour: SourceBehaviour) -> Result<()>;
    /// Declares whether Interpol can be queried without revealing the query (ESP-07).
    async fn set_interpol_no_reveal(&self, guaranteed: bool) -> Result<()>;
    /// Makes a component fail or work again (ESP-09).
    async fn set_component_behaviour(
        &self,
        component: Component,
        behaviour: ComponentBehaviour,
    ) -> Result<()>;
}
