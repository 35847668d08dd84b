//! Every tunable of the matcher, in one place. Lengths are pixels at 500 ppi, angles in
//! 1/256 of a turn (1.40625°). Values were chosen on FVC2002 DB1–4_B only, one parameter at a
//! time, and kept where the error rates were flat around them.

/// At most this many minutiae, the most reliable ones, are kept per template.
pub(crate) const MAX_MINUTIAE: usize = 128;
/// Below this many minutiae a template cannot be compared.
pub(crate) const MIN_MINUTIAE: usize = 5;

/// Nearest neighbours per minutia whose edges seed the search for root pairs.
pub(crate) const ROOT_NEIGHBOURS: usize = 5;
/// Root edges shorter than this are skipped: their direction is too noisy to index.
pub(crate) const MIN_ROOT_EDGE: f32 = 20.0;
/// Root edges longer than this are skipped (and the probe index stops there).
pub(crate) const MAX_ROOT_EDGE: f32 = 120.0;
/// Nearest neighbours per gallery minutia that the pairing crawl follows (made symmetric).
/// The crawl is the matcher's evidence: ten neighbours give every paired minutia enough
/// edges to extend and support the pairing through missing and spurious minutiae.
pub(crate) const CRAWL_NEIGHBOURS: usize = 10;
/// Crawl edges longer than this are not followed.
pub(crate) const MAX_CRAWL_EDGE: f32 = 150.0;
/// The probe keeps its 16 nearest neighbours per minutia (one SIMD register of lanes) up to
/// this distance, 20 % beyond the longest gallery crawl edge, for elastic stretch.
pub(crate) const MAX_PROBE_EDGE: f32 = 180.0;

/// Edge length tolerance: the larger of an absolute and a relative part, for elastic
/// distortion that grows with distance.
pub(crate) const LENGTH_TOLERANCE: f32 = 8.0;
/// Relative part of the edge length tolerance.
pub(crate) const LENGTH_TOLERANCE_RATIO: f32 = 0.10;
/// Tolerance on each of a root edge's two relative angles (11.25° = MINDTCT's direction step);
/// crawl edges take theirs from `PreparationSettings::crawl_angle_tolerance`, never less.
pub(crate) const ANGLE_TOLERANCE: u8 = 8;
/// The widest crawl angle tolerance (45°): beyond it an edge's shape says little.
pub(crate) const MAX_CRAWL_ANGLE_TOLERANCE: u8 = 32;

/// Side of a probe-index cell along the edge length: twice the absolute length tolerance, so
/// that a probe edge is entered in two length bins (three for long edges).
pub(crate) const LENGTH_BIN: f32 = 16.0;
/// log2 of the side of a probe-index cell along each relative angle (16 units = 22.5°, twice
/// the angle tolerance: two bins per angle).
pub(crate) const ANGLE_BIN_SHIFT: u32 = 4;

/// A root pair needs at least this many matching root edges around it.
pub(crate) const MIN_ROOT_VOTES: u8 = 2;
/// At most this many root pairs, the best voted, are considered per comparison
/// (`PreparationSettings::max_roots` may ask for fewer).
pub(crate) const MAX_ROOTS: usize = 12;
/// A root pair is crawled only when at least this many of its gallery minutia's crawl edges
/// have a compatible probe edge: a pairing that cannot take three steps from its root never
/// grows into a decision-relevant score, and many impostor roots stop here.
pub(crate) const MIN_LOCAL_AGREEMENT: u32 = 3;

/// While crawling, a new pair must stay within this distance of where the root's alignment
/// puts it, plus a share of its distance from the root (`PreparationSettings::
/// pose_distance_ratio`)…
pub(crate) const POSE_DISTANCE: f32 = 20.0;
/// …and its direction within this angle (33.75°) of the root's rotation. Without it a crawl
/// across an impostor drifts from one local coincidence to the next.
pub(crate) const POSE_ANGLE: u8 = 24;

/// Raw score of each consistent edge found while crawling (tree edges included), scaled by the
/// share of pairs that agree with the overall alignment.
pub(crate) const SUPPORT_WEIGHT: f32 = 0.5;
/// Pairings of at least this many pairs are checked against their overall rigid alignment;
/// smaller ones score too low to matter and keep their count.
pub(crate) const MIN_CHECKED_PAIRS: usize = 5;
/// A pair agrees with the overall alignment when its probe minutia lies close to the aligned
/// gallery minutia (`PreparationSettings::alignment_distance`) and its direction within this
/// angle (33.75°) of the aligned direction.
pub(crate) const ALIGNMENT_ANGLE: u8 = 24;
/// Minutiae count at which the size correction (`PreparationSettings::size_exponent`) is
/// neutral: the mean MINDTCT count on FVC2002.
pub(crate) const TYPICAL_MINUTIAE: f32 = 45.0;
/// A minutia counts as inside the other print's area (the convex hull of its minutiae, once
/// aligned) up to this far outside it: minutiae on the hull itself, and elastic distortion.
pub(crate) const AREA_MARGIN: f32 = 10.0;
/// An extension pair lies within this distance of where the pairing puts it, plus the share
/// `PreparationSettings::pose_distance_ratio` of its distance from the nearest paired minutia
/// (whose offset corrects the prediction for elastic distortion).
pub(crate) const EXTEND_DISTANCE: f32 = 12.0;
