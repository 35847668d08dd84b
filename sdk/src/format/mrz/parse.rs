//! Reading a zone: layout detection, field extraction, check digits, content rules.

use super::check_digit::check_digit;
use super::name::decode_name;
use super::{CheckDigitResult, CheckedField, DateField, Mrz, MrzError, MrzFormat, MrzProblem};
use crate::country;

/// Parses a machine readable zone. Lines may be separated by any line break; blank lines and
/// surrounding white space are ignored, and a zone given as one unbroken line (90, 72 or 88
/// characters) is split into its lines.
pub fn parse(text: &str) -> Result<Mrz, MrzError> {
    let lines = split_lines(text);
    for (l, line) in lines.iter().enumerate() {
        if let Some((column, character)) = line
            .chars()
            .enumerate()
            .find(|(_, c)| !(c.is_ascii_uppercase() || c.is_ascii_digit() || *c == '<'))
        {
            return Err(MrzError::InvalidCharacter { line: l + 1, column: column + 1, character });
        }
    }
    let lengths: Vec<usize> = lines.iter().map(|l| l.len()).collect();
    let first = lines.first().and_then(|l| l.chars().next()).unwrap_or(' ');
    let format = match (lines.len(), lengths.first().copied().unwrap_or(0)) {
        (3, 30) => MrzFormat::Td1,
        (2, 36) if first == 'V' => MrzFormat::MrvB,
        (2, 36) => MrzFormat::Td2,
        (2, 44) if first == 'V' => MrzFormat::MrvA,
        (2, 44) => MrzFormat::Td3,
        _ => return Err(MrzError::UnknownLayout { lines: lines.len(), lengths }),
    };
    if lengths.iter().any(|&l| l != format.line_length()) {
        return Err(MrzError::UnknownLayout { lines: lines.len(), lengths });
    }
    Ok(read(format, lines))
}

fn split_lines(text: &str) -> Vec<String> {
    let lines: Vec<String> =
        text.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_string).collect();
    if let [single] = lines.as_slice() {
        let width = match single.len() {
            90 => 30,
            72 => 36,
            88 => 44,
            _ => return lines,
        };
        if single.is_ascii() {
            return single
                .as_bytes()
                .chunks(width)
                .map(|c| String::from_utf8_lossy(c).into_owned())
                .collect();
        }
    }
    lines
}

/// Characters `start..end` (0-based) of an ASCII line; empty when out of range.
fn at(line: &str, start: usize, end: usize) -> &str {
    line.get(start..end).unwrap_or("")
}

fn char_at(line: &str, index: usize) -> char {
    line.as_bytes().get(index).map_or('<', |&b| char::from(b))
}

/// Fillers removed at both ends; inner fillers become spaces.
fn clean(field: &str) -> String {
    field.split('<').filter(|p| !p.is_empty()).collect::<Vec<_>>().join(" ")
}

struct Checker {
    results: Vec<CheckDigitResult>,
}

impl Checker {
    /// Like [`Checker::check`] for a long document number, which issuers compute two ways:
    /// Doc 9303 Part 5 note j says the digit follows "the remaining characters" and is "the
    /// check digit of the document number", without saying whether the filler written in the
    /// check-digit position counts. Belgian specimens exist for both (`600001795<015`→2 without
    /// the filler, `000590240<601`→3 with it), and Part 11's example gives the same digit either
    /// way, so either verifies; `computed` is the digit of the number without the filler unless
    /// only the other reading verifies.
    fn check_long_number(&mut self, number: &DocumentNumber) {
        let without = check_digit(&number.check_data).unwrap_or(0);
        let with_filler = check_digit(&number.check_data_with_filler).unwrap_or(0);
        let found = number.check_char.to_digit(10);
        let computed = if found == Some(u32::from(with_filler)) && found != Some(u32::from(without)) {
            with_filler
        } else {
            without
        };
        let valid = found == Some(u32::from(computed));
        self.results.push(CheckDigitResult {
            field: CheckedField::DocumentNumber,
            found: number.check_char,
            computed,
            valid,
        });
    }

    fn check_number(&mut self, number: &DocumentNumber) {
        if number.long {
            self.check_long_number(number);
        } else {
            self.check(CheckedField::DocumentNumber, &number.check_data, number.check_char, false);
        }
    }

    /// Verifies `found` against the digit computed over `data`; `filler_is_zero` accepts `<`
    /// where Doc 9303 lets an issuer write it for an all-filler field.
    fn check(&mut self, field: CheckedField, data: &str, found: char, filler_is_zero: bool) {
        let computed = check_digit(data).unwrap_or(0);
        let valid = match found {
            '<' => filler_is_zero && computed == 0,
            c => c.to_digit(10) == Some(u32::from(computed)),
        };
        self.results.push(CheckDigitResult { field, found, computed, valid });
    }
}

/// A document number and its check digit, following a long number into the optional data
/// when the check-digit position holds a filler (Part 5 note j, Part 6 note j).
struct DocumentNumber {
    number: String,
    check_data: String,
    check_data_with_filler: String,
    check_char: char,
    optional_rest: String,
    long: bool,
}

fn document_number(
    number_field: &str,
    check_char: char,
    optional: &str,
    long_allowed: bool,
) -> DocumentNumber {
    let trimmed_number = number_field.trim_end_matches('<');
    if long_allowed && check_char == '<' && trimmed_number.len() == number_field.len() {
        let overflow_len = optional.find('<').unwrap_or(optional.len());
        if overflow_len >= 2 {
            let overflow = at(optional, 0, overflow_len - 1);
            return DocumentNumber {
                number: format!("{number_field}{overflow}"),
                check_data: format!("{number_field}{overflow}"),
                check_data_with_filler: format!("{number_field}<{overflow}"),
                check_char: char_at(optional, overflow_len - 1),
                optional_rest: at(optional, overflow_len, optional.len()).to_string(),
                long: true,
            };
        }
    }
    DocumentNumber {
        number: clean(number_field),
        check_data: number_field.to_string(),
        check_data_with_filler: String::new(),
        check_char,
        optional_rest: optional.to_string(),
        long: false,
    }
}

fn valid_date(value: &str, unknown_allowed: bool) -> bool {
    let bytes = value.as_bytes();
    if bytes.len() != 6 {
        return false;
    }
    if unknown_allowed && bytes.contains(&b'<') {
        // Doc 9303 Part 3 §4.8: unknown parts of a date of birth are fillers.
        return bytes.iter().all(|b| b.is_ascii_digit() || *b == b'<');
    }
    if !bytes.iter().all(u8::is_ascii_digit) {
        return false;
    }
    let number = |i: usize| u8::try_from(at(value, i, i + 2).parse::<u32>().unwrap_or(99)).unwrap_or(99);
    let (yy, mm, dd) = (number(0), number(2), number(4));
    // The century is unknown; 2000 is a leap year, so 29 February is accepted when YY is.
    let year = 2000 + u16::from(yy);
    (1..=12).contains(&mm) && dd >= 1 && dd <= crate::model::days_in_month(year, mm)
}

struct Fields<'a> {
    document_code: &'a str,
    issuing_state: &'a str,
    name: &'a str,
    number: DocumentNumber,
    nationality: &'a str,
    birth: &'a str,
    sex: char,
    expiry: &'a str,
    optional_data_2: Option<String>,
}

fn read(format: MrzFormat, lines: Vec<String>) -> Mrz {
    let l1 = lines.first().map(String::as_str).unwrap_or("");
    let l2 = lines.get(1).map(String::as_str).unwrap_or("");
    let mut checker = Checker { results: Vec::new() };
    let fields = match format {
        MrzFormat::Td1 => {
            let l3 = lines.get(2).map(String::as_str).unwrap_or("");
            let number = document_number(at(l1, 5, 14), char_at(l1, 14), at(l1, 15, 30), true);
            checker.check_number(&number);
            checker.check(CheckedField::DateOfBirth, at(l2, 0, 6), char_at(l2, 6), false);
            checker.check(CheckedField::DateOfExpiry, at(l2, 8, 14), char_at(l2, 14), false);
            let composite = format!("{}{}{}{}", at(l1, 5, 30), at(l2, 0, 7), at(l2, 8, 15), at(l2, 18, 29));
            checker.check(CheckedField::Composite, &composite, char_at(l2, 29), false);
            Fields {
                document_code: at(l1, 0, 2),
                issuing_state: at(l1, 2, 5),
                name: l3,
                number,
                nationality: at(l2, 15, 18),
                birth: at(l2, 0, 6),
                sex: char_at(l2, 7),
                expiry: at(l2, 8, 14),
                optional_data_2: Some(clean(at(l2, 18, 29))),
            }
        }
        MrzFormat::Td2 | MrzFormat::Td3 | MrzFormat::MrvA | MrzFormat::MrvB => {
            let width = format.line_length();
            let is_visa = matches!(format, MrzFormat::MrvA | MrzFormat::MrvB);
            let optional_end = match format {
                MrzFormat::Td2 => 35,
                MrzFormat::Td3 => 42,
                _ => width,
            };
            let long_allowed = format == MrzFormat::Td2;
            let number =
                document_number(at(l2, 0, 9), char_at(l2, 9), at(l2, 28, optional_end), long_allowed);
            checker.check_number(&number);
            checker.check(CheckedField::DateOfBirth, at(l2, 13, 19), char_at(l2, 19), false);
            checker.check(CheckedField::DateOfExpiry, at(l2, 21, 27), char_at(l2, 27), false);
            if format == MrzFormat::Td3 {
                let optional = at(l2, 28, 42);
                let all_fillers = optional.bytes().all(|b| b == b'<');
                checker.check(CheckedField::OptionalData, optional, char_at(l2, 42), all_fillers);
            }
            if !is_visa {
                let composite = format!("{}{}{}", at(l2, 0, 10), at(l2, 13, 20), at(l2, 21, width - 1));
                checker.check(CheckedField::Composite, &composite, char_at(l2, width - 1), false);
            }
            Fields {
                document_code: at(l1, 0, 2),
                issuing_state: at(l1, 2, 5),
                name: at(l1, 5, width),
                number,
                nationality: at(l2, 10, 13),
                birth: at(l2, 13, 19),
                sex: char_at(l2, 20),
                expiry: at(l2, 21, 27),
                optional_data_2: None,
            }
        }
    };
    let name = decode_name(fields.name);
    let mut problems: Vec<MrzProblem> = checker
        .results
        .iter()
        .filter(|r| !r.valid)
        .map(|r| MrzProblem::CheckDigit { field: r.field })
        .collect();
    let expected_first: &[char] = match format {
        MrzFormat::Td1 | MrzFormat::Td2 => &['A', 'C', 'I'],
        MrzFormat::Td3 => &['P'],
        MrzFormat::MrvA | MrzFormat::MrvB => &['V'],
    };
    if !fields.document_code.starts_with(expected_first) {
        problems.push(MrzProblem::UnexpectedDocumentCode { code: fields.document_code.to_string() });
    }
    let issuing_state = clean(fields.issuing_state);
    if country::normalise(&issuing_state).is_none() {
        problems.push(MrzProblem::UnknownIssuingState { code: issuing_state.clone() });
    }
    let nationality = clean(fields.nationality);
    if country::normalise(&nationality).is_none() {
        problems.push(MrzProblem::UnknownNationality { code: nationality.clone() });
    }
    if !valid_date(fields.birth, true) {
        problems
            .push(MrzProblem::InvalidDate { field: DateField::DateOfBirth, value: fields.birth.to_string() });
    }
    if !valid_date(fields.expiry, false) {
        problems.push(MrzProblem::InvalidDate {
            field: DateField::DateOfExpiry,
            value: fields.expiry.to_string(),
        });
    }
    if !matches!(fields.sex, 'M' | 'F' | '<' | 'X') {
        problems.push(MrzProblem::InvalidSex { value: fields.sex });
    }
    if name.primary.is_empty() {
        problems.push(MrzProblem::EmptyPrimaryIdentifier);
    }
    if fields.name.bytes().any(|b| b.is_ascii_digit()) {
        problems.push(MrzProblem::NonAlphabeticName);
    }
    Mrz {
        format,
        document_code: fields.document_code.to_string(),
        issuing_state,
        primary_identifier: name.primary,
        secondary_identifier: name.secondary,
        name_possibly_truncated: name.possibly_truncated,
        document_number: fields.number.number,
        long_document_number: fields.number.long,
        nationality,
        date_of_birth: fields.birth.to_string(),
        sex: fields.sex,
        date_of_expiry: fields.expiry.to_string(),
        optional_data: clean(&fields.number.optional_rest),
        optional_data_2: fields.optional_data_2,
        check_digits: checker.results,
        problems,
        lines,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// FMT-MRZ: the ICAO specimens of Doc 9303 Parts 4–7 parse and verify.
    #[test]
    fn icao_specimens_of_every_layout() {
        let td3 = parse(
            "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10",
        )
        .unwrap();
        assert_eq!(td3.format, MrzFormat::Td3);
        assert_eq!(td3.document_number, "L898902C3");
        assert_eq!(td3.optional_data, "ZE184226B");
        assert!(td3.is_valid(), "{:?}", td3.problems);
        assert_eq!(td3.check_digits.len(), 5);
        let td2 =
            parse("I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<\nD231458907UTO7408122F1204159<<<<<<<6").unwrap();
        assert_eq!(td2.format, MrzFormat::Td2);
        assert!(td2.is_valid(), "{:?}", td2.problems);
        let mrva = parse(
            "V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL8988901C4XXX4009078F96121096ZE184226B<<<<<<",
        )
        .unwrap();
        assert_eq!(mrva.format, MrzFormat::MrvA);
        assert_eq!(mrva.check_digits.len(), 3);
        assert!(mrva.is_valid(), "{:?}", mrva.problems);
        let mrvb =
            parse("V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<\nL8988901C4XXX4009078F9612109<<<<<<<<").unwrap();
        assert_eq!(mrvb.format, MrzFormat::MrvB);
        assert!(mrvb.is_valid(), "{:?}", mrvb.problems);
    }

    /// FMT-MRZ: a bad composite digit is reported, not refused, and each digit separately.
    #[test]
    fn bad_composite_is_flagged_not_refused() {
        let z = parse(
            "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<11",
        )
        .unwrap();
        assert!(!z.is_valid());
        assert_eq!(z.problems, vec![MrzProblem::CheckDigit { field: CheckedField::Composite }]);
        assert!(z.check(CheckedField::DocumentNumber).unwrap().valid);
        assert!(!z.check(CheckedField::Composite).unwrap().valid);
        assert_eq!(z.check(CheckedField::Composite).unwrap().computed, 0);
    }

    /// FMT-MRZ: long document numbers continue in the optional data of TD1 (Part 5 note j).
    #[test]
    fn long_document_number_in_td1() {
        let z = parse(
            "IDBEL600001795<0152<<<<<<<<<<<\n1301014F2311207BEL130101987398\nSPECIMEN<<SPECIMEN<<<<<<<<<<<<",
        )
        .unwrap();
        assert!(z.long_document_number);
        assert_eq!(z.document_number, "600001795015");
        assert_eq!(z.optional_data, "");
        assert_eq!(z.optional_data_2.as_deref(), Some("13010198739"));
        assert!(z.is_valid(), "{:?}", z.problems);
    }

    #[test]
    fn structural_errors() {
        assert!(matches!(parse("P<UTO\nL898"), Err(MrzError::UnknownLayout { .. })));
        assert!(matches!(parse(""), Err(MrzError::UnknownLayout { .. })));
        let lower =
            "p<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10";
        assert_eq!(parse(lower), Err(MrzError::InvalidCharacter { line: 1, column: 1, character: 'p' }));
        // One unbroken line is split.
        let one =
            "I<UTOD231458907<<<<<<<<<<<<<<<7408122F1204159UTO<<<<<<<<<<<6ERIKSSON<<ANNA<MARIA<<<<<<<<<<";
        assert!(parse(one).unwrap().is_valid());
        assert!(matches!(parse("ÄÄ\nÖÖ"), Err(MrzError::InvalidCharacter { .. })));
    }

    #[test]
    fn content_problems() {
        let z = parse(
            "P<ASUMXHMWD<<EBDALRXHYM<<<<<<<<<<<<<<<<<<<<<\nA2222222<0ASU7108215F04120411000146819<<<<44",
        )
        .unwrap();
        assert!(z.problems.contains(&MrzProblem::UnknownIssuingState { code: "ASU".into() }));
        assert!(z.problems.contains(&MrzProblem::UnknownNationality { code: "ASU".into() }));
        let germany = parse(
            "P<D<<MUSTERMANN<<ERIKA<<<<<<<<<<<<<<<<<<<<<<\nC01X0006H1D<<6408125F1710319<<<<<<<<<<<<<<<0",
        )
        .unwrap();
        assert!(germany.is_valid(), "{:?}", germany.problems);
        assert_eq!(germany.issuing_state, "D");
        assert!(!valid_date("990230", false));
        assert!(valid_date("000229", false));
        assert!(valid_date("74<<<<", true));
        assert!(!valid_date("74<<<<", false));
    }
}
