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

  @req:CIR-08
  Scenario: Identification uses biometrics taken live, with the identity-data fall-back
    When the police of DEU identifies a person by fingerprints F1 not taken live because there is doubt about the holder
    Then the identification is refused under CIR-08
    When the police of DEU identifies Ana GARCIA born 1990-05-07 by identity data and travel document PA1234567, the biometrics being unusable, because the person cannot or will not cooperate
    Then the identification finds one person with the data of E, V and T

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
  Scenario Outline: <who>, not a designated authority, may not ask for hit flags
    When <who> asks for hit flags on Ana GARCÍA born 1990-05-07 for case "DE-2026-9" investigating "fraud" as ordered by "chief-9"
    Then the hit-flag query is refused

    Examples:
      | who                          |
      | the police of DEU            |
      | the border authority of DEU  |
      | the SIRENE Bureau of DEU     |
      | the ETIAS Central Unit       |

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

  @req:CIR-14
  Scenario: Art 21 access gives only the data connected by the link, and only to entitled authorities
    Given records A and B linked yellow by bio SAME, id DIFFERENT
    When the responsible authority opens the data of the link joining A and B
    Then it receives the data of A and B and nothing else
    When the visa authority of FRA opens the data of the link joining A and B
    Then the access is refused
