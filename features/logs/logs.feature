@component:LOG
Feature: Logs
  The components log every operation the regulations list; supervisory authorities and the EDPS
  read the logs, and each Member State's or agency's authorities read their own entries for
  self-monitoring; nothing alters or deletes them, they hold no biometric data nor identity data beyond
  what the article lists, and they are erased after a year unless a monitoring procedure already
  begun needs them (Arts 10, 16, 24, 36).

  Background:
    Given these records:
      | record | system | surname | first names | born       | sex | nationality | document  | fingerprints | face |
      | E1     | EES    | GARCÍA  | Ana         | 1990-05-07 | F   | COL         | PA1234567 | F1           | P1   |
      | V1     | VIS    | NOWAK   | Olga        | 1975-11-30 | F   | POL         | PB7654321 | F1           |      |
    And the border authority of DEU searches for Ana GARCÍA born 1990-05-07

  # The year after 2027-06-01 holds 29 February 2028: one year is 366 days there, so an
  # implementation that counts 365 days fails.
  @req:LOG-01 @test-control
  Scenario: Logs are erased one calendar year after they were made
    Given the clock reads 2027-06-01T10:00:00Z
    And the visa authority of FRA searches for Olga NOWAK born 1975-11-30
    Then every log entry is due for erasure one year after it was made
    When 365 days pass
    Then the logs still hold the search of the visa authority of FRA
    When 1 day passes
    Then the logs no longer hold the search of the visa authority of FRA

  @req:LOG-01 @test-control
  Scenario: A monitoring procedure already begun holds the logs it needs past the year
    Given the supervisory authority opens a monitoring procedure covering the ESP logs
    When 366 days pass
    Then the logs still hold the search
    When the supervisory authority closes the monitoring procedure
    And 1 day passes
    Then the logs no longer hold the search

  # Version 2: the logs of the history of an individual file's data are erased once those data
  # are (Art 24(8)); the other logs keep their year.
  @req:LOG-01 @test-control
  Scenario: The history of a record's data in the logs is erased with the data, not before
    Given the clock reads 2026-11-25T09:00:00Z
    And these records:
      | record | system | surname | first names | born       | sex | nationality | fingerprints | retained until       |
      | E2     | EES    | DIALLO  | Moussa      | 1984-03-12 | M   | SEN         | F7           | 2026-12-25T09:00:00Z |
      | V2     | VIS    | DIALLO  | Moussa      | 1984-03-12 | M   | SEN         | F7           | 2027-11-25T09:00:00Z |
    Then the logs hold the history of the data of E2
    When 43199 minutes pass
    Then the logs hold the history of the data of E2
    When 1 minute passes
    Then the logs no longer hold the history of the data of E2
    And the logs hold the history of the data of V2
    And the logs still hold the search of the border authority of DEU

  # Version 2 (corrected): for self-monitoring, each data controller reads the entries of its
  # own authorities; version 1 let only supervisory authorities read logs.
  @req:LOG-02
  Scenario: For self-monitoring an authority reads its own Member State's entries, never another's
    Given the visa authority of FRA searches for Olga NOWAK born 1975-11-30
    When the border authority of DEU reads the logs
    Then the logs read hold the search of the border authority of DEU
    And every log entry read was made by an authority of DEU
    When the visa authority of FRA reads the logs
    Then the logs read hold the search of the visa authority of FRA
    And every log entry read was made by an authority of FRA

  @req:LOG-02
  Scenario: Supervisory authorities and the EDPS read every Member State's entries
    Given the visa authority of FRA searches for Olga NOWAK born 1975-11-30
    When the EDPS reads the logs
    Then the logs read hold the search of the border authority of DEU
    And the logs read hold the search of the visa authority of FRA
    When the supervisory authority of DEU reads the logs
    Then the logs read hold the search of the border authority of DEU
    And the logs read hold the search of the visa authority of FRA

  @req:LOG-02
  Scenario Outline: <who> reads no logs
    When <who> reads the logs
    Then reading the logs is refused

    Examples:
      | who                          |
      | the statistics user of DEU   |
      | the eu-LISA operator         |
      | the EES central system       |

  @req:LOG-02
  Scenario: Self-monitoring reads; only supervisory authorities and the EDPS open monitoring procedures
    When the border authority of DEU tries to open a monitoring procedure covering the ESP logs
    Then opening the monitoring procedure is refused
    When the EDPS tries to open a monitoring procedure covering the ESP logs
    Then the monitoring procedure is open

  @req:LOG-02
  Scenario: Logs are never altered or deleted: later activity only adds entries
    When the supervisory authority takes a copy of the logs
    And the visa authority of FRA searches for Olga NOWAK born 1975-11-30
    And record V1 is deleted
    Then every entry of the copy is still in the logs, unchanged, and new activity only added entries

  @req:LOG-03
  Scenario: Logs hold no biometric data and no identity data beyond what the article lists
    When the border authority of DEU searches with fingerprints F1
    And the border authority of DEU identifies with fingerprints F1
    And the police of DEU identifies a person by live fingerprints F1 because there is doubt about the holder
    Then no log entry holds biometric data, and no ESP, sBMS or MID entry holds names, document numbers or dates of birth

  # Version 2 (POLICY LOG-P1): the biometric data that launched a query are in its entry as
  # their type, the finger and a SHA-256 digest of the sample sent, never as data.
  @req:LOG-03
  Scenario Outline: The <component> entry of a query launched with fingerprints holds their fingers and digests only
    When <who> launches <query> with fingerprints F1, F2
    Then the <component> log entry of that query holds each fingerprint sent as its finger and the SHA-256 of the sample, nothing else of it

    Examples:
      | component | who                         | query                  |
      | ESP       | the border authority of DEU | an ESP search          |
      | sBMS      | the border authority of DEU | an sBMS identification |
      | CIR       | the police of DEU           | a CIR identification   |
