@component:SEC
Feature: eu-LISA operators get no personal data from any call
  eu-LISA manages the components technically and has no access to the personal data processed
  through them (Arts 54(3), 55(2)): its operators review the ESP profiles and read technical
  status and anonymous statistics. Each call a principal can make is one row below, made with
  real arguments (a stored record, the SIN of a link, an Art 22 query and a monitoring
  procedure that exist), so that nothing is refused for want of it; a refusal is "forbidden",
  or "not found" where the implementation does not acknowledge what the caller may not see (a
  link, MID-12). A unit test of the steps holds the table to the route table of the contract. The public declaration of
  capabilities and the test-control calls carry no principal and are not rows. A refusal or
  an answer "with no personal data" holds none of the names, dates and places of birth,
  document numbers or biometric samples the scenario wrote.

  Background:
    Given records A and B linked yellow by bio SAME, id DIFFERENT

  @req:SEC-07
  Scenario Outline: The eu-LISA operator making the call <call>: <outcome>
    When the eu-LISA operator makes the call <call> about record A and the link joining it to B
    Then the call is <outcome>, with no personal data

    Examples:
      | call                 | outcome              |
      | putRecord            | refused              |
      | deleteRecord         | refused              |
      | getRecord            | refused              |
      | search               | refused              |
      | failureNotices       | answered             |
      | biometricIdentify    | refused              |
      | biometricVerify      | refused              |
      | templates            | refused              |
      | cirIdentify          | refused              |
      | hitFlags             | refused              |
      | followUp             | refused              |
      | fileOf               | refused              |
      | linkedData           | refused              |
      | links                | refused              |
      | confirmationFile     | refused              |
      | verifyLink           | refused              |
      | rectifyLink          | refused              |
      | notifications        | answered             |
      | personNotice         | refused              |
      | overdueLinks         | answered             |
      | fileRequest          | refused              |
      | recordRequestProgress | refused             |
      | requests             | refused              |
      | overdueRequests      | refused              |
      | report               | answered             |
      | logEntries           | refused              |
      | openProcedure        | refused              |
      | closeProcedure       | refused              |
      | whoami               | answered             |
      | profiles             | answered             |
      | profilesDueForReview | answered             |
