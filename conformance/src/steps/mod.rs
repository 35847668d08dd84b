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
mod quality;
mod records;
mod rights;
mod security;
mod similarity;

use cucumber::gherkin::Step;
use jha_interop::model::{Component, LinkColour, SourceSystem};

use crate::fail;
use crate::failure::Failure;
use crate::role::Role;

/// The rows of a step's table as (column, value) pairs; the first row is the header.
pub(crate) fn table_rows(step: &Step) -> Result<Vec<Vec<(String, String)>>, Failure> {
    let Some(table) = &step.table else { fail!("the step needs a table") };
    let Some((header, rows)) = table.rows.split_first() else { fail!("the step's table is empty") };
    Ok(rows.iter().map(|row| header.iter().cloned().zip(row.iter().cloned()).collect()).collect())
}

/// Reads a role phrase.
pub(crate) fn role(text: &str) -> Result<Role, Failure> {
    Ok(text.parse::<Role>()?)
}

/// Reads a system name as scenarios write it ("EES", "ECRIS-TCN").
pub(crate) fn system(text: &str) -> Result<SourceSystem, Failure> {
    Ok(text.trim().parse::<SourceSystem>()?)
}

/// Reads a component code (`ESP`, `SBMS`, …); an empty text, "any component", is `None`.
pub(crate) fn component(text: String) -> Result<Option<Component>, Failure> {
    if text.is_empty() {
        return Ok(None);
    }
    serde_json::from_value(serde_json::Value::String(text)).map(Some).map_err(|e| Failure(e.to_string()))
}

/// Reads a link colour.
pub(crate) fn colour(text: &str) -> Result<LinkColour, Failure> {
    Ok(match text.trim().to_lowercase().as_str() {
        "white" => LinkColour::White,
        "yellow" => LinkColour::Yellow,
        "green" => LinkColour::Green,
        "red" => LinkColour::Red,
        other => fail!("unknown link colour {other:?}"),
    })
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
