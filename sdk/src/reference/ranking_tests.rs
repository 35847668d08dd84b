//! ESP alphanumeric results: ordered by the ranked search score, the DR 2023/333 verdict
//! beside each item.

use crate::model::{IdentityData, IdentityQuery, IdentityVerdict, SearchRequest, Sex, SourceSystem};

use super::ReferenceConfig;
use super::test_support::{Fixture, runtime, visa_record};

#[test]
fn items_are_ranked_with_the_verdict_beside_each() {
    let Fixture { vis, border, border_profile: profile, .. } = Fixture::new(ReferenceConfig::default());
    let rt = runtime();
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
        vec![("VIS-00002", Some(IdentityVerdict::Same)), ("VIS-00001", Some(IdentityVerdict::Similar))],
        "the exact match first, each with its verdict"
    );
}
