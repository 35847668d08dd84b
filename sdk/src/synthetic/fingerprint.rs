//! Synthetic fingerprints at the minutiae level: a master finger, and impressions of it with the
//! distortions of a real capture (biometrics notes §3.5).
//!
//! A master finger has an orientation field of one core and one delta (Sherlock–Monro style,
//! with a low-frequency perturbation) and 45–75 minutiae spaced at least one ridge period apart,
//! whose directions follow the ridge flow — unrelated fingers then share flow the way real ones
//! do, so impostors are not unrealistically easy. An impression applies plastic distortion
//! around a contact centre, a rigid rotation and translation, position and angle noise, drops
//! some minutiae, adds spurious ones and crops to the sensor window.
//!
//! Positions are generated in a frame with y up and converted to the model's image frame
//! (origin top-left, y down); a direction counter-clockwise in the first frame is
//! counter-clockwise as displayed, so directions need no conversion — the angle trap of the
//! notes (flip an axis, negate the angle) is avoided by never flipping one.

use std::f64::consts::{PI, TAU};

use super::Rng;
use crate::model::{FingerPosition, FingerprintSample, Minutia, MinutiaKind, MinutiaeTemplate};

/// Sensor window width in pixels (500 ppi).
pub const WIDTH: u16 = 300;
/// Sensor window height in pixels (500 ppi).
pub const HEIGHT: u16 = 400;
/// Resolution of synthetic impressions.
pub const PPI: u16 = 500;

/// How an impression departs from its master finger.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ImpressionParams {
    /// Largest rotation, degrees (uniform in ±).
    pub rotation: f64,
    /// Largest translation per axis, pixels (uniform in ±).
    pub shift: f64,
    /// Plastic displacement at the periphery, pixels.
    pub distortion: f64,
    /// Standard deviation of the position noise, pixels.
    pub position_noise: f64,
    /// Standard deviation of the direction noise, degrees.
    pub angle_noise: f64,
    /// Share of minutiae missed.
    pub missing: f64,
    /// Largest number of spurious minutiae, as a share of the master's count (uniform in 0–this).
    pub spurious: f64,
}

impl ImpressionParams {
    /// 10° / 15 px / 4 px, σ 1.5 px / 4°, 10 % missing, ≤ 5 % spurious: Bozorth3 makes no error
    /// on such sets (notes §3.5).
    pub const EASY: ImpressionParams = ImpressionParams {
        rotation: 10.0,
        shift: 15.0,
        distortion: 4.0,
        position_noise: 1.5,
        angle_noise: 4.0,
        missing: 0.10,
        spurious: 0.05,
    };
    /// 20° / 30 px / 10 px, σ 2.5 px / 7°, 20 % missing, ≤ 15 % spurious.
    pub const MEDIUM: ImpressionParams = ImpressionParams {
        rotation: 20.0,
        shift: 30.0,
        distortion: 10.0,
        position_noise: 2.5,
        angle_noise: 7.0,
        missing: 0.20,
        spurious: 0.15,
    };
    /// 30° / 50 px / 18 px, σ 3.5 px / 10°, 30 % missing, ≤ 30 % spurious: close to real FVC
    /// data (Bozorth3 EER 9.7 % in the notes).
    pub const HARD: ImpressionParams = ImpressionParams {
        rotation: 30.0,
        shift: 50.0,
        distortion: 18.0,
        position_noise: 3.5,
        angle_noise: 10.0,
        missing: 0.30,
        spurious: 0.30,
    };
}

#[derive(Debug, Clone, Copy)]
struct Point {
    x: f64,
    y: f64,
    /// Radians, counter-clockwise, y up.
    direction: f64,
    kind: MinutiaKind,
}

/// A synthetic finger: the ground truth its impressions are made from.
#[derive(Debug, Clone)]
pub struct MasterFinger {
    minutiae: Vec<Point>,
}

/// A pattern of the ridge flow: singular points and a low-frequency perturbation.
#[derive(Debug, Clone)]
struct Flow {
    cores: Vec<(f64, f64)>,
    deltas: Vec<(f64, f64)>,
    phase: f64,
    /// Amplitude, spatial periods and offset of the perturbation.
    wobble: (f64, f64, f64, f64),
}

impl Flow {
    /// One of the common pattern classes — left loop, right loop, whorl, arch — with jittered
    /// singular points, so that unrelated fingers share flow only as much as real ones do.
    fn generate(rng: &mut Rng, w: f64, h: f64) -> Self {
        let class = rng.below(10);
        let mut point = |x: f64, y: f64| (w * (x + rng.range(-0.08, 0.08)), h * (y + rng.range(-0.06, 0.06)));
        let (cores, deltas) = match class {
            0..=3 => (vec![point(0.45, 0.58)], vec![point(0.78, 0.25)]),
            4..=7 => (vec![point(0.55, 0.58)], vec![point(0.22, 0.25)]),
            8 => (vec![point(0.47, 0.60), point(0.53, 0.52)], vec![point(0.18, 0.25), point(0.82, 0.25)]),
            _ => (Vec::new(), Vec::new()),
        };
        Flow {
            cores,
            deltas,
            phase: rng.range(-0.5, 0.5),
            wobble: (
                rng.range(0.1, 0.4),
                rng.range(40.0, 120.0),
                rng.range(40.0, 120.0),
                rng.range(0.0, TAU),
            ),
        }
    }

    /// Ridge orientation (radians, modulo π) at `(x, y)`.
    fn at(&self, x: f64, y: f64) -> f64 {
        let arg = |p: &(f64, f64)| (y - p.1).atan2(x - p.0);
        let singular =
            0.5 * self.cores.iter().map(arg).sum::<f64>() - 0.5 * self.deltas.iter().map(arg).sum::<f64>();
        let (a, fx, fy, offset) = self.wobble;
        singular + self.phase + a * (x / fx + offset).sin() * (y / fy).cos()
    }
}

impl MasterFinger {
    /// A random master finger.
    pub fn random(rng: &mut Rng) -> Self {
        let (w, h) = (f64::from(WIDTH), f64::from(HEIGHT));
        let flow = Flow::generate(rng, w, h);
        let target = 45 + rng.below(31) as usize;
        let (cx, cy, rx, ry) = (w / 2.0, h / 2.0, w * 0.45, h * 0.45);
        let mut minutiae: Vec<Point> = Vec::with_capacity(target);
        let mut attempts = 0;
        while minutiae.len() < target && attempts < 20_000 {
            attempts += 1;
            let (x, y) = (rng.range(cx - rx, cx + rx), rng.range(cy - ry, cy + ry));
            if ((x - cx) / rx).powi(2) + ((y - cy) / ry).powi(2) > 1.0 {
                continue;
            }
            // One ridge period (about 9 px at 500 ppi) plus margin: minutiae never crowd.
            if minutiae.iter().any(|m| (m.x - x).hypot(m.y - y) < 12.0) {
                continue;
            }
            let along = flow.at(x, y);
            // Real minutiae deviate from the smoothed ridge flow by several degrees.
            let along = along + 12f64.to_radians() * rng.normal();
            let direction = if rng.chance(0.5) { along } else { along + PI };
            let kind = if rng.chance(0.55) { MinutiaKind::RidgeEnding } else { MinutiaKind::Bifurcation };
            minutiae.push(Point { x, y, direction: direction.rem_euclid(TAU), kind });
        }
        MasterFinger { minutiae }
    }

    /// The finger of `id` in the population of `seed`: the same pair always gives the same
    /// finger.
    pub fn of(seed: u64, id: u64) -> Self {
        MasterFinger::random(&mut Rng::new(seed).fork(id))
    }

    /// Number of minutiae of the master.
    pub fn minutiae_count(&self) -> usize {
        self.minutiae.len()
    }

    /// An impression of this finger with `params`, as a 300×400 px, 500 ppi template.
    pub fn impression(&self, params: &ImpressionParams, rng: &mut Rng) -> MinutiaeTemplate {
        let d = params;
        let (w, h) = (f64::from(WIDTH), f64::from(HEIGHT));
        let rotation = rng.range(-d.rotation, d.rotation).to_radians();
        let shift = (rng.range(-d.shift, d.shift), rng.range(-d.shift, d.shift));
        let contact = (w / 2.0 + rng.range(-40.0, 40.0), h / 2.0 + rng.range(-40.0, 40.0));
        let pull_angle = rng.range(0.0, TAU);
        let pull = (d.distortion * pull_angle.cos(), d.distortion * pull_angle.sin());
        let (r0, r1) = (60.0, 160.0);
        let (sin, cos) = rotation.sin_cos();
        let mut out: Vec<Point> = Vec::new();
        for m in &self.minutiae {
            if rng.chance(d.missing) {
                continue;
            }
            // Plastic distortion: none near the contact centre, full beyond r1, smooth between.
            let r = (m.x - contact.0).hypot(m.y - contact.1);
            let t = ((r - r0) / (r1 - r0)).clamp(0.0, 1.0);
            let s = t * t * (3.0 - 2.0 * t);
            let (x, y) = (m.x + s * pull.0, m.y + s * pull.1);
            // Rigid motion about the window centre, then noise.
            let (dx, dy) = (x - w / 2.0, y - h / 2.0);
            let x = w / 2.0 + dx * cos - dy * sin + shift.0 + d.position_noise * rng.normal();
            let y = h / 2.0 + dx * sin + dy * cos + shift.1 + d.position_noise * rng.normal();
            let direction = m.direction + rotation + d.angle_noise.to_radians() * rng.normal();
            out.push(Point { x, y, direction, kind: m.kind });
        }
        let spurious = (self.minutiae.len() as f64 * rng.range(0.0, d.spurious)).round() as usize;
        for _ in 0..spurious {
            let kind = if rng.chance(0.5) { MinutiaKind::RidgeEnding } else { MinutiaKind::Bifurcation };
            out.push(Point {
                x: rng.range(0.0, w),
                y: rng.range(0.0, h),
                direction: rng.range(0.0, TAU),
                kind,
            });
        }
        let minutiae: Vec<Minutia> = out
            .into_iter()
            .filter(|p| p.x >= 0.0 && p.x < w && p.y >= 0.0 && p.y < h)
            .map(|p| Minutia {
                x: (p.x as u16).min(WIDTH - 1),
                // To the image frame: y down.
                y: ((h - 1.0 - p.y).max(0.0) as u16).min(HEIGHT - 1),
                direction: (p.direction.to_degrees().rem_euclid(360.0) as f32) % 360.0,
                kind: p.kind,
                quality: 40 + rng.below(51) as u8,
            })
            .take(crate::model::MAX_MINUTIAE)
            .collect();
        MinutiaeTemplate::new(WIDTH, HEIGHT, PPI, minutiae).expect("synthetic minutiae lie inside the window")
    }
}

/// Impression `impression` of finger `finger` in the population of `seed`, deterministic.
pub fn impression(seed: u64, finger: u64, impression: u64, params: &ImpressionParams) -> MinutiaeTemplate {
    let master = MasterFinger::of(seed, finger);
    let mut rng = Rng::new(seed).fork(finger).fork(0x1_0000 + impression);
    master.impression(params, &mut rng)
}

/// A ten-print of impressions: fingers `first_finger .. first_finger + 10` of `seed`, at
/// positions 1–10, impression `impression` of each.
pub fn ten_print(
    seed: u64,
    first_finger: u64,
    impression_no: u64,
    params: &ImpressionParams,
) -> Vec<FingerprintSample> {
    (0..10u8)
        .map(|i| {
            let position = FingerPosition::new(i + 1).expect("1-10 are finger positions");
            FingerprintSample::minutiae(
                position,
                impression(seed, first_finger + u64::from(i), impression_no, params),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matching::fingerprint::{FingerprintTemplate, Probe, compare};

    #[test]
    fn masters_are_dense_and_impressions_lose_and_gain_minutiae() {
        let mut rng = Rng::new(11);
        let master = MasterFinger::random(&mut rng);
        assert!((45..=75).contains(&master.minutiae_count()), "{}", master.minutiae_count());
        let easy = master.impression(&ImpressionParams::EASY, &mut rng);
        let hard = master.impression(&ImpressionParams::HARD, &mut rng);
        assert!(easy.minutiae().len() > master.minutiae_count() / 2);
        assert!(hard.minutiae().len() < master.minutiae_count() + master.minutiae_count() / 3);
        assert_eq!((easy.width(), easy.height(), easy.resolution_ppi()), (300, 400, 500));
    }

    #[test]
    fn generation_is_deterministic_and_well_formed() {
        let a = impression(7, 3, 1, &ImpressionParams::MEDIUM);
        let b = impression(7, 3, 1, &ImpressionParams::MEDIUM);
        assert_eq!(a, b);
        assert_ne!(a, impression(7, 3, 2, &ImpressionParams::MEDIUM));
        let master = MasterFinger::of(7, 3);
        assert!((45..=75).contains(&master.minutiae_count()), "{}", master.minutiae_count());
        assert!(a.minutiae().len() >= 20, "{}", a.minutiae().len());
    }

    /// Under the engine, every genuine pair of easy and medium impressions scores above every
    /// impostor pair: the generator separates fingers the way tests need.
    #[test]
    fn impressions_of_one_finger_outscore_other_fingers() {
        for difficulty in [&ImpressionParams::EASY, &ImpressionParams::MEDIUM] {
            let mut genuine = Vec::new();
            let mut impostor = Vec::new();
            for finger in 0..12u64 {
                let probe = Probe::new(&impression(11, finger, 1, difficulty)).unwrap();
                let mate = FingerprintTemplate::new(&impression(11, finger, 2, difficulty)).unwrap();
                genuine.push(compare(&probe, &mate).score.value());
                for other in 0..3u64 {
                    let other =
                        FingerprintTemplate::new(&impression(11, 100 + finger * 3 + other, 2, difficulty))
                            .unwrap();
                    impostor.push(compare(&probe, &other).score.value());
                }
            }
            let weakest = genuine.iter().copied().fold(f32::INFINITY, f32::min);
            let strongest = impostor.iter().copied().fold(0.0, f32::max);
            assert!(weakest > strongest, "{difficulty:?}: genuine {genuine:?} impostor {impostor:?}");
        }
    }
}
