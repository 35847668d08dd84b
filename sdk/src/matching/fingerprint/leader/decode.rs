//! Reading LEADER's output map into minutiae.
//!
//! The network answers, for every pixel of the padded input, four channels (NHWC, `[1, H, W, 4]`):
//! 0 the position heatmap, 1 the minutia direction in radians (the network's own `atan2`),
//! 2 the type (≥ 0.5 a ridge ending, else a bifurcation) and 3 the position heatmap after
//! Gaussian smoothing and a 7×7 non-maximum suppression: only local maxima are non-zero there,
//! so thresholding channel 3 gives one detection per minutia, and its value is the detection's
//! confidence.

use crate::model::{Minutia, MinutiaKind};

/// Channels per output pixel.
pub(super) const CHANNELS: usize = 4;
const DIRECTION: usize = 1;
const KIND: usize = 2;
const PEAK: usize = 3;

/// Type probability at or above which a detection is a ridge ending.
const ENDING_AT: f32 = 0.5;

/// Which minutiae of the output map are kept.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LeaderSettings {
    /// Channel-3 confidence (0–1) at or above which a peak is a minutia. The package the model
    /// comes from uses 0.55; the network's authors 0.6.
    pub detection_threshold: f32,
    /// At most this many minutiae are kept, the most confident ones.
    pub max_minutiae: usize,
}

impl Default for LeaderSettings {
    /// 0.55 and 150, the settings under which the figures for LEADER were measured.
    fn default() -> Self {
        LeaderSettings { detection_threshold: 0.55, max_minutiae: 150 }
    }
}

/// Where the image lies inside the padded network input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Placement {
    /// Padded input width (the output map's width).
    pub padded_width: usize,
    /// Columns of padding left of the image.
    pub left: usize,
    /// Rows of padding above the image.
    pub top: usize,
    /// Image width.
    pub width: usize,
    /// Image height.
    pub height: usize,
}

/// The minutiae of `output` (the `[1, H, W, 4]` map, row-major) inside the image placed at
/// `placement`, most confident first, at most `settings.max_minutiae`. Positions are in the
/// image's pixel frame (origin top-left); directions are converted from the network's radians
/// to degrees in `[0, 360)`, which are ISO/IEC 19794-2's convention already (counter-clockwise as
/// displayed; checked against MINDTCT on a real print in this module's tests). Returns `None`
/// when `output` is shorter than the placement needs.
pub(super) fn minutiae(
    output: &[f32],
    placement: Placement,
    settings: LeaderSettings,
) -> Option<Vec<Minutia>> {
    let Placement { padded_width, left, top, width, height } = placement;
    let needed = (top + height).checked_mul(padded_width)?.checked_mul(CHANNELS)?;
    if output.len() < needed || left + width > padded_width {
        return None;
    }
    let mut found: Vec<(f32, Minutia)> = Vec::new();
    for y in 0..height {
        let row = ((top + y) * padded_width + left) * CHANNELS;
        for x in 0..width {
            let pixel = &output[row + x * CHANNELS..row + (x + 1) * CHANNELS];
            let confidence = pixel[PEAK];
            // A NaN confidence is not a detection.
            let detected = confidence.is_finite() && confidence >= settings.detection_threshold;
            if !detected || !pixel[DIRECTION].is_finite() {
                continue;
            }
            let mut direction = pixel[DIRECTION].to_degrees().rem_euclid(360.0);
            if direction >= 360.0 {
                // rem_euclid of a tiny negative angle rounds up to 360.
                direction = 0.0;
            }
            let kind =
                if pixel[KIND] >= ENDING_AT { MinutiaKind::RidgeEnding } else { MinutiaKind::Bifurcation };
            let quality = (confidence.min(1.0) * 100.0).round().clamp(1.0, 100.0) as u8;
            // Both coordinates are below the image side, itself at most 4096.
            let minutia = Minutia { x: x as u16, y: y as u16, direction, kind, quality };
            found.push((confidence, minutia));
        }
    }
    // Most confident first; ties in scan order (the sort is stable).
    found.sort_by(|a, b| b.0.total_cmp(&a.0));
    found.truncate(settings.max_minutiae);
    Some(found.into_iter().map(|(_, m)| m).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 6×4 padded map holding a 4×2 image at (1, 1), with peaks written at given pixels.
    fn map(peaks: &[(usize, usize, [f32; 4])]) -> (Vec<f32>, Placement) {
        let placement = Placement { padded_width: 6, left: 1, top: 1, width: 4, height: 2 };
        let mut output = vec![0.0; 6 * 4 * CHANNELS];
        for &(x, y, channels) in peaks {
            let at = (y * 6 + x) * CHANNELS;
            output[at..at + CHANNELS].copy_from_slice(&channels);
        }
        (output, placement)
    }

    #[test]
    fn peaks_inside_the_image_become_minutiae_in_its_frame_most_confident_first() {
        let half_pi = std::f32::consts::FRAC_PI_2;
        let (output, placement) = map(&[
            (1, 1, [0.9, 0.0, 0.9, 0.6]),       // image (0, 0), east, ending
            (4, 2, [0.9, half_pi, 0.1, 0.95]),  // image (3, 1), 90°, bifurcation
            (2, 2, [0.9, -half_pi, 0.9, 0.54]), // below the threshold
            (0, 0, [0.9, 0.0, 0.9, 0.99]),      // in the padding
            (5, 3, [0.9, 0.0, 0.9, 0.99]),      // in the padding
        ]);
        let found = minutiae(&output, placement, LeaderSettings::default()).unwrap();
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(
            (found[0].x, found[0].y, found[0].kind, found[0].quality),
            (3, 1, MinutiaKind::Bifurcation, 95)
        );
        assert!((found[0].direction - 90.0).abs() < 1e-3);
        assert_eq!(
            (found[1].x, found[1].y, found[1].kind, found[1].quality),
            (0, 0, MinutiaKind::RidgeEnding, 60)
        );
        assert_eq!(found[1].direction, 0.0);
    }

    #[test]
    fn negative_angles_wrap_into_0_360_and_the_cap_keeps_the_most_confident() {
        let (output, placement) = map(&[
            (1, 1, [0.9, -std::f32::consts::FRAC_PI_2, 0.9, 0.7]),
            (2, 1, [0.9, -1e-9, 0.9, 0.8]),
            (3, 1, [0.9, f32::NAN, 0.9, 0.9]),
            (4, 1, [0.9, 0.0, 0.9, f32::NAN]),
        ]);
        let settings = LeaderSettings { detection_threshold: 0.55, max_minutiae: 1 };
        let found = minutiae(&output, placement, settings).unwrap();
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].x, found[0].direction), (1, 0.0));
        let all = minutiae(&output, placement, LeaderSettings::default()).unwrap();
        assert_eq!(all.len(), 2);
        assert!((all[1].direction - 270.0).abs() < 1e-3, "{all:?}");
    }

    #[test]
    fn a_map_too_small_for_the_placement_is_refused() {
        let (output, placement) = map(&[]);
        assert!(minutiae(&output[..2 * 6 * CHANNELS], placement, LeaderSettings::default()).is_none());
        let wider = Placement { left: 3, ..placement };
        assert!(minutiae(&output, wider, LeaderSettings::default()).is_none());
    }
}
