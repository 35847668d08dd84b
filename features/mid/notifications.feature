@component:MID
Feature: Notifications, notices to the person, and rectification
  A red link notifies the authorities responsible for all linked data; red links and white links
  made by manual verification give the person a written notice unless a restriction is recorded
  (Arts 32(4)-(6), 33(4)). An incorrect link is rectified or erased by an entitled authority,
  which informs the verifying authority; a red link involving an Art 29(2) SIS alert only by the
  issuing SIRENE Bureau (Arts 31(3), 32(7), 33(5)).

  @req:MID-14
  Scenario: A red link notifies the authorities of all linked data, and the person gets a notice
    Given records A and B linked yellow by bio SAME, id DIFFERENT
    When the responsible authority verifies the link joining A and B as "same person, unjustified"
    Then the link joining A and B is red
    And the border authority of DEU is notified of the red link joining A and B
    And the visa authority of FRA is notified of the red link joining A and B
    And the person concerned by the link joining A and B receives a notice
    And the notice for the link joining A and B tells the person that there are multiple unlawful identity data

  @req:MID-14
  Scenario: A white link made by manual verification gives a notice; an automatic one does not
    Given records A and B linked yellow by bio SAME, id DIFFERENT
    When the responsible authority verifies the link joining A and B as "same person, justified"
    Then the link joining A and B is white
    And the person concerned by the link joining A and B receives a notice
    And the notice for the link joining A and B tells the person that there are similar or different identity data of the same person
    Given an EES record C of Jan KOWALSKI (M, UKR) born 1985-02-02 with fingerprints F5
    And a VIS record D of Jan KOWALSKI (M, UKR) born 1985-02-02 with fingerprints F5
    Then a white link joins C and D
    And the person concerned by the link joining C and D receives no notice

  @req:MID-14
  Scenario: A recorded restriction means no notice is given, and its ground is kept
    Given records A and B linked yellow by bio SAME, id DIFFERENT
    When the responsible authority verifies the link joining A and B as "same person, unjustified" with a restriction on informing the person
    Then the link joining A and B is red
    And the person concerned by the link joining A and B receives no notice
    And the notice for the link joining A and B is withheld with the recorded ground "so that no national investigation is jeopardised"

  # MID-14 (version 2): the notice is withheld only on one of the grounds of Art 32(5) and
  # 33(4), and the ground is recorded with the withholding.
  @req:MID-14
  Scenario Outline: A notice withheld <ground> keeps that ground on record
    Given records A and B linked yellow by bio SAME, id DIFFERENT
    When the responsible authority verifies the link joining A and B as "<outcome>" withholding the notice on the ground "<ground>"
    Then the link joining A and B is <colour>
    And the person concerned by the link joining A and B receives no notice
    And the notice for the link joining A and B is withheld with the recorded ground "<ground>"

    Examples:
      | ground                                           | outcome                  | colour |
      | to protect security and public order             | same person, unjustified | red    |
      | to prevent crime                                 | same person, unjustified | red    |
      | so that no national investigation is jeopardised | same person, justified   | white  |

  @req:MID-14
  Scenario: A red link involving an SIS alert notifies the issuing SIRENE Bureau, and its rules may withhold the notice
    Given these records:
      | record | system | owner | surname | first names | born       | sex | nationality | fingerprints | alert            |
      | S      | SIS    | NLD   | MEYER   | Paul        | 1979-09-09 | M   | CHE         | F8           | refusal of entry |
    And an EES record E of Karl STEIN (M, CHE) born 1950-01-01 with fingerprints F8
    When the responsible authority verifies the link joining E and S as "same person, unjustified" withholding the notice on the ground "the rules of the SIS alert"
    Then the link joining E and S is red
    And the SIRENE Bureau of NLD is notified of the red link joining E and S
    And the border authority of DEU is notified of the red link joining E and S
    And the person concerned by the link joining E and S receives no notice
    And the notice for the link joining E and S is withheld with the recorded ground "the rules of the SIS alert"

  @req:MID-14
  Scenario: The rules of an SIS alert cannot withhold the notice of a link that involves none
    Given records A and B linked yellow by bio SAME, id DIFFERENT
    When the responsible authority verifies the link joining A and B as "same person, unjustified" withholding the notice on the ground "the rules of the SIS alert"
    Then the verification is refused naming MID-14
    And the link joining A and B stays yellow

  @req:MID-15
  Scenario: An entitled authority erases an incorrect white link and the verifying authority is informed
    Given records A and B linked yellow by bio SAME, id DIFFERENT
    When the responsible authority verifies the link joining A and B as "same person, justified"
    Then the link joining A and B is white
    When the visa authority of FRA erases the link joining A and B
    Then the erasure is accepted
    And the link joining A and B is erased
    And the border authority of DEU is informed that the link joining A and B was erased

  @req:MID-15
  Scenario: A green link found incorrect is corrected, and the correction is kept
    Given records A and B linked yellow by bio DIFFERENT, id SAME
    When the responsible authority verifies the link joining A and B as "different persons"
    Then the link joining A and B is green
    When the responsible authority corrects the link joining A and B to "different persons, unjustified"
    Then the rectification is accepted
    And the link joining A and B is red

  @req:MID-15
  Scenario: An authority without access to the linked systems cannot rectify a link
    Given records A and B linked yellow by bio SAME, id DIFFERENT
    When the responsible authority verifies the link joining A and B as "same person, justified"
    When the SIRENE Bureau of NLD erases the link joining A and B
    Then the erasure is refused
    And the link joining A and B is white

  @req:MID-15
  Scenario: Only the issuing SIRENE Bureau changes a red link involving an Art 29(2) alert
    Given these records:
      | record | system | owner | surname | first names | born       | sex | nationality | fingerprints | alert  |
      | S      | SIS    | NLD   | MEYER   | Paul        | 1979-09-09 | M   | CHE         | F8           | arrest |
    And an EES record E of Karl STEIN (M, CHE) born 1950-01-01 with fingerprints F8
    When the responsible authority verifies the link joining E and S as "same person, unjustified"
    Then the link joining E and S is red
    When the border authority of DEU erases the link joining E and S
    Then the erasure is refused
    And the link joining E and S is red
    When the SIRENE Bureau of NLD erases the link joining E and S
    Then the erasure is accepted
    And the link joining E and S is erased

  @req:MID-16
  Scenario: Deleting linked data from one of two systems erases the link and the confirmation file
    Given an EES record A of Ana GARCÍA (F, COL) born 1990-05-07 with fingerprints F1
    And a VIS record B of Ana GARCÍA (F, COL) born 1990-05-07 with fingerprints F1
    Then a white link joins A and B
    And the confirmation file of the link joining A and B holds exactly the items of Art 34
    When record B is deleted
    Then A has no link
    And the confirmation file of the link joining A and B no longer exists

  @req:MID-11 @test-control
  Scenario: A border check's yellow link left unverified for 12 hours is reported overdue
    Given records A and B linked yellow by bio SAME, id DIFFERENT at a border check in the person's presence
    When 719 minutes pass
    Then the link joining A and B is not yet overdue for the responsible authority
    When 1 minute passes
    Then the link joining A and B is overdue for the responsible authority

  # MID-11 (version 2): the 12 hours run only for a verification initiated in the presence of
  # the person, who may explain; version 1 reported every yellow link an EES write created.
  @req:MID-11 @test-control
  Scenario: A yellow link of a write made without the person present is not reported after 12 hours
    Given records A and B linked yellow by bio SAME, id DIFFERENT
    When 13 hours pass
    Then the link joining A and B is not yet overdue for the responsible authority
