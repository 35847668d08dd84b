//! Test control (capability `test-control`, SEC-06): time passing, sources misbehaving,
//! Interpol's no-reveal guarantee, resetting.

use cucumber::{given, then, when};
use jha_interop::model::{Component, ComponentBehaviour, SourceBehaviour, SourceSystem, Timestamp};

use super::{Spelled, TimeUnit};
use crate::ensure;
use crate::failure::StepResult;
use crate::world::ConformanceWorld;

// Written as cucumber expressions: `{time_unit}` is the parameter `Spelled<TimeUnit>`.
#[when(expr = "{int} {time_unit} pass(es)")]
#[given(expr = "{int} {time_unit} have passed")]
async fn time_passes(world: &mut ConformanceWorld, n: i64, unit: Spelled<TimeUnit>) -> StepResult {
    world.control()?.advance_time(n * unit.0.millis()).await?;
    Ok(())
}

#[given(regex = r"^the clock reads (\S+)$")]
#[when(regex = r"^the clock is set to (\S+)$")]
async fn clock_reads(world: &mut ConformanceWorld, at: Timestamp) -> StepResult {
    world.control()?.set_time(at).await?;
    world.kept.insert("clock".into(), at.to_string());
    Ok(())
}

#[given(regex = r"^the ([A-Za-z_-]+) answers the search portal after (\d+) ms$")]
async fn slow_source(world: &mut ConformanceWorld, system: SourceSystem, delay_ms: u64) -> StepResult {
    world.control()?.set_source_behaviour(system, SourceBehaviour::Slow { delay_ms }).await?;
    Ok(())
}

#[given(regex = r"^the ([A-Za-z_-]+) is unavailable to the search portal$")]
async fn unavailable_source(world: &mut ConformanceWorld, system: SourceSystem) -> StepResult {
    world.control()?.set_source_behaviour(system, SourceBehaviour::Unavailable).await?;
    Ok(())
}

#[given(regex = r"^the ([A-Za-z_-]+) does not answer the search portal$")]
async fn unresponsive_source(world: &mut ConformanceWorld, system: SourceSystem) -> StepResult {
    world.control()?.set_source_behaviour(system, SourceBehaviour::Unresponsive).await?;
    Ok(())
}

// Test control makes the ESP or the CIR fail (ESP-09: Arts 11, 17(4)).
#[when(regex = r"^the (ESP|CIR) fails$")]
async fn component_fails(world: &mut ConformanceWorld, component: Spelled<Component>) -> StepResult {
    world.control()?.set_component_behaviour(component.0, ComponentBehaviour::Failed).await?;
    Ok(())
}

#[when(regex = r"^the (ESP|CIR) is restored$")]
async fn component_restored(world: &mut ConformanceWorld, component: Spelled<Component>) -> StepResult {
    world.control()?.set_component_behaviour(component.0, ComponentBehaviour::Normal).await?;
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
async fn logs_carry_time(world: &mut ConformanceWorld, at: Timestamp) -> StepResult {
    let logs = world.all_logs().await?;
    ensure!(
        logs.iter().any(|e| e.at.since(at).abs() < 60_000),
        "no log entry carries the time set by test control ({at}); times: {:?}",
        logs.iter().map(|e| e.at.to_string()).collect::<Vec<_>>()
    );
    Ok(())
}
