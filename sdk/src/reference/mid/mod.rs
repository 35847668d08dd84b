//! The Multiple-Identity Detector of the reference: detection, link colours, visibility,
//! verification, rectification, notifications and the identity confirmation files.

pub mod authority;
pub mod colour;
pub(crate) mod detect;
pub mod requests;
mod service;
pub mod visibility;

use crate::model::{
    DataType, LinkColour, LinkEvent, LinkView, LogEvent, Principal, RecordRef, Requester, Sin, Timestamp,
};

use super::shared::Core;
use super::state::{Link, State};

/// A link as `viewer` may see it: ends masked by access, the basis for the responsible
/// authority only.
pub(crate) fn view(link: &Link, viewer: &Principal) -> LinkView {
    LinkView {
        sin: link.sin.clone(),
        colour: link.colour,
        ends: link.records.iter().map(|r| visibility::end_for(viewer, r)).collect(),
        responsible_authority: link.responsible,
        created_at: link.created_at,
        updated_at: link.updated_at,
        basis: (viewer.authority == link.responsible).then_some(link.basis),
        verification: link.verification,
    }
}

/// The links of a record as returned to the source system that wrote it: every link of the
/// record, with the other end's record shown only if the writer may access its system.
pub(crate) fn views_for_writer(state: &State, writer: &Principal, record: &RecordRef) -> Vec<LinkView> {
    state.links_of(record).into_iter().map(|l| view(l, writer)).collect()
}

/// Records how long a link kept a colour whose duration the statistics report (yellow, red).
pub(crate) fn close_colour_period(core: &Core, link: &Link, now: Timestamp) {
    if matches!(link.colour, LinkColour::Yellow | LinkColour::Red) {
        core.statistics().colour_durations.entry(link.colour).or_default().push(now.since(link.colour_since));
    }
}

/// Erases one link and logs why (Art 36, MID-16, MID-17).
pub(crate) fn erase_link(
    state: &mut State,
    core: &Core,
    sin: &Sin,
    now: Timestamp,
    reason: &str,
    requester: Option<Requester>,
) -> Option<Link> {
    let link = state.remove_link(sin)?;
    close_colour_period(core, &link, now);
    core.logs().append(
        crate::model::Component::Mid,
        now,
        requester,
        LogEvent::MidLink {
            sin: link.sin.clone(),
            records: link.records.to_vec(),
            change: LinkEvent::Erased { reason: reason.to_string() },
            purpose: reason.to_string(),
            data_types: vec![DataType::RecordReference],
        },
    );
    Some(link)
}

/// Erases every link of a deleted record; confirmation files left with fewer than two systems
/// vanish with them (MID-16).
pub(crate) fn erase_links_of(
    state: &mut State,
    core: &Core,
    record: &RecordRef,
    now: Timestamp,
    reason: &str,
) {
    let sins: Vec<Sin> =
        state.links_by_record.get(record).map(|s| s.iter().cloned().collect()).unwrap_or_default();
    for sin in sins {
        erase_link(state, core, &sin, now, &format!("linked data erased: {reason}"), None);
    }
}
