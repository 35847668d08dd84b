//! The versioned table of known renamings of cities, countries and country codes
//! (POLICY SIM-P6, DR Annex II §3.4(c)).

use std::collections::HashMap;

use super::table::{TableError, TableHeader, split_file};
use crate::model::CountryCode;

/// What a line of the renaming table renames.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RenamingKind {
    /// A town or city (compared with places of birth).
    City,
    /// A country name (compared with places of birth written as a country).
    Country,
    /// A country code (compared with nationalities and countries of birth).
    Code,
}

/// Lines of names that one place has had, indexed by name.
#[derive(Debug, Clone)]
pub struct RenamingTable {
    /// The file's header.
    pub header: TableHeader,
    lines_of: HashMap<String, Vec<usize>>,
    kinds: Vec<RenamingKind>,
}

/// The lookup form of a place name: hyphens, dots and apostrophes become spaces, spaces are
/// collapsed.
pub(crate) fn place_key(text: &str) -> String {
    text.chars()
        .map(|c| if matches!(c, '-' | '.' | '\'' | '’' | 'ʼ' | '‘' | ',') { ' ' } else { c })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

impl RenamingTable {
    /// Parses the table; `code:` lines must hold valid country codes.
    pub fn parse(text: &str) -> Result<Self, TableError> {
        let (header, lines) = split_file(text)?;
        let mut lines_of: HashMap<String, Vec<usize>> = HashMap::new();
        let mut kinds = Vec::new();
        for line in &lines {
            let err = |reason: String| TableError { table: header.id.clone(), line: line.number, reason };
            let (kind, names) =
                line.text.split_once(':').ok_or_else(|| err("expected `KIND: NAME | NAME`".into()))?;
            let kind = match kind.trim() {
                "city" => RenamingKind::City,
                "country" => RenamingKind::Country,
                "code" => RenamingKind::Code,
                other => return Err(err(format!("unknown kind {other:?}"))),
            };
            let names: Vec<String> = names.split('|').map(|n| place_key(n.trim())).collect();
            if names.len() < 2 || names.iter().any(String::is_empty) {
                return Err(err("a line needs at least two non-empty names".into()));
            }
            for name in &names {
                if kind == RenamingKind::Code
                    && CountryCode::new(name).map(|c| c.as_str() != name).unwrap_or(true)
                {
                    return Err(err(format!("{name} is not a country code of the data model")));
                }
                let entry = lines_of.entry(name.clone()).or_default();
                if !entry.contains(&kinds.len()) {
                    entry.push(kinds.len());
                }
            }
            kinds.push(kind);
        }
        Ok(RenamingTable { header, lines_of, kinds })
    }

    /// Number of lines.
    pub fn len(&self) -> usize {
        self.kinds.len()
    }

    /// Whether two different lookup keys (see [`place_key`]) name the same place under a
    /// line of one of `kinds`.
    pub fn related(&self, a: &str, b: &str, kinds: &[RenamingKind]) -> bool {
        if a == b {
            return false;
        }
        let (Some(la), Some(lb)) = (self.lines_of.get(a), self.lines_of.get(b)) else {
            return false;
        };
        la.iter().any(|l| lb.contains(l) && kinds.contains(&self.kinds[*l]))
    }

    /// The city and country lines that hold the lookup key `key`.
    pub fn place_lines(&self, key: &str) -> impl Iterator<Item = usize> + '_ {
        self.lines_of
            .get(key)
            .into_iter()
            .flatten()
            .copied()
            .filter(|l| matches!(self.kinds[*l], RenamingKind::City | RenamingKind::Country))
    }

    /// Whether two country codes are related by a `code:` line.
    pub fn codes_related(&self, a: CountryCode, b: CountryCode) -> bool {
        self.related(a.as_str(), b.as_str(), &[RenamingKind::Code])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "table: r\nversion: 1\nsource: s\ncity: KIEV | KYIV\ncity: SANKT-PETERBURG | LENINGRAD\ncode: ANT | CUW\ncode: ANT | SXM\n";

    #[test]
    fn names_on_one_line_are_related() {
        let t = RenamingTable::parse(SAMPLE).unwrap();
        let all = [RenamingKind::City, RenamingKind::Country];
        assert!(t.related("KIEV", "KYIV", &all));
        assert!(t.related(&place_key("SANKT PETERBURG"), "LENINGRAD", &all));
        assert!(!t.related("KIEV", "LENINGRAD", &all));
        assert!(!t.related("KIEV", "KIEV", &all));
        assert!(!t.related("KIEV", "KYIV", &[RenamingKind::Code]));
    }

    #[test]
    fn a_split_code_relates_to_each_successor_but_they_do_not_relate_to_each_other() {
        let t = RenamingTable::parse(SAMPLE).unwrap();
        let code = |c: &str| CountryCode::new(c).unwrap();
        assert!(t.codes_related(code("ANT"), code("CUW")));
        assert!(t.codes_related(code("SXM"), code("ANT")));
        assert!(!t.codes_related(code("CUW"), code("SXM")));
    }

    #[test]
    fn bad_lines_are_refused() {
        let head = "table: r\nversion: 1\nsource: s\n";
        assert!(RenamingTable::parse(&format!("{head}code: ANT | QQQ\n")).is_err());
        assert!(RenamingTable::parse(&format!("{head}town: A | B\n")).is_err());
        assert!(RenamingTable::parse(&format!("{head}city: A\n")).is_err());
    }
}
