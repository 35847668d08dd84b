//! The core every handle of one reference instance shares: configuration, clock, the store
//! behind its lock, registered principals and the test-control switches.
//!
//! It sits below the handles and the components (they all hold it) and depends only on the
//! store and the failure record: the retention sweep run on every lock is handed in by
//! [`super::Reference::new`], so that the core does not depend on the components that erase.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, RwLock};

use crate::model::{Principal, SourceBehaviour, SourceSystem, Timestamp};

use super::clock::AdjustableClock;
use super::config::ReferenceConfig;
use super::failures::ComponentHealth;
use super::state::State;

/// The retention rules applied to the store at a time (`retention::run`).
pub(crate) type RetentionSweep = fn(&mut State, &ReferenceConfig, Timestamp);

/// Shared by every handle of one reference instance.
pub(crate) struct Core {
    pub config: ReferenceConfig,
    pub clock: Arc<dyn AdjustableClock>,
    state: Mutex<State>,
    retention: RetentionSweep,
    pub(super) principals: RwLock<HashMap<String, Principal>>,
    pub(super) behaviours: Mutex<HashMap<SourceSystem, SourceBehaviour>>,
    health: Mutex<ComponentHealth>,
    pub(super) interpol_no_reveal: AtomicBool,
    pub(super) tokens: AtomicU64,
}

impl Core {
    /// An empty store with `config`, `clock`, and `retention` applied on every lock.
    pub fn new(config: ReferenceConfig, clock: Arc<dyn AdjustableClock>, retention: RetentionSweep) -> Self {
        let interpol = config.interpol_no_reveal;
        Core {
            config,
            clock,
            state: Mutex::new(State::default()),
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

    /// Locks the store, first applying every retention rule that has fallen due.
    pub fn lock(&self) -> MutexGuard<'_, State> {
        let mut state = self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        (self.retention)(&mut state, &self.config, self.now());
        state
    }

    pub fn behaviour(&self, system: SourceSystem) -> SourceBehaviour {
        let map = self.behaviours.lock().unwrap_or_else(|p| p.into_inner());
        map.get(&system).copied().unwrap_or(SourceBehaviour::Normal)
    }

    /// Which components have failed, and the failure notices (ESP-09).
    pub fn health(&self) -> MutexGuard<'_, ComponentHealth> {
        self.health.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn interpol_no_reveal(&self) -> bool {
        self.interpol_no_reveal.load(Ordering::SeqCst)
    }
}
