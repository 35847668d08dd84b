@component:SBMS
Feature: Shared Biometric Matching Service
  Templates are made only from samples that pass an automated quality check, carry the
  reference of their system and record, are kept apart per system, are never made of palm
  prints, and are erased with their record or with the sample an update drops. 1:N identification ranks candidates of the systems
  the caller may query; 1:1 verification decides at the declared threshold on a scale tied to
  the false-match rate (817/818 Arts 12-16). Every finger label (F1, F2, ...) is one finger;
  each use of a label is a new, distorted impression of it.

  Background:
    Given these records:
      | record | system  | surname | first names | born       | sex | nationality | fingerprints |
      | E1     | EES     | GARCÍA  | Ana         | 1990-05-07 | F   | COL         | F1, F2       |
      | V2     | VIS     | NOWAK   | Olga        | 1975-11-30 | F   | POL         | F3, F4       |
      | S3     | SIS     | MEYER   | Paul        | 1979-09-09 | M   | CHE         | F5           |
      | D4     | EURODAC | HASSAN  | Amina       | 1985-05-05 | F   | SYR         | F6           |

  @req:BMS-01 @req:DQ-01
  Scenario: A face sample below the minimum quality is refused with the measured quality and the threshold; nothing is stored
    When the central system writes this record:
      | record | system | surname | first names | born       | sex | nationality | face | face quality |
      | E9     | EES    | OKAFOR  | Grace       | 1988-08-08 | F   | NGA         | P1   | 5            |
    Then the write is refused for biometric quality, giving the measured quality and the threshold
    And nothing is stored for E9
    And the sBMS holds no template of record E9
    When the central system writes record E10 with face P1 one below the quality threshold the refusal gave
    Then the write is refused for biometric quality, giving the measured quality and the threshold
    And nothing is stored for E10
    When the central system writes record E11 with face P1 at the quality threshold the refusal gave
    Then record E11 is stored

  @req:BMS-01 @capability:fingerprint-images
  Scenario: A fingerprint image without ridges fails the quality check and nothing is stored
    When the central system writes this record:
      | record | system | surname | first names | born       | sex | nationality | fingerprint image |
      | E9     | EES    | OKAFOR  | Grace       | 1988-08-08 | F   | NGA         | blank             |
    Then the write is refused for biometric quality, giving the measured quality and the threshold
    And nothing is stored for E9

  @req:BMS-02
  Scenario: Templates carry the system and record references and are kept apart per system
    Then the sBMS holds fingerprint templates of record E1 in its system's partition
    And the sBMS holds fingerprint templates of record V2 in its system's partition
    When the ETIAS Central Unit identifies with fingerprints F3 in the VIS only
    Then the first candidate is record V2
    And every candidate is a record of the VIS

  @req:BMS-03
  Scenario: No palm-print template is created
    When the central system writes this record:
      | record | system | surname | first names | born       | sex | nationality | fingerprints | palm prints |
      | S7     | SIS    | KOVAC   | Iva         | 1960-06-06 | F   | HRV         | F7           | yes         |
    Then the sBMS holds fingerprint templates of record S7 in its system's partition
    And the sBMS holds no palm-print template of record S7

  @req:BMS-04
  Scenario: 1:N identification ranks candidates, the mate first, within the systems the caller may query
    When the border authority of DEU identifies with fingerprints F1, F2
    Then the first candidate is record E1
    And the candidates are ranked by score
    And every candidate is a record of the border authority of DEU's systems
    When the border authority of DEU identifies with fingerprints F6
    Then record D4 is not a candidate
    When the asylum authority of ITA identifies with fingerprints F6
    Then the first candidate is record D4

  @req:BMS-05
  Scenario: 1:1 verification returns a score and a decision at the declared threshold
    When the border authority of DEU verifies fingerprints F1, F2 against record E1
    Then the verification matches with a score at or above the declared fingerprint threshold
    When the border authority of DEU verifies fingerprints F3, F4 against record E1
    Then the verification does not match, with a score below the declared fingerprint threshold

  @req:BMS-08
  Scenario: Scores lie on a published scale tied to the false-match rate, with a threshold per modality
    Then the implementation declares, per modality, a threshold with its false-match rate on a published scale
    When the border authority of DEU verifies fingerprints F1, F2 against record E1
    Then the score is kept as the mate's score
    When the border authority of DEU verifies fingerprints F5 against record E1
    Then a mate scores higher than a non-mate on that scale

  @req:BMS-06
  Scenario: Deleting the record erases its templates
    When record E1 is deleted
    Then the sBMS holds no template of record E1
    And the sBMS log holds the erasure of the fingerprint templates of record E1
    When the border authority of DEU identifies with fingerprints F1, F2
    Then record E1 is not a candidate

  @req:BMS-06
  Scenario: Deleting an SIS alert erases its templates
    When record S3 is deleted
    Then the sBMS holds no template of record S3
    And the sBMS log holds the erasure of the fingerprint templates of record S3
    When the SIRENE Bureau of NLD identifies with fingerprints F5
    Then record S3 is not a candidate

  @req:BMS-06
  Scenario: An update without a finger the record had erases that finger's template, logged with the finger, and keeps the others
    When record E1 is updated without finger 2
    Then the sBMS holds no template of finger 2 of record E1
    And the other templates of record E1 are kept as they were, all but finger 2
    And the sBMS log holds the erasure of the template of finger 2 of record E1 and no other erasure

  @req:BMS-06
  Scenario: An update that keeps every biometric sample erases no template
    When record E1 is updated with a place of birth and the same biometric data
    Then no template of record E1 was erased
    And the other templates of record E1 are kept as they were

  @req:BMS-07
  Scenario: Every search is logged with the requester, template history, systems, data type and result
    When the border authority of DEU identifies with fingerprints F1, F2
    Then the sBMS log holds the search of the border authority of DEU with the systems queried, the data type, the result and its time
    And the sBMS log holds the template history of record E1

  @req:BMS-09 @face
  Scenario: Face templates of different algorithms are never compared
    Given an EES record E5 of Jan KOWALSKI (M, UKR) born 1985-02-02 with face P5
    When the border authority of DEU verifies face P5 against record E5
    Then the verification matches with a score at or above the declared face threshold
    When the border authority of DEU verifies face P5 made by algorithm "vendor-x/face@2" against record E5
    Then the comparison is refused as templates of different algorithms
    When the border authority of DEU identifies with face P5 made by algorithm "vendor-x/face@2"
    Then the comparison is refused as templates of different algorithms
