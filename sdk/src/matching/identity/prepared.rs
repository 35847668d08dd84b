//! Identity data with every value harmonised and transliterated once, so that one record can
//! be compared with many without repeating that work.
//!
//! The reference keeps one [`PreparedIdentity`] per stored record, so its layout is compact: a
//! prepared name holds all its texts in one buffer and their offsets and hashes in one array
//! (two allocations instead of a dozen `String`s and `Vec`s), forms equal to the harmonised
//! value are not stored twice, the characters and words are taken from the harmonised text when
//! a rule needs them, and the usual field paths are static strings.

use std::borrow::Cow;
use std::hash::{DefaultHasher, Hash, Hasher};

use super::arabic::{arabic_skeleton, latin_skeleton};
use super::edits::{is_letter_transposition, is_single_edit, is_truncation, without_separators, words};
use super::harmonise::harmonise;
use super::renaming::place_key;
use super::tables;
use super::transliterate::latin_forms;
use crate::model::{CountryCode, IdentityData, PartialDate, Sex};

/// A field path in the record (`surname`, `aliases[0].date_of_birth`…): the paths of the
/// record's own fields are static, only those into aliases and previous names are held.
pub(crate) type FieldPath = Cow<'static, str>;

/// The record's own fields, kept as static paths.
const STATIC_PATHS: [&str; 6] =
    ["surname", "surname_at_birth", "first_names", "date_of_birth", "sex", "place_of_birth"];

fn field_path(path: String) -> FieldPath {
    match STATIC_PATHS.iter().find(|p| **p == path) {
        Some(p) => Cow::Borrowed(p),
        None if path == "nationalities[0]" => Cow::Borrowed("nationalities[0]"),
        // `format!` may leave spare capacity: keep only the text.
        None => Cow::Owned(String::from(path.into_boxed_str())),
    }
}

/// A 32-bit hash of a text: only used to skip string comparisons between sets that cannot
/// share a member (a collision costs a string comparison, never a wrong answer).
fn hash32(text: &str) -> u32 {
    let mut hasher = DefaultHasher::new();
    text.hash(&mut hasher);
    (hasher.finish() >> 32) as u32
}

fn sorted_hashes<'a>(texts: impl Iterator<Item = &'a str>) -> Vec<u32> {
    let mut out: Vec<u32> = texts.map(hash32).collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Whether two sets of texts share a member, using their sorted hashes to skip the string
/// comparisons when they cannot.
pub(crate) fn share_any<'a, 'b>(
    a: impl Iterator<Item = &'a str> + Clone,
    a_hashes: &[u32],
    b: impl Iterator<Item = &'b str> + Clone,
    b_hashes: &[u32],
) -> bool {
    let (mut i, mut j) = (0, 0);
    while i < a_hashes.len() && j < b_hashes.len() {
        match a_hashes[i].cmp(&b_hashes[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => return a.clone().any(|x| b.clone().any(|y| x == y)),
        }
    }
    false
}

/// How many pieces of each kind a [`PreparedText`] holds, and what it does not store twice.
#[derive(Debug, Clone, Copy, Default)]
struct Layout {
    /// Latin forms other than the harmonised value.
    extra_forms: u16,
    /// Variant-spelling groups of the forms, each once.
    canonical: u16,
    /// Consonant skeletons (the Arabic one, or those of the Latin forms).
    skeletons: u16,
    /// Hashes of the forms (harmonised value included), sorted.
    form_hashes: u16,
    /// Hashes of the variant-spelling groups, sorted.
    canonical_hashes: u16,
    /// The one skeleton is the value's Arabic skeleton (otherwise they are Latin skeletons).
    arabic: bool,
    /// The value as recorded is its harmonised form (not stored twice).
    original_is_harmonised: bool,
    /// The harmonised value has no separator (its bare form is not stored twice).
    bare_is_harmonised: bool,
    /// The harmonised value is ASCII (its characters are its bytes).
    ascii: bool,
    /// The harmonised value has two words or more.
    several_words: bool,
}

/// Pieces of the text buffer before the extra forms: field path, original, harmonised, bare.
const FIXED_PIECES: usize = 4;
const FIELD: usize = 0;
const ORIGINAL: usize = 1;
const HARMONISED: usize = 2;
const BARE: usize = 3;

/// A name or place value ready for comparison.
///
/// `text` holds the pieces one after the other (field path, value as recorded, harmonised
/// value, bare value, the other Latin forms, the variant-spelling groups, the skeletons);
/// `index` holds where each piece ends, then the sorted form hashes, then the sorted group
/// hashes.
#[derive(Debug, Clone)]
pub(crate) struct PreparedText {
    text: Box<str>,
    index: Box<[u32]>,
    layout: Layout,
    /// Lines of the renaming table (cities and countries) that hold one of the value's forms,
    /// with the form's lookup key (places only; empty, so not allocated, for names).
    pub renaming_lines: Box<[(usize, Box<str>)]>,
}

/// The characters of two harmonised values, as one element type for the edit rules: their
/// bytes when both are ASCII (the same thing, without decoding), decoded characters otherwise.
pub(crate) enum LetterPair<'a> {
    /// Both values are ASCII.
    Bytes(&'a [u8], &'a [u8]),
    /// One value at least is not.
    Chars(Vec<char>, Vec<char>),
}

impl LetterPair<'_> {
    /// [`is_single_edit`] on the pair.
    pub(crate) fn single_edit(&self) -> bool {
        match self {
            LetterPair::Bytes(a, b) => is_single_edit(a, b),
            LetterPair::Chars(a, b) => is_single_edit(a, b),
        }
    }

    /// [`is_letter_transposition`] on the pair.
    pub(crate) fn letter_transposition(&self) -> bool {
        match self {
            LetterPair::Bytes(a, b) => is_letter_transposition(a, b),
            LetterPair::Chars(a, b) => is_letter_transposition(a, b),
        }
    }

    /// [`is_truncation`] on the pair.
    pub(crate) fn truncation(&self, min_chars: usize) -> bool {
        match self {
            LetterPair::Bytes(a, b) => is_truncation(a, b, min_chars),
            LetterPair::Chars(a, b) => is_truncation(a, b, min_chars),
        }
    }
}

impl PreparedText {
    pub(crate) fn new(field: String, original: &str, with_place_keys: bool) -> Self {
        let harmonised = harmonise(original);
        let mut forms = vec![harmonised.clone()];
        for form in latin_forms(&harmonised) {
            if !forms.contains(&form) {
                forms.push(form);
            }
        }
        let variants = &tables::get().variants;
        let mut canonical: Vec<String> = Vec::new();
        for group in forms.iter().filter_map(|f| variants.canonical(f)) {
            if !canonical.contains(&group) {
                canonical.push(group);
            }
        }
        let arabic = arabic_skeleton(&harmonised);
        let skeletons: Vec<String> = match &arabic {
            Some(skeleton) => vec![skeleton.clone()],
            None => {
                let mut out: Vec<String> = Vec::new();
                for skeleton in forms.iter().filter(|f| f.is_ascii()).filter_map(|f| latin_skeleton(f)) {
                    if !out.contains(&skeleton) {
                        out.push(skeleton);
                    }
                }
                out
            }
        };
        let renaming_lines = if with_place_keys {
            let renamings = &tables::get().renamings;
            let mut lines: Vec<(usize, Box<str>)> = Vec::new();
            for key in forms.iter().map(|f| place_key(f)) {
                for line in renamings.place_lines(&key) {
                    if !lines.iter().any(|(l, k)| *l == line && **k == *key) {
                        lines.push((line, key.clone().into_boxed_str()));
                    }
                }
            }
            lines
        } else {
            Vec::new()
        };
        let bare = without_separators(&harmonised);
        let form_hashes = sorted_hashes(forms.iter().map(String::as_str));
        let canonical_hashes = sorted_hashes(canonical.iter().map(String::as_str));
        let count = |n: usize| u16::try_from(n).unwrap_or(u16::MAX);
        let layout = Layout {
            extra_forms: count(forms.len() - 1),
            canonical: count(canonical.len()),
            skeletons: count(skeletons.len()),
            form_hashes: count(form_hashes.len()),
            canonical_hashes: count(canonical_hashes.len()),
            arabic: arabic.is_some(),
            original_is_harmonised: original == harmonised,
            bare_is_harmonised: bare == harmonised,
            ascii: harmonised.is_ascii(),
            several_words: words(&harmonised).len() >= 2,
        };
        let original_piece = if layout.original_is_harmonised { "" } else { original };
        let bare_piece = if layout.bare_is_harmonised { "" } else { &bare };
        let pieces = [field.as_str(), original_piece, harmonised.as_str(), bare_piece]
            .into_iter()
            .chain(forms[1..].iter().take(usize::from(layout.extra_forms)).map(String::as_str))
            .chain(canonical.iter().take(usize::from(layout.canonical)).map(String::as_str))
            .chain(skeletons.iter().take(usize::from(layout.skeletons)).map(String::as_str));
        let mut text = String::new();
        let mut index: Vec<u32> = Vec::new();
        for piece in pieces {
            text.push_str(piece);
            index.push(u32::try_from(text.len()).unwrap_or(u32::MAX));
        }
        index.extend(form_hashes.iter().take(usize::from(layout.form_hashes)));
        index.extend(canonical_hashes.iter().take(usize::from(layout.canonical_hashes)));
        PreparedText {
            text: text.into_boxed_str(),
            index: index.into_boxed_slice(),
            layout,
            renaming_lines: renaming_lines.into_boxed_slice(),
        }
    }

    fn pieces(&self) -> usize {
        FIXED_PIECES
            + usize::from(self.layout.extra_forms)
            + usize::from(self.layout.canonical)
            + usize::from(self.layout.skeletons)
    }

    fn piece(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.index[i - 1] as usize };
        self.text.get(start..self.index[i] as usize).unwrap_or("")
    }

    fn pieces_from(&self, first: usize, count: u16) -> impl Iterator<Item = &str> + Clone {
        (first..first + usize::from(count)).map(|i| self.piece(i))
    }

    /// Field path in the record, e.g. `aliases[0].surname`.
    pub(crate) fn field(&self) -> &str {
        self.piece(FIELD)
    }

    /// The value as recorded.
    pub(crate) fn original(&self) -> &str {
        if self.layout.original_is_harmonised { self.harmonised() } else { self.piece(ORIGINAL) }
    }

    /// After POLICY SIM-P1.
    pub(crate) fn harmonised(&self) -> &str {
        self.piece(HARMONISED)
    }

    /// `harmonised` without hyphens, commas, apostrophes and spaces.
    pub(crate) fn bare(&self) -> &str {
        if self.layout.bare_is_harmonised { self.harmonised() } else { self.piece(BARE) }
    }

    /// Whether the harmonised value has two words or more (a word order can only differ then).
    pub(crate) fn has_several_words(&self) -> bool {
        self.layout.several_words
    }

    /// The words of `harmonised` (split on spaces, hyphens and commas).
    pub(crate) fn words(&self) -> Vec<&str> {
        words(self.harmonised())
    }

    /// The characters of this value's and `other`'s harmonised forms, for the edit rules.
    pub(crate) fn letters_with<'a>(&'a self, other: &'a PreparedText) -> LetterPair<'a> {
        if self.layout.ascii && other.layout.ascii {
            LetterPair::Bytes(self.harmonised().as_bytes(), other.harmonised().as_bytes())
        } else {
            LetterPair::Chars(self.harmonised().chars().collect(), other.harmonised().chars().collect())
        }
    }

    /// The value and its Latin forms under every known transliteration (the harmonised value
    /// first).
    pub(crate) fn forms(&self) -> impl Iterator<Item = &str> + Clone {
        std::iter::once(self.harmonised()).chain(self.pieces_from(FIXED_PIECES, self.layout.extra_forms))
    }

    /// Forms with the words of the variant-spelling table replaced by their group, each once.
    pub(crate) fn canonical(&self) -> impl Iterator<Item = &str> + Clone {
        self.pieces_from(FIXED_PIECES + usize::from(self.layout.extra_forms), self.layout.canonical)
    }

    fn skeletons(&self) -> impl Iterator<Item = &str> + Clone {
        let first = FIXED_PIECES + usize::from(self.layout.extra_forms) + usize::from(self.layout.canonical);
        self.pieces_from(first, self.layout.skeletons)
    }

    /// Consonant skeleton when the value is Arabic script or ICAO X-coded.
    pub(crate) fn arabic_skeleton(&self) -> Option<&str> {
        if self.layout.arabic { self.skeletons().next() } else { None }
    }

    /// Consonant skeletons of the Latin forms (for comparison with an Arabic value).
    pub(crate) fn latin_skeletons(&self) -> impl Iterator<Item = &str> + Clone {
        self.skeletons().filter(|_| !self.layout.arabic)
    }

    /// Hashes of [`forms`](Self::forms), sorted, for a quick intersection test.
    pub(crate) fn form_hashes(&self) -> &[u32] {
        let start = self.pieces();
        &self.index[start..start + usize::from(self.layout.form_hashes)]
    }

    /// Hashes of [`canonical`](Self::canonical), sorted.
    pub(crate) fn canonical_hashes(&self) -> &[u32] {
        let start = self.pieces() + usize::from(self.layout.form_hashes);
        &self.index[start..start + usize::from(self.layout.canonical_hashes)]
    }
}

/// Identity data prepared for comparison: every name and place harmonised and transliterated
/// once. Build it with [`PreparedIdentity::new`] and compare with
/// [`compare_prepared`](super::compare_prepared); [`compare`](super::compare) does both.
#[derive(Debug, Clone)]
pub struct PreparedIdentity {
    /// The surname-type values, then the first-name-type values.
    names: Box<[PreparedText]>,
    /// How many of `names` are surname-type values.
    surname_count: usize,
    pub(crate) dates_of_birth: Box<[(FieldPath, PartialDate)]>,
    pub(crate) sexes: Box<[(FieldPath, Sex)]>,
    pub(crate) nationalities: Box<[(FieldPath, CountryCode)]>,
    pub(crate) country_of_birth: Option<CountryCode>,
    pub(crate) place_of_birth: Option<PreparedText>,
}

fn with_paths<T>(values: Vec<(String, T)>) -> Box<[(FieldPath, T)]> {
    values.into_iter().map(|(path, value)| (field_path(path), value)).collect()
}

impl PreparedIdentity {
    /// Harmonises and transliterates every value of `identity`.
    pub fn new(identity: &IdentityData) -> Self {
        let surnames = identity.surname_values();
        let surname_count = surnames.len();
        let names: Box<[PreparedText]> = surnames
            .into_iter()
            .chain(identity.first_name_values())
            .map(|(field, name)| PreparedText::new(field, name.as_str(), false))
            .collect();
        PreparedIdentity {
            names,
            surname_count,
            dates_of_birth: with_paths(identity.dates_of_birth()),
            sexes: with_paths(identity.sexes()),
            nationalities: with_paths(identity.all_nationalities()),
            country_of_birth: identity.country_of_birth,
            place_of_birth: identity
                .place_of_birth
                .as_ref()
                .map(|p| PreparedText::new("place_of_birth".to_string(), p.as_str(), true)),
        }
    }

    /// The surname-type values (surname, surname at birth, previous and alias surnames).
    pub(crate) fn surnames(&self) -> &[PreparedText] {
        &self.names[..self.surname_count]
    }

    /// The first-name-type values.
    pub(crate) fn first_names(&self) -> &[PreparedText] {
        &self.names[self.surname_count..]
    }
}
