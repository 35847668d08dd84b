//! The suite catches broken implementations: the reference wrapped with one deliberate fault
//! at a time must fail exactly the requirements that fault violates — its own, and those whose
//! scenarios cannot hold once it is broken (each listed with why) — and nothing else.
//!
//! A `harness = false` target on libtest-mimic: one trial per fault, with cargo's test flags
//! (a name filter, `--exact`, `--list`, `--test-threads`). Most of a suite run's time is the
//! timing scenarios' deliberate waits (slow and silent sources, about 3 s of the 5 s a run
//! takes), not work, so unless `--test-threads` says otherwise four faults run at a time on
//! a two-core machine instead of libtest's one per core.

mod faulty;

use std::collections::BTreeSet;
use std::process::ExitCode;
use std::sync::Arc;

use faulty::{Fault, FaultyConnector};
use jha_interop::api::Connector;
use jha_interop_conformance::runner::{RunOptions, bundled_features, run};
use jha_interop_conformance::target::ReferenceTarget;
use libtest_mimic::{Arguments, Failed, Trial};

/// Faults run at the same time when `--test-threads` does not say: enough to overlap the
/// timing scenarios' waits, few enough that those scenarios' margins (at least 700 ms) hold.
const CONCURRENT_FAULTS: usize = 4;

/// The requirements the suite fails against the reference with `fault`.
fn failed_with(fault: Fault) -> Result<BTreeSet<String>, Failed> {
    let target = ReferenceTarget::new().wrapped(
        format!("{fault:?}"),
        Arc::new(move |reference| Arc::new(FaultyConnector::new(reference, fault)) as Arc<dyn Connector>),
    );
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build()?;
    let report = runtime.block_on(run(Arc::new(target), &RunOptions::full(bundled_features())))?;
    if !report.run.harness_errors.is_empty() {
        return Err(format!("{fault:?}: harness errors {:?}", report.run.harness_errors).into());
    }
    if std::env::var_os("JHA_FAULT_DEBUG").is_some() {
        eprintln!("{fault:?}:\n{}", jha_interop_conformance::report::summary::console(&report));
    }
    Ok(report.failed_requirements().into_iter().collect())
}

/// The suite must fail every requirement in `expected`, may also fail those in `by_order`
/// (requirements whose scenario catches the fault only when concurrent calls happen to run in
/// one order, which the suite does not control), and nothing else.
fn check(fault: Fault, expected: &[&str], by_order: &[&str]) -> Result<(), Failed> {
    let failed = failed_with(fault)?;
    let expected: BTreeSet<String> = expected.iter().map(|s| s.to_string()).collect();
    let allowed: BTreeSet<String> =
        expected.iter().cloned().chain(by_order.iter().map(|s| s.to_string())).collect();
    if failed.is_empty() {
        return Err(format!("{fault:?} was not caught").into());
    }
    if !(expected.is_subset(&failed) && failed.is_subset(&allowed)) {
        return Err(format!(
            "{fault:?}: the suite failed {failed:?}, expected {expected:?} (and perhaps {by_order:?})"
        )
        .into());
    }
    Ok(())
}

/// One trial per fault: `name: Fault => [requirements it must fail] or by order [...];`.
macro_rules! fault_tests {
    ($($name:ident: $fault:ident => [$($req:literal),+ $(,)?] $(or by order [$($maybe:literal),+])?;)+) => {
        fn trials() -> Vec<Trial> {
            vec![$(
                Trial::test(stringify!($name), || {
                    check(Fault::$fault, &[$($req),+], &[$($($maybe),+)?])
                }),
            )+]
        }
    };
}

fn main() -> ExitCode {
    let mut arguments = Arguments::from_args();
    arguments.test_threads.get_or_insert(CONCURRENT_FAULTS);
    libtest_mimic::run(&arguments, trials()).exit_code()
}

fault_tests! {
    // The log still says the SIS was queried, so it disagrees with the reply (ESP-08).
    esp_01_biometric_query_skips_sis: EspSkipsSisOnBiometricQuery => ["ESP-01", "ESP-08"];
    esp_02_forbidden_field_dropped: EspForbiddenFieldDropped => ["ESP-02"];
    esp_02_refusal_names_no_field: EspRefusalNamesNoField => ["ESP-02"];
    // Mislabelled items are not found under their records (ESP-01, MID-13's search); the
    // profile × system matrix then finds no record under its system (ESP-01, ESP-10) and the
    // SIRENE Bureau's reply names the EES (ESP-04).
    esp_03_items_mislabelled: EspItemsMislabelled => ["ESP-03", "ESP-01", "MID-13", "ESP-04", "ESP-10"];
    // An answer for a system the profile does not query also breaks the exact set of
    // answering systems (which ESP-01, ESP-06 and ESP-07 check) and disagrees with the query
    // log (ESP-08), and the exact set of the profile × system matrix (ESP-10).
    esp_04_reply_mentions_an_inaccessible_system: EspMentionsInaccessibleSystem => [
        "ESP-04", "ESP-01", "ESP-06", "ESP-07", "ESP-08", "ESP-10",
    ];
    esp_04_link_reveals_hidden_record: EspLinkRevealsHiddenRecord => ["ESP-04"];
    esp_05_reply_carries_biometrics: EspReturnsBiometrics => ["ESP-05"];
    // The failing-sources scenario checks ESP-06 and ESP-09 together.
    esp_06_buffers_until_all_answer: EspBuffersUntilAllAnswer => ["ESP-06", "ESP-09"];
    esp_06_unavailable_as_timed_out: EspUnavailableAsTimedOut => ["ESP-06", "ESP-09"];
    // Every scenario comparing the exact set of answering systems fails, and the log (which
    // names the systems queried) disagrees with the reply; the named INTERPOL_TDAWN's "no hit"
    // (ESP-10) is left out too.
    esp_06_no_hit_omitted: EspNoHitOmitted => ["ESP-06", "ESP-01", "ESP-07", "ESP-08", "ESP-10"];
    esp_07_interpol_despite_reveal: EspInterpolDespiteReveal => ["ESP-07"];
    // ESP-07 and ESP-10 read the search's log entry (found by its profile) to see whether
    // Interpol, or the named INTERPOL_TDAWN, was queried.
    esp_08_log_names_a_wrong_profile: EspLogsWrongProfile => ["ESP-08", "ESP-07", "ESP-10"];
    // ESP-07, ESP-10 and the retention scenario find a search's entry by its requester.
    // The search logged for eu-LISA: the border authority's self-monitoring read (LOG-02) and
    // LOG-03's ESP row find the search by its requester.
    esp_08_log_requester_operator: EspLogRequesterOperator => ["ESP-08", "ESP-07", "ESP-10", "LOG-01", "LOG-02", "LOG-03"];
    // Test control's own check that log entries carry the time it set fails too.
    esp_08_log_time_truncated: EspLogTimeTruncated => ["ESP-08", "SEC-06"];
    esp_09_no_notice_on_cir_failure: EspNoNoticeOnCirFailure => ["ESP-09"];
    // The same call is one row of SEC-01's outline of refused calls, and the eu-LISA
    // operator's search (SEC-07's matrix) is then run under another authority's profile.
    esp_10_profile_bypass: EspProfileBypass => ["ESP-10", "SEC-01", "SEC-07"];
    // The extra system breaks the exact set of answering systems that ESP-01, ESP-06 and
    // ESP-07 check, and the border row of the profile × system matrix's names (ESP-04).
    esp_10_can_query_always_queried: EspCanQueryAlwaysQueried => ["ESP-10", "ESP-01", "ESP-06", "ESP-07", "ESP-04"];
    // The refused naming is refused like a forbidden field (ESP-02) and tagged so.
    esp_10_named_system_ignored: EspNamedSystemIgnored => ["ESP-10", "ESP-02"];
    // Refused by the profile × system matrix (esp/search.feature), which declares the
    // systems of POLICY ESP-P1's profiles and is tagged ESP-01 and ESP-10.
    esp_01_visa_profile_without_etias: EspVisaProfileWithoutEtias => ["ESP-01", "ESP-10"];
    // The exact set (ESP-01, ESP-10) and the names in the reply (ESP-04) of the matrix.
    esp_04_sirene_answers_for_ees: EspSireneAnswersForEes => ["ESP-01", "ESP-04", "ESP-10"];
    // The quality scenario checks the blocking rule of DQ-01 too.
    bms_01_partial_write_on_quality: BmsPartialWriteOnQuality => ["BMS-01", "DQ-01"];
    // The palm-print scenario checks that the fingerprint templates lie in the SIS partition.
    // The quality scenario checks DQ-01's blocking rule too.
    bms_01_quality_threshold_exclusive: BmsQualityThresholdExclusive => ["BMS-01", "DQ-01"];
    bms_02_partition_mislabelled: BmsPartitionMislabelled => ["BMS-02", "BMS-03"];
    // A restriction to a system the caller may not query is ignored too (SEC-01's sBMS row).
    bms_02_system_filter_ignored: BmsSystemFilterIgnored => ["BMS-02", "SEC-01"];
    bms_03_palm_template: BmsPalmTemplate => ["BMS-03"];
    bms_04_candidates_unranked: BmsCandidatesUnranked => ["BMS-04"];
    // The search log then records fewer candidates than the reply returned.
    bms_04_ignores_caller_access: BmsIgnoresCallerAccess => ["BMS-04", "BMS-07"];
    bms_05_verification_always_matches: BmsVerificationAlwaysMatches => ["BMS-05"];
    // The face verification of BMS-09's scenario checks the threshold too.
    bms_05_threshold_misreported: BmsThresholdMisreported => ["BMS-05", "BMS-09"];
    bms_06_templates_survive_deletion: BmsTemplatesSurviveDeletion => ["BMS-06"];
    // LOG-02's scenario of logs that only grow deletes a record: its erasure is the new entry.
    bms_06_erasure_not_logged: BmsErasureNotLogged => ["BMS-06", "LOG-02"];
    bms_06_dropped_finger_template_kept: BmsDroppedFingerTemplateKept => ["BMS-06"];
    bms_06_update_recreates_templates: BmsUpdateRecreatesTemplates => ["BMS-06"];
    bms_07_search_log_all_systems: BmsSearchLogAllSystems => ["BMS-07"];
    bms_07_search_log_both_modalities: BmsSearchLogBothModalities => ["BMS-07"];
    // Without a face threshold the face verification of BMS-09's scenario cannot be judged.
    bms_08_face_threshold_undeclared: BmsFaceThresholdUndeclared => ["BMS-08", "BMS-09"];
    bms_09_compares_across_algorithms: BmsComparesAcrossAlgorithms => ["BMS-09"];
    // The scenario checks CIR-01 and CIR-02 together.
    cir_01_etias_biometrics_claimed: CirEtiasBiometricsClaimed => ["CIR-01", "CIR-02"];
    cir_01_holds_sis: CirHoldsSis => ["CIR-01"];
    // Every check of which records a file holds reads the data sets' references.
    cir_02_data_set_mislabelled: CirDataSetMislabelled => ["CIR-02", "CIR-01", "CIR-04", "CIR-12", "SEC-03"];
    cir_03_amendment_not_propagated: CirAmendmentNotPropagated => ["CIR-03"];
    cir_03_deletion_not_propagated: CirDeletionNotPropagated => ["CIR-03"];
    cir_04_yellow_link_merges_files: CirYellowLinkMerges => ["CIR-04"];
    cir_04_red_link_no_merge: CirRedLinkNoMerge => ["CIR-04"];
    cir_05_circumstance_not_required: CirCircumstanceNotRequired => ["CIR-05"];
    cir_06_child_age_ignored: CirChildAgeIgnored => ["CIR-06"];
    cir_06_child_of_12_refused: CirChildAge12Refused => ["CIR-06"];
    cir_06_child_of_11_accepted: CirChildAge11Accepted => ["CIR-06"];
    cir_07_legislation_ignored: CirLegislationIgnored => ["CIR-07"];
    // The rights matrix's row of a police authority of DEU not designated for Art 20 carries
    // SEC-01 and CIR-07.
    cir_07_designation_per_state: CirDesignationPerState => ["CIR-07", "SEC-01"];
    // Refused by the rights matrix (rights.feature), whose rows carry SEC-01 and the
    // requirement deciding the right.
    cir_07_europol_identifies: CirEuropolIdentifies => ["CIR-07", "SEC-01"];
    cir_05_disaster_open_to_identity_checks: CirDisasterOpenToIdentityChecks => ["CIR-05"];
    cir_05_disaster_identity_data_accepted: CirDisasterIdentityDataAccepted => ["CIR-05"];
    cir_08_presence_not_required: CirPresenceNotRequired => ["CIR-08"];
    // The fall-back scenario also checks the identification's log (CIR-13), whose data types
    // then name the fingerprints only.
    cir_08_fallback_ignored_after_failed_query: CirFallbackIgnoredAfterFailedQuery => ["CIR-08", "CIR-13"];
    cir_08_not_live_accepted: CirNotLiveAccepted => ["CIR-08"];
    // Every identification step reads the reply's content, which is what CIR-09 fixes.
    cir_09_reply_drops_documents: CirReplyDropsDocuments => [
        "CIR-05", "CIR-06", "CIR-07", "CIR-08", "CIR-09", "CIR-13",
    ];
    // The reply claims a hit the CIR log does not record, so the log checks of Art 22 fail too.
    cir_10_hit_flags_overstate: CirHitFlagsOverstate => ["CIR-10", "CIR-11", "CIR-13"];
    cir_10_ecris_flagged: CirEcrisFlagged => ["CIR-10"];
    // The eu-LISA operator's Art 22 query is one call of SEC-07's matrix; every other role's
    // is a row of the rights matrix (SEC-01 and CIR-10).
    cir_10_hit_flags_open_to_all: CirHitFlagsOpenToAll => ["CIR-10", "SEC-07", "SEC-01"];
    cir_10_hit_flags_without_grounds: CirHitFlagsWithoutGrounds => ["CIR-10"];
    cir_11_full_access_logged_as_justification: CirFullAccessLoggedAsJustification => ["CIR-11"];
    cir_11_follow_up_any_system: CirFollowUpAnySystem => ["CIR-11"];
    cir_11_hit_log_run_by_orderer: CirHitLogRunByOrderer => ["CIR-11", "CIR-13"];
    cir_12_link_extends_retention: CirLinkExtendsRetention => ["CIR-12"];
    // The disaster and fall-back scenarios (CIR-05, CIR-08) check the identification's log, and
    // LOG-03 finds the CIR entry of a fingerprint query by its data types.
    cir_13_identification_log_wrong_type: CirIdentificationLogWrongType => ["CIR-13", "CIR-05", "CIR-08", "LOG-03"];
    // The eu-LISA operator's matrix (SEC-07) asks for the linked data too, and gets them; so
    // do the rows of the link rights matrix (SEC-01 and CIR-14).
    cir_14_linked_data_open_to_all: CirLinkedDataOpenToAll => ["CIR-14", "SEC-07", "SEC-01"];
    // The verifier outline has an ECRIS-TCN trigger (MID-09) and the group the verifier reads
    // in full holds a white link made by an ECRIS-TCN write (MID-10). The concurrent writes
    // (SEC-04) pair an EES record with an ECRIS-TCN one: their link goes missing only when
    // the ECRIS-TCN write happens to be detected second, which the suite does not order.
    mid_01_ecris_trigger_no_detection: MidEcrisTriggerNoDetection => ["MID-01", "MID-09", "MID-10"]
        or by order ["SEC-04"];
    mid_02_same_system_linked: MidLinksSameSystem => ["MID-02"];
    mid_03_bio_different_id_similar_yellow: MidBioDifferentIdSimilarYellow => ["MID-03"];
    // The group scenarios also check the file's items (MID-08) and separate resolution (MID-10).
    mid_04_group_split: MidGroupSplit => ["MID-04", "MID-08", "MID-10"];
    // The outline checks MID-01 too; the CIR's and the group's scenarios start from such links.
    mid_05_absent_similar_td_same_yellow: MidAbsentSimilarTdSameYellow => [
        "MID-05", "MID-01", "CIR-01", "CIR-02", "MID-04", "MID-08",
    ];
    // bio SAME + id DIFFERENT is the yellow link of identity fraud (Art 32(1)(a)), which the
    // eu-LISA operator's matrix (SEC-07) and the link rights matrix (SEC-01) start from too: every
    // scenario that starts from one (verification, group resolution, red links and their
    // visibility, notices, rectification, Art 21 access, file merging, link durations, the
    // SIS override, the confirmation file and the MID history) cannot hold once it is white.
    // MID-17's amended data that still match expect the new yellow of bio SAME + id DIFFERENT.
    mid_06_bio_same_id_different_white: MidBioSameIdDifferentWhite => [
        "MID-06", "MID-01", "MID-04", "MID-07", "MID-08", "MID-09", "MID-10", "MID-11", "MID-12",
        "MID-14", "MID-15", "MID-17", "MID-18", "CIR-04", "CIR-14", "CRRS-02", "SEC-07", "SEC-01",
    ];
    // The outline of yellow links checks MID-01 (detection ran) too.
    mid_06_bio_different_similar_td_same_no_link: MidBioDifferentSimilarTdSameNoLink => ["MID-06", "MID-01"];
    mid_07_unjustified_ignored: MidUnjustifiedIgnored => ["MID-07"];
    mid_08_icf_update_not_bumped: MidIcfUpdateNotBumped => ["MID-08"];
    mid_09_sis_override_only_arrest: MidSisOverrideOnlyArrest => ["MID-09"];
    // The link rights matrix's verifyLink rows of the other authorities of DEU (police,
    // designated authority, statistics user, supervisory authority) carry SEC-01 and MID-10.
    mid_10_same_state_may_verify: MidSameStateMayVerify => ["MID-10", "SEC-01"];
    // Refused by the rights matrix's ETIAS Central Unit row, which carries SEC-01 and MID-10.
    mid_10_etias_central_unit_verifies_any_yellow: MidEtiasCentralUnitVerifiesAnyYellow => ["MID-10", "SEC-01"];
    // The group the verifier reads in full holds a red link to EURODAC data, which the
    // border authority may not access, so its confirmation file is hidden too (MID-10).
    mid_12_red_link_hidden: MidRedLinkHidden => ["MID-12", "MID-10"];
    mid_12_white_visible_with_one_system: MidWhiteVisibleWithOneSystem => ["MID-12"];
    mid_12_yellow_visible_to_same_state: MidYellowVisibleToSameState => ["MID-12"];
    // The hidden-link rows of the rights matrix carry SEC-01 too: a file handed over is no
    // refused attempt to log.
    mid_12_yellow_file_to_anyone: MidYellowFileToAnyone => ["MID-12", "SEC-01"];
    mid_13_white_same_person_not_said: MidWhiteSamePersonNotSaid => ["MID-13"];
    mid_14_red_link_not_notified: MidRedLinkNotNotified => ["MID-14"];
    mid_14_visa_authority_not_notified: MidVisaAuthorityNotNotified => ["MID-14"];
    mid_14_manual_white_no_notice: MidManualWhiteNoNotice => ["MID-14"];
    mid_14_restriction_ignored: MidRestrictionIgnored => ["MID-14"];
    mid_15_sis_red_erasable_by_anyone: MidSisRedErasableByAnyone => ["MID-15"];
    mid_15_erasure_not_informed: MidErasureNotInformed => ["MID-15"];
    mid_16_icf_survives: MidIcfSurvives => ["MID-16"];
    // The update scenario checks MID-01 (detection on update) and MID-17 together.
    mid_17_update_not_redetected: MidUpdateNotRedetected => ["MID-17", "MID-01"];
    mid_18_verification_log_no_requester: MidVerificationLogNoRequester => ["MID-18"];
    mid_18_verification_log_from_wrong: MidVerificationLogFromWrong => ["MID-18"];
    mid_01_other_alert_triggers: MidOtherAlertTriggers => ["MID-01"];
    mid_07_absent_unjustified_red: MidAbsentUnjustifiedRed => ["MID-07"];
    mid_10_verifier_reads_only_visible_links: MidVerifierReadsOnlyVisibleLinks => ["MID-10"];
    mid_12_trigger_sees_automatic_white: MidTriggerSeesAutomaticWhite => ["MID-12"];
    mid_14_notice_wrong_statement: MidNoticeWrongStatement => ["MID-14"];
    mid_14_withholding_not_recorded: MidWithholdingNotRecorded => ["MID-14"];
    mid_19_refusal_without_reasons: MidRefusalWithoutReasons => ["MID-19"];
    mid_19_request_only_reply_reported: MidRequestOnlyReplyReported => ["MID-19"];
    sim_01_alias_ignored: SimAliasIgnored => ["SIM-01"];
    // The scenario checks the overall verdict (SIM-07) too.
    sim_02_place_counts_as_nationality: SimPlaceCountsAsNationality => ["SIM-02", "SIM-07"];
    sim_03_two_edits_similar: SimTwoEditsSimilar => ["SIM-03"];
    // The names outline checks the verdict (SIM-03, SIM-07) and the rule logged (SIM-08).
    sim_03_punctuation_rule_missing: SimPunctuationRuleMissing => ["SIM-03", "SIM-07", "SIM-08"];
    sim_04_date_swap_not_similar: SimDateSwapNotSimilar => ["SIM-04"];
    sim_05_sex_unknown_similar: SimSexUnknownSimilar => ["SIM-05"];
    sim_06_place_edit_not_similar: SimPlaceEditNotSimilar => ["SIM-06"];
    // SIM-01's "no common nationality" example is the same mistake.
    sim_07_nationality_not_required: SimNationalityNotRequired => ["SIM-07", "SIM-01"];
    // The comparison log is part of the MID history (MID-18) as well.
    // Version 1's partial-date rule: the partial-date outline checks the overall verdict
    // (SIM-04, SIM-07); the yellow link of 1990-05-00 and 1990-05-17 without biometrics sharing
    // a document turns white (MID-06).
    sim_04_partial_date_by_month: SimPartialDateByMonth => ["SIM-04", "SIM-07", "MID-06"];
    // The Ethiopian scenario checks the verdict (SIM-04) and the rule logged (SIM-08).
    sim_04_calendar_conversion_missing: SimCalendarConversionMissing => ["SIM-04", "SIM-08"];
    sim_04_ethiopian_day_off: SimEthiopianDayOff => ["SIM-04", "SIM-08"];
    sim_03_nickname_variant: SimNicknameVariant => ["SIM-03"];
    sim_08_log_rule_wrong: SimLogRuleWrong => ["SIM-08", "MID-18", "SIM-03", "SIM-07"];
    dq_01_one_rule_reported: DqReportsOneRule => ["DQ-01"];
    dq_01_sis_surname_optional: DqSisSurnameOptional => ["DQ-01"];
    // The quality scenarios with a biometric sample check BMS-01 too, and the undecodable
    // (SEC-02) and oversize (SEC-05) samples are refused writes with biometrics as well.
    dq_01_refused_write_keeps_templates: DqRefusedWriteKeepsTemplates => [
        "DQ-01", "BMS-01", "SEC-02", "SEC-05",
    ];
    dq_02_flags_not_stored: DqFlagsNotStored => ["DQ-02"];
    // The eu-LISA operator reads the statistics (SEC-07's matrix): the full date of birth is
    // personal data it must not get.
    crrs_01_exact_date_of_birth: CrrsExactDateOfBirth => ["CRRS-01", "SEC-07"];
    crrs_02_profile_count_off_by_one: CrrsProfileCountOffByOne => ["CRRS-02"];
    // The same refusal is one row of SEC-01's outline.
    crrs_03_statistics_open_to_all: CrrsOpenToAll => ["CRRS-03", "SEC-01"];
    crrs_03_supervisor_reads: CrrsSupervisorReads => ["CRRS-03"];
    crrs_03_access_not_logged: CrrsAccessNotLogged => ["CRRS-03"];
    log_01_retention_365_days: LogRetention365Days => ["LOG-01"];
    // SEC-01's refused read of the logs is a statistics user's.
    log_02_statistics_user_reads: LogStatisticsUserReads => ["LOG-02", "SEC-01"];
    log_02_self_monitoring_sees_all: LogSelfMonitoringSeesAll => ["LOG-02"];
    log_02_self_monitoring_refused: LogSelfMonitoringRefused => ["LOG-02"];
    log_02_edps_refused: LogEdpsRefused => ["LOG-02"];
    log_01_data_history_kept: LogDataHistoryKept => ["LOG-01"];
    log_03_biometric_query_data_missing: LogBiometricQueryDataMissing => ["LOG-03"];
    log_03_biometric_digest_wrong: LogBiometricDigestWrong => ["LOG-03"];
    log_02_rewrites_history: LogRewritesHistory => ["LOG-02"];
    log_03_logs_hold_names: LogHoldsNames => ["LOG-03"];
    sec_01_unknown_credential_accepted: SecUnknownCredentialAccepted => ["SEC-01"];
    // The rows of the rights matrices that the MID refuses carry the requirement deciding the
    // right beside SEC-01: verifyLink (MID-10), links of the statistics user (MID-12) and the
    // visa authority's personNotice (MID-12, MID-14).
    sec_01_mid_denials_not_logged: SecMidDenialsNotLogged => ["SEC-01", "MID-10", "MID-12", "MID-14"];
    sec_02_internal_on_undecodable: SecInternalOnUndecodable => ["SEC-02"];
    sec_03_resend_reports_change: SecResendReportsChange => ["SEC-03"];
    sec_03_resend_duplicates_templates: SecResendDuplicatesTemplates => ["SEC-03"];
    sec_04_concurrent_write_lost: SecConcurrentWriteLost => ["SEC-04"];
    sec_05_limit_declared_too_high: SecLimitDeclaredTooHigh => ["SEC-05"];
    sec_07_operator_reads_record: SecOperatorReadsRecord => ["SEC-07"];
    sec_01_statistics_user_reads_record: SecStatisticsUserReadsRecord => ["SEC-01"];
    sec_07_operator_identifies: SecOperatorIdentifies => ["SEC-07"];
    sec_07_refusal_quotes_identity: SecRefusalQuotesIdentity => ["SEC-07"];
}
