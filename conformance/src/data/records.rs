//! Records as scenarios describe them: a table row (column → value) or a sentence such as
//! `an EES record E1 of Ana GARCÍA (F, COL) born 1990-05-07 with fingerprints F1`.
//!
//! Conventions (documented in `features/README.md`):
//! - a person is written with first names in mixed case and the surname in capitals
//!   ("Ana María GARCÍA LÓPEZ"); the table form has separate columns for any script;
//! - the owner defaults per system (EES DEU, VIS FRA, ETIAS ESP, EURODAC ITA, SIS NLD,
//!   ECRIS_TCN POL);
//! - every record carries its own passport unless a document is given (`-` for none), so two
//!   records share a travel document only when a scenario says so.

use std::collections::BTreeMap;

use jha_interop::model::*;

use super::biometrics::{SampleSource, label_hash};
use crate::fail;
use crate::failure::Failure;

/// The owner of a record of `system` when a scenario names none.
pub fn default_owner(system: SourceSystem) -> &'static str {
    match system {
        SourceSystem::Ees => "DEU",
        SourceSystem::Vis => "FRA",
        SourceSystem::Etias => "ESP",
        SourceSystem::Eurodac => "ITA",
        SourceSystem::Sis => "NLD",
        SourceSystem::EcrisTcn => "POL",
        SourceSystem::Europol | SourceSystem::InterpolSltd | SourceSystem::InterpolTdawn => "DEU",
        // A system added to the SDK after these scenarios were written (the enum is open).
        _ => "DEU",
    }
}

/// Splits "Ana María GARCÍA LÓPEZ" into first names and surname: the surname is the words in
/// capitals at the end.
pub fn split_person_name(name: &str) -> Result<(Option<String>, String), Failure> {
    let words: Vec<&str> = name.split_whitespace().collect();
    let is_capitals = |w: &str| w.chars().any(char::is_alphabetic) && !w.chars().any(char::is_lowercase);
    let first_surname_word = words.iter().position(|w| is_capitals(w));
    let Some(at) = first_surname_word else {
        fail!("the name {name:?} has no surname in capitals (write e.g. \"Ana GARCÍA\")")
    };
    let first = (at > 0).then(|| words[..at].join(" "));
    Ok((first, words[at..].join(" ")))
}

/// Reads an SIS alert category: "arrest", "refusal of entry", "missing person", …
pub fn alert_category(text: &str) -> Result<SisAlertCategory, Failure> {
    let t = text.trim().to_lowercase().replace(['-', '_'], " ");
    Ok(match t.as_str() {
        "refusal of entry" | "refusal of entry and stay" => SisAlertCategory::RefusalOfEntry,
        "return" => SisAlertCategory::Return,
        "arrest" => SisAlertCategory::Arrest,
        "missing person" | "vulnerable person" | "missing or vulnerable person" => {
            SisAlertCategory::MissingOrVulnerablePerson
        }
        "judicial procedure" => SisAlertCategory::JudicialProcedure,
        "discreet check" => SisAlertCategory::DiscreetCheck,
        "inquiry check" => SisAlertCategory::InquiryCheck,
        "specific check" => SisAlertCategory::SpecificCheck,
        "object" | "objects" | "other" => SisAlertCategory::Other,
        _ => fail!("unknown SIS alert category {text:?}"),
    })
}

/// A generated passport number, distinct per label.
fn own_document_number(label: &str) -> String {
    format!("G{:08}", label_hash(label) % 100_000_000)
}

/// A fingerprint image sample: `blank` is a uniformly grey 500 ppi image with no ridges, which
/// no quality check can pass.
fn fingerprint_image(kind: &str, taken: usize) -> Result<FingerprintSample, Failure> {
    if kind != "blank" {
        fail!("unknown fingerprint image {kind:?} (only `blank` is defined)")
    }
    let (width, height) = (300u16, 400u16);
    let pixels = vec![128u8; usize::from(width) * usize::from(height)];
    Ok(FingerprintSample {
        position: FingerPosition::new(taken as u8 + 1)?,
        data: FingerprintData::Image(FingerprintImage {
            encoding: ImageEncoding::RawGray8,
            width: Some(width),
            height: Some(height),
            resolution_ppi: 500,
            data: Base64Bytes::from(pixels),
        }),
    })
}

/// A record as a scenario gives it, before its biometric samples are drawn.
#[derive(Debug, Clone, Default)]
pub struct RecordSpec {
    /// The label that steps refer to it by.
    pub label: String,
    /// Column → value; absent columns take the documented defaults.
    pub fields: BTreeMap<String, String>,
}

impl RecordSpec {
    /// A spec from table columns; the header names are case-insensitive.
    pub fn from_row(columns: &[(String, String)]) -> Result<(SourceSystem, RecordSpec), Failure> {
        let fields: BTreeMap<String, String> = columns
            .iter()
            .map(|(k, v)| (k.trim().to_lowercase(), v.trim().to_string()))
            .filter(|(_, v)| !v.is_empty())
            .collect();
        let Some(system) = fields.get("system") else { fail!("a record row needs a 'system' column") };
        let system: SourceSystem = system.parse()?;
        let label = fields.get("record").cloned().unwrap_or_else(|| system.code().to_string());
        Ok((system, RecordSpec { label, fields }))
    }

    fn get(&self, column: &str) -> Option<&str> {
        self.fields.get(column).map(String::as_str).filter(|v| *v != "-")
    }

    fn explicitly_none(&self, column: &str) -> bool {
        self.fields.get(column).is_some_and(|v| v == "-")
    }

    /// The record to write, drawing its biometric samples from `samples`.
    pub fn build(&self, system: SourceSystem, samples: &mut SampleSource) -> Result<RecordWrite, Failure> {
        let owner = Organisation::member_state(self.get("owner").unwrap_or(default_owner(system)))?;
        let mut identity = IdentityData::default();
        if let Some(name) = self.get("name") {
            let (first, surname) = split_person_name(name)?;
            identity.surname = Some(Name::new(surname)?);
            identity.first_names = first.map(Name::new).transpose()?;
        }
        if let Some(v) = self.get("surname") {
            identity.surname = Some(Name::new(v)?);
        }
        if let Some(v) = self.get("first names") {
            identity.first_names = Some(Name::new(v)?);
        }
        if let Some(v) = self.get("surname at birth") {
            identity.surname_at_birth = Some(Name::new(v)?);
        }
        if self.get("alias surname").is_some() || self.get("alias first names").is_some() {
            identity.aliases.push(AliasIdentity {
                status: AliasStatus::Alias,
                surname: self.get("alias surname").map(Name::new).transpose()?,
                first_names: self.get("alias first names").map(Name::new).transpose()?,
                date_of_birth: None,
                sex: None,
                nationalities: Vec::new(),
            });
        }
        if let Some(v) = self.get("born") {
            identity.date_of_birth = Some(v.parse()?);
        }
        if let Some(v) = self.get("sex") {
            identity.sex = Some(v.parse()?);
        }
        if let Some(v) = self.get("nationality") {
            identity.nationalities =
                v.split(',').map(|c| CountryCode::new(c.trim())).collect::<Result<Vec<_>, _>>()?;
        }
        if let Some(v) = self.get("place of birth") {
            identity.place_of_birth = Some(PlaceName::new(v)?);
        }
        if let Some(v) = self.get("country of birth") {
            identity.country_of_birth = Some(CountryCode::new(v)?);
        }
        let mut record = RecordWrite::new(owner, identity);
        if !self.explicitly_none("document") {
            record.travel_documents.push(self.document(&record)?);
        }
        let fingers = self.get("fingerprints").unwrap_or("");
        let face = self.get("face").unwrap_or("");
        record.biometrics = samples.biometrics(fingers, face)?;
        if let Some(q) = self.get("face quality") {
            let Some(face) = record.biometrics.face.as_mut() else { fail!("'face quality' needs a 'face'") };
            face.capture_quality = Some(q.parse().map_err(|_| Failure(format!("bad face quality {q:?}")))?);
        }
        if let Some(image) = self.get("fingerprint image") {
            record
                .biometrics
                .fingerprints
                .push(fingerprint_image(image, record.biometrics.fingerprints.len())?);
        }
        if self.get("palm prints").is_some_and(|v| v.eq_ignore_ascii_case("yes")) {
            let template = samples.finger(&format!("palm:{}", self.label));
            record.biometrics.palm_prints.push(PalmPrintSample { position: 22, template });
        }
        if let Some(until) = self.get("retained until") {
            record.retention_until = Some(until.parse()?);
        }
        if self.get("person present").is_some_and(|v| v.eq_ignore_ascii_case("yes")) {
            record.person_present = true;
        }
        if self.explicitly_none("alert") {
            // `-`: no alert at all, even on an SIS record (to check that one is required).
        } else if let Some(alert) = self.get("alert") {
            record.sis_alert = Some(SisAlert { category: alert_category(alert)? });
        } else if system == SourceSystem::Sis {
            record.sis_alert = Some(SisAlert { category: SisAlertCategory::RefusalOfEntry });
        }
        Ok(record)
    }

    fn document(&self, record: &RecordWrite) -> Result<TravelDocument, Failure> {
        let number = match self.get("document") {
            Some(n) => n.to_string(),
            None => own_document_number(&self.label),
        };
        let issuer = match self.get("issued by") {
            Some(c) => CountryCode::new(c)?,
            None => match record.identity.nationalities.first() {
                Some(c) => *c,
                None => match record.owner {
                    Organisation::MemberState(c) => c,
                    Organisation::Agency(_) => CountryCode::new("XXX")?,
                },
            },
        };
        let document_type = match self.get("document type").map(str::to_lowercase).as_deref() {
            None | Some("passport") => DocumentType::Passport,
            Some("identity card") => DocumentType::IdentityCard,
            Some("residence permit") => DocumentType::ResidencePermit,
            Some("visa") => DocumentType::Visa,
            Some(other) => fail!("unknown document type {other:?}"),
        };
        let expiry = match self.get("expiry") {
            Some(d) => d.parse()?,
            None => Date::new(2031, 1, 1)?,
        };
        Ok(TravelDocument {
            document_type,
            number: DocumentNumber::new(number)?,
            issuing_country: issuer,
            expiry: Some(expiry),
        })
    }
}

/// Reads the sentence form `of <name> (<sex>, <nationality>) born <date>[ with … and …]` into a
/// spec. The clauses after "with" are `fingerprints F1, F2`, `face P1`, `passport N`,
/// `no travel document`, `an arrest alert` (any SIS category), `owner NLD`.
pub fn spec_from_sentence(label: &str, person: &str, rest: &str) -> Result<RecordSpec, Failure> {
    let mut fields = BTreeMap::new();
    // person = "Ana GARCÍA (F, COL) born 1990-05-07"
    let Some((name, after)) = person.split_once('(') else {
        fail!("write the person as 'Ana GARCÍA (F, COL) born 1990-05-07', not {person:?}")
    };
    let Some((sex_nat, born)) = after.split_once(')') else { fail!("missing ')' in {person:?}") };
    let Some((sex, nationality)) = sex_nat.split_once(',') else {
        fail!("write sex and nationality as '(F, COL)' in {person:?}")
    };
    let born = born.trim().strip_prefix("born").map(str::trim).unwrap_or("");
    fields.insert("name".to_string(), name.trim().to_string());
    fields.insert("sex".to_string(), sex.trim().to_string());
    fields.insert("nationality".to_string(), nationality.trim().to_string());
    if !born.is_empty() {
        fields.insert("born".to_string(), born.to_string());
    }
    let clauses = rest.trim().strip_prefix("with").unwrap_or(rest.trim());
    for clause in clauses.split(" and ").map(str::trim).filter(|c| !c.is_empty()) {
        let clause = clause.strip_prefix("with ").unwrap_or(clause);
        if let Some(v) = clause.strip_prefix("fingerprints ") {
            fields.insert("fingerprints".into(), v.trim().into());
        } else if let Some(v) = clause.strip_prefix("face ") {
            fields.insert("face".into(), v.trim().into());
        } else if let Some(v) = clause.strip_prefix("passport ") {
            fields.insert("document".into(), v.trim().into());
        } else if clause == "no travel document" {
            fields.insert("document".into(), "-".into());
        } else if let Some(v) = clause.strip_prefix("owner ") {
            fields.insert("owner".into(), v.trim().into());
        } else if let Some(category) = clause
            .strip_prefix("an ")
            .or_else(|| clause.strip_prefix("a "))
            .and_then(|c| c.strip_suffix(" alert"))
        {
            fields.insert("alert".into(), category.trim().into());
        } else {
            fail!("unknown record clause {clause:?}")
        }
    }
    Ok(RecordSpec { label: label.to_string(), fields })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_split_at_the_capitals() {
        assert_eq!(split_person_name("Ana GARCÍA").unwrap(), (Some("Ana".into()), "GARCÍA".into()));
        assert_eq!(
            split_person_name("Ana María GARCÍA LÓPEZ").unwrap(),
            (Some("Ana María".into()), "GARCÍA LÓPEZ".into())
        );
        assert_eq!(split_person_name("Анна ИВАНОВА").unwrap(), (Some("Анна".into()), "ИВАНОВА".into()));
        assert!(split_person_name("ana garcia").is_err());
    }

    #[test]
    fn sentences_and_rows_give_records() {
        let spec = spec_from_sentence(
            "E1",
            "Ana GARCÍA (F, COL) born 1990-05-07",
            "with fingerprints F1, F2 and passport PA1234567",
        )
        .unwrap();
        let mut samples = SampleSource::default();
        let record = spec.build(SourceSystem::Ees, &mut samples).unwrap();
        assert_eq!(record.identity.surname.as_ref().unwrap().as_str(), "GARCÍA");
        assert_eq!(record.biometrics.fingerprints.len(), 2);
        assert_eq!(record.travel_documents[0].number.as_str(), "PA1234567");
        assert_eq!(record.owner, Organisation::member_state("DEU").unwrap());

        let row = vec![
            ("System".to_string(), "SIS".to_string()),
            ("record".to_string(), "S1".to_string()),
            ("surname".to_string(), "MEYER".to_string()),
            ("alert".to_string(), "arrest".to_string()),
            ("document".to_string(), "-".to_string()),
        ];
        let (system, spec) = RecordSpec::from_row(&row).unwrap();
        let record = spec.build(system, &mut samples).unwrap();
        assert_eq!(record.sis_alert.unwrap().category, SisAlertCategory::Arrest);
        assert!(record.travel_documents.is_empty());
        assert!(spec_from_sentence("X", "Ana GARCÍA born 1990", "").is_err());
    }
}
