//! Faults of the identity comparison (SIM-01 to SIM-07): each rewrites the verdict a link's
//! basis shows, and the automatic colour that follows from it, where a matcher with that bug
//! would have decided otherwise.

use jha_interop::matching::identity::CalendarConversion;
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

/// Pairs of names a table with nicknames and other languages' forms would join.
const NICKNAMES: [(&str, &str); 4] =
    [("IOANNIS", "GIANNIS"), ("GEORGIOS", "GIORGOS"), ("MOHAMMED", "MEHMET"), ("ABDULLAH", "ABDOULAYE")];

fn nickname_pair(a: &IdentityData, b: &IdentityData) -> bool {
    let (x, y) = (name(&a.first_names).to_uppercase(), name(&b.first_names).to_uppercase());
    NICKNAMES.iter().any(|(p, q)| (x == *p && y == *q) || (x == *q && y == *p))
}

/// One date partial, and every part known on both sides equal: version 1's rule.
fn known_parts_agree(a: &IdentityData, b: &IdentityData) -> bool {
    let agree = |x: Option<u8>, y: Option<u8>| x.is_none() || y.is_none() || x == y;
    match (a.date_of_birth, b.date_of_birth) {
        (Some(x), Some(y)) => {
            (!x.is_complete() || !y.is_complete())
                && x.year() == y.year()
                && agree(x.month(), y.month())
                && agree(x.day(), y.day())
        }
        _ => false,
    }
}

/// Either date, read in the Ethiopian calendar with its day moved by `shift`, is the other.
fn ethiopian(a: &IdentityData, b: &IdentityData, shift: i8) -> bool {
    let read = |x: PartialDate, y: PartialDate| {
        let day = x.day().and_then(|d| d.checked_add_signed(shift));
        PartialDate::new(x.year(), x.month(), day).is_ok_and(|moved| {
            moved.is_complete() && CalendarConversion::Ethiopian.readings(moved).contains(&y)
        })
    };
    match (a.date_of_birth, b.date_of_birth) {
        (Some(x), Some(y)) => read(x, y) || read(y, x),
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
        Fault::SimNicknameVariant
            if verdict == Different && a.surname == b.surname && same_rest && nickname_pair(a, b) =>
        {
            Some(Similar)
        }
        Fault::SimPartialDateByMonth
            if verdict == Different
                && same_names
                && a.sex == b.sex
                && common_nationality(a, b)
                && known_parts_agree(a, b) =>
        {
            Some(Similar)
        }
        Fault::SimCalendarConversionMissing | Fault::SimEthiopianDayOff
            if verdict == Similar && same_names && ethiopian(a, b, 0) =>
        {
            Some(Different)
        }
        Fault::SimEthiopianDayOff
            if verdict == Different
                && same_names
                && a.sex == b.sex
                && common_nationality(a, b)
                && (ethiopian(a, b, 1) || ethiopian(a, b, -1)) =>
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
