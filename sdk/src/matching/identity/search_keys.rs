//! Search keys: the blocking keys of ranked search by identity data (an officer's ESP or CIR
//! query), built from name codes and date parts so that a record is met through one key when
//! another is broken. Unlike the MID's [`CandidateIndex`](super::CandidateIndex), these keys
//! promise no superset of the SAME / SIMILAR records: they aim at the true person in the few
//! hundred records that the rank score then orders.
//!
//! A record's *name codes* are coarse phonetic codes of every word of every Latin form of every
//! name value (surnames and first names pooled, aliases included, so a swapped name order or an
//! alias still meets), plus the consonant skeletons that carry Arabic-script names across
//! romanisations; pairs of codes are taken across two words only. The keys, per date of birth:
//! - a name code with the written date `YYYYMMDD`: any one name intact and the date exact;
//! - two name codes (unordered) with year and month, with year and day, and with month and
//!   day: two names intact, one part of the date wrong or unknown (a year-only date is filed
//!   under its year, which every query of that year looks up);
//! - one name code with year and month, and with month and day (looked up only by a probe
//!   with a single name code, e.g. a blank first name): a single name and one date part wrong.
//!
//! - a name code cut to its first two sounds with the written date: typos in every name
//!   after the second sound, date exact.
//!
//! A probe also looks up its day/month swap. Every record is also filed under its pairs of
//! name codes alone (a date entirely wrong or blank, both names right), and a record without a
//! date under a pair key of its own, which queries with a date look up. A key held by more than
//! [`HOT_KEY`] records ([`HOT_NAME_PAIR`] for a pair of names alone) is skipped at lookup: a hot
//! key says little, and the other keys still meet the person.

use std::hash::{DefaultHasher, Hash, Hasher};

use super::prepared::{PreparedIdentity, PreparedText};
use crate::model::PartialDate;

/// Lookups skip a key filed under more records than this.
pub(crate) const HOT_KEY: usize = 1_000;

/// Lookups skip a pair of name codes without a date filed under more records than this: a
/// frequent pair of names is no key of its own.
pub(crate) const HOT_NAME_PAIR: usize = 50;

/// What a key combines; part of its hash so that kinds never collide by construction.
#[derive(Hash, Clone, Copy)]
enum Kind {
    CodeDate,
    ShortCodeDate,
    PairYearMonth,
    PairYearDay,
    PairYearOnly,
    PairMonthDay,
    /// Filed by every record, looked up by a query without a date of birth.
    PairAnyDate,
    /// Filed by a record without a date of birth, looked up by a query with one.
    PairNoDate,
    CodeYearMonth,
    CodeMonthDay,
}

fn key(kind: Kind, parts: &[u64]) -> u64 {
    let mut hasher = DefaultHasher::new();
    kind.hash(&mut hasher);
    parts.hash(&mut hasher);
    hasher.finish()
}

/// Sound class of an ASCII letter: vowels (and Y) 0, H and W 7 (silent), else Soundex-like
/// consonant classes, with C/K/Q/S/Z/X/G/J together so that romanisations (KH, X, CH, J, Y)
/// fall together.
fn class(letter: u8) -> u8 {
    match letter {
        b'A' | b'E' | b'I' | b'O' | b'U' | b'Y' => 0,
        b'B' | b'F' | b'P' | b'V' => 1,
        b'C' | b'G' | b'J' | b'K' | b'Q' | b'S' | b'X' | b'Z' => 2,
        b'D' | b'T' => 3,
        b'L' => 4,
        b'M' | b'N' => 5,
        b'R' => 6,
        _ => 7,
    }
}

/// Consonant classes kept after the first sound.
const CODE_LENGTH: usize = 3;

/// The coarse phonetic code of one upper-case ASCII word: whether it starts with a vowel (or
/// the first consonant's class), then the classes of the next consonants, repeats collapsed,
/// vowels and H/W skipped. Typos in the tail, doubled letters and most romanisation
/// differences keep the code; a changed first consonant does not (another key meets then).
pub(crate) fn name_code(word: &[u8]) -> Option<u64> {
    let mut letters = word.iter().copied().filter(u8::is_ascii_uppercase);
    let first = letters.next()?;
    let mut code = u64::from(class(first)) + 1;
    let mut last = class(first);
    let mut kept = 0;
    for c in letters.map(class) {
        if kept == CODE_LENGTH {
            break;
        }
        if c == 0 || c == 7 {
            if c == 0 {
                last = 0;
            }
            continue;
        }
        if c != last {
            code = (code << 4) | u64::from(c);
            kept += 1;
        }
        last = c;
    }
    Some(code)
}

/// Where a name code comes from: which name value, and which word of it (`SKELETON` for the
/// value's consonant skeleton). Pairs of codes are only formed across words, so that two
/// spellings of one word never make a pair (that would file a record under one name alone).
#[derive(Clone, Copy, PartialEq)]
struct Coded {
    code: u64,
    value: usize,
    word: usize,
}

const SKELETON: usize = usize::MAX;

/// `code` cut to its first sound and first consonant class (a [`name_code`] holds 4 bits per
/// class after the first sound): a typo after the first two sounds keeps it.
fn short_code(mut code: u64) -> u64 {
    while code >= 1 << 8 {
        code >>= 4;
    }
    code
}

fn push_unique(out: &mut Vec<Coded>, coded: Coded) {
    if !out.contains(&coded) {
        out.push(coded);
    }
}

fn text_codes(value: usize, text: &PreparedText, out: &mut Vec<Coded>) {
    for form in text.forms().filter(|f| f.is_ascii()) {
        let words = form.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| w.len() >= 2);
        for (word, letters) in words.enumerate() {
            if let Some(code) = name_code(letters.as_bytes()) {
                push_unique(out, Coded { code, value, word });
            }
        }
    }
    // Skeletons are hashed, not coded, and tagged so that they never equal a name code.
    for skeleton in text.arabic_skeleton().into_iter().chain(text.latin_skeletons()) {
        let mut hasher = DefaultHasher::new();
        skeleton.hash(&mut hasher);
        push_unique(out, Coded { code: hasher.finish() | (1 << 63), value, word: SKELETON });
    }
}

/// The name codes of a record and their pairs.
struct NameCodes {
    /// Every code, sorted, each once.
    codes: Vec<u64>,
    /// Every unordered pair of codes of two different words, sorted, each once.
    pairs: Vec<(u64, u64)>,
    /// Every code cut to its first sound and first consonant class, each once.
    short_codes: Vec<u64>,
}

/// The name codes of `identity` (all name values pooled, aliases included).
fn name_codes(identity: &PreparedIdentity) -> NameCodes {
    let mut coded = Vec::new();
    for (value, text) in identity.surnames().iter().chain(identity.first_names()).enumerate() {
        text_codes(value, text, &mut coded);
    }
    let mut codes: Vec<u64> = coded.iter().map(|c| c.code).collect();
    codes.sort_unstable();
    codes.dedup();
    let mut pairs = Vec::new();
    for (i, a) in coded.iter().enumerate() {
        for b in &coded[i + 1..] {
            let other_word =
                a.value != b.value || (a.word != b.word && a.word != SKELETON && b.word != SKELETON);
            if other_word && a.code != b.code {
                pairs.push((a.code.min(b.code), a.code.max(b.code)));
            }
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    let mut short_codes: Vec<u64> = codes.iter().filter(|c| *c >> 63 == 0).map(|&c| short_code(c)).collect();
    short_codes.sort_unstable();
    short_codes.dedup();
    NameCodes { codes, pairs, short_codes }
}

fn written(date: PartialDate) -> u64 {
    u64::from(date.year()) * 10_000
        + u64::from(date.month().unwrap_or(0)) * 100
        + u64::from(date.day().unwrap_or(0))
}

fn month_day(date: PartialDate) -> Option<u64> {
    Some(u64::from(date.month()?) * 100 + u64::from(date.day()?))
}

fn year_month(date: PartialDate) -> Option<u64> {
    Some(u64::from(date.year()) * 100 + u64::from(date.month()?))
}

/// The keys of one date; with `single`, also those of a single name code with part of the date.
/// `probe` tells a query's lookups from a record's filing where they differ.
fn date_keys(names: &NameCodes, date: PartialDate, single: bool, probe: bool, out: &mut Vec<u64>) {
    let year = u64::from(date.year());
    for &code in &names.codes {
        out.push(key(Kind::CodeDate, &[code, written(date)]));
    }
    for &short in &names.short_codes {
        out.push(key(Kind::ShortCodeDate, &[short, written(date)]));
    }
    for &(a, b) in &names.pairs {
        match (date.month(), date.day()) {
            (Some(month), Some(day)) => {
                out.push(key(Kind::PairYearMonth, &[a, b, year, u64::from(month)]));
                out.push(key(Kind::PairYearDay, &[a, b, year, u64::from(day)]));
                out.push(key(Kind::PairMonthDay, &[a, b, u64::from(month), u64::from(day)]));
            }
            (Some(month), None) => out.push(key(Kind::PairYearMonth, &[a, b, year, u64::from(month)])),
            _ => {}
        }
        if probe || date.month().is_none() {
            // A year-only date is filed under its year; every query of that year looks it up.
            out.push(key(Kind::PairYearOnly, &[a, b, year]));
        }
    }
    if single {
        for &code in &names.codes {
            if let Some(ym) = year_month(date) {
                out.push(key(Kind::CodeYearMonth, &[code, ym]));
            }
            if let Some(md) = month_day(date) {
                out.push(key(Kind::CodeMonthDay, &[code, md]));
            }
        }
    }
}

fn pair_keys(names: &NameCodes, kind: Kind, out: &mut Vec<u64>) {
    out.extend(names.pairs.iter().map(|&(a, b)| key(kind, &[a, b])));
}

fn dates(identity: &PreparedIdentity) -> Vec<PartialDate> {
    let mut out: Vec<PartialDate> = identity.dates_of_birth.iter().map(|(_, d)| *d).collect();
    out.dedup();
    out
}

fn finish(mut keys: Vec<u64>) -> Vec<u64> {
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// The keys `identity` is filed under.
pub(crate) fn stored_keys(identity: &PreparedIdentity) -> Vec<u64> {
    let names = name_codes(identity);
    let mut out = Vec::new();
    let dates = dates(identity);
    for date in &dates {
        date_keys(&names, *date, true, false, &mut out);
    }
    pair_keys(&names, Kind::PairAnyDate, &mut out);
    if dates.is_empty() {
        pair_keys(&names, Kind::PairNoDate, &mut out);
    }
    finish(out)
}

/// The keys a search for `identity` looks up, each with the most records it may hold before
/// it is skipped as hot: with a date of birth, its keys and its day/month swap's, and the pairs
/// of records without a date; the pairs of names without a date in every case (capped at
/// [`HOT_NAME_PAIR`]: a date entirely wrong, or none, with both names right).
pub(crate) fn probe_keys(identity: &PreparedIdentity) -> Vec<(u64, usize)> {
    let names = name_codes(identity);
    let single = names.pairs.is_empty();
    let mut out = Vec::new();
    let dates = dates(identity);
    for date in &dates {
        date_keys(&names, *date, single, true, &mut out);
        if let (Some(month), Some(day)) = (date.month(), date.day())
            && month != day
            && let Ok(swapped) = PartialDate::new(date.year(), Some(day), Some(month))
        {
            date_keys(&names, swapped, single, true, &mut out);
        }
    }
    if !dates.is_empty() {
        pair_keys(&names, Kind::PairNoDate, &mut out);
    }
    let mut out: Vec<(u64, usize)> = finish(out).into_iter().map(|k| (k, HOT_KEY)).collect();
    let mut any_date = Vec::new();
    pair_keys(&names, Kind::PairAnyDate, &mut any_date);
    out.extend(finish(any_date).into_iter().map(|k| (k, HOT_NAME_PAIR)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{IdentityData, Sex};

    fn prepared(surname: &str, first: &str, dob: &str) -> PreparedIdentity {
        PreparedIdentity::new(&IdentityData::person(surname, first, dob, Sex::F, "FRA").unwrap())
    }

    fn meets(stored: &PreparedIdentity, probe: &PreparedIdentity) -> bool {
        let filed = stored_keys(stored);
        probe_keys(probe).iter().any(|(k, _)| filed.binary_search(k).is_ok())
    }

    #[test]
    fn codes_absorb_doubling_and_romanisation() {
        assert_eq!(name_code(b"MUELLER"), name_code(b"MULLER"));
        assert_eq!(name_code(b"MOHAMMED"), name_code(b"MUHAMAD"));
        assert_eq!(name_code(b"IULIIA"), name_code(b"YULIYA"));
        assert_ne!(name_code(b"SCHMIDT"), name_code(b"MUELLER"));
        assert_eq!(name_code(b"--"), None);
    }

    #[test]
    fn one_broken_field_leaves_another_key() {
        let stored = prepared("MUELLER", "ANNA", "1990-05-07");
        for probe in [
            prepared("MUELLER", "ANNA", "1990-05-07"),
            prepared("ZUELLER", "ANNA", "1990-05-07"), // first letter of the surname
            prepared("MUELLER", "ANNA", "1991-05-07"), // year
            prepared("MUELLER", "ANNA", "1990-08-09"), // month and day
            prepared("MUELLER", "ANNA", "1990-07-05"), // swap
            prepared("ANNA", "MUELLER", "1990-05-07"), // name order
            prepared("MUELLER", "ANNA", "1990-05-00"), // day unknown
        ] {
            assert!(meets(&stored, &probe), "{probe:?}");
        }
        let mut blank_first = IdentityData::person("MUELLER", "ANNA", "1990-05-09", Sex::F, "FRA").unwrap();
        blank_first.first_names = None;
        assert!(meets(&stored, &PreparedIdentity::new(&blank_first)), "single name, day wrong");
        assert!(!meets(&stored, &prepared("SCHMIDT", "PETRA", "1990-05-07")));
        assert!(!meets(&stored, &prepared("MUELLER", "PETRA", "1971-11-23")));
    }
}
