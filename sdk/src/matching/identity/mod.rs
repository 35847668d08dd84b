//! Same / similar / different identity data under Commission Delegated Regulations (EU)
//! 2023/333 and 2023/332 (REQUIREMENTS §5): the comparison behind the MID's link colours.
//!
//! - [`harmonise`]: the harmonisation function of POLICY SIM-P1.
//! - [`compare`] / [`compare_prepared`]: the SAME / SIMILAR / DIFFERENT verdict with, per
//!   category, the value pairs that matched and the rule that applied.
//! - [`SimilarityPolicy`]: the named, versioned settings (SIM-P1 to SIM-P6).
//! - [`CalendarConversion`]: the calendars dates of birth are also read in (POLICY SIM-P6).
//! - [`to_mrz_latin`]: the ICAO Doc 9303 transliteration of a name for a machine readable zone.
//! - [`CandidateIndex`]: blocking for multiple-identity detection against a large repository.
//! - [`rank`]: the ranked search score that orders search results (not a verdict).
//! - [`SearchIndex`]: blocking for ranked search, by name codes and date parts.
//!
//! The transliteration, variant-spelling and renaming tables are versioned text files in
//! `tables/`, embedded at build time; each names its source and the decisions taken.

mod arabic;
mod calendars;
mod compare;
mod dates;
mod edits;
mod harmonise;
mod index;
mod names;
mod places;
mod policy;
mod prepared;
pub mod rank;
mod renaming;
mod script;
mod search_index;
mod search_keys;
mod table;
mod tables;
mod transliterate;
mod variants;

#[cfg(test)]
mod tests;

pub use calendars::CalendarConversion;
pub use compare::{compare, compare_prepared, may_match_prepared};
pub use harmonise::harmonise;
pub use index::CandidateIndex;
pub use policy::SimilarityPolicy;
pub use prepared::PreparedIdentity;
pub use search_index::SearchIndex;
pub use transliterate::to_mrz_latin;
