@component:MID
Feature: Detection on every write, link groups, and who verifies
  Detection runs when a record is created or updated in EES, VIS, ETIAS, SIS, ECRIS-TCN or
  Eurodac (Art 27); several matches form one group (Art 28(2)); the triggering system decides
  the verifying authority, except that an SIS alert of Art 29(2) gives it to the issuing SIRENE
  Bureau (Art 29).

  @req:MID-01
  Scenario Outline: A write in <second> is compared with the data of <first>
    Given these records:
      | record | system   | surname | first names | born       | sex | nationality | fingerprints |
      | A      | <first>  | OKAFOR  | Grace       | 1988-08-08 | F   | NGA         | F3           |
      | B      | <second> | OKAFOR  | Grace       | 1988-08-08 | F   | NGA         | F3           |
    Then a white link joins A and B

    Examples:
      | first     | second    |
      | EES       | VIS       |
      | VIS       | EURODAC   |
      | EURODAC   | ECRIS_TCN |
      | ECRIS_TCN | SIS       |
      | SIS       | EES       |

  # MID-01 (completed in catalogue version 2): only the SIS alerts Art 27(1) lists run detection.
  @req:MID-01
  Scenario Outline: An SIS alert for <alert> written after matching EES data: <result>
    Given these records:
      | record | system | owner | surname | first names | born       | sex | nationality | fingerprints | alert   |
      | E      | EES    | DEU   | OKAFOR  | Grace       | 1988-08-08 | F   | NGA         | F3           | -       |
      | S      | SIS    | NLD   | OKAFOR  | Grace       | 1988-08-08 | F   | NGA         | F3           | <alert> |
    Then <result>

    Examples: the alerts of Art 27(1) trigger detection
      | alert              | result                  |
      | return             | a white link joins E and S |
      | refusal of entry   | a white link joins E and S |
      | arrest             | a white link joins E and S |
      | missing person     | a white link joins E and S |
      | judicial procedure | a white link joins E and S |
      | discreet check     | a white link joins E and S |
      | inquiry check      | a white link joins E and S |
      | specific check     | a white link joins E and S |

    Examples: an alert of another kind triggers nothing
      | alert  | result              |
      | object | no link joins E and S |

  @req:MID-01
  Scenario: Data of an SIS alert of another kind are not compared when another system writes later
    Given these records:
      | record | system | owner | surname | first names | born       | sex | nationality | fingerprints | alert  |
      | S      | SIS    | NLD   | OKAFOR  | Grace       | 1988-08-08 | F   | NGA         | F3           | object |
      | E      | EES    | DEU   | OKAFOR  | Grace       | 1988-08-08 | F   | NGA         | F3           | -      |
      | V      | VIS    | FRA   | OKAFOR  | Grace       | 1988-08-08 | F   | NGA         | F3           | -      |
    Then no link joins S and E
    And no link joins S and V
    And a white link joins E and V

  @req:MID-01 @req:MID-17
  Scenario: An update is detected again and creates the link the new data match
    Given an EES record A of Ana GARCÍA (F, COL) born 1990-05-07 with fingerprints F1
    And a VIS record B of Olga NOWAK (F, POL) born 1975-11-30 with fingerprints F2
    Then no link joins A and B
    When record B is amended:
      | surname | first names | born       | nationality | fingerprints |
      | GARCÍA  | Ana         | 1990-05-07 | COL         | F1           |
    Then a white link joins A and B

  # The link of data that still match after an amendment is updated in place: one link, the
  # colour of the new comparison, its confirmation file kept.
  @req:MID-17
  Scenario: Amended data that still match keep their one link, updated to the new colour
    Given an EES record A of Ana GARCÍA (F, COL) born 1990-05-07 with fingerprints F1
    And a VIS record B of Ana GARCÍA (F, COL) born 1990-05-07 with fingerprints F1
    Then a white link joins A and B
    When record B is amended:
      | surname | first names | born       | nationality | fingerprints |
      | NOWAK   | Olga        | 1975-11-30 | POL         | F1           |
    Then a yellow link joins A and B
    And exactly one link joins A and B

  @req:MID-17 @req:MID-16
  Scenario: Amended data that no longer match leave the group, and the file goes with the link
    Given an EES record A of Ana GARCÍA (F, COL) born 1990-05-07 with fingerprints F1
    And a VIS record B of Ana GARCÍA (F, COL) born 1990-05-07 with fingerprints F1
    Then a white link joins A and B
    When record B is amended:
      | surname | first names | born       | nationality | fingerprints |
      | NOWAK   | Olga        | 1975-11-30 | POL         | F2           |
    Then no link joins A and B
    And the confirmation file of the link joining A and B no longer exists

  @req:MID-04 @req:MID-08
  Scenario: Several matches make one group covering the new record and every matched record
    Given an ETIAS record T of Maria SANTOS (F, BRA) born 1992-03-04 with passport PF1234567
    And an EES record E of María SANTOS (F, BRA) born 1992-03-04 with fingerprints F4 and passport PF1234567
    And a VIS record V of Maria SANTOS (F, BRA) born 1992-03-04 with fingerprints F4 and passport PF1234567
    Then a white link joins E and T
    And a white link joins V and E
    And a white link joins V and T
    And one confirmation file covers V, E and T
    And the confirmation file of the link joining V and E holds exactly the items of Art 34

  @req:MID-04
  Scenario: A match with data already linked extends the existing group
    Given an EES record E of Ana GARCÍA (F, COL) born 1990-05-07 with fingerprints F1
    And a VIS record V of Ana GARCÍA (F, COL) born 1990-05-07 with fingerprints F1
    And an SIS record S of Ana GARCIA (F, COL) born 1990-05-07 with fingerprints F1
    Then one confirmation file covers S, E and V

  @req:MID-09
  Scenario Outline: A write in <trigger> makes <authority> responsible
    Given an ETIAS record T of Olga NOWAK (F, POL) born 1975-11-30 with passport PA1000001
    And these records:
      | record | system    | surname | first names | born       | sex | nationality | document  | issued by |
      | R      | <trigger> | GARCÍA  | Ana         | 1990-05-07 | F   | COL         | PA1000001 | POL       |
    Then a yellow link joins R and T
    And the responsible authority of the link joining R and T is <authority>

    Examples:
      | trigger   | authority                              |
      | EES       | the border authority of DEU            |
      | VIS       | the visa authority of FRA              |
      | SIS       | the SIRENE Bureau of NLD               |
      | ECRIS_TCN | the ECRIS-TCN central authority of POL |

  @req:MID-09
  Scenario: A write in ETIAS makes the ETIAS Central Unit responsible
    Given these records:
      | record | system | surname | first names | born       | sex | nationality | document  | issued by |
      | E      | EES    | NOWAK   | Olga        | 1975-11-30 | F   | POL         | PA1000001 | POL       |
      | T      | ETIAS  | GARCÍA  | Ana         | 1990-05-07 | F   | COL         | PA1000001 | POL       |
    Then a yellow link joins T and E
    And the responsible authority of the link joining T and E is the ETIAS Central Unit

  @req:MID-09
  Scenario Outline: An SIS alert for <alert> gives the link to the SIRENE Bureau of the issuing state
    Given these records:
      | record | system | owner | surname | first names | born       | sex | nationality | fingerprints | alert   |
      | S      | SIS    | NLD   | MEYER   | Paul        | 1979-09-09 | M   | CHE         | F8           | <alert> |
    And an EES record E of Karl STEIN (M, CHE) born 1950-01-01 with fingerprints F8
    Then a yellow link joins E and S
    And the responsible authority of the link joining E and S is <authority>

    Examples:
      | alert              | authority                   |
      | arrest             | the SIRENE Bureau of NLD    |
      | missing person     | the SIRENE Bureau of NLD    |
      | judicial procedure | the SIRENE Bureau of NLD    |
      | discreet check     | the SIRENE Bureau of NLD    |
      | inquiry check      | the SIRENE Bureau of NLD    |
      | specific check     | the SIRENE Bureau of NLD    |
      | refusal of entry   | the border authority of DEU |

  @req:MID-08
  Scenario: The confirmation file of a yellow link holds exactly the items of Art 34
    Given records A and B linked yellow by bio SAME, id DIFFERENT
    Then the confirmation file of the link joining A and B holds exactly the items of Art 34

  @req:MID-08 @test-control
  Scenario: The confirmation file gives the date of the last update
    Given records A and B linked yellow by bio SAME, id DIFFERENT
    When 2 hours pass
    And the responsible authority verifies the link joining A and B as "same person, unjustified"
    Then the confirmation file of the link joining A and B was last updated 2 hours after the link was created

  @req:MID-18
  Scenario: The MID log holds the full history of a link with who, why, when, what and which records
    Given records A and B linked yellow by bio SAME, id DIFFERENT
    When the responsible authority verifies the link joining A and B as "same person, unjustified"
    Then the MID log holds the history of the link joining A and B: created yellow, then verified red, each with the requester, purpose, time, data type and linked records
