@component:CRRS
Feature: Central Repository for Reporting and Statistics
  Statistics are anonymous aggregates; the regulation lists the figures to report; only
  principals with a statistics profile read them, and every access is logged (Art 39, 817
  Art 66, Delegated Regulation 2021/2223).

  Background:
    Given these records:
      | record | system | surname | first names | born       | sex | nationality | document  | fingerprints |
      | E1     | EES    | GARCÍA  | Ana         | 1990-05-07 | F   | COL         | PA1234567 | F9           |
      | V1     | VIS    | GARCIA  | Ana         | 1990-05-07 | F   | COL         | PB7654321 | F9           |
    And the border authority of DEU searches for Ana GARCÍA born 1990-05-07
    And the border authority of DEU searches with fingerprints F9
    And the police of DEU identifies a person by live fingerprints F9 because the person has no travel document
    And the designated authority of DEU asks for hit flags on Ana GARCÍA born 1990-05-07 for case "DE-2026-1" investigating "fraud" as ordered by "chief-1"

  @req:CRRS-01
  Scenario Outline: The report of <report> holds no personal data
    When the statistics user of DEU reads the statistics of <report>
    Then the report holds no personal data

    Examples:
      | report                  |
      | ESP queries per profile |
      | Interpol queries        |
      | CIR queries per purpose |
      | searches by biometrics  |
      | links per colour        |
      | records by attributes   |

  @req:CRRS-02
  Scenario: The reported figures include the queries per profile, per Interpol database and per CIR purpose
    When the statistics user of DEU reads the statistics of ESP queries per profile
    Then the report counts 2 for profile "border-check"
    When the statistics user of DEU reads the statistics of CIR queries per purpose
    Then the report counts 1 for purpose "art-20"
    And the report counts 1 for purpose "art-22"
    When the statistics user of DEU reads the statistics of links per colour
    Then the report counts 1 for colour "white" and system pair "EES+VIS"

  # Whether other work of an implementation (a detection, say) counts as a search is its own
  # choice, so each search is judged by what it adds to the figures: one search, counted with
  # biometrics exactly when it carried biometric data that could be used.
  @req:CRRS-02
  Scenario: Each search adds one to the searches with biometrics or to those without
    When the statistics user of DEU reads the statistics of searches by biometrics
    And the border authority of DEU searches with fingerprints F9
    And the statistics user of DEU reads the statistics of searches by biometrics
    Then the report counts 1 more than the one before for with biometrics "true" and 0 more for "false"
    When the border authority of DEU searches for Ana GARCÍA born 1990-05-07
    And the statistics user of DEU reads the statistics of searches by biometrics
    Then the report counts 0 more than the one before for with biometrics "true" and 1 more for "false"
    When the police of DEU identifies a person by live fingerprints F9 because the person has no travel document
    And the statistics user of DEU reads the statistics of searches by biometrics
    Then the report counts 1 more than the one before for with biometrics "true" and 0 more for "false"
    When the police of DEU identifies Ana GARCIA born 1990-05-07 by identity data and travel document PA1234567, the biometrics taken live holding no usable sample, because the person cannot or will not cooperate
    And the statistics user of DEU reads the statistics of searches by biometrics
    Then the report counts 0 more than the one before for with biometrics "true" and 1 more for "false"

  @req:CRRS-02 @capability:interpol-no-reveal
  Scenario: The reported figures include the queries per Interpol database
    When the statistics user of DEU reads the statistics of Interpol queries
    Then the report counts 2 for interpol database "INTERPOL_SLTD"

  @req:CRRS-02 @test-control
  Scenario: The reported figures include how long links stayed yellow and red
    Given records A and B linked yellow by bio SAME, id DIFFERENT
    When 5 hours pass
    And the responsible authority verifies the link joining A and B as "same person, unjustified"
    And 3 hours pass
    And the statistics user of DEU reads the statistics of link colour durations
    Then the report gives colour "yellow" a mean of 4 to 6 hours
    And the report gives colour "red" a mean of 2 to 4 hours

  @req:CRRS-03
  Scenario: Only statistics principals read the statistics, and each access is logged
    When the border authority of DEU reads the statistics of links per colour
    Then reading the statistics is refused
    When the supervisory authority of DEU reads the statistics of links per colour
    Then reading the statistics is refused
    When the statistics user of DEU reads the statistics of links per colour
    Then the CRRS log holds the access of the statistics user of DEU to the statistics of links per colour with its time
