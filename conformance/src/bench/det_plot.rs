//! A hand-written SVG DET plot (log–log FMR vs FNMR).

use std::fmt::Write as _;

/// One curve: a label, a colour, whether dashed, and its (FMR, FNMR) points.
pub struct Curve {
    /// Legend text.
    pub label: String,
    /// SVG colour.
    pub colour: &'static str,
    /// Dashed stroke.
    pub dashed: bool,
    /// (FMR, FNMR) points.
    pub points: Vec<(f64, f64)>,
}

const WIDTH: f64 = 760.0;
const HEIGHT: f64 = 560.0;
const LEFT: f64 = 70.0;
const TOP: f64 = 40.0;
const PLOT_W: f64 = 460.0;
const PLOT_H: f64 = 460.0;
/// Axis range in decades: 10^-5 … 10^0.
const MIN_EXP: f64 = -5.0;

fn x_of(fmr: f64) -> f64 {
    LEFT + (fmr.max(1e-5).log10() - MIN_EXP) / -MIN_EXP * PLOT_W
}

fn y_of(fnmr: f64) -> f64 {
    TOP + PLOT_H - (fnmr.max(1e-5).log10() - MIN_EXP) / -MIN_EXP * PLOT_H
}

/// The SVG text of a DET plot of `curves` titled `title`.
pub fn det_svg(title: &str, curves: &[Curve]) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" font-family="sans-serif" font-size="12">"#
    );
    let _ = writeln!(s, r#"<rect width="100%" height="100%" fill="white"/>"#);
    let _ = writeln!(
        s,
        r#"<text x="{}" y="22" font-size="15" text-anchor="middle">{title}</text>"#,
        LEFT + PLOT_W / 2.0
    );
    for decade in 0..=5 {
        let v = 10f64.powi(-decade);
        let (x, y) = (x_of(v), y_of(v));
        let label = if decade == 0 { "1".to_string() } else { format!("1e-{decade}") };
        let _ = writeln!(
            s,
            r##"<line x1="{x:.1}" y1="{TOP}" x2="{x:.1}" y2="{:.1}" stroke="#ddd"/><text x="{x:.1}" y="{:.1}" text-anchor="middle">{label}</text>"##,
            TOP + PLOT_H,
            TOP + PLOT_H + 16.0
        );
        let _ = writeln!(
            s,
            r##"<line x1="{LEFT}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" stroke="#ddd"/><text x="{:.1}" y="{:.1}" text-anchor="end">{label}</text>"##,
            LEFT + PLOT_W,
            LEFT - 6.0,
            y + 4.0
        );
    }
    let _ = writeln!(
        s,
        r##"<rect x="{LEFT}" y="{TOP}" width="{PLOT_W}" height="{PLOT_H}" fill="none" stroke="#333"/><text x="{:.1}" y="{:.1}" text-anchor="middle">false-match rate (FMR)</text><text transform="translate(18,{:.1}) rotate(-90)" text-anchor="middle">false non-match rate (FNMR)</text>"##,
        LEFT + PLOT_W / 2.0,
        TOP + PLOT_H + 36.0,
        TOP + PLOT_H / 2.0
    );
    for (k, curve) in curves.iter().enumerate() {
        let path: Vec<String> = curve
            .points
            .iter()
            .filter(|(fmr, fnmr)| fmr.is_finite() && fnmr.is_finite())
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
            curve.label
        );
    }
    s.push_str("</svg>\n");
    s
}
