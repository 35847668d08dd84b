@component:SEC @http
Feature: The HTTP binding
  The wire itself, checked against HTTP targets only: authentication, status codes and RFC 9457
  problem documents, size limits, content types, and the streamed search reply. The binding is
  published in schemas/openapi.json. Every response body of every scenario of an HTTP run is also
  held to its published JSON Schema (FMT-JSON), outside these scenarios.

  Background:
    Given an EES record E of Ana GARCÍA (F, COL) born 1990-05-07 with fingerprints F1

  @req:SEC-01
  Scenario Outline: A request <credential> gets a 401 problem and nothing of the record
    When record E is read over HTTP <credential>
    Then the reply is a 401 problem document of type unauthenticated
    And the reply carries nothing of record E

    Examples:
      | credential                            |
      | without a bearer token                |
      | with an unknown bearer token          |
      | with a malformed Authorization header |

  @req:SEC-01
  Scenario: The same read with the owner's token is answered
    When the EES central system reads record E over HTTP
    Then the reply is 200 with a JSON body

  @req:SEC-01
  Scenario: The declaration of capabilities is public
    When the capabilities are read over HTTP without a token
    Then the reply is 200 with a JSON body

  @req:SEC-05
  Scenario: A body one byte over the declared request limit gets a 413 problem
    When the EES central system sends record E2 over HTTP padded to one byte over the declared request limit
    Then the reply is a 413 problem document of type payload-too-large

  @req:SEC-05
  Scenario: A body of exactly the declared request limit is accepted
    When the EES central system sends record E2 over HTTP padded to exactly the declared request limit
    Then the reply is 200 with a JSON body

  @req:SEC-02
  Scenario Outline: A record sent as <input> gets a <status> problem naming the field
    When the EES central system sends record E2 over HTTP as <input>
    Then the reply is a <status> problem document of type invalid
    And the problem names the field <field>

    Examples:
      | input                                                   | status | field                  |
      | a record with an unknown field nickname in the identity | 422    | identity.nickname      |
      | a record whose identity has a number for a date of birth | 422   | identity.date_of_birth |

  @req:SEC-02
  Scenario: Malformed JSON gets a 400 problem, not a server fault
    When the EES central system sends record E2 over HTTP as malformed JSON
    Then the reply is a 400 problem document of type invalid

  @req:SEC-02
  Scenario: A body that is not declared as JSON gets a 415 problem
    When the EES central system sends record E2 over HTTP as a record with the content type text/plain
    Then the reply is a 415 problem document of type invalid

  @req:SEC-02
  Scenario: An unknown route gets a 404 problem document
    When an unknown path is requested over HTTP by the border authority of DEU
    Then the reply is a 404 problem document of type not-found

  @req:ESP-06 @test-control @serial
  Scenario: The streamed reply delivers a fast source's line before a slow source has answered
    Given a VIS record V of Ana GARCÍA (F, COL) born 1990-05-07 with fingerprints F1
    And the VIS answers the search portal after 1500 ms
    When the border authority of DEU searches for everything about record E over HTTP as a stream
    Then the EES line arrives within 1000 ms and the VIS line after 1500 ms
    And the stream ends with an end line counting its result lines
