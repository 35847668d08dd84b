//! The embedded, versioned table files, parsed once on first use.

use std::sync::OnceLock;

use super::renaming::RenamingTable;
use super::script;
use super::table::{TableHeader, TranslitTable, parse_translit};
use super::variants::VariantTable;

const LATIN: &str = include_str!("tables/latin.txt");
const CYRILLIC: &str = include_str!("tables/cyrillic.txt");
const GREEK: &str = include_str!("tables/greek.txt");
const ARABIC: &str = include_str!("tables/arabic.txt");
const ARABIC_SKELETON: &str = include_str!("tables/arabic-skeleton.txt");
const VARIANTS: &str = include_str!("tables/variants.txt");
const RENAMINGS: &str = include_str!("tables/renamings.txt");

/// A transliteration table with the predicate of the script it rewrites.
#[derive(Debug)]
pub(crate) struct ScriptTable {
    pub table: TranslitTable,
    pub is_script: fn(char) -> bool,
}

/// Every table the comparison uses.
#[derive(Debug)]
pub(crate) struct Tables {
    /// Latin letters with diacritics (always applied).
    pub latin: ScriptTable,
    /// Other scripts, applied when the text holds one of their letters: Cyrillic, Greek,
    /// Arabic, in that order.
    pub scripts: Vec<ScriptTable>,
    /// Consonant skeletons for Arabic-script names against Latin transcriptions.
    pub skeleton: TranslitTable,
    /// Common variant spellings.
    pub variants: VariantTable,
    /// Renamings of places and codes.
    pub renamings: RenamingTable,
}

impl Tables {
    /// The Arabic table (the last of `scripts`).
    pub fn arabic(&self) -> &TranslitTable {
        &self.scripts[2].table
    }

    /// Headers of every table, for the policy report.
    pub fn headers(&self) -> Vec<&TableHeader> {
        let mut out = vec![&self.latin.table.header];
        out.extend(self.scripts.iter().map(|s| &s.table.header));
        out.extend([&self.skeleton.header, &self.variants.header, &self.renamings.header]);
        out
    }
}

fn script_table(text: &str) -> Result<ScriptTable, String> {
    let table = parse_translit(text).map_err(|e| e.to_string())?;
    let name =
        table.header.script.clone().ok_or_else(|| format!("table {} has no script", table.header.id))?;
    let is_script =
        script::by_name(&name).ok_or_else(|| format!("table {}: unknown script {name}", table.header.id))?;
    Ok(ScriptTable { table, is_script })
}

/// Parses every embedded table.
pub(crate) fn load() -> Result<Tables, String> {
    Ok(Tables {
        latin: script_table(LATIN)?,
        scripts: vec![script_table(CYRILLIC)?, script_table(GREEK)?, script_table(ARABIC)?],
        skeleton: parse_translit(ARABIC_SKELETON).map_err(|e| e.to_string())?,
        variants: VariantTable::parse(VARIANTS).map_err(|e| e.to_string())?,
        renamings: RenamingTable::parse(RENAMINGS).map_err(|e| e.to_string())?,
    })
}

/// The embedded tables. They are constants of the crate, checked by
/// `embedded_tables_parse`, so a failure here is a build defect, not bad input.
pub(crate) fn get() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| match load() {
        Ok(tables) => tables,
        Err(e) => panic!("embedded identity-matching table is malformed: {e}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_tables_parse() {
        let tables = load().unwrap();
        for header in tables.headers() {
            assert!(!header.version.is_empty() && !header.source.is_empty(), "{}", header.id);
        }
        assert_eq!(tables.scripts[2].table.header.id, "arabic");
        assert!(tables.skeleton.scheme("arabic").is_some() && tables.skeleton.scheme("latin").is_some());
        assert!(tables.variants.len() > 40);
        assert!(tables.renamings.len() > 50);
    }

    #[test]
    fn primary_schemes_are_the_icao_ones() {
        let tables = get();
        assert_eq!(tables.latin.table.schemes[0].name(), "icao");
        assert_eq!(tables.scripts[0].table.schemes[0].name(), "icao");
        assert_eq!(tables.scripts[1].table.schemes[0].name(), "elot743");
        assert_eq!(tables.scripts[2].table.schemes[0].name(), "icao");
    }
}
