//! The rules layer of the reference: pure functions, each named after what it decides and
//! documented with the requirements it implements, so that a requirement leads in one hop to
//! the function deciding it. The components' calls are built as authorise → rules → store →
//! log: they read the caller and the stores, ask these functions, then write and log.
//!
//! | requirement | function |
//! |---|---|
//! | ESP-02, ESP-10 (query fields, named systems) | [`esp::refused_query`] |
//! | ESP-04, ESP-07, ESP-10 (systems queried) | [`esp::systems_queried`], [`esp::interpol_may_be_queried`] |
//! | ESP-04 (systems answering) | [`esp::systems_replying`] |
//! | ESP-05 (reply categories) | [`esp::reply_carries`] |
//! | CIR-05, CIR-07 (Art 20 designation) | [`cir::art20_designation`] |
//! | CIR-05, CIR-06, CIR-08 (Art 20 request) | [`cir::art20_request_violations`] |
//! | CIR-10, CIR-11 (Art 22 request) | [`cir::art22_request_violations`] |
//! | BMS-02, BMS-04 (systems an identification searches) | [`sbms::systems_searched`] |
//! | BMS-01 (quality gate) | `templates::prepare` (measured quality against `QualityThresholds`) |
//! | MID-01, MID-02 (detection scope) | [`mid::in_detection_scope`], [`mid::systems_compared`] |
//! | MID-05, MID-06, MID-07, POLICY MID-P1/P2 (colours) | [`crate::reference::mid::colour`] |
//! | MID-11 (deadline of a border check's verification) | [`mid::verification_overdue`] |
//! | MID-09 (responsible authority) | [`crate::reference::mid::authority`] |
//! | MID-12 (visibility) | [`crate::reference::mid::visibility`] |
//! | MID-19 (deadlines of a person's requests) | [`crate::reference::mid::requests::missed_deadlines`] |
//! | DQ-01, DQ-02 (data quality) | `quality::check` |
//! | LOG-02 (who reads which entries) | [`logs::log_reading`] |
//! | LOG-01, CIR-12 (retention) | [`retention::record_due`], [`retention::log_entry_due`] |

pub(crate) mod cir;
pub(crate) mod esp;
pub(crate) mod logs;
pub(crate) mod mid;
pub(crate) mod retention;
pub(crate) mod sbms;

/// A German border officer's principal with access to `access`, for the rules' tests.
#[cfg(test)]
fn officer_with_access(access: &[crate::model::SourceSystem]) -> crate::model::Principal {
    use crate::model::{AuthorityKind, Organisation};
    let germany = Organisation::member_state("DEU").expect("DEU is a Member State");
    let mut officer = crate::reference::Reference::default()
        .standard_principal(AuthorityKind::BorderAuthority, germany, "officer")
        .expect("the standard border principal");
    officer.access = access.to_vec();
    officer
}
