//! The Central Repository for Reporting and Statistics: aggregates only (CRRS-01..03) and the
//! data-quality indicators (DQ-03).

use std::collections::BTreeMap;

use async_trait::async_trait;

use crate::api::{Result, Statistics};
use crate::model::{
    CirPurpose, Component, Dimension, HOUR_MS, LinkColour, LogEvent, ReportKind, SourceSystem, StatRow,
    StatisticsReport, StoredRecord, Timestamp,
};

use super::counters::Counters;
use super::handle::Handle;
use super::state::State;

fn row(dimensions: &[(Dimension, String)], count: u64, value: Option<f64>) -> StatRow {
    StatRow { dimensions: dimensions.iter().cloned().collect(), count, value }
}

fn lower<T: std::fmt::Debug>(v: T) -> String {
    format!("{v:?}").to_lowercase()
}

/// Counts of `key(record)` per system, as rows with dimensions (system, `dimension`).
fn breakdown(
    state: &State,
    dimension: Dimension,
    key: impl Fn(&StoredRecord) -> Vec<String>,
) -> Vec<StatRow> {
    let mut counts: BTreeMap<(SourceSystem, String), u64> = BTreeMap::new();
    for r in state.records.values() {
        for k in key(r) {
            *counts.entry((r.reference.system, k)).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .map(|((system, k), n)| row(&[(Dimension::System, system.code().into()), (dimension, k)], n, None))
        .collect()
}

/// The five indicators of IR 2021/2225 Art 3(6) per system, as ratios in [0, 1].
fn data_quality(state: &State, now: Timestamp) -> Vec<StatRow> {
    let mut per_system: BTreeMap<SourceSystem, Vec<&StoredRecord>> = BTreeMap::new();
    for r in state.records.values() {
        per_system.entry(r.reference.system).or_default().push(r);
    }
    let today = now.date();
    let mut rows = Vec::new();
    for (system, records) in per_system {
        let n = records.len() as f64;
        let ratio = |pass: usize| pass as f64 / n;
        let completeness = records
            .iter()
            .map(|r| {
                let id = &r.data.identity;
                let present = [
                    id.surname.is_some(),
                    id.first_names.is_some(),
                    id.date_of_birth.is_some_and(|d| d.is_complete()),
                    id.sex.is_some(),
                    !id.nationalities.is_empty(),
                    !r.data.travel_documents.is_empty(),
                ];
                present.iter().filter(|p| **p).count() as f64 / present.len() as f64
            })
            .sum::<f64>()
            / n;
        let accuracy = ratio(records.iter().filter(|r| r.quality_flags.is_empty()).count());
        let timeliness = ratio(
            records
                .iter()
                .filter(|r| r.data.travel_documents.iter().all(|d| d.expiry.is_none_or(|e| e >= today)))
                .count(),
        );
        let uniqueness = ratio(
            records
                .iter()
                .filter(|r| {
                    !state
                        .links_of(&r.reference)
                        .iter()
                        .any(|l| matches!(l.colour, LinkColour::Yellow | LinkColour::Red))
                })
                .count(),
        );
        let consistency = ratio(
            records
                .iter()
                .filter(|r| {
                    state
                        .links_of(&r.reference)
                        .iter()
                        .filter(|l| l.colour == LinkColour::White)
                        .all(|l| l.comparison.verdict == crate::model::IdentityVerdict::Same)
                })
                .count(),
        );
        for (indicator, value) in [
            ("completeness", completeness),
            ("accuracy", accuracy),
            ("timeliness", timeliness),
            ("uniqueness", uniqueness),
            ("consistency", consistency),
        ] {
            rows.push(row(
                &[(Dimension::System, system.code().into()), (Dimension::Indicator, indicator.into())],
                records.len() as u64,
                Some(value),
            ));
        }
    }
    rows
}

fn report_rows(state: &State, c: &Counters, kind: ReportKind, now: Timestamp) -> Vec<StatRow> {
    match kind {
        ReportKind::EspQueriesPerProfile => c
            .esp_queries_per_profile
            .iter()
            .map(|(p, n)| row(&[(Dimension::Profile, p.to_string())], *n, None))
            .collect(),
        ReportKind::InterpolQueries => c
            .interpol_queries
            .iter()
            .map(|(s, n)| row(&[(Dimension::InterpolDatabase, s.code().into())], *n, None))
            .collect(),
        ReportKind::CirQueriesPerPurpose => {
            let article = |p: &CirPurpose| match p {
                CirPurpose::Identification => "art-20",
                CirPurpose::MultipleIdentityDetection => "art-21",
                CirPurpose::LawEnforcementHitFlag => "art-22",
            };
            c.cir_queries_per_purpose
                .iter()
                .map(|(p, n)| row(&[(Dimension::Purpose, article(p).into())], *n, None))
                .collect()
        }
        ReportKind::SearchesByBiometrics => {
            let mut by: BTreeMap<bool, u64> = BTreeMap::new();
            for ((_, with), n) in &c.searches {
                *by.entry(*with).or_default() += n;
            }
            by.into_iter()
                .map(|(with, n)| row(&[(Dimension::WithBiometrics, with.to_string())], n, None))
                .collect()
        }
        ReportKind::LinksPerColour => {
            let mut counts: BTreeMap<(LinkColour, String), u64> = BTreeMap::new();
            for l in state.links.values() {
                let mut pair = [l.records[0].system.code(), l.records[1].system.code()];
                pair.sort();
                *counts.entry((l.colour, pair.join("+"))).or_default() += 1;
            }
            counts
                .into_iter()
                .map(|((colour, pair), n)| {
                    row(&[(Dimension::Colour, lower(colour)), (Dimension::SystemPair, pair)], n, None)
                })
                .collect()
        }
        ReportKind::LinkColourDurations => [LinkColour::Yellow, LinkColour::Red]
            .into_iter()
            .map(|colour| {
                let mut spans: Vec<i64> = c.colour_durations.get(&colour).cloned().unwrap_or_default();
                spans.extend(
                    state.links.values().filter(|l| l.colour == colour).map(|l| now.since(l.colour_since)),
                );
                let mean = (!spans.is_empty())
                    .then(|| spans.iter().sum::<i64>() as f64 / spans.len() as f64 / HOUR_MS as f64);
                row(&[(Dimension::Colour, lower(colour))], spans.len() as u64, mean)
            })
            .collect(),
        ReportKind::RecordsByAttributes => {
            let mut rows = breakdown(state, Dimension::Nationality, |r| {
                r.data.identity.nationalities.iter().map(|c| c.as_str().to_string()).collect()
            });
            rows.extend(breakdown(state, Dimension::Sex, |r| {
                r.data.identity.sex.map(|s| format!("{s:?}")).into_iter().collect()
            }));
            rows.extend(breakdown(state, Dimension::YearOfBirth, |r| {
                r.data.identity.date_of_birth.map(|d| d.year().to_string()).into_iter().collect()
            }));
            rows.extend(breakdown(state, Dimension::DocumentType, |r| {
                r.data
                    .travel_documents
                    .iter()
                    .map(|d| format!("{}/{}", lower(d.document_type), d.issuing_country))
                    .collect()
            }));
            rows.extend(breakdown(state, Dimension::WithBiometrics, |r| {
                vec![r.data.biometrics.has_matchable_data().to_string()]
            }));
            rows
        }
        ReportKind::DataQuality => data_quality(state, now),
    }
}

#[async_trait]
impl Statistics for Handle {
    async fn report(&self, kind: ReportKind) -> Result<StatisticsReport> {
        let may = self.held_profiles()?.iter().any(|p| p.statistics);
        let now = self.core.now();
        if !may {
            return Err(self.deny(
                Component::Crrs,
                "report",
                "only statistics users read the CRRS".into(),
                crate::requirement!("CRRS-03"),
            ));
        }
        let rows = {
            let state = self.core.records();
            report_rows(&state, &self.core.statistics(), kind, now)
        };
        self.core.logs().append(
            Component::Crrs,
            now,
            self.requester(),
            LogEvent::CrrsAccess { report: kind },
        );
        Ok(StatisticsReport { kind, generated_at: now, rows })
    }
}
