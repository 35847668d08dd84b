@component:ESP
Feature: Fall-back when a component fails
  When the ESP or the CIR fails, the Member States and agencies using them get an automated
  notice naming the component that failed and telling them to access the systems directly
  (Arts 11(1), 11(3), 17(4)); an unavailable source system is covered by the search scenarios.
  Test control makes a component fail and work again.

  Background:
    Given these records:
      | record | system | surname | first names | born       | sex | nationality | document  | fingerprints |
      | E1     | EES    | GARCÍA  | Ana         | 1990-05-07 | F   | COL         | PA1234567 | F1           |

  @req:ESP-09 @test-control
  Scenario: The CIR fails: the Member States and agencies are told to access the systems directly
    Then the border authority of DEU has no notice of a component failure
    When the CIR fails
    Then the border authority of DEU is notified that the CIR failed and that it shall access the systems directly
    And Europol is notified that the CIR failed and that it shall access the systems directly
    And the police of FRA is notified that the CIR failed and that it shall access the systems directly

  @req:ESP-09 @test-control
  Scenario: The ESP fails: a search is refused as unavailable and the users are told to access the systems directly
    When the ESP fails
    And the border authority of DEU searches for Ana GARCÍA born 1990-05-07
    Then the search is refused as unavailable
    And the border authority of DEU is notified that the ESP failed and that it shall access the systems directly
    And the ETIAS Central Unit is notified that the ESP failed and that it shall access the systems directly

  @req:ESP-09 @test-control
  Scenario: A restored component gives no new notice, and searches work again
    When the ESP fails
    And the ESP is restored
    And the border authority of DEU searches for Ana GARCÍA born 1990-05-07
    Then the EES result holds record E1
    And the border authority of DEU is notified that the ESP failed and that it shall access the systems directly
