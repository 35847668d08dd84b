//! Every tunable of the matcher, in one place. Lengths are pixels at 500 ppi, angles in
//! 1/256 of a turn (1.40625°). Values were chosen on FVC2002 DB1–4_B only.

/// At most this many minutiae, the most reliable ones, are kept per template.
pub(crate) const MAX_MINUTIAE: usize = 128;
/// Below this many minutiae a template cannot be compared.
pub(crate) const MIN_MINUTIAE: usize = 5;

/// Nearest neighbours per minutia whose edges seed the search for root pairs.
pub(crate) const ROOT_NEIGHBOURS: usize = 5;
/// Root edges shorter than this are skipped: their direction is too noisy.
pub(crate) const MIN_ROOT_EDGE: f32 = 14.0;
/// Root edges longer than this are skipped (and the probe index stops there).
pub(crate) const MAX_ROOT_EDGE: f32 = 120.0;
/// Nearest neighbours per minutia that the pairing crawl follows (made symmetric).
pub(crate) const CRAWL_NEIGHBOURS: usize = 8;
/// Crawl edges longer than this are not followed.
pub(crate) const MAX_CRAWL_EDGE: f32 = 150.0;

/// Edge length tolerance: the larger of an absolute and a relative part, for elastic
/// distortion that grows with distance.
pub(crate) const LENGTH_TOLERANCE: f32 = 8.0;
/// Relative part of the edge length tolerance.
pub(crate) const LENGTH_TOLERANCE_RATIO: f32 = 0.10;
/// Tolerance on each of an edge's two relative angles (11.25° = MINDTCT's direction step).
pub(crate) const ANGLE_TOLERANCE: u8 = 8;

/// Side of a probe-index cell along the edge length.
pub(crate) const LENGTH_BIN: f32 = 8.0;
/// log2 of the side of a probe-index cell along each relative angle (8 units = 11.25°).
pub(crate) const ANGLE_BIN_SHIFT: u32 = 3;

/// A root pair needs at least this many matching edges around it.
pub(crate) const MIN_ROOT_VOTES: u8 = 2;
/// At most this many root pairs are crawled per comparison.
pub(crate) const MAX_ROOTS: usize = 12;

/// Raw score of each paired minutia that agrees with the pairing's overall alignment.
pub(crate) const PAIR_WEIGHT: f32 = 1.0;
/// Raw score of each consistent edge found while crawling (tree edges included), scaled by the
/// share of pairs that agree with the overall alignment.
pub(crate) const SUPPORT_WEIGHT: f32 = 0.5;
/// A pair agrees with the overall alignment when its probe minutia lies within this distance of
/// the aligned gallery minutia…
pub(crate) const ALIGNMENT_DISTANCE: f32 = 20.0;
/// …and its direction within this angle (33.75°) of the aligned direction.
pub(crate) const ALIGNMENT_ANGLE: u8 = 24;
/// The raw score is scaled by `(45 / sqrt(n_gallery · n_probe))^SIZE_EXPONENT`: large
/// templates pair more minutiae by chance; 45 is the mean MINDTCT count on FVC2002.
pub(crate) const SIZE_EXPONENT: f32 = 0.3;
/// Minutiae count at which the size correction is neutral.
pub(crate) const TYPICAL_MINUTIAE: f32 = 45.0;
