@component:SEC
Feature: Who may make which call: the role × call matrix of rights
  Every known principal acting outside its rights is refused as forbidden, and the attempt is
  logged by the component that refused it (SEC-01); every right the regulation gives is
  honoured. Each family of roles below has one outline of the calls it may make (answered)
  and one of the calls it may not (refused, each refused attempt logged as that caller's),
  one row per call, tagged with the requirement that decides the right. The expected outcome
  is this file's declaration, taken from REQUIREMENTS.md, never from what an implementation
  happens to do.

  Every call is made with real arguments (`<who> makes the call <call> about record A and the
  link joining it to B`, the step of the eu-LISA operator matrix): A is an EES record of DEU,
  B a VIS record of FRA with the same fingerprint and other identity data, so that A's write
  made a yellow link whose responsible authority is the border authority of DEU (MID-09: the
  EES competent authority of the Member State whose write found the match). A refusal about
  that link may be "not found" where the caller may not see the link (MID-12); the last outline
  holds the refusals whose logging is left open. Where a call is made several ways (the
  statistics call reads every report kind; a search tries each profile the caller holds),
  every refused attempt is logged.

  Cells the specification leaves open are not rows; each outline says which and why. Open for
  every role: `whoami` and `profiles` (the caller's own declaration; no right is at stake),
  `templates` (no requirement says who reads a record's templates), `putRecord`, `deleteRecord`
  and `getRecord` for authorities (records are written by their system's central service in
  this contract; the regulation does not say whether an authority may also call it directly),
  `fileOf` for roles with access to a CIR system (the CIR is consulted for Arts 20-22; no
  requirement says who reads a whole individual file outside them), `notifications`,
  `overdueLinks`, `personNotice` and `rectifyLink` for the responsible authority (they depend
  on the link's colour, which these calls do not change here), the four MID-19 request calls
  `fileRequest`, `recordRequestProgress`, `requests` and `overdueRequests` (Art 48 says which
  Member State answers a person, not which authority may file or read a request),
  and `profilesDueForReview` (Art 8(3): eu-LISA reviews "with the Member States").
  The eu-LISA operator has its own matrix (operators.feature, SEC-07).

  Background:
    Given records A and B linked yellow by bio SAME, id DIFFERENT

  # Border authorities: the border profile of POLICY ESP-P1 (EES, VIS, ETIAS, SIS, Interpol SLTD);
  # the border authority of DEU is the link's responsible authority (MID-09). Open: `verifyLink`
  # (the answer depends on POLICY MID-P2's reading of "different persons" on a biometric match;
  # MID-10's scenarios check that the responsible authority resolves its links), and the cells
  # listed in the feature's description.

  Scenario Outline: The border authority of DEU, responsible for the yellow link, may make the call <call>
    When the border authority of DEU makes the call <call> about record A and the link joining it to B
    Then the call is answered, not refused

    @req:ESP-10
    Examples:
      | call   |
      | search |

    @req:ESP-09
    Examples:
      | call           |
      | failureNotices |

    @req:BMS-04
    Examples:
      | call              |
      | biometricIdentify |

    @req:BMS-05
    Examples:
      | call            |
      | biometricVerify |

    @req:MID-12
    Examples:
      | call  |
      | links |

    @req:MID-10
    Examples:
      | call             |
      | confirmationFile |

    @req:CIR-14
    Examples:
      | call       |
      | linkedData |

  Scenario Outline: The border authority of DEU may not make the call <call>: refused, and the attempt logged
    When the border authority of DEU makes the call <call> about record A and the link joining it to B
    Then the call is refused as <refusal>, and each refused attempt of the border authority of DEU is logged by <logger>

    @req:SEC-01 @req:CIR-07
    Examples:
      | call        | refusal   | logger      |
      | cirIdentify | forbidden | the CIR     |

    @req:SEC-01 @req:CIR-10
    Examples:
      | call     | refusal   | logger      |
      | hitFlags | forbidden | the CIR     |
      | followUp | forbidden | the CIR     |

    @req:SEC-01 @req:CRRS-03
    Examples:
      | call   | refusal   | logger      |
      | report | forbidden | the CRRS    |

  # Visa authorities: access to VIS, EES, SIS and ETIAS (POLICY ESP-P1), so to both systems of the
  # link, but not its responsible authority: a yellow link is seen and resolved by its responsible
  # authority alone (MID-10, MID-12, CIR-14). Open: `links` (answered, without the yellow link:
  # the visibility outlines of MID-12 check what it shows).

  Scenario Outline: The visa authority of FRA, which may access both systems of the yellow link but is not responsible for it, may make the call <call>
    When the visa authority of FRA makes the call <call> about record A and the link joining it to B
    Then the call is answered, not refused

    @req:ESP-10
    Examples:
      | call   |
      | search |

    @req:ESP-09
    Examples:
      | call           |
      | failureNotices |

  Scenario Outline: The visa authority of FRA, not responsible for the yellow link, may not make the call <call>: refused, and the attempt logged
    When the visa authority of FRA makes the call <call> about record A and the link joining it to B
    Then the call is refused as <refusal>, and each refused attempt of the visa authority of FRA is logged by <logger>

    @req:SEC-01 @req:MID-10
    Examples:
      | call       | refusal   | logger      |
      | verifyLink | forbidden | the MID     |

    @req:SEC-01 @req:MID-12 @req:MID-14
    Examples:
      | call         | refusal                | logger      |
      | personNotice | forbidden or not found | the MID     |

    @req:SEC-01 @req:CIR-14
    Examples:
      | call       | refusal   | logger      |
      | linkedData | forbidden | the CIR     |

    @req:SEC-01 @req:CIR-07
    Examples:
      | call        | refusal   | logger      |
      | cirIdentify | forbidden | the CIR     |

    @req:SEC-01 @req:CIR-10
    Examples:
      | call     | refusal   | logger      |
      | hitFlags | forbidden | the CIR     |
      | followUp | forbidden | the CIR     |

    @req:SEC-01 @req:CRRS-03
    Examples:
      | call   | refusal   | logger      |
      | report | forbidden | the CRRS    |

  # Police authorities: the police identity check profile (POLICY ESP-P1, CIR Art 20); the police of
  # DEU is designated under national law for Art 20 (CIR-07). Art 22 belongs to designated
  # authorities and Europol (CIR-10). Open: `links`, `fileOf` and `biometricIdentify` (which
  # systems a police authority may access besides the CIR is not fixed by the policy).

  Scenario Outline: The police of DEU, designated for Art 20, may make the call <call>
    When the police of DEU makes the call <call> about record A and the link joining it to B
    Then the call is answered, not refused

    @req:ESP-10
    Examples:
      | call   |
      | search |

    @req:CIR-07
    Examples:
      | call        |
      | cirIdentify |

  Scenario Outline: The police of DEU may not make the call <call>: refused, and the attempt logged
    When the police of DEU makes the call <call> about record A and the link joining it to B
    Then the call is refused as <refusal>, and each refused attempt of the police of DEU is logged by <logger>

    @req:SEC-01 @req:MID-10
    Examples:
      | call       | refusal   | logger      |
      | verifyLink | forbidden | the MID     |

    @req:SEC-01 @req:CIR-14
    Examples:
      | call       | refusal   | logger      |
      | linkedData | forbidden | the CIR     |

    @req:SEC-01 @req:CIR-10
    Examples:
      | call     | refusal   | logger      |
      | hitFlags | forbidden | the CIR     |
      | followUp | forbidden | the CIR     |

    @req:SEC-01 @req:CRRS-03
    Examples:
      | call   | refusal   | logger      |
      | report | forbidden | the CRRS    |

  # A police authority its Member State has not designated for Art 20 (CIR-07: a designation per
  # authority, not per Member State).

  Scenario Outline: A police authority of DEU not designated for Art 20 may not make the call <call>: refused, and the attempt logged
    When a police authority of DEU not designated for Art 20 makes the call <call> about record A and the link joining it to B
    Then the call is refused as <refusal>, and each refused attempt of a police authority of DEU not designated for Art 20 is logged by <logger>

    @req:SEC-01 @req:CIR-07
    Examples:
      | call        | refusal   | logger      |
      | cirIdentify | forbidden | the CIR     |

    @req:SEC-01 @req:CIR-10
    Examples:
      | call     | refusal   | logger      |
      | hitFlags | forbidden | the CIR     |
      | followUp | forbidden | the CIR     |

  # Designated authorities: the Art 22 hit-flag query and its follow-up (CIR-10, CIR-11; the
  # follow-up is of its own query). Art 20 is for designated police authorities (CIR-07). Open:
  # `getRecord` (full access follows the source system's own rules, Art 22(3), outside this
  # contract).

  Scenario Outline: The designated authority of DEU may make the call <call>
    When the designated authority of DEU makes the call <call> about record A and the link joining it to B
    Then the call is answered, not refused

    @req:ESP-10
    Examples:
      | call   |
      | search |

    @req:CIR-10
    Examples:
      | call     |
      | hitFlags |

    @req:CIR-11
    Examples:
      | call     |
      | followUp |

  Scenario Outline: The designated authority of DEU may not make the call <call>: refused, and the attempt logged
    When the designated authority of DEU makes the call <call> about record A and the link joining it to B
    Then the call is refused as <refusal>, and each refused attempt of the designated authority of DEU is logged by <logger>

    @req:SEC-01 @req:MID-10
    Examples:
      | call       | refusal   | logger      |
      | verifyLink | forbidden | the MID     |

    @req:SEC-01 @req:CIR-14
    Examples:
      | call       | refusal   | logger      |
      | linkedData | forbidden | the CIR     |

    @req:SEC-01 @req:CIR-07
    Examples:
      | call        | refusal   | logger      |
      | cirIdentify | forbidden | the CIR     |

    @req:SEC-01 @req:CRRS-03
    Examples:
      | call   | refusal   | logger      |
      | report | forbidden | the CRRS    |

  # Europol: Europol data and the Art 22 query (POLICY ESP-P1, CIR-10); no Art 20 identification,
  # which is for police authorities of Member States (CIR-07). Open: `followUp` of another
  # authority's query (CIR-11 speaks of the caller's own query; the row would only test who owns
  # a query).

  Scenario Outline: Europol may make the call <call>
    When Europol makes the call <call> about record A and the link joining it to B
    Then the call is answered, not refused

    @req:ESP-10
    Examples:
      | call   |
      | search |

    @req:CIR-10
    Examples:
      | call     |
      | hitFlags |

  Scenario Outline: Europol may not make the call <call>: refused, and the attempt logged
    When Europol makes the call <call> about record A and the link joining it to B
    Then the call is refused as <refusal>, and each refused attempt of Europol is logged by <logger>

    @req:SEC-01 @req:MID-10
    Examples:
      | call       | refusal   | logger      |
      | verifyLink | forbidden | the MID     |

    @req:SEC-01 @req:CIR-14
    Examples:
      | call       | refusal   | logger      |
      | linkedData | forbidden | the CIR     |

    @req:SEC-01 @req:CIR-07
    Examples:
      | call        | refusal   | logger      |
      | cirIdentify | forbidden | the CIR     |

    @req:SEC-01 @req:CRRS-03
    Examples:
      | call   | refusal   | logger      |
      | report | forbidden | the CRRS    |

  # SIRENE Bureaux: SIS plus MID manual verification of the links they are responsible for
  # (POLICY ESP-P1, MID-09); this link involves no SIS alert, so the SIRENE Bureau of NLD may not
  # resolve it. Open: `links` and `fileOf` of an EES record (security.feature checks the reference's
  # refusal of a system the caller may not access).

  Scenario Outline: The SIRENE Bureau of NLD may make the call <call>
    When the SIRENE Bureau of NLD makes the call <call> about record A and the link joining it to B
    Then the call is answered, not refused

    @req:ESP-10
    Examples:
      | call   |
      | search |

    @req:BMS-04
    Examples:
      | call              |
      | biometricIdentify |

  Scenario Outline: The SIRENE Bureau of NLD, not responsible for the yellow link, may not make the call <call>: refused, and the attempt logged
    When the SIRENE Bureau of NLD makes the call <call> about record A and the link joining it to B
    Then the call is refused as <refusal>, and each refused attempt of the SIRENE Bureau of NLD is logged by <logger>

    @req:SEC-01 @req:MID-10
    Examples:
      | call       | refusal   | logger      |
      | verifyLink | forbidden | the MID     |

    @req:SEC-01 @req:CIR-14
    Examples:
      | call       | refusal   | logger      |
      | linkedData | forbidden | the CIR     |

    @req:SEC-01 @req:CIR-07
    Examples:
      | call        | refusal   | logger      |
      | cirIdentify | forbidden | the CIR     |

    @req:SEC-01 @req:CIR-10
    Examples:
      | call     | refusal   | logger      |
      | hitFlags | forbidden | the CIR     |
      | followUp | forbidden | the CIR     |

    @req:SEC-01 @req:CRRS-03
    Examples:
      | call   | refusal   | logger      |
      | report | forbidden | the CRRS    |

  # The ETIAS Central Unit verifies the links an ETIAS application makes (MID-09); this one was made
  # by an EES write.

  Scenario Outline: The ETIAS Central Unit may make the call <call>
    When the ETIAS Central Unit makes the call <call> about record A and the link joining it to B
    Then the call is answered, not refused

    @req:ESP-10
    Examples:
      | call   |
      | search |

  Scenario Outline: The ETIAS Central Unit, not responsible for the yellow link, may not make the call <call>: refused, and the attempt logged
    When the ETIAS Central Unit makes the call <call> about record A and the link joining it to B
    Then the call is refused as <refusal>, and each refused attempt of the ETIAS Central Unit is logged by <logger>

    @req:SEC-01 @req:MID-10
    Examples:
      | call       | refusal   | logger      |
      | verifyLink | forbidden | the MID     |

    @req:SEC-01 @req:CIR-14
    Examples:
      | call       | refusal   | logger      |
      | linkedData | forbidden | the CIR     |

    @req:SEC-01 @req:CIR-07
    Examples:
      | call        | refusal   | logger      |
      | cirIdentify | forbidden | the CIR     |

    @req:SEC-01 @req:CIR-10
    Examples:
      | call     | refusal   | logger      |
      | hitFlags | forbidden | the CIR     |
      | followUp | forbidden | the CIR     |

    @req:SEC-01 @req:CRRS-03
    Examples:
      | call   | refusal   | logger      |
      | report | forbidden | the CRRS    |

  # Asylum authorities (Eurodac): no profile of POLICY ESP-P1 names them, so `search` is open; they
  # are neither responsible for this link nor police or designated authorities.

  Scenario Outline: The asylum authority of ITA may not make the call <call>: refused, and the attempt logged
    When the asylum authority of ITA makes the call <call> about record A and the link joining it to B
    Then the call is refused as <refusal>, and each refused attempt of the asylum authority of ITA is logged by <logger>

    @req:SEC-01 @req:MID-10
    Examples:
      | call       | refusal   | logger      |
      | verifyLink | forbidden | the MID     |

    @req:SEC-01 @req:CIR-14
    Examples:
      | call       | refusal   | logger      |
      | linkedData | forbidden | the CIR     |

    @req:SEC-01 @req:CIR-07
    Examples:
      | call        | refusal   | logger      |
      | cirIdentify | forbidden | the CIR     |

    @req:SEC-01 @req:CIR-10
    Examples:
      | call     | refusal   | logger      |
      | hitFlags | forbidden | the CIR     |
      | followUp | forbidden | the CIR     |

    @req:SEC-01 @req:CRRS-03
    Examples:
      | call   | refusal   | logger      |
      | report | forbidden | the CRRS    |

  # Statistics users read the CRRS and nothing else (Art 39(2): access solely for reporting and
  # statistics; CRRS-03): no search, record, biometric comparison, CIR or MID data, and no logs
  # (LOG-02). Open: `failureNotices` (ESP-09 notifies the users of the ESP). Left out pending a
  # decision: `biometricIdentify`, which an implementation may answer with no candidate (BMS-04:
  # "limited to systems the caller may query", and it may query none) or refuse (SEC-01, Art 39(2)).

  Scenario Outline: The statistics user of DEU may make the call <call>
    When the statistics user of DEU makes the call <call> about record A and the link joining it to B
    Then the call is answered, not refused

    @req:CRRS-03
    Examples:
      | call   |
      | report |

  Scenario Outline: The statistics user of DEU may not make the call <call>: refused, and the attempt logged
    When the statistics user of DEU makes the call <call> about record A and the link joining it to B
    Then the call is refused as <refusal>, and each refused attempt of the statistics user of DEU is logged by <logger>

    @req:SEC-01 @req:ESP-10
    Examples:
      | call   | refusal   | logger      |
      | search | forbidden | the ESP     |

    @req:SEC-01
    Examples:
      | call         | refusal   | logger      |
      | putRecord    | forbidden | a component |
      | deleteRecord | forbidden | a component |
      | getRecord    | forbidden | a component |

    @req:SEC-01 @req:BMS-05
    Examples:
      | call            | refusal   | logger      |
      | biometricVerify | forbidden | the SBMS    |

    @req:SEC-01 @req:CIR-14
    Examples:
      | call   | refusal   | logger      |
      | fileOf | forbidden | the CIR     |

    @req:SEC-01 @req:MID-12
    Examples:
      | call  | refusal   | logger      |
      | links | forbidden | the MID     |

    @req:SEC-01 @req:MID-10
    Examples:
      | call       | refusal   | logger      |
      | verifyLink | forbidden | the MID     |

    @req:SEC-01 @req:CIR-14
    Examples:
      | call       | refusal   | logger      |
      | linkedData | forbidden | the CIR     |

    @req:SEC-01 @req:CIR-07
    Examples:
      | call        | refusal   | logger      |
      | cirIdentify | forbidden | the CIR     |

    @req:SEC-01 @req:CIR-10
    Examples:
      | call     | refusal   | logger      |
      | hitFlags | forbidden | the CIR     |
      | followUp | forbidden | the CIR     |

    @req:SEC-01 @req:LOG-02
    Examples:
      | call          | refusal   | logger      |
      | logEntries    | forbidden | a component |
      | openProcedure | forbidden | a component |

  # Supervisory authorities read the logs and hold them for a monitoring procedure (LOG-01, LOG-02,
  # Art 51(5)); they make no query of personal data. Open: `report` (whether a supervisory
  # authority holds a statistics profile is not fixed) and `search` (no profile of POLICY ESP-P1
  # names them).

  Scenario Outline: The supervisory authority of DEU may make the call <call>
    When the supervisory authority of DEU makes the call <call> about record A and the link joining it to B
    Then the call is answered, not refused

    @req:LOG-02
    Examples:
      | call       |
      | logEntries |

    @req:LOG-01
    Examples:
      | call           |
      | openProcedure  |
      | closeProcedure |

  Scenario Outline: The supervisory authority of DEU may not make the call <call>: refused, and the attempt logged
    When the supervisory authority of DEU makes the call <call> about record A and the link joining it to B
    Then the call is refused as <refusal>, and each refused attempt of the supervisory authority of DEU is logged by <logger>

    @req:SEC-01 @req:MID-10
    Examples:
      | call       | refusal   | logger      |
      | verifyLink | forbidden | the MID     |

    @req:SEC-01 @req:CIR-14
    Examples:
      | call       | refusal   | logger      |
      | linkedData | forbidden | the CIR     |

    @req:SEC-01 @req:CIR-07
    Examples:
      | call        | refusal   | logger      |
      | cirIdentify | forbidden | the CIR     |

    @req:SEC-01 @req:CIR-10
    Examples:
      | call     | refusal   | logger      |
      | hitFlags | forbidden | the CIR     |
      | followUp | forbidden | the CIR     |

  # The EDPS reads the logs (LOG-02, version 2) and makes no query of personal data.

  Scenario Outline: The EDPS may make the call <call>
    When the EDPS makes the call <call> about record A and the link joining it to B
    Then the call is answered, not refused

    @req:LOG-02
    Examples:
      | call       |
      | logEntries |

  Scenario Outline: The EDPS may not make the call <call>: refused, and the attempt logged
    When the EDPS makes the call <call> about record A and the link joining it to B
    Then the call is refused as <refusal>, and each refused attempt of the EDPS is logged by <logger>

    @req:SEC-01 @req:MID-10
    Examples:
      | call       | refusal   | logger      |
      | verifyLink | forbidden | the MID     |

    @req:SEC-01 @req:CIR-14
    Examples:
      | call       | refusal   | logger      |
      | linkedData | forbidden | the CIR     |

    @req:SEC-01 @req:CIR-07
    Examples:
      | call        | refusal   | logger      |
      | cirIdentify | forbidden | the CIR     |

    @req:SEC-01 @req:CIR-10
    Examples:
      | call     | refusal   | logger      |
      | hitFlags | forbidden | the CIR     |
      | followUp | forbidden | the CIR     |

  # A source system's central service writes its system's records (CIR-03: a record created in a
  # source system is stored in the CIR automatically); it holds no ESP profile (ESP-10), makes no
  # Art 20 or Art 22 query, verifies no link, reads no statistics and no logs.

  Scenario Outline: The EES central system may make the call <call>
    When the EES central system makes the call <call> about record A and the link joining it to B
    Then the call is answered, not refused

    @req:CIR-03
    Examples:
      | call      |
      | putRecord |

  Scenario Outline: The EES central system may not make the call <call>: refused, and the attempt logged
    When the EES central system makes the call <call> about record A and the link joining it to B
    Then the call is refused as <refusal>, and each refused attempt of the EES central system is logged by <logger>

    @req:SEC-01 @req:ESP-10
    Examples:
      | call   | refusal   | logger      |
      | search | forbidden | the ESP     |

    @req:SEC-01 @req:MID-10
    Examples:
      | call       | refusal   | logger      |
      | verifyLink | forbidden | the MID     |

    @req:SEC-01 @req:CIR-14
    Examples:
      | call       | refusal   | logger      |
      | linkedData | forbidden | the CIR     |

    @req:SEC-01 @req:CIR-07
    Examples:
      | call        | refusal   | logger      |
      | cirIdentify | forbidden | the CIR     |

    @req:SEC-01 @req:CIR-10
    Examples:
      | call     | refusal   | logger      |
      | hitFlags | forbidden | the CIR     |
      | followUp | forbidden | the CIR     |

    @req:SEC-01 @req:CRRS-03
    Examples:
      | call   | refusal   | logger      |
      | report | forbidden | the CRRS    |

    @req:SEC-01 @req:LOG-02
    Examples:
      | call       | refusal   | logger      |
      | logEntries | forbidden | a component |

  # A yellow link is seen by its responsible authority alone (MID-12): every other role asking
  # for its confirmation file, or to rectify it, is refused, as forbidden or, not acknowledging
  # the link, as not found. Whether such a "not found" must also be logged as a refused attempt
  # (SEC-01 logs attempts outside one's rights; MID-12 lets the link go unacknowledged) is left
  # open here until it is decided, so these rows check the refusal and that it carries no
  # personal data.
  @req:MID-12
  Scenario Outline: <who>, who may not see the yellow link, asks for the call <call>: refused
    When <who> makes the call <call> about record A and the link joining it to B
    Then the call is refused, with no personal data

    Examples:
      | who                                                 | call             |
      | the visa authority of FRA                           | confirmationFile |
      | the police of DEU                                   | confirmationFile |
      | the designated authority of DEU                     | confirmationFile |
      | Europol                                             | confirmationFile |
      | the SIRENE Bureau of NLD                            | confirmationFile |
      | the ETIAS Central Unit                              | confirmationFile |
      | the asylum authority of ITA                         | confirmationFile |
      | the statistics user of DEU                          | confirmationFile |
      | the supervisory authority of DEU                    | confirmationFile |
      | the EDPS                                            | confirmationFile |
      | the EES central system                              | confirmationFile |
      | the visa authority of FRA                           | rectifyLink      |
      | the SIRENE Bureau of NLD                            | rectifyLink      |
      | the ETIAS Central Unit                              | rectifyLink      |
