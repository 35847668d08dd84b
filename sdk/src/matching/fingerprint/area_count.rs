//! How many of one print's minutiae, once aligned, lie in the other print's area: the overlap
//! measure of a comparison (a tenth of its time before the AVX2 pass, 6 % after). The same test,
//! in the same arithmetic, as `Area::contains` point by point, eight points at a time: with AVX2
//! two groups of eight share each hull edge's broadcasts; elsewhere, and as the reference the
//! AVX2 code is tested against, plain loops the compiler vectorises (`portable`).

use super::geometry::{Area, Motion};
use super::params::AREA_MARGIN;

/// How many of the points (`xs`, `ys`), each moved by `motion`, lie in `area` grown by
/// [`AREA_MARGIN`].
#[inline(always)]
pub(crate) fn count_inside(area: &Area, xs: &[f32], ys: &[f32], motion: Motion) -> u32 {
    if area.edges.is_empty() {
        return 0;
    }
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the CPU has AVX2.
        return unsafe { avx2::count_inside(&area.edges, xs, ys, motion) };
    }
    portable::count_inside(&area.edges, xs, ys, motion)
}

/// The loops the compiler vectorises: each group of eight points held in registers while every
/// edge is tested (a running minimum of the edge values is exact, so the count is the same as
/// testing edge by edge).
mod portable {
    use super::{AREA_MARGIN, Motion};

    /// Points moved and tested at once.
    const GROUP: usize = 8;

    #[inline(always)]
    pub(super) fn count_inside(edges: &[[f32; 3]], xs: &[f32], ys: &[f32], motion: Motion) -> u32 {
        let group = |px: [f32; GROUP], py: [f32; GROUP]| {
            let mut depth = [f32::INFINITY; GROUP];
            for &[nx, ny, c] in edges.iter() {
                for k in 0..GROUP {
                    depth[k] = depth[k].min(nx * px[k] + ny * py[k] + c);
                }
            }
            depth.map(|d| d >= -AREA_MARGIN)
        };
        let mut inside = 0;
        // Whole groups, then the tail apart: one loop over groups of any length moved the points
        // lane by lane (37 % more instructions in a comparison, callgrind).
        let (groups_x, groups_y) = (xs.chunks_exact(GROUP), ys.chunks_exact(GROUP));
        let (rest_x, rest_y) = (groups_x.remainder(), groups_y.remainder());
        for (gx, gy) in groups_x.zip(groups_y) {
            let (mut px, mut py) = ([0.0f32; GROUP], [0.0f32; GROUP]);
            for k in 0..GROUP {
                (px[k], py[k]) = motion.apply(gx[k], gy[k]);
            }
            inside += group(px, py).iter().map(|&i| u32::from(i)).sum::<u32>();
        }
        let rest = rest_x.len().min(rest_y.len());
        if rest > 0 {
            let (mut px, mut py) = ([0.0f32; GROUP], [0.0f32; GROUP]);
            for k in 0..rest {
                (px[k], py[k]) = motion.apply(rest_x[k], rest_y[k]);
            }
            inside += group(px, py)[..rest].iter().map(|&i| u32::from(i)).sum::<u32>();
        }
        inside
    }
}

/// Sixteen points per pass, two registers of eight, so that each edge's three broadcasts serve
/// both (the compiler's version of the loops above re-broadcast and re-shuffled every edge, and
/// kept `f32::min`'s NaN rule: twelve instructions per edge and group against six and a half).
#[cfg(target_arch = "x86_64")]
mod avx2 {
    use std::arch::x86_64::*;

    use super::{AREA_MARGIN, Motion};

    /// Points `start..start + 8` of (`xs`, `ys`), zeros past their end.
    #[inline]
    #[target_feature(enable = "avx2")]
    fn load(xs: &[f32], ys: &[f32], start: usize) -> (__m256, __m256) {
        let n = xs.len().min(ys.len());
        if start + 8 <= n {
            // SAFETY: eight floats from `start` lie inside both slices.
            unsafe { (_mm256_loadu_ps(xs.as_ptr().add(start)), _mm256_loadu_ps(ys.as_ptr().add(start))) }
        } else {
            let (mut bx, mut by) = ([0.0f32; 8], [0.0f32; 8]);
            // Fewer than eight (none for the second group of a short last pass).
            let (tail_x, tail_y) =
                (xs.get(start..n).unwrap_or_default(), ys.get(start..n).unwrap_or_default());
            bx[..tail_x.len()].copy_from_slice(tail_x);
            by[..tail_y.len()].copy_from_slice(tail_y);
            // SAFETY: each load reads one local array of eight floats.
            unsafe { (_mm256_loadu_ps(bx.as_ptr()), _mm256_loadu_ps(by.as_ptr())) }
        }
    }

    /// [`Motion::apply`] on eight points, operation for operation.
    #[inline]
    #[target_feature(enable = "avx2")]
    fn moved(motion: Motion, (x, y): (__m256, __m256)) -> (__m256, __m256) {
        match motion {
            Motion::Forward { cos, sin, tx, ty } => {
                let (c, s) = (_mm256_set1_ps(cos), _mm256_set1_ps(sin));
                let px = _mm256_add_ps(
                    _mm256_sub_ps(_mm256_mul_ps(c, x), _mm256_mul_ps(s, y)),
                    _mm256_set1_ps(tx),
                );
                let py = _mm256_add_ps(
                    _mm256_add_ps(_mm256_mul_ps(s, x), _mm256_mul_ps(c, y)),
                    _mm256_set1_ps(ty),
                );
                (px, py)
            }
            Motion::Back { cos, sin, tx, ty } => {
                let (c, s) = (_mm256_set1_ps(cos), _mm256_set1_ps(sin));
                let (dx, dy) = (_mm256_sub_ps(x, _mm256_set1_ps(tx)), _mm256_sub_ps(y, _mm256_set1_ps(ty)));
                let px = _mm256_add_ps(_mm256_mul_ps(c, dx), _mm256_mul_ps(s, dy));
                let py = _mm256_sub_ps(_mm256_mul_ps(c, dy), _mm256_mul_ps(s, dx));
                (px, py)
            }
        }
    }

    #[inline]
    #[target_feature(enable = "avx2")]
    pub(super) fn count_inside(edges: &[[f32; 3]], xs: &[f32], ys: &[f32], motion: Motion) -> u32 {
        let n = xs.len().min(ys.len());
        let floor = _mm256_set1_ps(-AREA_MARGIN);
        let mut inside = 0;
        let mut start = 0;
        while start < n {
            let (x0, y0) = moved(motion, load(xs, ys, start));
            let (x1, y1) = moved(motion, load(xs, ys, start + 8));
            let (mut d0, mut d1) = (_mm256_set1_ps(f32::INFINITY), _mm256_set1_ps(f32::INFINITY));
            for &[nx, ny, c] in edges {
                let (nx, ny, c) = (_mm256_set1_ps(nx), _mm256_set1_ps(ny), _mm256_set1_ps(c));
                // (nx·x + ny·y) + c, as `Area::contains`; the minimum keeps the running depth
                // when a value is NaN, as `f32::min` does, and no value here is.
                let v0 = _mm256_add_ps(_mm256_add_ps(_mm256_mul_ps(nx, x0), _mm256_mul_ps(ny, y0)), c);
                let v1 = _mm256_add_ps(_mm256_add_ps(_mm256_mul_ps(nx, x1), _mm256_mul_ps(ny, y1)), c);
                d0 = _mm256_min_ps(v0, d0);
                d1 = _mm256_min_ps(v1, d1);
            }
            let ok0 = _mm256_movemask_ps(_mm256_cmp_ps::<_CMP_GE_OQ>(d0, floor)) as u32;
            let ok1 = _mm256_movemask_ps(_mm256_cmp_ps::<_CMP_GE_OQ>(d1, floor)) as u32;
            let taken = (n - start).min(16);
            inside += ((ok0 | ok1 << 8) & ((1u32 << taken) - 1)).count_ones();
            start += 16;
        }
        inside
    }
}

#[cfg(test)]
mod tests {
    use super::super::geometry::{Points, unit_stream};
    use super::*;

    #[test]
    fn the_vectorised_counts_agree_with_the_area_point_by_point() {
        // A reproducible cloud (xorshift) for the hull, and points in and around it.
        let mut next = unit_stream(0x2545_f491_4f6c_dd1du64);
        for round in 0..300 {
            let n = 3 + (next() * 40.0) as usize;
            let xs: Vec<f32> = (0..n).map(|_| 300.0 * next()).collect();
            let ys: Vec<f32> = (0..n).map(|_| 400.0 * next()).collect();
            let area = Area::of(&Points::at(&xs, &ys));
            // Every length of tail, and lengths beyond one pass of sixteen.
            let count = round % 50;
            let (qx, qy): (Vec<f32>, Vec<f32>) =
                (0..count).map(|_| (340.0 * next() - 20.0, 440.0 * next() - 20.0)).unzip();
            let angle = next() * std::f32::consts::TAU;
            let (cos, sin, tx, ty) = (angle.cos(), angle.sin(), 60.0 * next() - 30.0, 60.0 * next() - 30.0);
            for motion in [Motion::Forward { cos, sin, tx, ty }, Motion::Back { cos, sin, tx, ty }] {
                let want = qx
                    .iter()
                    .zip(&qy)
                    .filter(|&(&x, &y)| {
                        let (x, y) = motion.apply(x, y);
                        area.contains(x, y, AREA_MARGIN)
                    })
                    .count() as u32;
                assert_eq!(portable::count_inside(&area.edges, &qx, &qy, motion), want, "round {round}");
                assert_eq!(count_inside(&area, &qx, &qy, motion), want, "round {round}");
                #[cfg(target_arch = "x86_64")]
                if std::arch::is_x86_feature_detected!("avx2") {
                    // SAFETY: the CPU has AVX2.
                    assert_eq!(unsafe { avx2::count_inside(&area.edges, &qx, &qy, motion) }, want);
                }
            }
        }
        let identity = Motion::Forward { cos: 1.0, sin: 0.0, tx: 0.0, ty: 0.0 };
        assert_eq!(count_inside(&Area::default(), &[1.0], &[1.0], identity), 0);
    }
}
