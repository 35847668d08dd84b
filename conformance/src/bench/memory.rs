//! This process's memory as Linux reports it (`/proc/self/status`), for the benches that print
//! memory per record; `None` where it cannot be read.

/// A `kB` field of `/proc/self/status`, in bytes.
fn status_field(name: &str) -> Option<u64> {
    let text = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = text.lines().find(|l| l.starts_with(name))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// Resident memory now (`VmRSS`).
pub(crate) fn resident_bytes() -> Option<u64> {
    status_field("VmRSS:")
}

/// The largest resident memory so far (`VmHWM`).
pub(crate) fn peak_bytes() -> Option<u64> {
    status_field("VmHWM:")
}
