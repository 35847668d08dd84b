//! The feature bundle embedded in the harness at build time (`build.rs`): the scenarios,
//! `requirements.toml` and `review.toml` the harness was built with, so that an installed
//! `jha-interop certify` needs no checkout.
//!
//! Cucumber and the plan read feature files from disk, so the bundle is unpacked into a folder
//! of the temporary directory named after its SHA-256 (one folder per bundle, reused by later
//! runs and by concurrent processes). Every file is checked against the embedded bytes after
//! unpacking, so a stale or altered copy is rewritten, never used. The files keep their bytes and
//! relative paths, so the report's SHA-256 of the bundle is the same as for the checkout's
//! `features/` it was built from.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use sha2::{Digest, Sha256};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/feature_bundle.rs"));
}

/// The embedded files: (path relative to `features/` with `/` separators, contents), sorted.
pub fn files() -> &'static [(&'static str, &'static [u8])] {
    embedded::FILES
}

/// The SHA-256 of the embedded bundle (paths and contents), in hex: names its unpacked folder.
fn bundle_digest() -> String {
    let mut hasher = Sha256::new();
    for (path, contents) in files() {
        hasher.update((path.len() as u64).to_le_bytes());
        hasher.update(path.as_bytes());
        hasher.update((contents.len() as u64).to_le_bytes());
        hasher.update(contents);
    }
    hasher.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// The folder holding the unpacked bundle, unpacking it on first use in this process.
pub fn unpacked() -> io::Result<PathBuf> {
    static FOLDER: OnceLock<PathBuf> = OnceLock::new();
    if let Some(folder) = FOLDER.get() {
        return Ok(folder.clone());
    }
    let digest = bundle_digest();
    let folder = std::env::temp_dir().join(format!("jha-interop-features-{}", &digest[..16]));
    unpack_into(&folder)?;
    Ok(FOLDER.get_or_init(|| folder).clone())
}

/// Writes every embedded file under `folder`, leaving identical files alone; each write goes
/// to a file of its own first and is renamed into place, so a concurrent reader sees the old or
/// the new bytes, never half of them.
fn unpack_into(folder: &Path) -> io::Result<()> {
    for (relative, contents) in files() {
        let path = folder.join(relative);
        if std::fs::read(&path).is_ok_and(|existing| existing == *contents) {
            continue;
        }
        let parent = path.parent().unwrap_or(folder);
        std::fs::create_dir_all(parent)?;
        let staging = parent.join(format!(
            ".{}.{}.partial",
            path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
            std::process::id()
        ));
        std::fs::write(&staging, contents)?;
        std::fs::rename(&staging, &path)?;
        if std::fs::read(&path)? != *contents {
            return Err(io::Error::other(format!(
                "{} changed while the bundle was unpacked",
                path.display()
            )));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundle_holds_the_registry_the_review_and_feature_files() {
        let paths: Vec<_> = files().iter().map(|(p, _)| *p).collect();
        assert!(paths.contains(&"requirements.toml"));
        assert!(paths.contains(&"review.toml"));
        assert!(paths.iter().any(|p| p.contains('/') && p.ends_with(".feature")), "{paths:?}");
        assert!(paths.windows(2).all(|w| w[0] < w[1]), "sorted, no duplicates");
    }

    /// The report's SHA-256 of the feature bundle is the same for the embedded bundle as for
    /// the checkout's `features/` it was built from (build.rs reruns when that folder changes).
    #[test]
    fn the_embedded_bundle_hashes_as_the_checkout() {
        let checkout = Path::new(env!("CARGO_MANIFEST_DIR")).join("../features");
        let (checkout_files, checkout_digest) = crate::runner::plan::hashed_material(&checkout).unwrap();
        let (embedded_files, embedded_digest) =
            crate::runner::plan::hashed_material(&unpacked().unwrap()).unwrap();
        assert_eq!(embedded_files, checkout_files);
        assert_eq!(embedded_digest, checkout_digest);
        assert!(checkout_files.len() > 20, "{} files", checkout_files.len());
    }

    #[test]
    fn unpacking_rewrites_an_altered_file_and_keeps_the_bytes() {
        let folder = std::env::temp_dir().join(format!("jha-interop-bundle-test-{}", std::process::id()));
        unpack_into(&folder).unwrap();
        std::fs::write(folder.join("requirements.toml"), "altered").unwrap();
        unpack_into(&folder).unwrap();
        for (relative, contents) in files() {
            assert_eq!(std::fs::read(folder.join(relative)).unwrap(), *contents, "{relative}");
        }
        std::fs::remove_dir_all(&folder).unwrap();
    }
}
