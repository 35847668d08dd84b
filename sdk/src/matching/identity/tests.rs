//! Requirement tests of REQUIREMENTS §5 (SIM-01 to SIM-07), one positive and one negative case
//! per rule at least, named after the requirement they check.

use proptest::prelude::*;

use super::*;
use crate::model::{
    AliasIdentity, AliasStatus, CategoryVerdict, CountryCode, IdentityCategory, IdentityComparison,
    IdentityData, IdentityVerdict, MatchRule, Name, PartialDate, PlaceName, PreviousName, Sex,
};

fn person(surname: &str, first: &str, dob: &str, sex: Sex, nationality: &str) -> IdentityData {
    IdentityData::person(surname, first, dob, sex, nationality).expect("valid test person")
}

fn run(left: &IdentityData, right: &IdentityData) -> IdentityComparison {
    compare(left, right, &SimilarityPolicy::default())
}

fn verdict_of(result: &IdentityComparison, category: IdentityCategory) -> CategoryVerdict {
    result.category(category).expect("every category is reported").verdict
}

fn rules_of(result: &IdentityComparison, category: IdentityCategory) -> Vec<MatchRule> {
    result.category(category).expect("every category is reported").matches.iter().map(|m| m.rule).collect()
}

fn with_place(mut identity: IdentityData, place: &str) -> IdentityData {
    identity.place_of_birth = Some(PlaceName::new(place).expect("valid place"));
    identity
}

fn alias(surname: Option<&str>, first: Option<&str>) -> AliasIdentity {
    AliasIdentity {
        status: AliasStatus::Alias,
        surname: surname.map(|s| Name::new(s).expect("valid name")),
        first_names: first.map(|s| Name::new(s).expect("valid name")),
        date_of_birth: None,
        sex: None,
        nationalities: Vec::new(),
    }
}

// ---------------------------------------------------------------- SIM-01 / SIM-02: SAME

#[test]
fn sim_01_all_four_categories_equal_after_harmonisation_is_same() {
    let r = run(
        &person("García  López", "Ana", "1990-05-07", Sex::F, "ESP"),
        &person("GARCÍA LÓPEZ", "ana", "1990-05-07", Sex::F, "esp"),
    );
    assert_eq!(r.verdict, IdentityVerdict::Same);
    assert_eq!(r.policy, SimilarityPolicy::default().identifier());
    assert_eq!(rules_of(&r, IdentityCategory::Names), [MatchRule::Equal, MatchRule::Equal]);
}

#[test]
fn sim_01_a_diacritic_difference_is_not_same() {
    let r = run(
        &person("GARCÍA", "ANA", "1990-05-07", Sex::F, "ESP"),
        &person("GARCIA", "ANA", "1990-05-07", Sex::F, "ESP"),
    );
    assert_eq!(r.verdict, IdentityVerdict::Similar);
    assert!(rules_of(&r, IdentityCategory::Names).contains(&MatchRule::Transliteration));
}

#[test]
fn sim_01_alias_surname_counts_any_to_any() {
    let ees = person("SMITH", "JOHN", "1980-01-02", Sex::M, "GBR");
    let mut sis = person("JONES", "JOHN", "1980-01-02", Sex::M, "GBR");
    sis.aliases.push(alias(Some("SMITH"), None));
    let r = run(&ees, &sis);
    assert_eq!(r.verdict, IdentityVerdict::Same);
    let names = r.category(IdentityCategory::Names).unwrap();
    assert!(names.matches.iter().any(|m| m.left_field == "surname"
        && m.right_field == "aliases[0].surname"
        && m.right_value == "SMITH"
        && m.rule == MatchRule::Equal));
}

#[test]
fn sim_01_previous_names_and_surname_at_birth_count() {
    let mut ecris = person("NOWAK", "EWA", "1975-03-04", Sex::F, "POL");
    ecris
        .previous_names
        .push(PreviousName { surname: Some(Name::new("KOWALSKA").unwrap()), first_names: None });
    let vis = person("KOWALSKA", "EWA", "1975-03-04", Sex::F, "POL");
    assert_eq!(run(&ecris, &vis).verdict, IdentityVerdict::Same);
    let mut etias = person("MEIER", "EWA", "1975-03-04", Sex::F, "POL");
    etias.surname_at_birth = Some(Name::new("KOWALSKA").unwrap());
    assert_eq!(run(&etias, &vis).verdict, IdentityVerdict::Same);
}

#[test]
fn sim_01_needs_a_first_name_type_value_equal_too() {
    let r = run(
        &person("SMITH", "JOHN", "1980-01-02", Sex::M, "GBR"),
        &person("SMITH", "PETER", "1980-01-02", Sex::M, "GBR"),
    );
    assert_eq!(verdict_of(&r, IdentityCategory::Names), CategoryVerdict::Different);
    assert_eq!(r.verdict, IdentityVerdict::Different);
}

#[test]
fn sim_01_a_partial_date_of_birth_is_never_equal() {
    // POLICY SIM-P4: never equal, and similar only by a rule of Annex II §3.2 on the written
    // form; the same written form is no single-character edit, so nothing makes it similar.
    let r = run(
        &person("SMITH", "JOHN", "1980-00-00", Sex::M, "GBR"),
        &person("SMITH", "JOHN", "1980-00-00", Sex::M, "GBR"),
    );
    assert_eq!(verdict_of(&r, IdentityCategory::DateOfBirth), CategoryVerdict::Different);
    assert_eq!(r.verdict, IdentityVerdict::Different);
}

#[test]
fn sim_02_equal_place_of_birth_without_common_nationality_is_not_same() {
    let left = with_place(person("SMITH", "JOHN", "1980-01-02", Sex::M, "GBR"), "London");
    let right = with_place(person("SMITH", "JOHN", "1980-01-02", Sex::M, "IRL"), "LONDON");
    let r = run(&left, &right);
    assert_ne!(r.verdict, IdentityVerdict::Same);
    assert_eq!(r.verdict, IdentityVerdict::Similar);
    let places = r.category(IdentityCategory::NationalityOrPlaceOfBirth).unwrap();
    assert_eq!(places.verdict, CategoryVerdict::Similar);
    assert_eq!(places.matches[0].left_field, "place_of_birth");
    assert_eq!(places.matches[0].rule, MatchRule::Equal);
}

#[test]
fn sim_02_with_a_common_nationality_the_place_does_not_matter() {
    let mut left = with_place(person("SMITH", "JOHN", "1980-01-02", Sex::M, "GBR"), "LONDON");
    left.nationalities.push(CountryCode::new("IRL").unwrap());
    let right = with_place(person("SMITH", "JOHN", "1980-01-02", Sex::M, "IRL"), "DUBLIN");
    assert_eq!(run(&left, &right).verdict, IdentityVerdict::Same);
}

// ---------------------------------------------------------------- SIM-03: names

/// (left surname, left first names, right surname, right first names, expected names verdict,
/// rule that must be among the matches).
type NameCase = (
    &'static str,
    Option<&'static str>,
    &'static str,
    Option<&'static str>,
    CategoryVerdict,
    Option<MatchRule>,
);

fn names_of(surname: &str, first: Option<&str>) -> IdentityData {
    let mut id = person(surname, "X", "1990-05-07", Sex::F, "FRA");
    id.first_names = first.map(|f| Name::new(f).unwrap());
    id
}

fn check_name_cases(cases: &[NameCase]) {
    for (ls, lf, rs, rf, verdict, rule) in cases {
        let r = run(&names_of(ls, *lf), &names_of(rs, *rf));
        let names = r.category(IdentityCategory::Names).unwrap();
        assert_eq!(names.verdict, *verdict, "{ls}/{lf:?} vs {rs}/{rf:?}: {names:?}");
        if let Some(rule) = rule {
            assert!(
                names.matches.iter().any(|m| m.rule == *rule),
                "{ls}/{lf:?} vs {rs}/{rf:?}: {rule:?} missing in {names:?}"
            );
        }
        let overall = if *verdict == CategoryVerdict::Equal {
            IdentityVerdict::Same
        } else if *verdict == CategoryVerdict::Similar {
            IdentityVerdict::Similar
        } else {
            IdentityVerdict::Different
        };
        assert_eq!(r.verdict, overall, "{ls}/{lf:?} vs {rs}/{rf:?}");
    }
}

use CategoryVerdict::{Different as D, Equal as E, Missing as M, Similar as S};

#[test]
fn sim_03_a_known_transliteration_latin_diacritics_both_ways() {
    check_name_cases(&[
        ("MÜLLER", Some("JÖRG"), "MUELLER", Some("JOERG"), S, Some(MatchRule::Transliteration)),
        ("MUELLER", Some("JOERG"), "MÜLLER", Some("JÖRG"), S, Some(MatchRule::Transliteration)),
        ("MÜLLER", Some("JÖRG"), "MULLER", Some("JORG"), S, Some(MatchRule::Transliteration)),
        ("Ødegård", Some("Åse"), "OEDEGAARD", Some("AASE"), S, Some(MatchRule::Transliteration)),
        ("Wałęsa", Some("Łukasz"), "WALESA", Some("LUKASZ"), S, Some(MatchRule::Transliteration)),
        ("Þór", Some("Ævar"), "THOR", Some("AEVAR"), S, Some(MatchRule::Transliteration)),
        // Upper-casing ß gives SS: equal, not merely similar (POLICY SIM-P1).
        ("STRAUß", Some("Þór"), "STRAUSS", Some("ÞÓR"), E, None),
        ("MÜLLER", Some("JÖRG"), "MOELLER", Some("JOERG"), D, None),
    ]);
}

#[test]
fn sim_03_a_known_transliteration_cyrillic_to_latin() {
    check_name_cases(&[
        ("ИВАНОВ", Some("ЮРИЙ"), "IVANOV", Some("IURII"), S, Some(MatchRule::Transliteration)),
        ("Иванов", Some("Юрий"), "IVANOV", Some("YURIY"), S, Some(MatchRule::Transliteration)),
        ("Щербаков", Some("Юрий"), "SCHTSCHERBAKOW", Some("JURI"), S, Some(MatchRule::Transliteration)),
        ("Шевченко", Some("Олександр"), "SHEVCHENKO", Some("OLEKSANDR"), S, Some(MatchRule::Transliteration)),
        ("Коваленко", Some("Георгій"), "KOVALENKO", Some("HEORHII"), S, Some(MatchRule::Transliteration)),
        ("Петров", Some("Юрий"), "IVANOV", Some("IURII"), D, None),
        // Transliteration then one edit is two rules: not similar (no chaining).
        ("ИВАНОВ", Some("ЮРИЙ"), "IVANOVA", Some("IURII"), D, None),
    ]);
}

#[test]
fn sim_03_a_known_transliteration_greek_to_latin() {
    check_name_cases(&[
        (
            "Παπαδόπουλος",
            Some("Γεώργιος"),
            "PAPADOPOULOS",
            Some("GEORGIOS"),
            S,
            Some(MatchRule::Transliteration),
        ),
        (
            "ΠΑΠΑΔΟΠΟΥΛΟΣ",
            Some("ΓΕΩΡΓΙΟΣ"),
            "PAPADOPOULOS",
            Some("YEORYIOS"),
            S,
            Some(MatchRule::Transliteration),
        ),
        ("Ψαράς", Some("Χρήστος"), "PSARAS", Some("KHRISTOS"), S, Some(MatchRule::Transliteration)),
        ("Παπαδόπουλος", Some("Γεώργιος"), "PAPADAKIS", Some("GEORGIOS"), D, None),
    ]);
}

#[test]
fn sim_03_a_known_transliteration_arabic_script_and_x_codes() {
    check_name_cases(&[
        // ICAO X-coded MRZ name against the Arabic script.
        ("الحسن", Some("محمد"), "ALXHSN", Some("MXHMD"), S, Some(MatchRule::Transliteration)),
        // Arabic script against phonetic transcriptions (consonant skeleton).
        ("الحسن", Some("محمد"), "ALHASAN", Some("MOHAMMED"), S, Some(MatchRule::Transliteration)),
        ("عبد الله", Some("فاطمة"), "ABDULLAH", Some("FATIMA"), S, Some(MatchRule::Transliteration)),
        // X-coded MRZ against a phonetic transcription, read back through Arabic.
        ("ALXHSN", Some("MXHMD"), "ALHASSAN", Some("MUHAMMAD"), S, Some(MatchRule::Transliteration)),
        ("الحسن", Some("محمد"), "ALHASAN", Some("MARTIN"), D, None),
    ]);
}

#[test]
fn sim_03_a_known_transliteration_variant_spelling_table() {
    check_name_cases(&[
        ("ALI", Some("MOHAMMED"), "ALI", Some("MUHAMMAD"), S, Some(MatchRule::VariantSpelling)),
        ("YUSUF", Some("OMAR"), "YOUSSEF", Some("UMAR"), S, Some(MatchRule::VariantSpelling)),
        ("IVANOV", Some("ALEKSANDR"), "IVANOV", Some("ALEXANDER"), S, Some(MatchRule::VariantSpelling)),
        ("PAPAS", Some("GEORGIOS"), "PAPAS", Some("YEORYIOS"), S, Some(MatchRule::VariantSpelling)),
        // Mohammed and Mahmoud are different names, in Latin script.
        ("ALI", Some("MOHAMMED"), "ALI", Some("MAHMOUD"), D, None),
    ]);
}

#[test]
fn sim_03_surname_and_first_name_groups_swapped() {
    check_name_cases(&[
        ("SHAW", Some("DANIELLA"), "DANIELLA", Some("SHAW"), S, Some(MatchRule::NameGroupSwap)),
        // Swapped and misspelt: two rules.
        ("SHAW", Some("DANIELLA"), "DANIELA", Some("SHAW"), D, None),
    ]);
}

#[test]
fn sim_03_names_run_together_in_one_field() {
    check_name_cases(&[
        ("GARCIA LOPEZ ANA", None, "GARCIA LOPEZ", Some("ANA"), S, Some(MatchRule::RunTogether)),
        ("GARCIA", Some("ANA"), "ANAGARCIA", None, S, Some(MatchRule::RunTogether)),
        ("GARCIA ANNA", None, "GARCIA", Some("ANA"), M, None),
    ]);
}

#[test]
fn sim_03_two_words_in_another_order() {
    check_name_cases(&[
        ("SMITH", Some("ANNA MARIA"), "SMITH", Some("MARIA ANNA"), S, Some(MatchRule::WordOrder)),
        ("DE LA CRUZ", Some("ANA"), "CRUZ LA DE", Some("ANA"), S, Some(MatchRule::WordOrder)),
        ("SMITH", Some("ANNA MARIA LUISA"), "SMITH", Some("MARIA LUISA ANNA"), D, None),
    ]);
}

#[test]
fn sim_03_two_letters_swapped_adjacent_or_not() {
    check_name_cases(&[
        ("SMIHT", Some("JOHN"), "SMITH", Some("JOHN"), S, Some(MatchRule::LetterTransposition)),
        ("MARTIN", Some("JOHN"), "MIRTAN", Some("JOHN"), S, Some(MatchRule::LetterTransposition)),
        ("MARTIN", Some("JOHN"), "MTIRAN", Some("JOHN"), D, None),
    ]);
}

#[test]
fn sim_03_one_insertion_deletion_or_substitution() {
    check_name_cases(&[
        ("SMIETH", Some("JOHN"), "SMITH", Some("JOHN"), S, Some(MatchRule::SingleEdit)),
        ("SMYTH", Some("JOHN"), "SMITH", Some("JOHN"), S, Some(MatchRule::SingleEdit)),
        ("SMITH", Some("JON"), "SMITH", Some("JOHN"), S, Some(MatchRule::SingleEdit)),
    ]);
}

#[test]
fn sim_03_two_edits_with_no_other_rule_is_not_similar() {
    check_name_cases(&[
        ("SMYTHE", Some("JOHN"), "SMITH", Some("JOHN"), D, None),
        ("SMITH", Some("JOHN"), "SMITH", Some("JEAN"), D, None),
        ("KOWALSKI", Some("JAN"), "KOVALSKY", Some("JAN"), D, None),
    ]);
}

#[test]
fn sim_03_differ_only_by_hyphens_commas_or_apostrophes() {
    check_name_cases(&[
        ("O'NEILL", Some("SEAN"), "ONEILL", Some("SEAN"), S, Some(MatchRule::Punctuation)),
        ("D'ARC-O'NEILL", Some("SEAN"), "DARC ONEILL", Some("SEAN"), S, Some(MatchRule::Punctuation)),
        (
            "SMITH-JONES",
            Some("ANN, MARIE"),
            "SMITH JONES",
            Some("ANN MARIE"),
            S,
            Some(MatchRule::Punctuation),
        ),
        ("O.NEILL", Some("SEAN"), "O'NEIL", Some("SEAN"), D, None),
    ]);
    let r = run(&names_of("D'ARC-O'NEILL", Some("SEAN")), &names_of("DARC ONEILL", Some("SEAN")));
    assert!(!rules_of(&r, IdentityCategory::Names).contains(&MatchRule::SingleEdit));
}

#[test]
fn sim_03_sim_p5_truncation_needs_a_prefix_of_three_characters() {
    check_name_cases(&[
        ("SMITH", Some("ALEX"), "SMITH", Some("ALEXANDER"), S, Some(MatchRule::Truncation)),
        ("SCHWARZENEGGER", Some("ARNOLD"), "SCHWARZ", Some("ARNOLD"), S, Some(MatchRule::Truncation)),
        ("SMITH", Some("AL"), "SMITH", Some("ALEXANDER"), D, None),
        ("SMITH", Some("XANDER"), "SMITH", Some("ALEXANDER"), D, None),
    ]);
    let strict = SimilarityPolicy { truncation_min_chars: 5, ..SimilarityPolicy::default() };
    let r = compare(&names_of("SMITH", Some("ALEX")), &names_of("SMITH", Some("ALEXANDER")), &strict);
    assert_eq!(r.verdict, IdentityVerdict::Different);
}

#[test]
fn sim_03_all_rules_are_evaluated_and_recorded() {
    // O'NEILL / ONEILL is both a single deletion and a punctuation difference.
    let r = run(&names_of("O'NEILL", Some("SEAN")), &names_of("ONEILL", Some("SEAN")));
    let rules = rules_of(&r, IdentityCategory::Names);
    assert!(rules.contains(&MatchRule::SingleEdit) && rules.contains(&MatchRule::Punctuation), "{rules:?}");
    let names = r.category(IdentityCategory::Names).unwrap();
    let pair = names.matches.iter().find(|m| m.rule == MatchRule::Punctuation).unwrap();
    assert_eq!((pair.left_field.as_str(), pair.left_value.as_str()), ("surname", "O'NEILL"));
    assert_eq!((pair.right_field.as_str(), pair.right_value.as_str()), ("surname", "ONEILL"));
}

#[test]
fn sim_03_sim_p3_variant_groups_name_their_script_and_hold_no_nickname_or_translation() {
    let variants = &super::tables::get().variants;
    // Every group names the non-Latin script its name is written in (the parser refuses a
    // group without one); the table's groups cover the three scripts.
    for word in ["MOHAMMED", "ALEKSANDR", "GEORGIOS"] {
        assert!(variants.script_of(word).is_some_and(|s| s != "latin"), "{word}");
    }
    // Nicknames, short forms and translations are other names: no variant-spelling rule joins
    // them (some are similar by another rule, e.g. DIMITRIS / DIMITRIOS by one edit).
    let other_names = [
        ("JIM", "JAMES"),
        ("BOB", "ROBERT"),
        ("SASHA", "ALEKSANDR"),
        ("OLEKSANDR", "ALEKSANDR"),
        ("ALIAKSANDR", "ALEXANDER"),
        ("GIANNIS", "IOANNIS"),
        ("GIORGOS", "GEORGIOS"),
        ("DIMITRIS", "DIMITRIOS"),
        ("JOSEPH", "GIUSEPPE"),
        ("GEORGE", "GEORGIOS"),
        ("MEHMET", "MOHAMMED"),
        ("MOHD", "MOHAMMED"),
        ("ABDOULAYE", "ABDULLAH"),
        ("YEVHEN", "YEVGENI"),
    ];
    for (a, b) in other_names {
        let r = run(
            &person("NOWAK", a, "1990-05-07", Sex::M, "POL"),
            &person("NOWAK", b, "1990-05-07", Sex::M, "POL"),
        );
        assert!(!rules_of(&r, IdentityCategory::Names).contains(&MatchRule::VariantSpelling), "{a} / {b}");
    }
    // A transliteration variant of one name still is.
    let r = run(
        &person("NOWAK", "YOUSSEF", "1990-05-07", Sex::M, "POL"),
        &person("NOWAK", "YUSUF", "1990-05-07", Sex::M, "POL"),
    );
    assert!(rules_of(&r, IdentityCategory::Names).contains(&MatchRule::VariantSpelling));
}

// ---------------------------------------------------------------- SIM-04: dates of birth

fn dob_case(left: &str, right: &str) -> IdentityComparison {
    run(&person("SMITH", "JOHN", left, Sex::M, "GBR"), &person("SMITH", "JOHN", right, Sex::M, "GBR"))
}

#[test]
fn sim_04_day_and_month_swapped() {
    let r = dob_case("1990-05-07", "1990-07-05");
    assert_eq!(r.verdict, IdentityVerdict::Similar);
    assert_eq!(rules_of(&r, IdentityCategory::DateOfBirth), [MatchRule::DayMonthSwap]);
    let r = dob_case("1990-05-07", "1991-07-05");
    assert_eq!(verdict_of(&r, IdentityCategory::DateOfBirth), CategoryVerdict::Different);
    assert_eq!(r.verdict, IdentityVerdict::Different);
}

#[test]
fn sim_04_one_character_differs() {
    for (a, b) in [("1990-05-07", "1990-05-08"), ("1990-05-07", "1980-05-07"), ("1990-05-17", "1990-05-07")] {
        let r = dob_case(a, b);
        assert_eq!(r.verdict, IdentityVerdict::Similar, "{a} {b}");
        assert!(rules_of(&r, IdentityCategory::DateOfBirth).contains(&MatchRule::SingleEdit), "{a} {b}");
    }
    for (a, b) in [("1990-05-07", "1990-06-08"), ("1990-05-07", "1989-05-07")] {
        assert_eq!(dob_case(a, b).verdict, IdentityVerdict::Different, "{a} {b}");
    }
}

#[test]
fn sim_04_sim_p4_partial_dates_are_similar_only_by_their_written_form() {
    for (a, b) in [("1990-05-00", "1990-05-07"), ("1990-05-30", "1990-05-00"), ("1990-00-00", "1991-00-00")] {
        let r = dob_case(a, b);
        assert_eq!(r.verdict, IdentityVerdict::Similar, "{a} {b}");
        assert_eq!(rules_of(&r, IdentityCategory::DateOfBirth), [MatchRule::SingleEdit], "{a} {b}");
    }
    // Version 1 made these similar because the known parts agree; Annex II §3.2 does not.
    for (a, b) in [("1990-05-00", "1990-05-17"), ("1990-00-00", "1990-05-07"), ("1990-05-07", "1990-00-00")] {
        assert_eq!(dob_case(a, b).verdict, IdentityVerdict::Different, "{a} {b}");
    }
    for (a, b) in [("1990-05-00", "1990-08-07"), ("1990-00-00", "1992-05-07")] {
        assert_eq!(dob_case(a, b).verdict, IdentityVerdict::Different, "{a} {b}");
    }
}

#[test]
fn sim_04_sim_p6_dates_written_in_another_calendar_are_similar() {
    // Ethiopian 29 Miyazya 1982 and Thai 7 May 2533 are 7 May 1990.
    for (a, b) in [("1982-08-29", "1990-05-07"), ("1990-05-07", "2533-05-07")] {
        let r = dob_case(a, b);
        assert_eq!(r.verdict, IdentityVerdict::Similar, "{a} {b}");
        assert_eq!(rules_of(&r, IdentityCategory::DateOfBirth), [MatchRule::CalendarConversion], "{a} {b}");
    }
    // One day off in the Ethiopian calendar (no tolerance) and a Thai year read as 542 ahead.
    for (a, b) in [("1982-08-28", "1990-05-07"), ("1990-05-07", "2532-05-07")] {
        assert_eq!(dob_case(a, b).verdict, IdentityVerdict::Different, "{a} {b}");
    }
    let without = SimilarityPolicy { calendar_conversions: Vec::new(), ..SimilarityPolicy::default() };
    let r = compare(
        &person("SMITH", "JOHN", "1982-08-29", Sex::M, "GBR"),
        &person("SMITH", "JOHN", "1990-05-07", Sex::M, "GBR"),
        &without,
    );
    assert_eq!(r.verdict, IdentityVerdict::Different);
}

#[test]
fn sim_04_alias_dates_of_birth_count() {
    let left = person("SMITH", "JOHN", "1970-01-01", Sex::M, "GBR");
    let mut right = person("SMITH", "JOHN", "1980-03-04", Sex::M, "GBR");
    right
        .aliases
        .push(AliasIdentity { date_of_birth: Some("1970-01-01".parse().unwrap()), ..alias(None, None) });
    let r = run(&left, &right);
    assert_eq!(r.verdict, IdentityVerdict::Same);
    let dob = r.category(IdentityCategory::DateOfBirth).unwrap();
    assert_eq!(dob.matches[0].right_field, "aliases[0].date_of_birth");
}

// ---------------------------------------------------------------- SIM-05: sex

#[test]
fn sim_05_sex_has_no_similarity() {
    let r = run(
        &person("SMITH", "JOHN", "1980-01-02", Sex::M, "GBR"),
        &person("SMITH", "JOHN", "1980-01-02", Sex::F, "GBR"),
    );
    assert_eq!(verdict_of(&r, IdentityCategory::Sex), CategoryVerdict::Different);
    assert_eq!(r.verdict, IdentityVerdict::Different);
}

#[test]
fn sim_05_x_equals_x_and_differs_from_m_and_missing_sex_is_missing() {
    let x = person("SMITH", "ALEX", "1980-01-02", Sex::X, "GBR");
    assert_eq!(run(&x, &x).verdict, IdentityVerdict::Same);
    let m = person("SMITH", "ALEX", "1980-01-02", Sex::M, "GBR");
    assert_eq!(verdict_of(&run(&x, &m), IdentityCategory::Sex), CategoryVerdict::Different);
    let mut none = m.clone();
    none.sex = None;
    let r = run(&m, &none);
    assert_eq!(verdict_of(&r, IdentityCategory::Sex), CategoryVerdict::Missing);
    assert_eq!(r.verdict, IdentityVerdict::Different);
}

// ---------------------------------------------------------------- SIM-06: nationality / place

fn place_case(left_nat: &str, left_place: &str, right_nat: &str, right_place: &str) -> IdentityComparison {
    run(
        &with_place(person("SMITH", "JOHN", "1980-01-02", Sex::M, left_nat), left_place),
        &with_place(person("SMITH", "JOHN", "1980-01-02", Sex::M, right_nat), right_place),
    )
}

#[test]
fn sim_06_place_of_birth_by_transliteration() {
    let r = place_case("RUS", "Москва", "UKR", "MOSKVA");
    assert_eq!(r.verdict, IdentityVerdict::Similar);
    assert_eq!(rules_of(&r, IdentityCategory::NationalityOrPlaceOfBirth), [MatchRule::Transliteration]);
    assert_eq!(place_case("RUS", "Москва", "UKR", "KYIV").verdict, IdentityVerdict::Different);
}

#[test]
fn sim_06_place_of_birth_by_one_character_edit() {
    let r = place_case("NLD", "ROTTERDAM", "BEL", "ROTERDAM");
    assert_eq!(rules_of(&r, IdentityCategory::NationalityOrPlaceOfBirth), [MatchRule::SingleEdit]);
    assert_eq!(place_case("NLD", "ROTTERDAM", "BEL", "ROTERDAN").verdict, IdentityVerdict::Different);
}

#[test]
fn sim_06_place_of_birth_by_known_renaming() {
    for (a, b) in [
        ("BOMBAY", "Mumbai"),
        ("Königsberg", "KALININGRAD"),
        ("SANKT-PETERBURG", "LENINGRAD"),
        ("Ceylon", "SRI LANKA"),
    ] {
        let r = place_case("IND", a, "GBR", b);
        assert_eq!(r.verdict, IdentityVerdict::Similar, "{a} {b}");
        assert!(
            rules_of(&r, IdentityCategory::NationalityOrPlaceOfBirth).contains(&MatchRule::Renaming),
            "{a} {b}"
        );
    }
    assert_eq!(place_case("IND", "BOMBAY", "GBR", "CHENNAI").verdict, IdentityVerdict::Different);
}

#[test]
fn sim_06_nationality_codes_by_renaming_but_not_by_one_character_edit() {
    let r = run(
        &person("SMITH", "JOHN", "1980-01-02", Sex::M, "ANT"),
        &person("SMITH", "JOHN", "1980-01-02", Sex::M, "CUW"),
    );
    assert_eq!(r.verdict, IdentityVerdict::Similar);
    assert_eq!(rules_of(&r, IdentityCategory::NationalityOrPlaceOfBirth), [MatchRule::Renaming]);
    // AUT and AUS are one character apart and two different countries.
    let r = run(
        &person("SMITH", "JOHN", "1980-01-02", Sex::M, "AUT"),
        &person("SMITH", "JOHN", "1980-01-02", Sex::M, "AUS"),
    );
    assert_eq!(verdict_of(&r, IdentityCategory::NationalityOrPlaceOfBirth), CategoryVerdict::Different);
    assert_eq!(r.verdict, IdentityVerdict::Different);
}

#[test]
fn sim_06_country_of_birth_is_compared_with_country_of_birth() {
    let mut left = person("SMITH", "JOHN", "1980-01-02", Sex::M, "GBR");
    left.country_of_birth = Some(CountryCode::new("IRL").unwrap());
    let mut right = person("SMITH", "JOHN", "1980-01-02", Sex::M, "USA");
    right.country_of_birth = Some(CountryCode::new("IRL").unwrap());
    assert_eq!(run(&left, &right).verdict, IdentityVerdict::Similar);
}

// ---------------------------------------------------------------- SIM-07: combination

#[test]
fn sim_07_similar_needs_every_category_equal_or_similar_and_sex_equal() {
    let left = person("SMITH", "JOHN", "1980-01-02", Sex::M, "GBR");
    let r = run(&left, &person("SMYTH", "JON", "1980-02-01", Sex::M, "GBR"));
    assert_eq!(r.verdict, IdentityVerdict::Similar);
    let r = run(&left, &person("SMYTH", "JON", "1980-02-01", Sex::F, "GBR"));
    assert_eq!(r.verdict, IdentityVerdict::Different);
    let r = run(&left, &person("SMYTH", "JON", "1980-02-01", Sex::M, "FRA"));
    assert_eq!(r.verdict, IdentityVerdict::Different);
}

#[test]
fn sim_07_a_category_missing_on_one_side_makes_the_pair_different() {
    let left = person("SMITH", "JOHN", "1980-01-02", Sex::M, "GBR");
    let mut right = left.clone();
    right.nationalities.clear();
    let r = run(&left, &right);
    assert_eq!(verdict_of(&r, IdentityCategory::NationalityOrPlaceOfBirth), CategoryVerdict::Missing);
    assert_eq!(r.verdict, IdentityVerdict::Different);
    let mut no_date = left.clone();
    no_date.date_of_birth = None;
    assert_eq!(verdict_of(&run(&left, &no_date), IdentityCategory::DateOfBirth), CategoryVerdict::Missing);
    let r = run(&left, &IdentityData { surname: None, first_names: None, ..left.clone() });
    assert_eq!(verdict_of(&r, IdentityCategory::Names), CategoryVerdict::Missing);
    assert!(r.category(IdentityCategory::Names).unwrap().matches.is_empty());
}

#[test]
fn sim_07_categories_are_reported_in_order_with_the_policy() {
    let r =
        run(&person("A B", "C", "1980-01-02", Sex::M, "GBR"), &person("X", "Y", "1999-01-02", Sex::F, "FRA"));
    let order: Vec<IdentityCategory> = r.categories.iter().map(|c| c.category).collect();
    assert_eq!(
        order,
        [
            IdentityCategory::Names,
            IdentityCategory::DateOfBirth,
            IdentityCategory::Sex,
            IdentityCategory::NationalityOrPlaceOfBirth
        ]
    );
    assert!(r.categories.iter().all(|c| c.verdict == CategoryVerdict::Different && c.matches.is_empty()));
    assert_eq!(r.policy, "jha-interop-reference@2.0.0");
}

#[test]
fn comparison_is_symmetric_in_its_verdicts() {
    let cases = [
        (
            person("Иванов", "Юрий", "1990-05-07", Sex::M, "RUS"),
            person("IVANOV", "YURIY", "1990-07-05", Sex::M, "RUS"),
        ),
        (names_of("GARCIA LOPEZ ANA", None), names_of("GARCIA LOPEZ", Some("ANA"))),
        (
            person("SHAW", "DANIELLA", "1990-05-00", Sex::F, "GBR"),
            person("DANIELLA", "SHAW", "1990-05-07", Sex::F, "GBR"),
        ),
    ];
    for (a, b) in &cases {
        let (ab, ba) = (run(a, b), run(b, a));
        assert_eq!(ab.verdict, ba.verdict);
        for (x, y) in ab.categories.iter().zip(&ba.categories) {
            assert_eq!(x.verdict, y.verdict, "{:?}", x.category);
        }
    }
}

// ---------------------------------------------------------------- robustness

fn name_text() -> impl Strategy<Value = Option<Name>> {
    prop_oneof![
        1 => Just(None),
        4 => any::<String>().prop_map(|s| Name::new(s).ok()),
        4 => "[\\p{Cyrillic}\\p{Greek}\\p{Arabic}\\p{Latin} '\\-,.]{1,30}".prop_map(|s| Name::new(s).ok()),
        2 => "[A-Z<X ]{1,20}".prop_map(|s| Name::new(s).ok()),
    ]
}

fn partial_date() -> impl Strategy<Value = Option<PartialDate>> {
    (1800u16..3000, 0u8..=12, 0u8..=31).prop_map(|(y, m, d)| {
        let month = (m != 0).then_some(m);
        let day = (d != 0 && month.is_some()).then_some(d);
        PartialDate::new(y, month, day).ok()
    })
}

/// Any code of the data model: ISO 3166-1 alpha-3 or an ICAO extra code.
fn country() -> impl Strategy<Value = CountryCode> {
    use crate::country::{ICAO_EXTRA_CODES, ISO_3166_1_ALPHA3};
    let codes: Vec<&'static str> =
        ISO_3166_1_ALPHA3.iter().copied().chain(ICAO_EXTRA_CODES.iter().map(|c| c.code)).collect();
    prop::sample::select(codes).prop_map(|code| CountryCode::new(code).expect("code of the model's tables"))
}

fn sex() -> impl Strategy<Value = Option<Sex>> {
    prop_oneof![Just(None), Just(Some(Sex::M)), Just(Some(Sex::F)), Just(Some(Sex::X))]
}

fn alias_identity() -> impl Strategy<Value = AliasIdentity> {
    (name_text(), name_text(), partial_date(), sex(), prop::collection::vec(country(), 0..2)).prop_map(
        |(surname, first_names, date_of_birth, sex, nationalities)| AliasIdentity {
            status: AliasStatus::Alias,
            surname,
            first_names,
            date_of_birth,
            sex,
            nationalities,
        },
    )
}

pub(super) fn arbitrary_identity() -> impl Strategy<Value = IdentityData> {
    (
        (name_text(), name_text(), name_text()),
        prop::collection::vec((name_text(), name_text()), 0..2),
        prop::collection::vec(alias_identity(), 0..2),
        (partial_date(), sex(), prop::collection::vec(country(), 0..3)),
        (any::<String>().prop_map(|s| PlaceName::new(s).ok()), prop::option::of(country())),
    )
        .prop_map(
            |(
                (surname, first_names, surname_at_birth),
                previous,
                aliases,
                (dob, sex, nationalities),
                (place, cob),
            )| {
                IdentityData {
                    surname,
                    first_names,
                    surname_at_birth,
                    previous_names: previous
                        .into_iter()
                        .map(|(surname, first_names)| PreviousName { surname, first_names })
                        .collect(),
                    aliases,
                    date_of_birth: dob,
                    sex,
                    nationalities,
                    place_of_birth: place,
                    country_of_birth: cob,
                }
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// No input to `compare` panics; the result is well formed and symmetric, and a complete
    /// record is never DIFFERENT from itself (a partial date of birth is never equal, not even
    /// to itself: POLICY SIM-P4).
    #[test]
    fn compare_never_panics(left in arbitrary_identity(), right in arbitrary_identity()) {
        let r = run(&left, &right);
        prop_assert_eq!(r.categories.len(), 4);
        if r.verdict == IdentityVerdict::Same {
            prop_assert!(r.categories.iter().all(|c| c.verdict == CategoryVerdict::Equal));
        }
        prop_assert_eq!(run(&right, &left).verdict, r.verdict);
        let complete = left.surname.is_some()
            && left.first_names.is_some()
            && left.date_of_birth.is_some_and(|d| d.is_complete())
            && left.sex.is_some()
            && !left.nationalities.is_empty();
        if complete {
            prop_assert_ne!(run(&left, &left).verdict, IdentityVerdict::Different);
        }
    }

    /// `to_mrz_latin` never panics and always returns A-Z words separated by single spaces.
    #[test]
    fn to_mrz_latin_output_is_mrz_clean(text in any::<String>()) {
        let out = to_mrz_latin(&text);
        prop_assert!(out.bytes().all(|b| b.is_ascii_uppercase() || b == b' '));
        prop_assert!(!out.starts_with(' ') && !out.ends_with(' ') && !out.contains("  "));
    }
}
