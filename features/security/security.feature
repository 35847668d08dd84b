@component:SEC
Feature: Authentication, rights, robustness and write semantics
  Every call is authenticated and every right enforced, refusals are logged; bad input gets a
  typed error naming the field, never a server fault; writes are idempotent and concurrent
  writes lose nothing; sizes are limited and documented (REQUIREMENTS §9). The HTTP status codes
  and problem documents of the binding are checked by @http scenarios against HTTP targets.

  Background:
    Given an EES record E of Ana GARCÍA (F, COL) born 1990-05-07 with fingerprints F1
    And a VIS record V of Ana GARCÍA (F, COL) born 1990-05-07 with fingerprints F1

  @req:SEC-01
  Scenario Outline: A caller with an unknown credential who <action> gets nothing
    When a caller with an unknown credential <action>
    Then the call is refused as unauthenticated

    Examples:
      | action                     |
      | searches for Ana GARCÍA born 1990-05-07 |
      | reads record E             |
      | reads the links of record E |
      | reads the logs             |
      | identifies with fingerprints F1 |
      | reads the statistics of links per colour |
      | verifies fingerprints F1 against record E |

  @req:SEC-01
  Scenario Outline: <who>, acting outside its rights, <call>: refused, and the attempt is logged by the <component>
    When <who> <call>
    Then the call is refused as forbidden and the attempt of <who> is logged by the <component>

    Examples:
      | who                         | call                                                                                      | component |
      | the SIRENE Bureau of NLD    | reads record E of a system it may not access                                              | CIR       |
      | the SIRENE Bureau of NLD    | reads the links of record E                                                               | MID       |
      | the border authority of DEU | identifies with fingerprints F1 in the EURODAC only                                       | SBMS      |
      | the border authority of DEU | tries to read the statistics of links per colour                                          | CRRS      |
      | the police of DEU           | searches for Ana GARCÍA born 1990-05-07 under the profile of the border authority of DEU | ESP       |

  @req:SEC-01
  Scenario: A refused read of the logs is logged
    When the statistics user of FRA tries to read the logs
    Then the call is refused as forbidden and the attempt of the statistics user of FRA is logged

  @req:SEC-02
  Scenario Outline: Bad input - <input> - gets a typed error naming the field, never a server fault
    When the EES central system writes record E9 with <input>
    Then the call is refused as invalid input naming the field "<field>"
    And no call failed with an internal error
    And nothing is stored for E9

    Examples:
      | input                            | field      |
      | an undecodable minutiae record   | biometrics |
      | an undecodable ANSI/NIST file    | biometrics |
      | an undecodable fingerprint image | biometrics |
      | no data at all                   | identity   |

  @req:SEC-02
  Scenario: Asking for something that does not exist is "not found", not a fault
    When the border authority of DEU reads the links of a record that does not exist
    Then the call is refused as not found
    And no call failed with an internal error

  @req:SEC-03
  Scenario: Resending the same record changes nothing: no second file, template or link
    Then exactly one link joins E and V
    When the templates of E are counted
    And record E is sent again
    Then resending E changed nothing
    And E has as many templates as before
    And exactly one link joins E and V
    And one individual file holds records E and V

  @req:SEC-04
  Scenario: Concurrent writes lose nothing and make every expected link exactly once
    When these records are written at the same time:
      | record | system | surname  | first names | born       | sex | nationality | fingerprints |
      | A1     | EES    | ADAMS    | Ann         | 1981-01-01 | F   | USA         | G1           |
      | B1     | VIS    | ADAMS    | Ann         | 1981-01-01 | F   | USA         | G1           |
      | A2     | EES    | BAKER    | Ben         | 1982-02-02 | M   | CAN         | G2           |
      | B2     | VIS    | BAKER    | Ben         | 1982-02-02 | M   | CAN         | G2           |
      | A3     | EES    | CLARK    | Cleo        | 1983-03-03 | F   | AUS         | G3           |
      | B3     | SIS    | CLARK    | Cleo        | 1983-03-03 | F   | AUS         | G3           |
      | A4     | VIS    | DAVIS    | Dan         | 1984-04-04 | M   | NZL         | G4           |
      | B4     | EURODAC| DAVIS    | Dan         | 1984-04-04 | M   | NZL         | G4           |
      | A5     | EES    | EVANS    | Eve         | 1985-05-05 | F   | IRL         | G5           |
      | B5     | ECRIS_TCN | EVANS | Eve         | 1985-05-05 | F   | IRL         | G5           |
      | A6     | EES    | FOSTER   | Finn        | 1986-06-06 | M   | GBR         | G6           |
      | A7     | VIS    | GRANT    | Gail        | 1987-07-07 | F   | ZAF         | G7           |
      | A8     | EES    | HUGHES   | Hal         | 1988-08-08 | M   | IND         | G8           |
      | B8     | VIS    | HUGHES   | Hal         | 1988-08-08 | M   | IND         | G8           |
      | A9     | SIS    | IRWIN    | Ida         | 1989-09-09 | F   | BRA         | G9           |
      | B9     | EES    | IRWIN    | Ida         | 1989-09-09 | F   | BRA         | G9           |
    Then every record written at the same time is stored, and each pair with the same fingerprints is joined by exactly one white link and no other

  @req:SEC-05
  Scenario: Size limits are documented and oversize input is refused
    Then the implementation documents its size limits
    When the EES central system writes record E9 with a fingerprint image one byte over the documented limit
    Then the write is refused as too large
    And no call failed with an internal error
    And nothing is stored for E9
    When the EES central system writes record E9 with a fingerprint image exactly at the documented limit
    Then the write is not refused as too large

  @req:SEC-06 @test-control
  Scenario: Test control sets the clock and resets the state
    When the clock is set to 2027-03-01T12:00:00Z
    And the border authority of DEU searches for Ana GARCÍA born 1990-05-07
    Then log entries written now carry the time 2027-03-01T12:00:00Z
    When the implementation is reset
    Then nothing is stored for E
