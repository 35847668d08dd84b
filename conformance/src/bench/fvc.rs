//! Loading the FVC2002 DB1–4_B images and extracting their templates with our pipeline.

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use jha_interop::matching::fingerprint::{Extraction, extract};
use jha_interop::model::{Base64Bytes, FingerprintImage, ImageEncoding};
use rayon::prelude::*;

/// The databases, their folder names and their scan resolutions (DB2 is 569 ppi).
pub const DATABASES: [(&str, u16); 4] = [("DB1_B", 500), ("DB2_B", 569), ("DB3_B", 500), ("DB4_B", 500)];

/// One impression and its extracted template.
pub struct Sample {
    /// Index into [`DATABASES`].
    pub database: usize,
    /// Finger number (101–110).
    pub finger: u32,
    /// Impression number (1–8).
    pub impression: u32,
    /// Our extraction.
    pub extraction: Extraction,
}

/// Reads every `F_I.tif` of the four databases under `root` and extracts it on all cores.
pub fn load(root: &Path) -> Result<Vec<Sample>, String> {
    let mut files = Vec::new();
    for (database, (folder, ppi)) in DATABASES.iter().enumerate() {
        let dir = root.join(folder);
        let entries = std::fs::read_dir(&dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let Some(stem) = name.strip_suffix(".tif") else { continue };
            let Some((finger, impression)) = stem.split_once('_') else { continue };
            let (Ok(finger), Ok(impression)) = (finger.parse::<u32>(), impression.parse::<u32>()) else {
                continue;
            };
            files.push((database, finger, impression, *ppi, entry.path()));
        }
    }
    files.sort_by_key(|f| (f.0, f.1, f.2));
    if files.is_empty() {
        return Err(format!("no FVC2002 images under {}", root.display()));
    }
    let done = AtomicUsize::new(0);
    let total = files.len();
    let samples = files
        .par_iter()
        .map(|(database, finger, impression, ppi, path)| {
            let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            let image = FingerprintImage {
                encoding: ImageEncoding::Tiff,
                width: None,
                height: None,
                resolution_ppi: *ppi,
                data: Base64Bytes::from(bytes),
            };
            let extraction = extract(&image).map_err(|e| format!("{}: {e}", path.display()))?;
            let n = done.fetch_add(1, Ordering::Relaxed) + 1;
            if n.is_multiple_of(20) || n == total {
                eprint!("\r[extract] {n}/{total} images");
            }
            Ok(Sample { database: *database, finger: *finger, impression: *impression, extraction })
        })
        .collect::<Result<Vec<_>, String>>();
    eprintln!();
    samples
}
