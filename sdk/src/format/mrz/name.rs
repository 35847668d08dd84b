//! The name field: primary identifier, `<<`, secondary identifier, fillers; truncation per
//! Doc 9303 Part 4 §4.2.3 (and the same rule in Parts 5–7).

use serde::Serialize;

use super::MrzError;

/// A decoded name field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NameField {
    /// Primary identifier components joined by single spaces.
    pub primary: String,
    /// Secondary identifier components joined by single spaces.
    pub secondary: String,
    /// The field ends with a letter: Doc 9303 says to treat the name as possibly truncated.
    pub possibly_truncated: bool,
}

fn components(part: &str) -> String {
    part.split('<').filter(|c| !c.is_empty()).collect::<Vec<_>>().join(" ")
}

/// Decodes a name field as written in a zone (`A–Z` and `<`).
pub fn decode_name(field: &str) -> NameField {
    let (primary, secondary) = field.split_once("<<").unwrap_or((field, ""));
    NameField {
        primary: components(primary),
        secondary: components(secondary),
        possibly_truncated: field.ends_with(|c: char| c.is_ascii_alphabetic()),
    }
}

fn words(name: &str) -> Vec<&str> {
    name.split(|c: char| !c.is_ascii_uppercase()).filter(|w| !w.is_empty()).collect()
}

/// Writes a name field of `length` characters from a primary and a secondary identifier that
/// are already transliterated (upper-case `A–Z` words; any other character separates words).
///
/// When the name does not fit, the documented strategy is: keep the primary identifier whole
/// if `<<` and the initial of the secondary identifier still fit and cut the secondary
/// identifier at the end of the field; otherwise shorten the primary identifier until `<<` and
/// that initial fit. If a cut falls on a separator, the letter before it is dropped to make room
/// for the initial of the next component, so the field always ends with a letter, which marks a
/// possible truncation (Part 4 §4.2.3). Returns the field and whether it was truncated.
pub fn encode_name(primary: &str, secondary: &str, length: usize) -> Result<(String, bool), MrzError> {
    let primary = words(primary).join("<");
    let secondary = words(secondary).join("<");
    if primary.is_empty() {
        return Err(MrzError::Unwritable {
            field: "name",
            reason: "the primary identifier is mandatory (Doc 9303 Part 4 §4.1.1.1, field 06)".into(),
        });
    }
    let full = if secondary.is_empty() { primary.clone() } else { format!("{primary}<<{secondary}") };
    if full.len() <= length {
        return Ok((format!("{full:<<length$}"), false));
    }
    let text = if !secondary.is_empty() && primary.len() + 3 > length {
        // Shorten the primary identifier so that `<<` and the secondary initial fit.
        let mut keep = length.saturating_sub(3).min(primary.len());
        while keep > 0 && primary.as_bytes().get(keep - 1) == Some(&b'<') {
            keep -= 1;
        }
        format!("{}<<{secondary}", primary.get(..keep).unwrap_or(""))
    } else {
        full
    };
    Ok((cut_on_letter(&text, length), true))
}

/// The first `length` characters of `text` (ASCII), ending with a letter: when the cut falls on
/// a separator run, letters before it give way to the next component's initial.
fn cut_on_letter(text: &str, length: usize) -> String {
    let bytes = text.as_bytes();
    let mut cut: Vec<u8> = bytes.iter().take(length).copied().collect();
    if cut.last() != Some(&b'<') {
        return String::from_utf8_lossy(&cut).into_owned();
    }
    // The separator run that the cut falls in, measured in the full text.
    let mut run_start = cut.len();
    while run_start > 0 && cut.get(run_start - 1) == Some(&b'<') {
        run_start -= 1;
    }
    let mut run_end = cut.len();
    while bytes.get(run_end) == Some(&b'<') {
        run_end += 1;
    }
    let run = run_end - run_start;
    let Some(&initial) = bytes.get(run_end) else {
        return String::from_utf8_lossy(&cut).into_owned();
    };
    let mut prefix = length.saturating_sub(run + 1).min(run_start);
    while prefix > 0 && bytes.get(prefix - 1) == Some(&b'<') {
        prefix -= 1;
    }
    cut.truncate(prefix);
    cut.extend(std::iter::repeat_n(b'<', run));
    cut.push(initial);
    while cut.len() < length {
        cut.push(b'<');
    }
    String::from_utf8_lossy(&cut).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// FMT-MRZ: the name examples of Doc 9303 Part 4 §4.2.3.1, as issued by Utopia.
    #[test]
    fn encodes_the_doc_9303_examples() {
        let field = |p, s| encode_name(p, s, 39).unwrap().0;
        assert_eq!(field("ERIKSSON", "ANNA MARIA"), "ERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<");
        assert_eq!(field("SMITH JONES", "SUSIE MARGARET"), "SMITH<JONES<<SUSIE<MARGARET<<<<<<<<<<<<");
        assert_eq!(field("VAN DER MUELLEN", "MARTIN"), "VAN<DER<MUELLEN<<MARTIN<<<<<<<<<<<<<<<<");
        assert_eq!(field("ARKFREITH", ""), "ARKFREITH<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<");
    }

    /// FMT-MRZ: truncation keeps the field ending with a letter (Part 4 §4.2.3.2 examples).
    #[test]
    fn truncates_like_doc_9303() {
        let (f, t) = encode_name("NILAVADHANANANDA", "CHAYAPA DEJTHAMRONG KRASUANG", 39).unwrap();
        assert_eq!(f, "NILAVADHANANANDA<<CHAYAPA<DEJTHAMRONG<K");
        assert!(t);
        let (f, _) = encode_name("NILAVADHANANANDA", "ARNPOL PETCH CHARONGUANG", 39).unwrap();
        assert_eq!(f, "NILAVADHANANANDA<<ARNPOL<PETCH<CHARONGU");
        // The cut would fall on the separator after DEJTHAMRONG: give way to the initial.
        let (f, _) = encode_name("NILAVADHANANANDA", "CHAYAPA DEJTHAMRONG KRASUANG", 38).unwrap();
        assert_eq!(f, "NILAVADHANANANDA<<CHAYAPA<DEJTHAMRON<K");
        // A primary identifier too long for the field still leaves `<<` and an initial.
        let (f, _) = encode_name("ABCDEFGHIJKLMNOPQRSTUVWXYZ ABCDEFGHIJKLMNOPQRSTUVWXYZ", "ZED", 30).unwrap();
        assert_eq!(f.len(), 30);
        assert!(f.ends_with("XYZ<<ZE"), "{f}");
        assert!(!f.contains("<<<"));
        // Only a primary identifier, too long.
        let (f, _) = encode_name("ABCDEFGHIJKLMNOPQRSTUVWXYZ ABCDEFGHIJKLMNOPQRSTUVWXYZ", "", 30).unwrap();
        assert_eq!(f, "ABCDEFGHIJKLMNOPQRSTUVWXYZ<ABC");
        let (f, _) = encode_name("ABCDEFGHIJKLMNOPQRSTUVWXYZ ABCDEFGHIJKLMNOPQRSTUVWXYZ", "", 27).unwrap();
        assert_eq!(f, "ABCDEFGHIJKLMNOPQRSTUVWXY<A");
        assert!(encode_name("", "ANNA", 30).is_err());
    }

    #[test]
    fn decodes_and_flags_possible_truncation() {
        let n = decode_name("CACADOR<DE<ARAUJO<<ANDRE<ESTEV");
        assert_eq!(n.primary, "CACADOR DE ARAUJO");
        assert_eq!(n.secondary, "ANDRE ESTEV");
        assert!(n.possibly_truncated);
        let n = decode_name("ERIKSSON<<ANNA<MARIA<<<<<<<<<<");
        assert!(!n.possibly_truncated);
        assert_eq!(decode_name("<<ANNA<MARIA<<<<").primary, "");
    }
}
