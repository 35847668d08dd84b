//! Steps: cir.
