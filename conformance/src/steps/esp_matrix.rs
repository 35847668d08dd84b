//! The ESP profile × system matrix (ESP-01, ESP-04, ESP-10, POLICY ESP-P1): after a search,
//! the systems the reply answers for are exactly the ones the scenario names, each system
//! holding a record of the scenario answers with a hit holding it, and no other system is
//! named anywhere in the reply. The expected systems are the scenario's declaration, never
//! read from the implementation's profiles.

use cucumber::then;
use jha_interop::model::{SourceOutcome, SourceSystem};

use super::Systems;
use crate::failure::{Failure, StepResult};
use crate::world::ConformanceWorld;
use crate::{ensure, fail};

/// The systems of "EES, VIS and INTERPOL_SLTD", at least one.
fn systems(list: Systems) -> Result<Vec<SourceSystem>, Failure> {
    ensure!(!list.0.is_empty(), "harness: the scenario names no system");
    Ok(list.0)
}

#[then(
    regex = r"^the reply answers for exactly (.+), each system holding a record of the scenario with a hit holding it$"
)]
async fn answers_for_exactly(world: &mut ConformanceWorld, list: Systems) -> StepResult {
    let expected = systems(list)?;
    let search = world.the_search()?.clone();
    let mut got: Vec<SourceSystem> = search.results.iter().map(|(_, r)| r.source).collect();
    got.sort();
    ensure!(got == expected, "the reply answers for {got:?}; the profile must query exactly {expected:?}");
    let mut planted = 0;
    for (label, entry) in world.records() {
        let system = entry.reference.system;
        if !expected.contains(&system) {
            continue;
        }
        planted += 1;
        let Some((_, result)) = search.results.iter().find(|(_, r)| r.source == system) else {
            fail!("the reply has no {system} result")
        };
        ensure!(
            result.outcome == SourceOutcome::Hit,
            "the {system} result is {:?}, though record {label} of the {system} matches the query",
            result.outcome
        );
        ensure!(
            result.items.iter().any(|i| i.record == entry.reference),
            "the {system} result does not hold record {label}"
        );
    }
    ensure!(planted > 0, "harness: the scenario holds no record of the systems named");
    Ok(())
}

/// Red links may show the other system (Art 26(2)); nothing else may name a system outside
/// the list: no result, no item, no link indication, no status, no advice.
#[then(regex = r"^the reply names no system other than (.+)$")]
async fn names_no_other_system(world: &mut ConformanceWorld, list: Systems) -> StepResult {
    let expected = systems(list)?;
    let search = world.the_search()?.clone();
    super::esp::reply_hides(world, &search, |s| !expected.contains(&s), "which the profile does not query")
}
