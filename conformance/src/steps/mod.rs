//! Step definitions, one module per component. They speak business language and use only the
//! contract, so the same features run against any target.

mod biometrics;
mod cir;
mod control;
mod crrs;
mod esp;
mod esp_matrix;
mod http;
mod logs;
mod mid;
mod mid_requests;
mod operators;
mod parameters;
mod quality;
mod records;
mod rights;
mod security;
mod similarity;

use cucumber::gherkin::Step;

use crate::fail;
use crate::failure::Failure;
use crate::role::Role;

pub(crate) use parameters::{
    Actor, BiometricQuery, Boundary, LinkChange, LinkEnd, List, Operation, Optional, Presence, QuerySubject,
    RequestState, RightsRefusal, SamePerson, Spelled, Spelling, Systems, TimeUnit, UnusableBiometrics,
    Verdict,
};

/// The rows of a step's table as (column, value) pairs; the first row is the header.
pub(crate) fn table_rows(step: &Step) -> Result<Vec<Vec<(String, String)>>, Failure> {
    let Some(table) = &step.table else { fail!("the step needs a table") };
    let Some((header, rows)) = table.rows.split_first() else { fail!("the step's table is empty") };
    Ok(rows.iter().map(|row| header.iter().cloned().zip(row.iter().cloned()).collect()).collect())
}

/// Reads a role phrase the step's own code names ("the supervisory authority of DEU"); a
/// role a scenario names is a typed capture (`who: Role`).
pub(crate) fn role(text: &str) -> Result<Role, Failure> {
    Ok(text.parse::<Role>()?)
}

/// Reads a comma-separated list of record labels ("E1, V1 and T1").
pub(crate) fn labels(text: &str) -> Vec<String> {
    text.replace(" and ", ",")
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}
