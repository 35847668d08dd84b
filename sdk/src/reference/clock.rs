//! The injected clock: every time-dependent rule (retention, deadlines, log erasure) reads the
//! time from here, so tests can move it.

use std::sync::atomic::{AtomicI64, Ordering};

use crate::model::{Millis, Timestamp};

/// A source of the current time.
pub trait Clock: Send + Sync + std::fmt::Debug {
    /// The current time.
    fn now(&self) -> Timestamp;
}

/// The machine's clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Timestamp {
        Timestamp::now()
    }
}

/// A clock that only moves when told to.
#[derive(Debug)]
pub struct ManualClock {
    millis: AtomicI64,
}

impl ManualClock {
    /// A clock stopped at `start`.
    pub fn new(start: Timestamp) -> Self {
        ManualClock { millis: AtomicI64::new(start.unix_millis()) }
    }
}

impl Clock for ManualClock {
    fn now(&self) -> Timestamp {
        Timestamp::from_unix_millis(self.millis.load(Ordering::SeqCst))
    }
}

/// A clock that can be set and moved: used by the reference so that test control works.
pub trait AdjustableClock: Clock {
    /// Sets the time.
    fn set(&self, now: Timestamp);
    /// Moves the time forward by `millis`.
    fn advance(&self, millis: Millis);
}

impl AdjustableClock for ManualClock {
    fn set(&self, now: Timestamp) {
        self.millis.store(now.unix_millis(), Ordering::SeqCst);
    }

    fn advance(&self, millis: Millis) {
        self.millis.fetch_add(millis, Ordering::SeqCst);
    }
}

/// The machine's clock shifted by an offset that test control sets.
#[derive(Debug, Default)]
pub struct OffsetClock {
    offset: AtomicI64,
}

impl Clock for OffsetClock {
    fn now(&self) -> Timestamp {
        Timestamp::now().plus(self.offset.load(Ordering::SeqCst))
    }
}

impl AdjustableClock for OffsetClock {
    fn set(&self, now: Timestamp) {
        self.offset.store(now.since(Timestamp::now()), Ordering::SeqCst);
    }

    fn advance(&self, millis: Millis) {
        self.offset.fetch_add(millis, Ordering::SeqCst);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clocks_move_when_told() {
        let t: Timestamp = "2026-01-01T00:00:00Z".parse().unwrap();
        let manual = ManualClock::new(t);
        manual.advance(1000);
        assert_eq!(manual.now(), t.plus(1000));
        let offset = OffsetClock::default();
        offset.set(t);
        assert!(offset.now().since(t).abs() < 5_000);
        offset.advance(crate::model::DAY_MS);
        assert!(offset.now().since(t) >= crate::model::DAY_MS - 5_000);
    }
}
