//! Retention: records whose source system's retention ended are erased everywhere (Art 23,
//! CIR-12, BMS-06, MID-16); logs are erased after one year unless held (LOG-01).
//!
//! The sweep runs when time moves: on test control's clock changes, and every
//! [`SWEEP_INTERVAL`] on a reference that reads the machine's clock (`Reference::new` starts the
//! schedule). It never runs as a side effect of another call.

use std::sync::Weak;
use std::time::Duration;

use crate::model::Timestamp;

use super::rules::retention::record_due;
use super::shared::Core;
use super::sources::erase_record;

/// How often the scheduled sweep runs on the machine's clock.
pub(crate) const SWEEP_INTERVAL: Duration = Duration::from_secs(1);

/// Applies every retention rule due at `now`.
pub(crate) fn run(core: &Core, now: Timestamp) {
    {
        let mut state = core.records();
        if state.next_record_expiry.is_some_and(|t| t <= now) {
            let due: Vec<_> =
                state.records.values().filter(|r| record_due(r, now)).map(|r| r.reference.clone()).collect();
            for record in due {
                erase_record(&mut state, core, &record, now, "the source system's retention period ended");
            }
            state.next_record_expiry = state.records.values().filter_map(|r| r.data.retention_until).min();
        }
    }
    let mut logs = core.logs();
    if logs.oldest_due(now) {
        logs.erase_due(now);
    }
}

/// Sweeps `core` every [`SWEEP_INTERVAL`] on a thread of its own until the reference is
/// dropped (the thread holds only a weak reference).
pub(crate) fn schedule(core: Weak<Core>) {
    let spawned = std::thread::Builder::new().name("jha-retention".into()).spawn(move || {
        loop {
            std::thread::sleep(SWEEP_INTERVAL);
            let Some(core) = core.upgrade() else { return };
            core.sweep();
        }
    });
    // Without a thread (the process is out of them) the clock's moves still sweep; a record
    // then outlives its retention until the next test-control tick, which is logged nowhere,
    // so say it.
    if let Err(e) = spawned {
        eprintln!("jha-interop reference: retention schedule not started: {e}");
    }
}
