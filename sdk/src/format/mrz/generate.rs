//! Writing a zone from document and identity data.

use super::check_digit::check_digit;
use super::name::encode_name;
use super::{Mrz, MrzError, MrzFormat, parse};
use crate::model::{CountryCode, Date, IdentityData, PartialDate, Sex, TravelDocument};

/// What a zone is written from. Names are given as recorded, in any script: [`generate`]
/// transliterates them with the function it is given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MrzInput {
    /// The layout to write.
    pub format: MrzFormat,
    /// The two-character document code, e.g. `P<`, `PP`, `ID`, `I<`, `V<` (a single letter is
    /// padded with `<`).
    pub document_code: String,
    /// Issuing state or organisation.
    pub issuing_state: CountryCode,
    /// Primary identifier (surname) as recorded.
    pub primary_identifier: String,
    /// Secondary identifier (given names) as recorded; may be empty.
    pub secondary_identifier: String,
    /// Document number as printed; characters other than letters and digits become fillers.
    pub document_number: String,
    /// Nationality.
    pub nationality: CountryCode,
    /// Date of birth; unknown month or day are written as fillers.
    pub date_of_birth: PartialDate,
    /// Sex; `None` and [`Sex::X`] are written as `<`.
    pub sex: Option<Sex>,
    /// Date of expiry.
    pub date_of_expiry: Date,
    /// Optional data (TD3 personal number, TD1 line 1, TD2 and visa optional data).
    pub optional_data: String,
    /// TD1 only: optional data of line 2.
    pub optional_data_2: String,
}

impl MrzInput {
    /// The input for `document` held by the person of `identity`: surname and first names,
    /// date of birth, sex and the first nationality (the issuing country when none is
    /// recorded). `document.expiry` is required.
    pub fn from_model(
        format: MrzFormat,
        document_code: &str,
        document: &TravelDocument,
        identity: &IdentityData,
    ) -> Result<Self, MrzError> {
        let missing = |field: &'static str| MrzError::Unwritable { field, reason: "not recorded".into() };
        Ok(MrzInput {
            format,
            document_code: document_code.to_string(),
            issuing_state: document.issuing_country,
            primary_identifier: identity.surname.as_ref().ok_or(missing("surname"))?.to_string(),
            secondary_identifier: identity.first_names.as_ref().map(|n| n.to_string()).unwrap_or_default(),
            document_number: document.number.to_string(),
            nationality: identity.nationalities.first().copied().unwrap_or(document.issuing_country),
            date_of_birth: identity.date_of_birth.ok_or(missing("date of birth"))?,
            sex: identity.sex,
            date_of_expiry: document.expiry.ok_or(missing("date of expiry"))?,
            optional_data: String::new(),
            optional_data_2: String::new(),
        })
    }
}

/// Upper case, letters and digits kept, everything else a filler.
fn mrz_text(value: &str) -> String {
    value
        .trim()
        .chars()
        .map(|c| c.to_ascii_uppercase())
        .map(|c| if c.is_ascii_uppercase() || c.is_ascii_digit() { c } else { '<' })
        .collect()
}

fn padded(value: &str, width: usize, field: &'static str) -> Result<String, MrzError> {
    if value.len() > width {
        return Err(MrzError::Unwritable {
            field,
            reason: format!("{} characters; at most {width} fit", value.len()),
        });
    }
    Ok(format!("{value:<<width$}"))
}

/// The three-character code field: Germany is `D<<` (Doc 9303 Part 3 §5).
fn country_field(code: CountryCode) -> String {
    match code.as_str() {
        "DEU" => "D<<".to_string(),
        other => other.to_string(),
    }
}

fn two_digits(value: u16) -> String {
    format!("{:02}", value % 100)
}

fn birth_field(date: PartialDate) -> String {
    let part = |v: Option<u8>| v.map_or("<<".to_string(), |v| two_digits(v.into()));
    format!("{}{}{}", two_digits(date.year()), part(date.month()), part(date.day()))
}

fn expiry_field(date: Date) -> String {
    format!("{}{}{}", two_digits(date.year()), two_digits(date.month().into()), two_digits(date.day().into()))
}

fn digit(data: &str) -> char {
    check_digit(data).map_or('<', |d| char::from(b'0' + d))
}

/// Number field (9 characters), its check digit, and the overflow written at the start of the
/// optional data for a long TD1/TD2 number (number overflow, check digit, filler).
fn number_fields(number: &str, long_allowed: bool) -> Result<(String, char, String), MrzError> {
    if number.is_empty() || number.bytes().all(|b| b == b'<') {
        return Err(MrzError::Unwritable { field: "document number", reason: "empty".into() });
    }
    if number.len() <= 9 {
        let field = padded(number, 9, "document number")?;
        let check = digit(&field);
        return Ok((field, check, String::new()));
    }
    if !long_allowed {
        return Err(MrzError::Unwritable {
            field: "document number",
            reason: "more than 9 characters; only TD1 and TD2 carry long numbers".into(),
        });
    }
    let (head, overflow) = number.split_at(9);
    Ok((head.to_string(), '<', format!("{overflow}{}<", digit(number))))
}

/// Writes a zone. `transliterate` turns a recorded name into upper-case `A–Z` words separated
/// by single spaces (the ICAO Doc 9303 Part 3 §6 transliteration); its output is then laid out
/// and, if too long, truncated as [`super::encode_name`] documents. The result is read back by
/// [`super::parse`], so it carries the same verified check digits as a zone read from a document.
pub fn generate(input: &MrzInput, transliterate: &dyn Fn(&str) -> String) -> Result<Mrz, MrzError> {
    let format = input.format;
    let code = padded(&mrz_text(&input.document_code), 2, "document code")?;
    let issuing = country_field(input.issuing_state);
    let nationality = country_field(input.nationality);
    let (name, _) = encode_name(
        &transliterate(&input.primary_identifier),
        &transliterate(&input.secondary_identifier),
        format.name_length(),
    )?;
    let long_allowed = matches!(format, MrzFormat::Td1 | MrzFormat::Td2);
    let (number, number_check, overflow) = number_fields(&mrz_text(&input.document_number), long_allowed)?;
    let birth = birth_field(input.date_of_birth);
    let expiry = expiry_field(input.date_of_expiry);
    let sex = match input.sex {
        Some(Sex::M) => 'M',
        Some(Sex::F) => 'F',
        Some(Sex::X) | None => '<',
    };
    let optional = format!("{overflow}{}", mrz_text(&input.optional_data));
    let lines = match format {
        MrzFormat::Td1 => {
            let line1 =
                format!("{code}{issuing}{number}{number_check}{}", padded(&optional, 15, "optional data")?);
            let optional2 = padded(&mrz_text(&input.optional_data_2), 11, "optional data 2")?;
            let head =
                format!("{birth}{}{sex}{expiry}{}{nationality}{optional2}", digit(&birth), digit(&expiry));
            let part = |s: &str, r: std::ops::Range<usize>| s.get(r).unwrap_or("").to_string();
            let composite =
                format!("{}{}{}{}", part(&line1, 5..30), part(&head, 0..7), part(&head, 8..15), optional2);
            vec![line1, format!("{head}{}", digit(&composite)), name]
        }
        MrzFormat::Td2 | MrzFormat::Td3 | MrzFormat::MrvA | MrzFormat::MrvB => {
            let width = format.line_length();
            let optional_width = match format {
                MrzFormat::Td2 => 7,
                MrzFormat::Td3 => 14,
                MrzFormat::MrvA => 16,
                _ => 8,
            };
            let optional = padded(&optional, optional_width, "optional data")?;
            let mut line2 = format!(
                "{number}{number_check}{nationality}{birth}{}{sex}{expiry}{}{optional}",
                digit(&birth),
                digit(&expiry)
            );
            if format == MrzFormat::Td3 {
                let check = if optional.bytes().all(|b| b == b'<') { '<' } else { digit(&optional) };
                line2.push(check);
            }
            if matches!(format, MrzFormat::Td2 | MrzFormat::Td3) {
                let part = |r: std::ops::Range<usize>| line2.get(r).unwrap_or("").to_string();
                let composite = format!("{}{}{}", part(0..10), part(13..20), part(21..line2.len()));
                line2.push(digit(&composite));
            }
            debug_assert_eq!(line2.len(), width);
            vec![format!("{code}{issuing}{name}"), line2]
        }
    };
    parse(&lines.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::mrz::{CheckedField, MrzProblem};

    /// A small stand-in for the ICAO transliteration, enough for these tests: upper case,
    /// German umlauts per the ICAO variant, other letters kept when ASCII.
    fn test_transliteration(name: &str) -> String {
        let mut out = String::new();
        for c in name.chars().flat_map(char::to_uppercase) {
            match c {
                'Ä' => out.push_str("AE"),
                'Ö' => out.push_str("OE"),
                'Ü' => out.push_str("UE"),
                'ß' => out.push_str("SS"),
                '\'' => {}
                c if c.is_ascii_uppercase() => out.push(c),
                _ => out.push(' '),
            }
        }
        out.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    fn input(format: MrzFormat, code: &str, number: &str) -> MrzInput {
        MrzInput {
            format,
            document_code: code.into(),
            issuing_state: CountryCode::new("UTO").unwrap(),
            primary_identifier: "Eriksson".into(),
            secondary_identifier: "Anna Maria".into(),
            document_number: number.into(),
            nationality: CountryCode::new("UTO").unwrap(),
            date_of_birth: "1974-08-12".parse().unwrap(),
            sex: Some(Sex::F),
            date_of_expiry: "2012-04-15".parse().unwrap(),
            optional_data: String::new(),
            optional_data_2: String::new(),
        }
    }

    /// FMT-MRZ: generation reproduces the ICAO specimens of every layout.
    #[test]
    fn reproduces_icao_specimens() {
        let td1 = generate(&input(MrzFormat::Td1, "I", "D23145890"), &test_transliteration).unwrap();
        assert_eq!(
            td1.text(),
            "I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<"
        );
        let td2 = generate(&input(MrzFormat::Td2, "I", "D23145890"), &test_transliteration).unwrap();
        assert_eq!(td2.text(), "I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<\nD231458907UTO7408122F1204159<<<<<<<6");
        let mut passport = input(MrzFormat::Td3, "P", "L898902C3");
        passport.optional_data = "ZE184226B".into();
        let td3 = generate(&passport, &test_transliteration).unwrap();
        assert_eq!(
            td3.text(),
            "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10"
        );
        let mut visa = input(MrzFormat::MrvB, "V", "L8988901C");
        visa.nationality = CountryCode::new("XXX").unwrap();
        visa.date_of_birth = "1940-09-07".parse().unwrap();
        visa.date_of_expiry = "1996-12-10".parse().unwrap();
        let mrvb = generate(&visa, &test_transliteration).unwrap();
        assert_eq!(mrvb.text(), "V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<\nL8988901C4XXX4009078F9612109<<<<<<<<");
    }

    /// FMT-MRZ: transliteration and truncation of names, long numbers, Germany's `D`.
    #[test]
    fn transliterates_truncates_and_writes_long_numbers() {
        let mut i = input(MrzFormat::Td1, "ID", "600001795015");
        i.issuing_state = CountryCode::new("DEU").unwrap();
        i.primary_identifier = "Müller-Lüdenscheidt Schäfer von Hohenzollern".into();
        i.secondary_identifier = "Jörg".into();
        let z = generate(&i, &test_transliteration).unwrap();
        assert!(z.is_valid(), "{:?}", z.problems);
        assert!(z.long_document_number);
        assert_eq!(z.document_number, "600001795015");
        assert_eq!(z.issuing_state, "D");
        assert!(z.lines[0].starts_with("IDD<<600001795<0152"));
        assert!(z.name_possibly_truncated);
        assert!(z.lines[2].starts_with("MUELLER<LUEDENSCHEIDT<"), "{}", z.lines[2]);
        assert!(z.lines[2].ends_with("<<J"), "{}", z.lines[2]);
        // Unknown day and month of birth are fillers, and the check digits still verify.
        i.date_of_birth = "1974-00-00".parse().unwrap();
        let z = generate(&i, &test_transliteration).unwrap();
        assert_eq!(z.date_of_birth, "74<<<<");
        assert!(z.check(CheckedField::DateOfBirth).unwrap().valid);
        let long_passport = input(MrzFormat::Td3, "P", "600001795015");
        assert!(matches!(generate(&long_passport, &test_transliteration), Err(MrzError::Unwritable { .. })));
        let mut nameless = input(MrzFormat::Td3, "P", "1");
        nameless.primary_identifier = "漢字".into();
        assert!(generate(&nameless, &test_transliteration).is_err());
        assert!(!z.problems.contains(&MrzProblem::EmptyPrimaryIdentifier));
    }

    #[test]
    fn from_the_model() {
        let identity = IdentityData::person("O'Connor", "Enya Siobhán", "1980-01-02", Sex::F, "IRL").unwrap();
        let document = TravelDocument {
            document_type: crate::model::DocumentType::Passport,
            number: crate::model::DocumentNumber::new("PA-12345").unwrap(),
            issuing_country: CountryCode::new("IRL").unwrap(),
            expiry: Some("2030-05-06".parse().unwrap()),
        };
        let i = MrzInput::from_model(MrzFormat::Td3, "PP", &document, &identity).unwrap();
        let z = generate(&i, &test_transliteration).unwrap();
        assert!(z.is_valid(), "{:?}", z.problems);
        assert_eq!(z.primary_identifier, "OCONNOR");
        assert_eq!(z.document_number, "PA 12345");
        assert!(
            MrzInput::from_model(
                MrzFormat::Td3,
                "PP",
                &TravelDocument { expiry: None, ..document },
                &identity
            )
            .is_err()
        );
    }
}
