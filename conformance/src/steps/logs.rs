//! Steps: logs.
