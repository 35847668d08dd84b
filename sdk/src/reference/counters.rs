//! The statistics repository's store (CRRS): counters only, never personal data (CRRS-01).
//! Its own lock, held only to add one to a counter or to read them for a report.

use std::collections::BTreeMap;

use crate::model::{CirPurpose, Component, LinkColour, ProfileId, SourceSystem};

/// Counters the statistics repository reads: only aggregates are ever kept (CRRS-01).
#[derive(Debug, Default, Clone)]
pub(crate) struct Counters {
    pub esp_queries_per_profile: BTreeMap<ProfileId, u64>,
    pub interpol_queries: BTreeMap<SourceSystem, u64>,
    pub cir_queries_per_purpose: BTreeMap<CirPurpose, u64>,
    /// (component, with biometrics) → searches.
    pub searches: BTreeMap<(Component, bool), u64>,
    /// Completed periods a link spent yellow or red, in milliseconds, per colour.
    pub colour_durations: BTreeMap<LinkColour, Vec<i64>>,
}
