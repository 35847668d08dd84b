//! Heap memory of one prepared identity (`PreparedIdentity`, held by the reference for every
//! stored record behind an `Arc`), measured with a counting allocator on synthetic records in
//! every script, half of them varied (aliases, another romanisation, run-together names…).
//!
//! The allocator counts what is asked for and, because a small allocation costs more than its
//! size, also an estimate of what glibc's malloc takes for it (a chunk of the size plus an
//! 8-byte header, rounded up to 16, at least 32). Run with `--nocapture` to see the figures:
//! `cargo test -p jha-interop --test prepared_identity_memory -- --nocapture`.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::sync::Arc;

use jha_interop::matching::identity::PreparedIdentity;
use jha_interop::synthetic::identity::{IdentityGenerator, VariationKind};

/// The system allocator, counting on each thread what that thread holds (so that the test
/// harness's other threads do not disturb the figures).
struct Counting;

thread_local! {
    static REQUESTED: Cell<isize> = const { Cell::new(0) };
    static CHUNKS: Cell<isize> = const { Cell::new(0) };
    static LIVE: Cell<isize> = const { Cell::new(0) };
}

/// What glibc's malloc takes for `size` bytes on 64-bit Linux.
fn chunk(size: usize) -> isize {
    ((size + 8).div_ceil(16) * 16).max(32) as isize
}

fn count(size: usize, sign: isize) {
    // `try_with`: a thread being torn down has no counters any more.
    let _ = REQUESTED.try_with(|c| c.set(c.get() + sign * size as isize));
    let _ = CHUNKS.try_with(|c| c.set(c.get() + sign * chunk(size)));
    let _ = LIVE.try_with(|c| c.set(c.get() + sign));
}

// SAFETY: every call is forwarded to `System` unchanged; the counters are thread-local cells
// initialised without allocating.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count(layout.size(), 1);
        // SAFETY: same layout as asked.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        count(layout.size(), -1);
        // SAFETY: `ptr` was allocated by `System` with `layout`.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count(layout.size(), -1);
        count(new_size, 1);
        // SAFETY: forwarded as given.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// (bytes asked for, bytes glibc takes, allocations) held on this thread now.
fn held() -> (isize, isize, isize) {
    (REQUESTED.with(Cell::get), CHUNKS.with(Cell::get), LIVE.with(Cell::get))
}

#[test]
fn a_prepared_identity_holds_little_heap() {
    const PERSONS: usize = 3_000;
    let mut generator = IdentityGenerator::new(5);
    let mut identities = Vec::with_capacity(2 * PERSONS);
    for i in 0..PERSONS {
        let person = generator.person();
        let kind = VariationKind::ALL[i % VariationKind::ALL.len()];
        if let Some(variant) = generator.variant(&person, kind) {
            identities.push(variant.identity);
        }
        identities.push(person.identity);
    }
    let mut prepared = Vec::with_capacity(identities.len());
    // The tables (transliteration, variants, renamings) are loaded once, on first use: not
    // part of a record's cost.
    drop(PreparedIdentity::new(&identities[0]));
    let before = held();
    for identity in &identities {
        prepared.push(Arc::new(PreparedIdentity::new(identity)));
    }
    let after = held();
    let n = identities.len() as f64;
    let per = |i: usize| {
        let (a, b) = ([before.0, before.1, before.2][i], [after.0, after.1, after.2][i]);
        (b - a) as f64 / n
    };
    let (requested, chunks, allocations) = (per(0), per(1), per(2));
    println!(
        "prepared identity (Arc<PreparedIdentity>), {} synthetic records: {requested:.0} bytes asked \
         for, {chunks:.0} bytes with malloc's chunks (estimate), {allocations:.1} allocations per record",
        identities.len()
    );
    // Before the compact layout: 2,461 bytes asked for, 3,418 with malloc's chunks, in 53.5
    // allocations; after: 708, 872 and 11.5.
    assert!(chunks < 900.0, "{chunks:.0} bytes per prepared identity");
    assert!(allocations < 12.0, "{allocations:.1} allocations per prepared identity");
    drop(prepared);
}
