//! Steps: security.
