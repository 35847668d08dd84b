//! Alphanumeric search shared by the ESP and the CIR: a query's identity and document data,
//! and whether a stored record matches it (every category the query gives equal or similar).

use crate::matching::identity::{PreparedIdentity, compare_prepared};
use crate::model::{
    CategoryVerdict, DocumentQuery, IdentityCategory, IdentityComparison, IdentityQuery, IdentityVerdict,
    StoredRecord,
};

use super::config::ReferenceConfig;
use super::state::State;

/// The categories a query gives.
fn given_categories(query: &IdentityQuery) -> Vec<IdentityCategory> {
    let mut given = Vec::new();
    if query.surname.is_some() || query.first_names.is_some() {
        given.push(IdentityCategory::Names);
    }
    if query.date_of_birth.is_some() {
        given.push(IdentityCategory::DateOfBirth);
    }
    if query.sex.is_some() {
        given.push(IdentityCategory::Sex);
    }
    if query.nationality.is_some() || query.place_of_birth.is_some() {
        given.push(IdentityCategory::NationalityOrPlaceOfBirth);
    }
    given
}

/// The verdict on a record for a query, over the categories the query gives (DR 2023/333's
/// rules, applied to what was asked): SAME when every one is equal, SIMILAR when every one is
/// equal or similar, otherwise DIFFERENT.
pub(crate) fn query_verdict(query: &IdentityQuery, comparison: &IdentityComparison) -> IdentityVerdict {
    let verdicts: Vec<Option<CategoryVerdict>> =
        given_categories(query).into_iter().map(|c| comparison.category(c).map(|c| c.verdict)).collect();
    if verdicts.iter().all(|v| *v == Some(CategoryVerdict::Equal)) {
        IdentityVerdict::Same
    } else if verdicts.iter().all(|v| matches!(v, Some(CategoryVerdict::Equal | CategoryVerdict::Similar))) {
        IdentityVerdict::Similar
    } else {
        IdentityVerdict::Different
    }
}

/// Whether every category the query gives agrees (equal or similar) with the record.
pub(crate) fn query_categories_agree(query: &IdentityQuery, comparison: &IdentityComparison) -> bool {
    query_verdict(query, comparison) != IdentityVerdict::Different
}

/// Alphanumeric query data, with the identity prepared once for all the comparisons.
pub(crate) struct AlphanumericQuery<'a> {
    identity: Option<(&'a IdentityQuery, PreparedIdentity)>,
    document: Option<&'a DocumentQuery>,
}

impl<'a> AlphanumericQuery<'a> {
    /// The query of the given identity and document data; empty parts are ignored.
    pub fn new(identity: Option<&'a IdentityQuery>, document: Option<&'a DocumentQuery>) -> Self {
        AlphanumericQuery {
            identity: identity
                .filter(|q| !q.is_empty())
                .map(|q| (q, PreparedIdentity::new(&q.to_identity_data()))),
            document: document.filter(|d| !d.fields().is_empty()),
        }
    }

    /// Whether there is anything to search with.
    pub fn is_empty(&self) -> bool {
        self.identity.is_none() && self.document.is_none()
    }

    /// Whether a stored record matches: every category the query gives is equal or similar,
    /// and a given document is held.
    pub fn matches(&self, state: &State, record: &StoredRecord, config: &ReferenceConfig) -> bool {
        if self.is_empty() {
            return false;
        }
        let identity_ok = self.identity.as_ref().is_none_or(|(q, prepared)| {
            state.prepared.get(&record.reference).is_some_and(|theirs| {
                let comparison = compare_prepared(prepared, theirs, &config.similarity);
                query_categories_agree(q, &comparison)
            })
        });
        let document_ok =
            self.document.is_none_or(|d| record.data.travel_documents.iter().any(|doc| d.matches(doc)));
        identity_ok && document_ok
    }
}
