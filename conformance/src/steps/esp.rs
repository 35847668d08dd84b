//! Steps: esp.
