//! Steps: crrs.
