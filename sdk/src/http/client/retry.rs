//! The pieces of the retry loop that need no I/O: the jitter, `Retry-After`, and the decision
//! whether to try again.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use reqwest::header::{HeaderMap, RETRY_AFTER};

use super::RetryPolicy;

/// A tiny lock-free pseudo-random source for full jitter (SplitMix64 over an atomic counter).
/// Jitter only spreads clients apart; it needs no cryptographic quality.
#[derive(Debug)]
pub(crate) struct Jitter(AtomicU64);

impl Jitter {
    /// A source seeded from the clock and an address, so two clients differ.
    pub(crate) fn new() -> Self {
        let clock = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or(0);
        let local = 0u8;
        let address = std::ptr::addr_of!(local) as usize as u64;
        Jitter(AtomicU64::new(clock ^ address.rotate_left(32)))
    }

    fn next(&self) -> u64 {
        let mut z =
            self.0.fetch_add(0x9E37_79B9_7F4A_7C15, Ordering::Relaxed).wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A duration drawn uniformly from `[0, bound]`.
    pub(crate) fn full(&self, bound: Duration) -> Duration {
        let nanos = u64::try_from(bound.as_nanos()).unwrap_or(u64::MAX);
        if nanos == 0 {
            return Duration::ZERO;
        }
        Duration::from_nanos(self.next() % nanos.saturating_add(1).max(1))
    }
}

/// The `Retry-After` of a response in delta-seconds; an HTTP-date or anything unreadable is
/// ignored (the client's own backoff applies then).
pub(crate) fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    value.parse::<u64>().ok().map(Duration::from_secs)
}

/// Whether an HTTP status is worth retrying: the server may answer differently later.
pub(crate) fn retriable_status(status: u16) -> bool {
    matches!(status, 503 | 504)
}

/// How long to wait before retry number `retry` (0 for the first), or `None` to give up:
/// `remaining` is what is left of the call's budget.
pub(crate) fn wait_before(
    policy: &RetryPolicy,
    jitter: &Jitter,
    retry: u32,
    asked: Option<Duration>,
    remaining: Option<Duration>,
) -> Option<Duration> {
    let wait = asked.unwrap_or_else(|| jitter.full(policy.backoff_bound(retry)));
    match remaining {
        // A wait that ends at or past the deadline leaves no time for the attempt.
        Some(remaining) if wait >= remaining => None,
        _ => Some(wait),
    }
}
