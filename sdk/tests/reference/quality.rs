//! Data-quality rules through the contract (DQ-01, DQ-02).

use jha_interop::api::ErrorKind;
use jha_interop::model::*;

use crate::fixture::*;

/// DQ-01: a record breaking blocking rules is refused with every rule listed; nothing is stored.
#[tokio::test]
async fn dq_01_blocking_rules_refuse_and_list() {
    let f = Fixture::new();
    let mut record = person("DEU", "NOWAK", "Ewa", "2090-01-01", Sex::F, "COL", "PJ7654321");
    record.identity.surname = None;
    record.travel_documents[0].expiry = Some(Date::new(2099, 1, 1).unwrap());
    let reference = f.record(SourceSystem::Ees);
    let ees = f.service(SourceSystem::Ees);
    let err = ees.source_systems.put_record(&reference, record).await.unwrap_err();
    assert_eq!(err.kind, ErrorKind::Invalid);
    let rules: Vec<&str> = err.violations.iter().map(|v| v.rule.as_str()).collect();
    assert_eq!(rules, vec!["DQ-B-MANDATORY", "DQ-B-DOB-FUTURE", "DQ-B-EXPIRY-IMPOSSIBLE"]);
    assert_eq!(ees.source_systems.get_record(&reference).await.unwrap_err().kind, ErrorKind::NotFound);
}

/// DQ-02: soft rules store the record with flags returned with it.
#[tokio::test]
async fn dq_02_soft_rules_flag_and_store() {
    let f = Fixture::new();
    let mut record = person("DEU", "NOW4K", "Ewa", "1975-11-30", Sex::F, "COL", "PJ7654321");
    record.travel_documents[0].expiry = Some(Date::new(2021, 1, 1).unwrap());
    let (reference, out) = f.put(SourceSystem::Ees, record).await;
    let flags: Vec<&str> = out.record.quality_flags.iter().map(|q| q.rule.as_str()).collect();
    assert!(flags.contains(&"DQ-S-NAME-DIGITS") && flags.contains(&"DQ-S-DOC-EXPIRED"), "{flags:?}");
    let stored = f.service(SourceSystem::Ees).source_systems.get_record(&reference).await.unwrap();
    assert_eq!(stored.quality_flags, out.record.quality_flags);
}
