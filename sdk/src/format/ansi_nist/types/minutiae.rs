//! Type-9: minutiae. Two encodings matter for the EU exchanges and the matcher:
//!
//! * the legacy "NIST standard" block 9.005–9.012 (still written by NBIS MINDTCT): 9.012 MRC
//!   has one subfield per minutia, `index ␟ XXXXYYYYTTT ␟ quality ␟ type ␟ ridge counts…`, with
//!   X/Y in 0.01 mm from the **bottom-left** corner and θ in degrees in the **NIST direction**
//!   (180° from the ISO/INCITS direction);
//! * the INCITS 378 block 9.126–9.150: 9.137 FMD has `index ␟ x ␟ y ␟ angle ␟ type ␟ quality`
//!   in pixels from the **top-left** corner, the angle in 2° units in the ISO/INCITS direction.
//!
//! [`MinutiaeRecord::to_templates`] converts both into the model's ISO/IEC 19794-2 convention
//! (origin top-left, y down, direction counter-clockwise as displayed). The legacy mapping is
//! `x = X·ppmm`, `y = H − Y·ppmm`, `θ = (T + 180) mod 360`: checked on NIST's reference files
//! that encode the same fingers both ways (`type-9-14-std` / `type-9-14-m1`, `type-9-13-std` /
//! `type-9-13-m1`, and `type-9-13-9-14-m1`), whose stored θ and 9.137 angles differ by 180° for
//! every minutia. Matching cannot check the half turn (it compares relative angles); those
//! files can.

use super::super::error::{AnsiNistError, ErrorKind};
use super::super::record::{Field, Record, TaggedRecord};
use super::{bad_value, optional_number, required_number};
use crate::model::{FingerPosition, Minutia, MinutiaKind, MinutiaeTemplate};

/// The image a minutiae set was extracted from: size and resolution.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ImageGeometry {
    /// Width in pixels.
    pub width: u16,
    /// Height in pixels.
    pub height: u16,
    /// Resolution in pixels per millimetre (19.69 ≈ 500 ppi).
    pub pixels_per_mm: f64,
}

/// One minutia of 9.012.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LegacyMinutia {
    /// Index (first item).
    pub index: u16,
    /// X in units of 0.01 mm from the left edge.
    pub x: u32,
    /// Y in units of 0.01 mm from the bottom edge.
    pub y: u32,
    /// θ in degrees, NIST direction.
    pub theta: u16,
    /// Quality: 0 manually encoded, 1 none, 2 (best) – 63 (worst).
    pub quality: u8,
    /// Type: `A` ridge ending, `B` bifurcation, `C` compound, `D` undetermined.
    pub kind: char,
    /// Ridge counts as (neighbour index, count).
    pub ridge_counts: Vec<(u16, u8)>,
}

/// The legacy block 9.005–9.012.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LegacyMinutiae {
    /// 9.005 OFR originating system items.
    pub originating_system: Vec<String>,
    /// 9.006 FGP finger positions.
    pub finger_positions: Vec<u8>,
    /// 9.008 CRP cores as (X, Y) in 0.01 mm.
    pub cores: Vec<(u32, u32)>,
    /// 9.009 DLT deltas as (X, Y) in 0.01 mm.
    pub deltas: Vec<(u32, u32)>,
    /// 9.012 MRC minutiae.
    pub minutiae: Vec<LegacyMinutia>,
}

/// One minutia of 9.137.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncitsMinutia {
    /// Index.
    pub index: u16,
    /// X in pixels from the left edge.
    pub x: u16,
    /// Y in pixels from the top edge.
    pub y: u16,
    /// Angle in 2° units (0–179), ISO/INCITS direction.
    pub angle: u8,
    /// Type: 0 other, 1 ridge ending, 2 bifurcation.
    pub kind: u8,
    /// Quality 1–100, 0 not reported.
    pub quality: u8,
}

/// The INCITS 378 block 9.126–9.150.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncitsMinutiae {
    /// 9.128 HLL image width in pixels.
    pub width: u16,
    /// 9.129 VLL image height in pixels.
    pub height: u16,
    /// 9.130 SLC: 1 pixels per inch, 2 pixels per centimetre.
    pub scale_units: u8,
    /// 9.131 THPS horizontal pixel scale.
    pub horizontal_scale: u16,
    /// 9.132 TVPS vertical pixel scale.
    pub vertical_scale: u16,
    /// 9.133 FVW finger view.
    pub view: Option<u8>,
    /// 9.134 FGP finger position.
    pub finger_position: u8,
    /// 9.137 FMD minutiae.
    pub minutiae: Vec<IncitsMinutia>,
}

/// A Type-9 record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MinutiaeRecord {
    /// 9.002 IDC.
    pub idc: u8,
    /// 9.003 IMP impression type.
    pub impression: Option<u8>,
    /// 9.004 FMT: `S` when the legacy block is present, `U` otherwise.
    pub format: String,
    /// The legacy block, when 9.012 is present.
    pub legacy: Option<LegacyMinutiae>,
    /// The INCITS 378 block, when 9.137 is present.
    pub incits: Option<IncitsMinutiae>,
}

/// Minutiae of one finger converted to the model, with where they came from.
#[derive(Debug, Clone, PartialEq)]
pub struct FingerMinutiae {
    /// IDC of the Type-9 record.
    pub idc: u8,
    /// The finger.
    pub position: FingerPosition,
    /// `"9.012"` (legacy) or `"9.137"` (INCITS 378).
    pub source: &'static str,
    /// Whether the image size came from the minutiae themselves (no image record, no
    /// INCITS size): positions and directions are exact, the frame is the smallest that holds
    /// them.
    pub derived_geometry: bool,
    /// The minutiae in ISO/IEC 19794-2 conventions.
    pub template: MinutiaeTemplate,
}

fn number_item<T: std::str::FromStr>(
    record: &TaggedRecord,
    number: u16,
    item: &str,
) -> Result<T, AnsiNistError> {
    item.trim().parse().map_err(|_| bad_value(record, number, format!("{item:?} is not a number")))
}

fn first_items(field: Option<&Field>) -> Vec<String> {
    field
        .map(|f| f.items().into_iter().filter_map(|s| s.into_iter().next().map(|i| i.into_owned())).collect())
        .unwrap_or_default()
}

fn xy_points(record: &TaggedRecord, number: u16) -> Result<Vec<(u32, u32)>, AnsiNistError> {
    first_items(record.field(number))
        .iter()
        .filter(|s| !s.trim().is_empty())
        .map(|s| {
            let digits = s.trim();
            match (
                digits.len(),
                digits.get(..4).and_then(|x| x.parse().ok()),
                digits.get(4..8).and_then(|y| y.parse().ok()),
            ) {
                (8, Some(x), Some(y)) => Ok((x, y)),
                _ => Err(bad_value(record, number, format!("{s:?} is not XXXXYYYY"))),
            }
        })
        .collect()
}

fn legacy_block(record: &TaggedRecord) -> Result<Option<LegacyMinutiae>, AnsiNistError> {
    let Some(field) = record.field(12) else { return Ok(None) };
    let mut minutiae = Vec::new();
    for items in field.items() {
        if items.iter().all(|i| i.trim().is_empty()) {
            continue;
        }
        let item = |i: usize| items.get(i).map(|s| s.trim()).unwrap_or("");
        let xyt = item(1);
        if xyt.len() != 11 || !xyt.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad_value(record, 12, format!("minutia {}: {xyt:?} is not XXXXYYYYTTT", item(0))));
        }
        let part = |r: std::ops::Range<usize>| xyt.get(r).and_then(|p| p.parse::<u32>().ok()).unwrap_or(0);
        let ridge_counts = items
            .iter()
            .skip(4)
            .filter(|s| !s.trim().is_empty())
            .map(|s| {
                let (n, c) = s.trim().split_once(',').unwrap_or(("", ""));
                match (n.parse(), c.parse()) {
                    (Ok(n), Ok(c)) => Ok((n, c)),
                    _ => Err(bad_value(record, 12, format!("ridge count {s:?} is not nbr,count"))),
                }
            })
            .collect::<Result<_, _>>()?;
        minutiae.push(LegacyMinutia {
            index: number_item(record, 12, item(0))?,
            x: part(0..4),
            y: part(4..8),
            theta: u16::try_from(part(8..11)).unwrap_or(0),
            quality: if item(2).is_empty() { 1 } else { number_item(record, 12, item(2))? },
            kind: item(3).chars().next().unwrap_or('D'),
            ridge_counts,
        });
    }
    Ok(Some(LegacyMinutiae {
        originating_system: record
            .field(5)
            .map(|f| f.items().into_iter().flatten().map(|i| i.into_owned()).collect())
            .unwrap_or_default(),
        finger_positions: first_items(record.field(6))
            .iter()
            .map(|p| number_item(record, 6, p))
            .collect::<Result<_, _>>()?,
        cores: xy_points(record, 8)?,
        deltas: xy_points(record, 9)?,
        minutiae,
    }))
}

fn incits_block(record: &TaggedRecord) -> Result<Option<IncitsMinutiae>, AnsiNistError> {
    let Some(field) = record.field(137) else { return Ok(None) };
    let mut minutiae = Vec::new();
    for items in field.items() {
        if items.iter().all(|i| i.trim().is_empty()) {
            continue;
        }
        let value = |i: usize| -> Result<u16, AnsiNistError> {
            number_item(record, 137, items.get(i).map(|s| s.as_ref()).unwrap_or(""))
        };
        let byte = |i: usize| -> Result<u8, AnsiNistError> {
            u8::try_from(value(i)?)
                .map_err(|_| bad_value(record, 137, format!("item {} of {items:?} exceeds 255", i + 1)))
        };
        minutiae.push(IncitsMinutia {
            index: value(0)?,
            x: value(1)?,
            y: value(2)?,
            angle: byte(3)?,
            kind: byte(4)?,
            quality: byte(5).unwrap_or(0),
        });
    }
    Ok(Some(IncitsMinutiae {
        width: required_number(record, 128)?,
        height: required_number(record, 129)?,
        scale_units: required_number(record, 130)?,
        horizontal_scale: required_number(record, 131)?,
        vertical_scale: required_number(record, 132)?,
        view: optional_number(record, 133)?,
        finger_position: required_number(record, 134)?,
        minutiae,
    }))
}

impl MinutiaeRecord {
    /// Reads a Type-9 record.
    pub fn from_record(record: &TaggedRecord) -> Result<Self, AnsiNistError> {
        if record.record_type != 9 {
            return Err(AnsiNistError::at(0, ErrorKind::BadValue { reason: "not a Type-9 record".into() }));
        }
        Ok(MinutiaeRecord {
            idc: required_number(record, 2)?,
            impression: optional_number(record, 3)?,
            format: record.text(4).map(|t| t.trim().to_string()).unwrap_or_default(),
            legacy: legacy_block(record)?,
            incits: incits_block(record)?,
        })
    }

    /// The minutiae of each single finger (positions 1–10) in the model's ISO conventions:
    /// the INCITS block when present (pixels and size are given), else the legacy block.
    /// `geometry` is the size and resolution of the image record with the same IDC, needed to
    /// flip the legacy y axis; without it the frame is derived from the minutiae (see
    /// [`FingerMinutiae::derived_geometry`]) at `fallback_ppmm`. Unknown or multi-finger
    /// positions give no template.
    pub fn to_templates(
        &self,
        geometry: Option<ImageGeometry>,
        fallback_ppmm: f64,
    ) -> Result<Vec<FingerMinutiae>, AnsiNistError> {
        let mut out = Vec::new();
        if let Some(block) = &self.incits {
            if let Ok(position) = FingerPosition::new(block.finger_position) {
                out.push(FingerMinutiae {
                    idc: self.idc,
                    position,
                    source: "9.137",
                    derived_geometry: false,
                    template: block.to_template()?,
                });
            }
            return Ok(out);
        }
        if let Some(block) = &self.legacy {
            let single: Vec<FingerPosition> =
                block.finger_positions.iter().filter_map(|&p| FingerPosition::new(p).ok()).collect();
            if let ([position], 1) = (single.as_slice(), block.finger_positions.len()) {
                let (geometry, derived) = match geometry {
                    Some(g) => (g, false),
                    None => (block.derived_geometry(fallback_ppmm)?, true),
                };
                out.push(FingerMinutiae {
                    idc: self.idc,
                    position: *position,
                    source: "9.012",
                    derived_geometry: derived,
                    template: block.to_template(geometry)?,
                });
            }
        }
        Ok(out)
    }
}

fn model_error(number: u16, e: crate::model::ModelError) -> AnsiNistError {
    AnsiNistError::at(0, ErrorKind::BadValue { reason: e.to_string() }).in_field(9, number)
}

impl LegacyMinutiae {
    /// The smallest frame holding every minutia, core and delta, at `pixels_per_mm`.
    pub fn derived_geometry(&self, pixels_per_mm: f64) -> Result<ImageGeometry, AnsiNistError> {
        let points = self
            .minutiae
            .iter()
            .map(|m| (m.x, m.y))
            .chain(self.cores.iter().copied())
            .chain(self.deltas.iter().copied());
        let (mut max_x, mut max_y) = (0u32, 0u32);
        for (x, y) in points {
            max_x = max_x.max(x);
            max_y = max_y.max(y);
        }
        let pixels = |units: u32| -> Result<u16, AnsiNistError> {
            let value = (f64::from(units) / 100.0 * pixels_per_mm).round() + 1.0;
            if value.is_finite() && (1.0..=4096.0).contains(&value) {
                Ok(value as u16)
            } else {
                Err(AnsiNistError::at(
                    0,
                    ErrorKind::BadValue { reason: format!("derived image size {value} px") },
                )
                .in_field(9, 12))
            }
        };
        Ok(ImageGeometry { width: pixels(max_x)?, height: pixels(max_y)?, pixels_per_mm })
    }

    /// Converts to the model: `x = X·ppmm`, `y = H − Y·ppmm` (clamped into the image on
    /// rounding), `θ = (T + 180) mod 360`; quality 0 (manual) → 100, 1 (none) → 0,
    /// 2–63 → 100–1.
    pub fn to_template(&self, geometry: ImageGeometry) -> Result<MinutiaeTemplate, AnsiNistError> {
        let ppmm = geometry.pixels_per_mm;
        let height = f64::from(geometry.height);
        let mut minutiae = Vec::with_capacity(self.minutiae.len());
        for m in &self.minutiae {
            let x = (f64::from(m.x) / 100.0 * ppmm).round();
            let y = (height - (f64::from(m.y) / 100.0 * ppmm).round()).min(height - 1.0);
            if !(0.0..=f64::from(u16::MAX)).contains(&x) || !(0.0..=f64::from(u16::MAX)).contains(&y) {
                return Err(AnsiNistError::at(
                    0,
                    ErrorKind::BadValue {
                        reason: format!(
                            "minutia {} lies outside the {} px high image",
                            m.index, geometry.height
                        ),
                    },
                )
                .in_field(9, 12));
            }
            let quality = match m.quality {
                0 => 100,
                1 => 0,
                q => {
                    let q = f64::from(q.min(63));
                    (100.0 - (q - 2.0) * 99.0 / 61.0).round() as u8
                }
            };
            minutiae.push(Minutia {
                x: x as u16,
                y: y as u16,
                direction: ((u32::from(m.theta) + 180) % 360) as f32,
                kind: match m.kind {
                    'A' => MinutiaKind::RidgeEnding,
                    'B' => MinutiaKind::Bifurcation,
                    _ => MinutiaKind::Other,
                },
                quality,
            });
        }
        let ppi = (ppmm * 25.4).round();
        let ppi = if ppi.is_finite() && (0.0..=f64::from(u16::MAX)).contains(&ppi) { ppi as u16 } else { 0 };
        MinutiaeTemplate::new(geometry.width, geometry.height, ppi, minutiae).map_err(|e| model_error(12, e))
    }
}

impl IncitsMinutiae {
    /// Resolution in pixels per inch (9.130/9.131).
    pub fn resolution_ppi(&self) -> u16 {
        match self.scale_units {
            2 => (f64::from(self.horizontal_scale) * 2.54).round() as u16,
            _ => self.horizontal_scale,
        }
    }

    /// Converts to the model: pixels and the ISO direction are kept, the angle goes from 2°
    /// units to degrees; quality above 100 counts as not reported.
    pub fn to_template(&self) -> Result<MinutiaeTemplate, AnsiNistError> {
        let minutiae = self
            .minutiae
            .iter()
            .map(|m| Minutia {
                x: m.x,
                y: m.y,
                direction: f32::from(m.angle) * 2.0,
                kind: match m.kind {
                    1 => MinutiaKind::RidgeEnding,
                    2 => MinutiaKind::Bifurcation,
                    _ => MinutiaKind::Other,
                },
                quality: if m.quality > 100 { 0 } else { m.quality },
            })
            .collect();
        MinutiaeTemplate::new(self.width, self.height, self.resolution_ppi(), minutiae)
            .map_err(|e| model_error(137, e))
    }

    /// A Type-9 record holding this block (9.126–9.137, with 9.127 and 9.135 saying that no
    /// compliance and no finger quality are claimed) for `idc`, with FMT `U`.
    pub fn to_record(&self, idc: u8, impression: u8) -> Record {
        let mut record = TaggedRecord::new(9);
        record.set(1, "0");
        record.set(2, format!("{idc:02}"));
        record.set(3, impression.to_string());
        record.set(4, "U");
        // CBEFF format owner 27 (INCITS Technical Committee M1), format type 513 (0x0201).
        record.fields.push(Field::from_items(9, 126, &[vec!["27", "513", "0"]]));
        // 9.127 and 9.135 are present in every INCITS block of NIST's reference files. A
        // template carries neither capture equipment nor finger quality, so we claim no Appendix F
        // compliance (`NONE`, equipment 0) and no quality: 254 "not computed", with IBIA's
        // placeholders for an unknown organisation (0x0103) and quality algorithm (0x0001).
        record.fields.push(Field::from_items(9, 127, &[vec!["NONE", "0"]]));
        record.set(128, self.width.to_string());
        record.set(129, self.height.to_string());
        record.set(130, self.scale_units.to_string());
        record.set(131, self.horizontal_scale.to_string());
        record.set(132, self.vertical_scale.to_string());
        record.set(133, self.view.unwrap_or(0).to_string());
        record.set(134, format!("{:02}", self.finger_position));
        record.fields.push(Field::from_items(9, 135, &[vec!["254", "0103", "1"]]));
        record.set(136, self.minutiae.len().to_string());
        let subfields: Vec<Vec<String>> = self
            .minutiae
            .iter()
            .map(|m| {
                vec![
                    format!("{:03}", m.index),
                    m.x.to_string(),
                    m.y.to_string(),
                    m.angle.to_string(),
                    m.kind.to_string(),
                    m.quality.to_string(),
                ]
            })
            .collect();
        if !subfields.is_empty() {
            record.fields.push(Field::from_items(9, 137, &subfields));
        }
        Record::Tagged(record)
    }

    /// The block for `template` of finger `position`: pixels kept, direction rounded to 2°
    /// units, resolution in pixels per centimetre.
    pub fn from_template(template: &MinutiaeTemplate, position: FingerPosition) -> Self {
        IncitsMinutiae {
            width: template.width(),
            height: template.height(),
            scale_units: 2,
            horizontal_scale: (f64::from(template.resolution_ppi()) / 2.54).round() as u16,
            vertical_scale: (f64::from(template.resolution_ppi()) / 2.54).round() as u16,
            view: Some(0),
            finger_position: position.code(),
            minutiae: template
                .minutiae()
                .iter()
                .enumerate()
                .map(|(i, m)| IncitsMinutia {
                    index: u16::try_from(i + 1).unwrap_or(u16::MAX),
                    x: m.x,
                    y: m.y,
                    angle: ((f64::from(m.direction) / 2.0).round() as u16 % 180) as u8,
                    kind: match m.kind {
                        MinutiaKind::RidgeEnding => 1,
                        MinutiaKind::Bifurcation => 2,
                        MinutiaKind::Other => 0,
                    },
                    quality: m.quality,
                })
                .collect(),
        }
    }
}
