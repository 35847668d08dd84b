//! Behaviour of the reference implementation through the contract, one module per component.
//! Tests name the requirement they check.

mod fixture;

mod cir;
mod crrs;
mod esp;
mod formats;
mod logs;
mod mid;
mod quality;
mod sbms;
mod sources;
