//! ESP alphanumeric results: ordered by the ranked search score, the DR 2023/333 verdict
//! beside each item.

use crate::api::Connector;
use crate::model::{
    AuthorityKind, CountryCode, Date, DocumentNumber, DocumentType, IdentityData, IdentityQuery,
    IdentityVerdict, Organisation, RecordId, RecordRef, RecordWrite, SearchRequest, Sex, SourceSystem,
    Timestamp, TravelDocument,
};

use super::{Reference, ReferenceConfig};

fn visa_record(n: u32, identity: IdentityData) -> (RecordRef, RecordWrite) {
    let mut write = RecordWrite::new(Organisation::member_state("DEU").expect("DEU"), identity);
    write.travel_documents.push(TravelDocument {
        document_type: DocumentType::Passport,
        number: DocumentNumber::new(format!("R{n:07}")).expect("document number"),
        issuing_country: CountryCode::new("UKR").expect("UKR"),
        expiry: Some(Date::new(2032, 1, 31).expect("date")),
    });
    (RecordRef::new(SourceSystem::Vis, RecordId::new(format!("VIS-R{n}")).expect("record id")), write)
}

#[test]
fn items_are_ranked_with_the_verdict_beside_each() {
    let reference = Reference::new(ReferenceConfig {
        start_time: Some(Timestamp::from_unix_millis(1_780_000_000_000)),
        ..ReferenceConfig::default()
    });
    let writer = reference.source_system_principal(SourceSystem::Vis).expect("the VIS service");
    let vis = reference.connect(&reference.register_principal(writer));
    let officer = reference
        .standard_principal(
            AuthorityKind::BorderAuthority,
            Organisation::member_state("DEU").expect("DEU"),
            "o",
        )
        .expect("a border officer");
    let profile = officer.profiles.first().cloned().expect("a border profile");
    let border = reference.connect(&reference.register_principal(officer));
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a runtime");
    // Written in this order so that record order alone would put the weaker match first: a
    // surname with two letters swapped (SIMILAR) and the same person's data (SAME).
    let people = [
        (1, IdentityData::person("KOWLASKI", "ANNA", "1990-04-12", Sex::F, "POL").expect("identity")),
        (2, IdentityData::person("KOWALSKI", "ANNA", "1990-04-12", Sex::F, "POL").expect("identity")),
    ];
    for (n, identity) in people {
        let (record, write) = visa_record(n, identity);
        rt.block_on(vis.source_systems.put_record(&record, write)).expect("stored");
    }
    let mut request = SearchRequest::new(profile);
    request.identity = Some(IdentityQuery {
        surname: Some(crate::model::Name::new("KOWALSKI").expect("name")),
        first_names: Some(crate::model::Name::new("ANNA").expect("name")),
        date_of_birth: Some("1990-04-12".parse().expect("date")),
        ..IdentityQuery::default()
    });
    let reply = rt.block_on(border.search_portal.search_all(request)).expect("the search");
    let items = &reply.result(SourceSystem::Vis).expect("VIS answers the border profile").items;
    let found: Vec<(&str, Option<IdentityVerdict>)> =
        items.iter().map(|i| (i.record.id.as_str(), i.identity_verdict)).collect();
    assert_eq!(
        found,
        vec![("VIS-R2", Some(IdentityVerdict::Same)), ("VIS-R1", Some(IdentityVerdict::Similar))],
        "the exact match first, each with its verdict"
    );
}
