//! Steps: quality.
