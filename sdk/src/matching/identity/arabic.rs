//! Arabic names: reading an ICAO X-coded MRZ name back into Arabic script, and the consonant
//! skeletons that compare Arabic script with phonetic Latin transcriptions.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::script::is_arabic;
use super::tables;

/// ICAO code → Arabic letter, from the primary scheme of the Arabic table.
fn reverse_codes() -> &'static HashMap<String, char> {
    static CODES: OnceLock<HashMap<String, char>> = OnceLock::new();
    CODES.get_or_init(|| {
        let arabic = tables::get().arabic();
        let mut codes = HashMap::new();
        let primary = &arabic.schemes[0];
        // The scheme is queried letter by letter: every single-letter row with an output.
        for c in ('\u{0600}'..='\u{06FF}').filter(|c| is_arabic(*c)) {
            let out = primary.apply(&[c]);
            if !out.is_empty() && out.bytes().all(|b| b.is_ascii_uppercase()) {
                codes.entry(out).or_insert(c);
            }
        }
        // Teh marbuta at the end of a word is XAH, elsewhere XTA; both read back to ة.
        codes.insert("XAH".to_string(), '\u{0629}');
        codes.insert("XTA".to_string(), '\u{0629}');
        codes
    })
}

const LONGEST_CODE: usize = 3;

fn read_back_word(word: &str, codes: &HashMap<String, char>) -> Option<(String, bool)> {
    let bytes = word.as_bytes();
    let mut out = String::new();
    let mut saw_x = false;
    let mut i = 0;
    while i < bytes.len() {
        let found = (1..=LONGEST_CODE.min(bytes.len() - i))
            .rev()
            .find_map(|len| codes.get(&word[i..i + len]).map(|c| (len, *c)))?;
        saw_x |= bytes[i] == b'X';
        out.push(found.1);
        i += found.0;
    }
    Some((out, saw_x))
}

/// Reads an ICAO X-coded name (`MXHMD`) back into Arabic script (`محمد`). Returns `None`
/// unless every word is made of ICAO Arabic codes and at least one code starts with X: a
/// Latin name without X-codes is a transcription, not an ICAO transliteration.
pub(crate) fn read_back_icao(harmonised: &str) -> Option<String> {
    if harmonised.is_empty() || !harmonised.bytes().all(|b| b.is_ascii_uppercase() || b == b' ') {
        return None;
    }
    let codes = reverse_codes();
    let mut any_x = false;
    let mut words = Vec::new();
    for word in harmonised.split(' ') {
        let (arabic, saw_x) = read_back_word(word, codes)?;
        any_x |= saw_x;
        words.push(arabic);
    }
    any_x.then(|| words.join(" "))
}

const MIN_SKELETON: usize = 2;

fn skeleton_with(scheme: &str, text: &str) -> Option<String> {
    let table = &tables::get().skeleton;
    let scheme = table.scheme(scheme)?;
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    for c in scheme.apply(&chars).chars().filter(char::is_ascii_uppercase) {
        if !out.ends_with(c) {
            out.push(c);
        }
    }
    (out.len() >= MIN_SKELETON).then_some(out)
}

/// The consonant skeleton of a value written in Arabic script or X-coded by ICAO; `None` for
/// other values or skeletons shorter than two consonants.
pub(crate) fn arabic_skeleton(harmonised: &str) -> Option<String> {
    if harmonised.chars().any(is_arabic) {
        return skeleton_with("arabic", harmonised);
    }
    read_back_icao(harmonised).and_then(|arabic| skeleton_with("arabic", &arabic))
}

/// The consonant skeleton of a Latin transcription (A–Z form).
pub(crate) fn latin_skeleton(latin: &str) -> Option<String> {
    skeleton_with("latin", latin)
}

#[cfg(test)]
mod tests {
    use super::super::transliterate::to_mrz_latin;
    use super::*;

    #[test]
    fn x_coded_names_read_back_to_arabic() {
        assert_eq!(read_back_icao("MXHMD").as_deref(), Some("محمد"));
        assert_eq!(read_back_icao("FAXTTMXAH").as_deref(), Some("فاطمة"));
        for name in ["محمد عبد الله", "خالد الشريف", "حمزة", "ظافر ذو الفقار", "عائشة"]
        {
            let coded = to_mrz_latin(name);
            assert_eq!(read_back_icao(&coded).as_deref(), Some(name), "{coded}");
        }
    }

    #[test]
    fn latin_names_without_x_codes_are_not_read_back() {
        assert_eq!(read_back_icao("AHMAD"), None);
        assert_eq!(read_back_icao("ALEXANDER"), None);
        assert_eq!(read_back_icao("XAVIER"), None);
        assert_eq!(read_back_icao("MXHMD-ALI"), None);
        assert_eq!(read_back_icao(""), None);
    }

    #[test]
    fn skeletons_meet_across_scripts() {
        let mhmd = arabic_skeleton("محمد");
        assert_eq!(mhmd.as_deref(), Some("MHMD"));
        for latin in ["MOHAMMED", "MUHAMMAD", "MOHAMED", "MOUHAMED"] {
            assert_eq!(latin_skeleton(latin), mhmd, "{latin}");
        }
        assert_eq!(arabic_skeleton("MXHMD"), mhmd);
        assert_eq!(arabic_skeleton("فاطمة"), latin_skeleton("FATIMAH"));
        assert_eq!(arabic_skeleton("فاطمة"), latin_skeleton("FATMA"));
        assert_eq!(arabic_skeleton("خالد"), latin_skeleton("KHALED"));
        assert_eq!(arabic_skeleton("عبد الله"), latin_skeleton("ABDULLAH"));
        assert_ne!(arabic_skeleton("محمد"), latin_skeleton("MARTIN"));
        assert_eq!(arabic_skeleton("MOHAMMED"), None);
        assert_eq!(latin_skeleton("AI"), None);
    }
}
