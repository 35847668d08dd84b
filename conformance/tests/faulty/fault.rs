//! The catalogue of deliberate faults: each is a mistake a real implementation could make,
//! named after the requirement it breaks. `features/review.toml` says which scenario refuses it.

/// One deliberate fault, named after the requirement it violates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    // ESP
    /// ESP-01: a biometric query never reaches the SIS.
    EspSkipsSisOnBiometricQuery,
    /// ESP-02: a field the profile does not allow is silently dropped instead of refused.
    EspForbiddenFieldDropped,
    /// ESP-02: the refusal of a forbidden field names the request, not the field.
    EspRefusalNamesNoField,
    /// ESP-03: every item is labelled with the portal's first system, not its own.
    EspItemsMislabelled,
    /// ESP-04: the reply mentions a system the caller may not access.
    EspMentionsInaccessibleSystem,
    /// ESP-04: link indications name the systems the caller may not access (without their
    /// records).
    EspLinkRevealsHiddenRecord,
    /// ESP-05: replies carry biometric data whatever the profile allows.
    EspReturnsBiometrics,
    /// ESP-06: the reply is held back until every source has answered.
    EspBuffersUntilAllAnswer,
    /// ESP-06: an unavailable source is reported as timed out.
    EspUnavailableAsTimedOut,
    /// ESP-06: sources without a hit are left out of the reply.
    EspNoHitOmitted,
    /// ESP-07: Interpol is queried even when the no-reveal guarantee is withdrawn.
    EspInterpolDespiteReveal,
    /// ESP-08: the query log names a wrong profile.
    EspLogsWrongProfile,
    /// ESP-08: the query log names the portal's operator instead of the searching state.
    EspLogRequesterOperator,
    /// ESP-08: the query log keeps the date and drops the time of day.
    EspLogTimeTruncated,
    /// ESP-09: a failure of the CIR notifies nobody.
    EspNoNoticeOnCirFailure,
    /// ESP-10: a caller may search under a profile it does not hold.
    EspProfileBypass,
    /// ESP-10: the systems a profile can query are queried on every search, named or not.
    EspCanQueryAlwaysQueried,
    /// ESP-10: a named system the profile neither queries nor can query is silently dropped.
    EspNamedSystemIgnored,
    /// ESP-01 (POLICY ESP-P1): the visa profile leaves out the ETIAS, and says so in the
    /// profile it declares, so that the reply agrees with the declared profile.
    EspVisaProfileWithoutEtias,
    /// ESP-01, ESP-04: a SIRENE Bureau's reply also holds the EES result of the same query,
    /// as if the SIRENE profile reached the border profile's systems.
    EspSireneAnswersForEes,
    // sBMS
    /// BMS-01 and DQ-01: a record whose face fails the quality check is stored without it.
    BmsPartialWriteOnQuality,
    /// BMS-01: a face exactly at the minimum quality is refused (`>` instead of `>=`).
    BmsQualityThresholdExclusive,
    /// BMS-02: every template is reported in the EES partition.
    BmsPartitionMislabelled,
    /// BMS-02: an identification restricted to one system searches them all.
    BmsSystemFilterIgnored,
    /// BMS-03: palm prints are turned into a template.
    BmsPalmTemplate,
    /// BMS-04: candidates come worst first.
    BmsCandidatesUnranked,
    /// BMS-04: candidates include systems the caller may not query.
    BmsIgnoresCallerAccess,
    /// BMS-05: verification says "match" whatever the score.
    BmsVerificationAlwaysMatches,
    /// BMS-05: verification reports a threshold other than the declared one.
    BmsThresholdMisreported,
    /// BMS-06: templates outlive the deleted record.
    BmsTemplatesSurviveDeletion,
    /// BMS-06: the erasure of templates is not logged.
    BmsErasureNotLogged,
    /// BMS-06: the template of a finger an update dropped is kept until the record is deleted.
    BmsDroppedFingerTemplateKept,
    /// BMS-06: every update erases and re-creates every template (version 1's behaviour).
    BmsUpdateRecreatesTemplates,
    /// BMS-07: the search log names every system, not those queried.
    BmsSearchLogAllSystems,
    /// BMS-07: the search log records the face as well as the fingerprints.
    BmsSearchLogBothModalities,
    /// BMS-08: no face threshold is declared.
    BmsFaceThresholdUndeclared,
    /// BMS-09: face templates of another algorithm are compared as if they were the same.
    BmsComparesAcrossAlgorithms,
    // CIR
    /// CIR-01: the file claims fingerprints for the ETIAS data set.
    CirEtiasBiometricsClaimed,
    /// CIR-01: SIS data are kept in the CIR.
    CirHoldsSis,
    /// CIR-02: every data set of a file names the record of the file's first data set.
    CirDataSetMislabelled,
    /// CIR-03: amendments never reach the CIR.
    CirAmendmentNotPropagated,
    /// CIR-03: deleted records stay in the CIR.
    CirDeletionNotPropagated,
    /// CIR-04: a yellow link merges individual files.
    CirYellowLinkMerges,
    /// CIR-04: a red link leaves the files apart.
    CirRedLinkNoMerge,
    /// CIR-05: an identification without a circumstance is accepted.
    CirCircumstanceNotRequired,
    /// CIR-06: the age of the person identified is ignored.
    CirChildAgeIgnored,
    /// CIR-06: a child of exactly 12 is treated as under 12.
    CirChildAge12Refused,
    /// CIR-06: a child of 11 is treated as 12.
    CirChildAge11Accepted,
    /// CIR-07: the national legislation of Art 20(5) is not checked.
    CirLegislationIgnored,
    /// CIR-07: the designation is per Member State: any police authority of a State with the
    /// legislation identifies (version 1's reading).
    CirDesignationPerState,
    /// CIR-07: Europol's Art 20 identification is run as a police authority's (an agency
    /// taken for a designated police authority).
    CirEuropolIdentifies,
    /// CIR-05: Art 20(4) is open to any police authority designated for identity checks.
    CirDisasterOpenToIdentityChecks,
    /// CIR-05: an Art 20(4) identification is accepted with identity data instead of biometrics.
    CirDisasterIdentityDataAccepted,
    /// CIR-08: an identification outside an identity check in the person's presence is accepted.
    CirPresenceNotRequired,
    /// CIR-08: the fall-back data are ignored when biometric data were sent, even when these
    /// find no one (version 1's behaviour).
    CirFallbackIgnoredAfterFailedQuery,
    /// CIR-08: biometrics not taken live are accepted.
    CirNotLiveAccepted,
    /// CIR-09: the reply leaves out the travel document data.
    CirReplyDropsDocuments,
    /// CIR-10: the hit flags name a system that has no matching data.
    CirHitFlagsOverstate,
    /// CIR-10: the hit flags name ECRIS-TCN.
    CirEcrisFlagged,
    /// CIR-10: any authority may ask for hit flags.
    CirHitFlagsOpenToAll,
    /// CIR-10: an Art 22 query without reasonable grounds is accepted.
    CirHitFlagsWithoutGrounds,
    /// CIR-11: a request for full access is logged as a justification for not requesting it.
    CirFullAccessLoggedAsJustification,
    /// CIR-11: full access may be requested to a system without a hit.
    CirFollowUpAnySystem,
    /// CIR-11 and CIR-13: the log names the official who ordered the query as the one who ran it.
    CirHitLogRunByOrderer,
    /// CIR-12: data whose retention ended stay in the file of the linked data.
    CirLinkExtendsRetention,
    /// CIR-13: the identification log records identity data as the data type of a biometric query.
    CirIdentificationLogWrongType,
    /// CIR-14: linked data are opened for any authority.
    CirLinkedDataOpenToAll,
    // MID
    /// MID-01: a write in ECRIS-TCN triggers no detection.
    MidEcrisTriggerNoDetection,
    /// MID-02: records of the same system are shown linked.
    MidLinksSameSystem,
    /// MID-03: bio DIFFERENT + id SIMILAR without a shared document makes a yellow link.
    MidBioDifferentIdSimilarYellow,
    /// MID-04: a confirmation file holds only the link asked for, not its group.
    MidGroupSplit,
    /// MID-05: bio ABSENT + id SIMILAR + td SAME is coloured yellow.
    MidAbsentSimilarTdSameYellow,
    /// MID-06: bio SAME + id DIFFERENT is coloured white.
    MidBioSameIdDifferentWhite,
    /// MID-06: bio DIFFERENT + id SIMILAR + td SAME makes no link.
    MidBioDifferentSimilarTdSameNoLink,
    /// MID-07: "different persons, unjustified" is treated as "different persons".
    MidUnjustifiedIgnored,
    /// MID-08: the confirmation file's last-update date never moves.
    MidIcfUpdateNotBumped,
    /// MID-09: only arrest alerts give the link to the issuing SIRENE Bureau.
    MidSisOverrideOnlyArrest,
    /// MID-10: any authority of the responsible Member State may verify.
    MidSameStateMayVerify,
    /// MID-10: the ETIAS Central Unit may resolve any yellow link, not only the links of
    /// ETIAS applications (817 Art 57(a) read as "responsible for every manual verification").
    MidEtiasCentralUnitVerifiesAnyYellow,
    /// MID-12: a red link is hidden from authorities without access to both systems.
    MidRedLinkHidden,
    /// MID-12: a white link is shown to authorities with access to one of its systems.
    MidWhiteVisibleWithOneSystem,
    /// MID-12: a yellow link is shown to every authority of the verifier's Member State.
    MidYellowVisibleToSameState,
    /// MID-12: the confirmation file of a yellow link is given to any authority that asks for
    /// it by its SIN (the visibility rule is applied to `links` only).
    MidYellowFileToAnyone,
    /// MID-13: a search does not say that white-linked data are the same person's.
    MidWhiteSamePersonNotSaid,
    /// MID-14: creating a red link notifies nobody.
    MidRedLinkNotNotified,
    /// MID-14: the visa authority of the linked VIS data is not notified of a red link.
    MidVisaAuthorityNotNotified,
    /// MID-14: a white link made by manual verification gives no notice.
    MidManualWhiteNoNotice,
    /// MID-14: a recorded restriction on informing the person is ignored.
    MidRestrictionIgnored,
    /// MID-15: a red link of an Art 29(2) alert may be erased by any entitled authority.
    MidSisRedErasableByAnyone,
    /// MID-15: the verifying authority is not informed of an erasure.
    MidErasureNotInformed,
    /// MID-16: the confirmation file outlives its links.
    MidIcfSurvives,
    /// MID-17: an update triggers no new detection.
    MidUpdateNotRedetected,
    /// MID-18: the log of a verification names no requester.
    MidVerificationLogNoRequester,
    /// MID-18: the log of a verification gives the new colour as the colour before.
    MidVerificationLogFromWrong,
    /// MID-01 (version 2): an SIS alert of another kind triggers detection like a refusal of
    /// entry.
    MidOtherAlertTriggers,
    /// MID-07 (version 1's reading): "different persons, unjustified" without biometrics is red.
    MidAbsentUnjustifiedRed,
    /// MID-10: the verifier reads in the confirmation file only the links it could see anyway.
    MidVerifierReadsOnlyVisibleLinks,
    /// MID-12 (version 1's reference): the authority that triggered an automatic white link sees
    /// it without access to both systems.
    MidTriggerSeesAutomaticWhite,
    /// MID-14: the notice of a red link tells the person about the same person's identity data.
    MidNoticeWrongStatement,
    /// MID-14: a withheld notice leaves no record of its ground.
    MidWithholdingNotRecorded,
    /// MID-19: a refusal without reasons is accepted.
    MidRefusalWithoutReasons,
    /// MID-19: only the missed reply is reported, not a missed contact or check.
    MidRequestOnlyReplyReported,
    // Similarity
    /// SIM-01: aliases are not compared.
    SimAliasIgnored,
    /// SIM-02: an equal place of birth stands in for a common nationality.
    SimPlaceCountsAsNationality,
    /// SIM-03: names two edits apart are similar.
    SimTwoEditsSimilar,
    /// SIM-03: the punctuation rule is missing; only a single edit of punctuation is similar.
    SimPunctuationRuleMissing,
    /// SIM-04: day and month swapped are not similar.
    SimDateSwapNotSimilar,
    /// SIM-05: sex X is similar to any sex.
    SimSexUnknownSimilar,
    /// SIM-06: places of birth one edit apart are not similar.
    SimPlaceEditNotSimilar,
    /// SIM-07: nationality is left out of the overall SIMILAR.
    SimNationalityNotRequired,
    /// SIM-08: a transliteration is logged as a one-letter edit.
    SimLogRuleWrong,
    /// SIM-04 (catalogue version 1's POLICY SIM-P4): a partial date is similar to any date whose
    /// known parts agree.
    SimPartialDateByMonth,
    /// SIM-04 (POLICY SIM-P6): no calendar conversion; a date written in the Ethiopian calendar
    /// is not similar to its Gregorian date.
    SimCalendarConversionMissing,
    /// SIM-04 (POLICY SIM-P6): the Ethiopian conversion is a day off (a wrong epoch).
    SimEthiopianDayOff,
    /// SIM-03 (POLICY SIM-P3): nicknames and other languages' forms count as variant spellings.
    SimNicknameVariant,
    // Data quality, statistics, logs, security
    /// DQ-01: only the first broken blocking rule is reported.
    DqReportsOneRule,
    /// DQ-01: an SIS alert is accepted without a surname (mandatory data checked as for
    /// persons of the other systems only).
    DqSisSurnameOptional,
    /// DQ-01: a refused write keeps the templates made before the blocking rules ran.
    DqRefusedWriteKeepsTemplates,
    /// DQ-02: quality flags are returned with the write but not kept with the record.
    DqFlagsNotStored,
    /// CRRS-01: records by attributes give the full date of birth instead of the year.
    CrrsExactDateOfBirth,
    /// CRRS-02: each profile's query count misses one query.
    CrrsProfileCountOffByOne,
    /// CRRS-03: anyone reads the statistics.
    CrrsOpenToAll,
    /// CRRS-03: the supervisory authority reads the statistics.
    CrrsSupervisorReads,
    /// CRRS-03: reading the statistics is not logged.
    CrrsAccessNotLogged,
    /// LOG-01: logs are due for erasure after 365 days, not one calendar year.
    LogRetention365Days,
    /// LOG-02: the statistics user reads the logs.
    LogStatisticsUserReads,
    /// LOG-02: self-monitoring shows every Member State's entries, not only the caller's own.
    LogSelfMonitoringSeesAll,
    /// LOG-02: only supervisory authorities read logs; no self-monitoring (version 1's reading).
    LogSelfMonitoringRefused,
    /// LOG-02: the EDPS may not read the logs.
    LogEdpsRefused,
    /// LOG-01: the logs of the history of erased data are kept.
    LogDataHistoryKept,
    /// LOG-03 (POLICY LOG-P1): entries of biometric queries hold no digest of the data used.
    LogBiometricQueryDataMissing,
    /// LOG-03 (POLICY LOG-P1): the digest is not the SHA-256 of the sample sent.
    LogBiometricDigestWrong,
    /// LOG-02: the creation entry of a link is rewritten when the link is erased.
    LogRewritesHistory,
    /// LOG-03: the MID log copies the person's surname into its entries.
    LogHoldsNames,
    /// SEC-01: an unknown credential acts as a border authority.
    SecUnknownCredentialAccepted,
    /// SEC-01: refused MID calls are not logged.
    SecMidDenialsNotLogged,
    /// SEC-02: an undecodable biometric sample makes an internal error.
    SecInternalOnUndecodable,
    /// SEC-03: resending a record reports a change.
    SecResendReportsChange,
    /// SEC-03: resending a record duplicates its templates.
    SecResendDuplicatesTemplates,
    /// SEC-04: a write overlapping another is lost.
    SecConcurrentWriteLost,
    /// SEC-05: the declared biometric size limit is one byte above the one enforced.
    SecLimitDeclaredTooHigh,
    /// SEC-07: an eu-LISA operator reads a record through a service account.
    SecOperatorReadsRecord,
    /// SEC-01: a statistics user refused a record reads it through the system's central
    /// service (a reporting tool with a service account).
    SecStatisticsUserReadsRecord,
    /// SEC-07: an eu-LISA operator's 1:N identification runs over every system.
    SecOperatorIdentifies,
    /// SEC-07: a refusal quotes the surname of the record it withholds.
    SecRefusalQuotesIdentity,
}
