@component:MID
Feature: Automatic link colours
  When a record is written, the Multiple-Identity Detector compares it with the records of the
  other systems: biometrics through the sBMS (bio), identity data by the rules of Delegated
  Regulation 2023/333 (id) and travel documents (td). The colour follows from the three results
  (817/818 Arts 27-28, 30, 33; REQUIREMENTS §4).

  Record A is always an EES record of Ana GARCÍA with finger F1 and passport PA1000001. Record B
  varies: the same finger (bio SAME), another finger (bio DIFFERENT) or none (ETIAS: bio ABSENT);
  the same identity (id SAME), a transliteration (id SIMILAR) or another person (id DIFFERENT);
  the same passport (td SAME) or its own (td DIFFERENT_OR_NONE).

  @req:MID-05 @req:MID-01
  Scenario Outline: bio <bio> and id <id> and td <td> make a white link
    Given these records:
      | record | system   | surname   | first names | born       | sex | nationality | fingerprints | document   |
      | A      | EES      | GARCÍA    | Ana         | 1990-05-07 | F   | COL         | F1           | PA1000001  |
      | B      | <system> | <surname> | Ana         | 1990-05-07 | F   | COL         | <fingers>    | <document> |
    Then a white link joins A and B

    Examples:
      | bio    | id      | td                | system | surname | fingers | document  |
      | SAME   | SAME    | DIFFERENT_OR_NONE | VIS    | GARCÍA  | F1      | PB2000002 |
      | ABSENT | SAME    | SAME              | ETIAS  | GARCÍA  | -       | PA1000001 |
      | ABSENT | SIMILAR | SAME              | ETIAS  | GARCIA  | -       | PA1000001 |

  @req:MID-05 @policy:MID-P1
  Scenario: bio SAME and id SIMILAR make a white link (POLICY MID-P1 default)
    Given an EES record A of Ana GARCÍA (F, COL) born 1990-05-07 with fingerprints F1
    And a VIS record B of Ana GARCIA (F, COL) born 1990-05-07 with fingerprints F1
    Then a white link joins A and B

  @req:MID-06 @req:MID-01
  Scenario Outline: bio <bio> and id <id> and td <td> make a yellow link
    Given these records:
      | record | system   | surname   | first names | born       | sex | nationality | fingerprints | document   |
      | A      | EES      | GARCÍA    | Ana         | 1990-05-07 | F   | COL         | F1           | PA1000001  |
      | B      | <system> | <surname> | <first>     | <born>     | F   | COL         | <fingers>    | <document> |
    Then a yellow link joins A and B

    Examples:
      | bio       | id        | td                | system | surname | first | born       | fingers | document  |
      | SAME      | DIFFERENT | DIFFERENT_OR_NONE | VIS    | NOWAK   | Olga  | 1975-11-30 | F1      | PB2000002 |
      | ABSENT    | DIFFERENT | SAME              | ETIAS  | NOWAK   | Olga  | 1975-11-30 | -       | PA1000001 |
      | DIFFERENT | SAME      | DIFFERENT_OR_NONE | VIS    | GARCÍA  | Ana   | 1990-05-07 | F2      | PB2000002 |
      | DIFFERENT | SIMILAR   | SAME              | VIS    | GARCIA  | Ana   | 1990-05-07 | F2      | PA1000001 |
      | DIFFERENT | DIFFERENT | SAME              | VIS    | NOWAK   | Olga  | 1975-11-30 | F2      | PA1000001 |

  # With nothing but identity data in common, detection must find B by its identity data
  # alone, whatever similarity rule joins them (the dates of the last rows differ by a day and
  # month swap, one character of a partial date, and the Ethiopian calendar).
  @req:MID-06 @policy:MID-P2
  Scenario Outline: bio ABSENT and id <id> without a shared document make a yellow link (POLICY MID-P2 default)
    Given these records:
      | record | system | surname   | first names | born       | sex | nationality | fingerprints | document  |
      | A      | EES    | GARCÍA    | Ana         | 1990-05-07 | F   | COL         | F1           | PA1000001 |
      | B      | ETIAS  | <surname> | Ana         | <born>     | F   | COL         | -            | PC3000003 |
    Then a yellow link joins A and B

    Examples:
      | id                                | surname | born       |
      | SAME                              | GARCÍA  | 1990-05-07 |
      | SIMILAR                           | GARCIA  | 1990-05-07 |
      | SIMILAR by day and month swapped  | GARCÍA  | 1990-07-05 |
      | SIMILAR by a partial date         | GARCÍA  | 1990-05-00 |
      | SIMILAR by the Ethiopian calendar | GARCÍA  | 1982-08-29 |

  @req:MID-03 @policy:MID-P2
  Scenario Outline: bio DIFFERENT and id <id> without a shared document make no link (POLICY MID-P2 default)
    Given these records:
      | record | system | surname   | first names | born       | sex | nationality | fingerprints | document  |
      | A      | EES    | GARCÍA    | Ana         | 1990-05-07 | F   | COL         | F1           | PA1000001 |
      | B      | VIS    | <surname> | <first>     | <born>     | F   | COL         | F2           | PB2000002 |
    Then no link joins A and B

    Examples:
      | id        | surname | first | born       |
      | SIMILAR   | GARCIA  | Ana   | 1990-05-07 |
      | DIFFERENT | NOWAK   | Olga  | 1975-11-30 |

  @req:MID-03
  Scenario: No match makes no link and no confirmation file, and the write goes through
    Given an EES record A of Ana GARCÍA (F, COL) born 1990-05-07 with fingerprints F1
    And a VIS record B of Olga NOWAK (F, POL) born 1975-11-30 with fingerprints F2
    Then records A and B are stored
    And A has no link
    And B has no link

  @req:MID-02
  Scenario: Records of the same system are never compared with each other
    Given an EES record A of Ana GARCÍA (F, COL) born 1990-05-07 with fingerprints F1 and passport PA1000001
    And an EES record B of Ana GARCÍA (F, COL) born 1990-05-07 with fingerprints F1 and passport PA1000001
    Then no link joins A and B
    And A has no link

  # Catalogue version 2 corrected POLICY SIM-P4: a partial date is similar only by the three
  # date rules applied to its written form. 1990-05-00 and 1990-05-17 are two characters apart,
  # so the identity data are DIFFERENT and the link is yellow (manual verification); version 1
  # found them SIMILAR (the known month agrees) and made both links white.
  @req:MID-06
  Scenario Outline: bio <bio> and td <td> with dates of birth 1990-05-00 and 1990-05-17 make a yellow link
    Given these records:
      | record | system   | surname | first names | born       | sex | nationality | fingerprints | document   |
      | A      | EES      | GARCÍA  | Ana         | 1990-05-00 | F   | COL         | F1           | PA1000001  |
      | B      | <system> | GARCÍA  | Ana         | 1990-05-17 | F   | COL         | <fingers>    | <document> |
    Then a yellow link joins A and B

    Examples:
      | bio    | td                | system | fingers | document  |
      | SAME   | DIFFERENT_OR_NONE | VIS    | F1      | PB2000002 |
      | ABSENT | SAME              | ETIAS  | -       | PA1000001 |

  # The boundary: 1990-05-07 is one character from 1990-05-00, so the identity data are
  # SIMILAR and a shared document without biometrics makes the link white.
  @req:MID-05
  Scenario: bio ABSENT and td SAME with dates of birth 1990-05-00 and 1990-05-07 make a white link
    Given these records:
      | record | system | surname | first names | born       | sex | nationality | fingerprints | document  |
      | A      | EES    | GARCÍA  | Ana         | 1990-05-00 | F   | COL         | F1           | PA1000001 |
      | B      | ETIAS  | GARCÍA  | Ana         | 1990-05-07 | F   | COL         | -            | PA1000001 |
    Then a white link joins A and B
