//! The character- and word-level rules of DR Annex II §3.1(d)–(h) and §3.2(c), on harmonised
//! values. Each predicate is false for equal inputs: equality is a rule of its own. The
//! character rules take any element type: characters, or the bytes of ASCII values.

/// Characters that separate the parts of a name and may differ without changing it
/// (§3.1(g)): hyphens, commas and apostrophes, and white space between words.
fn is_separator(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑' | '–' | ',' | '\'' | '’' | 'ʼ' | '‘' | '`') || c.is_whitespace()
}

/// The value without separators, for the punctuation and run-together rules.
pub(crate) fn without_separators(text: &str) -> String {
    text.chars().filter(|c| !is_separator(*c)).collect()
}

/// The words of a value: split on white space, hyphens and commas.
pub(crate) fn words(text: &str) -> Vec<&str> {
    text.split(|c: char| c.is_whitespace() || matches!(c, '-' | '‐' | '‑' | '–' | ','))
        .filter(|w| !w.is_empty())
        .collect()
}

/// One insertion, deletion or substitution turns `a` into `b` (§3.1(f), §3.2(c), §3.4(b)).
pub(crate) fn is_single_edit<T: PartialEq>(a: &[T], b: &[T]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    match long.len() - short.len() {
        0 => a.iter().zip(b).filter(|(x, y)| x != y).count() == 1,
        1 => {
            let prefix = short.iter().zip(long).take_while(|(x, y)| x == y).count();
            short[prefix..] == long[prefix + 1..]
        }
        _ => false,
    }
}

/// Two positions whose letters are swapped, adjacent or not, and nothing else differs
/// (§3.1(e)).
pub(crate) fn is_letter_transposition<T: PartialEq>(a: &[T], b: &[T]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut differing = (0..a.len()).filter(|&i| a[i] != b[i]);
    match (differing.next(), differing.next(), differing.next()) {
        (Some(i), Some(j), None) => a[i] == b[j] && a[j] == b[i],
        _ => false,
    }
}

/// Two words in another order, adjacent or not, and nothing else differs (§3.1(d)); the
/// inputs are the values' [`words`].
pub(crate) fn is_word_swap<W: PartialEq>(wa: &[W], wb: &[W]) -> bool {
    if wa.len() != wb.len() || wa.len() < 2 {
        return false;
    }
    let mut differing = (0..wa.len()).filter(|&i| wa[i] != wb[i]);
    match (differing.next(), differing.next(), differing.next()) {
        (Some(i), Some(j), None) => wa[i] == wb[j] && wa[j] == wb[i],
        _ => false,
    }
}

/// The values differ only by hyphens, commas, apostrophes or the white space between words
/// (§3.1(g)); `bare_a` and `bare_b` are the values [`without_separators`].
pub(crate) fn differs_only_by_punctuation(a: &str, b: &str, bare_a: &str, bare_b: &str) -> bool {
    a != b && bare_a == bare_b && !bare_a.is_empty()
}

/// The shorter value is a prefix of the longer one and has at least `min_chars` characters
/// (§3.1(h), POLICY SIM-P5).
pub(crate) fn is_truncation<T: PartialEq>(a: &[T], b: &[T], min_chars: usize) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    short.len() < long.len() && short.len() >= min_chars && long.starts_with(short)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn single_edit_is_exactly_one_operation() {
        assert!(is_single_edit(&c("SMITH"), &c("SMIETH")));
        assert!(is_single_edit(&c("SMIETH"), &c("SMITH")));
        assert!(is_single_edit(&c("SMITH"), &c("SMYTH")));
        assert!(is_single_edit(&c("SMITH"), &c("MITH")));
        assert!(is_single_edit(&c("MÜLLER"), &c("MULLER")));
        assert!(!is_single_edit(&c("SMITH"), &c("SMITH")));
        assert!(!is_single_edit(&c("SMITH"), &c("SMYTHE")));
        assert!(!is_single_edit(&c("MARTHA"), &c("MARHTA")));
        assert!(!is_single_edit(&c("AB"), &c("ABCD")));
    }

    #[test]
    fn transposition_swaps_two_letters_anywhere() {
        assert!(is_letter_transposition(&c("MARTHA"), &c("MARHTA")));
        assert!(is_letter_transposition(&c("MARTHA"), &c("MAHTRA")));
        assert!(!is_letter_transposition(&c("MARTHA"), &c("MARTHA")));
        assert!(!is_letter_transposition(&c("MARTHA"), &c("MBRTHC")));
        assert!(!is_letter_transposition(&c("ABC"), &c("CAB")));
    }

    fn swap(a: &str, b: &str) -> bool {
        is_word_swap(&words(a), &words(b))
    }

    fn punct(a: &str, b: &str) -> bool {
        differs_only_by_punctuation(a, b, &without_separators(a), &without_separators(b))
    }

    #[test]
    fn word_swap_exchanges_two_words() {
        assert!(swap("ANNA MARIA", "MARIA ANNA"));
        assert!(swap("ANNA-MARIA", "MARIA ANNA"));
        assert!(swap("A B C", "C B A"));
        assert!(!swap("A B C", "B C A"));
        assert!(!swap("ANNA", "ANNA"));
        assert!(!swap("ANNA MARIA", "ANNA MARIA"));
    }

    #[test]
    fn punctuation_rule_ignores_only_separators() {
        assert!(punct("O'NEILL", "ONEILL"));
        assert!(punct("SMITH-JONES", "SMITH JONES"));
        assert!(punct("SMITH, JOHN", "SMITH JOHN"));
        assert!(!punct("O'NEILL", "O'NEILL"));
        assert!(!punct("O.NEILL", "ONEILL"));
        assert!(!punct("-", "'"));
    }

    #[test]
    fn truncation_needs_a_prefix_of_the_minimum_length() {
        assert!(is_truncation(&c("ALEX"), &c("ALEXANDER"), 3));
        assert!(is_truncation(&c("ALEXANDER"), &c("ALE"), 3));
        assert!(!is_truncation(&c("AL"), &c("ALEXANDER"), 3));
        assert!(!is_truncation(&c("ALEX"), &c("ALEX"), 3));
        assert!(!is_truncation(&c("LEXA"), &c("ALEXANDER"), 3));
    }
}
