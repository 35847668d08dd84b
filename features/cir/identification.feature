@component:CIR
Feature: Identification by police (Art 20), hit flags for law enforcement (Art 22), and access to linked data (Art 21)

  Background:
    Given an ETIAS record T of Ana GARCÍA (F, COL) born 1990-05-07 with passport PA1234567
    And an EES record E of Ana GARCIA (F, COL) born 1990-05-07 with fingerprints F1 and passport PA1234567
    And a VIS record V of Ana GARCÍA (F, COL) born 1990-05-07 with fingerprints F1 and passport PA1234567

  @req:CIR-05
  Scenario Outline: An identification stating "<circumstance>" is accepted
    When the police of DEU identifies a person by live fingerprints F1 because <circumstance>
    Then the identification finds one person with the data of E and V

    Examples:
      | circumstance                                     |
      | the person has no travel document                |
      | there is doubt about the identity data           |
      | there is doubt about the document's authenticity |
      | there is doubt about the holder                  |
      | the person cannot or will not cooperate          |

  @req:CIR-05
  Scenario: An identification that states no circumstance is refused
    When the police of DEU identifies a person by live fingerprints F1 without stating why
    Then the identification is refused under CIR-05

  # Version 2: Art 20(4) is a circumstance of its own, outside any identity check.
  @req:CIR-05
  Scenario Outline: After a disaster, a designated police authority identifies <subject> by biometric data alone
    When the police of DEU identifies <subject> after a <event> by fingerprints F1
    Then the identification finds one person with the data of E and V
    And the CIR log holds the identification of the police of DEU with the authority, the purpose, the time, the data type fingerprint and the result

    Examples:
      | subject                                | event            |
      | human remains                          | natural disaster |
      | a person unable to identify themselves | terrorist attack |

  @req:CIR-05
  Scenario: Art 20(4) identification uses biometric data only
    When the police of DEU identifies human remains after an accident by identity data Ana GARCIA born 1990-05-07 and travel document PA1234567
    Then the identification is refused under CIR-05

  @req:CIR-05
  Scenario: Art 20(4) identification is open only to authorities designated for it
    When a police authority of DEU designated for identity checks only identifies human remains after a natural disaster by fingerprints F1
    Then the identification is refused under CIR-05
    When a police authority of DEU designated for identity checks only identifies a person by live fingerprints F1 because the person has no travel document
    Then the identification finds one person with the data of E and V

  @req:CIR-06
  Scenario: Identifying a child under 12 needs a best-interests justification
    When the police of DEU identifies a child of 10 by live fingerprints F1 because the person has no travel document
    Then the identification is refused under CIR-06
    When the police of DEU identifies a child of 10 by live fingerprints F1 because the person has no travel document, with a best-interests justification
    Then the identification finds one person with the data of E and V
    When the police of DEU identifies a child of 11 by live fingerprints F1 because the person has no travel document
    Then the identification is refused under CIR-06
    When the police of DEU identifies a child of 12 by live fingerprints F1 because the person has no travel document
    Then the identification finds one person with the data of E and V

  @req:CIR-07
  Scenario: A Member State without the national legislation may not identify
    When the police of a Member State without the Art 20 legislation identifies a person by live fingerprints F1 because the person has no travel document
    Then the identification is refused under CIR-07

  # Version 2: the designation belongs to the authority, not to its Member State.
  @req:CIR-07
  Scenario: A police authority not designated is refused although another police authority of its Member State is designated
    When a police authority of DEU not designated for Art 20 identifies a person by live fingerprints F1 because the person has no travel document
    Then the identification is refused under CIR-07
    When a police authority of DEU not designated for Art 20 identifies human remains after a natural disaster by fingerprints F1
    Then the identification is refused
    When the police of DEU identifies a person by live fingerprints F1 because the person has no travel document
    Then the identification finds one person with the data of E and V

  @req:CIR-08
  Scenario: Identification uses biometrics taken live, with the identity-data fall-back
    When the police of DEU identifies a person by fingerprints F1 not taken live because there is doubt about the holder
    Then the identification is refused under CIR-08
    When the police of DEU identifies Ana GARCIA born 1990-05-07 by identity data and travel document PA1234567, the biometrics being unusable, because the person cannot or will not cooperate
    Then the identification finds one person with the data of E, V and T

  # Biometric data taken live that hold no usable sample are biometrics that cannot be used:
  # the identity data are searched, the query is not refused for them.
  @req:CIR-08
  Scenario: Live biometric data holding no usable sample fall back to the identity data
    When the police of DEU identifies Ana GARCIA born 1990-05-07 by identity data and travel document PA1234567, the biometrics taken live holding no usable sample, because the person cannot or will not cooperate
    Then the identification finds one person with the data of E, V and T

  # Version 2: the request says the identity check was initiated in the person's presence.
  @req:CIR-08
  Scenario: Identification outside an identity check in the person's presence is refused
    When the police of DEU identifies a person by live fingerprints F1 outside an identity check in the person's presence because there is doubt about the holder
    Then the identification is refused under CIR-08

  # Version 2: the fall-back also follows a biometric query that finds no one.
  @req:CIR-08 @req:CIR-13
  Scenario: When the biometric query finds no one, the identity and travel document data are searched
    When the police of DEU identifies a person by live fingerprints F9, falling back to Ana GARCIA born 1990-05-07 and travel document PA1234567 if they find no one, because there is doubt about the holder
    Then the identification finds one person with the data of E, V and T
    And the CIR log holds the identification of the police of DEU with the authority, the purpose, the time, the data types fingerprint, identity data, travel document data and the result

  @req:CIR-08 @req:CIR-13
  Scenario: When the biometric query finds the person, the fall-back data are not searched
    When the police of DEU identifies a person by live fingerprints F1, falling back to Olga NOWAK born 1975-11-30 and travel document PB7654321 if they find no one, because there is doubt about the holder
    Then the identification finds one person with the data of E and V
    And the CIR log holds the identification of the police of DEU with the authority, the purpose, the time, the data type fingerprint and the result

  @req:CIR-09
  Scenario: The reply gives the identity, document and biometric data found without naming the source system
    When the police of DEU identifies a person by live fingerprints F1 because the person has no travel document
    Then the identification finds one person with the data of E, V and T
    And the identification reply names no source system

  @req:CIR-13
  Scenario: Identifications and detections are logged for their purpose
    When the police of DEU identifies a person by live fingerprints F1 because there is doubt about the holder
    Then the CIR log holds the identification of the police of DEU with the authority, the purpose, the time, the data type fingerprint and the result
    And the CIR log holds the detection triggered by E with its data types and the linked record T

  @req:CIR-10
  Scenario: A law-enforcement query returns only which systems hold matching data, never ECRIS-TCN
    Given an ECRIS_TCN record C of Ana GARCÍA (F, COL) born 1990-05-07 with fingerprints F1
    When the designated authority of DEU asks for hit flags on Ana GARCÍA born 1990-05-07 for case "DE-2026-4711" investigating "trafficking in human beings" as ordered by "chief-inspector-7"
    Then the hit flags name exactly the systems EES, VIS, ETIAS
    And the hit-flag reply holds no personal data
    When Europol asks for hit flags on Olga NOWAK born 1975-11-30 for case "EU-2026-0042" investigating "terrorism" as ordered by "head-of-unit-3"
    Then the hit flags name exactly the systems NONE

  @req:CIR-10
  Scenario: Europol asks for hit flags; Eurodac is named, ECRIS-TCN and SIS never
    Given an EURODAC record U of Ana GARCÍA (F, COL) born 1990-05-07 with fingerprints F1
    And an ECRIS_TCN record C of Ana GARCÍA (F, COL) born 1990-05-07 with fingerprints F1
    And an SIS record S of Ana GARCÍA (F, COL) born 1990-05-07 with fingerprints F1
    When Europol asks for hit flags on Ana GARCÍA born 1990-05-07 for case "EU-2026-0043" investigating "terrorism" as ordered by "head-of-unit-3"
    Then the hit flags name exactly the systems EES, VIS, ETIAS, EURODAC
    And the hit-flag reply holds no personal data

  # Art 22(1): the query is launched with identity data, travel document data or biometric
  # data; each alone is enough.
  @req:CIR-10
  Scenario: A law-enforcement query by a travel document alone, or by fingerprints alone, gives the flags
    Given an EURODAC record U of Olga NOWAK (F, POL) born 1975-11-30 with fingerprints F5
    When the designated authority of DEU asks for hit flags on travel document PA1234567 for case "DE-2026-4721" investigating "fraud" as ordered by "chief-inspector-7"
    Then the hit flags name exactly the systems EES, VIS, ETIAS
    And the hit-flag reply holds no personal data
    When Europol asks for hit flags on fingerprints F5 for case "EU-2026-0045" investigating "terrorism" as ordered by "head-of-unit-3"
    Then the hit flags name exactly the systems EURODAC
    And the hit-flag reply holds no personal data

  # Version 2: the reasonable grounds of the specific case are part of the query.
  @req:CIR-10
  Scenario: A law-enforcement query without reasonable grounds is refused, naming the field
    When the designated authority of DEU asks for hit flags on Ana GARCÍA born 1990-05-07 for case "DE-2026-4713" investigating "murder" as ordered by "prosecutor-2" without stating reasonable grounds
    Then the hit-flag query is refused as invalid under CIR-10, naming the field reasonable_grounds

  @req:CIR-10
  Scenario Outline: <who>, neither a designated authority nor Europol, may not ask for hit flags
    When <who> asks for hit flags on Ana GARCÍA born 1990-05-07 for case "DE-2026-9" investigating "fraud" as ordered by "chief-9"
    Then the hit-flag query is refused

    Examples:
      | who                              |
      | the police of DEU                |
      | the border authority of DEU      |
      | the visa authority of FRA        |
      | the SIRENE Bureau of DEU         |
      | the ETIAS Central Unit           |
      | the ETIAS National Unit of ESP   |
      | the asylum authority of ITA      |
      | the supervisory authority of DEU |
      | the eu-LISA operator             |

  @req:CIR-11 @req:CIR-13
  Scenario: A hit is followed up by a justification, and the log holds the case, the purpose and both officials
    When the designated authority of DEU asks for hit flags on Ana GARCÍA born 1990-05-07 for case "DE-2026-4711" investigating "trafficking in human beings" as ordered by "chief-inspector-7"
    Then the CIR log holds the hit-flag query with case "DE-2026-4711", its purpose, the official who ran it and "chief-inspector-7" who ordered it
    When the same authority records the justification "access to the EES file requested from the central access point" for the hits
    Then the follow-up is accepted
    And the CIR log holds the follow-up with case "DE-2026-4711"

  @req:CIR-11
  Scenario: A hit is followed up by a request for full access to a system that had a hit
    When the designated authority of DEU asks for hit flags on Ana GARCÍA born 1990-05-07 for case "DE-2026-4712" investigating "murder" as ordered by "prosecutor-2"
    And the same authority requests full access to the EURODAC for the hits
    Then the follow-up is refused
    When the same authority requests full access to the VIS for the hits
    Then the follow-up is accepted
    And the CIR log holds the follow-up with case "DE-2026-4712"

  # Version 2: full access is the rule; until a hit is followed up no new query is made.
  @req:CIR-11
  Scenario: A hit not yet followed up by a request for full access or a justification blocks the next query
    When the designated authority of DEU asks for hit flags on Ana GARCÍA born 1990-05-07 for case "DE-2026-4714" investigating "murder" as ordered by "prosecutor-2"
    And the designated authority of DEU asks for hit flags on Ana GARCÍA born 1990-05-07 for case "DE-2026-4715" investigating "murder" as ordered by "prosecutor-2"
    Then the hit-flag query is refused as a conflict under CIR-11

  @req:CIR-11
  Scenario: Europol's query is logged with the official who ran it and the one who ordered it
    When Europol asks for hit flags on Ana GARCÍA born 1990-05-07 for case "EU-2026-0044" investigating "terrorism" as ordered by "head-of-unit-3"
    Then the CIR log holds the hit-flag query with case "EU-2026-0044", its purpose, the official who ran it and "head-of-unit-3" who ordered it
    When the same authority requests full access to the EES for the hits
    Then the follow-up is accepted
    And the CIR log holds the follow-up with case "EU-2026-0044"

  @req:CIR-14
  Scenario: Art 21 access gives only the data connected by the link, and only to entitled authorities
    Given records A and B linked yellow by bio SAME, id DIFFERENT
    When the responsible authority opens the data of the link joining A and B
    Then it receives the data of A and B and nothing else
    When the visa authority of FRA opens the data of the link joining A and B
    Then the access is refused
