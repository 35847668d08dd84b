//! Romanisation of names through the transliteration tables: every Latin form a name is
//! known to take (for the SIMILAR-by-transliteration rule), and the single ICAO form for
//! machine readable zones.

use super::harmonise::harmonise;
use super::tables::{self, ScriptTable};

/// At most this many forms are produced for one value; only names mixing several non-Latin
/// scripts come near it.
const MAX_FORMS: usize = 64;

fn apply_table(table: &ScriptTable, scheme_index: usize, text: &str) -> String {
    let prepared = table.table.strip_marks(text, table.is_script);
    let chars: Vec<char> = prepared.chars().collect();
    table.table.schemes[scheme_index].apply(&chars)
}

/// Every Latin form of a harmonised value under the known transliteration schemes: each
/// scheme of each script present in the text, combined with each Latin-diacritics scheme.
/// The value itself is not included unless a scheme leaves it unchanged. Punctuation and
/// spaces are kept, so that punctuation differences remain a rule of their own.
pub(crate) fn latin_forms(harmonised: &str) -> Vec<String> {
    let tables = tables::get();
    let mut partial = vec![harmonised.to_string()];
    for table in &tables.scripts {
        if !harmonised.chars().any(table.is_script) {
            continue;
        }
        let mut next = Vec::new();
        for text in &partial {
            for index in 0..table.table.schemes.len() {
                if next.len() < MAX_FORMS {
                    next.push(apply_table(table, index, text));
                }
            }
        }
        partial = next;
    }
    let mut forms: Vec<String> = Vec::new();
    for text in &partial {
        for index in 0..tables.latin.table.schemes.len() {
            let form = apply_table(&tables.latin, index, text);
            if !forms.contains(&form) {
                forms.push(form);
            }
        }
    }
    forms
}

/// The ICAO Doc 9303 recommended transliteration of a name, as upper-case A–Z words separated
/// by single spaces: the form a machine readable zone holds before spaces become `<`.
///
/// - Latin letters with diacritics follow the ICAO table (`Ä`→`AE`, `Ø`→`OE`, `ß`→`SS`,
///   `Þ`→`TH`, `Ł`→`L`, other accents dropped);
/// - Cyrillic follows the ICAO table's common (Russian) column, since the language of a name
///   is not known (`Юрий`→`IURII`, `Щ`→`SHCH`, `Ъ`→`IE`);
/// - Greek follows ELOT 743 (ICAO has no Greek table; see `tables/greek.txt`);
/// - Arabic follows the ICAO X-code scheme (`محمد`→`MXHMD`), which can be read back;
/// - apostrophes are dropped, joining the parts (`O'Neill`→`ONEILL`); hyphens, commas and
///   white space separate words; anything else that cannot be mapped (digits, other scripts,
///   symbols) is dropped.
///
/// The result may be empty (a name only in an unsupported script). Truncation to the MRZ field
/// length and the `<` filler are the MRZ writer's business.
///
/// ```
/// use jha_interop::matching::identity::to_mrz_latin;
/// assert_eq!(to_mrz_latin("Müller-Lüdenscheidt"), "MUELLER LUEDENSCHEIDT");
/// assert_eq!(to_mrz_latin("O'Neill"), "ONEILL");
/// assert_eq!(to_mrz_latin("Юрий Щербаков"), "IURII SHCHERBAKOV");
/// assert_eq!(to_mrz_latin("محمد"), "MXHMD");
/// ```
pub fn to_mrz_latin(name: &str) -> String {
    let tables = tables::get();
    let mut text = harmonise(name);
    for table in &tables.scripts {
        if text.chars().any(table.is_script) {
            text = apply_table(table, 0, &text);
        }
    }
    let text = apply_table(&tables.latin, 0, &text);
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            'A'..='Z' => out.push(c),
            '\'' | '’' | 'ʼ' | '‘' | '`' => {}
            c if (c == '-' || c == ',' || c.is_whitespace()) && !out.is_empty() && !out.ends_with(' ') => {
                out.push(' ')
            }
            _ => {}
        }
    }
    out.truncate(out.trim_end().len());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(text: &str) -> Vec<String> {
        latin_forms(&harmonise(text))
    }

    #[test]
    fn latin_diacritics_give_both_the_icao_and_the_plain_form() {
        assert_eq!(forms("Müller"), vec!["MUELLER", "MULLER"]);
        assert_eq!(forms("Øberg"), vec!["OEBERG", "OBERG"]);
        assert_eq!(forms("Ærø"), vec!["AEROE", "AERO"]);
        assert_eq!(forms("Þórður"), vec!["THORDUR"]);
        assert_eq!(forms("Wałęsa"), vec!["WALESA"]);
        assert_eq!(forms("Nguyễn"), vec!["NGUYEN"]);
        assert_eq!(forms("SMITH"), vec!["SMITH"]);
    }

    #[test]
    fn cyrillic_gives_the_icao_language_variants_and_other_romanisations() {
        let f = forms("Юрий");
        for expected in ["IURII", "IURYI", "YURYI", "YURIY", "JURI", "IOURI"] {
            assert!(f.contains(&expected.to_string()), "{expected} not in {f:?}");
        }
        let f = forms("Олександр");
        assert!(f.contains(&"OLEKSANDR".to_string()), "{f:?}");
        let f = forms("Георгий");
        assert!(f.contains(&"GEORGII".to_string()) && f.contains(&"HEORHYI".to_string()), "{f:?}");
        // Bulgarian Щ is SHT, Serbian Ш is S, Macedonian Ќ is KJ.
        assert!(forms("Щерев").contains(&"SHTEREV".to_string()));
        assert!(forms("Шешељ").contains(&"SESELJ".to_string()));
        assert!(forms("Ќирил").contains(&"KJIRIL".to_string()));
        // Serbian Г stays G: the ICAO table's Serbian H is not applied (Ukrainian and Belarusian
        // schemes still give H, but never with the Serbian Ш S).
        let serbian = forms("Гашић");
        assert!(
            serbian.contains(&"GASIC".to_string()) && !serbian.contains(&"HASIC".to_string()),
            "{serbian:?}"
        );
    }

    #[test]
    fn greek_gives_elot_743_and_the_older_phonetic_form() {
        let f = forms("Γεώργιος");
        assert_eq!(f, vec!["GEORGIOS", "YEORYIOS"]);
        assert_eq!(forms("Παπαδόπουλος")[0], "PAPADOPOULOS");
        assert_eq!(forms("Χρήστος"), vec!["CHRISTOS", "KHRISTOS"]);
        assert_eq!(forms("Ευάγγελος")[0], "EVANGELOS");
        assert_eq!(forms("Μπάμπης")[0], "BAMPIS");
        assert!(forms("Κωνσταντίνος").contains(&"KONSTANDINOS".to_string()));
    }

    #[test]
    fn arabic_gives_the_icao_x_codes() {
        assert_eq!(forms("محمد"), vec!["MXHMD"]);
        assert_eq!(forms("فاطمة"), vec!["FAXTTMXAH"]);
        assert_eq!(forms("حمزة علي"), vec!["XHMZXAH ELY"]);
        // Short vowels and the shadda are not encoded.
        assert_eq!(forms("مُحَمَّد"), vec!["MXHMD"]);
    }

    #[test]
    fn mrz_latin_joins_apostrophes_and_splits_on_hyphens_and_commas() {
        assert_eq!(to_mrz_latin("  d'Artagnan,  Charles-Ogier "), "DARTAGNAN CHARLES OGIER");
        assert_eq!(to_mrz_latin("Łukasz Żółć"), "LUKASZ ZOLC");
        assert_eq!(to_mrz_latin("Straße"), "STRASSE");
        assert_eq!(to_mrz_latin("Ørsted Ærø"), "OERSTED AEROE");
        assert_eq!(to_mrz_latin("Γεώργιος Παπαδόπουλος"), "GEORGIOS PAPADOPOULOS");
        assert_eq!(to_mrz_latin("Мар'яна"), "MARIANA");
        assert_eq!(to_mrz_latin("王杰"), "");
        assert_eq!(to_mrz_latin("Louis XIV 2nd"), "LOUIS XIV ND");
    }
}
