@component:SEC
Feature: Who may make which call: the role × call matrix of rights
  Every known principal acting outside its rights is refused as forbidden, and the attempt is
  logged by the component that refused it (SEC-01); every right the regulation gives is
  honoured. Each family of roles below has one outline of the calls it may make (answered)
  and one of the calls it may not (refused, each refused attempt logged as that caller's),
  one row per call, tagged with the requirement that decides the right. The expected outcome
  is this file's declaration, taken from REQUIREMENTS.md, never from what an implementation
  happens to do. The calls about a link are in link-rights.feature, which starts from a
  yellow link; this file needs no link of any colour.

  Every call is made with real arguments (`<who> makes the call <call> about record A and the
  link joining it to B`, the step of the eu-LISA operator matrix): A is an EES record of DEU
  and B a VIS record of FRA. Where a call is made several ways (the statistics call reads
  every report kind; a search tries each profile the caller holds), every refused attempt is
  logged.

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
    Given these records:
      | record | system | surname | first names | born       | sex | nationality | document  | fingerprints |
      | A      | EES    | GARCÍA  | Ana         | 1990-05-07 | F   | COL         | PA1000001 | F1           |
      | B      | VIS    | NOWAK   | Olga        | 1975-11-30 | F   | COL         | PB2000002 | F1           |

  # Border authorities: the border profile of POLICY ESP-P1 (EES, VIS, ETIAS, SIS, Interpol SLTD).
  # They make no Art 20 or Art 22 query (CIR-07, CIR-10) and read no statistics (CRRS-03).

  Scenario Outline: The border authority of DEU may make the call <call>
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

  # Visa authorities: VIS, EES, SIS and ETIAS (POLICY ESP-P1). Open: `links` (answered; the
  # visibility outlines of MID-12 check which links it shows).

  Scenario Outline: The visa authority of FRA may make the call <call>
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

  Scenario Outline: The visa authority of FRA may not make the call <call>: refused, and the attempt logged
    When the visa authority of FRA makes the call <call> about record A and the link joining it to B
    Then the call is refused as <refusal>, and each refused attempt of the visa authority of FRA is logged by <logger>

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

    @req:SEC-01 @req:CIR-07
    Examples:
      | call        | refusal   | logger      |
      | cirIdentify | forbidden | the CIR     |

    @req:SEC-01 @req:CRRS-03
    Examples:
      | call   | refusal   | logger      |
      | report | forbidden | the CRRS    |

  # SIRENE Bureaux: SIS plus MID manual verification of the links they are responsible for
  # (POLICY ESP-P1, MID-09). Open: `links` and `fileOf` of an EES record (security.feature checks the reference's
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

  Scenario Outline: The SIRENE Bureau of NLD may not make the call <call>: refused, and the attempt logged
    When the SIRENE Bureau of NLD makes the call <call> about record A and the link joining it to B
    Then the call is refused as <refusal>, and each refused attempt of the SIRENE Bureau of NLD is logged by <logger>

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

  # The ETIAS Central Unit: its profile of POLICY ESP-P1; it verifies the links of ETIAS
  # applications (MID-09), makes no Art 20 or Art 22 query and reads no statistics.

  Scenario Outline: The ETIAS Central Unit may make the call <call>
    When the ETIAS Central Unit makes the call <call> about record A and the link joining it to B
    Then the call is answered, not refused

    @req:ESP-10
    Examples:
      | call   |
      | search |

  Scenario Outline: The ETIAS Central Unit may not make the call <call>: refused, and the attempt logged
    When the ETIAS Central Unit makes the call <call> about record A and the link joining it to B
    Then the call is refused as <refusal>, and each refused attempt of the ETIAS Central Unit is logged by <logger>

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
  # are neither police nor designated authorities.

  Scenario Outline: The asylum authority of ITA may not make the call <call>: refused, and the attempt logged
    When the asylum authority of ITA makes the call <call> about record A and the link joining it to B
    Then the call is refused as <refusal>, and each refused attempt of the asylum authority of ITA is logged by <logger>

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
  # (LOG-02). Open: `failureNotices` (ESP-09 notifies the users of the ESP). A 1:N search by a
  # caller that may query no system is a search outside its rights (Art 39(2)), refused and
  # logged, not an empty answer (BMS-04 limits a search to the systems the caller may query).

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

    @req:SEC-01 @req:BMS-04
    Examples:
      | call              | refusal   | logger      |
      | biometricIdentify | forbidden | the SBMS    |

    @req:SEC-01 @req:CIR-14
    Examples:
      | call   | refusal   | logger      |
      | fileOf | forbidden | the CIR     |

    @req:SEC-01 @req:MID-12
    Examples:
      | call  | refusal   | logger      |
      | links | forbidden | the MID     |

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
