//! The curated table of common variant spellings (MOHAMMED / MUHAMMAD / MOHAMED...), part of
//! the "known transliterations" of POLICY SIM-P3.

use std::collections::HashMap;

use super::table::{TableError, TableHeader, split_file};

/// Groups of words that spell the same name, indexed by word.
#[derive(Debug, Clone)]
pub struct VariantTable {
    /// The file's header.
    pub header: TableHeader,
    group_of: HashMap<String, usize>,
    groups: usize,
}

impl VariantTable {
    /// Parses the table; a word listed twice is an error.
    pub fn parse(text: &str) -> Result<Self, TableError> {
        let (header, lines) = split_file(text)?;
        let mut group_of = HashMap::new();
        for (group, line) in lines.iter().enumerate() {
            let err = |reason: String| TableError { table: header.id.clone(), line: line.number, reason };
            let words: Vec<&str> = line.text.split_whitespace().collect();
            if words.len() < 2 {
                return Err(err("a group needs at least two spellings".to_string()));
            }
            for word in words {
                if !word.bytes().all(|b| b.is_ascii_uppercase()) {
                    return Err(err(format!("{word:?} is not A-Z")));
                }
                if group_of.insert(word.to_string(), group).is_some() {
                    return Err(err(format!("{word} is in two groups")));
                }
            }
        }
        Ok(VariantTable { header, group_of, groups: lines.len() })
    }

    /// Number of groups.
    pub fn len(&self) -> usize {
        self.groups
    }

    /// `text` with every word of a group replaced by the group's marker (`#<n>`), or `None`
    /// when no word is in the table.
    pub fn canonical(&self, text: &str) -> Option<String> {
        let mut replaced = false;
        let words: Vec<String> = text
            .split(' ')
            .map(|w| match self.group_of.get(w) {
                Some(g) => {
                    replaced = true;
                    format!("#{g}")
                }
                None => w.to_string(),
            })
            .collect();
        replaced.then(|| words.join(" "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_of_a_group_share_a_marker() {
        let t = VariantTable::parse("table: v\nversion: 1\nsource: s\nYUSUF YOUSSEF\nALI ALY\n").unwrap();
        assert_eq!(t.len(), 2);
        assert_eq!(t.canonical("YUSUF ALI"), t.canonical("YOUSSEF ALY"));
        assert_ne!(t.canonical("YUSUF ALI"), t.canonical("YUSUF OMAR"));
        assert_eq!(t.canonical("OMAR"), None);
    }

    #[test]
    fn a_word_in_two_groups_is_refused() {
        let e = VariantTable::parse("table: v\nversion: 1\nsource: s\nA B\nB C\n").unwrap_err();
        assert_eq!(e.line, 5);
        assert!(VariantTable::parse("table: v\nversion: 1\nsource: s\nLONELY\n").is_err());
        assert!(VariantTable::parse("table: v\nversion: 1\nsource: s\nAb B\n").is_err());
    }
}
