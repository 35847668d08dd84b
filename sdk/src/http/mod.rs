//! The HTTP binding of the contract: [`wire`] (routes, bodies, problem documents; no I/O),
//! [`client`] (feature `client`: the contract over reqwest) and [`server`] (feature `server`:
//! any implementation of the contract behind axum).

#[cfg(feature = "client")]
pub mod client;
#[cfg(feature = "server")]
pub mod server;
pub mod wire;
