//! The core every handle of one reference instance shares: configuration, clock, one store per
//! component behind its own lock, registered principals and the test-control switches.
//!
//! # Stores and locks
//!
//! - the record store ([`State`]: records, identity indexes, files, links; the CIR and the MID),
//! - the template store ([`TemplateStore`], the sBMS's; a 1:N search holds none of its locks
//!   while it scans),
//! - the log store ([`LogStore`]),
//! - the statistics store ([`Counters`]).
//!
//! A call that needs several takes them in that order, and holds the log and statistics locks
//! only to append or count, so no two calls can wait for each other in a circle. An sBMS
//! identification takes no record-store lock at all: a registration never waits for it.
//!
//! It sits below the handles and the components (they all hold it): the retention sweep is
//! handed in by [`super::Reference::new`], so that the core does not depend on the components
//! that erase. The sweep runs when the clock moves (test control) and on a schedule, never as a
//! side effect of taking a lock.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, RwLock};

use crate::model::{Principal, SourceBehaviour, SourceSystem, Timestamp};

use super::clock::AdjustableClock;
use super::config::ReferenceConfig;
use super::counters::Counters;
use super::failures::ComponentHealth;
use super::log_store::LogStore;
use super::state::State;
use super::templates::TemplateStore;

/// The retention rules applied to the stores at a time (`retention::run`).
pub(crate) type RetentionSweep = fn(&Core, Timestamp);

/// Shared by every handle of one reference instance.
pub(crate) struct Core {
    pub config: ReferenceConfig,
    pub clock: Arc<dyn AdjustableClock>,
    records: Mutex<State>,
    /// The sBMS's templates.
    pub templates: TemplateStore,
    logs: Mutex<LogStore>,
    statistics: Mutex<Counters>,
    /// The pool 1:N identifications scan on (`ReferenceConfig::identification_threads`);
    /// `None`: rayon's global pool.
    identification_pool: Option<rayon::ThreadPool>,
    /// Identifications between the start of their scan and its end.
    identifications_in_progress: AtomicUsize,
    retention: RetentionSweep,
    pub(super) principals: RwLock<HashMap<String, Principal>>,
    pub(super) behaviours: Mutex<HashMap<SourceSystem, SourceBehaviour>>,
    health: Mutex<ComponentHealth>,
    pub(super) interpol_no_reveal: AtomicBool,
    pub(super) tokens: AtomicU64,
}

fn unpoisoned<T>(lock: &Mutex<T>) -> MutexGuard<'_, T> {
    lock.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Core {
    /// Empty stores with `config` and `clock`; `retention` is the sweep [`Core::sweep`] runs.
    pub fn new(config: ReferenceConfig, clock: Arc<dyn AdjustableClock>, retention: RetentionSweep) -> Self {
        let interpol = config.interpol_no_reveal;
        // A pool that cannot be built (no threads left) falls back to the global pool: slower
        // isolation, same results.
        let identification_pool = config.identification_threads.and_then(|threads| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads.max(1))
                .thread_name(|i| format!("jha-identify-{i}"))
                .build()
                .ok()
        });
        Core {
            config,
            clock,
            records: Mutex::new(State::default()),
            templates: TemplateStore::default(),
            logs: Mutex::new(LogStore::default()),
            statistics: Mutex::new(Counters::default()),
            identification_pool,
            identifications_in_progress: AtomicUsize::new(0),
            retention,
            principals: RwLock::new(HashMap::new()),
            behaviours: Mutex::new(HashMap::new()),
            health: Mutex::new(ComponentHealth::default()),
            interpol_no_reveal: AtomicBool::new(interpol),
            tokens: AtomicU64::new(0),
        }
    }

    /// The current time of the injected clock.
    pub fn now(&self) -> Timestamp {
        self.clock.now()
    }

    /// Locks the record store.
    pub fn records(&self) -> MutexGuard<'_, State> {
        unpoisoned(&self.records)
    }

    /// Locks the log store: hold it only to append or read entries.
    pub fn logs(&self) -> MutexGuard<'_, LogStore> {
        unpoisoned(&self.logs)
    }

    /// Locks the statistics store: hold it only to count or read counters.
    pub fn statistics(&self) -> MutexGuard<'_, Counters> {
        unpoisoned(&self.statistics)
    }

    /// Runs `scan` on the identification pool, or where the caller is when there is none,
    /// counted in [`Core::identifications_in_progress`] from before it waits for the pool.
    pub fn identification<T: Send>(&self, scan: impl FnOnce() -> T + Send) -> T {
        struct InProgress<'a>(&'a AtomicUsize);
        impl Drop for InProgress<'_> {
            fn drop(&mut self) {
                self.0.fetch_sub(1, Ordering::SeqCst);
            }
        }
        self.identifications_in_progress.fetch_add(1, Ordering::SeqCst);
        let _in_progress = InProgress(&self.identifications_in_progress);
        match &self.identification_pool {
            Some(pool) => pool.install(scan),
            None => scan(),
        }
    }

    /// How many 1:N identifications are scanning or waiting for the identification pool.
    #[cfg(test)]
    pub fn identifications_in_progress(&self) -> usize {
        self.identifications_in_progress.load(Ordering::SeqCst)
    }

    /// The identification pool, if configured.
    #[cfg(test)]
    pub fn identification_pool(&self) -> Option<&rayon::ThreadPool> {
        self.identification_pool.as_ref()
    }

    /// Applies every retention rule that has fallen due now.
    pub fn sweep(&self) {
        (self.retention)(self, self.now());
    }

    /// Empties every store (test control's reset).
    pub fn clear_stores(&self) {
        let mut records = self.records();
        *records = State::default();
        self.templates.clear();
        *self.logs() = LogStore::default();
        *self.statistics() = Counters::default();
    }

    pub fn behaviour(&self, system: SourceSystem) -> SourceBehaviour {
        let map = unpoisoned(&self.behaviours);
        map.get(&system).copied().unwrap_or(SourceBehaviour::Normal)
    }

    /// Which components have failed, and the failure notices (ESP-09).
    pub fn health(&self) -> MutexGuard<'_, ComponentHealth> {
        unpoisoned(&self.health)
    }

    pub fn interpol_no_reveal(&self) -> bool {
        self.interpol_no_reveal.load(Ordering::SeqCst)
    }
}
