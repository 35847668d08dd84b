@component:DQ
Feature: Data quality rules
  Blocking rules refuse input that breaks them, listing every broken rule, and nothing is
  stored; soft rules store the input with data-quality flags returned with the record (Art 37,
  Implementing Regulation 2021/2225).

  @req:DQ-01
  Scenario Outline: A record with <problem> is refused and nothing is stored
    When the central system writes this record:
      | record | system | surname   | first names | born   | sex   | nationality | document   | expiry   |
      | E9     | EES    | <surname> | Ana         | <born> | <sex> | COL         | <document> | <expiry> |
    Then the write is refused, listing a broken rule for each of <fields>
    And nothing is stored for E9

    Examples:
      | problem                                 | surname | born       | sex | document  | expiry     | fields                                       |
      | a date of birth in the future           | GARCÍA  | 2099-01-01 | F   | PA1234567 |            | date_of_birth                                |
      | a date of birth 150 years ago           | GARCÍA  | 1850-01-01 | F   | PA1234567 |            | date_of_birth                                |
      | no travel document                      | GARCÍA  | 1990-05-07 | F   | -         |            | travel_documents                             |
      | no sex and no surname                   |         | 1990-05-07 |     | PA1234567 |            | surname, sex                                 |
      | a document expiring before birth        | GARCÍA  | 1990-05-07 | F   | PA1234567 | 1980-01-01 | expiry                                       |
      | a document valid until 2099             | GARCÍA  | 1990-05-07 | F   | PA1234567 | 2099-01-01 | expiry                                       |
      | several broken rules at once            |         | 2099-01-01 | F   | -         |            | surname, date_of_birth, travel_documents     |

  @req:DQ-01
  Scenario Outline: A <system> record without <missing> is refused, naming it, and nothing is stored
    Each system has its own mandatory data: Eurodac holds fingerprint data, an SIS alert on a
    person has at least a surname, a VIS application a travel document, an SLTD entry is a
    travel document.
    When the central system writes this record:
      | record | system   | surname   | first names | born       | sex | nationality | document   | fingerprints   |
      | R9     | <system> | <surname> | Ana         | 1990-05-07 | F   | COL         | <document> | <fingerprints> |
    Then the write is refused, listing a broken rule for each of <fields>
    And nothing is stored for R9

    Examples:
      | system        | missing           | surname | document  | fingerprints | fields           |
      | EURODAC       | fingerprints      | GARCÍA  | -         |              | fingerprints     |
      | SIS           | a surname         |         | -         | F7           | surname          |
      | VIS           | a travel document | GARCÍA  | -         | F7           | travel_documents |
      | INTERPOL_SLTD | a travel document | GARCÍA  | -         |              | travel_documents |

  @req:DQ-01
  Scenario: A record with an unusable biometric sample is refused, listing that rule
    When the central system writes this record:
      | record | system | surname | first names | born       | sex | nationality | face | face quality |
      | E9     | EES    | GARCÍA  | Ana         | 1990-05-07 | F   | COL         | P1   | 2            |
    Then the write is refused, listing a broken rule for each of face
    And nothing is stored for E9

  @req:DQ-02
  Scenario: Soft rules store the record with flags returned with it
    When the central system writes this record:
      | record | system | surname | first names | born       | sex | nationality | document  | expiry     |
      | E9     | EES    | GARC1A  | Ana         | 1990-05-07 | F   | COL         | PA1234567 | 2020-01-01 |
    Then record E9 is stored with quality flags for surname, expiry

  @req:DQ-02
  Scenario: A clean record carries no flag
    When the central system writes this record:
      | record | system | surname | first names | born       | sex | nationality | document  | fingerprints |
      | E9     | EES    | GARCÍA  | Ana         | 1990-05-07 | F   | COL         | PA1234567 | F1           |
    Then record E9 is stored without quality flags

  @req:DQ-01 @test-control
  Scenario: A date of birth today is accepted; tomorrow is in the future and refused
    Given the clock reads 2027-03-01T12:00:00Z
    When the central system writes this record:
      | record | system | surname | first names | born       | sex | nationality | document  | fingerprints |
      | E7     | EES    | GARCÍA  | Ana         | 2027-03-01 | F   | COL         | PA7654321 | F7           |
    Then record E7 is stored
    When the central system writes this record:
      | record | system | surname | first names | born       | sex | nationality | document  | fingerprints |
      | E8     | EES    | GARCÍA  | Ana         | 2027-03-02 | F   | COL         | PA7654322 | F8           |
    Then the write is refused, listing a broken rule for each of date_of_birth
    And nothing is stored for E8

  @req:DQ-01
  Scenario: A Eurodac record of fingerprints alone, without identity data, is stored
    When the central system writes this record:
      | record | system  | document | fingerprints |
      | D7     | EURODAC | -        | F7           |
    Then record D7 is stored

  @req:DQ-01
  Scenario Outline: <what> is refused, naming the alert, and nothing is stored
    SIS data are alerts, and only SIS data are: an SIS record names its alert (MID-01 depends on
    its kind), and no other system's record carries one.
    When the central system writes this record:
      | record | system   | surname | first names | born       | sex | nationality | document  | fingerprints | alert   |
      | R8     | <system> | GARCÍA  | Ana         | 1990-05-07 | F   | COL         | PA7654329 | F7           | <alert> |
    Then the write is refused, listing a broken rule for each of sis_alert
    And nothing is stored for R8

    Examples:
      | what                              | system | alert  |
      | An SIS record without its alert   | SIS    | -      |
      | A VIS record carrying an SIS alert | VIS    | arrest |

  @req:DQ-01
  Scenario: An SIS alert of identity data alone, without document or biometric data, is stored
    When the central system writes this record:
      | record | system | surname | first names | born       | sex | nationality | document | alert  |
      | S7     | SIS    | GARCÍA  | Ana         | 1990-05-07 | F   | COL         | -        | arrest |
    Then record S7 is stored

  @req:DQ-02 @test-control
  Scenario: A document is valid through its expiry date and expired the day after
    Given the clock reads 2027-03-01T12:00:00Z
    When the central system writes this record:
      | record | system | surname | first names | born       | sex | nationality | document  | expiry     | fingerprints |
      | E7     | EES    | GARCÍA  | Ana         | 1990-05-07 | F   | COL         | PA7654321 | 2027-03-01 | F7           |
    Then record E7 is stored without quality flags
    When the central system writes this record:
      | record | system | surname | first names | born       | sex | nationality | document  | expiry     | fingerprints |
      | E8     | EES    | GARCÍA  | Ana         | 1990-05-07 | F   | COL         | PA7654322 | 2027-02-28 | F8           |
    Then record E8 is stored with quality flags for expiry

  @req:DQ-03
  Scenario: Quality indicators are reported per system without personal data
    Given an EES record E of Ana GARCÍA (F, COL) born 1990-05-07 with fingerprints F1
    And a VIS record V of Olga NOWAK (F, POL) born 1975-11-30 with fingerprints F2
    When the statistics user of DEU reads the statistics of data quality
    Then the report gives each of completeness, accuracy, timeliness, uniqueness and consistency per system
    And the report holds no personal data
