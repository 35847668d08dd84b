use std::collections::BTreeSet;
use std::fmt::Debug;

use schemars::JsonSchema;
use serde::Serialize;

use super::*;

/// The names serde gives the values of `T`, read from its JSON Schema.
fn schema_names<T: JsonSchema>() -> BTreeSet<String> {
    fn collect(value: &serde_json::Value, out: &mut BTreeSet<String>) {
        match value {
            serde_json::Value::Object(o) => {
                for (key, v) in o {
                    match (key.as_str(), v) {
                        ("const", serde_json::Value::String(s)) => {
                            out.insert(s.clone());
                        }
                        ("enum", serde_json::Value::Array(items)) => {
                            out.extend(items.iter().filter_map(|i| i.as_str().map(str::to_string)))
                        }
                        _ => collect(v, out),
                    }
                }
            }
            serde_json::Value::Array(items) => items.iter().for_each(|i| collect(i, out)),
            _ => {}
        }
    }
    let schema = serde_json::to_value(schemars::schema_for!(T)).expect("a schema is JSON");
    let mut out = BTreeSet::new();
    collect(&schema, &mut out);
    out
}

fn serde_name<T: Serialize>(value: T) -> String {
    serde_json::to_value(value).expect("a unit variant is JSON").as_str().expect("a string").to_string()
}

/// Every spelling reads as its value, in any case; the parameter's regex is exactly the
/// spellings; an unknown spelling names every accepted one.
fn check_spellings<T: Spelling + PartialEq + Debug>() {
    for (spelling, value) in T::SPELLINGS {
        assert_eq!(spelling.parse::<Spelled<T>>().map(|s| s.0), Ok(*value), "{spelling}");
        let shouted = format!("  {}  ", spelling.to_uppercase());
        assert_eq!(shouted.parse::<Spelled<T>>().map(|s| s.0), Ok(*value), "{shouted}");
    }
    let regex = regex::Regex::new(&format!("^(?:{})$", T::REGEX)).expect("the parameter's regex compiles");
    assert_eq!(regex.captures_len(), 1, "{}: a parameter's regex has no capturing group", T::NAME);
    for (spelling, _) in T::SPELLINGS {
        assert!(regex.is_match(spelling), "{}: the regex does not match {spelling:?}", T::NAME);
    }
    let in_regex: BTreeSet<&str> = T::REGEX.split('|').collect();
    let in_table: BTreeSet<&str> = T::SPELLINGS.iter().map(|(s, _)| *s).collect();
    assert_eq!(in_regex, in_table, "{}: the regex lists other spellings than the table", T::NAME);

    let error = "no such thing".parse::<Spelled<T>>().expect_err("an unknown spelling is refused");
    let text = error.to_string();
    assert!(text.contains(T::WHAT) && text.contains("\"no such thing\""), "{text}");
    for (spelling, _) in T::SPELLINGS {
        assert!(text.contains(&format!("{spelling:?}")), "{text} does not name {spelling:?}");
    }
    for (_, value) in T::SPELLINGS {
        let spelling = value.spelling();
        assert_eq!(spelling.parse::<Spelled<T>>().map(|s| s.0), Ok(*value), "{spelling} reads back");
        assert_eq!(Spelled(*value).to_string(), spelling);
    }
    // Cucumber shows a capture it cannot read with the error's Debug: the same sentence.
    assert_eq!(format!("{error:?}"), text);
}

/// Every value of `T` has a spelling.
fn check_every_value_spelled<T: Spelling + Serialize + JsonSchema>() {
    let spelled: BTreeSet<String> = T::SPELLINGS.iter().map(|(_, v)| serde_name(*v)).collect();
    assert_eq!(spelled, schema_names::<T>(), "{}: a value has no spelling", T::NAME);
}

/// The spellings of `T` are its serde names in words, as the steps read them before.
fn check_words_are_serde_names<T: Spelling + Serialize>() {
    for (spelling, value) in T::SPELLINGS {
        assert_eq!(
            spelling.to_lowercase().replace(' ', "_"),
            serde_name(*value).to_lowercase(),
            "{spelling}"
        );
    }
}

#[test]
fn every_spelling_reads_and_an_unknown_one_names_the_choices() {
    check_spellings::<LinkColour>();
    check_spellings::<Component>();
    check_spellings::<VerificationOutcome>();
    check_spellings::<WithholdingGround>();
    check_spellings::<NoticeStatement>();
    check_spellings::<IdentityVerdict>();
    check_spellings::<IdentityCategory>();
    check_spellings::<MatchRule>();
    check_spellings::<ReportKind>();
    check_spellings::<Dimension>();
    check_spellings::<Modality>();
    check_spellings::<SourceOutcome>();
    check_spellings::<Art20Circumstance>();
    check_spellings::<RequestKind>();
    check_spellings::<RequestDeadline>();
    check_spellings::<DataType>();
    check_spellings::<TimeUnit>();
    check_spellings::<BiometricQuery>();
    check_spellings::<Verdict>();
    check_spellings::<Presence>();
    check_spellings::<LinkChange>();
    check_spellings::<RequestState>();
    check_spellings::<Boundary>();
    check_spellings::<RightsRefusal>();
    check_spellings::<UnusableBiometrics>();
    check_spellings::<SamePerson>();
    check_spellings::<ErrorKind>();
}

#[test]
fn every_value_has_a_spelling() {
    check_every_value_spelled::<LinkColour>();
    check_every_value_spelled::<Component>();
    check_every_value_spelled::<VerificationOutcome>();
    check_every_value_spelled::<WithholdingGround>();
    check_every_value_spelled::<NoticeStatement>();
    check_every_value_spelled::<IdentityVerdict>();
    check_every_value_spelled::<IdentityCategory>();
    check_every_value_spelled::<MatchRule>();
    check_every_value_spelled::<ReportKind>();
    check_every_value_spelled::<Dimension>();
    check_every_value_spelled::<Modality>();
    check_every_value_spelled::<SourceOutcome>();
    check_every_value_spelled::<Art20Circumstance>();
    check_every_value_spelled::<RequestKind>();
    check_every_value_spelled::<RequestDeadline>();
    check_every_value_spelled::<DataType>();
}

#[test]
fn statistics_and_rules_are_spelled_as_their_serde_names_in_words() {
    check_words_are_serde_names::<ReportKind>();
    check_words_are_serde_names::<Dimension>();
    check_words_are_serde_names::<MatchRule>();
    check_words_are_serde_names::<LinkColour>();
    check_words_are_serde_names::<Component>();
    check_words_are_serde_names::<RequestKind>();
    check_words_are_serde_names::<RequestDeadline>();
    check_words_are_serde_names::<DataType>();
}

#[test]
fn lists_are_read_item_by_item() {
    let read = |text: &str| {
        text.parse::<List<Spelled<DataType>>>().map(|l| l.0.into_iter().map(|t| t.0).collect::<Vec<_>>())
    };
    assert_eq!(read("fingerprint, identity data"), Ok(vec![DataType::Fingerprint, DataType::IdentityData]));
    assert_eq!(read("travel document data"), Ok(vec![DataType::TravelDocumentData]));
    assert!(read("fingerprint, palm").is_err_and(|e| e.given == "palm"));
}

#[test]
fn a_spelling_is_read_whole() {
    assert!("different persons, unjustified and more".parse::<Spelled<VerificationOutcome>>().is_err());
    assert!("re".parse::<Spelled<LinkColour>>().is_err());
    assert_eq!(
        "different persons, unjustified".parse::<Spelled<VerificationOutcome>>().map(|s| s.0),
        Ok(VerificationOutcome::DifferentPersonsUnjustified)
    );
}

#[test]
fn an_optional_capture_left_out_is_none() {
    assert_eq!("".parse::<Optional<Spelled<Component>>>(), Ok(Optional(None)));
    assert_eq!("CIR".parse::<Optional<Spelled<Component>>>(), Ok(Optional(Some(Spelled(Component::Cir)))));
    assert!("CIRCUS".parse::<Optional<Spelled<Component>>>().is_err());
    assert_eq!("".parse::<Optional<u8>>(), Ok(Optional(None)));
    assert_eq!("7".parse::<Optional<u8>>(), Ok(Optional(Some(7))));
}

#[test]
fn actors_are_roles_or_the_phrases_that_name_one_through_the_data() {
    assert_eq!("the responsible authority".parse::<Actor>(), Ok(Actor::ResponsibleAuthority));
    assert_eq!(
        "the police of a Member State without the Art 20 legislation".parse::<Actor>(),
        Ok(Actor::PoliceWithoutArt20Legislation)
    );
    let border: Role = "the border authority of DEU".parse().expect("a role");
    assert_eq!("the border authority of DEU".parse::<Actor>(), Ok(Actor::Role(border)));
    assert_eq!(Actor::Role(border).named(), Ok(border));
    assert!(Actor::ResponsibleAuthority.named().is_err());
    let unknown = "the mayor of DEU".parse::<Actor>().expect_err("no such role");
    // Cucumber shows a capture it cannot read with the error's Debug: the same sentence.
    assert_eq!(format!("{unknown:?}"), unknown.to_string());
    assert!(unknown.to_string().contains("the border authority of DEU"), "{unknown}");
}

#[test]
fn lists_of_systems_are_sorted_sets() {
    let read = |text: &str| text.parse::<Systems>().map(|s| s.0);
    assert_eq!(read("VIS, EES and VIS"), Ok(vec![SourceSystem::Ees, SourceSystem::Vis]));
    assert_eq!(read("ECRIS-TCN,INTERPOL_SLTD"), Ok(vec![SourceSystem::EcrisTcn, SourceSystem::InterpolSltd]));
    assert_eq!(read("NONE"), Ok(Vec::new()));
    assert!(read("EES, MARS").is_err_and(|e| e.to_string().contains("ECRIS_TCN")));
}

#[test]
fn time_units_count_milliseconds() {
    let read = |text: &str| text.parse::<Spelled<TimeUnit>>().map(|u| u.0.millis());
    assert_eq!(read("minutes"), Ok(60_000));
    assert_eq!(read("hour"), Ok(3_600_000));
    assert_eq!(read("days"), Ok(86_400_000));
}

#[test]
fn a_link_ends_in_a_colour_erased_or_refused() {
    assert_eq!("green".parse::<LinkEnd>(), Ok(LinkEnd::Colour(LinkColour::Green)));
    assert_eq!("erased".parse::<LinkEnd>(), Ok(LinkEnd::Erased));
    assert_eq!("refused".parse::<LinkEnd>(), Ok(LinkEnd::Refused));
    let error = "lost".parse::<LinkEnd>().expect_err("not an end").to_string();
    for word in ["white", "yellow", "green", "red", "erased", "refused"] {
        assert!(error.contains(word), "{error}");
    }
}

#[test]
fn operations_are_named_by_their_operation_id() {
    for route in ROUTES {
        assert_eq!(route.operation_id.parse::<Operation>(), Ok(Operation(route.call)));
    }
    let error = "GetEverything".parse::<Operation>().expect_err("no such call").to_string();
    assert!(error.contains("\"GetEverything\"") && error.contains("\"whoami\""), "{error}");
}

#[test]
fn a_refusal_of_a_right_allows_not_found_only_when_the_scenario_says_so() {
    let kinds = |text: &str| text.parse::<Spelled<RightsRefusal>>().map(|r| r.0.kinds());
    assert_eq!(kinds("forbidden"), Ok(&[ErrorKind::Forbidden][..]));
    assert_eq!(kinds("forbidden or not found"), Ok(&[ErrorKind::Forbidden, ErrorKind::NotFound][..]));
}

#[test]
fn the_subject_of_a_query_is_a_person_a_document_or_fingerprints() {
    assert_eq!(
        "Ana GARCÍA born 1990-05-07".parse::<QuerySubject>(),
        Ok(QuerySubject::Person { name: "Ana GARCÍA".into(), born: "1990-05-07".parse().expect("a date") })
    );
    assert_eq!(
        "travel document PA1000001".parse::<QuerySubject>(),
        Ok(QuerySubject::TravelDocument(DocumentNumber::new("PA1000001").expect("a number")))
    );
    assert_eq!(
        "fingerprints F1, F2".parse::<QuerySubject>(),
        Ok(QuerySubject::Fingerprints("F1, F2".into()))
    );
    let error = "Ana GARCÍA".parse::<QuerySubject>().expect_err("no date").to_string();
    assert!(error.contains("<person> born <date>") && error.contains("travel document <number>"), "{error}");
    assert!("Ana GARCÍA born yesterday".parse::<QuerySubject>().is_err());
    let unknown = "travel document ".parse::<QuerySubject>().expect_err("no number");
    assert_eq!(format!("{unknown:?}"), unknown.to_string());
}
