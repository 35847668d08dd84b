@component:MID
Feature: Who sees a link, and what a query on linked data answers
  Red links are visible to any authority with access to a CIR system or to SIS, without the
  other system's data; white links to authorities with access to both systems; green links to
  those whose own query matched both records; yellow links only to the verifying authority
  (Art 26). A query on white-linked data returns the linked data as the same person's; on
  green-linked data it says they are not (Arts 31(2), 33(2)).

  @req:MID-12
  Scenario: A red link is seen by every authority with access to a CIR system or SIS, without the other system's data
    Given these records:
      | record | system | owner | surname | first names | born       | sex | nationality | fingerprints | alert            |
      | S      | SIS    | NLD   | MEYER   | Paul        | 1979-09-09 | M   | CHE         | F8           | refusal of entry |
    And an EES record E of Karl STEIN (M, CHE) born 1950-01-01 with fingerprints F8
    When the responsible authority verifies the link joining E and S as "same person, unjustified"
    Then the link joining E and S is red
    And the SIRENE Bureau of NLD sees the link joining E and S naming the system of E but not its record
    And the asylum authority of ITA sees the link joining E and S
    And the ECRIS-TCN central authority of POL sees the link joining E and S
    And the statistics user of DEU does not see the link joining E and S

  @req:MID-12
  Scenario: A white link is seen only by authorities with access to both systems
    Given an EES record A of Ana GARCÍA (F, COL) born 1990-05-07 with fingerprints F1
    And a VIS record B of Ana GARCÍA (F, COL) born 1990-05-07 with fingerprints F1
    Then a white link joins A and B
    And the border authority of FRA sees the link joining A and B
    And the SIRENE Bureau of NLD does not see the link joining A and B
    And the ECRIS-TCN central authority of POL does not see the link joining A and B

  @req:MID-12
  Scenario: A white link is not seen by an authority with access to only one of its systems
    Given a EURODAC record D of Ana GARCÍA (F, COL) born 1990-05-07 with fingerprints F1
    And an EES record A of Ana GARCÍA (F, COL) born 1990-05-07 with fingerprints F1
    Then a white link joins A and D
    And the ETIAS Central Unit sees the link joining A and D
    And the asylum authority of ITA does not see the link joining A and D
    And the visa authority of FRA does not see the link joining A and D

  @req:MID-12
  Scenario: A yellow link is seen only by the authority that verifies it
    Given records A and B linked yellow by bio SAME, id DIFFERENT
    Then the responsible authority sees the link joining A and B
    And the border authority of FRA does not see the link joining A and B
    And the visa authority of FRA does not see the link joining A and B
    And the visa authority of DEU does not see the link joining A and B
    And the ETIAS National Unit of DEU does not see the link joining A and B

  @req:MID-12 @req:MID-13
  Scenario: A green link is seen only through a query that matched both records, and says "not the same person"
    Given records A and B linked yellow by bio ABSENT, id DIFFERENT, td SAME
    When the responsible authority verifies the link joining A and B as "different persons"
    Then the link joining A and B is green
    And the visa authority of FRA does not see the link joining A and B
    And the SIRENE Bureau of NLD does not see the link joining A and B
    When the visa authority of FRA searches for travel document PA1000001
    Then the reply shows the link joining A and B as not the same person

  @req:MID-13
  Scenario: A query on a white-linked record returns the linked data as the same person's
    Given an EES record A of Ana GARCÍA (F, COL) born 1990-05-07 with fingerprints F1 and passport PA1000001
    And a VIS record B of Ana GARCIA (F, COL) born 1990-05-07 with fingerprints F1 and passport PB2000002
    Then a white link joins A and B
    When the border authority of DEU searches for travel document PA1000001
    Then the EES result holds record A
    And the VIS result holds record B
    And the reply shows the link joining A and B as the same person

  # The matrix of Art 26 for links between EES and VIS data after manual verification: who
  # sees a red, a white and a green link, across authorities with access to both systems, to
  # one other CIR system or SIS, or to none.
  @req:MID-12
  Scenario Outline: A <colour> link between EES and VIS data: <who> <sees> it
    Given records A and B linked yellow by <basis>
    When the responsible authority verifies the link joining A and B as "<outcome>"
    Then the link joining A and B is <colour>
    And <who> <sees> the link joining A and B

    Examples: red: any authority with access to a CIR system or to SIS
      | colour | basis                  | outcome                  | who                                    | sees         |
      | red    | bio SAME, id DIFFERENT | same person, unjustified | the visa authority of FRA              | sees         |
      | red    | bio SAME, id DIFFERENT | same person, unjustified | the border authority of FRA            | sees         |
      | red    | bio SAME, id DIFFERENT | same person, unjustified | the police of DEU                      | sees         |
      | red    | bio SAME, id DIFFERENT | same person, unjustified | the asylum authority of ITA            | sees         |
      | red    | bio SAME, id DIFFERENT | same person, unjustified | the ECRIS-TCN central authority of POL | sees         |
      | red    | bio SAME, id DIFFERENT | same person, unjustified | Europol                                | sees         |
      | red    | bio SAME, id DIFFERENT | same person, unjustified | the statistics user of DEU             | does not see |
      | red    | bio SAME, id DIFFERENT | same person, unjustified | the eu-LISA operator                   | does not see |

    Examples: white: only authorities with access to both systems
      | colour | basis                  | outcome                  | who                                    | sees         |
      | white  | bio SAME, id DIFFERENT | same person, justified   | the visa authority of FRA              | sees         |
      | white  | bio SAME, id DIFFERENT | same person, justified   | the ETIAS National Unit of ESP         | sees         |
      | white  | bio SAME, id DIFFERENT | same person, justified   | the police of DEU                      | does not see |
      | white  | bio SAME, id DIFFERENT | same person, justified   | the asylum authority of ITA            | does not see |
      | white  | bio SAME, id DIFFERENT | same person, justified   | the ECRIS-TCN central authority of POL | does not see |
      | white  | bio SAME, id DIFFERENT | same person, justified   | Europol                                | does not see |
      | white  | bio SAME, id DIFFERENT | same person, justified   | the statistics user of DEU             | does not see |

    Examples: green: only through a query that matched both records
      | colour | basis                  | outcome                  | who                                    | sees         |
      | green  | bio DIFFERENT, id SAME | different persons        | the visa authority of FRA              | does not see |
      | green  | bio DIFFERENT, id SAME | different persons        | the border authority of FRA            | does not see |
      | green  | bio DIFFERENT, id SAME | different persons        | the police of DEU                      | does not see |
      | green  | bio DIFFERENT, id SAME | different persons        | the asylum authority of ITA            | does not see |

  # MID-12 (version 2): the authority that triggered an automatic white link is not the
  # exception Art 26(1) makes for manual verification: it sees a white link only with access
  # to both systems. Version 1's reference showed it the link.
  @req:MID-12
  Scenario: The authority that triggered an automatic white link does not see it without access to both systems
    Given a EURODAC record D of Ana GARCÍA (F, COL) born 1990-05-07 with fingerprints F1
    And an EES record A of Ana GARCÍA (F, COL) born 1990-05-07 with fingerprints F1
    Then a white link joins A and D
    And the responsible authority of the link joining A and D is the border authority of DEU
    And the border authority of DEU does not see the link joining A and D
    And the ETIAS Central Unit sees the link joining A and D

  # CIR-14 (version 2): a red link opens to every authority with access to a CIR system or SIS
  # the linked data only as the CIR data of Art 21(2), never an SIS alert's data or another
  # record of the files (MID-12: not the source system's full record).
  @req:CIR-14
  Scenario: A red link between EES and SIS data: the Art 26(2) authorities read only the linked CIR data
    Given these records:
      | record | system | owner | surname | first names | born       | sex | nationality | fingerprints | alert            |
      | S      | SIS    | NLD   | MEYER   | Paul        | 1979-09-09 | M   | CHE         | F8           | refusal of entry |
    And an EES record E of Karl STEIN (M, CHE) born 1950-01-01 with fingerprints F8
    And a VIS record V of Karl STEIN (M, CHE) born 1950-01-01 with fingerprints F8
    When the responsible authority verifies the link joining E and S as "same person, unjustified"
    Then the link joining E and S is red
    When the SIRENE Bureau of NLD opens the data of the link joining E and S
    Then it receives the CIR data of E and nothing else
    When the asylum authority of ITA opens the data of the link joining E and S
    Then it receives the CIR data of E and nothing else
    When the statistics user of DEU opens the data of the link joining E and S
    Then the access is refused
    When the eu-LISA operator opens the data of the link joining E and S
    Then the access is refused

  # CIR-14 (version 2): the data connected by a yellow link are open, for manual verification,
  # only to the authority responsible for it; a white link opens no Art 21 access.
  @req:CIR-14
  Scenario: The CIR data of a yellow link are open only to its verifier, and a white link opens none
    Given records A and B linked yellow by bio SAME, id DIFFERENT
    When the visa authority of FRA opens the data of the link joining A and B
    Then the access is refused
    When the border authority of FRA opens the data of the link joining A and B
    Then the access is refused
    When the visa authority of DEU opens the data of the link joining A and B
    Then the access is refused
    When the responsible authority opens the data of the link joining A and B
    Then it receives the CIR data of A and B and nothing else
    When the responsible authority verifies the link joining A and B as "same person, justified"
    Then the link joining A and B is white
    When the visa authority of FRA opens the data of the link joining A and B
    Then the access is refused

  @req:CIR-14
  Scenario Outline: The CIR data of a red link are open to <who>: <result>
    Given records A and B linked yellow by bio SAME, id DIFFERENT
    When the responsible authority verifies the link joining A and B as "same person, unjustified"
    Then the link joining A and B is red
    When <who> opens the data of the link joining A and B
    Then <result>

    Examples:
      | who                                    | result                                     |
      | the asylum authority of ITA            | it receives the CIR data of A and B and nothing else |
      | the ECRIS-TCN central authority of POL | it receives the CIR data of A and B and nothing else |
      | the SIRENE Bureau of NLD               | it receives the CIR data of A and B and nothing else |
      | the statistics user of DEU             | the access is refused                      |
      | the eu-LISA operator                   | the access is refused                      |
