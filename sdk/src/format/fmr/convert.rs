//! Between records and the model's [`MinutiaeTemplate`].
//!
//! Both use ISO/IEC 19794-2 geometry (pixels, origin top-left, y down) and the same direction
//! convention, so the conversion only changes the angle unit: 360/256° for ISO, 2° for ANSI,
//! and the resolution from pixels per centimetre to pixels per inch.

use super::{BlockLength, FingerMinutiaeRecord, FingerView, FmrError, RecordMinutia, RecordStandard};
use crate::model::{FingerPosition, Minutia, MinutiaKind, MinutiaeTemplate};

/// The first finger view of `record` as a model template.
pub fn to_template(record: &FingerMinutiaeRecord) -> Result<MinutiaeTemplate, FmrError> {
    let view =
        record.views.first().ok_or_else(|| FmrError::Model("the record holds no finger view".into()))?;
    to_template_of_view(record.standard, view)
}

/// One view as a model template: direction = angle × unit, kind from the type bits, quality
/// kept when 1–100 (0 and ANSI's 254/255 mean not reported), resolution rounded to ppi.
pub fn to_template_of_view(
    standard: RecordStandard,
    view: &FingerView,
) -> Result<MinutiaeTemplate, FmrError> {
    let unit = standard.degrees_per_angle_unit();
    let minutiae = view
        .minutiae
        .iter()
        .map(|m| Minutia {
            x: m.x,
            y: m.y,
            direction: (f64::from(m.angle) * unit) as f32,
            kind: match m.kind {
                1 => MinutiaKind::RidgeEnding,
                2 => MinutiaKind::Bifurcation,
                _ => MinutiaKind::Other,
            },
            quality: m.quality.filter(|q| *q <= 100).unwrap_or(0),
        })
        .collect();
    let ppi = (f64::from(view.resolution_x) * 2.54).round();
    let ppi = if (0.0..=f64::from(u16::MAX)).contains(&ppi) { ppi as u16 } else { 0 };
    MinutiaeTemplate::new(view.width, view.height, ppi, minutiae)
        .map_err(|e| FmrError::Model(format!("view of finger {}: {e}", view.position)))
}

/// A one-view record of `standard` (ISO 2005 or ANSI 2004) holding `template` for `position`:
/// angles rounded to the standard's unit, resolution in pixels per centimetre.
pub fn from_template(
    template: &MinutiaeTemplate,
    position: Option<FingerPosition>,
    standard: RecordStandard,
) -> Result<FingerMinutiaeRecord, FmrError> {
    let unit = standard.degrees_per_angle_unit();
    let steps = (360.0 / unit).round() as u32;
    let ppcm = (f64::from(template.resolution_ppi()) / 2.54).round() as u16;
    let minutiae = template
        .minutiae()
        .iter()
        .map(|m| RecordMinutia {
            kind: match m.kind {
                MinutiaKind::RidgeEnding => 1,
                MinutiaKind::Bifurcation => 2,
                MinutiaKind::Other => 0,
            },
            x: m.x,
            y: m.y,
            angle: ((f64::from(m.direction) / unit).round() as u32 % steps) as u8,
            quality: Some(m.quality),
        })
        .collect();
    Ok(FingerMinutiaeRecord {
        standard,
        product: (standard == RecordStandard::Ansi378_2004).then_some((0, 0)),
        sensor_certified: false,
        sensor_id: 0,
        views: vec![FingerView {
            position: position.map_or(0, FingerPosition::code),
            view: 0,
            impression: 0,
            quality: 0,
            width: template.width(),
            height: template.height(),
            resolution_x: ppcm,
            resolution_y: ppcm,
            quality_algorithm: None,
            iso2011: None,
            minutiae,
            extensions: Vec::new(),
            block_length: BlockLength::IncludesHeader,
        }],
        warnings: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::super::{decode, encode};
    use super::*;

    fn template() -> MinutiaeTemplate {
        let minutiae = (0..40u16)
            .map(|i| Minutia {
                x: 10 + i * 7,
                y: 400 - i * 9,
                direction: f32::from(i) * 9.1,
                kind: [MinutiaKind::RidgeEnding, MinutiaKind::Bifurcation, MinutiaKind::Other]
                    [usize::from(i % 3)],
                quality: (i * 2) as u8,
            })
            .collect();
        MinutiaeTemplate::new(300, 420, 500, minutiae).unwrap()
    }

    /// FMT-FMR: model → record → bytes → record → model keeps positions, kinds and qualities,
    /// and directions within half the standard's angle unit.
    #[test]
    fn round_trips_through_both_writable_standards() {
        let original = template();
        for standard in [RecordStandard::Iso19794_2_2005, RecordStandard::Ansi378_2004] {
            let record = from_template(&original, FingerPosition::new(7).ok(), standard).unwrap();
            let bytes = encode(&record).unwrap();
            let back = decode(&bytes).unwrap();
            assert_eq!(back.standard, standard);
            assert_eq!(back.views[0].position, 7);
            let converted = to_template(&back).unwrap();
            assert_eq!((converted.width(), converted.height(), converted.resolution_ppi()), (300, 420, 500));
            let half_unit = (standard.degrees_per_angle_unit() / 2.0) as f32 + 1e-3;
            for (a, b) in original.minutiae().iter().zip(converted.minutiae()) {
                assert_eq!((a.x, a.y, a.kind, a.quality), (b.x, b.y, b.kind, b.quality));
                let d = (a.direction - b.direction).rem_euclid(360.0);
                assert!(d.min(360.0 - d) <= half_unit, "{standard:?}: {a:?} vs {b:?}");
            }
        }
    }

    /// FMT-FMR: truncated and malformed records give typed errors with offsets.
    #[test]
    fn hostile_records_give_typed_errors() {
        let record = from_template(&template(), None, RecordStandard::Iso19794_2_2005).unwrap();
        let bytes = encode(&record).unwrap();
        for cut in [0, 3, 8, 20, 27, 100, bytes.len() - 1] {
            assert!(decode(&bytes[..cut]).is_err(), "cut at {cut}");
        }
        assert!(matches!(decode(b"XYZ\0 20\0"), Err(FmrError::Unsupported { offset: 0, .. })));
        assert!(matches!(decode(b"FMR\0 99\0"), Err(FmrError::Unsupported { offset: 4, .. })));
        let mut bad_extension = bytes.clone();
        let n = bad_extension.len();
        bad_extension[n - 2..].copy_from_slice(&[0, 9]);
        assert!(decode(&bad_extension).is_err());
        let mut empty = record.clone();
        empty.views.clear();
        assert!(to_template(&empty).is_err());
    }
}
