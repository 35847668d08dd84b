//! Link colours as a pure function of the comparisons and the verification outcome
//! (REQUIREMENTS §4, MID-05..07, POLICY MID-P1/P2).

use crate::model::{
    BiometricBasis, DocumentBasis, IdentityVerdict, LinkBasis, LinkColour, VerificationOutcome,
};

use super::super::policies::{MidPolicy, SimilarWithSameBiometrics};

/// The colour detection gives a pair of records, or `None` when no link is made.
pub fn automatic_colour(basis: LinkBasis, policy: &MidPolicy) -> Option<LinkColour> {
    use BiometricBasis as B;
    use DocumentBasis as D;
    use IdentityVerdict as I;
    match (basis.biometric, basis.identity, basis.travel_document) {
        // Art 33(1)(a): same biometrics, same identity.
        (B::Same, I::Same, _) => Some(LinkColour::White),
        // Art 28(3) white vs the 30(1)(a) overlap: POLICY MID-P1.
        (B::Same, I::Similar, _) => Some(match policy.similar_with_same_biometrics {
            SimilarWithSameBiometrics::White => LinkColour::White,
            SimilarWithSameBiometrics::Yellow => LinkColour::Yellow,
        }),
        // Art 30(1)(a).
        (B::Same, I::Different, _) => Some(LinkColour::Yellow),
        // Art 33(1)(b).
        (B::Absent, I::Same | I::Similar, D::Same) => Some(LinkColour::White),
        // Gap: POLICY MID-P2 (default yellow).
        (B::Absent, I::Same | I::Similar, D::DifferentOrNone) => policy.gaps.absent_similar_without_document,
        // Art 30(1)(b).
        (B::Absent, I::Different, D::Same) => Some(LinkColour::Yellow),
        // Art 30(1)(c).
        (B::Different, I::Same, _) => Some(LinkColour::Yellow),
        // Art 30(1)(d).
        (B::Different, I::Similar | I::Different, D::Same) => Some(LinkColour::Yellow),
        // Gap: POLICY MID-P2 (default no link).
        (B::Different, I::Similar, D::DifferentOrNone) => policy.gaps.different_biometrics_without_document,
        // Nothing matched at all: there is no pair to link.
        (B::Absent | B::Different, I::Different, D::DifferentOrNone) => None,
    }
}

/// What a manual verification (or a correction) does to a link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VerifiedLink {
    /// The link takes this colour.
    Colour(LinkColour),
    /// The link is erased: a biometric false match (POLICY MID-P2).
    Erase,
}

/// A verification outcome that the link's comparisons do not allow (MID-07).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error(
    "the outcome {outcome:?} is not allowed for a link with biometrics {biometric:?}, identity {identity:?}, document {document:?}"
)]
pub struct OutcomeNotAllowed {
    /// The outcome proposed.
    pub outcome: VerificationOutcome,
    /// The link's biometric basis.
    pub biometric: BiometricBasis,
    /// The link's identity basis.
    pub identity: IdentityVerdict,
    /// The link's travel document basis.
    pub document: DocumentBasis,
}

/// The colour after manual verification with `outcome` (MID-07, Arts 31–33, POLICY MID-P2).
pub fn verified_colour(
    basis: LinkBasis,
    outcome: VerificationOutcome,
    policy: &MidPolicy,
) -> Result<VerifiedLink, OutcomeNotAllowed> {
    use BiometricBasis as B;
    use DocumentBasis as D;
    use IdentityVerdict as I;
    use VerificationOutcome as O;
    let (bio, id, td) = (basis.biometric, basis.identity, basis.travel_document);
    let decided = match (outcome, bio) {
        // Art 33(1)(d).
        (O::SamePersonJustified, B::Same) => Some(VerifiedLink::Colour(LinkColour::White)),
        // POLICY MID-P2: the yellow gap case resolved as the same person.
        (O::SamePersonJustified, B::Absent) if id != I::Different && td == D::DifferentOrNone => {
            Some(VerifiedLink::Colour(LinkColour::White))
        }
        // POLICY MID-P2: no biometrics, different identity, same document, justified.
        (O::SamePersonJustified, B::Absent) if id == I::Different && td == D::Same => {
            Some(VerifiedLink::Colour(policy.gaps.absent_different_same_document_justified))
        }
        // Art 32(1)(a) and 32(1)(d).
        (O::SamePersonUnjustified, B::Same) => Some(VerifiedLink::Colour(LinkColour::Red)),
        (O::SamePersonUnjustified, B::Absent) if td == D::Same => Some(VerifiedLink::Colour(LinkColour::Red)),
        // Art 31(1)(a)–(c), and POLICY MID-P2 for the yellow gap case.
        (O::DifferentPersons, B::Different) => Some(VerifiedLink::Colour(LinkColour::Green)),
        // MID-07 (version 2): without biometric data, Art 32(1)(b)–(c) cannot apply (both
        // need different biometric data), so "different persons, unjustified" is still two
        // different persons: green, as "different persons" (Art 31(1)(b)). Version 1 made it red.
        (O::DifferentPersons | O::DifferentPersonsUnjustified, B::Absent)
            if td == D::Same || id != I::Different =>
        {
            Some(VerifiedLink::Colour(LinkColour::Green))
        }
        // POLICY MID-P2: a biometric false match.
        (O::DifferentPersons, B::Same) if policy.gaps.erase_false_biometric_match => {
            Some(VerifiedLink::Erase)
        }
        // Art 32(1)(b) with the same document, 32(1)(c) with the same identity.
        (O::DifferentPersonsUnjustified, B::Different) if td == D::Same || id == I::Same => {
            Some(VerifiedLink::Colour(LinkColour::Red))
        }
        _ => None,
    };
    decided.ok_or(OutcomeNotAllowed { outcome, biometric: bio, identity: id, document: td })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reference::policies::MidGapPolicy;

    fn basis(bio: &str, id: &str, td: &str) -> LinkBasis {
        LinkBasis {
            biometric: match bio {
                "SAME" => BiometricBasis::Same,
                "DIFF" => BiometricBasis::Different,
                _ => BiometricBasis::Absent,
            },
            identity: match id {
                "SAME" => IdentityVerdict::Same,
                "SIM" => IdentityVerdict::Similar,
                _ => IdentityVerdict::Different,
            },
            travel_document: if td == "SAME" { DocumentBasis::Same } else { DocumentBasis::DifferentOrNone },
        }
    }

    fn colour(c: &str) -> Option<LinkColour> {
        match c {
            "white" => Some(LinkColour::White),
            "yellow" => Some(LinkColour::Yellow),
            "green" => Some(LinkColour::Green),
            "red" => Some(LinkColour::Red),
            _ => None,
        }
    }

    /// MID-05, MID-06, POLICY MID-P1/P2: every one of the 18 rows, written from the tables of
    /// REQUIREMENTS §4 and regulation.md §4.5.
    #[test]
    fn mid_05_06_automatic_colour_table() {
        let rows = [
            ("SAME", "SAME", "SAME", "white"),    // 33(1)(a)
            ("SAME", "SAME", "NONE", "white"),    // 33(1)(a)
            ("SAME", "SIM", "SAME", "white"),     // 33(1)(c), MID-P1
            ("SAME", "SIM", "NONE", "white"),     // 28(3), MID-P1
            ("SAME", "DIFF", "SAME", "yellow"),   // 30(1)(a)
            ("SAME", "DIFF", "NONE", "yellow"),   // 30(1)(a)
            ("ABSENT", "SAME", "SAME", "white"),  // 33(1)(b)
            ("ABSENT", "SIM", "SAME", "white"),   // 33(1)(b)
            ("ABSENT", "SAME", "NONE", "yellow"), // MID-P2
            ("ABSENT", "SIM", "NONE", "yellow"),  // MID-P2
            ("ABSENT", "DIFF", "SAME", "yellow"), // 30(1)(b)
            ("ABSENT", "DIFF", "NONE", "none"),   // no match
            ("DIFF", "SAME", "SAME", "yellow"),   // 30(1)(c)
            ("DIFF", "SAME", "NONE", "yellow"),   // 30(1)(c)
            ("DIFF", "SIM", "SAME", "yellow"),    // 30(1)(d)
            ("DIFF", "DIFF", "SAME", "yellow"),   // 30(1)(d)
            ("DIFF", "SIM", "NONE", "none"),      // MID-P2
            ("DIFF", "DIFF", "NONE", "none"),     // no match
        ];
        let policy = MidPolicy::default();
        for (bio, id, td, expected) in rows {
            assert_eq!(automatic_colour(basis(bio, id, td), &policy), colour(expected), "{bio} {id} {td}");
        }
    }

    /// POLICY MID-P1 declared stricter: bio SAME + id SIMILAR becomes yellow.
    #[test]
    fn mid_p1_stricter_cut_off_makes_similar_yellow() {
        let policy = MidPolicy {
            similar_with_same_biometrics: SimilarWithSameBiometrics::Yellow,
            ..MidPolicy::default()
        };
        assert_eq!(automatic_colour(basis("SAME", "SIM", "NONE"), &policy), Some(LinkColour::Yellow));
        assert_eq!(automatic_colour(basis("SAME", "SAME", "NONE"), &policy), Some(LinkColour::White));
    }

    /// POLICY MID-P2 is a setting: the other readings of the gaps are honoured.
    #[test]
    fn mid_p2_gap_settings_are_honoured() {
        let policy = MidPolicy {
            gaps: MidGapPolicy {
                absent_similar_without_document: None,
                different_biometrics_without_document: Some(LinkColour::Yellow),
                ..MidGapPolicy::default()
            },
            ..MidPolicy::default()
        };
        assert_eq!(automatic_colour(basis("ABSENT", "SIM", "NONE"), &policy), None);
        assert_eq!(automatic_colour(basis("DIFF", "SIM", "NONE"), &policy), Some(LinkColour::Yellow));
        assert_eq!(automatic_colour(basis("DIFF", "DIFF", "NONE"), &policy), None);
    }

    /// MID-07 (version 2) and POLICY MID-P2: every yellow row against every outcome; the two
    /// "different persons, unjustified" reds need different biometric data.
    #[test]
    fn mid_07_verification_table() {
        use VerificationOutcome as O;
        let outcomes = [
            O::SamePersonJustified,
            O::SamePersonUnjustified,
            O::DifferentPersons,
            O::DifferentPersonsUnjustified,
        ];
        // Columns: justified, unjustified, different, different-unjustified.
        let rows: [(&str, &str, &str, [&str; 4]); 9] = [
            ("SAME", "DIFF", "NONE", ["white", "red", "erase", "reject"]), // Y-a
            ("SAME", "DIFF", "SAME", ["white", "red", "erase", "reject"]), // Y-a
            ("SAME", "SIM", "NONE", ["white", "red", "erase", "reject"]),  // Y-a under a stricter MID-P1
            ("ABSENT", "DIFF", "SAME", ["white", "red", "green", "green"]), // Y-b; justified per MID-P2
            ("ABSENT", "SIM", "NONE", ["white", "reject", "green", "green"]), // MID-P2 gap
            ("DIFF", "SAME", "NONE", ["reject", "reject", "green", "red"]), // Y-c, R-c
            ("DIFF", "SAME", "SAME", ["reject", "reject", "green", "red"]), // Y-c, R-b
            ("DIFF", "SIM", "SAME", ["reject", "reject", "green", "red"]), // Y-d, R-b
            ("DIFF", "DIFF", "SAME", ["reject", "reject", "green", "red"]), // Y-d, R-b
        ];
        let policy = MidPolicy::default();
        for (bio, id, td, expected) in rows {
            for (outcome, want) in outcomes.into_iter().zip(expected) {
                let got = verified_colour(basis(bio, id, td), outcome, &policy);
                let got = match got {
                    Ok(VerifiedLink::Colour(c)) => format!("{c:?}").to_lowercase(),
                    Ok(VerifiedLink::Erase) => "erase".to_string(),
                    Err(_) => "reject".to_string(),
                };
                assert_eq!(got, want, "{bio} {id} {td} {outcome:?}");
            }
        }
    }

    fn basis_of(bio: u8, id: u8, td: bool) -> LinkBasis {
        LinkBasis {
            biometric: [BiometricBasis::Same, BiometricBasis::Different, BiometricBasis::Absent]
                [usize::from(bio % 3)],
            identity: [IdentityVerdict::Same, IdentityVerdict::Similar, IdentityVerdict::Different]
                [usize::from(id % 3)],
            travel_document: if td { DocumentBasis::Same } else { DocumentBasis::DifferentOrNone },
        }
    }

    fn any_colour(c: u8) -> Option<LinkColour> {
        [
            None,
            Some(LinkColour::White),
            Some(LinkColour::Yellow),
            Some(LinkColour::Green),
            Some(LinkColour::Red),
        ][usize::from(c % 5)]
    }

    proptest::proptest! {
        /// No combination of comparisons, outcome and policy panics, and automatic links are
        /// never green or red (those need a manual verification).
        #[test]
        fn link_function_never_panics(
            bio in 0u8..3, id in 0u8..3, td in proptest::bool::ANY, outcome in 0u8..4,
            strict in proptest::bool::ANY, gap1 in 0u8..5, gap2 in 0u8..5, gap3 in 1u8..5, erase in proptest::bool::ANY,
        ) {
            let policy = MidPolicy {
                similar_with_same_biometrics: if strict { SimilarWithSameBiometrics::Yellow } else { SimilarWithSameBiometrics::White },
                gaps: MidGapPolicy {
                    absent_similar_without_document: any_colour(gap1),
                    different_biometrics_without_document: any_colour(gap2),
                    absent_different_same_document_justified: any_colour(gap3).unwrap_or(LinkColour::White),
                    erase_false_biometric_match: erase,
                },
                ..MidPolicy::default()
            };
            let basis = basis_of(bio, id, td);
            let automatic = automatic_colour(basis, &MidPolicy::default());
            proptest::prop_assert!(!matches!(automatic, Some(LinkColour::Green | LinkColour::Red)));
            let outcome = [
                VerificationOutcome::SamePersonJustified,
                VerificationOutcome::SamePersonUnjustified,
                VerificationOutcome::DifferentPersons,
                VerificationOutcome::DifferentPersonsUnjustified,
            ][usize::from(outcome)];
            let _ = automatic_colour(basis, &policy);
            let _ = verified_colour(basis, outcome, &policy);
        }
    }

    #[test]
    fn false_match_is_rejected_when_erasure_is_not_the_policy() {
        let policy = MidPolicy {
            gaps: MidGapPolicy { erase_false_biometric_match: false, ..MidGapPolicy::default() },
            ..MidPolicy::default()
        };
        assert!(
            verified_colour(basis("SAME", "DIFF", "NONE"), VerificationOutcome::DifferentPersons, &policy)
                .is_err()
        );
    }
}
