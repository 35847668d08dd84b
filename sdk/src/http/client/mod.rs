//! The contract over HTTP (feature `client`).
