//! Multiple-identity detection on a record write (Arts 27–28, MID-01..06, MID-17).

use std::collections::{BTreeMap, BTreeSet};

use crate::matching::identity::{compare_prepared, may_match_prepared};
use crate::model::{
    BiometricBasis, Component, DataType, DocumentBasis, IdentityComparison, IdentityVerdict, LinkBasis,
    LinkColour, LinkEvent, LogEvent, RecordRef, Sin, StoredRecord, Timestamp,
};

use super::super::rules::mid::{in_detection_scope, same_travel_document, systems_compared};
use super::super::shared::Core;
use super::super::state::{Link, State};
use super::authority::{LinkedParty, verifying_authority};
use super::colour::automatic_colour;
use super::{close_colour_period, erase_link};

/// The comparison of the written record with one other record.
struct Evaluation {
    basis: LinkBasis,
    comparison: IdentityComparison,
    colour: Option<LinkColour>,
}

fn party(record: &StoredRecord) -> LinkedParty {
    LinkedParty { system: record.reference.system, owner: record.data.owner, alert: record.data.sis_alert }
}

/// Runs detection for `record`, just written, and creates, updates or erases its links.
pub(crate) fn run(state: &mut State, core: &Core, record: &RecordRef, now: Timestamp) {
    let config = &core.config;
    let Some(new) = state.records.get(record).cloned() else { return };
    if !in_detection_scope(&new) {
        // MID-01: an SIS alert of another kind triggers no detection; an alert amended into
        // such a kind leaves the MID, and its links with it.
        let sins: Vec<Sin> = state.links_of(record).iter().map(|l| l.sin.clone()).collect();
        for sin in sins {
            erase_link(state, core, &sin, now, "SIS alert of a kind outside Art 27(1) (MID-01)", None);
        }
        return;
    }
    let systems = systems_compared(record.system);

    // Art 27(2): biometric search through the sBMS.
    let probe = core.templates.record_probe(record);
    let biometric_hits = probe
        .as_ref()
        .map(|probe| {
            core.templates.search_record(
                record,
                probe,
                &systems,
                &config.thresholds,
                config.detection_exhaustive_below,
            )
        })
        .unwrap_or_default();
    if probe.is_some() {
        let event = LogEvent::BiometricSearch {
            systems_queried: systems.iter().copied().filter(|s| s.has_biometric_templates()).collect(),
            data_types: core.templates.modalities(record).into_iter().map(DataType::from).collect(),
            candidates: biometric_hits.len() as u32,
            results: biometric_hits.iter().map(|c| c.record.clone()).collect(),
            result_at: now,
            trigger: format!("multiple-identity detection for {record}"),
        };
        core.logs().append(Component::Sbms, now, None, event);
    }
    let hit_records: BTreeSet<&RecordRef> = biometric_hits.iter().map(|c| &c.record).collect();
    let hit_records: BTreeSet<RecordRef> = hit_records.into_iter().cloned().collect();

    // Art 27(3)–(4): identity data and travel document data of the other systems, found
    // through the blocking index and the document index, then compared in full. At a million
    // records the index gives hundreds of candidates whose identity is DIFFERENT; they are
    // ruled out on their prepared identity alone, before their record is looked up.
    let documents = state.same_document_records(&new);
    let own = state.prepared.get(record).cloned();
    let mut evaluations: BTreeMap<RecordRef, Evaluation> = BTreeMap::new();
    let candidates = state.identity_index.candidates(&new.data.identity);
    for other_ref in candidates.into_iter().chain(&documents).chain(&hit_records) {
        if !systems.contains(&other_ref.system) || evaluations.contains_key(other_ref) {
            continue;
        }
        let (Some(own), Some(theirs)) = (&own, state.prepared.get(other_ref)) else {
            continue;
        };
        let listed = documents.contains(other_ref) || hit_records.contains(other_ref);
        if !listed && !may_match_prepared(own, theirs, &config.similarity) {
            continue;
        }
        let comparison = compare_prepared(own, theirs, &config.similarity);
        let Some(other) = state.records.get(other_ref).filter(|r| in_detection_scope(r)) else {
            continue;
        };
        let document = if same_travel_document(&new, other) {
            DocumentBasis::Same
        } else {
            DocumentBasis::DifferentOrNone
        };
        let found = comparison.verdict != IdentityVerdict::Different
            || document == DocumentBasis::Same
            || hit_records.contains(&other.reference);
        if !found {
            continue;
        }
        let compared = probe
            .as_ref()
            .and_then(|p| core.templates.compare_records(p, &other.reference, &config.thresholds));
        let biometric = match compared {
            None => BiometricBasis::Absent,
            Some(true) => BiometricBasis::Same,
            Some(false) => BiometricBasis::Different,
        };
        let basis = LinkBasis { biometric, identity: comparison.verdict, travel_document: document };
        let colour = automatic_colour(basis, &config.mid);
        evaluations.insert(other.reference.clone(), Evaluation { basis, comparison, colour });
    }

    // Art 48(6): links of amended data are confirmed, updated or erased.
    let existing: Vec<(Sin, RecordRef)> =
        state.links_of(record).iter().map(|l| (l.sin.clone(), l.other_end(record).clone())).collect();
    let mut linked: BTreeSet<RecordRef> = BTreeSet::new();
    for (sin, other) in existing {
        match evaluations.get(&other) {
            Some(Evaluation { basis, comparison, colour: Some(colour) }) => {
                linked.insert(other.clone());
                update_link(state, core, &sin, *basis, comparison.clone(), *colour, now);
            }
            _ => {
                erase_link(state, core, &sin, now, "amended data no longer match (Art 48(6))", None);
            }
        }
    }

    // Art 28: new links.
    let mut created = false;
    for (other, evaluation) in &evaluations {
        let sin = match evaluation.colour {
            Some(colour) if !linked.contains(other) => {
                created = true;
                Some(create_link(state, core, &new, other, evaluation, colour, now))
            }
            Some(_) => {
                state.links_of(record).iter().find(|l| l.other_end(record) == other).map(|l| l.sin.clone())
            }
            None => None,
        };
        // DR 2023/333 Art 4: every comparison is logged with its result.
        core.logs().append(
            Component::Cir,
            now,
            None,
            LogEvent::IdentityComparison {
                records: vec![record.clone(), other.clone()],
                verdict: evaluation.comparison.verdict,
                matched: evaluation.comparison.matched_fields(),
                colour_after_automation: evaluation.colour,
                sin,
            },
        );
    }
    let mut data_types = vec![DataType::IdentityData];
    if !new.data.travel_documents.is_empty() {
        data_types.push(DataType::TravelDocumentData);
    }
    data_types.extend(core.templates.modalities(record).into_iter().map(DataType::from));
    let results: Vec<RecordRef> =
        evaluations.iter().filter(|(_, e)| e.colour.is_some()).map(|(r, _)| r.clone()).collect();
    core.logs().append(
        Component::Cir,
        now,
        None,
        LogEvent::CirDetection { trigger: record.clone(), data_types, results, link_created: created },
    );
}

fn create_link(
    state: &mut State,
    core: &Core,
    new: &StoredRecord,
    other: &RecordRef,
    evaluation: &Evaluation,
    colour: LinkColour,
    now: Timestamp,
) -> Sin {
    let number = state.next_number();
    let sin = Sin::new(format!("SIN-{number:010}")).expect("generated SINs are valid identifiers");
    let responsible = match state.records.get(other) {
        Some(o) => verifying_authority(party(new), party(o)),
        None => super::authority::data_authority(new.reference.system, new.data.owner),
    };
    let link = Link {
        sin: sin.clone(),
        records: [new.reference.clone(), other.clone()],
        colour,
        basis: evaluation.basis,
        comparison: evaluation.comparison.clone(),
        responsible,
        created_at: now,
        updated_at: now,
        colour_since: now,
        verification: None,
        // MID-11 (version 2): only a write made in the person's presence starts the 12 hours.
        from_border_check: new.data.person_present,
    };
    core.logs().append(
        Component::Mid,
        now,
        None,
        LogEvent::MidLink {
            sin: sin.clone(),
            records: link.records.to_vec(),
            change: LinkEvent::Created { colour },
            purpose: "multiple-identity detection (Art 27)".into(),
            data_types: vec![DataType::RecordReference],
        },
    );
    state.insert_link(link);
    sin
}

/// A link whose data were amended and still match: confirmed when the comparisons are
/// unchanged, otherwise given the new automatic colour (its verification no longer applies).
fn update_link(
    state: &mut State,
    core: &Core,
    sin: &Sin,
    basis: LinkBasis,
    comparison: IdentityComparison,
    colour: LinkColour,
    now: Timestamp,
) {
    let Some(link) = state.links.get(sin).cloned() else { return };
    let change = if link.basis == basis {
        LinkEvent::Confirmed
    } else {
        close_colour_period(core, &link, now);
        if let Some(l) = state.links.get_mut(sin) {
            l.basis = basis;
            l.colour = colour;
            l.verification = None;
            l.colour_since = now;
        }
        LinkEvent::Rectified { from: link.colour, to: colour }
    };
    if let Some(l) = state.links.get_mut(sin) {
        l.comparison = comparison;
        l.updated_at = now;
    }
    core.logs().append(
        Component::Mid,
        now,
        None,
        LogEvent::MidLink {
            sin: sin.clone(),
            records: link.records.to_vec(),
            change,
            purpose: "amended data detected again (Art 48(6))".into(),
            data_types: vec![DataType::RecordReference],
        },
    );
}
