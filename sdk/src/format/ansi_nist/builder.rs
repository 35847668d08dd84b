//! Writing a new transaction with Types 1, 2, 9, 10 and 14.

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

    /// Adds a Type-2 record (IDC 0) with the given fields from 2.003 on.
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
        record.set(13, "1");
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

    /// The canonical transaction.
    pub fn build(self) -> Transaction {
        let mut records = vec![Record::Tagged(self.info.to_record())];
        records.extend(self.records);
        canonicalise(&Transaction { records })
    }
}
