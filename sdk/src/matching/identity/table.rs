//! The text format of the versioned table files under `tables/`, and the rewriting engine that
//! applies a transliteration scheme.
//!
//! Every file starts with header lines `key: value` (`table`, `version`, `source` are
//! required; `script`, `fallback` and `strip-marks` are optional), then holds its data. Lines
//! starting with `#` are comments, as is anything after ` #` on a row.
//!
//! Transliteration tables hold sections `[scheme NAME]` or `[scheme NAME < PARENT]` with rows
//! `KEY OUTPUT [CONTEXT...]`:
//! - `KEY` is one or more characters, or `U+XXXX` for a character that is hard to read alone
//!   (a combining mark);
//! - `OUTPUT` is A–Z, or `-` for nothing;
//! - `CONTEXT` is `initial` (the key starts a word), `final` (it ends a word), `before:SET`
//!   (the next character is in SET) or `after:SET` (the previous one is); all must hold.
//!
//! At each position the longest matching key wins; among rows with the same key the first
//! whose context holds wins. A scheme with a parent inherits the parent's rows, and a key it
//! lists replaces all of the parent's rows for that key. The first scheme of a file is its
//! primary scheme.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// A table file that does not follow the format. Embedded tables are checked by tests, so
/// this is seen only when a table is edited.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("table {table}, line {line}: {reason}")]
pub struct TableError {
    /// The file's `table` name (or `?` before the header names it).
    pub table: String,
    /// The 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub reason: String,
}

/// The header every table file starts with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableHeader {
    /// Table identifier, e.g. `cyrillic`.
    pub id: String,
    /// Version of the table's content.
    pub version: String,
    /// Where the content comes from.
    pub source: String,
    /// Script whose characters the table rewrites (transliteration tables).
    pub script: Option<String>,
    /// `decompose-latin`: a Latin letter with no row becomes the A–Z base of its canonical
    /// decomposition.
    pub fallback_decompose_latin: bool,
    /// Marks removed from letters of the table's script before the rows apply.
    pub strip_marks: Vec<char>,
}

const HEADER_KEYS: [&str; 6] = ["table", "version", "source", "script", "fallback", "strip-marks"];

/// A data line of a table file with its 1-based line number.
pub(crate) struct DataLine<'a> {
    pub number: usize,
    pub text: &'a str,
}

/// Splits a file into its header and its data lines (comments and blank lines removed).
pub(crate) fn split_file(text: &str) -> Result<(TableHeader, Vec<DataLine<'_>>), TableError> {
    let mut fields: HashMap<&str, String> = HashMap::new();
    let mut data = Vec::new();
    let mut in_header = true;
    for (index, raw) in text.lines().enumerate() {
        let number = index + 1;
        let line = match raw.find(" #") {
            Some(cut) if !raw.trim_start().starts_with('#') => &raw[..cut],
            _ => raw,
        }
        .trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if in_header
            && let Some((key, value)) = line.split_once(':')
            && HEADER_KEYS.contains(&key.trim())
        {
            fields.insert(key.trim(), value.trim().to_string());
            continue;
        }
        in_header = false;
        data.push(DataLine { number, text: line });
    }
    let name = fields.get("table").cloned().unwrap_or_else(|| "?".to_string());
    let missing =
        |key: &str| TableError { table: name.clone(), line: 1, reason: format!("header `{key}` missing") };
    let strip_marks = match fields.get("strip-marks") {
        None => Vec::new(),
        Some(list) => list
            .split_whitespace()
            .map(|hex| {
                u32::from_str_radix(hex, 16).ok().and_then(char::from_u32).ok_or_else(|| TableError {
                    table: name.clone(),
                    line: 1,
                    reason: format!("strip-marks: {hex:?} is not a hexadecimal code point"),
                })
            })
            .collect::<Result<_, _>>()?,
    };
    let fallback_decompose_latin = match fields.get("fallback").map(String::as_str) {
        None => false,
        Some("decompose-latin") => true,
        Some(other) => {
            return Err(TableError { table: name, line: 1, reason: format!("unknown fallback {other:?}") });
        }
    };
    let header = TableHeader {
        id: fields.get("table").cloned().ok_or_else(|| missing("table"))?,
        version: fields.get("version").cloned().ok_or_else(|| missing("version"))?,
        source: fields.get("source").cloned().ok_or_else(|| missing("source"))?,
        script: fields.get("script").cloned(),
        fallback_decompose_latin,
        strip_marks,
    };
    Ok((header, data))
}

/// Where a row applies.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Context {
    Initial,
    Final,
    Before(Vec<char>),
    After(Vec<char>),
}

#[derive(Debug, Clone)]
struct Rule {
    key: Vec<char>,
    output: String,
    contexts: Vec<Context>,
}

/// A hasher for `char` keys: rewriting looks a table up once per character, where SipHash
/// would dominate the cost; table keys are not attacker-chosen.
#[derive(Default)]
struct CharHasher(u64);

impl Hasher for CharHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(*b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }

    fn write_u32(&mut self, value: u32) {
        self.0 = u64::from(value).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

type CharMap<V> = HashMap<char, V, BuildHasherDefault<CharHasher>>;

/// One transliteration scheme of a table, indexed for rewriting.
#[derive(Debug, Clone)]
pub struct Scheme {
    name: String,
    by_first: CharMap<Vec<Rule>>,
    fallback_decompose_latin: bool,
}

/// A parsed transliteration table: its header and its schemes, primary first.
#[derive(Debug, Clone)]
pub struct TranslitTable {
    /// The header.
    pub header: TableHeader,
    /// The schemes in file order.
    pub schemes: Vec<Scheme>,
}

fn is_letter(c: char) -> bool {
    c.is_alphabetic() && !is_combining_mark(c)
}

/// The nearest character before `index` that is not a combining mark.
fn previous_base(chars: &[char], index: usize) -> Option<char> {
    chars[..index].iter().rev().copied().find(|c| !is_combining_mark(*c))
}

/// The nearest character from `index` on that is not a combining mark.
fn next_base(chars: &[char], index: usize) -> Option<char> {
    chars.get(index..)?.iter().copied().find(|c| !is_combining_mark(*c))
}

impl Context {
    fn holds(&self, chars: &[char], start: usize, end: usize) -> bool {
        match self {
            Context::Initial => !previous_base(chars, start).is_some_and(is_letter),
            Context::Final => !next_base(chars, end).is_some_and(is_letter),
            Context::Before(set) => next_base(chars, end).is_some_and(|c| set.contains(&c)),
            Context::After(set) => previous_base(chars, start).is_some_and(|c| set.contains(&c)),
        }
    }
}

/// The A–Z letter a Latin letter with diacritics decomposes to, if any.
pub(crate) fn latin_base(c: char) -> Option<char> {
    let mut parts = std::iter::once(c).nfd();
    let base = parts.next()?;
    (base.is_ascii_alphabetic() && parts.all(is_combining_mark)).then(|| base.to_ascii_uppercase())
}

impl Scheme {
    /// The scheme's name, e.g. `icao` or `bgn-pcgn`.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Rewrites `chars`; characters without a row are kept (or reduced to their Latin base
    /// when the table asks for it).
    pub fn apply(&self, chars: &[char]) -> String {
        let mut out = String::with_capacity(chars.len() + 4);
        let mut i = 0;
        'scan: while i < chars.len() {
            let c = chars[i];
            if let Some(rules) = self.by_first.get(&c) {
                for rule in rules {
                    let end = i + rule.key.len();
                    if chars.get(i..end) == Some(rule.key.as_slice())
                        && rule.contexts.iter().all(|ctx| ctx.holds(chars, i, end))
                    {
                        out.push_str(&rule.output);
                        i = end;
                        continue 'scan;
                    }
                }
            }
            match (c.is_ascii() || !self.fallback_decompose_latin).then_some(c).or_else(|| latin_base(c)) {
                Some(kept_or_base) => out.push(kept_or_base),
                None => out.push(c),
            }
            i += 1;
        }
        out
    }
}

fn parse_key(text: &str) -> Option<Vec<char>> {
    if let Some(hex) = text.strip_prefix("U+") {
        return u32::from_str_radix(hex, 16).ok().and_then(char::from_u32).map(|c| vec![c]);
    }
    Some(text.chars().collect())
}

fn parse_context(text: &str) -> Option<Context> {
    match text {
        "initial" => Some(Context::Initial),
        "final" => Some(Context::Final),
        _ => {
            if let Some(set) = text.strip_prefix("before:") {
                Some(Context::Before(set.chars().collect()))
            } else {
                text.strip_prefix("after:").map(|set| Context::After(set.chars().collect()))
            }
        }
    }
}

fn parse_row(table: &str, line: &DataLine<'_>) -> Result<Rule, TableError> {
    let err = |reason: String| TableError { table: table.to_string(), line: line.number, reason };
    let mut parts = line.text.split_whitespace();
    let (Some(key), Some(output)) = (parts.next(), parts.next()) else {
        return Err(err("expected `KEY OUTPUT [CONTEXT...]`".to_string()));
    };
    let key = parse_key(key).ok_or_else(|| err(format!("bad key {key:?}")))?;
    let output = if output == "-" { String::new() } else { output.to_string() };
    if !output.bytes().all(|b| b.is_ascii_uppercase()) {
        return Err(err(format!("output {output:?} is not A-Z")));
    }
    let contexts = parts
        .map(|c| parse_context(c).ok_or_else(|| err(format!("unknown context {c:?}"))))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Rule { key, output, contexts })
}

fn index_rules(rules: Vec<Rule>) -> CharMap<Vec<Rule>> {
    let mut by_first: CharMap<Vec<Rule>> = CharMap::default();
    for rule in rules {
        if let Some(&first) = rule.key.first() {
            by_first.entry(first).or_default().push(rule);
        }
    }
    for rules in by_first.values_mut() {
        // Stable: rows with equal key length keep their order (contexts before fallbacks).
        rules.sort_by_key(|r| std::cmp::Reverse(r.key.len()));
    }
    by_first
}

struct Section {
    name: String,
    inherited: Vec<Rule>,
    own: Vec<Rule>,
}

impl Section {
    /// The scheme's rows: its own, then the inherited rows for keys it does not list.
    fn into_rules(self) -> (String, Vec<Rule>) {
        let own_keys: HashSet<&Vec<char>> = self.own.iter().map(|r| &r.key).collect();
        let kept: Vec<Rule> = self.inherited.iter().filter(|r| !own_keys.contains(&r.key)).cloned().collect();
        let mut rules = self.own;
        rules.extend(kept);
        (self.name, rules)
    }
}

/// Parses a transliteration table file.
pub fn parse_translit(text: &str) -> Result<TranslitTable, TableError> {
    let (header, lines) = split_file(text)?;
    let table = header.id.clone();
    let err = |line: usize, reason: String| TableError { table: table.clone(), line, reason };
    let mut done: Vec<(String, Vec<Rule>)> = Vec::new();
    let mut current: Option<Section> = None;
    for line in &lines {
        if let Some(section) = line.text.strip_prefix('[').and_then(|s| s.strip_suffix(']')) {
            let spec = section.strip_prefix("scheme ").ok_or_else(|| {
                err(line.number, format!("expected [scheme NAME] or [scheme NAME < PARENT], got [{section}]"))
            })?;
            if let Some(finished) = current.take() {
                done.push(finished.into_rules());
            }
            let (name, parent) = match spec.split_once('<') {
                Some((name, parent)) => (name.trim(), Some(parent.trim())),
                None => (spec.trim(), None),
            };
            if done.iter().any(|(n, _)| n == name) {
                return Err(err(line.number, format!("scheme {name} defined twice")));
            }
            let inherited = match parent {
                None => Vec::new(),
                Some(parent) => {
                    done.iter().find(|(n, _)| n == parent).map(|(_, rules)| rules.clone()).ok_or_else(
                        || err(line.number, format!("parent scheme {parent} is not defined above")),
                    )?
                }
            };
            current = Some(Section { name: name.to_string(), inherited, own: Vec::new() });
            continue;
        }
        let rule = parse_row(&table, line)?;
        match current.as_mut() {
            Some(section) => section.own.push(rule),
            None => return Err(err(line.number, "row before any [scheme]".to_string())),
        }
    }
    if let Some(finished) = current.take() {
        done.push(finished.into_rules());
    }
    if done.is_empty() {
        return Err(err(1, "no scheme".to_string()));
    }
    let schemes = done
        .into_iter()
        .map(|(name, rules)| Scheme {
            name,
            by_first: index_rules(rules),
            fallback_decompose_latin: header.fallback_decompose_latin,
        })
        .collect();
    Ok(TranslitTable { header, schemes })
}

impl TranslitTable {
    /// The scheme called `name`.
    pub fn scheme(&self, name: &str) -> Option<&Scheme> {
        self.schemes.iter().find(|s| s.name() == name)
    }

    /// Removes the table's `strip-marks` from letters of `is_script`, keeping every other
    /// mark (NFC afterwards, so kept marks recompose).
    pub fn strip_marks<'a>(&self, text: &'a str, is_script: fn(char) -> bool) -> Cow<'a, str> {
        if self.header.strip_marks.is_empty() || !text.chars().any(is_script) {
            return Cow::Borrowed(text);
        }
        let mut out = String::with_capacity(text.len());
        let mut in_script = false;
        for c in text.nfd() {
            if is_combining_mark(c) {
                if in_script && self.header.strip_marks.contains(&c) {
                    continue;
                }
            } else {
                in_script = is_script(c);
            }
            out.push(c);
        }
        Cow::Owned(out.nfc().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "table: sample\nversion: 1\nsource: test\n\n[scheme base]\nAB X\nA Y initial\nA Z\nB - # dropped\n\n[scheme child < base]\nA Q\n";

    fn run(table: &TranslitTable, scheme: &str, text: &str) -> String {
        let chars: Vec<char> = text.chars().collect();
        table.scheme(scheme).expect("scheme").apply(&chars)
    }

    #[test]
    fn longest_key_then_first_matching_context() {
        let t = parse_translit(SAMPLE).unwrap();
        assert_eq!(run(&t, "base", "AB"), "X");
        assert_eq!(run(&t, "base", "A A"), "Y Y");
        assert_eq!(run(&t, "base", "CA"), "CZ");
        assert_eq!(run(&t, "base", "B"), "");
    }

    #[test]
    fn a_child_key_replaces_all_parent_rows_for_it() {
        let t = parse_translit(SAMPLE).unwrap();
        assert_eq!(run(&t, "child", "A CA"), "Q CQ");
        assert_eq!(run(&t, "child", "AB"), "X");
    }

    #[test]
    fn format_errors_name_the_line() {
        let bad = "table: t\nversion: 1\nsource: s\n[scheme a]\nA lower\n";
        let e = parse_translit(bad).unwrap_err();
        assert_eq!(e.line, 5);
        assert!(e.reason.contains("not A-Z"), "{e}");
        assert!(parse_translit("version: 1\nsource: s\n[scheme a]\n").is_err());
        assert!(parse_translit("table: t\nversion: 1\nsource: s\n[scheme a < b]\n").is_err());
        assert!(parse_translit("table: t\nversion: 1\nsource: s\nA B\n").is_err());
        assert!(parse_translit("table: t\nversion: 1\nsource: s\n[scheme a]\nA B sometimes\n").is_err());
    }

    #[test]
    fn latin_base_only_for_latin_letters() {
        assert_eq!(latin_base('Ạ'), Some('A'));
        assert_eq!(latin_base('ǎ'), Some('A'));
        assert_eq!(latin_base('Й'), None);
        assert_eq!(latin_base('Ø'), None);
    }
}
