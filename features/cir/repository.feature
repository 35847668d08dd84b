@component:CIR
Feature: Common Identity Repository
  One individual file per person holds, per source system, the identity, travel document and
  biometric data that system contributes; white and red links merge files, yellow and green
  never do (817/818 Arts 17-19, 23). Art 20 identification, Art 21 access to linked data and
  Art 22 law-enforcement hit flags follow their own conditions and are logged (Arts 20-24).

  @req:CIR-01 @req:CIR-02
  Scenario: One file per person holds each system's data; ETIAS brings no biometrics
    Given an ETIAS record T of Ana GARCÍA (F, COL) born 1990-05-07 with passport PA1234567
    And an EES record E of Ana GARCIA (F, COL) born 1990-05-07 with fingerprints F1 and passport PA1234567
    Then a white link joins E and T
    And one individual file holds records E and T
    And the individual file of E holds no biometric data for T
    And the individual file of E holds fingerprint data for E
    And each data set of the individual file of E names its system and record

  @req:CIR-01
  Scenario: SIS data are not stored in the CIR
    Given an EES record E of Ana GARCÍA (F, COL) born 1990-05-07 with fingerprints F1
    And an SIS record S of Ana GARCÍA (F, COL) born 1990-05-07 with fingerprints F1
    Then a white link joins S and E
    And the CIR holds no data of S

  @req:CIR-03
  Scenario: Creating, amending and deleting a source record does the same to the CIR data
    Given an EES record E of Ana GARCÍA (F, COL) born 1990-05-07 with fingerprints F1
    Then each data set of the individual file of E names its system and record
    When record E is amended:
      | surname      |
      | GARCÍA LÓPEZ |
    Then the individual file of E shows the surname GARCÍA LÓPEZ for E
    When record E is deleted
    Then the CIR holds no data of E

  @req:CIR-04
  Scenario Outline: A <colour> link <merges> the individual files
    Given records A and B linked yellow by <basis>
    Then records A and B are in different individual files
    When the responsible authority verifies the link joining A and B as "<outcome>"
    Then the link joining A and B is <colour>
    And <check>

    Examples:
      | colour | merges       | basis                             | outcome                  | check                                          |
      | white  | merges       | bio SAME, id DIFFERENT            | same person, justified   | one individual file holds records A and B      |
      | red    | merges       | bio SAME, id DIFFERENT            | same person, unjustified | one individual file holds records A and B      |
      | green  | never merges | bio ABSENT, id DIFFERENT, td SAME | different persons        | records A and B are in different individual files |

  @req:CIR-04
  Scenario: An automatic white link merges the files at once
    Given an EES record A of Ana GARCÍA (F, COL) born 1990-05-07 with fingerprints F1
    And a VIS record B of Ana GARCÍA (F, COL) born 1990-05-07 with fingerprints F1
    Then one individual file holds records A and B

  @req:CIR-12 @test-control
  Scenario: A file lives only while its data remain; a link never extends retention
    Given the clock reads 2026-11-25T09:00:00Z
    And these records:
      | record | system | surname | first names | born       | sex | nationality | fingerprints | retained until       |
      | E      | EES    | GARCÍA  | Ana         | 1990-05-07 | F   | COL         | F1           | 2026-12-25T09:00:00Z |
      | V      | VIS    | GARCÍA  | Ana         | 1990-05-07 | F   | COL         | F1           | 2027-11-25T09:00:00Z |
    Then one individual file holds records E and V
    When 43199 minutes pass
    Then one individual file holds records E and V
    When 1 minute passes
    Then the CIR holds no data of E
    And E has no link
    And each data set of the individual file of V names its system and record
    When 335 days pass
    Then the CIR holds no data of V

  @req:CIR-12
  Scenario: Deleting every record of a file removes the file
    Given an EES record A of Ana GARCÍA (F, COL) born 1990-05-07 with fingerprints F1
    And a VIS record B of Ana GARCÍA (F, COL) born 1990-05-07 with fingerprints F1
    When record A is deleted
    And record B is deleted
    Then the CIR holds no data of A
    And the CIR holds no data of B
