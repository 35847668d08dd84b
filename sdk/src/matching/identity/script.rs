//! Which script a character belongs to, for choosing the transliteration tables that apply.

/// Latin letters, including those with diacritics (Latin-1 Supplement to Latin Extended
/// Additional).
pub(crate) fn is_latin(c: char) -> bool {
    c.is_ascii_alphabetic()
        || (matches!(c, '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}')
            && c != '\u{00D7}'
            && c != '\u{00F7}')
}

/// Cyrillic and Cyrillic Supplement.
pub(crate) fn is_cyrillic(c: char) -> bool {
    matches!(c, '\u{0400}'..='\u{052F}')
}

/// Greek and Coptic, and Greek Extended (polytonic).
pub(crate) fn is_greek(c: char) -> bool {
    matches!(c, '\u{0370}'..='\u{03FF}' | '\u{1F00}'..='\u{1FFF}')
}

/// Arabic, Arabic Supplement and the Arabic presentation forms.
pub(crate) fn is_arabic(c: char) -> bool {
    matches!(c, '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}

/// The predicate for a table's `script:` header value.
pub(crate) fn by_name(name: &str) -> Option<fn(char) -> bool> {
    match name {
        "latin" => Some(is_latin),
        "cyrillic" => Some(is_cyrillic),
        "greek" => Some(is_greek),
        "arabic" => Some(is_arabic),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_are_told_apart() {
        assert!(is_latin('Ü') && is_latin('a') && !is_latin('×'));
        assert!(is_cyrillic('Щ') && !is_cyrillic('W'));
        assert!(is_greek('Ω') && is_greek('ἀ'));
        assert!(is_arabic('ح') && is_arabic('\u{FEE1}'));
        assert!(by_name("klingon").is_none());
    }
}
