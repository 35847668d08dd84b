//! Steps: biometrics.
