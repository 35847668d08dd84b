@component:MID
Feature: A person's requests about MID data and their deadlines
  A person may ask any Member State for access to, rectification, erasure or restriction of the
  MID data about them. The Member State receiving the request replies within 45 days, which it
  may extend by 15; when another Member State is responsible, it contacts that one within 7 days,
  which checks the data within 30 days of the contact, extendable by 15. A refusal gives
  reasons; the person's identifying data of the request are erased once it is answered; a
  record of requests is kept, and overdue requests are reported (Art 48, MID-19). The clock is
  moved by test control; a deadline of N days is met on day N and missed on day N + 1.

  @req:MID-19 @test-control
  Scenario: A request unanswered on day 45 is on time; on day 46 it is overdue
    Given the border authority of DEU files a request for access from Ana GARCÍA born 1990-05-07
    Then the record of requests of the border authority of DEU holds the request open
    And the person's identifying data of the request are kept in the record of the border authority of DEU
    When 45 days pass
    Then the request is not overdue for the border authority of DEU
    When 1 day passes
    Then the request is overdue for the border authority of DEU, having missed its reply deadline

  @req:MID-19 @test-control
  Scenario: A request answered on day 45 is never overdue, and the person's identifying data are erased
    Given the border authority of DEU files a request for erasure from Ana GARCÍA born 1990-05-07
    When 45 days pass
    And the border authority of DEU answers the request
    Then the request step is accepted
    When 1 day passes
    Then the request is not overdue for the border authority of DEU
    And the record of requests of the border authority of DEU holds the request answered
    And the person's identifying data of the request are erased in the record of the border authority of DEU

  @req:MID-19 @test-control
  Scenario: An extended reply is due on day 60, not 61
    Given the border authority of DEU files a request for rectification from Ana GARCÍA born 1990-05-07
    When 10 days pass
    And the border authority of DEU extends the reply by 15 days
    Then the request step is accepted
    When 50 days pass
    Then the request is not overdue for the border authority of DEU
    When 1 day passes
    Then the request is overdue for the border authority of DEU, having missed its reply deadline

  @req:MID-19 @test-control
  Scenario: The reply is extended once only
    Given the border authority of DEU files a request for access from Ana GARCÍA born 1990-05-07
    When the border authority of DEU extends the reply by 15 days
    Then the request step is accepted
    When the border authority of DEU extends the reply by 15 days
    Then the request step is refused

  @req:MID-19 @test-control
  Scenario: The responsible Member State is contacted within 7 days
    Given the border authority of DEU files a request for access from Ana GARCÍA born 1990-05-07, for which FRA is responsible
    When 7 days pass
    Then the request is not overdue for the border authority of DEU
    When 1 day passes
    Then the request is overdue for the border authority of DEU, having missed its contact deadline
    And the request is overdue for the visa authority of FRA, having missed its contact deadline
    When the border authority of DEU records that the responsible Member State was contacted
    Then the request step is accepted
    And the request is not overdue for the border authority of DEU

  @req:MID-19 @test-control
  Scenario: The responsible Member State checks within 30 days of the contact, 45 when extended
    Given the border authority of DEU files a request for rectification from Ana GARCÍA born 1990-05-07, for which FRA is responsible
    When 2 days pass
    And the border authority of DEU records that the responsible Member State was contacted
    And 30 days pass
    Then the request is not overdue for the visa authority of FRA
    When 1 day passes
    Then the request is overdue for the visa authority of FRA, having missed its check deadline
    When the visa authority of FRA extends the check by 15 days
    Then the request step is accepted
    And the request is not overdue for the visa authority of FRA
    When 14 days pass
    Then the request is overdue for the visa authority of FRA, having missed its reply deadline
    When the visa authority of FRA records that it checked the data
    Then the request step is accepted
    And the request is overdue for the border authority of DEU, having missed its reply deadline

  @req:MID-19 @test-control
  Scenario: The extended check is due 45 days after the contact, not 46
    Given the border authority of DEU files a request for erasure from Ana GARCÍA born 1990-05-07, for which FRA is responsible
    When the border authority of DEU records that the responsible Member State was contacted
    And the border authority of DEU extends the reply by 15 days
    And the visa authority of FRA extends the check by 15 days
    And 45 days pass
    Then the request is not overdue for the visa authority of FRA
    When 1 day passes
    Then the request is overdue for the visa authority of FRA, having missed its check deadline

  @req:MID-19
  Scenario: A refusal gives reasons, and the identifying data are erased once it is given
    Given the border authority of DEU files a request for erasure from Ana GARCÍA born 1990-05-07
    When the border authority of DEU refuses the request without reasons
    Then the request step is refused
    And the person's identifying data of the request are kept in the record of the border authority of DEU
    When the border authority of DEU refuses the request with the reasons "the data are accurate and lawfully processed (Art 48(7))"
    Then the request step is accepted
    And the record of requests of the border authority of DEU holds the request refused with the reasons "the data are accurate and lawfully processed (Art 48(7))"
    And the person's identifying data of the request are erased in the record of the border authority of DEU

  @req:MID-19
  Scenario: Only the receiving Member State answers, and only the responsible one checks
    Given the border authority of DEU files a request for access from Ana GARCÍA born 1990-05-07, for which FRA is responsible
    When the visa authority of FRA answers the request
    Then the request step is refused
    When the border authority of DEU records that it checked the data
    Then the request step is refused
    When the statistics user of DEU tries to file a request for access from Ana GARCÍA born 1990-05-07
    Then the request step is refused
