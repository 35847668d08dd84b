//! Faults of the identity comparison (SIM-01 to SIM-07): each rewrites the verdict a link's
//! basis shows, and the automatic colour that follows from it, where a matcher with that bug
//! would have decided otherwise.

use jha_interop::model::*;

use super::{Fault, FaultySession};

/// The automatic colour of links without biometrics that share a document (MID-05, MID-06).
fn colour_without_biometrics(verdict: IdentityVerdict) -> LinkColour {
    match verdict {
        IdentityVerdict::Same | IdentityVerdict::Similar => LinkColour::White,
        IdentityVerdict::Different => LinkColour::Yellow,
    }
}

fn name(n: &Option<Name>) -> String {
    n.as_ref().map(|n| n.as_str().to_string()).unwrap_or_default()
}

/// Levenshtein distance of two names.
fn edits(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous + usize::from(ca != cb);
            previous = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(row[j + 1] + 1);
        }
    }
    row[b.len()]
}

fn without_punctuation(name: &str) -> String {
    name.chars().filter(|c| !matches!(c, '-' | '\'' | ',')).collect()
}

fn common_nationality(a: &IdentityData, b: &IdentityData) -> bool {
    a.nationalities.iter().any(|n| b.nationalities.contains(n))
}

fn swapped(a: &IdentityData, b: &IdentityData) -> bool {
    match (a.date_of_birth, b.date_of_birth) {
        (Some(x), Some(y)) => {
            x.year() == y.year()
                && x.month().is_some()
                && x.month() == y.day()
                && x.day() == y.month()
                && x != y
        }
        _ => false,
    }
}

/// The verdict the faulty matcher gives instead of `verdict` for `a` and `b`, if it differs.
fn faulty_verdict(
    fault: Fault,
    verdict: IdentityVerdict,
    a: &IdentityData,
    b: &IdentityData,
) -> Option<IdentityVerdict> {
    use IdentityVerdict::*;
    let same_names = a.surname == b.surname && a.first_names == b.first_names;
    let same_rest = a.date_of_birth == b.date_of_birth && a.sex == b.sex;
    match fault {
        Fault::SimAliasIgnored
            if verdict == Same && (!a.aliases.is_empty() || !b.aliases.is_empty()) && !same_names =>
        {
            Some(Different)
        }
        Fault::SimPlaceCountsAsNationality
            if verdict == Similar
                && same_names
                && same_rest
                && !common_nationality(a, b)
                && a.place_of_birth.is_some()
                && a.place_of_birth == b.place_of_birth =>
        {
            Some(Same)
        }
        Fault::SimTwoEditsSimilar
            if verdict == Different
                && a.first_names == b.first_names
                && same_rest
                && common_nationality(a, b)
                && edits(&name(&a.surname), &name(&b.surname)) == 2 =>
        {
            Some(Similar)
        }
        Fault::SimPunctuationRuleMissing
            if verdict == Similar
                && a.first_names == b.first_names
                && same_rest
                && without_punctuation(&name(&a.surname)) == without_punctuation(&name(&b.surname))
                && edits(&name(&a.surname), &name(&b.surname)) > 1 =>
        {
            Some(Different)
        }
        Fault::SimDateSwapNotSimilar if verdict == Similar && same_names && swapped(a, b) => Some(Different),
        Fault::SimSexUnknownSimilar
            if verdict == Different
                && same_names
                && a.date_of_birth == b.date_of_birth
                && a.sex != b.sex
                && (a.sex == Some(Sex::X) || b.sex == Some(Sex::X)) =>
        {
            Some(Similar)
        }
        Fault::SimPlaceEditNotSimilar
            if verdict == Similar
                && same_names
                && same_rest
                && !common_nationality(a, b)
                && a.place_of_birth != b.place_of_birth
                && edits(
                    a.place_of_birth.as_ref().map_or("", |p| p.as_str()),
                    b.place_of_birth.as_ref().map_or("", |p| p.as_str()),
                ) == 1 =>
        {
            Some(Different)
        }
        Fault::SimNationalityNotRequired
            if verdict == Different
                && a.first_names == b.first_names
                && a.sex == b.sex
                && edits(&name(&a.surname), &name(&b.surname)) <= 1
                && !common_nationality(a, b)
                && a.place_of_birth.is_none()
                && (a.date_of_birth == b.date_of_birth || swapped(a, b)) =>
        {
            Some(Similar)
        }
        _ => None,
    }
}

impl FaultySession {
    /// SIM faults: the basis (and the automatic colour of a link without biometrics sharing a
    /// document) as the faulty matcher has them.
    pub(super) fn tamper_similarity(&self, mut view: LinkView) -> LinkView {
        let Some(mut basis) = view.basis else { return view };
        let written: Vec<RecordWrite> = view
            .ends
            .iter()
            .filter_map(|e| e.record.as_ref().map(|id| RecordRef::new(e.system, id.clone())))
            .filter_map(|r| self.shared.written(&r))
            .collect();
        let [a, b] = written.as_slice() else { return view };
        let Some(verdict) = faulty_verdict(self.fault(), basis.identity, &a.identity, &b.identity) else {
            return view;
        };
        basis.identity = verdict;
        view.basis = Some(basis);
        if view.verification.is_none()
            && basis.biometric == BiometricBasis::Absent
            && basis.travel_document == DocumentBasis::Same
        {
            view.colour = colour_without_biometrics(verdict);
        }
        view
    }
}
