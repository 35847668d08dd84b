//! Failure analysis (`bench fingerprint --failures N`): per database, the N lowest-scoring
//! genuine pairs and the N highest-scoring impostor pairs, each classified from what the
//! matcher paired (`fingerprint::explain`) and what the templates hold. A pair can fall in
//! several classes; the counts say which failures dominate before any parameter is changed.

use std::collections::BTreeMap;

use jha_interop::matching::fingerprint::{
    FingerprintTemplate, PairingExplanation, PreparationSettings, Probe, compare, explain,
};
use jha_interop::model::{Minutia, MinutiaeTemplate};

use super::fvc::{DATABASES, Sample};

/// Below this share of one side's minutiae inside the other's area (once aligned), the prints
/// overlap little.
const SMALL_OVERLAP: f64 = 0.45;
/// At or above this share of the pairing rejected by the overall rigid alignment, the crawl
/// followed a distortion the rigid check refused.
const DISTORTED_SHARE: f64 = 0.25;
/// Kept-minutiae count ratio at or above which the two templates are imbalanced.
const IMBALANCE: f64 = 1.7;
/// Image quality (0–100) below which an impression is of low quality.
const LOW_IMAGE_QUALITY: u8 = 45;
/// Mean reported minutia quality below which the minutiae in play are unreliable.
const LOW_MINUTIA_QUALITY: f64 = 30.0;
/// Within this distance (px at 500 ppi) of the minutiae's convex hull a minutia is at the
/// print's border.
const BORDER: f64 = 25.0;
/// Below this share of the overlapping minutiae paired, the extractor missed or invented many.
const FEW_PAIRED: f64 = 0.4;
/// Impostor templates with at least this many kept minutiae on both sides are large.
const LARGE: usize = 55;

/// A point at 500 ppi, y down as in the image.
type Point = (f64, f64);

fn scaled(t: &MinutiaeTemplate, m: &Minutia) -> Point {
    let s = 500.0 / f64::from(t.resolution_ppi().max(1));
    (f64::from(m.x) * s, f64::from(m.y) * s)
}

/// The convex hull, counter-clockwise (monotone chain).
fn hull(mut points: Vec<Point>) -> Vec<Point> {
    points.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
    points.dedup();
    if points.len() < 3 {
        return points;
    }
    let cross = |o: Point, a: Point, b: Point| (a.0 - o.0) * (b.1 - o.1) - (a.1 - o.1) * (b.0 - o.0);
    let mut lower: Vec<Point> = Vec::new();
    for &p in &points {
        while lower.len() >= 2 && cross(lower[lower.len() - 2], lower[lower.len() - 1], p) <= 0.0 {
            lower.pop();
        }
        lower.push(p);
    }
    let mut upper: Vec<Point> = Vec::new();
    for &p in points.iter().rev() {
        while upper.len() >= 2 && cross(upper[upper.len() - 2], upper[upper.len() - 1], p) <= 0.0 {
            upper.pop();
        }
        upper.push(p);
    }
    lower.pop();
    upper.pop();
    lower.extend(upper);
    lower
}

/// Signed distance from `p` to the boundary of the convex polygon `hull` (positive inside).
fn inside_by(hull: &[Point], p: Point) -> f64 {
    if hull.len() < 3 {
        return f64::NEG_INFINITY;
    }
    let mut nearest = f64::INFINITY;
    for k in 0..hull.len() {
        let (a, b) = (hull[k], hull[(k + 1) % hull.len()]);
        let (ex, ey) = (b.0 - a.0, b.1 - a.1);
        let length = (ex * ex + ey * ey).sqrt().max(1e-9);
        // Counter-clockwise: the inside is on the left of every edge.
        let side = (ex * (p.1 - a.1) - ey * (p.0 - a.0)) / length;
        nearest = nearest.min(side);
    }
    nearest
}

/// A rigid transform gallery → probe fitted by least squares on point pairs.
struct Rigid {
    cos: f64,
    sin: f64,
    tx: f64,
    ty: f64,
}

impl Rigid {
    fn fit(pairs: &[(Point, Point)]) -> Option<Rigid> {
        if pairs.len() < 2 {
            return None;
        }
        let n = pairs.len() as f64;
        let (gx, gy) = pairs.iter().fold((0.0, 0.0), |a, (g, _)| (a.0 + g.0 / n, a.1 + g.1 / n));
        let (px, py) = pairs.iter().fold((0.0, 0.0), |a, (_, p)| (a.0 + p.0 / n, a.1 + p.1 / n));
        let (mut sxx, mut sxy) = (0.0, 0.0);
        for (g, p) in pairs {
            let (a, b) = ((g.0 - gx, g.1 - gy), (p.0 - px, p.1 - py));
            sxx += a.0 * b.0 + a.1 * b.1;
            sxy += a.0 * b.1 - a.1 * b.0;
        }
        let angle = sxy.atan2(sxx);
        let (sin, cos) = angle.sin_cos();
        Some(Rigid { cos, sin, tx: px - (cos * gx - sin * gy), ty: py - (sin * gx + cos * gy) })
    }

    fn apply(&self, p: Point) -> Point {
        (self.cos * p.0 - self.sin * p.1 + self.tx, self.sin * p.0 + self.cos * p.1 + self.ty)
    }
}

/// What was measured on one pair.
struct Findings {
    classes: Vec<&'static str>,
    line: String,
}

fn examine(probe: &MinutiaeTemplate, gallery: &MinutiaeTemplate, e: &PairingExplanation) -> Findings {
    let (pm, gm) = (probe.minutiae(), gallery.minutiae());
    let probe_points: Vec<Point> = e.probe_kept.iter().map(|&i| scaled(probe, &pm[i])).collect();
    let gallery_points: Vec<Point> = e.gallery_kept.iter().map(|&i| scaled(gallery, &gm[i])).collect();
    let (np, ng) = (probe_points.len(), gallery_points.len());
    let consistent: Vec<_> = e.pairs.iter().filter(|p| p.consistent).collect();
    let paired = e.pairs.len();
    let agreeing = consistent.len();
    let imbalance = np.max(ng) as f64 / np.min(ng).max(1) as f64;
    let quality = |t: &[Minutia], ids: &mut dyn Iterator<Item = usize>| {
        let q: Vec<f64> = ids.map(|i| f64::from(t[i].quality)).collect();
        q.iter().sum::<f64>() / q.len().max(1) as f64
    };
    let paired_quality = (quality(pm, &mut e.pairs.iter().map(|p| p.probe))
        + quality(gm, &mut e.pairs.iter().map(|p| p.gallery)))
        / 2.0;
    let kept_quality = (quality(pm, &mut e.probe_kept.iter().copied())
        + quality(gm, &mut e.gallery_kept.iter().copied()))
        / 2.0;
    let (probe_hull, gallery_hull) = (hull(probe_points.clone()), hull(gallery_points.clone()));
    let border = e
        .pairs
        .iter()
        .filter(|p| {
            inside_by(&probe_hull, scaled(probe, &pm[p.probe])) < BORDER
                || inside_by(&gallery_hull, scaled(gallery, &gm[p.gallery])) < BORDER
        })
        .count() as f64
        / paired.max(1) as f64;
    let rigid = Rigid::fit(
        &consistent
            .iter()
            .map(|p| (scaled(gallery, &gm[p.gallery]), scaled(probe, &pm[p.probe])))
            .collect::<Vec<_>>(),
    )
    .filter(|_| agreeing >= 5);
    let (mut overlap, mut paired_in_overlap) = (f64::NAN, f64::NAN);
    if let Some(r) = &rigid {
        let moved: Vec<Point> = gallery_points.iter().map(|&g| r.apply(g)).collect();
        let moved_hull = hull(moved.clone());
        let g_in = moved.iter().filter(|&&g| inside_by(&probe_hull, g) > 0.0).count();
        let p_in = probe_points.iter().filter(|&&p| inside_by(&moved_hull, p) > 0.0).count();
        overlap = (g_in as f64 / ng as f64).min(p_in as f64 / np as f64);
        paired_in_overlap = agreeing as f64 / (g_in.min(p_in).max(1)) as f64;
    }
    let mut classes = Vec::new();
    let distorted = paired >= 5 && (paired - agreeing) as f64 / paired as f64 >= DISTORTED_SHARE;
    if rigid.is_none() {
        classes.push("no alignment found");
    }
    if overlap < SMALL_OVERLAP {
        classes.push("small overlap");
    }
    if distorted {
        classes.push("large distortion");
    }
    if imbalance >= IMBALANCE {
        classes.push("count imbalance");
    }
    if kept_quality < LOW_MINUTIA_QUALITY {
        classes.push("low-quality minutiae");
    }
    if border >= 0.5 {
        classes.push("pairs at the border");
    }
    if paired_in_overlap < FEW_PAIRED && overlap >= SMALL_OVERLAP {
        classes.push("few paired in overlap (missed/spurious)");
    }
    if np >= LARGE && ng >= LARGE {
        classes.push("both large");
    }
    if paired > 0 && paired_quality < LOW_MINUTIA_QUALITY {
        classes.push("paired minutiae unreliable");
    }
    let line = format!(
        "raw {:6.2} | kept {np:3} x {ng:3} | paired {paired:2} agree {agreeing:2} | overlap {:4.2} paired-in-overlap {:4.2} | border {:4.2} | minutia q kept {kept_quality:4.1} paired {paired_quality:4.1}",
        e.raw, overlap, paired_in_overlap, border
    );
    Findings { classes, line }
}

/// Prints the classification of each database's worst `n` genuine and top `n` impostor pairs
/// (counts on stdout, one line per pair on stderr).
pub fn report(samples: &[Sample], settings: &PreparationSettings, n: usize) -> Result<(), String> {
    let prepare = |s: &Sample| -> Result<(Probe, FingerprintTemplate), String> {
        let t = &s.extraction.template;
        Ok((
            Probe::with_settings(t, settings).map_err(|e| e.to_string())?,
            FingerprintTemplate::with_settings(t, settings).map_err(|e| e.to_string())?,
        ))
    };
    let prepared: Vec<(Probe, FingerprintTemplate)> =
        samples.iter().map(prepare).collect::<Result<_, _>>()?;
    println!();
    println!(
        "Failure analysis: per database the {n} lowest genuine and {n} highest impostor pairs, classified (a pair may be in several classes; image quality below {LOW_IMAGE_QUALITY} counts as a low-quality image)"
    );
    for (database, (name, _)) in DATABASES.iter().enumerate() {
        let ids: Vec<usize> = (0..samples.len()).filter(|&i| samples[i].database == database).collect();
        let (mut genuine, mut impostor) = (Vec::new(), Vec::new());
        for (k, &i) in ids.iter().enumerate() {
            for &j in &ids[k + 1..] {
                let raw = compare(&prepared[i].0, &prepared[j].1).raw;
                let same = samples[i].finger == samples[j].finger;
                if same { genuine.push((raw, i, j)) } else { impostor.push((raw, i, j)) }
            }
        }
        genuine.sort_by(|a, b| a.0.total_cmp(&b.0));
        impostor.sort_by(|a, b| b.0.total_cmp(&a.0));
        for (label, list) in [("genuine (lowest)", &genuine), ("impostor (highest)", &impostor)] {
            let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
            for &(_, i, j) in list.iter().take(n) {
                let (p, g) = (&samples[i], &samples[j]);
                let e = explain(&p.extraction.template, &g.extraction.template, settings)
                    .map_err(|e| e.to_string())?;
                let mut f = examine(&p.extraction.template, &g.extraction.template, &e);
                if p.extraction.quality < LOW_IMAGE_QUALITY || g.extraction.quality < LOW_IMAGE_QUALITY {
                    f.classes.push("low-quality image");
                }
                if f.classes.is_empty() {
                    f.classes.push("none of these");
                }
                for c in &f.classes {
                    *counts.entry(c).or_default() += 1;
                }
                eprintln!(
                    "[failures] {name} {label} {}_{} x {}_{} image q {} x {} | {} | {}",
                    p.finger,
                    p.impression,
                    g.finger,
                    g.impression,
                    p.extraction.quality,
                    g.extraction.quality,
                    f.line,
                    f.classes.join(", ")
                );
            }
            let cells: Vec<String> = counts.iter().map(|(c, k)| format!("{c} {k}")).collect();
            println!("  {name} {label}: {}", cells.join("; "));
        }
    }
    Ok(())
}
