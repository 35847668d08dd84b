//! The sixteen-lane accumulation every dot-product kernel of the face scan shares (`kernel`,
//! `kernel_f16` and their AVX2 paths), so that all of them give [`dot`](super::kernel::dot)'s
//! result bit for bit.

/// Independent accumulators per dot product: enough for the compiler to fill SIMD registers.
pub(super) const LANES: usize = 16;

#[inline(always)]
pub(super) fn dot_lanes(a: &[f32], b: &[f32]) -> f32 {
    let n = a.len().min(b.len());
    let (a, b) = (&a[..n], &b[..n]);
    let mut acc = [0.0f32; LANES];
    let mut chunks_a = a.chunks_exact(LANES);
    let mut chunks_b = b.chunks_exact(LANES);
    for (x, y) in (&mut chunks_a).zip(&mut chunks_b) {
        for k in 0..LANES {
            acc[k] = x[k].mul_add(y[k], acc[k]);
        }
    }
    reduce_lanes(acc, chunks_a.remainder(), chunks_b.remainder())
}

/// The pairwise reduction and tail of [`dot_lanes`], for kernels that accumulate the same
/// sixteen lanes in registers: applying it to their lanes gives
/// [`dot`](super::kernel::dot)'s result bit for bit.
#[inline(always)]
pub(super) fn reduce_lanes(mut acc: [f32; LANES], a_tail: &[f32], b_tail: &[f32]) -> f32 {
    let mut tail = 0.0f32;
    for (x, y) in a_tail.iter().zip(b_tail) {
        tail += x * y;
    }
    // Pairwise reduction keeps the rounding error low and the order fixed.
    let mut width = LANES / 2;
    while width > 0 {
        for k in 0..width {
            acc[k] += acc[k + width];
        }
        width /= 2;
    }
    acc[0] + tail
}
