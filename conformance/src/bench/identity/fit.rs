//! Fits the ranked search weights on the synthetic generator's truth: for each field and
//! level, `log2(m/u)` with `m` the level's share among a person and one of their variants
//! (every kind of variation equally), `u` its share among two different persons. FEBRL is
//! never used here, so the FEBRL figures are held-out. Weaker levels are capped at the
//! weight of the stronger ones, and weights are rounded to 0.1. Weaker levels are capped at the
//! weight of the stronger ones, and weights are rounded to 0.1.

use jha_interop::matching::identity::PreparedIdentity;
use jha_interop::matching::identity::rank::{RankProfile, RankWeights, date_level, name_level};
use jha_interop::synthetic::Rng;
use jha_interop::synthetic::identity::{IdentityGenerator, VariationKind};

/// Pairs of each kind drawn.
const PAIRS: usize = 20_000;
/// Added to both shares so that a level never seen on one side gets a finite weight.
const SMOOTHING: f64 = 1e-4;

#[derive(Default)]
struct Counts {
    surname: [f64; 5],
    first_names: [f64; 5],
    date: [f64; 6],
}

fn tally(counts: &mut Counts, a: &RankProfile, b: &RankProfile) {
    if let Some(l) = name_level(a, b, true) {
        counts.surname[l as usize] += 1.0;
    }
    if let Some(l) = name_level(a, b, false) {
        counts.first_names[l as usize] += 1.0;
    }
    if let Some(l) = date_level(a, b) {
        counts.date[l as usize] += 1.0;
    }
}

fn weights<const N: usize>(m: &[f64; N], u: &[f64; N]) -> [f32; N] {
    let (mt, ut) = (m.iter().sum::<f64>().max(1.0), u.iter().sum::<f64>().max(1.0));
    let mut w: [f32; N] = std::array::from_fn(|i| {
        ((m[i] / mt + SMOOTHING) / (u[i] / ut + SMOOTHING)).log2().clamp(-12.0, 14.0) as f32
    });
    // A weaker agreement never weighs more than a stronger one (levels are ordered): without
    // this, the generator's small name pools make "equal" look less telling than "close".
    for i in 1..N {
        w[i] = w[i].min(w[i - 1]);
    }
    w.map(|x| (x * 10.0).round() / 10.0)
}

/// The fitted weights for the names and the date of birth (sex and nationality keep the
/// defaults: the generator changes them too rarely to fit).
pub fn fit(seed: u64) -> RankWeights {
    let mut generator = IdentityGenerator::new(seed);
    let mut rng = Rng::new(seed).fork(0xF17);
    let persons: Vec<_> = (0..PAIRS).map(|_| generator.person()).collect();
    let profile =
        |identity: &jha_interop::model::IdentityData| RankProfile::new(&PreparedIdentity::new(identity));
    let profiles: Vec<_> = persons.iter().map(|p| profile(&p.identity)).collect();
    let (mut m, mut u) = (Counts::default(), Counts::default());
    for (i, person) in persons.iter().enumerate() {
        let kind = *rng.pick(&VariationKind::ALL);
        if let Some(variant) = generator.variant(person, kind) {
            let vp = profile(&variant.identity);
            tally(&mut m, &profiles[i], &vp);
        }
        let j = (i + 1 + rng.below(PAIRS as u64 - 1) as usize) % PAIRS;
        tally(&mut u, &profiles[i], &profiles[j]);
    }
    RankWeights {
        surname: weights(&m.surname, &u.surname),
        first_names: weights(&m.first_names, &u.first_names),
        date_of_birth: weights(&m.date, &u.date),
        ..RankWeights::default()
    }
}
