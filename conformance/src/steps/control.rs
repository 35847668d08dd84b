//! Test control (capability `test-control`, SEC-06): time passing, sources misbehaving,
//! Interpol's no-reveal guarantee, resetting.

use cucumber::{given, then, when};
use jha_interop::model::{Component, ComponentBehaviour, DAY_MS, HOUR_MS, SourceBehaviour, Timestamp};

use super::system;
use crate::ensure;
use crate::failure::StepResult;
use crate::world::ConformanceWorld;

#[when(regex = r"^(\d+) (hours?|days?|minutes?) pass(?:es)?$")]
#[given(regex = r"^(\d+) (hours?|days?|minutes?) have passed$")]
async fn time_passes(world: &mut ConformanceWorld, n: i64, unit: String) -> StepResult {
    let unit_ms = if unit.starts_with("hour") {
        HOUR_MS
    } else if unit.starts_with("day") {
        DAY_MS
    } else {
        60_000
    };
    world.control()?.advance_time(n * unit_ms).await?;
    Ok(())
}

#[given(regex = r"^the clock reads (\S+)$")]
#[when(regex = r"^the clock is set to (\S+)$")]
async fn clock_reads(world: &mut ConformanceWorld, at: String) -> StepResult {
    let at: Timestamp = at.parse()?;
    world.control()?.set_time(at).await?;
    world.kept.insert("clock".into(), at.to_string());
    Ok(())
}

#[given(regex = r"^the ([A-Za-z_-]+) answers the search portal after (\d+) ms$")]
async fn slow_source(world: &mut ConformanceWorld, name: String, delay_ms: u64) -> StepResult {
    world.control()?.set_source_behaviour(system(&name)?, SourceBehaviour::Slow { delay_ms }).await?;
    Ok(())
}

#[given(regex = r"^the ([A-Za-z_-]+) is unavailable to the search portal$")]
async fn unavailable_source(world: &mut ConformanceWorld, name: String) -> StepResult {
    world.control()?.set_source_behaviour(system(&name)?, SourceBehaviour::Unavailable).await?;
    Ok(())
}

#[given(regex = r"^the ([A-Za-z_-]+) does not answer the search portal$")]
async fn unresponsive_source(world: &mut ConformanceWorld, name: String) -> StepResult {
    world.control()?.set_source_behaviour(system(&name)?, SourceBehaviour::Unresponsive).await?;
    Ok(())
}

/// The components test control can make fail (ESP-09: Arts 11, 17(4)).
fn component(name: &str) -> Result<Component, crate::failure::Failure> {
    match name {
        "ESP" => Ok(Component::Esp),
        "CIR" => Ok(Component::Cir),
        other => crate::fail!("harness: test control makes the ESP or the CIR fail, not {other:?}"),
    }
}

#[when(regex = r"^the (ESP|CIR) fails$")]
async fn component_fails(world: &mut ConformanceWorld, name: String) -> StepResult {
    world.control()?.set_component_behaviour(component(&name)?, ComponentBehaviour::Failed).await?;
    Ok(())
}

#[when(regex = r"^the (ESP|CIR) is restored$")]
async fn component_restored(world: &mut ConformanceWorld, name: String) -> StepResult {
    world.control()?.set_component_behaviour(component(&name)?, ComponentBehaviour::Normal).await?;
    Ok(())
}

#[given(
    regex = r"^the implementation cannot guarantee that an Interpol query stays unseen by the alert owner$"
)]
async fn interpol_may_reveal(world: &mut ConformanceWorld) -> StepResult {
    world.control()?.set_interpol_no_reveal(false).await?;
    Ok(())
}

#[when(regex = r"^the implementation is reset$")]
async fn reset(world: &mut ConformanceWorld) -> StepResult {
    world.control()?.reset().await?;
    Ok(())
}

#[then(regex = r"^log entries written now carry the time (\S+)$")]
async fn logs_carry_time(world: &mut ConformanceWorld, at: String) -> StepResult {
    let at: Timestamp = at.parse()?;
    let logs = world.all_logs().await?;
    ensure!(
        logs.iter().any(|e| e.at.since(at).abs() < 60_000),
        "no log entry carries the time set by test control ({at}); times: {:?}",
        logs.iter().map(|e| e.at.to_string()).collect::<Vec<_>>()
    );
    Ok(())
}
