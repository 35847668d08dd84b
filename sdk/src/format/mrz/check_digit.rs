//! The ICAO Doc 9303 Part 3 §4.9 check digit: weights 7, 3, 1 repeating, sum modulo 10.

/// The numeric value of an MRZ character: digits 0–9, letters A–Z 10–35, the filler `<` 0.
/// `None` for any other character.
pub fn character_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        'A'..='Z' => Some(c as u32 - 'A' as u32 + 10),
        '<' => Some(0),
        _ => None,
    }
}

/// The check digit of `data`, or `None` when `data` holds a character outside `A–Z 0–9 <`.
pub fn check_digit(data: &str) -> Option<u8> {
    const WEIGHTS: [u32; 3] = [7, 3, 1];
    let mut sum = 0u32;
    for (i, c) in data.chars().enumerate() {
        sum = (sum + character_value(c)? * WEIGHTS[i % 3]) % 10;
    }
    u8::try_from(sum).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// FMT-MRZ: the worked examples of Doc 9303 Part 3 Appendix A.
    #[test]
    fn doc_9303_worked_examples() {
        assert_eq!(check_digit("520727"), Some(3));
        assert_eq!(check_digit("AB2134<<<"), Some(5));
        assert_eq!(check_digit("L898902C3"), Some(6));
        assert_eq!(check_digit("HA672242<658022549601086<<<<<<<<<<<<<<0"), Some(8));
        assert_eq!(check_digit("ab"), None);
        assert_eq!(check_digit(""), Some(0));
    }
}
