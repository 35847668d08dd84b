//! The Common Identity Repository service: identification (Art 20), hit flags (Art 22),
//! individual files and the data behind links (Art 21).

use std::collections::BTreeSet;

use async_trait::async_trait;

use crate::api::{Error, IdentityRepository, Result};
use crate::model::{
    Art20Circumstance, CirPurpose, Component, DataSet, DataType, FileId, HitFlagReply, HitFlagRequest,
    HitFollowUp, IdentificationReply, IdentificationRequest, IdentifiedPerson, IndividualFileView,
    LinkColour, LinkEvent, LinkedData, LogEvent, QueryId, RecordRef, Sin, SourceSystem, StoredRecord,
    UnattributedData,
};

use super::alphanumeric::AlphanumericQuery;
use super::handle::Handle;
use super::rules;
use super::state::{HitQuery, State};
use super::templates;

/// Systems an Art 22 query covers: EES, VIS, ETIAS (817) and Eurodac (818).
const ART22_SYSTEMS: [SourceSystem; 4] =
    [SourceSystem::Ees, SourceSystem::Vis, SourceSystem::Etias, SourceSystem::Eurodac];

fn data_set(record: &StoredRecord) -> DataSet {
    DataSet {
        record: record.reference.clone(),
        identity: record.data.identity.clone(),
        travel_documents: record.data.travel_documents.clone(),
        biometric_modalities: record.data.biometrics.modalities(),
    }
}

fn circumstance_name(c: Art20Circumstance) -> &'static str {
    match c {
        Art20Circumstance::NoTravelDocument => "Art 20(1)(a) no travel document",
        Art20Circumstance::DoubtOnIdentityData => "Art 20(1)(b) doubt on identity data",
        Art20Circumstance::DoubtOnDocumentAuthenticity => "Art 20(1)(c) doubt on document authenticity",
        Art20Circumstance::DoubtOnHolder => "Art 20(1)(d) doubt on the holder",
        Art20Circumstance::UnableOrRefusingToCooperate => "Art 20(1)(e) unable or refusing to cooperate",
        Art20Circumstance::DisasterPersonUnableToIdentify => {
            "Art 20(4) person unable to identify themselves after a disaster, accident or terrorist attack"
        }
        Art20Circumstance::DisasterUnidentifiedRemains => {
            "Art 20(4) unidentified human remains after a disaster, accident or terrorist attack"
        }
    }
}

impl Handle {
    /// The caller if it holds a profile with `purpose`, else a refusal logged under `rule`.
    fn with_purpose(
        &self,
        purpose: CirPurpose,
        operation: &str,
        rule: crate::api::RequirementId,
    ) -> Result<crate::model::Principal> {
        let me = self.principal()?.clone();
        if self.held_profiles()?.iter().any(|p| p.cir_purposes.contains(&purpose)) {
            return Ok(me);
        }
        Err(self.deny(
            Component::Cir,
            operation,
            format!("no profile allows the CIR purpose {purpose:?}"),
            rule,
        ))
    }

    /// Refuses an Art 20 query unless the caller's Member State has the national legislation
    /// and the caller's own authority holds the designation the query needs: Art 20(1)–(3)
    /// identification (CIR-07) or Art 20(4) disaster identification (CIR-05). A designation
    /// belongs to one authority, so another authority of the same State is judged on its own.
    fn check_designation(&self, me: &crate::model::Principal, request: &IdentificationRequest) -> Result<()> {
        rules::cir::art20_designation(me, request.circumstance, &self.core.config.art20_member_states)
            .map_err(|refusal| self.deny(Component::Cir, "identify (Art 20)", refusal.reason, refusal.rule))
    }

    fn check_identification(&self, request: &IdentificationRequest) -> Result<()> {
        let violations = rules::cir::art20_request_violations(request);
        match violations.first() {
            None => Ok(()),
            Some(first) => {
                let rule = first.rule.clone();
                Err(Error::invalid(violations).with_rule(rule))
            }
        }
    }
}

/// The individual files of `records`, each as its data sets, without naming systems (CIR-09).
fn persons(state: &State, records: &BTreeSet<RecordRef>) -> Vec<IdentifiedPerson> {
    let mut seen_files: BTreeSet<FileId> = BTreeSet::new();
    let mut out = Vec::new();
    for r in records {
        let Some(file) = state.file_id(r) else { continue };
        if !seen_files.insert(file) {
            continue;
        }
        let data_sets = state
            .file_members(r)
            .iter()
            .filter_map(|m| state.records.get(m))
            .map(|rec| UnattributedData {
                identity: rec.data.identity.clone(),
                travel_documents: rec.data.travel_documents.clone(),
                biometrics: rec.data.biometrics.clone(),
            })
            .collect();
        out.push(IdentifiedPerson { data_sets });
    }
    out
}

impl Handle {
    fn identify_persons(&self, request: IdentificationRequest) -> Result<IdentificationReply> {
        self.check_component(Component::Cir)?;
        let me = self.with_purpose(
            CirPurpose::Identification,
            "identify (Art 20)",
            crate::requirement!("CIR-07"),
        )?;
        let config = &self.core.config;
        self.check_designation(&me, &request)?;
        self.check_identification(&request)?;
        let probe = match &request.biometrics {
            Some(bio) if bio.has_matchable_data() => Some(templates::prepare_probe(bio, config)?),
            _ => None,
        };
        let now = self.core.now();
        let cir_systems: Vec<SourceSystem> =
            SourceSystem::ALL.into_iter().filter(|s| s.is_cir_system()).collect();
        let mut data_types = Vec::new();
        // The 1:N search holds no lock of the record store (the sBMS's store is its own).
        let mut found: BTreeSet<RecordRef> = match &probe {
            Some(probe) => {
                data_types.extend(probe.modalities().into_iter().map(DataType::from));
                self.core.identification(|| {
                    self.core
                        .templates
                        .identify(probe, &cir_systems, 20, &config.thresholds)
                        .into_iter()
                        .map(|c| c.record)
                        .collect()
                })
            }
            None => BTreeSet::new(),
        };
        let state = self.core.records();
        // Art 20(3): the fall-back runs when there are no usable biometric data, or when the
        // query with them found no one (CIR-08).
        let fallback = request.fallback.as_ref().filter(|_| found.is_empty());
        if let Some(fallback) = fallback {
            data_types.push(DataType::IdentityData);
            if fallback.travel_document.is_some() {
                data_types.push(DataType::TravelDocumentData);
            }
            let query = AlphanumericQuery::new(Some(&fallback.identity), fallback.travel_document.as_ref());
            found.extend(
                state
                    .records
                    .values()
                    .filter(|r| r.reference.system.is_cir_system())
                    .filter(|r| query.matches(&state, r, config))
                    .map(|r| r.reference.clone()),
            );
        }
        let persons = persons(&state, &found);
        let mut purpose = request.circumstance.map(circumstance_name).unwrap_or_default().to_string();
        if let Some(f) = fallback {
            purpose.push_str(&format!("; fall-back {:?}", f.reason).to_lowercase());
        }
        let biometric_data = match &probe {
            Some(_) => request.biometrics.as_ref().map(super::logs::biometric_query_data).unwrap_or_default(),
            None => Vec::new(),
        };
        self.core.logs().append_query(
            Component::Cir,
            now,
            self.requester(),
            LogEvent::CirIdentification { purpose, data_types, persons_found: persons.len() as u32 },
            biometric_data,
        );
        *self.core.statistics().cir_queries_per_purpose.entry(CirPurpose::Identification).or_default() += 1;
        *self.core.statistics().searches.entry((Component::Cir, probe.is_some())).or_default() += 1;
        Ok(IdentificationReply { persons })
    }

    fn flag_hits(&self, request: HitFlagRequest) -> Result<HitFlagReply> {
        self.check_component(Component::Cir)?;
        let me = self.with_purpose(
            CirPurpose::LawEnforcementHitFlag,
            "hit flags (Art 22)",
            crate::requirement!("CIR-10"),
        )?;
        let config = &self.core.config;
        let has_identity = request.identity.as_ref().is_some_and(|q| !q.is_empty());
        let has_document = request.travel_document.as_ref().is_some_and(|d| !d.fields().is_empty());
        let has_biometrics = request.biometrics.as_ref().is_some_and(|b| b.has_matchable_data());
        let violations = rules::cir::art22_request_violations(&request);
        if !violations.is_empty() {
            return Err(Error::invalid(violations));
        }
        let probe = match &request.biometrics {
            Some(bio) if has_biometrics => Some(templates::prepare_probe(bio, config)?),
            _ => None,
        };
        let now = self.core.now();
        // The 1:N search holds no lock of the record store (the sBMS's store is its own).
        let biometric_systems: BTreeSet<SourceSystem> = match &probe {
            Some(probe) => self.core.identification(|| {
                self.core
                    .templates
                    .identify(probe, &ART22_SYSTEMS, 20, &config.thresholds)
                    .into_iter()
                    .map(|c| c.record.system)
                    .collect()
            }),
            None => BTreeSet::new(),
        };
        let mut state = self.core.records();
        let outstanding = state
            .hit_queries
            .iter()
            .find(|(_, q)| q.principal == me.id.as_str() && !q.followed_up && !q.systems.is_empty());
        if let Some((id, _)) = outstanding {
            return Err(Error::conflict(format!(
                "the hits of query {id} have neither a full-access request nor a justification yet"
            ))
            .with_rule(crate::requirement!("CIR-11")));
        }
        let mut systems = biometric_systems;
        let query = AlphanumericQuery::new(request.identity.as_ref(), request.travel_document.as_ref());
        systems.extend(
            state
                .records
                .values()
                .filter(|r| ART22_SYSTEMS.contains(&r.reference.system))
                .filter(|r| query.matches(&state, r, config))
                .map(|r| r.reference.system),
        );
        let systems: Vec<SourceSystem> = systems.into_iter().collect();
        let query_id =
            QueryId::new(format!("Q-{:08}", state.next_number())).expect("generated ids are valid");
        let mut data_types = Vec::new();
        if has_identity {
            data_types.push(DataType::IdentityData);
        }
        if has_document {
            data_types.push(DataType::TravelDocumentData);
        }
        if let Some(p) = &probe {
            data_types.extend(p.modalities().into_iter().map(DataType::from));
        }
        let biometric_data = match &probe {
            Some(_) => request.biometrics.as_ref().map(super::logs::biometric_query_data).unwrap_or_default(),
            None => Vec::new(),
        };
        self.core.logs().append_query(
            Component::Cir,
            now,
            self.requester(),
            LogEvent::CirHitFlag {
                query_id: query_id.clone(),
                data_types,
                systems_with_hits: systems.clone(),
                national_file_reference: request.national_file_reference.clone(),
                purpose: request.purpose.clone(),
                run_by: me.user_id.clone(),
                ordered_by: request.ordered_by.clone(),
            },
            biometric_data,
        );
        state.hit_queries.insert(
            query_id.clone(),
            HitQuery {
                principal: me.id.as_str().to_string(),
                national_file_reference: request.national_file_reference,
                systems: systems.clone(),
                followed_up: false,
            },
        );
        *self
            .core
            .statistics()
            .cir_queries_per_purpose
            .entry(CirPurpose::LawEnforcementHitFlag)
            .or_default() += 1;
        *self.core.statistics().searches.entry((Component::Cir, probe.is_some())).or_default() += 1;
        Ok(HitFlagReply { query_id, systems })
    }
}

#[async_trait]
impl IdentityRepository for Handle {
    async fn identify(&self, request: IdentificationRequest) -> Result<IdentificationReply> {
        self.off_runtime(move |handle| handle.identify_persons(request)).await?
    }

    async fn hit_flags(&self, request: HitFlagRequest) -> Result<HitFlagReply> {
        self.off_runtime(move |handle| handle.flag_hits(request)).await?
    }

    async fn follow_up(&self, query: &QueryId, follow_up: HitFollowUp) -> Result<()> {
        let me = self.with_purpose(
            CirPurpose::LawEnforcementHitFlag,
            "follow up (Art 22)",
            crate::requirement!("CIR-11"),
        )?;
        let now = self.core.now();
        let mut state = self.core.records();
        let hit = state
            .hit_queries
            .get(query)
            .filter(|q| q.principal == me.id.as_str())
            .cloned()
            .ok_or_else(|| Error::not_found(format!("no Art 22 query {query} of yours")))?;
        if hit.systems.is_empty() {
            return Err(Error::conflict(format!("query {query} had no hit to follow up"))
                .with_rule(crate::requirement!("CIR-11")));
        }
        match &follow_up {
            HitFollowUp::FullAccessRequest { system } if !hit.systems.contains(system) => {
                return Err(Error::invalid_field(
                    crate::requirement!("CIR-11"),
                    "system",
                    format!("{system} generated no hit for query {query}"),
                ));
            }
            HitFollowUp::Justification { text } if text.trim().is_empty() => {
                return Err(Error::invalid_field(
                    crate::requirement!("CIR-11"),
                    "text",
                    "the justification must not be empty",
                ));
            }
            _ => {}
        }
        if let Some(q) = state.hit_queries.get_mut(query) {
            q.followed_up = true;
        }
        self.core.logs().append(
            Component::Cir,
            now,
            self.requester(),
            LogEvent::CirHitFollowUp {
                query_id: query.clone(),
                follow_up,
                national_file_reference: hit.national_file_reference,
            },
        );
        Ok(())
    }

    async fn file_of(&self, record: &RecordRef) -> Result<IndividualFileView> {
        let me = self.principal()?.clone();
        let state = self.core.records();
        if !me.may_access(record.system) {
            return Err(self.deny(
                Component::Cir,
                "file_of",
                format!("no access to {}", record.system),
                crate::requirement!("CIR-14"),
            ));
        }
        let file =
            state.file_id(record).ok_or_else(|| Error::not_found(format!("no CIR data for {record}")))?;
        let data_sets = state
            .file_members(record)
            .iter()
            .filter(|m| me.may_access(m.system))
            .filter_map(|m| state.records.get(m))
            .map(data_set)
            .collect();
        Ok(IndividualFileView { file, data_sets })
    }

    async fn linked_data(&self, sin: &Sin) -> Result<LinkedData> {
        let me = self.principal()?.clone();
        let now = self.core.now();
        let state = self.core.records();
        let link = state.links.get(sin).cloned().ok_or_else(|| Error::not_found(format!("no link {sin}")))?;
        let allowed = match link.colour {
            LinkColour::Yellow => me.authority == link.responsible,
            LinkColour::Red => me.access.iter().any(|s| s.is_cir_system() || *s == SourceSystem::Sis),
            LinkColour::White | LinkColour::Green => false,
        };
        if !allowed {
            let reason = format!(
                "the data of {:?} link {sin} are not open to this authority under Art 21",
                link.colour
            )
            .to_lowercase();
            return Err(self.deny(Component::Cir, "linked_data", reason, crate::requirement!("CIR-14")));
        }
        // CIR-14: only the CIR data connected by this link; the data of an SIS alert are not
        // CIR data (Art 18(1)), so they are read in SIS, not here.
        let data_sets: Vec<DataSet> = link
            .records
            .iter()
            .filter(|r| r.system.is_cir_system())
            .filter_map(|r| state.records.get(r))
            .map(data_set)
            .collect();
        let purpose = if link.colour == LinkColour::Yellow {
            "manual verification (Art 21(1))"
        } else {
            "combating identity fraud (Art 21(2))"
        };
        self.core.logs().append(
            Component::Cir,
            now,
            self.requester(),
            LogEvent::CirAccess {
                purpose: CirPurpose::MultipleIdentityDetection,
                sin: sin.clone(),
                records: link.records.to_vec(),
            },
        );
        self.core.logs().append(
            Component::Mid,
            now,
            self.requester(),
            LogEvent::MidLink {
                sin: sin.clone(),
                records: link.records.to_vec(),
                change: LinkEvent::DataAccessed,
                purpose: purpose.into(),
                data_types: vec![DataType::IdentityData, DataType::TravelDocumentData],
            },
        );
        *self
            .core
            .statistics()
            .cir_queries_per_purpose
            .entry(CirPurpose::MultipleIdentityDetection)
            .or_default() += 1;
        Ok(LinkedData { sin: sin.clone(), data_sets })
    }
}
