//! Test data as scenarios describe it: records from tables and sentences, biometric samples
//! from labels.

pub mod biometrics;
pub mod records;
