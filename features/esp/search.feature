@component:ESP
Feature: European Search Portal
  One query reaches, in parallel, every system the caller's ESP profile lists; the reply names
  each source and holds nothing about the systems the caller may not access (817/818 Arts 6-11).

  Background:
    Given these records:
      | record | system    | surname | first names | born       | sex | nationality | document  | fingerprints |
      | E1     | EES       | GARCÍA  | Ana         | 1990-05-07 | F   | COL         | PA1234567 | F1           |
      | V1     | VIS       | GARCIA  | Ana         | 1990-05-07 | F   | COL         | PA1234567 | F1           |
      | S1     | SIS       | GARCIA  | Ana         | 1990-05-07 | F   | COL         | -            | F1           |
      | C1     | ECRIS_TCN | GARCÍA  | Ana         | 1990-05-07 | F   | COL         | -            | F1           |
      | D1     | EURODAC   | GARCÍA  | Ana         | 1990-05-07 | F   | COL         | -            | F1           |

  @req:ESP-01
  Scenario: A border guard's query reaches every system of the border profile
    When the border authority of DEU searches for Ana GARCÍA born 1990-05-07
    Then the reply has a result from every system the profile queries and the searcher may see
    And the EES result holds record E1
    And the VIS result holds record V1
    And the SIS result holds record S1

  @req:ESP-03
  Scenario: Each result item names the system that holds it
    When the border authority of DEU searches for Ana GARCÍA born 1990-05-07
    Then every result item names the system that holds it
    When the ETIAS Central Unit searches for travel document PA1234567
    Then every result item names the system that holds it

  @req:ESP-01
  Scenario: A query by travel document and a query by fingerprints reach the same systems
    When the visa authority of FRA searches for travel document PA1234567
    Then the reply has a result from every system the profile queries and the searcher may see
    And the EES result holds record E1
    When the visa authority of FRA searches with fingerprints F1
    Then the reply has a result from every system the profile queries and the searcher may see
    And the VIS result holds record V1
    And the SIS result holds record S1

  # Timing scenarios run alone (@serial) so that other scenarios' work cannot delay them.
  @req:ESP-01 @test-control @serial
  Scenario: Systems are queried in parallel, not one after another
    Given the EES answers the search portal after 500 ms
    And the VIS answers the search portal after 500 ms
    And the SIS answers the search portal after 500 ms
    When the border authority of DEU searches for Ana GARCÍA born 1990-05-07
    Then the whole reply arrives within 1250 ms

  @req:ESP-02
  Scenario: A query field the profile does not allow is refused, naming the field, and nothing is queried
    When the ETIAS Central Unit searches with a field its profile does not allow
    Then the search is refused naming the field
    And no search was logged

  @req:ESP-04
  Scenario: The reply holds no trace of the systems the caller may not access
    When the border authority of DEU searches for Ana GARCÍA born 1990-05-07
    Then the reply holds no trace of the systems the searcher may not access
    When the border authority of DEU searches with fingerprints F1
    Then the reply holds no trace of the systems the searcher may not access

  @req:ESP-05
  Scenario: Data outside the profile's reply categories are removed
    When the border authority of DEU searches with fingerprints F1
    Then no result item carries data outside the reply categories of the profile
    When the SIRENE Bureau of NLD searches for Ana GARCIA born 1990-05-07
    Then no result item carries data outside the reply categories of the profile

  @req:ESP-06 @test-control @serial
  Scenario: Each source's answer is delivered as soon as it comes; a slow source delays no other
    Given the SIS answers the search portal after 1200 ms
    When the border authority of DEU searches for Ana GARCÍA born 1990-05-07
    Then the EES result arrives before the SIS result
    And the first result arrives within 900 ms
    And the SIS result is a hit

  @req:ESP-06 @req:ESP-09 @test-control @serial
  Scenario: Failing sources are reported as unavailable or timed out; the others answer
    Given the SIS is unavailable to the search portal
    And the VIS does not answer the search portal
    When the border authority of DEU searches for Ana GARCÍA born 1990-05-07
    Then the EES result is a hit
    And the SIS result is unavailable
    And the VIS result is timed out
    And the SIS result advises querying the system directly
    And the VIS result advises querying the system directly
    And the EES result arrives before the VIS result

  @req:ESP-06
  Scenario: Every source the caller may see reports its outcome, hit or no hit
    When the border authority of DEU searches for Olga NOWAK born 1975-11-30
    Then the reply has a result from every system the profile queries and the searcher may see
    And the EES result is no hit
    And the SIS result is no hit

  @req:ESP-07 @test-control
  Scenario: Interpol is not queried when the query could reveal itself to the alert owner
    Given the implementation cannot guarantee that an Interpol query stays unseen by the alert owner
    When the border authority of DEU searches for travel document PA1234567
    Then the reply has no Interpol result
    And the ESP log shows Interpol was not queried
    And the EES result holds record E1

  @req:ESP-07
  Scenario: Interpol appears in a reply only when the implementation guarantees no reveal
    When the border authority of DEU searches for travel document PA1234567
    Then the reply has a result from every system the profile queries and the searcher may see

  @req:ESP-08
  Scenario: Every query is logged with the Member State, the profile, the time and the systems queried
    When the border authority of DEU searches for Ana GARCÍA born 1990-05-07
    Then the ESP log holds the search with the searcher's Member State, its profile, the time and the systems queried
    When Europol searches for Ana GARCÍA born 1990-05-07
    Then the ESP log holds the search with the searcher's Member State, its profile, the time and the systems queried

  @req:ESP-08 @test-control
  Scenario: The query log gives the time of day of the query
    Given the clock reads 2027-03-01T12:34:56Z
    When the border authority of DEU searches with fingerprints F1
    Then the ESP log holds the search with the searcher's Member State, its profile, the time and the systems queried

  @req:ESP-10
  Scenario: Profiles are data, and a caller without a profile is refused
    Then the profiles of the border authority of DEU are data listing query fields, systems to query, systems that reply and reply categories
    And the profiles of Europol are data listing query fields, systems to query, systems that reply and reply categories
    When the EES central system searches for Ana GARCÍA born 1990-05-07
    Then the search is refused
    When the police of DEU searches for Ana GARCÍA born 1990-05-07 under the profile of the border authority of DEU
    Then the search is refused

  @req:ESP-10 @policy:ESP-P1 @capability:interpol-no-reveal
  Scenario: A system the profile can query is not queried unless the caller names it
    When the border authority of DEU searches for travel document PA1234567
    Then the reply holds nothing from the INTERPOL_TDAWN
    And the ESP log shows the INTERPOL_TDAWN was not queried

  @req:ESP-10 @policy:ESP-P1 @capability:interpol-no-reveal
  Scenario: A system the profile can query is queried when the caller names it
    When the border authority of DEU searches for travel document PA1234567, naming the INTERPOL_TDAWN
    Then the INTERPOL_TDAWN result is no hit
    And the EES result holds record E1
    And the ESP log shows the INTERPOL_TDAWN was queried

  @req:ESP-10 @req:ESP-02
  Scenario: Naming a system the profile neither queries nor can query is refused like a forbidden field; nothing is queried
    When the border authority of DEU searches for travel document PA1234567, naming the EURODAC
    Then the search is refused naming the system EURODAC
    And no search was logged

  @req:ESP-11 @test-control
  Scenario: Profiles not reviewed for a year are reported
    Then the eu-LISA operator is told no profile is due for review
    When 400 days pass
    Then the eu-LISA operator is told the profiles are due for review

  # The profile × system matrix (POLICY ESP-P1 names the systems of these profiles: border
  # authority EES, VIS, ETIAS, SIS, Interpol SLTD; visa authority VIS, EES, SIS, ETIAS; SIRENE
  # Bureau SIS). A record of every EU system matches the query (the background's five and an
  # ETIAS record), so each system the profile queries answers with a hit and every other would
  # if it were queried. The expected systems are this file's, not the profile the
  # implementation declares. Not rows: the ETIAS Central Unit, police, designated authority,
  # Europol, asylum and ECRIS-TCN profiles, whose systems the policy does not list (Europol's
  # is "Europol data", which may or may not exclude the SIS that Union law opens to it).
  @req:ESP-01 @req:ESP-10 @policy:ESP-P1
  Scenario Outline: Under the profile of <who>, a search answers for exactly <systems>
    Given these records:
      | record | system | surname | first names | born       | sex | nationality | document  |
      | T1     | ETIAS  | GARCÍA  | Ana         | 1990-05-07 | F   | COL         | PT7654321 |
    When <who> searches for Ana GARCÍA born 1990-05-07
    Then the reply answers for exactly <systems>, each system holding a record of the scenario with a hit holding it

    @capability:interpol-no-reveal
    Examples:
      | who                         | systems                                |
      | the border authority of DEU | EES, VIS, ETIAS, SIS and INTERPOL_SLTD |

    Examples:
      | who                         | systems                                |
      | the visa authority of FRA   | VIS, EES, SIS and ETIAS                |
      | the SIRENE Bureau of NLD    | SIS                                    |

  @req:ESP-04 @policy:ESP-P1
  Scenario Outline: Under the profile of <who>, the reply names no system but <systems>
    Given these records:
      | record | system | surname | first names | born       | sex | nationality | document  |
      | T1     | ETIAS  | GARCÍA  | Ana         | 1990-05-07 | F   | COL         | PT7654321 |
    When <who> searches for Ana GARCÍA born 1990-05-07
    Then the reply names no system other than <systems>

    @capability:interpol-no-reveal
    Examples:
      | who                         | systems                                |
      | the border authority of DEU | EES, VIS, ETIAS, SIS and INTERPOL_SLTD |

    Examples:
      | who                         | systems                                |
      | the visa authority of FRA   | VIS, EES, SIS and ETIAS                |
      | the SIRENE Bureau of NLD    | SIS                                    |
