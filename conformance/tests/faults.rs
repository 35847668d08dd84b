//! The suite catches broken implementations: the reference wrapped with one deliberate fault
//! at a time must fail exactly the requirements that fault violates — its own, and those whose
//! scenarios cannot hold once it is broken (each listed with why) — and nothing else.

mod faulty;

use std::collections::BTreeSet;
use std::sync::Arc;

use faulty::{Fault, FaultyConnector};
use jha_interop::api::Connector;
use jha_interop_conformance::runner::{RunOptions, bundled_features, run};
use jha_interop_conformance::target::ReferenceTarget;

/// The requirements the suite fails against the reference with `fault`.
fn failed_with(fault: Fault) -> BTreeSet<String> {
    let target = ReferenceTarget::new().wrapped(
        format!("{fault:?}"),
        Arc::new(move |reference| Arc::new(FaultyConnector::new(reference, fault)) as Arc<dyn Connector>),
    );
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let report = runtime.block_on(run(Arc::new(target), &RunOptions::full(bundled_features()))).unwrap();
    assert!(
        report.run.harness_errors.is_empty(),
        "{fault:?}: harness errors {:?}",
        report.run.harness_errors
    );
    if std::env::var_os("JHA_FAULT_DEBUG").is_some() {
        eprintln!("{fault:?}:\n{}", jha_interop_conformance::report::summary::console(&report));
    }
    report.failed_requirements().into_iter().collect()
}

fn check(fault: Fault, expected: &[&str]) {
    let failed = failed_with(fault);
    let expected: BTreeSet<String> = expected.iter().map(|s| s.to_string()).collect();
    assert!(!failed.is_empty(), "{fault:?} was not caught");
    assert_eq!(failed, expected, "{fault:?}: the suite failed {failed:?}, expected {expected:?}");
}

macro_rules! fault_tests {
    ($($name:ident: $fault:ident => [$($req:literal),+ $(,)?];)+) => {
        $(
            #[test]
            fn $name() {
                check(Fault::$fault, &[$($req),+]);
            }
        )+
    };
}

fault_tests! {
    // An answer for a system the profile does not query also breaks the exact set of
    // answering systems (which ESP-01, ESP-06 and ESP-07 check) and disagrees with the query
    // log (ESP-08).
    esp_04_reply_mentions_an_inaccessible_system: EspMentionsInaccessibleSystem => [
        "ESP-04", "ESP-01", "ESP-06", "ESP-07", "ESP-08",
    ];
    esp_05_reply_carries_biometrics: EspReturnsBiometrics => ["ESP-05"];
    esp_08_log_names_a_wrong_profile: EspLogsWrongProfile => ["ESP-08"];
    bms_04_candidates_unranked: BmsCandidatesUnranked => ["BMS-04"];
    bms_05_verification_always_matches: BmsVerificationAlwaysMatches => ["BMS-05"];
    cir_04_yellow_link_merges_files: CirYellowLinkMerges => ["CIR-04"];
    cir_05_circumstance_not_required: CirCircumstanceNotRequired => ["CIR-05"];
    cir_06_child_age_ignored: CirChildAgeIgnored => ["CIR-06"];
    // The reply claims a hit the CIR log does not record, so the log checks of Art 22 fail too.
    cir_10_hit_flags_overstate: CirHitFlagsOverstate => ["CIR-10", "CIR-11", "CIR-13"];
    mid_02_same_system_linked: MidLinksSameSystem => ["MID-02"];
    // bio SAME + id DIFFERENT is the yellow link of identity fraud (Art 32(1)(a)): every
    // scenario that starts from one (verification, group resolution, red links and their
    // visibility, notices, rectification, Art 21 access, file merging, link durations, the
    // SIS override, the confirmation file and the MID history) cannot hold once it is white.
    mid_06_bio_same_id_different_white: MidBioSameIdDifferentWhite => [
        "MID-06", "MID-01", "MID-04", "MID-07", "MID-08", "MID-09", "MID-10", "MID-11", "MID-12",
        "MID-14", "MID-15", "MID-18", "CIR-04", "CIR-14", "CRRS-02",
    ];
    mid_12_red_link_hidden: MidRedLinkHidden => ["MID-12"];
    mid_14_red_link_not_notified: MidRedLinkNotNotified => ["MID-14"];
    dq_01_one_rule_reported: DqReportsOneRule => ["DQ-01"];
    sec_01_unknown_credential_accepted: SecUnknownCredentialAccepted => ["SEC-01"];
    sec_03_resend_reports_change: SecResendReportsChange => ["SEC-03"];
    crrs_03_statistics_open_to_all: CrrsOpenToAll => ["CRRS-03"];
    log_03_logs_hold_names: LogHoldsNames => ["LOG-03"];
}
