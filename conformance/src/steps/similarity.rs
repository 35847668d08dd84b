//! Same and similar identity data (Delegated Regulation 2023/333), observed through the links
//! detection makes: two records without biometrics that share a travel document are always
//! linked, and the link's basis (shown to its verifying authority) says how their identity data
//! compared. The comparison's evidence is read from the log (SIM-08).

use cucumber::gherkin::Step;
use cucumber::{given, then};
use jha_interop::model::*;

use super::{Spelled, table_rows};
use crate::data::records::RecordSpec;
use crate::failure::{Failure, StepResult};
use crate::world::ConformanceWorld;
use crate::{ensure, fail};

/// Two records without biometrics sharing passport PX1000001: an ETIAS record B, then an EES
/// record A; the table has a `record` column (A, B) and any identity columns.
#[given(regex = r"^two records sharing a travel document with these identity data:$")]
async fn two_records(world: &mut ConformanceWorld, step: &Step) -> StepResult {
    let rows = table_rows(step)?;
    ensure!(rows.len() == 2, "give two rows, A and B");
    let mut ordered: Vec<&Vec<(String, String)>> = rows.iter().collect();
    // B first, so that A's write triggers detection.
    ordered.sort_by_key(|r| r.iter().find(|(k, _)| k.trim() == "record").map(|(_, v)| v.trim() != "B"));
    for row in ordered {
        let mut row = row.clone();
        let label = row.iter().find(|(k, _)| k.trim() == "record").map(|(_, v)| v.trim().to_string());
        let system = if label.as_deref() == Some("B") { "ETIAS" } else { "EES" };
        row.push(("system".into(), system.into()));
        row.push(("document".into(), "PX1000001".into()));
        row.push(("issued by".into(), "COL".into()));
        let (system, spec) = RecordSpec::from_row(&row)?;
        world.put_spec_ok(system, spec).await?;
    }
    Ok(())
}

#[then(
    regex = r"^the identity data of ([A-Za-z][A-Za-z0-9]*) and ([A-Za-z][A-Za-z0-9]*) compare as (SAME|SIMILAR|DIFFERENT)$"
)]
async fn compare_as(
    world: &mut ConformanceWorld,
    a: String,
    b: String,
    expected: Spelled<IdentityVerdict>,
) -> StepResult {
    let Spelled(expected) = expected;
    let link = world.the_link(&a, &b).await?;
    // The basis is shown to the verifying authority.
    let verifier = ConformanceWorld::verifier_of(&link);
    let session = world.session(&verifier)?;
    let reference = world.record(&a)?.reference.clone();
    let views = session.identity_detector.links(&reference).await?;
    let Some(basis) = views.iter().find(|v| v.sin == link.sin).and_then(|v| v.basis) else {
        fail!("the verifying authority {verifier} is not shown the basis of link {}", link.sin)
    };
    ensure!(
        basis.identity == expected,
        "the identity data of {a} and {b} compare as {:?}; DR 2023/333 makes them {expected:?}",
        basis.identity
    );
    Ok(())
}

/// The CIR log's comparison of `a` and `b`.
async fn logged_comparison(world: &mut ConformanceWorld, a: &str, b: &str) -> Result<LogEntry, Failure> {
    let refs = [world.record(a)?.reference.clone(), world.record(b)?.reference.clone()];
    let logs = world.all_logs().await?;
    let found = logs.into_iter().rev().find(|e| {
        matches!(&e.event, LogEvent::IdentityComparison { records, .. }
            if refs.iter().all(|r| records.contains(r)))
    });
    match found {
        Some(e) => Ok(e),
        None => fail!("no log entry records the identity comparison of {a} and {b} (SIM-08)"),
    }
}

#[then(
    regex = r"^the log records the comparison of ([A-Za-z][A-Za-z0-9]*) and ([A-Za-z][A-Za-z0-9]*) as (SAME|SIMILAR|DIFFERENT), with (names|date of birth|sex|nationality or place of birth) matched by (.+), and the colour after automation (white|yellow|green|red)$"
)]
async fn comparison_logged(
    world: &mut ConformanceWorld,
    a: String,
    b: String,
    expected: Spelled<IdentityVerdict>,
    category: Spelled<IdentityCategory>,
    by: Spelled<MatchRule>,
    colour: Spelled<LinkColour>,
) -> StepResult {
    let (Spelled(expected), Spelled(category), Spelled(wanted_rule)) = (expected, category, by);
    let entry = logged_comparison(world, &a, &b).await?;
    let LogEvent::IdentityComparison { verdict: got, matched, colour_after_automation, .. } = &entry.event
    else {
        fail!("unreachable")
    };
    ensure!(*got == expected, "the log records verdict {got:?}, not {expected:?}");
    ensure!(
        matched.iter().any(|m| m.category == category && m.rule == wanted_rule && !m.left_field.is_empty()),
        "the log does not record {category:?} matched by {wanted_rule:?}: {matched:?}"
    );
    ensure!(
        *colour_after_automation == Some(colour.0),
        "the log records the colour after automation {colour_after_automation:?}"
    );
    ensure!(entry.at.unix_millis() > 0, "the entry has no time");
    Ok(())
}

#[then(
    regex = r"^the log records the colour after manual verification (white|green|red) for the link joining ([A-Za-z][A-Za-z0-9]*) and ([A-Za-z][A-Za-z0-9]*)$"
)]
async fn manual_colour_logged(
    world: &mut ConformanceWorld,
    colour: Spelled<LinkColour>,
    a: String,
    b: String,
) -> StepResult {
    let Spelled(wanted) = colour;
    let link = world.the_link(&a, &b).await?;
    let logs = world.all_logs().await?;
    ensure!(
        logs.iter().any(
            |e| matches!(&e.event, LogEvent::MidLink { sin, change: LinkEvent::Verified { to, .. }, .. }
            if *sin == link.sin && *to == wanted)
        ),
        "no log entry records link {} verified to {wanted:?}",
        link.sin
    );
    Ok(())
}

#[then(
    regex = r"^the log records the amendment of the link joining ([A-Za-z][A-Za-z0-9]*) and ([A-Za-z][A-Za-z0-9]*) from (white|green|red) to (white|green|red)$"
)]
async fn amendment_logged(
    world: &mut ConformanceWorld,
    a: String,
    b: String,
    from: Spelled<LinkColour>,
    to: Spelled<LinkColour>,
) -> StepResult {
    let (Spelled(from), Spelled(to)) = (from, to);
    let link = world.the_link(&a, &b).await?;
    let logs = world.all_logs().await?;
    ensure!(
        logs.iter().any(|e| matches!(&e.event, LogEvent::MidLink { sin, change: LinkEvent::Rectified { from: f, to: t }, .. }
            if *sin == link.sin && *f == from && *t == to)),
        "no log entry records link {} amended from {from:?} to {to:?}",
        link.sin
    );
    Ok(())
}

#[then(
    regex = r"^the MID log holds the history of the link joining ([A-Za-z][A-Za-z0-9]*) and ([A-Za-z][A-Za-z0-9]*): created (white|yellow|green|red), then verified (white|green|red), each with the requester, purpose, time, data type and linked records$"
)]
async fn mid_history(
    world: &mut ConformanceWorld,
    a: String,
    b: String,
    created: Spelled<LinkColour>,
    verified: Spelled<LinkColour>,
) -> StepResult {
    let (Spelled(created), Spelled(verified)) = (created, verified);
    let link = world.the_link(&a, &b).await?;
    let refs = [world.record(&a)?.reference.clone(), world.record(&b)?.reference.clone()];
    let logs = world.all_logs().await?;
    let of_link: Vec<&LogEntry> = logs
        .iter()
        .filter(|e| {
            e.component == Component::Mid
                && matches!(&e.event, LogEvent::MidLink { sin, .. } if *sin == link.sin)
        })
        .collect();
    let creation = of_link.iter().find(|e| matches!(&e.event, LogEvent::MidLink { change: LinkEvent::Created { colour }, .. } if *colour == created));
    let verification = of_link.iter().find(|e| matches!(&e.event, LogEvent::MidLink { change: LinkEvent::Verified { to, .. }, .. } if *to == verified));
    let (Some(creation), Some(verification)) = (creation, verification) else {
        fail!(
            "the MID log of link {} lacks its creation as {created:?} or its verification to {verified:?}: {:?}",
            link.sin,
            of_link.iter().map(|e| &e.event).collect::<Vec<_>>()
        )
    };
    for entry in [creation, verification] {
        let LogEvent::MidLink { records, purpose, data_types, .. } = &entry.event else {
            fail!("unreachable")
        };
        ensure!(
            refs.iter().all(|r| records.contains(r)),
            "entry {} does not reference both linked records",
            entry.id
        );
        ensure!(!purpose.trim().is_empty(), "entry {} records no purpose", entry.id);
        ensure!(!data_types.is_empty(), "entry {} records no data type", entry.id);
        ensure!(entry.at.unix_millis() > 0, "entry {} has no time", entry.id);
    }
    let LogEvent::MidLink { change: LinkEvent::Verified { from, .. }, .. } = &verification.event else {
        fail!("unreachable")
    };
    ensure!(
        *from == created,
        "the verification's entry gives the colour before as {from:?}; the link was {created:?}"
    );
    let verifier = link.responsible_authority;
    ensure!(
        verification.requester.as_ref().is_some_and(|r| r.authority == verifier),
        "the verification's entry names {:?} as requester; {verifier} verified the link",
        verification.requester.as_ref().map(|r| r.authority.to_string())
    );
    ensure!(verification.at >= creation.at, "the history is out of order");
    Ok(())
}

#[then(
    regex = r"^the log records the names of ([A-Za-z][A-Za-z0-9]*) and ([A-Za-z][A-Za-z0-9]*) as matched by (.+)$"
)]
async fn names_matched_by(
    world: &mut ConformanceWorld,
    a: String,
    b: String,
    by: Spelled<MatchRule>,
) -> StepResult {
    let Spelled(wanted) = by;
    let entry = logged_comparison(world, &a, &b).await?;
    let LogEvent::IdentityComparison { matched, .. } = &entry.event else { fail!("unreachable") };
    let names: Vec<MatchRule> =
        matched.iter().filter(|m| m.category == IdentityCategory::Names).map(|m| m.rule).collect();
    ensure!(
        names.contains(&wanted),
        "the log records the names of {a} and {b} as matched by {names:?}; the example is one of {wanted:?}"
    );
    Ok(())
}
