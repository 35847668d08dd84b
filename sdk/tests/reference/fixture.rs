//! A reference with a manual clock and one session per role.

use jha_interop::api::{Connector, Session, TestControl};
use jha_interop::model::*;
use jha_interop::reference::{Reference, ReferenceConfig};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// The start of the clock in every test.
pub const START: &str = "2026-11-25T09:00:00Z";

pub struct Fixture {
    pub reference: Reference,
    pub control: Arc<dyn TestControl>,
    next: AtomicU64,
}

pub fn org(code: &str) -> Organisation {
    Organisation::member_state(code).unwrap()
}

impl Fixture {
    pub fn new() -> Self {
        Self::with(ReferenceConfig::default())
    }

    pub fn with(mut config: ReferenceConfig) -> Self {
        config.start_time = Some(START.parse().unwrap());
        let reference = Reference::new(config);
        let control = reference.test_control().expect("the reference offers test control");
        Fixture { reference, control, next: AtomicU64::new(0) }
    }

    /// A session of the standard principal of `kind` in Member State `state`.
    pub fn role(&self, kind: AuthorityKind, state: &str) -> Session {
        let p =
            self.reference.standard_principal(kind, org(state), &format!("user-{kind:?}-{state}")).unwrap();
        self.reference.connect(&self.reference.register_principal(p))
    }

    /// The central service of `system`.
    pub fn service(&self, system: SourceSystem) -> Session {
        let p = self.reference.source_system_principal(system).unwrap();
        self.reference.connect(&self.reference.register_principal(p))
    }

    /// A fresh record reference in `system`.
    pub fn record(&self, system: SourceSystem) -> RecordRef {
        let n = self.next.fetch_add(1, Ordering::SeqCst);
        RecordRef::new(system, RecordId::new(format!("{}-{n:04}", system.code())).unwrap())
    }

    /// Writes `record` as `system`'s central service.
    pub async fn put(&self, system: SourceSystem, record: RecordWrite) -> (RecordRef, WriteOutcome) {
        let reference = self.record(system);
        let outcome = self.service(system).source_systems.put_record(&reference, record).await.unwrap();
        (reference, outcome)
    }
}

pub fn passport(number: &str, country: &str) -> TravelDocument {
    TravelDocument {
        document_type: DocumentType::Passport,
        number: DocumentNumber::new(number).unwrap(),
        issuing_country: CountryCode::new(country).unwrap(),
        expiry: Some(Date::new(2031, 1, 1).unwrap()),
    }
}

/// A record of a person owned by `state`, with a passport.
pub fn person(
    state: &str,
    surname: &str,
    first: &str,
    dob: &str,
    sex: Sex,
    nationality: &str,
    doc: &str,
) -> RecordWrite {
    let mut r =
        RecordWrite::new(org(state), IdentityData::person(surname, first, dob, sex, nationality).unwrap());
    r.travel_documents.push(passport(doc, nationality));
    r
}

pub fn profile_of(session_profiles: &[EspProfile]) -> ProfileId {
    session_profiles.first().expect("the role holds a profile").id.clone()
}
