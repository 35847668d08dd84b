//! The template store: the engine's multi-core fingerprint gallery, partitioned by source
//! system (BMS-02), plus what the sBMS keeps per record (face templates, template metadata and
//! the prepared probes that detection searches with).
//!
//! # Concurrency
//!
//! The store is the sBMS's own: no other component's lock guards it. Every method takes
//! `&self`. A 1:N search holds no lock while it scans the fingerprint or the face gallery (it
//! scans a copy-on-write snapshot of each), so a registration's writes never wait for a running
//! search. The
//! per-record map is behind a read-write lock held only to look up or replace one entry.
//! Writes of one record are serialised by the caller (the record store's lock), so a record's
//! templates are never written by two threads at once.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, RwLock, RwLockReadGuard, RwLockWriteGuard};

use crate::matching::face::{self, FaceGallery, FaceStorage};
use crate::matching::fingerprint::{self, FingerprintTemplate, Gallery, Probe, ProbeFinger, Score};
use crate::matching::fusion::fuse;
use crate::matching::shortlist::DetectionIndex;
use crate::model::{FingerPosition, Modality, RecordRef, SourceSystem, TemplateInfo, Timestamp};

use super::super::config::BiometricThresholds;
use super::prepare::{Prepared, PreparedFace, PreparedFinger};

/// One stored finger: the gallery template only. The probe form (about 200 KB, an index over
/// every edge) is built from it when the record itself is searched with (detection).
#[derive(Debug, Clone)]
struct StoredFinger {
    position: FingerPosition,
    quality: u8,
    template: Arc<FingerprintTemplate>,
}

/// The templates of one record.
#[derive(Debug, Clone)]
struct StoredTemplates {
    fingers: Vec<StoredFinger>,
    face: Option<PreparedFace>,
    infos: Box<[StoredInfo]>,
}

/// What the store keeps of one template's metadata. A [`TemplateInfo`] repeats the record (the
/// map's key) and owns its algorithm's name; kept as such for every template of a million
/// records, they cost more than the record's identity data.
#[derive(Debug, Clone, PartialEq)]
struct StoredInfo {
    modality: Modality,
    finger: Option<FingerPosition>,
    quality: u8,
    /// Shared by every template the algorithm made ([`TemplateStore::algorithm_name`]).
    algorithm: Arc<str>,
    created_at: Timestamp,
}

impl StoredInfo {
    fn info(&self, record: &RecordRef) -> TemplateInfo {
        TemplateInfo {
            record: record.clone(),
            partition: record.system,
            modality: self.modality,
            finger: self.finger,
            quality: self.quality,
            algorithm: self.algorithm.to_string(),
            created_at: self.created_at,
        }
    }
}

fn infos_of(stored: &StoredTemplates, record: &RecordRef) -> Vec<TemplateInfo> {
    stored.infos.iter().map(|i| i.info(record)).collect()
}

/// A stored record's templates in their probe form, built once per detection.
#[derive(Debug)]
pub(crate) struct RecordProbe {
    fingers: Vec<PreparedFinger>,
    face: Option<PreparedFace>,
}

/// A record found by a biometric comparison.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Match {
    pub record: RecordRef,
    pub score: f64,
    pub modality: Modality,
}

impl Match {
    /// Whether the score reaches the declared threshold of its modality (BMS-P1).
    pub fn reaches(&self, thresholds: &BiometricThresholds) -> bool {
        self.score >= threshold_of(self.modality, thresholds)
    }
}

/// The threshold a modality's scores are decided at.
pub(crate) fn threshold_of(modality: Modality, thresholds: &BiometricThresholds) -> f64 {
    match modality {
        Modality::Face => thresholds.face,
        Modality::Fingerprint | Modality::PalmPrint => thresholds.fingerprint,
    }
}

/// What an update did to a record's templates.
#[derive(Debug, Clone, Default)]
pub(crate) struct TemplateChange {
    /// Templates of samples the update dropped or changed.
    pub erased: Vec<TemplateInfo>,
    /// Templates of new or changed samples.
    pub created: Vec<TemplateInfo>,
}

/// Every record's templates.
#[derive(Debug)]
pub(crate) struct TemplateStore {
    gallery: Gallery<RecordRef, SourceSystem>,
    faces: FaceGallery<RecordRef, SourceSystem>,
    records: RwLock<BTreeMap<RecordRef, Arc<StoredTemplates>>>,
    /// The detection shortlist's indexes; written with the record store's lock held, so its
    /// own lock is never contended by writers.
    shortlist: Mutex<DetectionIndex<RecordRef>>,
    /// The names of the algorithms that made the stored templates, one copy each.
    algorithms: Mutex<Vec<Arc<str>>>,
}

/// How the face gallery scans: the i8 scan re-ranked in f32 reads a quarter of the f32 bytes
/// and returns exactly the f32 scan's candidates (`jha-interop bench face`: the fastest
/// storage type with 100 % top-10 agreement).
const FACE_STORAGE: FaceStorage = FaceStorage::I8Reranked;

impl Default for TemplateStore {
    fn default() -> Self {
        TemplateStore {
            gallery: Gallery::default(),
            faces: FaceGallery::with_storage(FACE_STORAGE),
            records: RwLock::new(BTreeMap::new()),
            shortlist: Mutex::new(DetectionIndex::default()),
            algorithms: Mutex::new(Vec::new()),
        }
    }
}

fn probe_fingers(fingers: &[PreparedFinger]) -> Vec<ProbeFinger> {
    fingers.iter().map(|f| ProbeFinger { position: f.position, probe: (*f.probe).clone() }).collect()
}

/// The 1:1 score of probe data against one record's templates: fingers of the same positions
/// fused (as the gallery fuses them), face of the same algorithm; the better modality wins.
fn score_one(
    fingers: &[PreparedFinger],
    face: Option<&PreparedFace>,
    stored: &StoredTemplates,
) -> Option<(f64, Modality)> {
    let finger_scores: Vec<Score> = fingers
        .iter()
        .filter_map(|p| {
            let g = stored.fingers.iter().find(|g| g.position == p.position)?;
            Some(fingerprint::compare(&p.probe, &g.template).score)
        })
        .collect();
    let finger =
        (!finger_scores.is_empty()).then(|| (f64::from(fuse(&finger_scores).value()), Modality::Fingerprint));
    // Templates of another algorithm are not comparable (BMS-09): that modality is absent.
    let face = match (face, &stored.face) {
        (Some(p), Some(g)) => face::compare(&p.template, &g.template, &p.calibration)
            .ok()
            .map(|c| (f64::from(c.score.value()), Modality::Face)),
        _ => None,
    };
    match (finger, face) {
        (Some(f), Some(g)) => Some(if f.0 >= g.0 { f } else { g }),
        (f, g) => f.or(g),
    }
}

impl TemplateStore {
    fn entries(&self) -> RwLockReadGuard<'_, BTreeMap<RecordRef, Arc<StoredTemplates>>> {
        self.records.read().unwrap_or_else(|p| p.into_inner())
    }

    fn entries_mut(&self) -> RwLockWriteGuard<'_, BTreeMap<RecordRef, Arc<StoredTemplates>>> {
        self.records.write().unwrap_or_else(|p| p.into_inner())
    }

    /// The templates of one record, shared: read without holding the map's lock.
    fn entry(&self, record: &RecordRef) -> Option<Arc<StoredTemplates>> {
        self.entries().get(record).cloned()
    }

    fn shortlist(&self) -> std::sync::MutexGuard<'_, DetectionIndex<RecordRef>> {
        self.shortlist.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The shared copy of an algorithm's name.
    fn algorithm_name(&self, name: &str) -> Arc<str> {
        let mut names = self.algorithms.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(known) = names.iter().find(|known| &***known == name) {
            return known.clone();
        }
        let shared: Arc<str> = Arc::from(name);
        names.push(shared.clone());
        shared
    }

    /// Erases every template.
    pub fn clear(&self) {
        let records: Vec<RecordRef> = self.entries().keys().cloned().collect();
        for record in &records {
            self.remove(record);
        }
    }

    /// Stores the templates of `record` (call [`TemplateStore::remove`] first to replace).
    pub fn enrol(
        &self,
        record: &RecordRef,
        prepared: Prepared,
        algorithm: &str,
        now: Timestamp,
    ) -> Vec<TemplateInfo> {
        let info = |modality, finger, quality, algorithm: &str| StoredInfo {
            modality,
            finger,
            quality,
            algorithm: self.algorithm_name(algorithm),
            created_at: now,
        };
        let mut infos: Vec<StoredInfo> = prepared
            .fingers
            .iter()
            .map(|f| info(Modality::Fingerprint, Some(f.position), f.quality, algorithm))
            .collect();
        if let Some(face) = &prepared.face {
            infos.push(info(Modality::Face, None, face.quality, face.template.algorithm().as_str()));
        }
        for f in &prepared.fingers {
            self.gallery.enrol(record.system, record.clone(), f.position, f.template.clone());
        }
        if let Some(face) = &prepared.face {
            self.faces.set_calibration(face.template.algorithm().clone(), face.calibration);
            // The dimension was checked against the algorithm's declared one when prepared,
            // so the gallery cannot refuse it.
            let _ = self.faces.enrol(record.system, record.clone(), &face.template);
        }
        let created = infos.iter().map(|i| i.info(record)).collect();
        if !infos.is_empty() {
            let fingers = prepared
                .fingers
                .into_iter()
                .map(|f| StoredFinger { position: f.position, quality: f.quality, template: f.template })
                .collect();
            let stored = StoredTemplates { fingers, face: prepared.face, infos: infos.into_boxed_slice() };
            if let Some(face) = &stored.face {
                let algorithm = face.template.algorithm().as_str();
                self.shortlist().insert(record.clone(), algorithm, face.template.vector());
            }
            self.entries_mut().insert(record.clone(), Arc::new(stored));
        }
        created
    }

    /// Replaces the templates of `record` with those of `prepared`, keeping the templates of
    /// samples that did not change (same finger and same template, or the same face template)
    /// with their creation time (BMS-06).
    pub fn update(
        &self,
        record: &RecordRef,
        prepared: Prepared,
        algorithm: &str,
        now: Timestamp,
    ) -> TemplateChange {
        let old = self.entry(record);
        self.remove(record);
        let fresh = self.enrol(record, prepared, algorithm, now);
        let Some(old) = old else { return TemplateChange { erased: Vec::new(), created: fresh } };
        let mut entries = self.entries_mut();
        let Some(new) = entries.get_mut(record).map(Arc::make_mut) else {
            return TemplateChange { erased: infos_of(&old, record), created: Vec::new() };
        };
        let unchanged = |info: &StoredInfo| match info.modality {
            Modality::Face => {
                matches!((&old.face, &new.face), (Some(a), Some(b)) if a.template == b.template)
            }
            Modality::Fingerprint | Modality::PalmPrint => {
                let at = |fingers: &[StoredFinger]| {
                    fingers.iter().find(|f| Some(f.position) == info.finger).map(|f| f.template.clone())
                };
                matches!((at(&old.fingers), at(&new.fingers)), (Some(a), Some(b)) if a == b)
            }
        };
        let erased = old.infos.iter().filter(|i| !unchanged(i)).map(|i| i.info(record)).collect();
        let created = new.infos.iter().filter(|i| !unchanged(i)).map(|i| i.info(record)).collect();
        let infos = new
            .infos
            .iter()
            .map(|i| {
                let kept = old.infos.iter().find(|o| o.modality == i.modality && o.finger == i.finger);
                match kept {
                    Some(o) if unchanged(i) => o.clone(),
                    _ => i.clone(),
                }
            })
            .collect();
        new.infos = infos;
        TemplateChange { erased, created }
    }

    /// Erases the templates of `record`, returning what was erased (BMS-06).
    pub fn remove(&self, record: &RecordRef) -> Vec<TemplateInfo> {
        self.gallery.remove(record);
        self.faces.remove(record);
        let Some(stored) = self.entries_mut().remove(record) else { return Vec::new() };
        self.shortlist().remove(record);
        infos_of(&stored, record)
    }

    /// What is stored about a record's templates.
    pub fn infos(&self, record: &RecordRef) -> Vec<TemplateInfo> {
        self.entry(record).map(|s| infos_of(&s, record)).unwrap_or_default()
    }

    /// The modalities of a record's templates.
    pub fn modalities(&self, record: &RecordRef) -> Vec<Modality> {
        let Some(stored) = self.entry(record) else { return Vec::new() };
        let mut out: Vec<Modality> = stored.infos.iter().map(|i| i.modality).collect();
        out.dedup();
        out
    }

    /// 1:N over `systems`: fingerprints through the gallery, faces by exact scan; the best
    /// modality per record, ranked by score (ties by record).
    fn search(
        &self,
        fingers: &[PreparedFinger],
        face: Option<&PreparedFace>,
        systems: &[SourceSystem],
        top_k: usize,
    ) -> Vec<Match> {
        let mut best: BTreeMap<RecordRef, Match> = BTreeMap::new();
        if !fingers.is_empty() {
            for c in self.gallery.identify(&probe_fingers(fingers), systems, top_k) {
                let m = Match {
                    record: c.record.clone(),
                    score: f64::from(c.score.value()),
                    modality: Modality::Fingerprint,
                };
                best.insert(c.record, m);
            }
        }
        if let Some(face) = face {
            // A dimension mismatch cannot occur: prepared faces have their algorithm's dimension.
            for c in self.faces.identify(&face.template, systems, top_k).unwrap_or_default() {
                let score = f64::from(c.comparison.score.value());
                if best.get(&c.record).is_none_or(|m| m.score < score) {
                    best.insert(
                        c.record.clone(),
                        Match { record: c.record, score, modality: Modality::Face },
                    );
                }
            }
        }
        let mut out: Vec<Match> = best.into_values().collect();
        out.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.record.cmp(&b.record)));
        out.truncate(top_k);
        out
    }

    /// The `top_k` best candidates in `systems`, ranked by score (BMS-04).
    pub fn candidates(&self, probe: &Prepared, systems: &[SourceSystem], top_k: usize) -> Vec<Match> {
        self.search(&probe.fingers, probe.face.as_ref(), systems, top_k)
    }

    /// The records in `systems` whose score reaches the threshold ("same biometric data").
    pub fn identify(
        &self,
        probe: &Prepared,
        systems: &[SourceSystem],
        top_k: usize,
        thresholds: &BiometricThresholds,
    ) -> Vec<Match> {
        let mut found = self.search(&probe.fingers, probe.face.as_ref(), systems, top_k);
        found.retain(|m| m.reaches(thresholds));
        found
    }

    /// A stored record's templates as a probe, for its detection; `None` without templates.
    pub fn record_probe(&self, record: &RecordRef) -> Option<RecordProbe> {
        let stored = self.entry(record)?;
        let fingers = stored
            .fingers
            .iter()
            .map(|f| PreparedFinger {
                position: f.position,
                quality: f.quality,
                template: f.template.clone(),
                probe: Arc::new(Probe::of_template(&f.template)),
            })
            .collect();
        Some(RecordProbe { fingers, face: stored.face.clone() })
    }

    /// The records of `systems` with the same biometric data as stored `record` (detection):
    /// an exhaustive search while fewer than `exhaustive_below` records hold a face or when the
    /// record has none, else a full comparison with the records whose face codes are nearest
    /// (the detection shortlist).
    pub fn search_record(
        &self,
        record: &RecordRef,
        probe: &RecordProbe,
        systems: &[SourceSystem],
        thresholds: &BiometricThresholds,
        exhaustive_below: usize,
    ) -> Vec<Match> {
        const DETECTION_CANDIDATES: usize = 100;
        // A record without a face is searched exhaustively: the shortlist holds face codes only
        // (see `matching::shortlist`).
        let shortlist_face = probe.face.as_ref().filter(|_| self.shortlist().len() >= exhaustive_below);
        let mut found = if let Some(face) = shortlist_face {
            // Two samples of one face differ in about 65 of 256 code bits, unrelated faces in
            // 128 ± 8: the sixteen nearest codes of a million hold a person's other samples.
            const SHORTLISTED: usize = 16;
            let template = &face.template;
            let shortlisted =
                self.shortlist().candidates(template.algorithm().as_str(), template.vector(), SHORTLISTED);
            let mut found: Vec<Match> = shortlisted
                .into_iter()
                .filter(|r| systems.contains(&r.system))
                .filter_map(|other| {
                    let stored = self.entry(&other)?;
                    let (score, modality) = score_one(&probe.fingers, probe.face.as_ref(), &stored)?;
                    Some(Match { record: other, score, modality })
                })
                .collect();
            found.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.record.cmp(&b.record)));
            found
        } else {
            self.search(&probe.fingers, probe.face.as_ref(), systems, DETECTION_CANDIDATES)
        };
        found.retain(|m| &m.record != record && m.reaches(thresholds));
        found
    }

    /// Whether a stored record (as `probe`) and stored record `other` hold the same biometric
    /// data: `None` when they share no comparable modality (the biometric basis is then ABSENT).
    pub fn compare_records(
        &self,
        probe: &RecordProbe,
        other: &RecordRef,
        thresholds: &BiometricThresholds,
    ) -> Option<bool> {
        let other = self.entry(other)?;
        let (score, modality) = score_one(&probe.fingers, probe.face.as_ref(), &other)?;
        Some(score >= threshold_of(modality, thresholds))
    }

    /// The score of a probe against one record (BMS-05).
    pub fn verify(&self, probe: &Prepared, record: &RecordRef) -> Option<Match> {
        let stored = self.entry(record)?;
        let (score, modality) = score_one(&probe.fingers, probe.face.as_ref(), &stored)?;
        Some(Match { record: record.clone(), score, modality })
    }
}
