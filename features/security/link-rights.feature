@component:SEC
Feature: Who may make which call about a yellow link: the role × call matrix of rights, link calls
  The calls about one link of the matrix of rights.feature (same steps, same rules): A is an
  EES record of DEU, B a VIS record of FRA with the same fingerprint and other identity data,
  so that A's write made a yellow link whose responsible authority is the border authority of
  DEU (MID-09: the EES competent authority of the Member State whose write found the match).
  A yellow link is seen, opened and resolved by its responsible authority alone (MID-10,
  MID-12, CIR-14). A refusal about it may be "not found" where the caller may not see the
  link (MID-12); the last outline holds the refusals whose logging is left open. Open:
  `verifyLink` by the responsible authority (the answer depends on POLICY MID-P2's reading of
  "different persons" on a biometric match; MID-10's scenarios check that the responsible
  authority resolves its links), `personNotice` and `rectifyLink` by it (they depend on the
  link's colour), and `links` by the others (answered, without the yellow link: the
  visibility outlines of MID-12 check what it shows).

  Background:
    Given records A and B linked yellow by bio SAME, id DIFFERENT

  Scenario Outline: The border authority of DEU may make the call <call>
    When the border authority of DEU makes the call <call> about record A and the link joining it to B
    Then the call is answered, not refused

    @req:MID-10
    Examples:
      | call             |
      | confirmationFile |

    @req:CIR-14
    Examples:
      | call       |
      | linkedData |

  Scenario Outline: The visa authority of FRA may not make the call <call>: refused, and the attempt logged
    When the visa authority of FRA makes the call <call> about record A and the link joining it to B
    Then the call is refused as <refusal>, and each refused attempt of the visa authority of FRA is logged by <logger>

    @req:SEC-01 @req:MID-10
    Examples:
      | call       | refusal   | logger      |
      | verifyLink | forbidden | the MID     |

    @req:SEC-01 @req:MID-12 @req:MID-14
    Examples:
      | call         | refusal                | logger      |
      | personNotice | forbidden or not found | the MID     |

    @req:SEC-01 @req:CIR-14
    Examples:
      | call       | refusal   | logger      |
      | linkedData | forbidden | the CIR     |

  Scenario Outline: The police of DEU may not make the call <call>: refused, and the attempt logged
    When the police of DEU makes the call <call> about record A and the link joining it to B
    Then the call is refused as <refusal>, and each refused attempt of the police of DEU is logged by <logger>

    @req:SEC-01 @req:MID-10
    Examples:
      | call       | refusal   | logger      |
      | verifyLink | forbidden | the MID     |

    @req:SEC-01 @req:CIR-14
    Examples:
      | call       | refusal   | logger      |
      | linkedData | forbidden | the CIR     |


  Scenario Outline: The designated authority of DEU may not make the call <call>: refused, and the attempt logged
    When the designated authority of DEU makes the call <call> about record A and the link joining it to B
    Then the call is refused as <refusal>, and each refused attempt of the designated authority of DEU is logged by <logger>

    @req:SEC-01 @req:MID-10
    Examples:
      | call       | refusal   | logger      |
      | verifyLink | forbidden | the MID     |

    @req:SEC-01 @req:CIR-14
    Examples:
      | call       | refusal   | logger      |
      | linkedData | forbidden | the CIR     |

  Scenario Outline: Europol may not make the call <call>: refused, and the attempt logged
    When Europol makes the call <call> about record A and the link joining it to B
    Then the call is refused as <refusal>, and each refused attempt of Europol is logged by <logger>

    @req:SEC-01 @req:MID-10
    Examples:
      | call       | refusal   | logger      |
      | verifyLink | forbidden | the MID     |

    @req:SEC-01 @req:CIR-14
    Examples:
      | call       | refusal   | logger      |
      | linkedData | forbidden | the CIR     |

  Scenario Outline: The SIRENE Bureau of NLD may not make the call <call>: refused, and the attempt logged
    When the SIRENE Bureau of NLD makes the call <call> about record A and the link joining it to B
    Then the call is refused as <refusal>, and each refused attempt of the SIRENE Bureau of NLD is logged by <logger>

    @req:SEC-01 @req:MID-10
    Examples:
      | call       | refusal   | logger      |
      | verifyLink | forbidden | the MID     |

    @req:SEC-01 @req:CIR-14
    Examples:
      | call       | refusal   | logger      |
      | linkedData | forbidden | the CIR     |

  Scenario Outline: The ETIAS Central Unit may not make the call <call>: refused, and the attempt logged
    When the ETIAS Central Unit makes the call <call> about record A and the link joining it to B
    Then the call is refused as <refusal>, and each refused attempt of the ETIAS Central Unit is logged by <logger>

    @req:SEC-01 @req:MID-10
    Examples:
      | call       | refusal   | logger      |
      | verifyLink | forbidden | the MID     |

    @req:SEC-01 @req:CIR-14
    Examples:
      | call       | refusal   | logger      |
      | linkedData | forbidden | the CIR     |

  Scenario Outline: The asylum authority of ITA may not make the call <call>: refused, and the attempt logged
    When the asylum authority of ITA makes the call <call> about record A and the link joining it to B
    Then the call is refused as <refusal>, and each refused attempt of the asylum authority of ITA is logged by <logger>

    @req:SEC-01 @req:MID-10
    Examples:
      | call       | refusal   | logger      |
      | verifyLink | forbidden | the MID     |

    @req:SEC-01 @req:CIR-14
    Examples:
      | call       | refusal   | logger      |
      | linkedData | forbidden | the CIR     |

  Scenario Outline: The statistics user of DEU may not make the call <call>: refused, and the attempt logged
    When the statistics user of DEU makes the call <call> about record A and the link joining it to B
    Then the call is refused as <refusal>, and each refused attempt of the statistics user of DEU is logged by <logger>

    @req:SEC-01 @req:MID-10
    Examples:
      | call       | refusal   | logger      |
      | verifyLink | forbidden | the MID     |

    @req:SEC-01 @req:CIR-14
    Examples:
      | call       | refusal   | logger      |
      | linkedData | forbidden | the CIR     |

  Scenario Outline: The supervisory authority of DEU may not make the call <call>: refused, and the attempt logged
    When the supervisory authority of DEU makes the call <call> about record A and the link joining it to B
    Then the call is refused as <refusal>, and each refused attempt of the supervisory authority of DEU is logged by <logger>

    @req:SEC-01 @req:MID-10
    Examples:
      | call       | refusal   | logger      |
      | verifyLink | forbidden | the MID     |

    @req:SEC-01 @req:CIR-14
    Examples:
      | call       | refusal   | logger      |
      | linkedData | forbidden | the CIR     |

  Scenario Outline: The EDPS may not make the call <call>: refused, and the attempt logged
    When the EDPS makes the call <call> about record A and the link joining it to B
    Then the call is refused as <refusal>, and each refused attempt of the EDPS is logged by <logger>

    @req:SEC-01 @req:MID-10
    Examples:
      | call       | refusal   | logger      |
      | verifyLink | forbidden | the MID     |

    @req:SEC-01 @req:CIR-14
    Examples:
      | call       | refusal   | logger      |
      | linkedData | forbidden | the CIR     |

  Scenario Outline: The EES central system may not make the call <call>: refused, and the attempt logged
    When the EES central system makes the call <call> about record A and the link joining it to B
    Then the call is refused as <refusal>, and each refused attempt of the EES central system is logged by <logger>

    @req:SEC-01 @req:MID-10
    Examples:
      | call       | refusal   | logger      |
      | verifyLink | forbidden | the MID     |

    @req:SEC-01 @req:CIR-14
    Examples:
      | call       | refusal   | logger      |
      | linkedData | forbidden | the CIR     |

  # A yellow link is seen by its responsible authority alone (MID-12): every other role asking
  # for its confirmation file, or to rectify it, is refused, as forbidden or, not acknowledging
  # the link, as not found. Either way the attempt was one outside the caller's rights, and
  # SEC-01 logs every such attempt: an answer that hides the link from the caller does not hide
  # the attempt from the log's readers.
  @req:MID-12 @req:SEC-01
  Scenario Outline: <who>, who may not see the yellow link, asks for the call <call>: refused, and the attempt logged
    When <who> makes the call <call> about record A and the link joining it to B
    Then the call is refused, with no personal data
    And the call is refused as forbidden or not found, and each refused attempt of <who> is logged by the MID

    Examples:
      | who                                                 | call             |
      | the visa authority of FRA                           | confirmationFile |
      | the police of DEU                                   | confirmationFile |
      | the designated authority of DEU                     | confirmationFile |
      | Europol                                             | confirmationFile |
      | the SIRENE Bureau of NLD                            | confirmationFile |
      | the ETIAS Central Unit                              | confirmationFile |
      | the asylum authority of ITA                         | confirmationFile |
      | the statistics user of DEU                          | confirmationFile |
      | the supervisory authority of DEU                    | confirmationFile |
      | the EDPS                                            | confirmationFile |
      | the EES central system                              | confirmationFile |
      | the visa authority of FRA                           | rectifyLink      |
      | the SIRENE Bureau of NLD                            | rectifyLink      |
      | the ETIAS Central Unit                              | rectifyLink      |
