//! The European Search Portal: one query, every system the caller's profile queries, nothing
//! about the rest (Arts 8–11).

use std::collections::{BTreeMap, BTreeSet};

use async_trait::async_trait;
use futures_util::StreamExt;
use futures_util::stream::FuturesUnordered;

use crate::api::{Error, Result, SearchPortal, SourceResultStream};
use crate::model::{
    Component, DataCategory, DataType, EspProfile, FailureNotice, IdentityData, IdentityQuery,
    IdentityVerdict, LinkColour, LinkIndication, LogEvent, MatchBasis, Principal, RecordRef, ResultItem,
    SearchRequest, SourceBehaviour, SourceOutcome, SourceResult, SourceSystem, StoredRecord,
};

use super::alphanumeric::{AlphanumericQuery, query_verdict};
use super::config::ReferenceConfig;
use super::handle::Handle;
use super::mid::visibility::{can_see, end_for};
use super::rules;
use super::state::State;
use super::templates;
use crate::matching::identity::rank::{RankProfile, RankWeights, RarityScale, rank_score};
use crate::matching::identity::{PreparedIdentity, compare_prepared};

const FALLBACK_ADVICE: &str = "the system did not answer: query it directly under its own rules (Art 11)";

/// The records of `system` an alphanumeric query is checked against. When the search gives a
/// date of birth and no document, only records whose date of birth can agree with it can
/// match (a given date must be equal or similar), so the candidate index replaces the scan of
/// the repository; the results are the same (property test `index_and_scan_agree`).
fn searched<'s>(
    state: &'s State,
    system: SourceSystem,
    by_date: Option<&IdentityData>,
) -> Vec<&'s StoredRecord> {
    match by_date {
        Some(query) => state
            .identity_index
            .candidates_any_sex(query)
            .into_iter()
            .filter(|r| r.system == system)
            .filter_map(|r| state.records.get(r))
            .collect(),
        None => state.records.values().filter(|r| r.reference.system == system).collect(),
    }
}

/// The identity data to look up in the candidate index instead of scanning: a query with a
/// date of birth and no document data.
fn index_probe(request: &SearchRequest) -> Option<IdentityData> {
    let no_document = request.travel_document.as_ref().is_none_or(|d| d.fields().is_empty());
    request
        .identity
        .as_ref()
        .filter(|q| q.date_of_birth.is_some() && no_document)
        .map(IdentityQuery::to_identity_data)
}

/// The records of `system` the query matches, with why; `biometric_hits` are the records of
/// `system` the sBMS found with the query's biometric data.
fn matches_in(
    state: &State,
    config: &ReferenceConfig,
    identity: &AlphanumericQuery,
    document: &AlphanumericQuery,
    biometric_hits: &[RecordRef],
    system: SourceSystem,
    by_date: Option<&IdentityData>,
) -> BTreeMap<RecordRef, Vec<MatchBasis>> {
    let mut found: BTreeMap<RecordRef, Vec<MatchBasis>> = BTreeMap::new();
    for record in searched(state, system, by_date) {
        if identity.matches(state, record, config) {
            found.entry(record.reference.clone()).or_default().push(MatchBasis::IdentityData);
        }
        if document.matches(state, record, config) {
            found.entry(record.reference.clone()).or_default().push(MatchBasis::TravelDocument);
        }
    }
    for record in biometric_hits {
        found.entry(record.clone()).or_default().push(MatchBasis::Biometrics);
    }
    found
}

/// Builds the item of a record: only the categories the profile may receive (ESP-05) and only
/// the links the caller may see (MID-12); `matched` are the records the query itself matched,
/// for green links (Art 26(4)).
fn item(
    state: &State,
    me: &Principal,
    profile: &EspProfile,
    record: &RecordRef,
    matched_by: Vec<MatchBasis>,
    matched: &BTreeSet<RecordRef>,
    identity_verdict: Option<IdentityVerdict>,
) -> Option<ResultItem> {
    let stored = state.records.get(record)?;
    let may = |c: DataCategory| rules::esp::reply_carries(profile, c);
    let links = if may(DataCategory::Links) {
        state
            .links_of(record)
            .into_iter()
            .filter(|l| {
                let other = l.other_end(record);
                can_see(me, l.colour, [&l.records[0], &l.records[1]], &l.responsible, matched.contains(other))
            })
            .map(|l| LinkIndication {
                sin: l.sin.clone(),
                colour: l.colour,
                other: end_for(me, l.other_end(record)),
                same_person: match l.colour {
                    LinkColour::White => Some(true),
                    LinkColour::Green => Some(false),
                    LinkColour::Red | LinkColour::Yellow => None,
                },
            })
            .collect()
    } else {
        Vec::new()
    };
    Some(ResultItem {
        record: record.clone(),
        matched_by,
        identity: may(DataCategory::IdentityData).then(|| stored.data.identity.clone()),
        travel_documents: if may(DataCategory::TravelDocumentData) {
            stored.data.travel_documents.clone()
        } else {
            Vec::new()
        },
        biometrics: may(DataCategory::BiometricData).then(|| stored.data.biometrics.clone()),
        alert: if may(DataCategory::AlertData) { stored.data.sis_alert } else { None },
        links,
        identity_verdict: identity_verdict.filter(|_| may(DataCategory::IdentityData)),
    })
}

/// How a source's items are ordered when the query gives identity data: by the ranked search
/// score (`matching::identity::rank`: per-field agreement weights, blank fields neutral, an
/// exact name weighed by its rarity among the stored records), best
/// first, ties by record; each item carries the DR 2023/333 verdict beside its place. Without
/// identity data the items stay in record order.
struct Ranking<'c, 'q> {
    query: Option<(&'q IdentityQuery, PreparedIdentity, RankProfile)>,
    config: &'c ReferenceConfig,
    weights: RankWeights,
}

impl<'c, 'q> Ranking<'c, 'q> {
    fn new(query: Option<&'q IdentityQuery>, config: &'c ReferenceConfig) -> Self {
        let query = query.filter(|q| !q.is_empty()).map(|q| {
            let prepared = PreparedIdentity::new(&q.to_identity_data());
            let profile = RankProfile::new(&prepared);
            (q, prepared, profile)
        });
        Ranking { query, config, weights: RankWeights::default() }
    }

    /// The verdict on `record`'s identity data over the categories the query gives.
    fn verdict(&self, state: &State, record: &RecordRef) -> Option<IdentityVerdict> {
        let (query, prepared, _) = self.query.as_ref()?;
        let theirs = state.prepared.get(record)?;
        Some(query_verdict(query, &compare_prepared(prepared, theirs, &self.config.similarity)))
    }

    /// Orders a source's items, each with its verdict, by rank score, best first; equal scores
    /// by verdict (SAME first), then by record. Without identity data in the query, as given.
    fn order(&self, state: &State, items: Vec<(Option<IdentityVerdict>, ResultItem)>) -> Vec<ResultItem> {
        let Some((_, _, probe)) = &self.query else {
            return items.into_iter().map(|(_, item)| item).collect();
        };
        let mut keyed: Vec<(f32, u8, ResultItem)> = items
            .into_iter()
            .map(|(verdict, item)| {
                let score = state.prepared.get(&item.record).map_or(f32::NEG_INFINITY, |p| {
                    let mut candidate = RankProfile::new(p);
                    state.name_frequencies.adjust(std::iter::once(&mut candidate), &RarityScale::default());
                    rank_score(probe, &candidate, &self.weights)
                });
                let tier = match verdict {
                    Some(IdentityVerdict::Same) => 0u8,
                    Some(IdentityVerdict::Similar) => 1,
                    _ => 2,
                };
                (score, tier, item)
            })
            .collect();
        keyed.sort_by(|a, b| {
            b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)).then_with(|| a.2.record.cmp(&b.2.record))
        });
        keyed.into_iter().map(|(_, _, item)| item).collect()
    }
}

impl Handle {
    /// The answers of the queried systems, and the query's log entry and counts: extraction, the
    /// 1:N searches and the scans, CPU work that `search` runs off the async runtime.
    fn search_results(
        &self,
        me: &Principal,
        profile: &EspProfile,
        request: &SearchRequest,
        queried: &[SourceSystem],
        replying: &[SourceSystem],
    ) -> Result<BTreeMap<SourceSystem, SourceResult>> {
        let now = self.core.now();
        let config = &self.core.config;
        let probe = match &request.biometrics {
            Some(bio) if bio.has_matchable_data() => Some(templates::prepare_probe(bio, config)?),
            _ => None,
        };
        let available: Vec<SourceSystem> = queried
            .iter()
            .copied()
            .filter(|s| self.core.behaviour(*s) != SourceBehaviour::Unavailable)
            .collect();
        // The biometric part first, through the sBMS's own store: the 1:N searches hold no
        // lock of the record store.
        let biometric_hits: BTreeMap<SourceSystem, Vec<RecordRef>> = match &probe {
            Some(probe) => self.core.identification(|| {
                available
                    .iter()
                    .map(|system| {
                        let found = self.core.templates.identify(probe, &[*system], 50, &config.thresholds);
                        (*system, found.into_iter().map(|m| m.record).collect())
                    })
                    .collect()
            }),
            None => BTreeMap::new(),
        };
        let mut results: BTreeMap<SourceSystem, SourceResult> = BTreeMap::new();
        {
            let state = self.core.records();
            let ranking = Ranking::new(request.identity.as_ref(), config);
            let identity = AlphanumericQuery::new(request.identity.as_ref(), None);
            let document = AlphanumericQuery::new(None, request.travel_document.as_ref());
            let by_date = index_probe(request);
            let mut per_system: BTreeMap<SourceSystem, BTreeMap<RecordRef, Vec<MatchBasis>>> =
                BTreeMap::new();
            for system in &available {
                let hits = biometric_hits.get(system).map(Vec::as_slice).unwrap_or_default();
                let found = matches_in(&state, config, &identity, &document, hits, *system, by_date.as_ref());
                per_system.insert(*system, found);
            }
            let matched: BTreeSet<RecordRef> = per_system.values().flat_map(|m| m.keys().cloned()).collect();
            // MID-13: the data white-linked to matched records, where the caller may see them.
            let mut via_white: BTreeMap<SourceSystem, BTreeSet<RecordRef>> = BTreeMap::new();
            for record in &matched {
                for link in state.links_of(record) {
                    let other = link.other_end(record);
                    let visible = can_see(
                        me,
                        link.colour,
                        [&link.records[0], &link.records[1]],
                        &link.responsible,
                        false,
                    );
                    if link.colour == LinkColour::White
                        && visible
                        && !matched.contains(other)
                        && per_system.contains_key(&other.system)
                    {
                        via_white.entry(other.system).or_default().insert(other.clone());
                    }
                }
            }
            for system in replying {
                let result = match per_system.get(system) {
                    None => SourceResult {
                        source: *system,
                        outcome: SourceOutcome::Unavailable,
                        items: Vec::new(),
                        fallback: Some(FALLBACK_ADVICE.into()),
                    },
                    Some(found) => {
                        // The records the query matched, then those white-linked to them.
                        let white = via_white.get(system).into_iter().flatten();
                        let answered = found
                            .iter()
                            .map(|(r, why)| (r, why.clone()))
                            .chain(white.map(|r| (r, vec![MatchBasis::WhiteLink])));
                        let items = ranking.order(
                            &state,
                            answered
                                .filter_map(|(r, why)| {
                                    let verdict = ranking.verdict(&state, r);
                                    item(&state, me, profile, r, why, &matched, verdict).map(|i| (verdict, i))
                                })
                                .collect(),
                        );
                        let outcome =
                            if items.is_empty() { SourceOutcome::NoHit } else { SourceOutcome::Hit };
                        SourceResult { source: *system, outcome, items, fallback: None }
                    }
                };
                results.insert(*system, result);
            }
            let mut data_types = Vec::new();
            if request.identity.as_ref().is_some_and(|q| !q.is_empty()) {
                data_types.push(DataType::IdentityData);
            }
            if request.travel_document.as_ref().is_some_and(|d| !d.fields().is_empty()) {
                data_types.push(DataType::TravelDocumentData);
            }
            if let Some(p) = &probe {
                data_types.extend(p.modalities().into_iter().map(DataType::from));
            }
            // LOG-03, POLICY LOG-P1: the biometric data that launched the query, as digests.
            let biometric_data = match (&probe, &request.biometrics) {
                (Some(_), Some(bio)) => super::logs::biometric_query_data(bio),
                _ => Vec::new(),
            };
            self.core.logs().append_query(
                Component::Esp,
                now,
                self.requester(),
                LogEvent::EspQuery {
                    profile: profile.id.clone(),
                    systems_queried: queried.to_vec(),
                    data_types,
                },
                biometric_data,
            );
            *self.core.statistics().esp_queries_per_profile.entry(profile.id.clone()).or_default() += 1;
            for s in queried
                .iter()
                .filter(|s| matches!(s, SourceSystem::InterpolSltd | SourceSystem::InterpolTdawn))
            {
                *self.core.statistics().interpol_queries.entry(*s).or_default() += 1;
            }
            *self.core.statistics().searches.entry((Component::Esp, probe.is_some())).or_default() += 1;
        }
        Ok(results)
    }

    /// The profile of the request if the caller holds it (ESP-10).
    fn profile_for(&self, request: &SearchRequest) -> Result<EspProfile> {
        let held = self.held_profiles()?;
        if let Some(p) = held.into_iter().find(|p| p.id == request.profile) {
            return Ok(p);
        }
        Err(self.deny(
            Component::Esp,
            "search",
            format!("the caller holds no profile {}", request.profile),
            crate::requirement!("ESP-10"),
        ))
    }
}

#[async_trait]
impl SearchPortal for Handle {
    async fn search(&self, request: SearchRequest) -> Result<SourceResultStream> {
        let me = self.principal()?.clone();
        self.refuse_operator(Component::Esp, "search")?;
        self.check_component(Component::Esp)?;
        let profile = self.profile_for(&request)?;
        if request.fields().is_empty() {
            return Err(Error::invalid_field(crate::requirement!("ESP-02"), "", "the query carries no data"));
        }
        let refused = rules::esp::refused_query(&profile, &request);
        if !refused.is_empty() {
            // A refused field names the error's rule before a refused system.
            let rule = if refused.iter().any(|v| v.rule == "ESP-02") {
                crate::requirement!("ESP-02")
            } else {
                crate::requirement!("ESP-10")
            };
            return Err(Error::invalid(refused).with_rule(rule));
        }
        let queried =
            rules::esp::systems_queried(&profile, &me, &request.also_query, self.core.interpol_no_reveal());
        let replying = rules::esp::systems_replying(&profile, &queried);
        let results = self
            .off_runtime({
                let (me, profile, request) = (me.clone(), profile.clone(), request.clone());
                move |handle| handle.search_results(&me, &profile, &request, &queried, &replying)
            })
            .await??;
        // ESP-06: each source's answer is delivered when that source answers.
        let timeout = std::time::Duration::from_millis(self.core.config.esp_source_timeout_ms);
        let answers: FuturesUnordered<_> = results
            .into_values()
            .map(|result| {
                let behaviour = self.core.behaviour(result.source);
                async move {
                    let timed_out = SourceResult {
                        source: result.source,
                        outcome: SourceOutcome::TimedOut,
                        items: Vec::new(),
                        fallback: Some(FALLBACK_ADVICE.into()),
                    };
                    match behaviour {
                        SourceBehaviour::Normal | SourceBehaviour::Unavailable => Ok(result),
                        SourceBehaviour::Slow { delay_ms } => {
                            let delay = std::time::Duration::from_millis(delay_ms);
                            if delay >= timeout {
                                tokio::time::sleep(timeout).await;
                                Ok(timed_out)
                            } else {
                                tokio::time::sleep(delay).await;
                                Ok(result)
                            }
                        }
                        SourceBehaviour::Unresponsive => {
                            tokio::time::sleep(timeout).await;
                            Ok(timed_out)
                        }
                    }
                }
            })
            .collect();
        Ok(answers.boxed())
    }

    async fn failure_notices(&self) -> Result<Vec<FailureNotice>> {
        // Every authenticated user of the components is concerned (Arts 11(1), 17(4)).
        self.principal()?;
        Ok(self.core.health().notices())
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::model::{Organisation, RecordId, RecordWrite, Sex, Timestamp};
    use crate::synthetic::Rng;
    use crate::synthetic::identity::{IdentityGenerator, VariationKind};

    /// A state with a few persons recorded several times in two systems, varied as in real
    /// data (dates swapped or mistyped, partial, sexes and dates missing).
    fn population(seed: u64) -> (State, Vec<IdentityData>) {
        let mut generator = IdentityGenerator::new(seed);
        let mut rng = Rng::new(seed).fork(7);
        let mut state = State::default();
        let mut identities = Vec::new();
        let owner = Organisation::member_state("DEU").unwrap();
        for n in 0..60u32 {
            let person = generator.person();
            for copy in 0..3 {
                let kind = *rng.pick(&VariationKind::ALL);
                let mut identity =
                    generator.variant(&person, kind).map_or(person.identity.clone(), |v| v.identity);
                if rng.chance(0.1) {
                    identity.sex = None;
                }
                if rng.chance(0.05) {
                    identity.date_of_birth = None;
                }
                let system = if copy % 2 == 0 { SourceSystem::Ees } else { SourceSystem::Vis };
                let reference = RecordRef::new(system, RecordId::new(format!("R-{n}-{copy}")).unwrap());
                let record = StoredRecord {
                    reference: reference.clone(),
                    data: RecordWrite::new(owner, identity.clone()),
                    quality_flags: Vec::new(),
                    created_at: Timestamp::from_unix_millis(0),
                    updated_at: Timestamp::from_unix_millis(0),
                    version: 1,
                };
                state.index_record(&record);
                state.records.insert(reference, record);
                identities.push(identity);
            }
        }
        (state, identities)
    }

    fn query_of(identity: &IdentityData, rng: &mut Rng) -> IdentityQuery {
        IdentityQuery {
            surname: identity.surname.clone().filter(|_| rng.chance(0.7)),
            first_names: identity.first_names.clone().filter(|_| rng.chance(0.5)),
            date_of_birth: identity.date_of_birth,
            sex: identity.sex.filter(|_| rng.chance(0.5)).map(|s| if rng.chance(0.1) { Sex::X } else { s }),
            nationality: identity.nationalities.first().copied().filter(|_| rng.chance(0.3)),
            place_of_birth: None,
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 8, ..ProptestConfig::default() })]

        /// Queries with a date of birth give the same records through the candidate index as
        /// through the scan, in every system.
        #[test]
        fn index_and_scan_agree(seed in any::<u64>()) {
            let (state, identities) = population(seed);
            let config = ReferenceConfig::default();
            let mut rng = Rng::new(seed).fork(9);
            let mut matched = 0usize;
            for identity in identities.iter().filter(|i| i.date_of_birth.is_some()).take(60) {
                let query = query_of(identity, &mut rng);
                let alphanumeric = AlphanumericQuery::new(Some(&query), None);
                let probe = query.to_identity_data();
                for system in [SourceSystem::Ees, SourceSystem::Vis] {
                    let names = |by_date: Option<&IdentityData>| -> BTreeSet<RecordRef> {
                        searched(&state, system, by_date)
                            .into_iter()
                            .filter(|r| alphanumeric.matches(&state, r, &config))
                            .map(|r| r.reference.clone())
                            .collect()
                    };
                    let scanned = names(None);
                    prop_assert_eq!(&names(Some(&probe)), &scanned, "query {:?}", query);
                    matched += scanned.len();
                }
            }
            prop_assert!(matched >= 30, "too few matches to compare: {}", matched);
        }
    }
}
