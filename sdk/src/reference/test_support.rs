//! What the reference's own tests share: a reference on a stopped clock with a VIS writer and a
//! German border officer, and VIS records.

use crate::api::{Connector, Session};
use crate::model::{
    AuthorityKind, CountryCode, Date, DocumentNumber, DocumentType, IdentityData, Organisation, ProfileId,
    RecordId, RecordRef, RecordWrite, SourceSystem, Timestamp, TravelDocument,
};

use super::{Reference, ReferenceConfig};

/// A reference on a stopped clock, and the sessions of the VIS's central service and of a
/// German border officer, with the officer's first profile.
pub(super) struct Fixture {
    pub reference: Reference,
    pub vis: Session,
    pub border: Session,
    pub border_profile: ProfileId,
}

impl Fixture {
    /// With `config`, its clock stopped at a fixed time.
    pub fn new(config: ReferenceConfig) -> Self {
        let reference = Reference::new(ReferenceConfig {
            start_time: Some(Timestamp::from_unix_millis(1_780_000_000_000)),
            ..config
        });
        let writer = reference.source_system_principal(SourceSystem::Vis).expect("the VIS service");
        let vis = reference.connect(&reference.register_principal(writer));
        let germany = Organisation::member_state("DEU").expect("DEU");
        let officer = reference
            .standard_principal(AuthorityKind::BorderAuthority, germany, "officer")
            .expect("a border officer");
        let border_profile = officer.profiles.first().cloned().expect("a border profile");
        let border = reference.connect(&reference.register_principal(officer));
        Fixture { reference, vis, border, border_profile }
    }
}

/// VIS record `n` with `identity` and a Ukrainian passport, written by Germany.
pub(super) fn visa_record(n: u64, identity: IdentityData) -> (RecordRef, RecordWrite) {
    let mut write = RecordWrite::new(Organisation::member_state("DEU").expect("DEU"), identity);
    write.travel_documents.push(TravelDocument {
        document_type: DocumentType::Passport,
        number: DocumentNumber::new(format!("P{n:07}")).expect("document number"),
        issuing_country: CountryCode::new("UKR").expect("UKR"),
        expiry: Some(Date::new(2032, 1, 31).expect("date")),
    });
    (RecordRef::new(SourceSystem::Vis, RecordId::new(format!("VIS-{n:05}")).expect("record id")), write)
}

/// A current-thread tokio runtime.
pub(super) fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a tokio runtime")
}
