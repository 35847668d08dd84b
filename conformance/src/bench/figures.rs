//! How the bench prints its figures, shared by every table so that they read alike.

/// `x` (0–1) as a percentage with two decimals.
pub(super) fn percent(x: f64) -> String {
    format!("{:.2}%", 100.0 * x)
}

/// `ours / theirs` with two decimals, `-` without a positive `theirs`.
pub(super) fn ratio(ours: f64, theirs: Option<f64>) -> String {
    theirs.filter(|t| *t > 0.0).map_or_else(|| "-".to_string(), |t| format!("{:.2}", ours / t))
}

/// [`percent`], or `-` without a value.
pub(super) fn optional_percent(value: Option<f64>) -> String {
    value.map_or_else(|| "-".to_string(), percent)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_ratio_needs_a_positive_baseline() {
        assert_eq!(ratio(1.0, Some(4.0)), "0.25");
        assert_eq!(ratio(1.0, Some(0.0)), "-");
        assert_eq!(ratio(1.0, None), "-");
        assert_eq!(optional_percent(Some(0.0123)), "1.23%");
        assert_eq!(optional_percent(None), "-");
    }
}
