//! Seeded synthetic persons with names in several scripts (Latin with diacritics, Cyrillic,
//! Greek, Arabic), and cross-system variants of them that carry the variation as ground truth:
//! what one person looks like in two systems, and which verdict (REQUIREMENTS §5) the pair
//! should get.

use super::Rng;
use super::names::{Entry, SCRIPTS, ScriptNames, TYPO_LETTERS};
use crate::matching::identity::harmonise;
use crate::model::{
    AliasIdentity, AliasStatus, CountryCode, IdentityData, IdentityVerdict, Name, PartialDate, PlaceName,
    Sex, days_in_month,
};

/// The script a synthetic person's names are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NameScript {
    /// Latin letters with diacritics (German, Nordic, Spanish, Polish, Czech, Turkish...).
    LatinWithDiacritics,
    /// Cyrillic (Russian and Ukrainian names).
    Cyrillic,
    /// Greek.
    Greek,
    /// Arabic.
    Arabic,
}

impl NameScript {
    /// Every script, in a fixed order.
    pub const ALL: [NameScript; 4] =
        [NameScript::LatinWithDiacritics, NameScript::Cyrillic, NameScript::Greek, NameScript::Arabic];

    fn index(self) -> usize {
        match self {
            NameScript::LatinWithDiacritics => 0,
            NameScript::Cyrillic => 1,
            NameScript::Greek => 2,
            NameScript::Arabic => 3,
        }
    }

    fn names(self) -> &'static ScriptNames {
        SCRIPTS[self.index()]
    }
}

/// A name or place in the three forms a synthetic person's records may use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameForms {
    /// As written in the person's own script.
    pub native: String,
    /// ICAO Doc 9303 transliteration (what an MRZ holds, spaces kept).
    pub icao: String,
    /// Another romanisation found in registers: BGN/PCGN for Cyrillic, BGN/PCGN 1962 for
    /// Greek, a phonetic transcription for Arabic, the diacritics dropped for Latin.
    pub other: String,
}

impl NameForms {
    fn from_entry(entry: &Entry) -> Self {
        NameForms { native: entry.0.to_string(), icao: entry.1.to_string(), other: entry.2.to_string() }
    }

    fn join(a: &NameForms, b: &NameForms) -> Self {
        NameForms {
            native: format!("{} {}", a.native, b.native),
            icao: format!("{} {}", a.icao, b.icao),
            other: format!("{} {}", a.other, b.other),
        }
    }
}

/// A synthetic person: the names in every form, and the identity data as the person's own
/// country records it (native script).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntheticPerson {
    /// Script of the names.
    pub script: NameScript,
    /// Surname.
    pub surname: NameForms,
    /// First names (one or two).
    pub first_names: NameForms,
    /// Town of birth.
    pub place_of_birth: NameForms,
    /// The identity data with native-script names and a complete date of birth.
    pub identity: IdentityData,
}

/// How a second system's record of a person differs from the first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum VariationKind {
    /// An exact copy: SAME.
    Identical,
    /// Names and place in their ICAO transliteration: SIMILAR, or SAME when the names have
    /// nothing to transliterate.
    IcaoLatin,
    /// Names in another romanisation (not for Latin-script names): SIMILAR.
    OtherRomanisation,
    /// Latin names with their diacritics dropped (only when they have some): SIMILAR.
    DiacriticsDropped,
    /// One letter of the surname replaced: SIMILAR.
    SingleTypo,
    /// Two letters of the surname replaced, and no other rule applies: DIFFERENT.
    TwoTypos,
    /// Day and month of birth swapped (only when both are 12 or less and differ): SIMILAR.
    DayMonthSwap,
    /// One digit of the date of birth changed: SIMILAR.
    DateTypo,
    /// Day of birth unknown, written `00`: SIMILAR when one digit of the day was 0 (1 to 9,
    /// 10, 20, 30: one character differs), DIFFERENT otherwise (POLICY SIM-P4: no rule of its
    /// own for partial dates).
    PartialDate,
    /// Surname and first names swapped: SIMILAR.
    NameOrderSwap,
    /// Two first names in the other order (only with two first names): SIMILAR.
    WordOrder,
    /// First names cut to a prefix of at least three characters (only when longer than three):
    /// SIMILAR.
    Truncation,
    /// Surname and first names run together in the surname field: SIMILAR.
    RunTogether,
    /// Recorded under another surname with the original identity as an alias: SAME.
    AliasAdded,
    /// Another nationality with the same place of birth: SIMILAR, never SAME (SIM-02).
    NationalityChangedSamePlace,
    /// The other sex: DIFFERENT (sex has no similarity).
    SexChanged,
}

impl VariationKind {
    /// Every kind.
    pub const ALL: [VariationKind; 16] = [
        VariationKind::Identical,
        VariationKind::IcaoLatin,
        VariationKind::OtherRomanisation,
        VariationKind::DiacriticsDropped,
        VariationKind::SingleTypo,
        VariationKind::TwoTypos,
        VariationKind::DayMonthSwap,
        VariationKind::DateTypo,
        VariationKind::PartialDate,
        VariationKind::NameOrderSwap,
        VariationKind::WordOrder,
        VariationKind::Truncation,
        VariationKind::RunTogether,
        VariationKind::AliasAdded,
        VariationKind::NationalityChangedSamePlace,
        VariationKind::SexChanged,
    ];
}

/// A second record of a person with the ground truth of how it was made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variation {
    /// What was changed.
    pub kind: VariationKind,
    /// The verdict a correct comparison with the person's record gives.
    pub expected: IdentityVerdict,
    /// The varied record.
    pub identity: IdentityData,
}

/// Countries a person may also hold or take the nationality of.
const SECOND_NATIONALITIES: [&str; 8] = ["DEU", "FRA", "SWE", "NLD", "BEL", "ITA", "GBR", "CAN"];

/// A seeded generator of synthetic persons and their cross-system variants.
#[derive(Debug, Clone)]
pub struct IdentityGenerator {
    rng: Rng,
}

fn name(text: &str) -> Option<Name> {
    Name::new(text).ok()
}

/// Letters of a harmonised value that a typo may replace (not spaces or marks).
fn letter_positions(chars: &[char]) -> Vec<usize> {
    (0..chars.len()).filter(|&i| chars[i].is_alphabetic()).collect()
}

/// A typo letter of the script that is neither `a` nor `b` nor their Latin base letters.
fn typo_letter(rng: &mut Rng, script: NameScript, avoid: &[char]) -> Option<char> {
    let base = |c: char| crate::matching::identity::to_mrz_latin(&c.to_string()).chars().next();
    let pool: Vec<char> = TYPO_LETTERS[script.index()]
        .iter()
        .copied()
        .filter(|c| !avoid.contains(c) && !avoid.iter().any(|a| base(*a) == Some(*c)))
        .collect();
    (!pool.is_empty()).then(|| *rng.pick(&pool))
}

impl IdentityGenerator {
    /// A generator for `seed`.
    pub fn new(seed: u64) -> Self {
        IdentityGenerator { rng: Rng::new(seed) }
    }

    /// A person whose script is chosen uniformly.
    pub fn person(&mut self) -> SyntheticPerson {
        let script = *self.rng.pick(&NameScript::ALL);
        self.person_in(script)
    }

    /// A person with names in `script`: sex M or F (X for 2 %), one or (30 %) two first
    /// names, a complete date of birth in 1940–2008, one nationality and a place of birth.
    pub fn person_in(&mut self, script: NameScript) -> SyntheticPerson {
        let lists = script.names();
        let rng = &mut self.rng;
        let sex = if rng.chance(0.02) {
            Sex::X
        } else if rng.chance(0.5) {
            Sex::M
        } else {
            Sex::F
        };
        let (firsts, surnames) = match sex {
            Sex::F => (lists.female_first, lists.female_surnames),
            _ => (lists.male_first, lists.male_surnames),
        };
        let first = rng.pick(firsts);
        let mut first_names = NameForms::from_entry(first);
        if rng.chance(0.3) {
            let second = rng.pick(firsts);
            if second.0 != first.0 {
                first_names = NameForms::join(&first_names, &NameForms::from_entry(second));
            }
        }
        let surname = NameForms::from_entry(rng.pick(surnames));
        let place_of_birth = NameForms::from_entry(rng.pick(lists.places));
        let year = 1940 + rng.below(69) as u16;
        let month = 1 + rng.below(12) as u8;
        let day = 1 + rng.below(u64::from(days_in_month(year, month))) as u8;
        let identity = IdentityData {
            surname: name(&surname.native),
            first_names: name(&first_names.native),
            date_of_birth: PartialDate::new(year, Some(month), Some(day)).ok(),
            sex: Some(sex),
            nationalities: CountryCode::new(rng.pick(lists.nationalities)).into_iter().collect(),
            place_of_birth: PlaceName::new(&place_of_birth.native).ok(),
            ..IdentityData::default()
        };
        SyntheticPerson { script, surname, first_names, place_of_birth, identity }
    }

    /// A second system's record of `person` varied by `kind`, with the verdict a correct
    /// comparison gives; `None` when the kind does not apply to this person (see
    /// [`VariationKind`]).
    pub fn variant(&mut self, person: &SyntheticPerson, kind: VariationKind) -> Option<Variation> {
        let mut identity = person.identity.clone();
        let similar_unless_unchanged = |forms: [&str; 2]| {
            let unchanged = harmonise(&person.surname.native) == harmonise(forms[0])
                && harmonise(&person.first_names.native) == harmonise(forms[1]);
            if unchanged { IdentityVerdict::Same } else { IdentityVerdict::Similar }
        };
        let expected = match kind {
            VariationKind::Identical => IdentityVerdict::Same,
            VariationKind::IcaoLatin => {
                identity.surname = name(&person.surname.icao);
                identity.first_names = name(&person.first_names.icao);
                identity.place_of_birth = PlaceName::new(&person.place_of_birth.icao).ok();
                similar_unless_unchanged([&person.surname.icao, &person.first_names.icao])
            }
            VariationKind::OtherRomanisation | VariationKind::DiacriticsDropped => {
                let latin = person.script == NameScript::LatinWithDiacritics;
                if latin != (kind == VariationKind::DiacriticsDropped) {
                    return None;
                }
                identity.surname = name(&person.surname.other);
                identity.first_names = name(&person.first_names.other);
                let verdict = similar_unless_unchanged([&person.surname.other, &person.first_names.other]);
                if verdict == IdentityVerdict::Same {
                    return None;
                }
                verdict
            }
            VariationKind::SingleTypo | VariationKind::TwoTypos => {
                let mut chars: Vec<char> = harmonise(&person.surname.native).chars().collect();
                let mut positions = letter_positions(&chars);
                let count = if kind == VariationKind::SingleTypo { 1 } else { 2 };
                if positions.len() < count {
                    return None;
                }
                self.rng.shuffle(&mut positions);
                let chosen = &positions[..count];
                let avoid: Vec<char> = chosen.iter().map(|&i| chars[i]).collect();
                for &i in chosen {
                    chars[i] = typo_letter(&mut self.rng, person.script, &avoid)?;
                }
                identity.surname = name(&chars.iter().collect::<String>());
                if count == 1 { IdentityVerdict::Similar } else { IdentityVerdict::Different }
            }
            VariationKind::DayMonthSwap => {
                let date = person.identity.date_of_birth?;
                let (month, day) = (date.month()?, date.day()?);
                if day > 12 || day == month {
                    return None;
                }
                identity.date_of_birth = Some(PartialDate::new(date.year(), Some(day), Some(month)).ok()?);
                IdentityVerdict::Similar
            }
            VariationKind::DateTypo => {
                let date = person.identity.date_of_birth?;
                identity.date_of_birth = Some(self.date_typo(date)?);
                IdentityVerdict::Similar
            }
            VariationKind::PartialDate => {
                let date = person.identity.date_of_birth?;
                identity.date_of_birth = Some(PartialDate::new(date.year(), date.month(), None).ok()?);
                let day = date.day()?;
                if day < 10 || day % 10 == 0 { IdentityVerdict::Similar } else { IdentityVerdict::Different }
            }
            VariationKind::NameOrderSwap => {
                if harmonise(&person.surname.native) == harmonise(&person.first_names.native) {
                    return None;
                }
                identity.surname = name(&person.first_names.native);
                identity.first_names = name(&person.surname.native);
                IdentityVerdict::Similar
            }
            VariationKind::WordOrder => {
                let words: Vec<&str> = person.first_names.native.split(' ').collect();
                if words.len() != 2 || harmonise(words[0]) == harmonise(words[1]) {
                    return None;
                }
                identity.first_names = name(&format!("{} {}", words[1], words[0]));
                IdentityVerdict::Similar
            }
            VariationKind::Truncation => {
                let chars: Vec<char> = harmonise(&person.first_names.native).chars().collect();
                if chars.len() < 4 {
                    return None;
                }
                let keep = 3 + self.rng.below(chars.len() as u64 - 3) as usize;
                identity.first_names = name(&chars[..keep].iter().collect::<String>());
                IdentityVerdict::Similar
            }
            VariationKind::RunTogether => {
                identity.surname = name(&format!("{} {}", person.surname.native, person.first_names.native));
                identity.first_names = None;
                IdentityVerdict::Similar
            }
            VariationKind::AliasAdded => {
                let lists = person.script.names();
                let surnames = if person.identity.sex == Some(Sex::F) {
                    lists.female_surnames
                } else {
                    lists.male_surnames
                };
                let own = harmonise(&person.surname.native);
                let others: Vec<&Entry> = surnames.iter().filter(|e| harmonise(e.0) != own).collect();
                identity.surname = name(self.rng.pick(&others).0);
                identity.aliases.push(AliasIdentity {
                    status: AliasStatus::Alias,
                    surname: name(&person.surname.native),
                    first_names: name(&person.first_names.native),
                    date_of_birth: None,
                    sex: None,
                    nationalities: Vec::new(),
                });
                IdentityVerdict::Same
            }
            VariationKind::NationalityChangedSamePlace => {
                let held: Vec<&str> = person.identity.nationalities.iter().map(|c| c.as_str()).collect();
                let choices: Vec<&str> =
                    SECOND_NATIONALITIES.iter().copied().filter(|c| !held.contains(c)).collect();
                identity.nationalities = CountryCode::new(self.rng.pick(&choices)).into_iter().collect();
                identity.place_of_birth.as_ref()?;
                IdentityVerdict::Similar
            }
            VariationKind::SexChanged => {
                identity.sex = Some(match person.identity.sex? {
                    Sex::M => Sex::F,
                    Sex::F | Sex::X => Sex::M,
                });
                IdentityVerdict::Different
            }
        };
        Some(Variation { kind, expected, identity })
    }

    /// A valid date one written digit away from `date`.
    fn date_typo(&mut self, date: PartialDate) -> Option<PartialDate> {
        let written = format!("{:04}{:02}{:02}", date.year(), date.month()?, date.day()?);
        for _ in 0..64 {
            let position = self.rng.below(8) as usize;
            let digit = char::from(b'0' + self.rng.below(10) as u8);
            let mut text: Vec<char> = written.chars().collect();
            if text[position] == digit {
                continue;
            }
            text[position] = digit;
            let text: String = text.into_iter().collect();
            let parsed = format!("{}-{}-{}", &text[..4], &text[4..6], &text[6..8]).parse::<PartialDate>();
            if let Ok(typo) = parsed
                && typo.is_complete()
            {
                return Some(typo);
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matching::identity::{SimilarityPolicy, compare, to_mrz_latin};
    use crate::model::{IdentityCategory, MatchRule};

    #[test]
    fn same_seed_same_people() {
        let a: Vec<SyntheticPerson> = {
            let mut g = IdentityGenerator::new(11);
            (0..20).map(|_| g.person()).collect()
        };
        let mut g = IdentityGenerator::new(11);
        let b: Vec<SyntheticPerson> = (0..20).map(|_| g.person()).collect();
        assert_eq!(a, b);
        let scripts: std::collections::HashSet<NameScript> = a.iter().map(|p| p.script).collect();
        assert!(scripts.len() >= 3, "{scripts:?}");
    }

    #[test]
    fn every_listed_name_is_valid_and_its_icao_form_is_what_to_mrz_latin_writes() {
        for lists in SCRIPTS {
            let all = [
                lists.male_first,
                lists.female_first,
                lists.male_surnames,
                lists.female_surnames,
                lists.places,
            ];
            for (native, icao, other) in all.iter().flat_map(|l| l.iter()) {
                assert!(Name::new(native).is_ok() && Name::new(other).is_ok(), "{native}");
                assert_eq!(&to_mrz_latin(native), icao, "{native}");
            }
            for code in lists.nationalities {
                assert!(CountryCode::new(code).is_ok(), "{code}");
            }
        }
    }

    /// Every variation kind yields its ground-truth verdict, both ways round, for every
    /// script.
    #[test]
    fn each_variation_kind_gets_its_expected_verdict() {
        let policy = SimilarityPolicy::default();
        let mut generator = IdentityGenerator::new(2026);
        let mut applied = std::collections::HashMap::new();
        for round in 0..60 {
            let script = NameScript::ALL[round % 4];
            let person = generator.person_in(script);
            for kind in VariationKind::ALL {
                let Some(variation) = generator.variant(&person, kind) else {
                    continue;
                };
                *applied.entry((kind, script)).or_insert(0) += 1;
                let forward = compare(&person.identity, &variation.identity, &policy);
                assert_eq!(
                    forward.verdict, variation.expected,
                    "{kind:?} {script:?}\n{:?}\n{:?}\n{forward:#?}",
                    person.identity, variation.identity
                );
                let backward = compare(&variation.identity, &person.identity, &policy);
                assert_eq!(backward.verdict, variation.expected, "{kind:?} {script:?} reversed");
            }
        }
        for kind in VariationKind::ALL {
            let scripts = NameScript::ALL.iter().filter(|s| applied.contains_key(&(kind, **s))).count();
            assert!(scripts >= 1, "{kind:?} never applied");
        }
        for script in NameScript::ALL {
            for kind in [VariationKind::IcaoLatin, VariationKind::SingleTypo, VariationKind::TwoTypos] {
                assert!(applied.contains_key(&(kind, script)), "{kind:?} {script:?} never applied");
            }
        }
    }

    /// Native script against either romanisation is similar by the transliteration rule
    /// itself, not by some other rule.
    #[test]
    fn romanisations_are_similar_by_transliteration() {
        let policy = SimilarityPolicy::default();
        let mut generator = IdentityGenerator::new(7);
        for round in 0..40 {
            let person = generator.person_in(NameScript::ALL[round % 4]);
            for kind in
                [VariationKind::IcaoLatin, VariationKind::OtherRomanisation, VariationKind::DiacriticsDropped]
            {
                let Some(variation) = generator.variant(&person, kind) else { continue };
                if variation.expected != IdentityVerdict::Similar {
                    continue;
                }
                let result = compare(&person.identity, &variation.identity, &policy);
                let names = result.category(IdentityCategory::Names).unwrap();
                for field in ["surname", "first_names"] {
                    let pair =
                        names.matches.iter().filter(|m| m.left_field == field && m.right_field == field);
                    let rules: Vec<MatchRule> = pair.map(|m| m.rule).collect();
                    assert!(
                        rules.contains(&MatchRule::Equal) || rules.contains(&MatchRule::Transliteration),
                        "{kind:?} {field}: {rules:?} in {names:?}"
                    );
                }
            }
        }
    }
}
