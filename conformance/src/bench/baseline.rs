//! The benchmark baseline: NIST Bozorth3 (`fprint-bozorth3`) on the same templates.

use fprint_bozorth3::{Minutia as Xyt, match_score};
use jha_interop::model::MinutiaeTemplate;

/// A template in NIST `xyt` form: origin bottom-left, direction 180° from ISO/IEC 19794-2's.
pub fn to_xyt(template: &MinutiaeTemplate) -> Vec<Xyt> {
    let height = i32::from(template.height());
    template
        .minutiae()
        .iter()
        .map(|m| Xyt {
            x: i32::from(m.x),
            y: height - i32::from(m.y),
            theta: ((m.direction.round() as i32) + 180).rem_euclid(360),
        })
        .collect()
}

/// Bozorth3's score of `probe` against `gallery`.
pub fn score(probe: &[Xyt], gallery: &[Xyt]) -> f64 {
    f64::from(match_score(probe, gallery))
}
