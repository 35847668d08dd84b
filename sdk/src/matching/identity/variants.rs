//! The curated table of common variant spellings (MOHAMMED / MUHAMMAD / MOHAMED...), part of
//! the "known transliterations" of POLICY SIM-P3. Each group names the script its name is
//! written in: a variant spelling is a transliteration of one name from that script, never a
//! nickname or a translation (POLICY SIM-P3, catalogue version 2).

use std::collections::HashMap;

use super::script;
use super::table::{TableError, TableHeader, split_file};

/// Groups of words that spell the same name, indexed by word.
#[derive(Debug, Clone)]
pub struct VariantTable {
    /// The file's header.
    pub header: TableHeader,
    group_of: HashMap<String, usize>,
    scripts: Vec<String>,
}

impl VariantTable {
    /// Parses the table: lines `<script>: WORD WORD...`. A group without a source script, with
    /// a script the comparison does not know or with the Latin script (a variant spelling
    /// transliterates from another script), and a word listed twice are errors.
    pub fn parse(text: &str) -> Result<Self, TableError> {
        let (header, lines) = split_file(text)?;
        let mut group_of = HashMap::new();
        let mut scripts = Vec::new();
        for (group, line) in lines.iter().enumerate() {
            let err = |reason: String| TableError { table: header.id.clone(), line: line.number, reason };
            let Some((source, words)) = line.text.split_once(':') else {
                return Err(err("a group starts with its source script, e.g. `arabic:`".to_string()));
            };
            let source = source.trim();
            if source == "latin" || script::by_name(source).is_none() {
                return Err(err(format!("{source:?} is not a source script of transliteration")));
            }
            scripts.push(source.to_string());
            let words: Vec<&str> = words.split_whitespace().collect();
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
        Ok(VariantTable { header, group_of, scripts })
    }

    /// Number of groups.
    pub fn len(&self) -> usize {
        self.scripts.len()
    }

    /// The source script of the group `word` belongs to, if any.
    #[cfg(test)]
    pub fn script_of(&self, word: &str) -> Option<&str> {
        self.group_of.get(word).map(|g| self.scripts[*g].as_str())
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
        let t =
            VariantTable::parse("table: v\nversion: 1\nsource: s\narabic: YUSUF YOUSSEF\narabic: ALI ALY\n")
                .unwrap();
        assert_eq!(t.len(), 2);
        assert_eq!(t.script_of("ALY"), Some("arabic"));
        assert_eq!(t.script_of("OMAR"), None);
        assert_eq!(t.canonical("YUSUF ALI"), t.canonical("YOUSSEF ALY"));
        assert_ne!(t.canonical("YUSUF ALI"), t.canonical("YUSUF OMAR"));
        assert_eq!(t.canonical("OMAR"), None);
    }

    #[test]
    fn a_word_in_two_groups_is_refused() {
        let e = VariantTable::parse("table: v\nversion: 1\nsource: s\ngreek: A B\ngreek: B C\n").unwrap_err();
        assert_eq!(e.line, 5);
        assert!(VariantTable::parse("table: v\nversion: 1\nsource: s\ngreek: LONELY\n").is_err());
        assert!(VariantTable::parse("table: v\nversion: 1\nsource: s\ngreek: Ab B\n").is_err());
    }

    #[test]
    fn a_group_without_a_source_script_is_refused() {
        for line in ["JIM JAMES", "latin: JIM JAMES", "klingon: A B", ": A B"] {
            let e = VariantTable::parse(&format!("table: v\nversion: 1\nsource: s\n{line}\n")).unwrap_err();
            assert_eq!(e.line, 4, "{line}");
        }
    }
}
