//! A record of a benchmark data set: the identity data and the person it belongs to (the
//! truth the measures are taken against), read by `febrl` and measured by `measure`.

use jha_interop::model::IdentityData;

/// One record and the person it belongs to.
pub struct Record {
    /// The person (ground truth).
    pub entity: u64,
    /// The identity data.
    pub identity: IdentityData,
    /// Whether this is the person's original record (FEBRL's `rec-<n>-org`) rather than a
    /// duplicate made from it (`rec-<n>-dup-<k>`); a synthetic person's gallery record is, its variants are not.
    pub original: bool,
}
