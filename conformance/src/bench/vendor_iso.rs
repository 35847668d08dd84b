//! The ISO/ANSI path of `bench fingerprint` (issue 14 point 7): the vendor templates shipped
//! beside the FVC2002 images (`F_I.iso`, ISO/IEC 19794-2:2005, read through `format::fmr`)
//! compared by our matcher exactly as our own extraction is, all genuine and impostor pairs of
//! each database.
//!
//! Those records were made from images resized to 300 × 400 without keeping the aspect ratio
//! (the data folder's README), so they are measured twice: as recorded, and with the resize
//! undone (each minutia moved and turned back into the frame of the image at 500 ppi, whose size
//! our own extraction of the same impression gives). The first is what an integrator sending
//! such records gets; the second checks the decoding and matching path on sound geometry.

use jha_interop::matching::fingerprint::{FingerprintTemplate, Probe, compare};
use jha_interop::model::{Minutia, MinutiaeTemplate};

use super::fvc::{Sample, VendorSample};
use super::metrics::{ErrorRates, error_rates};

/// The vendor records' frame: every image was resized to this width and height.
const RESIZED: (f64, f64) = (300.0, 400.0);

/// `vendor` moved from the 300 × 400 frame back to the `width` × `height` frame of the image at
/// 500 ppi: x and y scaled apart, and each direction turned by the same anisotropic scaling.
pub fn undo_resize(vendor: &MinutiaeTemplate, width: u16, height: u16) -> Result<MinutiaeTemplate, String> {
    let (sx, sy) = (f64::from(width) / RESIZED.0, f64::from(height) / RESIZED.1);
    let minutiae = vendor
        .minutiae()
        .iter()
        .map(|m| {
            let theta = f64::from(m.direction).to_radians();
            let turned = (sy * theta.sin()).atan2(sx * theta.cos()).to_degrees().rem_euclid(360.0);
            let x = (f64::from(m.x) * sx).round().clamp(0.0, f64::from(width.saturating_sub(1)));
            let y = (f64::from(m.y) * sy).round().clamp(0.0, f64::from(height.saturating_sub(1)));
            Minutia {
                x: x as u16,
                y: y as u16,
                // 360.0 after rounding would leave [0, 360).
                direction: if turned >= 360.0 { 0.0 } else { turned as f32 },
                ..*m
            }
        })
        .collect();
    MinutiaeTemplate::new(width, height, 500, minutiae).map_err(|e| e.to_string())
}

/// Vendor templates prepared for matching; `None` where a record cannot be compared (too few
/// minutiae), which then scores 0 against everything (a failure to enrol counted as a
/// non-match, never dropped).
pub struct Prepared {
    /// Database, finger and impression of each template.
    pub keys: Vec<(usize, u32, u32)>,
    /// Probe side.
    pub probes: Vec<Option<Probe>>,
    /// Gallery side.
    pub templates: Vec<Option<FingerprintTemplate>>,
}

impl Prepared {
    /// Prepares `templates` (keyed like `vendor`).
    pub fn new(vendor: &[VendorSample], templates: &[MinutiaeTemplate]) -> Prepared {
        Prepared {
            keys: vendor.iter().map(|v| (v.database, v.finger, v.impression)).collect(),
            probes: templates.iter().map(|t| Probe::new(t).ok()).collect(),
            templates: templates.iter().map(|t| FingerprintTemplate::new(t).ok()).collect(),
        }
    }

    /// Templates that could not be prepared.
    pub fn failures(&self) -> usize {
        self.templates.iter().filter(|t| t.is_none()).count()
    }

    /// Raw score of probe `i` against template `j` (0 when either could not be prepared).
    pub fn raw(&self, i: usize, j: usize) -> f64 {
        match (&self.probes[i], &self.templates[j]) {
            (Some(p), Some(t)) => f64::from(compare(p, t).raw),
            _ => 0.0,
        }
    }

    /// Error rates on database `database`: all genuine and impostor unordered pairs.
    pub fn error_rates(&self, database: usize) -> ErrorRates {
        let ids: Vec<usize> = (0..self.keys.len()).filter(|&i| self.keys[i].0 == database).collect();
        let (mut genuine, mut impostor) = (Vec::new(), Vec::new());
        for (k, &i) in ids.iter().enumerate() {
            for &j in &ids[k + 1..] {
                let score = self.raw(i, j);
                if self.keys[i].1 == self.keys[j].1 { genuine.push(score) } else { impostor.push(score) }
            }
        }
        error_rates(&genuine, &impostor)
    }
}

/// The vendor templates with the resize undone, each in the frame of our extraction of the
/// same impression; a vendor record without a matching image is an error.
pub fn resize_undone(vendor: &[VendorSample], samples: &[Sample]) -> Result<Vec<MinutiaeTemplate>, String> {
    vendor
        .iter()
        .map(|v| {
            let ours = samples
                .iter()
                .find(|s| (s.database, s.finger, s.impression) == (v.database, v.finger, v.impression))
                .ok_or_else(|| format!("no image for vendor record {}_{}", v.finger, v.impression))?;
            let t = &ours.extraction.template;
            undo_resize(&v.template, t.width(), t.height())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jha_interop::model::MinutiaKind;

    fn one(x: u16, y: u16, direction: f32) -> MinutiaeTemplate {
        let m = Minutia { x, y, direction, kind: MinutiaKind::RidgeEnding, quality: 0 };
        MinutiaeTemplate::new(300, 400, 500, vec![m]).unwrap()
    }

    #[test]
    fn the_resize_is_undone_on_positions_and_directions() {
        // A 600 x 200 image squeezed into 300 x 400: x doubled back, y halved.
        let back = undo_resize(&one(100, 100, 45.0), 600, 200).unwrap();
        let m = back.minutiae()[0];
        assert_eq!((m.x, m.y), (200, 50));
        // (cos 45, sin 45) scaled by (2, 0.5) points at atan(0.25) = 14.04 degrees.
        assert!((m.direction - 14.036).abs() < 0.01, "{}", m.direction);
        // Axis directions stay on their axis, in [0, 360).
        let m = undo_resize(&one(0, 0, 270.0), 600, 200).unwrap().minutiae()[0];
        assert!((m.direction - 270.0).abs() < 0.01, "{}", m.direction);
        assert_eq!(back.width(), 600);
    }
}
