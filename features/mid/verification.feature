@component:MID
Feature: Manual verification of yellow links
  The authority responsible for a yellow link verifies it; its conclusion makes the link white,
  green or red, as far as the comparisons that created it allow (817/818 Arts 29, 31-33).
  Record A is an EES record of Ana GARCÍA with finger F1 and passport PA1000001, written after
  record B, so the border authority of DEU is responsible.

  Art 32(1)(b) and (c) make "different persons, unjustified" red only where the biometric data
  differ (MID-07, corrected in catalogue version 2); with no biometric data the persons are
  still found different, so the link is green as for "different persons" (Art 31(1)(b)).

  @req:MID-07
  Scenario Outline: A yellow link of <basis> verified as "<outcome>" ends <result>
    Given records A and B linked yellow by <basis>
    When the responsible authority verifies the link joining A and B as "<outcome>"
    Then the link joining A and B ends <result>

    Examples: same person
      | basis                                | outcome                  | result  |
      | bio SAME, id DIFFERENT               | same person, justified   | white   |
      | bio SAME, id DIFFERENT               | same person, unjustified | red     |
      | bio ABSENT, id DIFFERENT, td SAME    | same person, unjustified | red     |
      | bio DIFFERENT, id SAME               | same person, justified   | refused |
      | bio DIFFERENT, id SAME               | same person, unjustified | refused |
      | bio DIFFERENT, id DIFFERENT, td SAME | same person, justified   | refused |

    Examples: different persons
      | basis                                | outcome                        | result  |
      | bio ABSENT, id DIFFERENT, td SAME    | different persons              | green   |
      | bio DIFFERENT, id SAME               | different persons              | green   |
      | bio DIFFERENT, id DIFFERENT, td SAME | different persons              | green   |
      | bio DIFFERENT, id SAME               | different persons, unjustified | red     |
      | bio DIFFERENT, id DIFFERENT, td SAME | different persons, unjustified | red     |
      | bio SAME, id DIFFERENT               | different persons, unjustified | refused |

  @req:MID-07
  Scenario Outline: "Different persons, unjustified" is red only with different biometric data: <basis> ends <result>
    Given records A and B linked yellow by <basis>
    When the responsible authority verifies the link joining A and B as "different persons, unjustified"
    Then the link joining A and B ends <result>

    Examples:
      | basis                                | result |
      | bio ABSENT, id DIFFERENT, td SAME    | green  |
      | bio DIFFERENT, id DIFFERENT, td SAME | red    |
      | bio DIFFERENT, id SAME               | red    |

  @req:MID-07 @policy:MID-P2
  Scenario Outline: POLICY MID-P2: a yellow link of <basis> verified as "<outcome>" ends <result>
    Given records A and B linked yellow by <basis>
    When the responsible authority verifies the link joining A and B as "<outcome>"
    Then the link joining A and B ends <result>

    Examples:
      | basis                             | outcome                | result |
      | bio ABSENT, id DIFFERENT, td SAME | same person, justified | white  |
      | bio SAME, id DIFFERENT            | different persons      | erased |
      | bio ABSENT, id SAME, td NONE      | same person, justified | white  |
      | bio ABSENT, id SAME, td NONE      | different persons      | green  |
      | bio ABSENT, id SAME, td NONE      | different persons, unjustified | green  |

  @req:MID-07
  Scenario: A refused verification names the rule and leaves the link unchanged
    Given records A and B linked yellow by bio DIFFERENT, id SAME
    When the responsible authority verifies the link joining A and B as "same person, justified"
    Then the verification is refused as not allowed by the link's comparisons
    And the link joining A and B stays yellow

  @req:MID-10
  Scenario: Only the responsible authority resolves a yellow link
    Given records A and B linked yellow by bio SAME, id DIFFERENT
    When the border authority of FRA verifies the link joining A and B as "same person, unjustified"
    Then the verification is refused as not the responsible authority's
    And the link joining A and B stays yellow
    When the visa authority of FRA verifies the link joining A and B as "same person, unjustified"
    Then the verification is refused as not the responsible authority's
    And the link joining A and B stays yellow
    When the visa authority of DEU verifies the link joining A and B as "same person, unjustified"
    Then the verification is refused as not the responsible authority's
    And the link joining A and B stays yellow
    When the SIRENE Bureau of DEU verifies the link joining A and B as "same person, unjustified"
    Then the verification is refused as not the responsible authority's
    And the link joining A and B stays yellow

  @req:MID-10 @req:MID-04
  Scenario: Each link of a group is resolved separately; the others stay yellow
    Given these records:
      | record | system | surname | first names | born       | sex | nationality | fingerprints |
      | S      | SIS    | MEYER   | Paul        | 1979-09-09 | M   | CHE         | F7           |
      | E      | EES    | STEIN   | Karl        | 1950-01-01 | M   | CHE         | F7           |
      | V      | VIS    | BAUER   | Hans        | 1961-06-06 | M   | AUT         | F7           |
    Then a yellow link joins S and E
    And a yellow link joins S and V
    And one confirmation file covers V, S and E
    When the responsible authority verifies the link joining S and V as "same person, unjustified"
    Then the link joining S and V is red
    And the link joining S and E stays yellow

  # MID-10 (version 2): the verifier reads the Art 34 data of every link of the group,
  # existing white and green links included, even links between systems it may not access.
  @req:MID-10
  Scenario: The verifier of a yellow link reads every link of the group, an existing white link included
    Given these records:
      | record | system    | surname | first names | born       | sex | nationality | fingerprints |
      | D      | EURODAC   | GARCÍA  | Ana         | 1990-05-07 | F   | COL         | F1           |
      | C      | ECRIS_TCN | GARCÍA  | Ana         | 1990-05-07 | F   | COL         | F1           |
      | A      | EES       | NOWAK   | Olga        | 1975-11-30 | F   | POL         | F1           |
    Then a white link joins C and D
    And a yellow link joins A and D
    And the responsible authority of the link joining A and D is the border authority of DEU
    And the responsible authority of the link joining A and D reads in its confirmation file exactly these links:
      | colour | systems            |
      | yellow | EES, EURODAC       |
      | yellow | EES, ECRIS_TCN     |
      | white  | EURODAC, ECRIS_TCN |
    When the responsible authority verifies the link joining A and D as "same person, unjustified"
    Then the link joining A and D is red
    And the responsible authority of the link joining A and C reads in its confirmation file exactly these links:
      | colour | systems            |
      | red    | EES, EURODAC       |
      | yellow | EES, ECRIS_TCN     |
      | white  | EURODAC, ECRIS_TCN |

  @req:MID-10
  Scenario: The verifier of a yellow link reads an existing green link of the group
    Given these records:
      | record | system  | surname | first names | born       | sex | nationality | fingerprints |
      | B      | VIS     | GARCÍA  | Ana         | 1990-05-07 | F   | COL         | F2           |
      | D      | EURODAC | GARCÍA  | Ana         | 1990-05-07 | F   | COL         | F1           |
    Then a yellow link joins B and D
    When the responsible authority verifies the link joining B and D as "different persons"
    Then the link joining B and D is green
    Given an EES record A of Olga NOWAK (F, POL) born 1975-11-30 with fingerprints F1
    Then a yellow link joins A and D
    And no link joins A and B
    And the responsible authority of the link joining A and D reads in its confirmation file exactly these links:
      | colour | systems      |
      | yellow | EES, EURODAC |
      | green  | EURODAC, VIS |
