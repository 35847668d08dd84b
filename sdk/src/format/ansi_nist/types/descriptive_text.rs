//! Type-2: user-defined descriptive text. Only 2.001 and 2.002 are standardised; the EU
//! profiles (Prüm, SIS, VIS, Eurodac) define the rest.

use super::super::error::AnsiNistError;
use super::super::record::{Record, TaggedRecord};
use super::required_number;

/// A Type-2 record: its IDC and every other field as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DescriptiveText {
    /// 2.002 IDC.
    pub idc: u8,
    /// Fields from 2.003 on, as (number, text with separators kept).
    pub fields: Vec<(u16, String)>,
}

impl DescriptiveText {
    /// Reads a Type-2 record.
    pub fn from_record(record: &TaggedRecord) -> Result<Self, AnsiNistError> {
        Ok(DescriptiveText {
            idc: required_number(record, 2)?,
            fields: record
                .fields
                .iter()
                .filter(|f| f.number > 2)
                .map(|f| (f.number, f.text().into_owned()))
                .collect(),
        })
    }

    /// The record.
    pub fn to_record(&self) -> Record {
        let mut record = TaggedRecord::new(2);
        record.set(1, "0");
        record.set(2, format!("{:02}", self.idc));
        for (number, text) in &self.fields {
            record.set(*number, text.as_str());
        }
        Record::Tagged(record)
    }
}
