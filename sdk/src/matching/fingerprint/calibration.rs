//! The calibration tables of the raw score onto [`Score`](super::Score), one per minutiae
//! extractor. Their own module, below everything that prepares or compares templates, so that the
//! settings that name them do not depend on the engine's root module.

use crate::matching::score::Calibration;

/// The calibration of the raw score onto [`Score`](super::Score): the raw scores at which the
/// false-match rate is 10^−1, 10^−2, … 10^−6.
///
/// Fitted to hold on a sensor it was not measured on (issue 14), by `jha-interop bench fingerprint
/// --protocol lodo` on the FVC2002 DB1–4_B templates extracted by [`extract`](super::extract()):
/// the within-database impostor pairs (2,880 per database, 11,520 in all) of each database give
/// that database's own thresholds, placed where the 95 % upper confidence bound (Clopper–Pearson)
/// of its FMR is at nominal, so that 2,880 impostors are not taken at their word (at most 19 of
/// them reach 10^−2, and none reach 10^−3 or beyond, where 2,880 cannot show the rate); per decade
/// the table takes the worst database's threshold plus a margin for a worse, unseen sensor: the
/// most one database's threshold exceeded the highest of the other three. Pooling the impostors
/// instead let held-out databases exceed nominal (1.22 % and 1.77 % at 10^−2, 0.14 % at 10^−3),
/// and so did the measured rate without its confidence bound (DB4 held out: 1.15 % at 10^−2).
/// The same rule fitted on three databases and checked on the fourth stays at or below nominal
/// at 10^−2 and 10^−3 on every fold, both with the engine's [`SETTINGS`](super::SETTINGS) in
/// every fold (DB4, the closest: 26 of 2,880 impostors at 10^−2, 0 at 10^−3) and with each fold's
/// own choice, the extension of the best pairing included (DB1, the closest: 19 at 10^−2, 2 at
/// 10^−3). 10^−4 (score 40, the default BMS-P1
/// threshold) rests on the tail fit plus its margin; no held-out set of 10^5 same-sensor
/// impostors exists here, and the bench measures it on the cross-database pairs instead (different
/// sensors, so they score lower than same-sensor impostors: an optimistic check). 10^−5 and 10^−6
/// are extrapolations. Beyond 10^−6 the map continues with the same slope.
///
/// Fitted for the engine's [`SETTINGS`](super::SETTINGS) (quality filter, overlap share, distortion
/// reach).
pub const CALIBRATION: Calibration = Calibration::new(&[8.89, 12.85, 19.35, 22.48, 26.94, 31.41]);

/// The calibration of the raw score for minutiae extracted by LEADER
/// ([`LEADER_SETTINGS`](super::LEADER_SETTINGS)): fitted by the same rule as [`CALIBRATION`] on the
/// LEADER templates of FVC2002 DB1–4_B (`bench fingerprint --protocol lodo --extractor leader`):
/// per decade the worst database's own threshold (95 % upper confidence bound at nominal) plus the
/// inner leave-one-out margin. MINDTCT's table does not hold on LEADER minutiae (0.02–0.03 % of
/// LEADER's within-database impostors reached 40). 10^−3 sits just above the highest impostor of
/// the four databases (FVC2002 DB4, synthetic prints, has a much heavier LEADER impostor tail than
/// the three others), so scores 30 to 40 span under one raw point; the margins at 10^−4 and below
/// are wide for the same reason: the rule keeps DB4's excess as the margin for an unseen sensor.
pub const LEADER_CALIBRATION: Calibration = Calibration::new(&[11.32, 13.37, 42.01, 42.82, 60.98, 79.14]);
