//! The Central Repository for Reporting and Statistics: reports, their anonymity, who may read
//! them, and the access log.

use cucumber::{then, when};
use jha_interop::api::ErrorKind;
use jha_interop::model::*;

use super::{Optional, Spelled};
use crate::failure::{Failure, StepResult};
use crate::role::Role;
use crate::world::ConformanceWorld;
use crate::{ensure, fail};

fn report(world: &ConformanceWorld) -> Result<&StatisticsReport, Failure> {
    if let Some(e) = &world.last_error {
        fail!("reading the report was refused: {}", Failure::from(e.clone()));
    }
    match &world.last_report {
        Some(r) => Ok(r),
        None => fail!("harness: no report was read"),
    }
}

#[when(regex = r"^(.+) reads the statistics of (.+)$")]
async fn reads_report(world: &mut ConformanceWorld, who: Role, kind: Spelled<ReportKind>) -> StepResult {
    let session = world.session(&who)?;
    let result = session.statistics.report(kind.0).await;
    // The report read before stays at hand, so that a scenario can state what one call added.
    if let Some(before) = world.last_report.take() {
        let text = serde_json::to_string(&before).map_err(|e| Failure(e.to_string()))?;
        world.kept.insert(PREVIOUS_REPORT.into(), text);
    }
    world.last_report = world.expect_refusal(result);
    Ok(())
}

const PREVIOUS_REPORT: &str = "previous-statistics-report";

/// The sum of the counts of `report`'s rows whose `dimension` is `value`.
fn count(report: &StatisticsReport, dimension: Dimension, value: &str) -> u64 {
    report
        .rows
        .iter()
        .filter(|r| r.dimensions.get(&dimension).map(String::as_str) == Some(value))
        .map(|r| r.count)
        .sum()
}

#[then(
    regex = r#"^the report counts (\d+) more than the one before for (.+?) "([^"]+)" and (\d+) more for "([^"]+)"$"#
)]
async fn report_counts_more(
    world: &mut ConformanceWorld,
    more: u64,
    d: Spelled<Dimension>,
    v1: String,
    other_more: u64,
    v2: String,
) -> StepResult {
    let Spelled(d) = d;
    let Some(before) = world.kept.get(PREVIOUS_REPORT) else {
        fail!("harness: no report was read before this one")
    };
    let before: StatisticsReport = serde_json::from_str(before).map_err(|e| Failure(e.to_string()))?;
    let after = report(world)?;
    ensure!(before.kind == after.kind, "harness: the two reports are of different kinds");
    for (value, wanted) in [(&v1, more), (&v2, other_more)] {
        let (was, is) = (count(&before, d, value), count(after, d, value));
        ensure!(
            is == was + wanted,
            "the {:?} report counts {is} for {d:?} {value:?}, {was} before: expected {wanted} more",
            after.kind
        );
    }
    Ok(())
}

#[then(regex = r#"^the report counts (\d+) for (.+?) "([^"]+)"(?: and (.+?) "([^"]+)")?$"#)]
async fn report_counts(
    world: &mut ConformanceWorld,
    n: u64,
    d1: Spelled<Dimension>,
    v1: String,
    d2: Optional<Spelled<Dimension>>,
    v2: String,
) -> StepResult {
    let mut wanted = vec![(d1.0, v1)];
    if let Some(Spelled(d2)) = d2.0 {
        wanted.push((d2, v2));
    }
    let report = report(world)?;
    let total: u64 = report
        .rows
        .iter()
        .filter(|r| wanted.iter().all(|(d, v)| r.dimensions.get(d) == Some(v)))
        .map(|r| r.count)
        .sum();
    ensure!(
        total == n,
        "the {:?} report counts {total} for {wanted:?}, not {n}; rows: {:?}",
        report.kind,
        report.rows.iter().map(|r| (&r.dimensions, r.count)).collect::<Vec<_>>()
    );
    Ok(())
}

#[then(regex = r#"^the report gives (.+?) "([^"]+)" a mean of (\d+) to (\d+) hours$"#)]
async fn report_mean(
    world: &mut ConformanceWorld,
    d: Spelled<Dimension>,
    v: String,
    low: f64,
    high: f64,
) -> StepResult {
    let Spelled(d) = d;
    let report = report(world)?;
    let Some(row) = report.rows.iter().find(|r| r.dimensions.get(&d) == Some(&v)) else {
        fail!("the {:?} report has no row for {d:?} {v:?}", report.kind)
    };
    let Some(mean) = row.value else { fail!("the row for {v:?} gives no duration") };
    ensure!(mean >= low && mean <= high, "the mean duration is {mean} hours, expected {low} to {high}");
    Ok(())
}

#[then(regex = r"^the report holds no personal data$")]
async fn no_personal_data(world: &mut ConformanceWorld) -> StepResult {
    let report = report(world)?;
    ensure!(!report.rows.is_empty(), "the {:?} report is empty: nothing to check", report.kind);
    let text = serde_json::to_string(report).map_err(|e| Failure(e.to_string()))?;
    for (label, entry) in world.records() {
        let id = &entry.write.identity;
        for name in
            id.surname_values().into_iter().chain(id.first_name_values()).map(|(_, n)| n.as_str().to_string())
        {
            ensure!(!text.contains(&format!("\"{name}\"")), "the report holds the name {name} of {label}");
        }
        if let Some(dob) = id.date_of_birth {
            ensure!(!text.contains(&dob.to_string()), "the report holds the date of birth of {label}");
        }
        for d in &entry.write.travel_documents {
            ensure!(!text.contains(d.number.as_str()), "the report holds the document number of {label}");
        }
        ensure!(!text.contains(entry.reference.id.as_str()), "the report names record {label}");
    }
    for key in ["minutiae", "vector", "fingerprints", "face", "surname"] {
        ensure!(!text.contains(&format!("\"{key}\"")), "the report carries {key} data");
    }
    Ok(())
}

#[then(regex = r"^reading the statistics is refused$")]
async fn refused(world: &mut ConformanceWorld) -> StepResult {
    let e = world.refusal()?;
    ensure!(e.kind == ErrorKind::Forbidden, "refused with {} instead of 'forbidden'", e.kind);
    Ok(())
}

#[then(regex = r"^the CRRS log holds the access of (.+) to the statistics of (.+) with its time$")]
async fn access_logged(world: &mut ConformanceWorld, who: Role, kind: Spelled<ReportKind>) -> StepResult {
    let (authority, Spelled(kind)) = (who.as_authority(), kind);
    let logs = world.all_logs().await?;
    ensure!(
        logs.iter().any(|e| e.component == Component::Crrs
            && e.requester.as_ref().map(|r| r.authority) == authority
            && matches!(&e.event, LogEvent::CrrsAccess { report } if *report == kind)
            && e.at.unix_millis() > 0),
        "no CRRS log entry records {who} reading {kind:?}"
    );
    Ok(())
}

#[then(
    regex = r"^the report gives each of completeness, accuracy, timeliness, uniqueness and consistency per system$"
)]
async fn indicators(world: &mut ConformanceWorld) -> StepResult {
    let report = report(world)?;
    for indicator in ["completeness", "accuracy", "timeliness", "uniqueness", "consistency"] {
        ensure!(
            report
                .rows
                .iter()
                .any(|r| r.dimensions.get(&Dimension::Indicator).map(String::as_str) == Some(indicator)
                    && r.dimensions.contains_key(&Dimension::System)
                    && r.value.is_some()),
            "the data-quality report gives no {indicator} per system"
        );
    }
    Ok(())
}
