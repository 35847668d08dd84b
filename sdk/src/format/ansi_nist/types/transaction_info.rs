//! Type-1: transaction information.

use super::super::error::{AnsiNistError, ErrorKind};
use super::super::record::{Field, TaggedRecord, Transaction};
use super::{optional_number, required};

/// The Type-1 record of a transaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransactionInfo {
    /// 1.002 VER, e.g. `0500` for ANSI/NIST-ITL 1-2011.
    pub version: String,
    /// 1.003 CNT: record type and IDC of every other record, in file order.
    pub content: Vec<(u8, u8)>,
    /// 1.004 TOT, the type of transaction (profile-defined, e.g. `CPS`).
    pub transaction_type: String,
    /// 1.005 DAT, `YYYYMMDD`.
    pub date: String,
    /// 1.006 PRY, 1–9.
    pub priority: Option<u8>,
    /// 1.007 DAI, destination agency.
    pub destination_agency: String,
    /// 1.008 ORI, originating agency.
    pub originating_agency: String,
    /// 1.009 TCN, transaction control number.
    pub control_number: String,
    /// 1.010 TCR, the control number this transaction refers to.
    pub control_reference: Option<String>,
    /// 1.011 NSR, native scanning resolution in pixels per millimetre (`19.69`; `00.00` when
    /// no images).
    pub native_resolution: String,
    /// 1.012 NTR, nominal transmitting resolution.
    pub nominal_resolution: String,
    /// 1.013 DOM, domain name and version, e.g. `("INT-I", "4.22")`.
    pub domain: Option<(String, String)>,
    /// 1.014 GMT, `YYYYMMDDhhmmssZ`.
    pub gmt: Option<String>,
    /// 1.015 DCS: character-set index, name and version, e.g. `(3, "UTF-8", "4.0")`.
    pub character_sets: Vec<(u16, String, String)>,
}

impl TransactionInfo {
    /// Type-1 information for a new 1-2011 (`0500`) transaction at 500 ppi; CNT is filled in
    /// when the transaction is built.
    pub fn new(
        transaction_type: &str,
        date: &str,
        destination_agency: &str,
        originating_agency: &str,
        control_number: &str,
    ) -> Self {
        TransactionInfo {
            version: "0500".into(),
            content: Vec::new(),
            transaction_type: transaction_type.into(),
            date: date.into(),
            priority: None,
            destination_agency: destination_agency.into(),
            originating_agency: originating_agency.into(),
            control_number: control_number.into(),
            control_reference: None,
            native_resolution: "19.69".into(),
            nominal_resolution: "19.69".into(),
            domain: None,
            gmt: None,
            character_sets: Vec::new(),
        }
    }

    /// Reads the Type-1 record of `transaction`.
    pub fn from_transaction(transaction: &Transaction) -> Result<Self, AnsiNistError> {
        let record = transaction.type1().ok_or_else(|| {
            AnsiNistError::at(0, ErrorKind::BadContent { reason: "no Type-1 record first".into() })
        })?;
        Self::from_record(record)
    }

    /// Reads a Type-1 record.
    pub fn from_record(record: &TaggedRecord) -> Result<Self, AnsiNistError> {
        let content_field =
            record.field(3).ok_or_else(|| AnsiNistError::at(0, ErrorKind::MissingField { number: 3 }))?;
        let mut content = Vec::new();
        for items in content_field.items().iter().skip(1) {
            let number = |i: usize| items.get(i).and_then(|t| t.trim().parse::<u8>().ok());
            match (number(0), number(1)) {
                (Some(t), Some(idc)) => content.push((t, idc)),
                _ => {
                    return Err(AnsiNistError::at(
                        0,
                        ErrorKind::BadContent { reason: format!("subfield {items:?}") },
                    )
                    .in_field(1, 3));
                }
            }
        }
        let item_pairs = |number: u16| -> Vec<Vec<String>> {
            record
                .field(number)
                .map(|f| {
                    f.items().into_iter().map(|s| s.into_iter().map(|i| i.into_owned()).collect()).collect()
                })
                .unwrap_or_default()
        };
        let item = |items: &Vec<String>, i: usize| items.get(i).cloned().unwrap_or_default();
        Ok(TransactionInfo {
            version: required(record, 2)?,
            content,
            transaction_type: required(record, 4)?,
            date: required(record, 5)?,
            priority: optional_number(record, 6)?,
            destination_agency: required(record, 7)?,
            originating_agency: required(record, 8)?,
            control_number: required(record, 9)?,
            control_reference: record.text(10).map(|t| t.into_owned()),
            native_resolution: required(record, 11)?,
            nominal_resolution: required(record, 12)?,
            domain: item_pairs(13).first().map(|items| (item(items, 0), item(items, 1))),
            gmt: record.text(14).map(|t| t.into_owned()),
            character_sets: item_pairs(15)
                .iter()
                .map(|items| (item(items, 0).trim().parse().unwrap_or(0), item(items, 1), item(items, 2)))
                .collect(),
        })
    }

    /// The Type-1 record (1.003 left for [`super::super::canonicalise`] to fill in).
    pub fn to_record(&self) -> TaggedRecord {
        let mut record = TaggedRecord::new(1);
        record.set(1, "0");
        record.set(2, self.version.as_str());
        record.set(3, "1\u{1f}0");
        record.set(4, self.transaction_type.as_str());
        record.set(5, self.date.as_str());
        if let Some(priority) = self.priority {
            record.set(6, priority.to_string());
        }
        record.set(7, self.destination_agency.as_str());
        record.set(8, self.originating_agency.as_str());
        record.set(9, self.control_number.as_str());
        if let Some(reference) = &self.control_reference {
            record.set(10, reference.as_str());
        }
        record.set(11, self.native_resolution.as_str());
        record.set(12, self.nominal_resolution.as_str());
        if let Some((name, version)) = &self.domain {
            record.fields.push(Field::from_items(1, 13, &[vec![name.as_str(), version.as_str()]]));
        }
        if let Some(gmt) = &self.gmt {
            record.set(14, gmt.as_str());
        }
        if !self.character_sets.is_empty() {
            let subfields: Vec<Vec<String>> = self
                .character_sets
                .iter()
                .map(|(i, name, version)| vec![format!("{i:03}"), name.clone(), version.clone()])
                .collect();
            record.fields.push(Field::from_items(1, 15, &subfields));
        }
        record
    }
}
