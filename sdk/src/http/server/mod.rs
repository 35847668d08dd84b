//! Any implementation of the contract behind axum (feature `server`).
