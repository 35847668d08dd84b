//! Biometric templates of the reference: decoding the submitted formats, preparing templates
//! from biometric data, and the template store the shared BMS searches (Arts 12–14).
//!
//! Kept apart from the sBMS component (`sbms`) because the store (`state`) holds templates
//! and every component prepares probes: these are the layer below the components.

mod decode;
mod prepare;
mod store;

pub(crate) use prepare::{Prepared, largest_payload, prepare, prepare_probe};
pub(crate) use store::{TemplateStore, threshold_of};
