//! The cucumber World: one fresh instance of the implementation per scenario, a session per
//! role, the records the scenario wrote by label, and the last replies the steps look at.
//! Everything goes through the contract (`jha_interop::api`), never the reference's insides.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use jha_interop::api::{Connector, Error, Session, TestControl};
use jha_interop::model::*;

use crate::data::biometrics::SampleSource;
use crate::data::records::RecordSpec;
use crate::failure::Failure;
use crate::role::Role;
use crate::target::{Instance, Target};
use crate::{ensure, fail};

/// What every World of one run shares.
pub struct RunContext {
    /// The implementation under test.
    pub target: Arc<dyn Target>,
    scenarios: AtomicU64,
    /// Distinguishes this run's record identifiers from an earlier run's: a server without
    /// test control cannot be reset, and certifying it twice must not meet the first run's
    /// records under the same identifiers.
    tag: String,
}

impl RunContext {
    /// The context of a run against `target`.
    pub fn new(target: Arc<dyn Target>) -> Self {
        let started = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_millis() as u64);
        RunContext { target, scenarios: AtomicU64::new(0), tag: format!("{:x}", started & 0xff_ffff_ffff) }
    }
}

tokio::task_local! {
    /// The run the scenarios being polled belong to (cucumber builds Worlds without arguments).
    pub static RUN: Arc<RunContext>;
}

/// A record a scenario wrote.
#[derive(Debug, Clone)]
pub struct RecordEntry {
    /// Its reference in the implementation.
    pub reference: RecordRef,
    /// What was last written.
    pub write: RecordWrite,
    /// The reply to the last successful write.
    pub outcome: Option<WriteOutcome>,
    /// How the scenario described it, for amendments.
    pub spec: RecordSpec,
}

/// A search reply with the moments its parts arrived, in milliseconds from the call.
#[derive(Debug, Clone)]
pub struct TimedSearch {
    /// Who searched.
    pub role: Role,
    /// The profile used.
    pub profile: EspProfile,
    /// What was asked, to compare with what the log says was asked.
    pub request: SearchRequest,
    /// The per-source results in arrival order, with their arrival times.
    pub results: Vec<(u128, SourceResult)>,
    /// When the stream ended.
    pub finished_ms: u128,
}

/// Every authority kind a scenario may look through when it needs "someone who can see it".
const OBSERVER_KINDS: [AuthorityKind; 12] = [
    AuthorityKind::BorderAuthority,
    AuthorityKind::VisaAuthority,
    AuthorityKind::EtiasCentralUnit,
    AuthorityKind::EtiasNationalUnit,
    AuthorityKind::SireneBureau,
    AuthorityKind::Police,
    AuthorityKind::DesignatedAuthority,
    AuthorityKind::Europol,
    AuthorityKind::EcrisTcnCentralAuthority,
    AuthorityKind::AsylumAuthority,
    AuthorityKind::ImmigrationAuthority,
    AuthorityKind::SupervisoryAuthority,
];

/// The state of one scenario.
#[derive(cucumber::World)]
#[world(init = Self::new)]
pub struct ConformanceWorld {
    instance: Arc<dyn Instance>,
    connector: Arc<dyn Connector>,
    /// What the implementation declares.
    pub capabilities: Capabilities,
    sessions: HashMap<Role, Session>,
    /// Fingerprint and face samples by label.
    pub samples: SampleSource,
    records: BTreeMap<String, RecordEntry>,
    nonce: u64,
    run_tag: String,
    /// The error of the last action that was expected to be refusable.
    pub last_error: Option<Error>,
    /// The last search.
    pub last_search: Option<TimedSearch>,
    /// The last sBMS identification.
    pub last_identify: Option<IdentifyReply>,
    /// The last sBMS verification.
    pub last_verify: Option<VerifyReply>,
    /// The last CIR identification.
    pub last_identification: Option<IdentificationReply>,
    /// The last Art 22 reply, with who asked.
    pub last_hit_flags: Option<(Role, HitFlagReply)>,
    /// The last statistics report.
    pub last_report: Option<StatisticsReport>,
    /// Named values a scenario keeps between steps (e.g. a link's SIN, a counter).
    pub kept: BTreeMap<String, String>,
    /// Log entries seen earlier in the scenario, to compare with later reads.
    pub kept_logs: Vec<LogEntry>,
    /// The last reply read off the wire by an `@http` step.
    pub last_raw: Option<RawReply>,
}

impl std::fmt::Debug for ConformanceWorld {
    // Sessions hold credentials: never print them; the records are enough to debug a failure.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ConformanceWorld")
            .field("records", &self.records.keys().collect::<Vec<_>>())
            .field("last_error", &self.last_error)
            .finish_non_exhaustive()
    }
}

impl ConformanceWorld {
    async fn new() -> Result<Self, Failure> {
        let run = RUN.try_with(Arc::clone).map_err(|_| Failure("harness: no run context".into()))?;
        let nonce = run.scenarios.fetch_add(1, Ordering::SeqCst);
        let instance = run.target.instance().await?;
        let connector = instance.connector();
        let capabilities = connector.capabilities().await?;
        Ok(ConformanceWorld {
            instance,
            connector,
            capabilities,
            sessions: HashMap::new(),
            samples: SampleSource::default(),
            records: BTreeMap::new(),
            nonce,
            run_tag: run.tag.clone(),
            last_error: None,
            last_search: None,
            last_identify: None,
            last_verify: None,
            last_identification: None,
            last_hit_flags: None,
            last_report: None,
            kept: BTreeMap::new(),
            kept_logs: Vec::new(),
            last_raw: None,
        })
    }

    /// The session acting as `role`.
    pub fn session(&mut self, role: &Role) -> Result<Session, Failure> {
        if let Some(s) = self.sessions.get(role) {
            return Ok(s.clone());
        }
        if *role == Role::Stranger {
            return Ok(self.stranger());
        }
        let credential = self.instance.credential(role)?;
        let session = self.connector.connect(&credential);
        self.sessions.insert(*role, session.clone());
        Ok(session)
    }

    /// The credential of `role` (for `@http` steps that speak HTTP directly).
    pub fn credential_of(&self, role: &Role) -> Result<Credential, Failure> {
        Ok(self.instance.credential(role)?)
    }

    /// The base URL of the target's HTTP binding, when it is reached over HTTP.
    pub fn instance_base_url(&self) -> Option<String> {
        self.instance.base_url()
    }

    /// A session whose credential the implementation does not know.
    pub fn stranger(&self) -> Session {
        self.connector.connect(&Credential::new(format!("unknown-credential-{}", self.nonce)))
    }

    /// Test control, when the implementation offers it.
    pub fn control(&self) -> Result<Arc<dyn TestControl>, Failure> {
        match self.connector.test_control() {
            Some(c) => Ok(c),
            None => fail!("harness: the scenario needs test control, which the target does not offer"),
        }
    }

    /// A new reference for `label` in `system`, unique within the run.
    pub fn new_reference(&self, system: SourceSystem, label: &str) -> Result<RecordRef, Failure> {
        Ok(RecordRef::new(system, RecordId::new(format!("{label}.{}.{}", self.nonce, self.run_tag))?))
    }

    /// The record labelled `label`.
    pub fn record(&self, label: &str) -> Result<&RecordEntry, Failure> {
        match self.records.get(label) {
            Some(r) => Ok(r),
            None => fail!("the scenario wrote no record {label:?} (known: {:?})", self.records.keys()),
        }
    }

    /// The label of the record with `reference`, for messages.
    pub fn label_of(&self, reference: &RecordRef) -> String {
        self.records
            .iter()
            .find(|(_, r)| &r.reference == reference)
            .map_or_else(|| reference.to_string(), |(label, _)| label.clone())
    }

    /// Every record the scenario wrote, by label.
    pub fn records(&self) -> &BTreeMap<String, RecordEntry> {
        &self.records
    }

    /// Writes `write` as `label` through its system's central service and remembers it when
    /// the write succeeds. The outer error is the harness's, the inner the implementation's.
    pub async fn put(
        &mut self,
        label: &str,
        system: SourceSystem,
        write: RecordWrite,
    ) -> Result<Result<WriteOutcome, Error>, Failure> {
        let reference = match self.records.get(label) {
            Some(existing) => existing.reference.clone(),
            None => self.new_reference(system, label)?,
        };
        self.kept.insert(format!("system:{label}"), system.code().to_string());
        let service = self.session(&Role::SourceSystem(system))?;
        let outcome = match service.source_systems.put_record(&reference, write.clone()).await {
            Ok(o) => o,
            Err(e) => return Ok(Err(e)),
        };
        let spec = self.records.get(label).map(|r| r.spec.clone()).unwrap_or_default();
        self.records.insert(
            label.to_string(),
            RecordEntry { reference, write, outcome: Some(outcome.clone()), spec },
        );
        Ok(Ok(outcome))
    }

    /// Builds the record `spec` describes (drawing new biometric samples) and writes it.
    pub async fn put_spec(
        &mut self,
        system: SourceSystem,
        spec: RecordSpec,
    ) -> Result<Result<WriteOutcome, Error>, Failure> {
        let write = spec.build(system, &mut self.samples)?;
        let label = spec.label.clone();
        let outcome = self.put(&label, system, write).await?;
        if outcome.is_ok()
            && let Some(entry) = self.records.get_mut(&label)
        {
            entry.spec = spec;
        }
        Ok(outcome)
    }

    /// Writes `spec` and fails the step on any error.
    pub async fn put_spec_ok(
        &mut self,
        system: SourceSystem,
        spec: RecordSpec,
    ) -> Result<WriteOutcome, Failure> {
        let label = spec.label.clone();
        match self.put_spec(system, spec).await? {
            Ok(o) => Ok(o),
            Err(e) => fail!("writing record {label} ({system}) failed: {}", Failure::from(e)),
        }
    }

    /// Remembers a record written outside [`ConformanceWorld::put`] (e.g. concurrently).
    pub fn remember(
        &mut self,
        label: &str,
        reference: RecordRef,
        write: RecordWrite,
        outcome: WriteOutcome,
        spec: RecordSpec,
    ) {
        self.records
            .insert(label.to_string(), RecordEntry { reference, write, outcome: Some(outcome), spec });
    }

    /// Forgets a deleted record.
    pub fn forget(&mut self, label: &str) {
        self.records.remove(label);
    }

    /// The Member States the scenario involves: record owners and Germany.
    fn states(&self) -> BTreeSet<CountryCode> {
        let mut states: BTreeSet<CountryCode> = self
            .records
            .values()
            .filter_map(|r| match r.write.owner {
                Organisation::MemberState(c) => Some(c),
                Organisation::Agency(_) => None,
            })
            .collect();
        if let Ok(deu) = CountryCode::new("DEU") {
            states.insert(deu);
        }
        states
    }

    /// The roles through which the scenario observes what "someone" may see.
    pub fn observers(&self) -> Vec<Role> {
        let mut roles: Vec<Role> = Vec::new();
        for state in self.states() {
            for kind in OBSERVER_KINDS {
                let role = Role::authority(kind, state);
                if !roles.contains(&role) {
                    roles.push(role);
                }
            }
        }
        roles
    }

    /// Every link of the record `label` that any observer sees, merged by SIN (record ids of
    /// the ends filled in from whoever may see them).
    pub async fn links_seen_by_anyone(&mut self, label: &str) -> Result<Vec<LinkView>, Failure> {
        let reference = self.record(label)?.reference.clone();
        let mut merged: BTreeMap<String, LinkView> = BTreeMap::new();
        for role in self.observers() {
            let session = self.session(&role)?;
            let Ok(views) = session.identity_detector.links(&reference).await else { continue };
            for view in views {
                match merged.get_mut(view.sin.as_str()) {
                    None => {
                        merged.insert(view.sin.as_str().to_string(), view);
                    }
                    Some(known) => {
                        for end in &mut known.ends {
                            if end.record.is_none()
                                && let Some(full) =
                                    view.ends.iter().find(|e| e.system == end.system && e.record.is_some())
                            {
                                end.record = full.record.clone();
                            }
                        }
                        if known.basis.is_none() {
                            known.basis = view.basis;
                        }
                    }
                }
            }
        }
        Ok(merged.into_values().collect())
    }

    /// Whether a link end is record `label`'s (by system, and by id where the end shows it).
    pub fn end_is(&self, end: &LinkEnd, label: &str) -> Result<bool, Failure> {
        let r = &self.record(label)?.reference;
        Ok(end.system == r.system && end.record.as_ref().is_none_or(|id| *id == r.id))
    }

    /// The link joining records `a` and `b` that someone sees, if any.
    pub async fn link_between(&mut self, a: &str, b: &str) -> Result<Option<LinkView>, Failure> {
        // Ask from both ends: an authority may see a link only through the record of a system
        // it can access (the SIRENE Bureau through the SIS record).
        let mut links = self.links_seen_by_anyone(a).await?;
        links.extend(self.links_seen_by_anyone(b).await?);
        for link in links {
            let joins = link.ends.len() == 2
                && ((self.end_is(&link.ends[0], a)? && self.end_is(&link.ends[1], b)?)
                    || (self.end_is(&link.ends[0], b)? && self.end_is(&link.ends[1], a)?));
            if joins {
                return Ok(Some(link));
            }
        }
        Ok(None)
    }

    /// The link joining `a` and `b`, failing the step when there is none.
    pub async fn the_link(&mut self, a: &str, b: &str) -> Result<LinkView, Failure> {
        match self.link_between(a, b).await? {
            Some(l) => Ok(l),
            None => {
                let seen = self.links_seen_by_anyone(a).await?;
                fail!("no link joins {a} and {b} for any observer; links of {a}: {}", describe_links(&seen))
            }
        }
    }

    /// The role of the authority responsible for verifying `link`.
    pub fn verifier_of(link: &LinkView) -> Role {
        Role::of_authority(link.responsible_authority)
    }

    /// The supervisory authority's view of every log entry.
    pub async fn all_logs(&mut self) -> Result<Vec<LogEntry>, Failure> {
        let supervisor: Role = "the supervisory authority of DEU".parse()?;
        let session = self.session(&supervisor)?;
        Ok(session.audit_log.entries(LogQuery::default()).await?)
    }

    /// Remembers the error of an action a scenario expects may be refused.
    pub fn expect_refusal<T>(&mut self, result: Result<T, Error>) -> Option<T> {
        match result {
            Ok(v) => {
                self.last_error = None;
                Some(v)
            }
            Err(e) => {
                self.last_error = Some(e);
                None
            }
        }
    }

    /// The error the last refusable action gave, failing when it succeeded.
    pub fn refusal(&self) -> Result<&Error, Failure> {
        match &self.last_error {
            Some(e) => Ok(e),
            None => fail!("the action was accepted, but the requirement says it must be refused"),
        }
    }

    /// Fails when the last refusable action was refused.
    pub fn accepted(&self) -> Result<(), Failure> {
        ensure!(
            self.last_error.is_none(),
            "the action was refused: {}",
            Failure::from(self.last_error.clone().unwrap_or_else(|| Error::internal("")))
        );
        Ok(())
    }
}

/// A short description of links for failure messages.
pub fn describe_links(links: &[LinkView]) -> String {
    if links.is_empty() {
        return "none".into();
    }
    links
        .iter()
        .map(|l| {
            let ends: Vec<String> = l
                .ends
                .iter()
                .map(|e| format!("{}/{}", e.system, e.record.as_ref().map_or("?", |r| r.as_str())))
                .collect();
            format!("{:?} {} [{}]", l.colour, l.sin, ends.join(" - ")).to_lowercase()
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// A reply read off the wire.
#[derive(Debug, Clone, Default)]
pub struct RawReply {
    /// The status.
    pub status: u16,
    /// The `Content-Type` header.
    pub content_type: String,
    /// The body.
    pub body: Vec<u8>,
    /// For a streamed reply: each line with its arrival time in milliseconds from the call.
    pub lines: Vec<(u128, String)>,
}
