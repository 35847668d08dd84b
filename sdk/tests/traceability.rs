//! Traceability: every requirement ID of REQUIREMENTS.md §1–8 is checked by at least one test of
//! the SDK, named in the test's name (`mid_07_...`) or in the doc comment above it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use jha_interop::testdata::{Dataset, require};

const PREFIXES: [&str; 8] = ["ESP", "BMS", "CIR", "MID", "SIM", "DQ", "CRRS", "LOG"];

/// Requirements the catalogue added that the SDK does not implement yet, each with why. They are
/// listed, not hidden: the test fails when one of them gets a test (take it off the list then)
/// or leaves the catalogue, and the conformance registry reports them as not tested with the
/// same reason.
const NOT_YET_IMPLEMENTED: &[(&str, &str)] = &[];

/// The IDs in the first column of the requirement tables of §1–8.
fn catalogue_ids(text: &str) -> BTreeSet<String> {
    text.lines()
        .filter_map(|line| line.strip_prefix("| "))
        .filter_map(|rest| rest.split(' ').next())
        .filter(|id| PREFIXES.iter().any(|p| id.starts_with(&format!("{p}-"))))
        .filter(|id| {
            id.rsplit('-').next().is_some_and(|n| n.len() == 2 && n.bytes().all(|b| b.is_ascii_digit()))
        })
        .map(str::to_string)
        .collect()
}

/// IDs named by a test: `esp_01_03_04_...` names ESP-01, ESP-03 and ESP-04.
fn ids_in_name(name: &str) -> Vec<String> {
    let mut parts = name.split('_');
    let Some(prefix) = parts.next().map(str::to_ascii_uppercase) else { return Vec::new() };
    if !PREFIXES.contains(&prefix.as_str()) {
        return Vec::new();
    }
    parts
        .take_while(|p| p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit()))
        .map(|n| format!("{prefix}-{n}"))
        .collect()
}

/// IDs written in a doc comment: `ESP-06`, `MID-07`.
fn ids_in_text(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for prefix in PREFIXES {
        let pattern = format!("{prefix}-");
        let mut rest = text;
        while let Some(at) = rest.find(&pattern) {
            let digits: String =
                rest[at + pattern.len()..].chars().take_while(char::is_ascii_digit).collect();
            if digits.len() == 2 {
                out.push(format!("{prefix}-{digits}"));
            }
            rest = &rest[at + pattern.len()..];
        }
    }
    out
}

/// Test functions and the IDs each names, from the Rust files under `dir`.
fn tested_ids(dir: &Path, found: &mut BTreeMap<String, Vec<String>>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            tested_ids(&path, found);
            continue;
        }
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let Some(name) =
                line.trim_start().strip_prefix("fn ").or_else(|| line.trim_start().strip_prefix("async fn "))
            else {
                continue;
            };
            let name: String = name.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            // Walk up over attributes and doc comments; a test has #[test] or #[tokio::test].
            let mut docs = String::new();
            let mut is_test = false;
            for above in lines[..i].iter().rev() {
                let above = above.trim();
                if above.starts_with("#[test]") || above.starts_with("#[tokio::test") {
                    is_test = true;
                } else if let Some(doc) = above.strip_prefix("///") {
                    docs.push_str(doc);
                } else if !above.starts_with("#[") {
                    break;
                }
            }
            // proptest! bodies declare `fn` after a `#[test]` inside the macro: same rule.
            if !is_test {
                continue;
            }
            for id in ids_in_name(&name).into_iter().chain(ids_in_text(&docs)) {
                found.entry(id).or_default().push(format!("{}::{name}", path.display()));
            }
        }
    }
}

#[test]
fn every_requirement_of_sections_1_to_8_is_tested() {
    let Some(spec) = require(Dataset::Spec, "the traceability check against REQUIREMENTS.md") else { return };
    let text = std::fs::read_to_string(spec.join("REQUIREMENTS.md")).expect("REQUIREMENTS.md is readable");
    let ids = catalogue_ids(&text);
    assert!(ids.len() >= 60, "the catalogue parsed badly: {ids:?}");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut found = BTreeMap::new();
    tested_ids(&root.join("src"), &mut found);
    tested_ids(&root.join("tests"), &mut found);
    let pending = |id: &str| NOT_YET_IMPLEMENTED.iter().any(|(p, _)| *p == id);
    let missing: Vec<&String> = ids.iter().filter(|id| !found.contains_key(*id) && !pending(id)).collect();
    assert!(missing.is_empty(), "requirements no test names: {missing:?}");
    for (id, why) in NOT_YET_IMPLEMENTED {
        assert!(ids.contains(*id), "{id} is listed as not yet implemented but is not in the catalogue");
        assert!(
            !found.contains_key(*id),
            "{id} is now tested ({:?}): take it off NOT_YET_IMPLEMENTED",
            found[*id]
        );
        assert!(!why.is_empty());
    }
    let unknown: Vec<&String> = found.keys().filter(|id| !ids.contains(*id)).collect();
    assert!(unknown.is_empty(), "tests name requirements that do not exist: {unknown:?}");
}

#[test]
fn names_and_docs_are_parsed() {
    assert_eq!(ids_in_name("mid_07_10_14_verification"), vec!["MID-07", "MID-10", "MID-14"]);
    assert_eq!(ids_in_name("dq_03_quality"), vec!["DQ-03"]);
    assert!(ids_in_name("clean_record_passes").is_empty());
    assert_eq!(ids_in_text(" MID-05, MID-06, POLICY MID-P1/P2: every row"), vec!["MID-05", "MID-06"]);
}
