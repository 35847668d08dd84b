//! The reference wrapped with one deliberate fault: every call goes through the contract to the
//! reference, and the wrapper changes what comes back (or what goes in) the way a broken
//! implementation would. The suite must then fail exactly the requirements the fault violates.
//! One file per component holds that component's faults.

mod cir;
mod esp;
mod fault;
mod logs;
mod mid;
mod operators;
mod sbms;
mod similarity;
mod sources;

use std::collections::{HashMap, HashSet};
use std::sync::atomic::AtomicUsize;
use std::sync::{Arc, Mutex, MutexGuard};

use async_trait::async_trait;
use jha_interop::api::*;
use jha_interop::model::*;
use jha_interop::reference::Reference;

pub use fault::Fault;

/// Locks `m`, recovering from a poisoned lock (a panicking fault must not hide the others).
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// What the faulty implementation remembers across sessions, so that a fault can act on what
/// was written or seen before.
#[derive(Default)]
struct Memory {
    /// What was written, by reference.
    writes: HashMap<RecordRef, RecordWrite>,
    /// The identity of each record's first write.
    first_identity: HashMap<RecordRef, IdentityData>,
    /// Records deleted through the API.
    deleted: HashSet<RecordRef>,
    /// Records sent twice with the same content.
    resent: HashSet<RecordRef>,
    /// The last individual file read for each record.
    files: HashMap<RecordRef, IndividualFileView>,
    /// The templates last listed for each record.
    templates: HashMap<RecordRef, Vec<TemplateInfo>>,
    /// Templates of fingers an update dropped, which BMS-06's fault keeps.
    dropped_templates: HashMap<RecordRef, Vec<TemplateInfo>>,
    /// The last confirmation file each caller read for each link.
    confirmation_files: HashMap<(PrincipalId, Sin), IdentityConfirmationFile>,
    /// The basis of each link, as its verifier was shown it.
    bases: HashMap<Sin, LinkBasis>,
    /// Every link a write has reported.
    known_sins: HashSet<Sin>,
    /// Templates a refused write left behind (DQ-01's fault).
    leftovers: HashMap<RecordRef, Vec<TemplateInfo>>,
    /// The minimum face quality a refusal gave (BMS-01's boundary fault).
    face_threshold: Option<f64>,
    /// Links the fault hides.
    hidden_sins: HashSet<Sin>,
    /// Links the fault invents.
    invented: Vec<LinkView>,
    /// Log entries of the history of records' data, as last read (LOG-01's fault keeps them).
    data_history: Vec<LogEntry>,
}

struct Shared {
    reference: Reference,
    fault: Fault,
    memory: Mutex<Memory>,
    /// Writes in progress (SEC-04's fault).
    in_flight: AtomicUsize,
}

impl Shared {
    fn memory(&self) -> MutexGuard<'_, Memory> {
        lock(&self.memory)
    }

    fn session_of(&self, principal: Principal) -> Session {
        self.reference.connect(&self.reference.register_principal(principal))
    }

    /// A standard principal of `kind` in `organisation`.
    fn standard(&self, kind: AuthorityKind, organisation: Organisation) -> Session {
        let principal = self
            .reference
            .standard_principal(kind, organisation, "fault-oracle")
            .expect("a standard principal");
        self.session_of(principal)
    }

    /// A standard principal of `kind` in Germany.
    fn authority(&self, kind: AuthorityKind) -> Session {
        self.standard(kind, Organisation::member_state("DEU").expect("a valid code"))
    }

    /// A principal that may access every system: what a fault uses to see more than it should.
    fn oracle(&self) -> Session {
        self.authority(AuthorityKind::EtiasCentralUnit)
    }

    fn service(&self, system: SourceSystem) -> Session {
        self.session_of(self.reference.source_system_principal(system).expect("a service principal"))
    }

    fn written(&self, reference: &RecordRef) -> Option<RecordWrite> {
        self.memory().writes.get(reference).cloned()
    }

    fn same_system_twins(&self, reference: &RecordRef) -> Vec<RecordRef> {
        let memory = self.memory();
        let Some(mine) = memory.writes.get(reference) else { return Vec::new() };
        memory
            .writes
            .iter()
            .filter(|(r, w)| *r != reference && r.system == reference.system && w.identity == mine.identity)
            .map(|(r, _)| r.clone())
            .collect()
    }
}

/// Every authority kind a fault may try when it lets "someone else" act.
const AUTHORITY_KINDS: [AuthorityKind; 10] = [
    AuthorityKind::BorderAuthority,
    AuthorityKind::VisaAuthority,
    AuthorityKind::EtiasNationalUnit,
    AuthorityKind::SireneBureau,
    AuthorityKind::Police,
    AuthorityKind::DesignatedAuthority,
    AuthorityKind::EcrisTcnCentralAuthority,
    AuthorityKind::AsylumAuthority,
    AuthorityKind::ImmigrationAuthority,
    AuthorityKind::EtiasCentralUnit,
];

/// The faulty implementation.
#[derive(Clone)]
pub struct FaultyConnector(Arc<Shared>);

impl FaultyConnector {
    pub fn new(reference: Reference, fault: Fault) -> Self {
        FaultyConnector(Arc::new(Shared {
            reference,
            fault,
            memory: Mutex::new(Memory::default()),
            in_flight: AtomicUsize::new(0),
        }))
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
        let mut declared = self.0.reference.capabilities().await?;
        match self.0.fault {
            Fault::BmsFaceThresholdUndeclared => declared.thresholds.retain(|t| t.modality != Modality::Face),
            Fault::SecLimitDeclaredTooHigh => declared.limits.max_biometric_payload_bytes += 1,
            _ => {}
        }
        Ok(declared)
    }

    fn test_control(&self) -> Option<Arc<dyn TestControl>> {
        let inner = self.0.reference.test_control()?;
        Some(Arc::new(FaultyControl { inner, fault: self.0.fault }))
    }
}

/// Test control as the faulty implementation offers it.
struct FaultyControl {
    inner: Arc<dyn TestControl>,
    fault: Fault,
}

#[async_trait]
impl TestControl for FaultyControl {
    async fn set_time(&self, now: Timestamp) -> Result<()> {
        self.inner.set_time(now).await
    }

    async fn advance_time(&self, millis: Millis) -> Result<()> {
        self.inner.advance_time(millis).await
    }

    async fn reset(&self) -> Result<()> {
        self.inner.reset().await
    }

    async fn set_source_behaviour(&self, system: SourceSystem, behaviour: SourceBehaviour) -> Result<()> {
        self.inner.set_source_behaviour(system, behaviour).await
    }

    async fn set_interpol_no_reveal(&self, guaranteed: bool) -> Result<()> {
        // ESP-07's fault: the declaration is accepted and then ignored.
        if self.fault == Fault::EspInterpolDespiteReveal {
            return Ok(());
        }
        self.inner.set_interpol_no_reveal(guaranteed).await
    }

    async fn set_component_behaviour(
        &self,
        component: Component,
        behaviour: ComponentBehaviour,
    ) -> Result<()> {
        self.inner.set_component_behaviour(component, behaviour).await
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

    /// The caller, when known.
    async fn me(&self) -> Option<Principal> {
        self.inner.directory.whoami().await.ok()
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
}
