//! Data quality: blocking rules refuse input and list every broken rule; soft rules store it
//! with flags (Art 37, IR 2021/2225).

use cucumber::then;
use jha_interop::api::ErrorKind;

use super::labels;
use crate::failure::StepResult;
use crate::role::Role;
use crate::world::ConformanceWorld;
use crate::{ensure, fail};

#[then(regex = r"^the write is refused, listing a broken rule for each of ([a-z_, ]+)$")]
async fn refused_listing(world: &mut ConformanceWorld, fields: String) -> StepResult {
    let e = world.refusal()?;
    ensure!(e.kind == ErrorKind::Invalid, "refused with {} instead of 'invalid'", e.kind);
    for field in labels(&fields) {
        ensure!(
            e.violations.iter().any(|v| v.field.contains(&field) && !v.rule.trim().is_empty()),
            "no violation with a rule names {field}: {:?}",
            e.violations.iter().map(|v| (&v.rule, &v.field)).collect::<Vec<_>>()
        );
    }
    Ok(())
}

#[then(regex = r"^record ([A-Za-z][A-Za-z0-9]*) is stored with quality flags for ([a-z_, ]+)$")]
async fn stored_with_flags(world: &mut ConformanceWorld, label: String, fields: String) -> StepResult {
    world.accepted()?;
    let entry = world.record(&label)?.clone();
    let Some(outcome) = &entry.outcome else { fail!("harness: no write outcome for {label}") };
    let service = world.session(&Role::SourceSystem(entry.reference.system))?;
    let stored = service.source_systems.get_record(&entry.reference).await?;
    for field in labels(&fields) {
        ensure!(
            outcome
                .record
                .quality_flags
                .iter()
                .any(|f| f.field.contains(&field) && !f.rule.trim().is_empty()),
            "the write of {label} returned no quality flag for {field}: {:?}",
            outcome.record.quality_flags
        );
        ensure!(
            stored.quality_flags.iter().any(|f| f.field.contains(&field)),
            "the stored record {label} carries no quality flag for {field}"
        );
    }
    Ok(())
}

#[then(regex = r"^record ([A-Za-z][A-Za-z0-9]*) is stored without quality flags$")]
async fn stored_clean(world: &mut ConformanceWorld, label: String) -> StepResult {
    let entry = world.record(&label)?.clone();
    let Some(outcome) = &entry.outcome else { fail!("harness: no write outcome for {label}") };
    ensure!(
        outcome.record.quality_flags.is_empty(),
        "{label} carries flags {:?}",
        outcome.record.quality_flags
    );
    Ok(())
}
