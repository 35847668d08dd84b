//! A hand-written SVG DET plot on normal-deviate axes, as NIST and the FVC reports draw them:
//! each axis is the inverse standard normal CDF of the error rate, so two normal score
//! distributions give a straight line. Each axis starts at the finest error rate the pairs can
//! show (one comparison in the largest set), never at a resolution the data cannot reach.

use std::fmt::Write as _;

/// One curve: a label, a colour, whether dashed, its (FMR, FNMR) points and the number of
/// comparisons behind each rate.
pub struct Curve {
    /// Legend text.
    pub label: String,
    /// SVG colour.
    pub colour: &'static str,
    /// Dashed stroke.
    pub dashed: bool,
    /// (FMR, FNMR) points.
    pub points: Vec<(f64, f64)>,
    /// Genuine comparisons behind the FNMR (its resolution is one in this many).
    pub genuine: usize,
    /// Impostor comparisons behind the FMR (its resolution is one in this many).
    pub impostors: usize,
}

const WIDTH: f64 = 780.0;
const HEIGHT: f64 = 560.0;
const LEFT: f64 = 70.0;
const TOP: f64 = 40.0;
const PLOT_W: f64 = 460.0;
const PLOT_H: f64 = 460.0;
/// The highest error rate shown on either axis.
const MAX_RATE: f64 = 0.5;
/// Tick marks, as in NIST's DET plots.
const TICKS: [f64; 14] = [1e-6, 1e-5, 1e-4, 1e-3, 2e-3, 5e-3, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5];

/// The inverse of the standard normal CDF (the normal deviate of `p`), for 0 < p < 1, by
/// Acklam's rational approximation (relative error below 1.2e-9), which is far finer than
/// a plot needs.
pub fn normal_deviate(p: f64) -> f64 {
    const A: [f64; 6] = [
        -3.969_683_028_665_376e1,
        2.209_460_984_245_205e2,
        -2.759_285_104_469_687e2,
        1.383_577_518_672_69e2,
        -3.066_479_806_614_716e1,
        2.506_628_277_459_239,
    ];
    const B: [f64; 5] = [
        -5.447_609_879_822_406e1,
        1.615_858_368_580_409e2,
        -1.556_989_798_598_866e2,
        6.680_131_188_771_972e1,
        -1.328_068_155_288_572e1,
    ];
    const C: [f64; 6] = [
        -7.784_894_002_430_293e-3,
        -3.223_964_580_411_365e-1,
        -2.400_758_277_161_838,
        -2.549_732_539_343_734,
        4.374_664_141_464_968,
        2.938_163_982_698_783,
    ];
    const D: [f64; 4] =
        [7.784_695_709_041_462e-3, 3.224_671_290_700_398e-1, 2.445_134_137_142_996, 3.754_408_661_907_416];
    const LOW: f64 = 0.024_25;
    let p = p.clamp(1e-15, 1.0 - 1e-15);
    let tail = |q: f64| {
        (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
            / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
    };
    if p < LOW {
        tail((-2.0 * p.ln()).sqrt())
    } else if p > 1.0 - LOW {
        -tail((-2.0 * (1.0 - p).ln()).sqrt())
    } else {
        let q = p - 0.5;
        let r = q * q;
        (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
            / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1.0)
    }
}

/// One axis: error rates from `min` (the finest the data allow) to [`MAX_RATE`].
struct Axis {
    min: f64,
}

impl Axis {
    /// The axis whose finest rate is one comparison in the largest of `counts`.
    fn for_counts(counts: impl Iterator<Item = usize>) -> Axis {
        let largest = counts.max().unwrap_or(1).max(1);
        Axis { min: (1.0 / largest as f64).min(MAX_RATE / 10.0) }
    }

    /// Position of `rate` from 0 (at `min`) to 1 (at [`MAX_RATE`]).
    fn fraction(&self, rate: f64) -> f64 {
        let (lo, hi) = (normal_deviate(self.min), normal_deviate(MAX_RATE));
        (normal_deviate(rate.clamp(self.min, MAX_RATE)) - lo) / (hi - lo)
    }

    fn shows(&self, rate: f64) -> bool {
        rate >= self.min * (1.0 - 1e-9) && rate <= MAX_RATE
    }
}

fn tick_label(rate: f64) -> String {
    let percent = rate * 100.0;
    if percent >= 1.0 {
        format!("{percent:.0}%")
    } else {
        let text = format!("{percent:.4}");
        format!("{}%", text.trim_end_matches('0').trim_end_matches('.'))
    }
}

/// The SVG text of a DET plot of `curves` titled `title`.
pub fn det_svg(title: &str, curves: &[Curve]) -> String {
    let fmr_axis = Axis::for_counts(curves.iter().map(|c| c.impostors));
    let fnmr_axis = Axis::for_counts(curves.iter().map(|c| c.genuine));
    let x_of = |fmr: f64| LEFT + fmr_axis.fraction(fmr) * PLOT_W;
    let y_of = |fnmr: f64| TOP + PLOT_H - fnmr_axis.fraction(fnmr) * PLOT_H;
    let mut s = String::new();
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" font-family="sans-serif" font-size="12">"#
    );
    let _ = writeln!(s, r#"<rect width="100%" height="100%" fill="white"/>"#);
    let _ = writeln!(
        s,
        r#"<text x="{}" y="22" font-size="15" text-anchor="middle">{}</text>"#,
        LEFT + PLOT_W / 2.0,
        escape(title)
    );
    for &tick in TICKS.iter().filter(|&&t| fmr_axis.shows(t)) {
        let x = x_of(tick);
        let _ = writeln!(
            s,
            r##"<line x1="{x:.1}" y1="{TOP}" x2="{x:.1}" y2="{:.1}" stroke="#ddd"/><text x="{x:.1}" y="{:.1}" text-anchor="middle">{}</text>"##,
            TOP + PLOT_H,
            TOP + PLOT_H + 16.0,
            tick_label(tick)
        );
    }
    for &tick in TICKS.iter().filter(|&&t| fnmr_axis.shows(t)) {
        let y = y_of(tick);
        let _ = writeln!(
            s,
            r##"<line x1="{LEFT}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" stroke="#ddd"/><text x="{:.1}" y="{:.1}" text-anchor="end">{}</text>"##,
            LEFT + PLOT_W,
            LEFT - 6.0,
            y + 4.0,
            tick_label(tick)
        );
    }
    let _ = writeln!(
        s,
        r##"<rect x="{LEFT}" y="{TOP}" width="{PLOT_W}" height="{PLOT_H}" fill="none" stroke="#333"/><text x="{:.1}" y="{:.1}" text-anchor="middle">false-match rate (FMR), normal-deviate scale, from 1/{} impostor comparisons</text><text transform="translate(18,{:.1}) rotate(-90)" text-anchor="middle">false non-match rate (FNMR), normal-deviate scale, from 1/{}</text>"##,
        LEFT + PLOT_W / 2.0,
        TOP + PLOT_H + 36.0,
        (1.0 / fmr_axis.min).round(),
        TOP + PLOT_H / 2.0,
        (1.0 / fnmr_axis.min).round(),
    );
    for (k, curve) in curves.iter().enumerate() {
        // Rates of zero have no normal deviate: the curve ends where its data can still tell.
        let path: Vec<String> = curve
            .points
            .iter()
            .filter(|(fmr, fnmr)| fmr.is_finite() && fnmr.is_finite() && *fmr > 0.0 && *fnmr > 0.0)
            .filter(|(fmr, fnmr)| *fmr <= MAX_RATE || *fnmr <= MAX_RATE)
            .map(|&(fmr, fnmr)| format!("{:.1},{:.1}", x_of(fmr), y_of(fnmr)))
            .collect();
        let dash = if curve.dashed { r#" stroke-dasharray="6,4""# } else { "" };
        let _ = writeln!(
            s,
            r#"<polyline points="{}" fill="none" stroke="{}" stroke-width="1.6"{dash}/>"#,
            path.join(" "),
            curve.colour
        );
        let ly = TOP + 14.0 + 18.0 * k as f64;
        let lx = LEFT + PLOT_W + 16.0;
        let _ = writeln!(
            s,
            r#"<line x1="{lx}" y1="{ly}" x2="{}" y2="{ly}" stroke="{}" stroke-width="2"{dash}/><text x="{}" y="{}">{}</text>"#,
            lx + 26.0,
            curve.colour,
            lx + 32.0,
            ly + 4.0,
            escape(&curve.label)
        );
    }
    s.push_str("</svg>\n");
    s
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normal_deviates_match_published_quantiles() {
        // Standard normal quantiles from statistical tables.
        for (p, z) in
            [(0.5, 0.0), (0.975, 1.959_964), (0.01, -2.326_348), (0.001, -3.090_232), (1e-5, -4.264_891)]
        {
            assert!((normal_deviate(p) - z).abs() < 1e-5, "p {p}: {} against {z}", normal_deviate(p));
        }
    }

    #[test]
    fn axes_end_at_the_resolution_of_the_pairs() {
        let curve = Curve {
            label: "a <b>".into(),
            colour: "#000",
            dashed: false,
            points: vec![(0.5, 0.0), (0.1, 1.0 / 280.0), (1.0 / 2880.0, 0.05), (0.0, 0.2)],
            genuine: 280,
            impostors: 2880,
        };
        let svg = det_svg("t", &[curve]);
        // FNMR resolution 1/280 = 0.36 %: its axis shows 0.5 % but not 0.2 %; the FMR axis,
        // at 1/2880 = 0.035 %, shows 0.1 % but not 0.01 %.
        let (fnmr_tick, fmr_tick) = (|t: &str| format!("end\">{t}<"), |t: &str| format!("middle\">{t}<"));
        assert!(svg.contains(&fnmr_tick("0.5%")) && !svg.contains(&fnmr_tick("0.2%")), "{svg}");
        assert!(svg.contains(&fmr_tick("0.1%")) && !svg.contains(&fmr_tick("0.01%")), "{svg}");
        assert!(svg.contains("from 1/2880 impostor comparisons") && svg.contains("from 1/280<"));
        // The two points with a zero rate are left out; the label is escaped.
        assert_eq!(svg.lines().find(|l| l.starts_with("<polyline")).unwrap().matches(',').count(), 2);
        assert!(svg.contains("a &lt;b&gt;"));
    }
}
