//! The rules of multiple-identity detection that decide what is compared (Arts 27–28). The
//! colours (MID-05..07), the responsible authority (MID-09), visibility (MID-12) and the
//! deadlines of a person's requests (MID-19) are in `mid::colour`, `mid::authority`,
//! `mid::visibility` and `mid::requests`.

use crate::model::{LinkColour, Millis, SourceSystem, StoredRecord, Timestamp};

/// MID-02: the systems whose records detection compares a record of `system` with: the other
/// EU information systems, never the same one.
pub fn systems_compared(system: SourceSystem) -> Vec<SourceSystem> {
    SourceSystem::ALL.into_iter().filter(|s| s.triggers_detection() && *s != system).collect()
}

/// MID-01: whether a stored record is data of the MID at all: every record of the systems that
/// trigger detection, except SIS alerts of a kind Art 27(1) does not list.
pub fn in_detection_scope(record: &StoredRecord) -> bool {
    record.reference.system != SourceSystem::Sis
        || record.data.sis_alert.is_none_or(|a| a.category.triggers_detection())
}

/// POLICY MID-P3, the td basis of a link: whether two records hold the same travel document (number and
/// issuing country, normalised).
pub fn same_travel_document(a: &StoredRecord, b: &StoredRecord) -> bool {
    a.data.travel_documents.iter().any(|x| b.data.travel_documents.iter().any(|y| x.is_same_document(y)))
}

/// MID-11: whether a yellow link created by a write made in the person's presence (a border
/// check) has passed the deadline of its manual verification, `deadline` after its creation.
pub fn verification_overdue(
    colour: LinkColour,
    from_border_check: bool,
    created_at: Timestamp,
    now: Timestamp,
    deadline: Millis,
) -> bool {
    colour == LinkColour::Yellow && from_border_check && now.since(created_at) >= deadline
}
