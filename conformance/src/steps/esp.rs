//! The European Search Portal: searching, what replies may and may not contain, streaming,
//! Interpol, profiles, and the query log.

use std::collections::BTreeSet;
use std::time::Instant;

use cucumber::{then, when};
use futures_util::StreamExt;
use jha_interop::api::ErrorKind;
use jha_interop::model::*;

use super::{SamePerson, Spelled, Spelling};
use crate::failure::{Failure, StepResult};
use crate::role::Role;
use crate::world::{ConformanceWorld, TimedSearch};
use crate::{ensure, fail};

/// Systems whose answers the profile delivers and the caller may see.
fn visible_systems(profile: &EspProfile, me: &Principal, interpol_allowed: bool) -> Vec<SourceSystem> {
    profile
        .systems_to_query
        .iter()
        .copied()
        .filter(|s| profile.systems_that_reply.contains(s) && me.may_access(*s))
        .filter(|s| interpol_allowed || !is_interpol(*s))
        .collect()
}

fn is_interpol(s: SourceSystem) -> bool {
    matches!(s, SourceSystem::InterpolSltd | SourceSystem::InterpolTdawn)
}

impl ConformanceWorld {
    /// The first ESP profile `role` holds that queries systems.
    pub(crate) async fn search_profile(&mut self, role: &Role) -> Result<EspProfile, Failure> {
        match self.held_search_profile(role).await? {
            Some(p) => Ok(p),
            None => fail!("{role} holds no ESP profile that queries a system"),
        }
    }

    async fn held_search_profile(&mut self, role: &Role) -> Result<Option<EspProfile>, Failure> {
        let session = self.session(role)?;
        match session.directory.profiles().await {
            Ok(profiles) => Ok(profiles.into_iter().find(|p| !p.systems_to_query.is_empty())),
            Err(e)
                if matches!(
                    e.kind,
                    ErrorKind::Forbidden | ErrorKind::NotFound | ErrorKind::Unauthenticated
                ) =>
            {
                Ok(None)
            }
            Err(e) => Err(e.into()),
        }
    }

    /// Runs a search as `role`, timing each source's answer; a refusal is kept as the last error.
    async fn search(&mut self, role: &Role, build: impl FnOnce(&mut SearchRequest)) -> StepResult {
        // A caller without a profile still asks, under the border profile's name, so that the
        // scenario sees the refusal (ESP-10).
        let profile = match self.held_search_profile(role).await? {
            Some(p) => p,
            None => EspProfile {
                id: ProfileId::new("border-check")?,
                description: "a profile the caller does not hold".into(),
                user_category: AuthorityKind::BorderAuthority,
                query_fields: Vec::new(),
                systems_to_query: Vec::new(),
                systems_that_can_be_queried: Vec::new(),
                systems_that_reply: Vec::new(),
                reply_categories: Vec::new(),
                cir_purposes: Vec::new(),
                mid_manual_verification: false,
                statistics: false,
                log_access: false,
                last_reviewed: Date::new(2026, 1, 1)?,
            },
        };
        let mut request = SearchRequest::new(profile.id.clone());
        build(&mut request);
        self.search_with(role, profile, request).await
    }

    async fn search_with(&mut self, role: &Role, profile: EspProfile, request: SearchRequest) -> StepResult {
        let session = self.session(role)?;
        let started = Instant::now();
        let mut stream = match session.search_portal.search(request.clone()).await {
            Ok(s) => s,
            Err(e) => {
                self.last_error = Some(e);
                self.last_search = None;
                return Ok(());
            }
        };
        let mut results = Vec::new();
        while let Some(item) = stream.next().await {
            match item {
                Ok(r) => results.push((started.elapsed().as_millis(), r)),
                Err(e) => fail!("the reply stream broke off with an error: {}", Failure::from(e)),
            }
        }
        self.last_error = None;
        self.last_search = Some(TimedSearch {
            role: *role,
            profile,
            request,
            results,
            finished_ms: started.elapsed().as_millis(),
        });
        Ok(())
    }

    pub(super) fn the_search(&self) -> Result<&TimedSearch, Failure> {
        if let Some(e) = &self.last_error {
            fail!("the search was refused: {}", Failure::from(e.clone()));
        }
        match &self.last_search {
            Some(s) => Ok(s),
            None => fail!("harness: no search was made"),
        }
    }

    fn result_of(&self, system: SourceSystem) -> Result<&SourceResult, Failure> {
        let search = self.the_search()?;
        match search.results.iter().find(|(_, r)| r.source == system) {
            Some((_, r)) => Ok(r),
            None => fail!(
                "the reply has no {system} result; it has {:?}",
                search.results.iter().map(|(_, r)| r.source).collect::<Vec<_>>()
            ),
        }
    }
}

fn identity_query(person: &str, born: PartialDate) -> Result<IdentityQuery, Failure> {
    let (first, surname) = crate::data::records::split_person_name(person)?;
    Ok(IdentityQuery {
        surname: Some(Name::new(surname)?),
        first_names: first.map(Name::new).transpose()?,
        date_of_birth: Some(born),
        ..IdentityQuery::default()
    })
}

#[when(regex = r"^(.+) searches for ([^()]+?) born (\S+)$")]
async fn searches_for_person(
    world: &mut ConformanceWorld,
    who: Role,
    person: String,
    born: PartialDate,
) -> StepResult {
    let query = identity_query(&person, born)?;
    world.search(&who, |r| r.identity = Some(query)).await
}

#[when(regex = r"^(.+) searches for travel document (\S+)$")]
async fn searches_for_document(world: &mut ConformanceWorld, who: Role, number: String) -> StepResult {
    let query = DocumentQuery { number: Some(DocumentNumber::new(number)?), ..DocumentQuery::default() };
    world.search(&who, |r| r.travel_document = Some(query)).await
}

#[when(regex = r"^(.+) searches with fingerprints ([A-Za-z0-9, ]+)$")]
async fn searches_with_fingers(world: &mut ConformanceWorld, who: Role, fingers: String) -> StepResult {
    let biometrics = world.samples.biometrics(&fingers, "")?;
    world.search(&who, |r| r.biometrics = Some(biometrics)).await
}

#[when(regex = r"^(.+) searches for ([^()]+?) born (\S+) under the profile of (.+)$")]
async fn searches_under_foreign_profile(
    world: &mut ConformanceWorld,
    who: Role,
    person: String,
    born: PartialDate,
    owner: Role,
) -> StepResult {
    let foreign = world.search_profile(&owner).await?;
    let mut request = SearchRequest::new(foreign.id.clone());
    request.identity = Some(identity_query(&person, born)?);
    world.search_with(&who, foreign, request).await
}

/// Searches with one field the role's profile does not allow, chosen from the profile.
#[when(regex = r"^(.+) searches with a field its profile does not allow$")]
async fn searches_with_forbidden_field(world: &mut ConformanceWorld, role: Role) -> StepResult {
    let profile = world.search_profile(&role).await?;
    let Some(field) = [QueryField::Face, QueryField::Fingerprints, QueryField::PlaceOfBirth]
        .into_iter()
        .find(|f| !profile.query_fields.contains(f))
    else {
        fail!("harness: profile {} allows every field this step can send", profile.id)
    };
    let mut request = SearchRequest::new(profile.id.clone());
    request.identity = Some(identity_query("Ana GARCÍA", "1990-05-07".parse()?)?);
    match field {
        QueryField::Face => {
            request.biometrics =
                Some(BiometricData { face: Some(world.samples.face("P9")), ..Default::default() })
        }
        QueryField::Fingerprints => request.biometrics = Some(world.samples.biometrics("F9", "")?),
        _ => {
            if let Some(q) = request.identity.as_mut() {
                q.place_of_birth = Some(PlaceName::new("BOGOTÁ")?);
            }
        }
    }
    world
        .kept
        .insert("forbidden-field".into(), serde_json::to_string(&field).unwrap_or_default().replace('"', ""));
    world.search_with(&role, profile, request).await
}

/// Searches by travel document and names a system besides those the profile always queries
/// (ESP-10).
#[when(regex = r"^(.+) searches for travel document (\S+), naming the ([A-Za-z_-]+)$")]
async fn searches_naming_system(
    world: &mut ConformanceWorld,
    who: Role,
    number: String,
    named: SourceSystem,
) -> StepResult {
    let query = DocumentQuery { number: Some(DocumentNumber::new(number)?), ..DocumentQuery::default() };
    world
        .search(&who, |r| {
            r.travel_document = Some(query);
            r.also_query = vec![named];
        })
        .await
}

#[then(regex = r"^the search is refused naming the system ([A-Za-z_-]+)$")]
async fn refused_naming_system(world: &mut ConformanceWorld, named: SourceSystem) -> StepResult {
    let e = world.refusal()?.clone();
    ensure!(
        e.kind == ErrorKind::Invalid,
        "refused with {} instead of 'invalid' (as a forbidden field, ESP-02)",
        e.kind
    );
    ensure!(
        e.violations.iter().any(|v| v.message.contains(named.code()) || v.field.contains(named.code())),
        "no violation names {named}: {:?}",
        e.violations
    );
    Ok(())
}

#[then(regex = r"^the reply holds nothing from the ([A-Za-z_-]+)$")]
async fn nothing_from(world: &mut ConformanceWorld, named: SourceSystem) -> StepResult {
    let search = world.the_search()?;
    ensure!(
        !search.results.iter().any(|(_, r)| r.source == named),
        "the reply answers for {named}, which the profile can query only when the caller names it"
    );
    Ok(())
}

#[then(regex = r"^the ESP log shows the ([A-Za-z_-]+) was (not )?queried$")]
async fn system_logged(world: &mut ConformanceWorld, named: SourceSystem, not: String) -> StepResult {
    let entry = world.logged_search().await?;
    let LogEvent::EspQuery { systems_queried, .. } = &entry.event else { fail!("unreachable") };
    let queried = systems_queried.contains(&named);
    ensure!(
        queried == not.is_empty(),
        "the ESP log shows {named} {}queried: {systems_queried:?}",
        if queried { "" } else { "not " }
    );
    Ok(())
}

#[then(regex = r"^the search is refused as unavailable$")]
async fn refused_unavailable(world: &mut ConformanceWorld) -> StepResult {
    let e = world.refusal()?;
    ensure!(e.kind == ErrorKind::Unavailable, "refused with {} instead of 'unavailable'", e.kind);
    Ok(())
}

/// Exactly one automated notice names the component, and it tells the caller to access the
/// systems directly (ESP-09).
#[then(regex = r"^(.+) is notified that the (ESP|CIR) failed and that it shall access the systems directly$")]
async fn notified_of_failure(
    world: &mut ConformanceWorld,
    who: Role,
    component: Spelled<Component>,
) -> StepResult {
    let (Spelled(component), name) = (component, component.0.spelling());
    let session = world.session(&who)?;
    let notices = session.search_portal.failure_notices().await?;
    let about: Vec<&FailureNotice> = notices.iter().filter(|n| n.component == component).collect();
    let [notice] = about.as_slice() else {
        fail!(
            "{who} has {} notices of the failure of the {name}; there must be exactly one: {notices:?}",
            about.len()
        )
    };
    ensure!(
        notice.access_systems_directly,
        "the notice of the {name}'s failure does not say to access the systems directly"
    );
    ensure!(
        notice.text.contains(name) && notice.text.to_lowercase().contains("directly"),
        "the notice's words do not name the {name} and the direct access: {:?}",
        notice.text
    );
    ensure!(
        notices.len() == 1,
        "{who} has notices of other failures too: {:?}",
        notices.iter().map(|n| n.component).collect::<Vec<_>>()
    );
    Ok(())
}

#[then(regex = r"^(.+) has no notice of a component failure$")]
async fn no_failure_notice(world: &mut ConformanceWorld, who: Role) -> StepResult {
    let session = world.session(&who)?;
    let notices = session.search_portal.failure_notices().await?;
    ensure!(notices.is_empty(), "{who} has notices of failures although no component failed: {notices:?}");
    Ok(())
}

#[then(regex = r"^the search is refused naming the field$")]
async fn refused_naming_field(world: &mut ConformanceWorld) -> StepResult {
    let e = world.refusal()?.clone();
    ensure!(e.kind == ErrorKind::Invalid, "refused with {} instead of 'invalid'", e.kind);
    let field = world.kept.get("forbidden-field").cloned().unwrap_or_default();
    let token = field.split('_').next().unwrap_or("").to_string();
    ensure!(
        e.violations.iter().any(|v| v.field.to_lowercase().contains(&token)),
        "no violation names the field {field}: {:?}",
        e.violations.iter().map(|v| &v.field).collect::<Vec<_>>()
    );
    Ok(())
}

#[then(regex = r"^the search is refused$")]
async fn search_refused(world: &mut ConformanceWorld) -> StepResult {
    let e = world.refusal()?;
    ensure!(
        matches!(e.kind, ErrorKind::Forbidden | ErrorKind::Unauthenticated | ErrorKind::Invalid),
        "refused with {} instead of 'forbidden'",
        e.kind
    );
    Ok(())
}

#[then(regex = r"^the reply has a result from every system the profile queries and the searcher may see$")]
async fn result_from_every_system(world: &mut ConformanceWorld) -> StepResult {
    let search = world.the_search()?.clone();
    let me = world.session(&search.role)?.directory.whoami().await?;
    let interpol = world.capabilities.has(Capability::InterpolNoReveal);
    let mut expected = visible_systems(&search.profile, &me, interpol);
    expected.sort();
    let mut got: Vec<SourceSystem> = search.results.iter().map(|(_, r)| r.source).collect();
    got.sort();
    ensure!(
        got == expected,
        "profile {} queries {:?} for this searcher; the reply answers for {got:?}",
        search.profile.id,
        expected
    );
    Ok(())
}

#[then(regex = r"^the ([A-Za-z_-]+) result holds records? ([A-Za-z0-9, ]+)$")]
async fn result_holds(world: &mut ConformanceWorld, system: SourceSystem, list: String) -> StepResult {
    let result = world.result_of(system)?.clone();
    let mut expected = BTreeSet::new();
    for label in super::labels(&list) {
        expected.insert(world.record(&label)?.reference.clone());
    }
    let held: BTreeSet<_> = result.items.iter().map(|i| i.record.clone()).collect();
    ensure!(
        held == expected && held.len() == result.items.len(),
        "the {} result should hold exactly {list}, each once; it holds {:?}",
        result.source,
        result.items.iter().map(|i| world.label_of(&i.record)).collect::<Vec<_>>()
    );
    Ok(())
}

#[then(regex = r"^the ([A-Za-z_-]+) result is (a hit|no hit|unavailable|timed out)$")]
async fn result_is(
    world: &mut ConformanceWorld,
    system: SourceSystem,
    wanted: Spelled<SourceOutcome>,
) -> StepResult {
    let result = world.result_of(system)?;
    let Spelled(wanted) = wanted;
    ensure!(result.outcome == wanted, "the {} result is {:?}, not {wanted:?}", result.source, result.outcome);
    Ok(())
}

#[then(regex = r"^every result item names the system that holds it$")]
async fn items_name_their_system(world: &mut ConformanceWorld) -> StepResult {
    let search = world.the_search()?.clone();
    let mut items = 0;
    for (_, result) in &search.results {
        for item in &result.items {
            items += 1;
            ensure!(
                item.record.system == result.source,
                "an item of the {} result names {}",
                result.source,
                item.record.system
            );
        }
    }
    ensure!(items > 0, "the reply holds no item to check");
    for (label, entry) in world.records() {
        for (_, result) in &search.results {
            for item in &result.items {
                if item.record.id == entry.reference.id {
                    ensure!(item.record == entry.reference, "record {label} is reported as {}", item.record);
                }
            }
        }
    }
    Ok(())
}

#[then(regex = r"^the reply holds no trace of the systems the searcher may not access$")]
async fn no_trace(world: &mut ConformanceWorld) -> StepResult {
    let search = world.the_search()?.clone();
    let me = world.session(&search.role)?.directory.whoami().await?;
    for (_, result) in &search.results {
        ensure!(
            me.may_access(result.source),
            "the reply answers for {}, which the searcher may not access",
            result.source
        );
        for item in &result.items {
            ensure!(me.may_access(item.record.system), "the reply holds an item of {}", item.record.system);
            for link in &item.links {
                if !me.may_access(link.other.system) {
                    ensure!(
                        link.other.record.is_none(),
                        "a link indication shows a record of {}",
                        link.other.system
                    );
                }
            }
        }
    }
    reply_hides(world, &search, |s| !me.may_access(s), "a system the searcher may not access")
}

/// Red links may show the other system (Art 26(2)); nothing else in the reply of `search` may
/// name a system `hidden` holds true for (no result, item, link indication, status or advice),
/// nor the ID of a scenario record it holds; `why` says what those systems are.
pub(super) fn reply_hides(
    world: &ConformanceWorld,
    search: &TimedSearch,
    hidden: impl Fn(SourceSystem) -> bool,
    why: &str,
) -> StepResult {
    let mut shown = search.results.iter().map(|(_, r)| r.clone()).collect::<Vec<_>>();
    for result in &mut shown {
        for item in &mut result.items {
            item.links.retain(|l| l.colour != LinkColour::Red);
        }
    }
    let json = serde_json::to_value(&shown).map_err(|e| Failure(e.to_string()))?;
    let mut strings = Vec::new();
    json_strings(&json, &mut strings);
    for system in SourceSystem::ALL.into_iter().filter(|s| hidden(*s)) {
        let code = serde_json::to_value(system).map_err(|e| Failure(e.to_string()))?;
        ensure!(
            !strings.iter().any(|s| Some(s.as_str()) == code.as_str()),
            "the reply names {system}, {why}"
        );
    }
    let text = json.to_string();
    let mut planted = 0;
    for (label, entry) in world.records() {
        if hidden(entry.reference.system) {
            planted += 1;
            ensure!(
                !text.contains(entry.reference.id.as_str()),
                "the reply mentions record {label} of the {}, {why}",
                entry.reference.system
            );
        }
    }
    ensure!(planted > 0, "harness: the scenario holds no record of {why}");
    Ok(())
}

/// Every string value of a JSON value (object keys excluded).
fn json_strings(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(a) => a.iter().for_each(|v| json_strings(v, out)),
        serde_json::Value::Object(o) => o.values().for_each(|v| json_strings(v, out)),
        _ => {}
    }
}

#[then(regex = r"^no result item carries data outside the reply categories of the profile$")]
async fn reply_categories(world: &mut ConformanceWorld) -> StepResult {
    let search = world.the_search()?.clone();
    let may = |c| search.profile.reply_categories.contains(&c);
    let mut items = 0;
    for (_, result) in &search.results {
        for item in &result.items {
            items += 1;
            let present = [
                (item.identity.is_some(), DataCategory::IdentityData),
                (!item.travel_documents.is_empty(), DataCategory::TravelDocumentData),
                (item.biometrics.is_some(), DataCategory::BiometricData),
                (item.alert.is_some(), DataCategory::AlertData),
                (!item.links.is_empty(), DataCategory::Links),
            ];
            for (shown, category) in present {
                ensure!(
                    !shown || may(category),
                    "an item of {} carries {category:?}, which profile {} may not receive",
                    item.record,
                    search.profile.id
                );
            }
            if may(DataCategory::IdentityData) {
                ensure!(
                    item.identity.is_some(),
                    "an item of {} lacks the identity data the profile may receive",
                    item.record
                );
            }
        }
    }
    ensure!(items > 0, "the reply holds no item to check");
    Ok(())
}

#[then(
    regex = r"^the reply shows the link joining ([A-Za-z][A-Za-z0-9]*) and ([A-Za-z][A-Za-z0-9]*) as (the same person|not the same person)$"
)]
async fn reply_shows_link(
    world: &mut ConformanceWorld,
    a: String,
    b: String,
    verdict: Spelled<SamePerson>,
) -> StepResult {
    let search = world.the_search()?.clone();
    let refs = [world.record(&a)?.reference.clone(), world.record(&b)?.reference.clone()];
    let wanted = verdict.0 == SamePerson::Same;
    let indications: Vec<&LinkIndication> = search
        .results
        .iter()
        .flat_map(|(_, r)| &r.items)
        .filter(|i| refs.contains(&i.record))
        .flat_map(|i| &i.links)
        .collect();
    let Some(shown) = indications.iter().find(|l| refs.iter().any(|r| l.other.system == r.system)) else {
        fail!("no item of {a} or {b} in the reply shows their link ({} link indications)", indications.len())
    };
    ensure!(
        shown.same_person == Some(wanted),
        "the reply shows the link {} as {:?} with same_person {:?}; it should say {verdict}",
        shown.sin,
        shown.colour,
        shown.same_person
    );
    Ok(())
}

#[then(regex = r"^the ([A-Za-z_-]+) result arrives before the ([A-Za-z_-]+) result$")]
async fn arrives_before(world: &mut ConformanceWorld, f: SourceSystem, s: SourceSystem) -> StepResult {
    let search = world.the_search()?;
    let at = |s: SourceSystem| search.results.iter().find(|(_, r)| r.source == s).map(|(t, _)| *t);
    let (Some(tf), Some(ts)) = (at(f), at(s)) else { fail!("the reply lacks the {f} or the {s} result") };
    ensure!(tf < ts, "the {f} result arrived at {tf} ms, after the {s} result at {ts} ms");
    Ok(())
}

#[then(regex = r"^the first result arrives within (\d+) ms$")]
async fn first_within(world: &mut ConformanceWorld, ms: u128) -> StepResult {
    let search = world.the_search()?;
    let Some((t, r)) = search.results.first() else { fail!("the reply is empty") };
    ensure!(*t <= ms, "the first result ({}) arrived after {t} ms; partial results must not wait", r.source);
    Ok(())
}

#[then(regex = r"^the whole reply arrives within (\d+) ms$")]
async fn whole_within(world: &mut ConformanceWorld, ms: u128) -> StepResult {
    let search = world.the_search()?;
    ensure!(search.finished_ms <= ms, "the reply took {} ms", search.finished_ms);
    Ok(())
}

#[then(regex = r"^the ([A-Za-z_-]+) result advises querying the system directly$")]
async fn fallback_advice(world: &mut ConformanceWorld, system: SourceSystem) -> StepResult {
    let result = world.result_of(system)?;
    ensure!(
        result.fallback.as_deref().is_some_and(|f| !f.trim().is_empty()),
        "the {} result gives no fall-back advice (Art 11)",
        result.source
    );
    Ok(())
}

#[then(regex = r"^the reply has no Interpol result$")]
async fn no_interpol(world: &mut ConformanceWorld) -> StepResult {
    let search = world.the_search()?;
    let interpol: Vec<SourceSystem> =
        search.results.iter().map(|(_, r)| r.source).filter(|s| is_interpol(*s)).collect();
    ensure!(interpol.is_empty(), "the reply answers for {interpol:?} although the query could reveal itself");
    Ok(())
}

#[then(regex = r"^the ESP log shows Interpol was not queried$")]
async fn interpol_not_logged(world: &mut ConformanceWorld) -> StepResult {
    let entry = world.logged_search().await?;
    let LogEvent::EspQuery { systems_queried, .. } = &entry.event else { fail!("unreachable") };
    ensure!(
        !systems_queried.iter().any(|s| is_interpol(*s)),
        "the ESP log shows Interpol queried: {systems_queried:?}"
    );
    Ok(())
}

/// The data types a search request uses, as its log must record them.
fn data_types_of(request: &SearchRequest) -> Vec<DataType> {
    let mut types = Vec::new();
    if request.identity.is_some() {
        types.push(DataType::IdentityData);
    }
    if request.travel_document.is_some() {
        types.push(DataType::TravelDocumentData);
    }
    if let Some(b) = &request.biometrics {
        if !b.fingerprints.is_empty() || b.ansi_nist.is_some() {
            types.push(DataType::Fingerprint);
        }
        if b.face.is_some() {
            types.push(DataType::Face);
        }
    }
    types.sort();
    types
}

impl ConformanceWorld {
    /// The one ESP log entry of the last search: by its searcher, under its profile, within the
    /// time the search took (or at the time test control set). Fails unless exactly one exists.
    async fn logged_search(&mut self) -> Result<LogEntry, Failure> {
        let search = self.the_search()?.clone();
        let me = self.session(&search.role)?.directory.whoami().await?;
        let logs = self.all_logs().await?;
        let mine: Vec<&LogEntry> = logs
            .iter()
            .filter(|e| {
                matches!(&e.event, LogEvent::EspQuery { profile, .. } if *profile == search.profile.id)
                    && e.requester
                        .as_ref()
                        .is_some_and(|r| r.authority == me.authority && r.user_id == me.user_id)
            })
            .collect();
        let [entry] = mine.as_slice() else {
            fail!(
                "{} ESP log entries record the search of {} under profile {}; there must be exactly one (the requester's Member State or agency and kind, and the profile, must be logged)",
                mine.len(),
                search.role,
                search.profile.id
            )
        };
        Ok((*entry).clone())
    }
}

#[then(
    regex = r"^the ESP log holds the search with the searcher's Member State, its profile, the time and the systems queried$"
)]
async fn search_logged(world: &mut ConformanceWorld) -> StepResult {
    let search = world.the_search()?.clone();
    let entry = world.logged_search().await?;
    let LogEvent::EspQuery { systems_queried, data_types, .. } = &entry.event else { fail!("unreachable") };
    ensure!(entry.component == Component::Esp, "the search is logged by {:?}, not the ESP", entry.component);
    let mut replied: Vec<SourceSystem> = search.results.iter().map(|(_, r)| r.source).collect();
    replied.sort();
    let mut logged = systems_queried.clone();
    logged.sort();
    ensure!(
        logged == replied,
        "the log records the systems queried as {logged:?}; the reply came from {replied:?}"
    );
    let mut types = data_types.clone();
    types.sort();
    let asked = data_types_of(&search.request);
    ensure!(types == asked, "the log records data types {types:?}; the query used {asked:?}");
    // The time of the query, where test control set the clock (a target's own clock cannot
    // be compared with the harness's).
    if let Some(clock) = world.kept.get("clock") {
        let at: Timestamp = clock.parse()?;
        let until = Timestamp::from_unix_millis(at.unix_millis() + 60_000);
        ensure!(
            entry.at >= at && entry.at <= until,
            "the log dates the search {}; it was made at {at}, the time test control set",
            entry.at
        );
    }
    Ok(())
}

#[then(regex = r"^no search was logged$")]
async fn nothing_logged(world: &mut ConformanceWorld) -> StepResult {
    let logs = world.all_logs().await?;
    let queries = logs.iter().filter(|e| matches!(e.event, LogEvent::EspQuery { .. })).count();
    ensure!(
        queries == 0,
        "{queries} search(es) were logged although the query was refused before any system was queried"
    );
    Ok(())
}

#[then(
    regex = r"^the profiles of (.+) are data listing query fields, systems to query, systems that reply and reply categories$"
)]
async fn profiles_are_data(world: &mut ConformanceWorld, role: Role) -> StepResult {
    let session = world.session(&role)?;
    let profiles = session.directory.profiles().await?;
    ensure!(!profiles.is_empty(), "{role} holds no profile");
    let me = session.directory.whoami().await?;
    for p in &profiles {
        ensure!(
            p.user_category == me.authority.kind,
            "profile {} is for {:?}, not {:?}",
            p.id,
            p.user_category,
            me.authority.kind
        );
        ensure!(!p.query_fields.is_empty(), "profile {} lists no query fields", p.id);
        ensure!(!p.systems_to_query.is_empty(), "profile {} lists no systems to query", p.id);
        ensure!(!p.reply_categories.is_empty(), "profile {} lists no reply categories", p.id);
        ensure!(
            p.systems_that_reply
                .iter()
                .all(|s| p.systems_to_query.contains(s) || p.systems_that_can_be_queried.contains(s)),
            "profile {} has replying systems it neither queries nor can query",
            p.id
        );
        ensure!(
            !p.systems_that_can_be_queried.iter().any(|s| p.systems_to_query.contains(s)),
            "profile {} lists a system both as always queried and as queried only when named",
            p.id
        );
        ensure!(!p.description.trim().is_empty(), "profile {} has no description of its purpose", p.id);
    }
    Ok(())
}

#[then(regex = r"^(.+) is told the profiles are due for review$")]
async fn due_for_review(world: &mut ConformanceWorld, who: Role) -> StepResult {
    let session = world.session(&who)?;
    let due = session.directory.profiles_due_for_review().await?;
    ensure!(!due.is_empty(), "no profile is reported as due for review");
    Ok(())
}

#[then(regex = r"^(.+) is told no profile is due for review$")]
async fn none_due(world: &mut ConformanceWorld, who: Role) -> StepResult {
    let session = world.session(&who)?;
    let due = session.directory.profiles_due_for_review().await?;
    ensure!(due.is_empty(), "{} profile(s) reported due although reviewed within the year", due.len());
    Ok(())
}

/// The same searches as preconditions: they must succeed.
#[cucumber::given(regex = r"^(.+) searches for ([^()]+?) born (\S+)$")]
async fn searched_for_person(
    world: &mut ConformanceWorld,
    who: Role,
    person: String,
    born: PartialDate,
) -> StepResult {
    searches_for_person(world, who, person, born).await?;
    world.the_search().map(|_| ())
}

#[cucumber::given(regex = r"^(.+) searches with fingerprints ([A-Za-z0-9, ]+)$")]
async fn searched_with_fingers(world: &mut ConformanceWorld, who: Role, fingers: String) -> StepResult {
    searches_with_fingers(world, who, fingers).await?;
    world.the_search().map(|_| ())
}
