//! Probes quantised to i8 codes, in the forms the i8 kernel's paths read, and the offset that
//! links a stored row byte to its code (see `kernel_i8`). Apart from the kernel so that its
//! x86-64 paths and the scan share it without depending on each other.

/// The offset between a stored row byte and its i8 code.
pub(crate) const OFFSET: i32 = 128;

/// Probes quantised to i8 codes, in the forms the paths read.
#[derive(Debug, Clone)]
pub(crate) struct I8Probes {
    /// Probes.
    pub count: usize,
    /// Values per probe.
    pub dimension: usize,
    /// The codes, probe after probe (the VNNI paths' signed operand).
    pub codes: Vec<i8>,
    /// The same codes widened to i16 (the operand of `vpmaddwd` on the AVX2 path).
    pub widened: Vec<i16>,
    /// Per probe, `128 · Σ q`: subtracted from `Σ u·q`.
    pub correction: Vec<i32>,
}

impl I8Probes {
    /// Probes whose codes are `codes` (`dimension` each, probe after probe).
    pub fn new(codes: Vec<i8>, dimension: usize) -> Self {
        let d = dimension.max(1);
        let correction =
            codes.chunks_exact(d).map(|q| OFFSET * q.iter().map(|&c| i32::from(c)).sum::<i32>()).collect();
        I8Probes {
            count: codes.len() / d,
            dimension: d,
            widened: codes.iter().map(|&c| i16::from(c)).collect(),
            codes,
            correction,
        }
    }
}
