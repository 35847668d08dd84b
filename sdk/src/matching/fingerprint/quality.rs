//! Quality scores 0–100 for the sBMS quality gate (BMS-01).
//!
//! * A **minutiae template** is scored by its reliable-minutiae mass: each minutia counts with
//!   its reported quality / 100 (0.5 when the producer reported none), and the score is
//!   `100 · (1 − e^(−mass / 15))`. 15 reliable minutiae give 63, 30 give 86, 45 give 95; a
//!   template of a few doubtful minutiae stays low. This is what the matcher needs: pairing
//!   evidence grows with the number of trustworthy minutiae.
//! * An **image** is scored as the geometric mean of its ridge clarity (mean orientation
//!   coherence of the 16×16 blocks that hold ridges, times the share of a 150×150 px finger
//!   area they cover) and the quality of the template extracted from it, so that a clear image
//!   of a tiny area, or a large smudge, both score low.

use super::image::GreyImage;
use crate::model::MinutiaeTemplate;

/// Mass of reliable minutiae at which the template quality reaches 1 − 1/e (63).
const MINUTIAE_SCALE: f64 = 15.0;
/// Weight of a minutia whose producer reported no quality.
const UNREPORTED_WEIGHT: f64 = 0.5;
/// Block side for ridge clarity, about two ridge periods at 500 ppi.
const BLOCK: usize = 16;
/// Grey-level standard deviation below which a block is background.
const MIN_BLOCK_CONTRAST: f64 = 12.0;
/// Finger area (px² at 500 ppi) that counts as a full impression.
const FULL_AREA: f64 = 150.0 * 150.0;

/// Quality 0–100 of a minutiae template (see the module documentation).
pub fn template_quality(template: &MinutiaeTemplate) -> u8 {
    let mass: f64 = template
        .minutiae()
        .iter()
        .map(|m| if m.quality == 0 { UNREPORTED_WEIGHT } else { f64::from(m.quality) / 100.0 })
        .sum();
    (100.0 * (1.0 - (-mass / MINUTIAE_SCALE).exp())).round().clamp(0.0, 100.0) as u8
}

/// Ridge clarity 0–100 of a grey image at 500 ppi.
pub(crate) fn ridge_clarity(image: &GreyImage) -> f64 {
    let (w, h) = (image.width, image.height);
    if w < BLOCK + 2 || h < BLOCK + 2 {
        return 0.0;
    }
    let px = |x: usize, y: usize| f64::from(image.pixels[y * w + x]);
    let mut coherence_sum = 0.0;
    let mut foreground = 0usize;
    for by in (1..h - BLOCK).step_by(BLOCK) {
        for bx in (1..w - BLOCK).step_by(BLOCK) {
            let (mut sum, mut sum2) = (0.0, 0.0);
            let (mut gxx, mut gyy, mut gxy) = (0.0, 0.0, 0.0);
            for y in by..by + BLOCK {
                for x in bx..bx + BLOCK {
                    let v = px(x, y);
                    sum += v;
                    sum2 += v * v;
                    let gx = px(x + 1, y) - px(x - 1, y);
                    let gy = px(x, y + 1) - px(x, y - 1);
                    gxx += gx * gx;
                    gyy += gy * gy;
                    gxy += gx * gy;
                }
            }
            let n = (BLOCK * BLOCK) as f64;
            let variance = (sum2 / n - (sum / n).powi(2)).max(0.0);
            if variance.sqrt() < MIN_BLOCK_CONTRAST || gxx + gyy <= 0.0 {
                continue;
            }
            foreground += 1;
            coherence_sum += ((gxx - gyy).powi(2) + 4.0 * gxy * gxy).sqrt() / (gxx + gyy);
        }
    }
    if foreground == 0 {
        return 0.0;
    }
    // Clean ridges give a block coherence of 0.6–0.9, noise about 0.1–0.2.
    let coherence = coherence_sum / foreground as f64;
    let clarity = ((coherence - 0.15) / 0.5).clamp(0.0, 1.0);
    let area = ((foreground * BLOCK * BLOCK) as f64 / FULL_AREA).min(1.0);
    100.0 * clarity * area
}

/// Quality 0–100 of an image given its ridge clarity and the template extracted from it.
pub(crate) fn image_quality(clarity: f64, template: &MinutiaeTemplate) -> u8 {
    (clarity * f64::from(template_quality(template))).sqrt().round().clamp(0.0, 100.0) as u8
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Minutia, MinutiaKind};

    fn template(n: usize, quality: u8) -> MinutiaeTemplate {
        let minutiae = (0..n)
            .map(|i| Minutia {
                x: (i * 7 % 300) as u16,
                y: (i * 13 % 400) as u16,
                direction: 0.0,
                kind: MinutiaKind::Other,
                quality,
            })
            .collect();
        MinutiaeTemplate::new(300, 400, 500, minutiae).unwrap()
    }

    #[test]
    fn more_and_better_minutiae_score_higher() {
        assert_eq!(template_quality(&template(0, 50)), 0);
        assert!(template_quality(&template(5, 20)) < 20);
        assert!(template_quality(&template(40, 60)) > 75);
        assert!(template_quality(&template(40, 60)) > template_quality(&template(40, 20)));
    }

    #[test]
    fn stripes_are_clear_and_noise_is_not() {
        let (w, h) = (200, 200);
        let stripes = GreyImage {
            width: w,
            height: h,
            pixels: (0..w * h).map(|i| if (i / w) % 9 < 4 { 40 } else { 210 }).collect(),
        };
        let mut state = 1u32;
        let noise = GreyImage {
            width: w,
            height: h,
            pixels: (0..w * h)
                .map(|_| {
                    state = state.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
                    (state >> 24) as u8
                })
                .collect(),
        };
        assert!(ridge_clarity(&stripes) > 80.0, "{}", ridge_clarity(&stripes));
        assert!(ridge_clarity(&noise) < 20.0, "{}", ridge_clarity(&noise));
    }
}
