//! The policies of REQUIREMENTS.md: named, versioned settings with the reference defaults.

use serde::{Deserialize, Serialize};

use crate::model::{LinkColour, PolicySetting};

/// POLICY LOG-P1: how a log entry holds the biometric data that launched a query (LOG-03).
pub fn log_p1() -> PolicySetting {
    PolicySetting {
        id: "LOG-P1".into(),
        version: "1".into(),
        value: "biometric query data logged as type, finger position and SHA-256 (lowercase hex) of the \
                sample as submitted: record, image or ANSI/NIST bytes; compact JSON of a minutiae or face \
                template; never the sample"
            .into(),
    }
}

/// POLICY MID-P1: how bio SAME + id SIMILAR is coloured automatically.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SimilarWithSameBiometrics {
    /// White, as Art 28(3) reads (the default).
    White,
    /// Yellow: a stricter reading that sends every merely similar identity to verification.
    Yellow,
}

/// POLICY MID-P2 (version 2): the combinations the texts leave open. Art 28(3) makes a match
/// with the same or similar identity data white; Art 33(1) lists narrower white cases; these
/// defaults take the narrower reading where biometric data cannot confirm the identity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct MidGapPolicy {
    /// bio ABSENT + id SAME/SIMILAR + td DIFFERENT_OR_NONE; default yellow.
    pub absent_similar_without_document: Option<LinkColour>,
    /// bio DIFFERENT + id SIMILAR/DIFFERENT + td DIFFERENT_OR_NONE; default no link.
    pub different_biometrics_without_document: Option<LinkColour>,
    /// bio ABSENT + id DIFFERENT + td SAME verified "same person, justified"; default white.
    pub absent_different_same_document_justified: LinkColour,
    /// bio SAME verified "different persons": `true` (default) erases the link and logs it.
    pub erase_false_biometric_match: bool,
}

impl Default for MidGapPolicy {
    fn default() -> Self {
        MidGapPolicy {
            absent_similar_without_document: Some(LinkColour::Yellow),
            different_biometrics_without_document: None,
            absent_different_same_document_justified: LinkColour::White,
            erase_false_biometric_match: true,
        }
    }
}

/// The MID policies together.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct MidPolicy {
    /// POLICY MID-P1.
    pub similar_with_same_biometrics: SimilarWithSameBiometrics,
    /// POLICY MID-P2.
    pub gaps: MidGapPolicy,
    /// Hours after which an unverified yellow link created by a write in the person's presence
    /// (a border check) is overdue (Art 29(4), MID-11).
    pub border_verification_deadline_hours: u32,
}

impl Default for MidPolicy {
    fn default() -> Self {
        MidPolicy {
            similar_with_same_biometrics: SimilarWithSameBiometrics::White,
            gaps: MidGapPolicy::default(),
            border_verification_deadline_hours: 12,
        }
    }
}

impl MidPolicy {
    /// The settings as declared in the capabilities.
    pub fn settings(&self) -> Vec<PolicySetting> {
        let colour = |c: Option<LinkColour>| match c {
            Some(c) => format!("{c:?}").to_lowercase(),
            None => "no link".to_string(),
        };
        vec![
            PolicySetting {
                id: "MID-P1".into(),
                version: "1".into(),
                value: match self.similar_with_same_biometrics {
                    SimilarWithSameBiometrics::White => "bio SAME + id SIMILAR -> white".into(),
                    SimilarWithSameBiometrics::Yellow => "bio SAME + id SIMILAR -> yellow (stricter)".into(),
                },
            },
            PolicySetting {
                id: "MID-P2".into(),
                version: "2".into(),
                value: format!(
                    "Art 28(3) (same or similar identity data: white) against Art 33(1) (narrower white cases): \
                     the narrower reading where biometric data cannot confirm; \
                     bio ABSENT + id SAME/SIMILAR + td NONE -> {}; bio DIFFERENT + id SIMILAR/DIFFERENT + td NONE -> {}; \
                     bio ABSENT + id DIFFERENT + td SAME verified same person justified -> {}; \
                     bio SAME verified different persons -> {}",
                    colour(self.gaps.absent_similar_without_document),
                    colour(self.gaps.different_biometrics_without_document),
                    colour(Some(self.gaps.absent_different_same_document_justified)),
                    if self.gaps.erase_false_biometric_match { "link erased and logged" } else { "rejected" },
                ),
            },
            PolicySetting {
                id: "MID-P3".into(),
                version: "1".into(),
                value: "same travel document: number (upper case; spaces, hyphens, '<' and '/' removed) and issuing country equal".into(),
            },
            PolicySetting {
                id: "MID-DEADLINE".into(),
                version: "2".into(),
                value: format!(
                    "yellow links of a write at a border check in the person's presence overdue after {} h",
                    self.border_verification_deadline_hours
                ),
            },
        ]
    }
}
