//! Steps: similarity.
