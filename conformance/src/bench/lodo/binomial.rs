//! How many of `n` impostors may reach a threshold before the data no longer show, at a given
//! confidence, that its false-match rate is at or below nominal: the one-sided Clopper–Pearson
//! upper bound of a binomial proportion.

/// The one-sided upper confidence bound, at `confidence` (e.g. 0.95), of the rate behind
/// `count` events in `n` trials (Clopper–Pearson: the rate `p` at which `count` or fewer events
/// have probability `1 − confidence`). 1 when `count >= n`.
pub fn upper_bound(count: usize, n: usize, confidence: f64) -> f64 {
    if count >= n {
        return 1.0;
    }
    let tail = 1.0 - confidence;
    // P(X <= count) falls as p rises: bisect for the p where it equals `tail`.
    let (mut low, mut high) = (0.0f64, 1.0f64);
    for _ in 0..60 {
        let middle = 0.5 * (low + high);
        if at_most(count, n, middle) > tail { low = middle } else { high = middle }
    }
    high
}

/// The largest number of events among `n` trials whose [`upper_bound`] at `confidence` is at or
/// below `nominal`; `None` when even none is too many (`n` too small to show `nominal`).
pub fn allowed(n: usize, nominal: f64, confidence: f64) -> Option<usize> {
    if upper_bound(0, n, confidence) > nominal {
        return None;
    }
    // The bound rises with the count: bisect on it, never beyond the plain ⌊nominal × n⌋.
    let (mut good, mut bad) = (0usize, (nominal * n as f64).floor() as usize + 1);
    while bad - good > 1 {
        let middle = good + (bad - good) / 2;
        if upper_bound(middle, n, confidence) <= nominal { good = middle } else { bad = middle }
    }
    Some(good)
}

/// P(X ≤ `count`) for X ~ Binomial(`n`, `p`), summed in log space (terms as small as 10^−4000
/// occur with tens of thousands of trials).
fn at_most(count: usize, n: usize, p: f64) -> f64 {
    if p <= 0.0 {
        return 1.0;
    }
    if p >= 1.0 {
        return if count >= n { 1.0 } else { 0.0 };
    }
    let (ln_p, ln_q) = (p.ln(), (-p).ln_1p());
    let mut ln_term = n as f64 * ln_q; // i = 0
    let mut terms = Vec::with_capacity(count + 1);
    terms.push(ln_term);
    for i in 1..=count.min(n) {
        ln_term += ((n - i + 1) as f64 / i as f64).ln() + ln_p - ln_q;
        terms.push(ln_term);
    }
    let largest = terms.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    (largest.exp() * terms.iter().map(|t| (t - largest).exp()).sum::<f64>()).min(1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_event_in_n_trials_bounds_the_rate_by_the_rule_of_three() {
        // 1 − 0.05^(1/n) ≈ 3 / n.
        let bound = upper_bound(0, 2_880, 0.95);
        assert!((bound - (1.0 - 0.05f64.powf(1.0 / 2_880.0))).abs() < 1e-9, "{bound}");
        assert!(bound > 1e-3 && bound < 1.1e-3, "{bound}");
        assert_eq!(upper_bound(5, 5, 0.95), 1.0);
    }

    #[test]
    fn the_bound_matches_a_known_clopper_pearson_value_and_rises_with_the_count() {
        // 10 events in 1,000 trials: 95 % one-sided upper bound 0.01690 (the beta distribution's
        // 0.95 quantile with parameters 11 and 990; the Poisson approximation gives 0.01696).
        let bound = upper_bound(10, 1_000, 0.95);
        assert!((bound - 0.01690).abs() < 5e-5, "{bound}");
        assert!(upper_bound(11, 1_000, 0.95) > bound);
    }

    #[test]
    fn the_allowed_count_is_below_the_plain_share_and_none_when_n_cannot_tell() {
        // 2,880 impostors at 10^-2: 28 by the plain share, 19 with 95 % confidence.
        let allowed_count = allowed(2_880, 1e-2, 0.95).unwrap();
        assert_eq!(allowed_count, 19);
        assert!(upper_bound(allowed_count, 2_880, 0.95) <= 1e-2);
        assert!(upper_bound(allowed_count + 1, 2_880, 0.95) > 1e-2);
        // 2,880 impostors cannot show 10^-3 at 95 %: none reaching it still bounds at 0.104 %.
        assert_eq!(allowed(2_880, 1e-3, 0.95), None);
        // Many trials: no underflow.
        assert!(allowed(1_000_000, 1e-1, 0.95).unwrap() > 99_000);
    }
}
