//! The harmonisation function applied before any "equal" test (POLICY SIM-P1).

use unicode_normalization::UnicodeNormalization;

/// Harmonises a name or place for comparison (POLICY SIM-P1): Unicode NFC, full Unicode upper
/// case (`ß` becomes `SS`, `ς` becomes `Σ`), outer white space trimmed and inner runs of white
/// space collapsed to one space.
///
/// Diacritics are kept: `MÜLLER` and `MULLER` stay different, because a diacritic difference is
/// a transliteration (SIMILAR), not an equality. Country codes need no harmonisation here: the
/// data model's `CountryCode` is already normalised.
///
/// ```
/// use jha_interop::matching::identity::harmonise;
/// assert_eq!(harmonise("  Straße \t de la  Paz "), "STRASSE DE LA PAZ");
/// assert_eq!(harmonise("Mu\u{0308}ller"), "MÜLLER");
/// ```
pub fn harmonise(text: &str) -> String {
    let upper: String = text.nfc().collect::<String>().to_uppercase();
    // Upper-casing can leave a decomposed sequence (ǰ becomes J + caron): compose again.
    let composed: String = upper.nfc().collect();
    composed.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sim_p1_nfc_upper_case_and_white_space() {
        assert_eq!(harmonise("garcía"), "GARCÍA");
        assert_eq!(harmonise("gar\u{0063}i\u{0301}a"), "GARCÍA");
        assert_eq!(harmonise("ana\u{00A0} maria"), "ANA MARIA");
        assert_eq!(harmonise("Γεώργιος"), "ΓΕΏΡΓΙΟΣ");
        assert_eq!(harmonise("юрий"), "ЮРИЙ");
        assert_eq!(harmonise(""), "");
    }

    #[test]
    fn sim_p1_diacritics_are_not_removed() {
        assert_ne!(harmonise("Müller"), harmonise("Muller"));
        assert_ne!(harmonise("Øre"), harmonise("Ore"));
    }
}
