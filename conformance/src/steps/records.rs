//! Source systems writing, amending, resending and deleting records.

use cucumber::gherkin::Step;
use cucumber::{given, then, when};
use futures_util::future::join_all;
use jha_interop::api::ErrorKind;
use jha_interop::model::SourceSystem;

use super::{labels, table_rows};
use crate::data::records::{RecordSpec, spec_from_sentence};
use crate::failure::{Failure, StepResult};
use crate::role::Role;
use crate::world::ConformanceWorld;
use crate::{ensure, fail};

/// Writes every row of the table, in order, and fails on any refusal.
#[given(regex = r"^these records(?: are written)?:$")]
#[when(regex = r"^these records are written:$")]
async fn these_records(world: &mut ConformanceWorld, step: &Step) -> StepResult {
    for row in table_rows(step)? {
        let (system, spec) = RecordSpec::from_row(&row)?;
        world.put_spec_ok(system, spec).await?;
    }
    Ok(())
}

/// `an EES record E1 of Ana GARCÍA (F, COL) born 1990-05-07 with fingerprints F1`
#[given(
    regex = r"^an? ([A-Za-z_-]+) record(?: ([A-Za-z][A-Za-z0-9]*))? of ([^(]+\([^)]*\)(?: born \S+)?)(.*)$"
)]
async fn a_record(
    world: &mut ConformanceWorld,
    system: SourceSystem,
    label: String,
    person: String,
    rest: String,
) -> StepResult {
    let label = if label.is_empty() { system.code().to_string() } else { label };
    let spec = spec_from_sentence(&label, &person, &rest)?;
    world.put_spec_ok(system, spec).await?;
    Ok(())
}

/// Writes one record given as a table row (all columns of the records table), keeping the
/// outcome for later steps whether accepted or refused.
#[when(regex = r"^the central system writes this record:$")]
async fn writes_this_record(world: &mut ConformanceWorld, step: &Step) -> StepResult {
    let rows = table_rows(step)?;
    let [row] = rows.as_slice() else { fail!("give exactly one record row") };
    let (system, spec) = RecordSpec::from_row(row)?;
    let result = world.put_spec(system, spec).await?;
    world.expect_refusal(result);
    Ok(())
}

/// Changes columns of a record and writes it again: `When record E1 is amended:` with a
/// header row of columns and one row of new values.
#[when(regex = r"^record ([A-Za-z][A-Za-z0-9]*) is amended:$")]
async fn amended(world: &mut ConformanceWorld, label: String, step: &Step) -> StepResult {
    let rows = table_rows(step)?;
    let [row] = rows.as_slice() else { fail!("give one row of new values") };
    let entry = world.record(&label)?;
    let system = entry.reference.system;
    let mut spec = entry.spec.clone();
    for (column, value) in row {
        spec.fields.insert(column.trim().to_lowercase(), value.trim().to_string());
    }
    world.put_spec_ok(system, spec).await?;
    Ok(())
}

/// Sends exactly the same record content again (SEC-03).
#[when(regex = r"^record ([A-Za-z][A-Za-z0-9]*) is sent again$")]
async fn sent_again(world: &mut ConformanceWorld, label: String) -> StepResult {
    let entry = world.record(&label)?.clone();
    match world.put(&label, entry.reference.system, entry.write.clone()).await? {
        Ok(outcome) => {
            world.kept.insert(format!("effect:{label}"), format!("{:?}", outcome.effect));
            Ok(())
        }
        Err(e) => fail!("resending {label} was refused: {}", Failure::from(e)),
    }
}

/// Deletes a record through its system's central service.
#[when(regex = r"^record ([A-Za-z][A-Za-z0-9]*) is deleted$")]
#[given(regex = r"^record ([A-Za-z][A-Za-z0-9]*) was deleted$")]
async fn deleted(world: &mut ConformanceWorld, label: String) -> StepResult {
    let reference = world.record(&label)?.reference.clone();
    let service = world.session(&Role::SourceSystem(reference.system))?;
    service.source_systems.delete_record(&reference).await?;
    world.kept.insert(format!("deleted:{label}"), reference.id.as_str().to_string());
    Ok(())
}

/// Writes every row at the same time (SEC-04).
#[when(regex = r"^these records are written at the same time:$")]
async fn at_the_same_time(world: &mut ConformanceWorld, step: &Step) -> StepResult {
    let mut writes = Vec::new();
    for row in table_rows(step)? {
        let (system, spec) = RecordSpec::from_row(&row)?;
        let write = spec.build(system, &mut world.samples)?;
        let reference = world.new_reference(system, &spec.label)?;
        let session = world.session(&Role::SourceSystem(system))?;
        writes.push((spec, reference, write, session));
    }
    let results = join_all(writes.iter().map(|(_, reference, write, session)| {
        let (reference, write, session) = (reference.clone(), write.clone(), session.clone());
        async move { session.source_systems.put_record(&reference, write).await }
    }))
    .await;
    for ((spec, reference, write, _), result) in writes.into_iter().zip(results) {
        match result {
            Ok(outcome) => world.remember(&spec.label.clone(), reference, write, outcome, spec),
            Err(e) => fail!("the concurrent write of {} was refused: {}", spec.label, Failure::from(e)),
        }
    }
    Ok(())
}

/// The record as stored equals what was written.
#[then(regex = r"^records? ([A-Za-z0-9, ]+) (?:is|are) stored$")]
async fn stored(world: &mut ConformanceWorld, list: String) -> StepResult {
    for label in labels(&list) {
        let entry = world.record(&label)?.clone();
        let service = world.session(&Role::SourceSystem(entry.reference.system))?;
        let stored = service.source_systems.get_record(&entry.reference).await?;
        ensure!(stored.reference == entry.reference, "{label} is stored under {}", stored.reference);
        ensure!(
            stored.data.identity == entry.write.identity,
            "{label} is stored with other identity data than written"
        );
    }
    Ok(())
}

/// Nothing is stored under the record.
#[then(regex = r"^nothing is stored for ([A-Za-z][A-Za-z0-9]*)$")]
async fn nothing_stored(world: &mut ConformanceWorld, label: String) -> StepResult {
    let system = world.kept.get(&format!("system:{label}")).cloned();
    let (system, reference) = match world.records().get(&label) {
        Some(e) => (e.reference.system, e.reference.clone()),
        None => {
            let system = match system {
                Some(s) => s.parse::<SourceSystem>()?,
                None => fail!("harness: unknown record {label}"),
            };
            (system, world.new_reference(system, &label)?)
        }
    };
    let service = world.session(&Role::SourceSystem(system))?;
    match service.source_systems.get_record(&reference).await {
        Err(e) if e.kind == ErrorKind::NotFound => {}
        Err(e) => fail!("reading {label} gave {} instead of 'not found'", Failure::from(e)),
        Ok(_) => fail!("{label} was stored although the write was refused"),
    }
    // Nor anywhere else a stored record would show: templates, CIR data, links. The ETIAS
    // Central Unit may access every system, so nothing hides from it.
    match service.biometrics.templates(&reference).await {
        Ok(templates) => {
            ensure!(templates.is_empty(), "{} template(s) of {label} were kept", templates.len())
        }
        Err(e) if e.kind == ErrorKind::NotFound => {}
        Err(e) => fail!("listing the templates of {label} gave {}", Failure::from(e)),
    }
    let viewer = world.session(&"the ETIAS Central Unit".parse::<Role>()?)?;
    match viewer.identity_repository.file_of(&reference).await {
        Ok(file) => ensure!(
            !file.data_sets.iter().any(|d| d.record == reference),
            "the CIR holds data of {label} in file {}",
            file.file
        ),
        Err(e) if matches!(e.kind, ErrorKind::NotFound | ErrorKind::Forbidden) => {}
        Err(e) => fail!("reading the CIR file of {label} gave {}", Failure::from(e)),
    }
    match viewer.identity_detector.links(&reference).await {
        Ok(links) => ensure!(links.is_empty(), "{label} has {} link(s)", links.len()),
        Err(e) if matches!(e.kind, ErrorKind::NotFound | ErrorKind::Forbidden) => {}
        Err(e) => fail!("reading the links of {label} gave {}", Failure::from(e)),
    }
    Ok(())
}
