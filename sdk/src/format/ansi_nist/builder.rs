//! Writing a new transaction with Types 1, 2, 9, 10 and 14.

use super::error::{AnsiNistError, ErrorKind, Location};
use super::record::{DATA_FIELD, Field, Record, TaggedRecord, Transaction};
use super::types::{Compression, DescriptiveText, IncitsMinutiae, TransactionInfo};
use super::writer::canonicalise;
use crate::model::{FingerPosition, MinutiaeTemplate};

/// An image to put into a Type-10 or Type-14 record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageInput {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// Resolution in pixels per inch.
    pub resolution_ppi: u32,
    /// How `data` is compressed.
    pub compression: Compression,
    /// The encoded image.
    pub data: Vec<u8>,
}

/// Builds a transaction: Type-1 from a [`TransactionInfo`], then records in the order added.
/// [`TransactionBuilder::build`] fills in 1.003 and returns the canonical form, ready for
/// [`super::write`].
#[derive(Debug, Clone)]
pub struct TransactionBuilder {
    info: TransactionInfo,
    records: Vec<Record>,
}

fn image_fields(record: &mut TaggedRecord, source: &str, date: &str, image: &ImageInput) {
    record.set(4, source);
    record.set(5, date);
    record.set(6, image.width.to_string());
    record.set(7, image.height.to_string());
    record.set(8, "1");
    record.set(9, image.resolution_ppi.to_string());
    record.set(10, image.resolution_ppi.to_string());
    record.set(11, image.compression.code());
}

impl TransactionBuilder {
    /// A builder whose Type-1 record comes from `info` (its `content` is ignored).
    pub fn new(info: TransactionInfo) -> Self {
        TransactionBuilder { info, records: Vec::new() }
    }

    /// Adds a Type-2 record (IDC 0) with the given fields from 2.003 on (see [`Self::build`]
    /// for text that is not ASCII).
    pub fn descriptive_text(mut self, fields: &[(u16, &str)]) -> Self {
        let text =
            DescriptiveText { idc: 0, fields: fields.iter().map(|(n, t)| (*n, t.to_string())).collect() };
        self.records.push(text.to_record());
        self
    }

    /// Adds a Type-9 record with the INCITS 378 block (9.126–9.137) for `template`.
    pub fn minutiae(mut self, idc: u8, position: FingerPosition, template: &MinutiaeTemplate) -> Self {
        self.records.push(IncitsMinutiae::from_template(template, position).to_record(idc, 0));
        self
    }

    /// Adds a Type-10 face record (10.003 `FACE`, colour space `SRGB`, pose `F`).
    pub fn face(mut self, idc: u8, image: &ImageInput) -> Self {
        let mut record = TaggedRecord::new(10);
        record.set(1, "0");
        record.set(2, format!("{idc:02}"));
        record.set(3, "FACE");
        image_fields(&mut record, &self.info.originating_agency, &self.info.date, image);
        record.set(12, "SRGB");
        // SAP 0, "unknown profile": the builder cannot know which capture profile the image
        // conforms to, and claiming one (ISO full frontal, mugshot...) would be a false statement.
        record.set(13, "0");
        record.set(20, "F");
        record.fields.push(Field::new(10, DATA_FIELD, image.data.clone()));
        self.records.push(Record::Tagged(record));
        self
    }

    /// Adds a Type-14 fingerprint image record for `position` (8 bits per pixel).
    pub fn finger_image(
        mut self,
        idc: u8,
        position: FingerPosition,
        impression: u8,
        image: &ImageInput,
    ) -> Self {
        let mut record = TaggedRecord::new(14);
        record.set(1, "0");
        record.set(2, format!("{idc:02}"));
        record.set(3, impression.to_string());
        image_fields(&mut record, &self.info.originating_agency, &self.info.date, image);
        record.set(12, "8");
        record.set(13, position.code().to_string());
        record.fields.push(Field::new(14, DATA_FIELD, image.data.clone()));
        self.records.push(Record::Tagged(record));
        self
    }

    /// The canonical transaction. Text is written as UTF-8 (it comes from `&str`); when any
    /// text outside Type-1 is not ASCII, 1.015 DCS is given a `003 UTF-8` entry unless `info`
    /// already declares one.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Unwritable`], located at the field, when a Type-1 value is not 7-bit ASCII:
    /// the standard allows no other character set there, and 1.015 cannot declare one for the
    /// record that carries it.
    pub fn build(mut self) -> Result<Transaction, AnsiNistError> {
        // ANSI/NIST-ITL 1-2011 text is 7-bit ASCII unless 1.015 declares another character
        // set: undeclared UTF-8 bytes are read as Latin-1 (nistitl does so) or refused. The
        // version item is the one NIST's UTF-8 reference file (type-14-amp-nqm-utf8) writes.
        let non_ascii = self
            .records
            .iter()
            .filter_map(Record::as_tagged)
            .flat_map(|r| &r.fields)
            .any(|f| !f.is_binary() && !f.value.is_ascii());
        if non_ascii && !self.info.character_sets.iter().any(|(index, _, _)| *index == 3) {
            self.info.character_sets.push((3, "UTF-8".into(), "4.0".into()));
        }
        let header = self.info.to_record();
        if let Some(field) = header.fields.iter().find(|f| !f.value.is_ascii()) {
            return Err(AnsiNistError {
                location: Location {
                    offset: 0,
                    record: Some(0),
                    record_type: Some(1),
                    field: Some(field.number),
                },
                kind: ErrorKind::Unwritable { reason: "Type-1 text must be 7-bit ASCII".into() },
            });
        }
        let mut records = vec![Record::Tagged(header)];
        records.extend(self.records);
        Ok(canonicalise(&Transaction { records }))
    }
}

#[cfg(test)]
mod tests {
    use super::super::types::{ImageRecord, MinutiaeRecord};
    use super::super::{read, write};
    use super::*;
    use crate::model::{Minutia, MinutiaKind};

    fn template() -> MinutiaeTemplate {
        let minutiae = (0..30u16)
            .map(|i| Minutia {
                x: 15 + i * 9,
                y: 390 - i * 11,
                direction: f32::from(i) * 23.0,
                kind: if i % 3 == 0 { MinutiaKind::Bifurcation } else { MinutiaKind::RidgeEnding },
                quality: 40 + i as u8,
            })
            .collect();
        MinutiaeTemplate::new(320, 400, 500, minutiae).unwrap()
    }

    /// FMT-NIST: a transaction with Types 1, 2, 9, 10 and 14 is read back by the reader: same
    /// fields, 1.003 listing the records, the typed views returning what was put in (directions to
    /// the 2° unit of 9.137), and a lossless second write.
    #[test]
    fn the_reader_reads_back_every_written_type() {
        let info = TransactionInfo::new("CPS", "20240102", "DE/BKA", "NL/NAFIS", "TCN0001");
        let face = ImageInput {
            width: 4,
            height: 3,
            resolution_ppi: 300,
            compression: Compression::JpegBaseline,
            data: (0..=255).collect(),
        };
        let finger = ImageInput { compression: Compression::Wsq, resolution_ppi: 500, ..face.clone() };
        let position = FingerPosition::new(7).unwrap();
        let built = TransactionBuilder::new(info.clone())
            .descriptive_text(&[(3, "case 42"), (20, "ÄÖÜ")])
            .minutiae(1, position, &template())
            .face(2, &face)
            .finger_image(3, position, 1, &finger)
            .build()
            .unwrap();
        let bytes = write(&built).unwrap();
        let back = read(&bytes).unwrap();
        // The builder leaves LEN to the writer; everything else reads back as built.
        let without_len = |t: &Transaction| -> Vec<Vec<Field>> {
            t.records
                .iter()
                .map(|r| r.as_tagged().unwrap().fields.iter().filter(|f| f.number != 1).cloned().collect())
                .collect()
        };
        assert_eq!(without_len(&back), without_len(&built));
        assert_eq!(write(&back).unwrap(), bytes);
        let read_info = TransactionInfo::from_transaction(&back).unwrap();
        assert_eq!(read_info.content, vec![(2, 0), (9, 1), (10, 2), (14, 3)]);
        // "ÄÖÜ" is not ASCII, so 1.015 declares UTF-8; an ASCII transaction declares nothing.
        assert_eq!(read_info.character_sets, vec![(3, "UTF-8".to_string(), "4.0".to_string())]);
        let ascii =
            TransactionBuilder::new(info.clone()).descriptive_text(&[(3, "case 42")]).build().unwrap();
        assert!(TransactionInfo::from_transaction(&ascii).unwrap().character_sets.is_empty());
        assert_eq!(
            (read_info.transaction_type.as_str(), read_info.control_number.as_str()),
            ("CPS", "TCN0001")
        );
        let text = DescriptiveText::from_record(back.records[1].as_tagged().unwrap()).unwrap();
        assert_eq!(text.fields, vec![(3, "case 42".to_string()), (20, "ÄÖÜ".to_string())]);
        // 9.127 and 9.135 as in NIST's M1 reference files, claiming no compliance and no quality.
        let type_9 = back.records[2].as_tagged().unwrap();
        let value = |n: u16| type_9.fields.iter().find(|f| f.number == n).map(|f| f.value.clone());
        assert_eq!(value(127).as_deref(), Some(&b"NONE\x1f0"[..]));
        assert_eq!(value(135).as_deref(), Some(&b"254\x1f0103\x1f1"[..]));
        let minutiae = MinutiaeRecord::from_record(type_9).unwrap();
        let fingers = minutiae.to_templates(None, 19.69).unwrap();
        assert_eq!((fingers.len(), fingers[0].position, fingers[0].source), (1, position, "9.137"));
        let (original, converted) = (template(), &fingers[0].template);
        assert_eq!((converted.width(), converted.height(), converted.resolution_ppi()), (320, 400, 500));
        for (a, b) in original.minutiae().iter().zip(converted.minutiae()) {
            assert_eq!((a.x, a.y, a.kind, a.quality), (b.x, b.y, b.kind, b.quality));
            let d = (a.direction - b.direction).rem_euclid(360.0);
            assert!(d.min(360.0 - d) <= 1.0 + 1e-3, "{a:?} vs {b:?}");
        }
        for (index, input, record_type) in [(3, &face, 10), (4, &finger, 14)] {
            let image = ImageRecord::from_record(back.records[index].as_tagged().unwrap()).unwrap();
            assert_eq!(image.record_type, record_type);
            assert_eq!((image.width, image.height), (input.width, input.height));
            assert_eq!(image.resolution_ppi(), Some(f64::from(input.resolution_ppi)));
            assert_eq!((&image.compression, image.data), (&input.compression, input.data.as_slice()));
        }
    }

    /// FMT-NIST: Type-1 text that is not 7-bit ASCII is refused at its field, not written as
    /// undeclared UTF-8; a face record claims no capture profile it cannot vouch for (SAP 0).
    #[test]
    fn type_1_text_must_be_ascii_and_faces_claim_no_profile() {
        let info = TransactionInfo::new("CPS", "20240102", "DE/BKA", "NL/NAFIS", "TCN0001");
        let mut accented = info.clone();
        accented.control_number = "TCNÉ01".into();
        let error = TransactionBuilder::new(accented).build().unwrap_err();
        assert!(matches!(error.kind, ErrorKind::Unwritable { .. }), "{error}");
        assert_eq!(
            (error.location.record, error.location.record_type, error.location.field),
            (Some(0), Some(1), Some(9))
        );
        let face = ImageInput {
            width: 2,
            height: 2,
            resolution_ppi: 300,
            compression: Compression::None,
            data: vec![0; 4],
        };
        let built = TransactionBuilder::new(info).face(1, &face).build().unwrap();
        let record = built.records[1].as_tagged().unwrap();
        let sap = record.fields.iter().find(|f| f.number == 13).unwrap();
        assert_eq!(sap.value, b"0");
    }
}
