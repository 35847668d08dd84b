//! Data-quality rules (Art 37, IR 2021/2225): blocking rules refuse input and list every rule
//! broken (DQ-01); soft rules store it with flags (DQ-02). Biometric sample quality, also a
//! blocking rule, is measured by the sBMS (`DQ-B-BIO-QUALITY`, BMS-01).

use crate::api::RequirementId;
use crate::api::Violation;
use crate::model::{Date, IdentityData, Name, QualityFlag, RecordWrite, SourceSystem};

/// Version of the rule set, declared as a policy.
pub const RULES_VERSION: &str = "1";

/// Oldest accepted age: a date of birth before this is impossible.
const MAX_AGE_YEARS: u16 = 130;
/// Ages above this are flagged as implausible.
const PLAUSIBLE_AGE_YEARS: u16 = 110;
/// Latest accepted expiry of a travel document, in years from today.
const MAX_VALIDITY_YEARS: u16 = 30;

/// The outcome of the rules.
#[derive(Debug, Default)]
pub(crate) struct QualityReport {
    /// Broken blocking rules: the record must be refused.
    pub blocking: Vec<Violation>,
    /// Broken soft rules: the record is stored with these flags.
    pub soft: Vec<QualityFlag>,
}

impl QualityReport {
    fn block(&mut self, rule: RequirementId, field: &str, message: impl Into<String>) {
        self.blocking.push(Violation::new(rule, field, message));
    }

    fn flag(&mut self, rule: RequirementId, field: &str, message: impl Into<String>) {
        self.soft.push(QualityFlag { rule: rule.to_string(), field: field.into(), message: message.into() });
    }
}

/// Which fields a system's records must carry.
struct Mandatory {
    surname: bool,
    date_of_birth: bool,
    sex: bool,
    nationality: bool,
    travel_document: bool,
    fingerprints: bool,
}

fn mandatory(system: SourceSystem) -> Mandatory {
    let person = |travel_document| Mandatory {
        surname: true,
        date_of_birth: true,
        sex: true,
        nationality: true,
        travel_document,
        fingerprints: false,
    };
    match system {
        SourceSystem::Ees | SourceSystem::Vis | SourceSystem::Etias => person(true),
        SourceSystem::EcrisTcn => person(false),
        SourceSystem::Eurodac => Mandatory { fingerprints: true, ..none() },
        SourceSystem::Sis | SourceSystem::Europol => Mandatory { surname: true, ..none() },
        SourceSystem::InterpolSltd | SourceSystem::InterpolTdawn => {
            Mandatory { travel_document: true, ..none() }
        }
    }
}

fn none() -> Mandatory {
    Mandatory {
        surname: false,
        date_of_birth: false,
        sex: false,
        nationality: false,
        travel_document: false,
        fingerprints: false,
    }
}

fn names(identity: &IdentityData) -> Vec<(String, &Name)> {
    let mut all = identity.surname_values();
    all.extend(identity.first_name_values());
    all
}

/// Applies every alphanumeric rule to a record of `system` written on `today`.
pub(crate) fn check(system: SourceSystem, record: &RecordWrite, today: Date) -> QualityReport {
    let mut report = QualityReport::default();
    let id = &record.identity;
    let rules = mandatory(system);
    let missing = [
        (rules.surname && id.surname.is_none(), "identity.surname"),
        (rules.date_of_birth && id.date_of_birth.is_none(), "identity.date_of_birth"),
        (rules.sex && id.sex.is_none(), "identity.sex"),
        (rules.nationality && id.nationalities.is_empty(), "identity.nationalities"),
        (rules.travel_document && record.travel_documents.is_empty(), "travel_documents"),
        (
            rules.fingerprints
                && record.biometrics.fingerprints.is_empty()
                && record.biometrics.ansi_nist.is_none(),
            "biometrics.fingerprints",
        ),
    ];
    for (absent, field) in missing {
        if absent {
            report.block(
                crate::requirement!("DQ-B-MANDATORY"),
                field,
                format!("{system} records must carry {field}"),
            );
        }
    }
    match (system, record.sis_alert.is_some()) {
        (SourceSystem::Sis, false) => report.block(
            crate::requirement!("DQ-B-SIS-ALERT"),
            "sis_alert",
            "an SIS record must carry its alert",
        ),
        (s, true) if s != SourceSystem::Sis => report.block(
            crate::requirement!("DQ-B-SIS-ALERT"),
            "sis_alert",
            "only SIS records carry SIS alerts",
        ),
        _ => {}
    }
    let oldest =
        Date::new(today.year().saturating_sub(MAX_AGE_YEARS), today.month(), today.day().min(28)).ok();
    for (field, dob) in id.dates_of_birth() {
        if dob.earliest() > today {
            report.block(
                crate::requirement!("DQ-B-DOB-FUTURE"),
                &format!("identity.{field}"),
                format!("date of birth {dob} is in the future"),
            );
        } else if oldest.is_some_and(|o| dob.latest() < o) {
            report.block(
                crate::requirement!("DQ-B-DOB-IMPOSSIBLE"),
                &format!("identity.{field}"),
                format!("date of birth {dob} is more than {MAX_AGE_YEARS} years ago"),
            );
        } else if dob.earliest().age_on(today) > PLAUSIBLE_AGE_YEARS {
            report.flag(
                crate::requirement!("DQ-S-AGE-IMPLAUSIBLE"),
                &format!("identity.{field}"),
                format!("age over {PLAUSIBLE_AGE_YEARS} years"),
            );
        }
        if !dob.is_complete() {
            report.flag(
                crate::requirement!("DQ-S-DOB-PARTIAL"),
                &format!("identity.{field}"),
                "day or month of birth unknown",
            );
        }
    }
    for (field, name) in names(id) {
        if name.as_str().chars().any(|c| c.is_numeric()) {
            report.flag(
                crate::requirement!("DQ-S-NAME-DIGITS"),
                &format!("identity.{field}"),
                "name contains digits",
            );
        }
    }
    if id.surname.as_ref().is_some_and(|s| s.as_str().chars().filter(|c| c.is_alphabetic()).count() == 1) {
        report.flag(
            crate::requirement!("DQ-S-NAME-ONE-LETTER"),
            "identity.surname",
            "surname of a single letter",
        );
    }
    let latest_expiry = today.add_years(MAX_VALIDITY_YEARS);
    for (i, doc) in record.travel_documents.iter().enumerate() {
        let field = format!("travel_documents[{i}]");
        let key = doc.number.normalised();
        if !(3..=22).contains(&key.len()) {
            report.block(
                crate::requirement!("DQ-B-DOC-NUMBER"),
                &format!("{field}.number"),
                format!("document number has {} letters and digits; 3 to 22 are expected", key.len()),
            );
        }
        let born = id.date_of_birth.map(|d| d.earliest());
        if let Some(expiry) = doc.expiry {
            if born.is_some_and(|born| expiry < born) {
                report.block(
                    crate::requirement!("DQ-B-EXPIRY-IMPOSSIBLE"),
                    &format!("{field}.expiry"),
                    format!("expiry {expiry} is before the holder's date of birth"),
                );
            } else if latest_expiry.is_some_and(|latest| expiry > latest) {
                report.block(
                    crate::requirement!("DQ-B-EXPIRY-IMPOSSIBLE"),
                    &format!("{field}.expiry"),
                    format!("expiry {expiry} is more than {MAX_VALIDITY_YEARS} years ahead"),
                );
            } else if expiry < today {
                report.flag(
                    crate::requirement!("DQ-S-DOC-EXPIRED"),
                    &format!("{field}.expiry"),
                    format!("document expired on {expiry}"),
                );
            }
        }
    }
    let mut positions: Vec<u8> = record.biometrics.fingerprints.iter().map(|f| f.position.code()).collect();
    positions.sort_unstable();
    if positions.windows(2).any(|w| w[0] == w[1]) {
        report.block(
            crate::requirement!("DQ-B-DUPLICATE-FINGER"),
            "biometrics.fingerprints",
            "two samples of the same finger",
        );
    }
    let no_data = *id == IdentityData::default()
        && record.travel_documents.is_empty()
        && record.biometrics.modalities().is_empty();
    if no_data {
        report.block(crate::requirement!("DQ-B-EMPTY"), "", "the record carries no data");
    }
    let has_biometrics = record.biometrics.has_matchable_data();
    if system == SourceSystem::Etias && !record.biometrics.modalities().is_empty() {
        report.block(
            crate::requirement!("DQ-B-ETIAS-BIOMETRICS"),
            "biometrics",
            "ETIAS holds no biometric data (CIR-01)",
        );
    }
    if matches!(system, SourceSystem::Ees | SourceSystem::Vis) && !has_biometrics {
        report.flag(
            crate::requirement!("DQ-S-NO-BIOMETRICS"),
            "biometrics",
            format!("{system} records normally carry biometric data"),
        );
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        CountryCode, DocumentNumber, DocumentType, Organisation, SisAlert, SisAlertCategory, TravelDocument,
    };

    fn today() -> Date {
        Date::new(2026, 11, 25).unwrap()
    }

    fn passport(number: &str, expiry: &str) -> TravelDocument {
        TravelDocument {
            document_type: DocumentType::Passport,
            number: DocumentNumber::new(number).unwrap(),
            issuing_country: CountryCode::new("ESP").unwrap(),
            expiry: Some(expiry.parse().unwrap()),
        }
    }

    fn ees(identity: IdentityData) -> RecordWrite {
        let mut r = RecordWrite::new(Organisation::member_state("DEU").unwrap(), identity);
        r.travel_documents.push(passport("XDA123456", "2030-01-01"));
        r
    }

    fn rules(report: &QualityReport) -> Vec<&str> {
        report.blocking.iter().map(|v| v.rule.as_str()).collect()
    }

    #[test]
    fn clean_record_passes() {
        let id = IdentityData::person("GARCÍA", "Ana", "1990-05-07", crate::model::Sex::F, "ESP").unwrap();
        let report = check(SourceSystem::Ees, &ees(id), today());
        assert!(report.blocking.is_empty(), "{:?}", report.blocking);
        assert_eq!(report.soft.len(), 1, "only the missing biometrics: {:?}", report.soft);
    }

    /// DQ-01: every broken blocking rule is listed.
    #[test]
    fn dq_01_lists_every_blocking_rule() {
        let mut id = IdentityData::person("X", "Ana", "2090-01-01", crate::model::Sex::F, "ESP").unwrap();
        id.surname = None;
        let mut record = ees(id);
        record.travel_documents = vec![passport("A1", "2090-01-01")];
        record.sis_alert = Some(SisAlert { category: SisAlertCategory::Arrest });
        let report = check(SourceSystem::Ees, &record, today());
        let got = rules(&report);
        for want in [
            "DQ-B-MANDATORY",
            "DQ-B-SIS-ALERT",
            "DQ-B-DOB-FUTURE",
            "DQ-B-DOC-NUMBER",
            "DQ-B-EXPIRY-IMPOSSIBLE",
        ] {
            assert!(got.contains(&want), "{want} missing from {got:?}");
        }
        let too_old = IdentityData::person("OLD", "Ann", "1850-01-01", crate::model::Sex::F, "ESP").unwrap();
        assert_eq!(rules(&check(SourceSystem::Ees, &ees(too_old), today())), vec!["DQ-B-DOB-IMPOSSIBLE"]);
        let adult = IdentityData::person("OK", "Ann", "1990-05-07", crate::model::Sex::F, "ESP").unwrap();
        let mut before_birth = ees(adult);
        before_birth.travel_documents = vec![passport("PA1234567", "1980-01-01")];
        assert_eq!(rules(&check(SourceSystem::Ees, &before_birth, today())), vec!["DQ-B-EXPIRY-IMPOSSIBLE"]);
    }

    /// DQ-02: soft rules only flag.
    #[test]
    fn dq_02_soft_rules_flag() {
        let id = IdentityData::person("SM1TH", "J", "1910-00-00", crate::model::Sex::M, "GBR").unwrap();
        let mut record = ees(id);
        record.travel_documents = vec![passport("123456789", "2020-01-01")];
        let report = check(SourceSystem::Ees, &record, today());
        assert!(report.blocking.is_empty(), "{:?}", report.blocking);
        let flags: Vec<&str> = report.soft.iter().map(|f| f.rule.as_str()).collect();
        for want in ["DQ-S-NAME-DIGITS", "DQ-S-DOC-EXPIRED", "DQ-S-AGE-IMPLAUSIBLE", "DQ-S-DOB-PARTIAL"] {
            assert!(flags.contains(&want), "{want} missing from {flags:?}");
        }
    }

    #[test]
    fn mandatory_fields_depend_on_the_system() {
        let org = Organisation::member_state("FRA").unwrap();
        let sltd = RecordWrite::new(org, IdentityData::default());
        assert_eq!(
            rules(&check(SourceSystem::InterpolSltd, &sltd, today())),
            vec!["DQ-B-MANDATORY", "DQ-B-EMPTY"]
        );
        let mut sis = RecordWrite::new(
            org,
            IdentityData { surname: Some(Name::new("DOE").unwrap()), ..IdentityData::default() },
        );
        sis.sis_alert = Some(SisAlert { category: SisAlertCategory::Arrest });
        assert!(check(SourceSystem::Sis, &sis, today()).blocking.is_empty());
    }
}
