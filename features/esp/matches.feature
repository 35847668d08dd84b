@component:ESP
Feature: A search returns the records that match the query, and no others
  Each system the caller may see holds the person searched for and another person; whatever
  the query gives (identity data, a travel document, fingerprints), each result holds exactly
  the record of the person searched for. A query of one kind of data is not widened by the
  kinds it does not give: an absent field matches nothing, it is not a wildcard.

  Background:
    Given these records:
      | record | system | surname | first names | born       | sex | nationality | document  | fingerprints |
      | E1     | EES    | GARCÍA  | Ana         | 1990-05-07 | F   | COL         | PA1234567 | F1           |
      | E2     | EES    | NOWAK   | Piotr       | 1975-11-30 | M   | POL         | ZX9876543 | F2           |
      | V1     | VIS    | GARCIA  | Ana         | 1990-05-07 | F   | COL         | PA1234567 | F1           |
      | V2     | VIS    | NOWAK   | Piotr       | 1975-11-30 | M   | POL         | ZX9876543 | F2           |
      | S1     | SIS    | GARCIA  | Ana         | 1990-05-07 | F   | COL         | -         | F1           |
      | S2     | SIS    | NOWAK   | Piotr       | 1975-11-30 | M   | POL         | -         | F2           |

  @req:ESP-01
  Scenario: A search by identity data returns only the person's records
    When the border authority of DEU searches for Ana GARCÍA born 1990-05-07
    Then the EES result holds record E1
    And the VIS result holds record V1
    And the SIS result holds record S1

  @req:ESP-01
  Scenario: A search by travel document returns only the records holding that document
    When the border authority of DEU searches for travel document ZX9876543
    Then the EES result holds record E2
    And the VIS result holds record V2

  @req:ESP-01
  Scenario: A search by fingerprints returns only the records of those fingerprints
    When the border authority of DEU searches with fingerprints F2
    Then the EES result holds record E2
    And the VIS result holds record V2
    And the SIS result holds record S2
