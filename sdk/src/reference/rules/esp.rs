//! The rules of the European Search Portal (Arts 8–11): what a query may ask, which systems it
//! goes to, which systems answer and what an answer may carry. Pure functions of the profile,
//! the caller and the request.

use crate::api::Violation;
use crate::model::{DataCategory, EspProfile, Principal, QueryField, SearchRequest, SourceSystem};

/// Where a query field sits in the request, for the violation that refuses it.
fn field_path(field: QueryField) -> &'static str {
    match field {
        QueryField::Surname => "identity.surname",
        QueryField::FirstNames => "identity.first_names",
        QueryField::DateOfBirth => "identity.date_of_birth",
        QueryField::Sex => "identity.sex",
        QueryField::Nationality => "identity.nationality",
        QueryField::PlaceOfBirth => "identity.place_of_birth",
        QueryField::DocumentNumber => "travel_document.number",
        QueryField::DocumentType => "travel_document.document_type",
        QueryField::IssuingCountry => "travel_document.issuing_country",
        QueryField::Fingerprints => "biometrics.fingerprints",
        QueryField::Face => "biometrics.face",
    }
}

/// ESP-02 and ESP-10: the violations that refuse `request` under `profile` — a field the
/// profile may not query, or a system named in `also_query` that the profile neither queries
/// nor can query. Empty when the request may run. A request with no data at all is refused
/// before (ESP-02).
pub fn refused_query(profile: &EspProfile, request: &SearchRequest) -> Vec<Violation> {
    let mut refused: Vec<Violation> = request
        .fields()
        .iter()
        .filter(|f| !profile.query_fields.contains(f))
        .map(|f| {
            Violation::new(
                crate::requirement!("ESP-02"),
                field_path(*f),
                format!("profile {} may not query {f:?}", profile.id),
            )
        })
        .collect();
    refused.extend(
        request
            .also_query
            .iter()
            .filter(|s| {
                !profile.systems_to_query.contains(s) && !profile.systems_that_can_be_queried.contains(s)
            })
            .map(|s| {
                Violation::new(
                    crate::requirement!("ESP-10"),
                    "also_query",
                    format!("profile {} may not query {s}", profile.id),
                )
            }),
    );
    refused
}

/// Whether Interpol's databases may be queried: only when the query cannot reveal itself to
/// the owner of the alert (ESP-07).
pub fn interpol_may_be_queried(system: SourceSystem, no_reveal_guaranteed: bool) -> bool {
    no_reveal_guaranteed || !matches!(system, SourceSystem::InterpolSltd | SourceSystem::InterpolTdawn)
}

/// ESP-04, ESP-07, ESP-10: the systems a query goes to — those the profile queries, plus those
/// it can query that the caller names, each only if the caller may access it and, for Interpol,
/// only when the query cannot reveal itself.
pub fn systems_queried(
    profile: &EspProfile,
    caller: &Principal,
    also_query: &[SourceSystem],
    interpol_no_reveal: bool,
) -> Vec<SourceSystem> {
    let named = profile.systems_that_can_be_queried.iter().filter(|s| also_query.contains(s));
    profile
        .systems_to_query
        .iter()
        .chain(named)
        .copied()
        .filter(|s| caller.may_access(*s))
        .filter(|s| interpol_may_be_queried(*s, interpol_no_reveal))
        .collect()
}

/// ESP-04: of the systems queried, those whose answers the profile receives; the others are
/// neither answered for nor mentioned.
pub fn systems_replying(profile: &EspProfile, queried: &[SourceSystem]) -> Vec<SourceSystem> {
    queried.iter().copied().filter(|s| profile.systems_that_reply.contains(s)).collect()
}

/// ESP-05: whether a reply under `profile` may carry data of `category`.
pub fn reply_carries(profile: &EspProfile, category: DataCategory) -> bool {
    profile.reply_categories.contains(&category)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ProfileId;
    use crate::reference::default_profiles;

    fn profile() -> EspProfile {
        let mut p = default_profiles(crate::model::Date::new(2026, 1, 1).unwrap())
            .into_iter()
            .find(|p| p.systems_to_query.contains(&SourceSystem::InterpolSltd))
            .expect("a default profile querying Interpol SLTD");
        p.systems_that_can_be_queried = vec![SourceSystem::EcrisTcn];
        p
    }

    fn officer() -> Principal {
        super::super::officer_with_access(&SourceSystem::ALL)
    }

    #[test]
    fn esp_07_interpol_only_without_reveal() {
        let (p, me) = (profile(), officer());
        assert!(systems_queried(&p, &me, &[], true).contains(&SourceSystem::InterpolSltd));
        assert!(!systems_queried(&p, &me, &[], false).contains(&SourceSystem::InterpolSltd));
    }

    #[test]
    fn esp_10_named_systems_only_when_named_and_allowed() {
        let (p, mut me) = (profile(), officer());
        assert!(!systems_queried(&p, &me, &[], true).contains(&SourceSystem::EcrisTcn));
        assert!(systems_queried(&p, &me, &[SourceSystem::EcrisTcn], true).contains(&SourceSystem::EcrisTcn));
        me.access.retain(|s| *s != SourceSystem::EcrisTcn);
        assert!(!systems_queried(&p, &me, &[SourceSystem::EcrisTcn], true).contains(&SourceSystem::EcrisTcn));
        let mut request = SearchRequest::new(ProfileId::new("X").unwrap());
        request.also_query = vec![SourceSystem::Eurodac];
        let refused = refused_query(&p, &request);
        assert_eq!(refused.len(), usize::from(!p.systems_to_query.contains(&SourceSystem::Eurodac)));
    }
}
