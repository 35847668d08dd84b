//! Embeds the feature bundle (the Gherkin scenarios, `requirements.toml`, `review.toml` and the
//! suite's README) in the harness, so that an installed `jha-interop certify` needs no checkout.
//!
//! The bundle is read from the workspace's `../features` in a checkout, else from `features/`
//! inside this package (a published crate: packaging copies the workspace's `features/` into
//! it, see the README; in a checkout such a copy is ignored, so a stale one cannot be certified). It writes `$OUT_DIR/feature_bundle.rs`: one
//! `(relative path, contents)` pair per file, sorted by path, with `include_bytes!` so that the
//! embedded bytes are exactly the files' bytes (and the report's SHA-256 of the bundle is the
//! same whether the suite reads the embedded copy or the checkout).

use std::path::{Path, PathBuf};

fn main() {
    let manifest =
        PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let packaged = manifest.join("features");
    let checkout = manifest.join("../features");
    let root = if checkout.join("requirements.toml").is_file() {
        checkout
    } else if packaged.join("requirements.toml").is_file() {
        packaged
    } else {
        panic!(
            "no feature bundle: neither {} (a packaged crate) nor {} (a checkout) exists; \
             packaging must copy the workspace's features/ into the crate",
            packaged.display(),
            checkout.display()
        );
    };
    // Any file added, removed or edited below the folder rebuilds the bundle.
    println!("cargo:rerun-if-changed={}", root.display());

    let mut files = Vec::new();
    collect(&root, &root, &mut files);
    files.sort();
    let mut generated = String::from(
        "/// The embedded feature bundle: every file under `features/`, by `/`-separated path.\n\
         pub static FILES: &[(&str, &[u8])] = &[\n",
    );
    for (relative, absolute) in &files {
        generated.push_str(&format!(
            "    ({relative:?}, include_bytes!({:?})),\n",
            absolute.display().to_string()
        ));
    }
    generated.push_str("];\n");
    let out =
        PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR")).join("feature_bundle.rs");
    std::fs::write(&out, generated).unwrap_or_else(|e| panic!("cannot write {}: {e}", out.display()));
}

/// Every file below `dir` as (path relative to `root` with `/` separators, absolute path).
fn collect(root: &Path, dir: &Path, files: &mut Vec<(String, PathBuf)>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()));
    for entry in entries {
        let path = entry.unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display())).path();
        // Editors' swap and backup files are not part of the bundle.
        if path.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')) {
            continue;
        }
        if path.is_dir() {
            collect(root, &path, files);
        } else {
            let relative = path.strip_prefix(root).expect("below the root");
            let relative: Vec<_> =
                relative.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
            let absolute =
                path.canonicalize().unwrap_or_else(|e| panic!("cannot resolve {}: {e}", path.display()));
            files.push((relative.join("/"), absolute));
        }
    }
}
