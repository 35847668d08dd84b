//! Locating the external test files and benchmark data that live beside the repository.
//!
//! External data is read in place and never committed. Tests call [`require`]: it returns the
//! folder, or prints one line saying what was skipped — unless `JHA_REQUIRE_VECTORS=1`, when a
//! missing folder is a failure (CI sets it).

use std::path::PathBuf;

/// Which external folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dataset {
    /// `shared/test-vectors`: NIST, NBIS, ISO/ANSI and MRZ files with external oracles.
    /// Overridden by `JHA_TEST_VECTORS`.
    TestVectors,
    /// `shared/data`: FVC2002 fingerprints and FEBRL person records. Overridden by `JHA_DATA`.
    Data,
    /// `shared/spec`: the requirements catalogue and the architecture. Overridden by `JHA_SPEC`.
    Spec,
}

impl Dataset {
    fn variable(self) -> &'static str {
        match self {
            Dataset::TestVectors => "JHA_TEST_VECTORS",
            Dataset::Data => "JHA_DATA",
            Dataset::Spec => "JHA_SPEC",
        }
    }

    fn default_folder(self) -> &'static str {
        match self {
            Dataset::TestVectors => "test-vectors",
            Dataset::Data => "data",
            Dataset::Spec => "spec",
        }
    }
}

/// The folder of `dataset`: the environment variable if set, else `../shared/<folder>`
/// beside the workspace root. Returns `None` when it does not exist.
pub fn locate(dataset: Dataset) -> Option<PathBuf> {
    let path = match std::env::var_os(dataset.variable()) {
        Some(path) => PathBuf::from(path),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared").join(dataset.default_folder()),
    };
    path.is_dir().then_some(path)
}

/// Whether `JHA_REQUIRE_VECTORS=1` is set.
pub fn required() -> bool {
    std::env::var("JHA_REQUIRE_VECTORS").as_deref() == Ok("1")
}

/// The folder of `dataset` for a test named `what`; `None` (after printing one line) when it
/// is absent and not required.
///
/// # Panics
/// When the folder is absent and `JHA_REQUIRE_VECTORS=1`: the test must fail then.
pub fn require(dataset: Dataset, what: &str) -> Option<PathBuf> {
    if let Some(path) = locate(dataset) {
        return Some(path);
    }
    let hint = format!("set {} or place the shared folder beside the repository", dataset.variable());
    if required() {
        panic!("JHA_REQUIRE_VECTORS=1 but the {dataset:?} folder is missing ({hint}); needed by {what}");
    }
    eprintln!("skipped {what}: {dataset:?} folder not found ({hint})");
    None
}
