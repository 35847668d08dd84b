//! The Multiple-Identity Detector service: links, confirmation files, verification,
//! rectification, notifications and notices (Arts 26, 29–35).

use std::collections::BTreeSet;

use async_trait::async_trait;

use crate::api::{Error, IdentityDetector, Result, Violation};
use crate::model::{
    Authority, Component, DataType, HOUR_MS, IcfLink, IdentityConfirmationFile, LinkColour, LinkEvent,
    LinkVerification, LinkView, LogEvent, NoticeStatement, NoticeWithholding, Notification, NotificationKind,
    PersonNotice, Principal, RecordRef, Rectification, Sin, SisAlert, SourceSystem, Timestamp,
    VerificationOutcome, WithheldNotice, WithholdingGround,
};
use crate::model::{OverdueRequest, PersonRequest, RequestFiling, RequestId, RequestProgress};

use super::super::handle::Handle;
use super::super::rules::mid::verification_overdue;
use super::super::shared::Core;
use super::super::state::{Link, State};
use super::authority::data_authority;
use super::colour::{VerifiedLink, verified_colour};
use super::visibility::{can_see, sees_group_for_verification};
use super::{close_colour_period, erase_link, view};

/// The SIS alert of a link that makes the issuing SIRENE Bureau the only authority that may
/// change it (Art 29(2), Art 32(7)(a)): the alert and the issuing state.
fn overriding_alert(state: &State, link: &Link) -> Option<(SisAlert, Authority)> {
    link.records.iter().filter(|r| r.system == SourceSystem::Sis).find_map(|r| {
        let record = state.records.get(r)?;
        let alert = record.data.sis_alert?;
        alert.category.overrides_verifying_authority().then_some((
            alert,
            Authority { organisation: record.data.owner, kind: crate::model::AuthorityKind::SireneBureau },
        ))
    })
}

/// Whether one end of the link is an SIS alert, whose rules may ground withholding the
/// notice to the person (Art 32(5), MID-14).
fn involves_sis_alert(state: &State, link: &Link) -> bool {
    link.records.iter().any(|r| {
        r.system == SourceSystem::Sis && state.records.get(r).is_some_and(|x| x.data.sis_alert.is_some())
    })
}

/// The authorities responsible for the data of both ends of a link (Art 32(6)).
fn data_authorities(state: &State, link: &Link) -> Vec<Authority> {
    let mut out: Vec<Authority> = link
        .records
        .iter()
        .filter_map(|r| state.records.get(r).map(|rec| data_authority(r.system, rec.data.owner)))
        .collect();
    out.sort();
    out.dedup();
    out
}

fn notify(
    state: &mut State,
    link: &Link,
    recipients: Vec<Authority>,
    kind: NotificationKind,
    now: Timestamp,
) {
    for recipient in recipients {
        state.notifications.push(Notification {
            at: now,
            kind,
            sin: link.sin.clone(),
            recipient,
            systems: link.systems(),
        });
    }
}

/// Applies a verification or correction decision to a link: colour, notifications to the data
/// authorities for red (Art 32(6)), notice to the person for red and for white after manual
/// verification unless restricted (Arts 32(4), 33(4)), merged or split CIR files (Art 19(2)).
#[allow(clippy::too_many_arguments)]
fn apply_decision(
    state: &mut State,
    core: &Core,
    link: &Link,
    decision: VerifiedLink,
    outcome: VerificationOutcome,
    restriction: Option<(&NoticeWithholding, Authority)>,
    change_of: fn(LinkColour, LinkColour, VerificationOutcome) -> LinkEvent,
    requester: Option<crate::model::Requester>,
    now: Timestamp,
) -> Option<Link> {
    let colour = match decision {
        VerifiedLink::Erase => {
            let erased = erase_link(
                state,
                core,
                &link.sin,
                now,
                "biometric false match verified (POLICY MID-P2)",
                requester,
            )?;
            let recipients = data_authorities(state, &erased);
            notify(state, &erased, recipients, NotificationKind::FalseMatchErased, now);
            return None;
        }
        VerifiedLink::Colour(c) => c,
    };
    close_colour_period(core, link, now);
    let mut updated = link.clone();
    updated.colour = colour;
    updated.verification = Some(outcome);
    updated.updated_at = now;
    updated.colour_since = now;
    state.links.insert(link.sin.clone(), updated.clone());
    core.logs().append(
        Component::Mid,
        now,
        requester,
        LogEvent::MidLink {
            sin: link.sin.clone(),
            records: link.records.to_vec(),
            change: change_of(link.colour, colour, outcome),
            purpose: "manual verification (Art 29)".into(),
            data_types: vec![DataType::IdentityData, DataType::RecordReference],
        },
    );
    if colour == LinkColour::Red {
        let recipients = data_authorities(state, &updated);
        notify(state, &updated, recipients, NotificationKind::RedLinkCreated, now);
    }
    match NoticeStatement::for_colour(colour) {
        Some(statement) => {
            // MID-14: a withheld notice is still composed and kept with its recorded ground,
            // so that the withholding can be reviewed; the person receives nothing.
            let withheld = restriction.map(|(withholding, by)| WithheldNotice {
                withholding: withholding.clone(),
                by,
                at: now,
            });
            state.notices.insert(
                link.sin.clone(),
                PersonNotice {
                    sin: link.sin.clone(),
                    colour,
                    statement,
                    text: statement.wording().to_string(),
                    verifying_authority_reference: updated.responsible.to_string(),
                    web_portal: core.config.web_portal.clone(),
                    issued_at: now,
                    withheld,
                },
            );
        }
        None => {
            state.notices.remove(&link.sin);
        }
    }
    Some(updated)
}

impl Handle {
    fn link_or_not_found(&self, state: &State, sin: &Sin) -> Result<Link> {
        state.links.get(sin).cloned().ok_or_else(|| Error::not_found(format!("no link {sin}")))
    }

    /// A link the caller may see, or `NotFound` (an invisible link is not acknowledged), the
    /// attempt logged as refused.
    fn visible_link(&self, state: &mut State, me: &Principal, sin: &Sin, operation: &str) -> Result<Link> {
        let link = self.link_or_not_found(state, sin)?;
        if can_see(me, link.colour, [&link.records[0], &link.records[1]], &link.responsible, false) {
            Ok(link)
        } else {
            Err(self.hidden_link(sin, operation))
        }
    }

    /// Refuses `operation` on link `sin`, which the caller may not see (MID-12): the answer is
    /// "not found", as for a link that does not exist, so nothing of it is acknowledged; the
    /// refused attempt is logged all the same (SEC-01), where only the log's readers see it.
    fn hidden_link(&self, sin: &Sin, operation: &str) -> Error {
        let reason = format!("link {sin} is not visible to the caller (MID-12)");
        self.log_refused(Component::Mid, operation, reason);
        Error::not_found(format!("no link {sin}"))
    }
}

#[async_trait]
impl IdentityDetector for Handle {
    async fn links(&self, record: &RecordRef) -> Result<Vec<LinkView>> {
        let me = self.principal()?.clone();
        let now = self.core.now();
        let state = self.core.records();
        if !me.may_access(record.system) {
            return Err(self.deny(
                Component::Mid,
                "links",
                format!("no access to {}", record.system),
                crate::requirement!("MID-12"),
            ));
        }
        let visible: Vec<Link> = state
            .links_of(record)
            .into_iter()
            .filter(|l| can_see(&me, l.colour, [&l.records[0], &l.records[1]], &l.responsible, false))
            .cloned()
            .collect();
        for link in &visible {
            self.core.logs().append(
                Component::Mid,
                now,
                self.requester(),
                LogEvent::MidLink {
                    sin: link.sin.clone(),
                    records: link.records.to_vec(),
                    change: LinkEvent::DataAccessed,
                    purpose: "link lookup".into(),
                    data_types: vec![DataType::RecordReference],
                },
            );
        }
        Ok(visible.iter().map(|l| view(l, &me)).collect())
    }

    async fn confirmation_file(&self, sin: &Sin) -> Result<IdentityConfirmationFile> {
        let me = self.principal()?.clone();
        let state = self.core.records();
        self.link_or_not_found(&state, sin)?;
        // The file is the group of links connected through shared records (MID-04).
        let mut records: BTreeSet<RecordRef> = BTreeSet::new();
        let mut sins: BTreeSet<Sin> = BTreeSet::from([sin.clone()]);
        let mut queue = vec![sin.clone()];
        while let Some(s) = queue.pop() {
            if let Some(link) = state.links.get(&s) {
                for r in &link.records {
                    if records.insert(r.clone()) {
                        for l in state.links_of(r) {
                            if sins.insert(l.sin.clone()) {
                                queue.push(l.sin.clone());
                            }
                        }
                    }
                }
            }
        }
        let group: Vec<&Link> = sins.iter().filter_map(|s| state.links.get(s)).collect();
        // MID-10: the authority verifying a yellow link of the group reads every link of it.
        let verifying = sees_group_for_verification(&me, group.iter().map(|l| (l.colour, &l.responsible)));
        let sees = |l: &Link| {
            verifying || can_see(&me, l.colour, [&l.records[0], &l.records[1]], &l.responsible, false)
        };
        if !group.iter().any(|l| l.sin == *sin && sees(l)) {
            return Err(self.hidden_link(sin, "confirmation_file"));
        }
        let links: Vec<IcfLink> = group
            .into_iter()
            .filter(|l| sees(l))
            .map(|l| IcfLink {
                sin: l.sin.clone(),
                colour: l.colour,
                systems: l.systems(),
                responsible_authority: l.responsible,
                created_at: l.created_at,
                updated_at: l.updated_at,
            })
            .collect();
        let mut systems: Vec<SourceSystem> = links.iter().flat_map(|l| l.systems.iter().copied()).collect();
        systems.sort();
        systems.dedup();
        Ok(IdentityConfirmationFile { links, systems })
    }

    async fn verify_link(&self, sin: &Sin, verification: LinkVerification) -> Result<Option<LinkView>> {
        let me = self.principal()?.clone();
        let now = self.core.now();
        let config = &self.core.config;
        let mut state = self.core.records();
        let link = self.link_or_not_found(&state, sin)?;
        if me.authority != link.responsible {
            let reason = format!("only {} verifies link {sin}", link.responsible);
            return Err(self.deny(Component::Mid, "verify_link", reason, crate::requirement!("MID-10")));
        }
        if link.colour != LinkColour::Yellow {
            return Err(Error::conflict(
                format!("link {sin} is {:?}; only yellow links are verified", link.colour).to_lowercase(),
            )
            .with_rule(crate::requirement!("MID-10")));
        }
        let decision = verified_colour(link.basis, verification.outcome, &config.mid).map_err(|e| {
            Error::invalid(vec![Violation::new(crate::requirement!("MID-07"), "outcome", e.to_string())])
                .with_rule(crate::requirement!("MID-07"))
        })?;
        if let Some(withholding) = &verification.notice_restriction
            && withholding.ground == WithholdingGround::SisAlertRules
            && !involves_sis_alert(&state, &link)
        {
            return Err(Error::invalid_field(
                crate::requirement!("MID-14"),
                "notice_restriction.ground",
                "the rules of an SIS alert cannot be the ground: the link involves no SIS alert",
            ));
        }
        let updated = apply_decision(
            &mut state,
            &self.core,
            &link,
            decision,
            verification.outcome,
            verification.notice_restriction.as_ref().map(|w| (w, me.authority)),
            |from, to, outcome| LinkEvent::Verified { from, to, outcome },
            self.requester(),
            now,
        );
        Ok(updated.map(|l| view(&l, &me)))
    }

    async fn rectify_link(&self, sin: &Sin, rectification: Rectification) -> Result<Option<LinkView>> {
        let me = self.principal()?.clone();
        let now = self.core.now();
        let config = &self.core.config;
        let mut state = self.core.records();
        let link = self.visible_link(&mut state, &me, sin, "rectify_link")?;
        if link.colour == LinkColour::Yellow {
            return Err(Error::conflict(format!("link {sin} is yellow: it is verified, not rectified"))
                .with_rule(crate::requirement!("MID-15")));
        }
        let may_verify = self.held_profiles()?.iter().any(|p| p.mid_manual_verification);
        let entitled = match (link.colour, overriding_alert(&state, &link)) {
            (LinkColour::Red, Some((_, sirene))) => me.authority == sirene,
            (LinkColour::Red, None) => may_verify && link.records.iter().any(|r| me.may_access(r.system)),
            _ => may_verify && link.records.iter().all(|r| me.may_access(r.system)),
        };
        if !entitled {
            let reason = match overriding_alert(&state, &link) {
                Some((_, sirene)) if link.colour == LinkColour::Red => {
                    format!("only {sirene}, which issued the SIS alert, may change red link {sin}")
                }
                _ => format!("not entitled to rectify link {sin}"),
            };
            return Err(self.deny(Component::Mid, "rectify_link", reason, crate::requirement!("MID-15")));
        }
        let informed = link.responsible;
        match rectification {
            Rectification::Erase { reason } => {
                if reason.trim().is_empty() {
                    return Err(Error::invalid_field(
                        crate::requirement!("MID-15"),
                        "reason",
                        "a rectification needs a reason",
                    ));
                }
                let erased = erase_link(
                    &mut state,
                    &self.core,
                    sin,
                    now,
                    &format!("rectified: {reason}"),
                    self.requester(),
                );
                if let Some(erased) = erased {
                    notify(&mut state, &erased, vec![informed], NotificationKind::LinkErased, now);
                }
                Ok(None)
            }
            Rectification::Correct { outcome, reason } => {
                if reason.trim().is_empty() {
                    return Err(Error::invalid_field(
                        crate::requirement!("MID-15"),
                        "reason",
                        "a rectification needs a reason",
                    ));
                }
                let decision = verified_colour(link.basis, outcome, &config.mid).map_err(|e| {
                    Error::invalid(vec![Violation::new(
                        crate::requirement!("MID-07"),
                        "outcome",
                        e.to_string(),
                    )])
                    .with_rule(crate::requirement!("MID-07"))
                })?;
                let updated = apply_decision(
                    &mut state,
                    &self.core,
                    &link,
                    decision,
                    outcome,
                    None,
                    |from, to, _| LinkEvent::Rectified { from, to },
                    self.requester(),
                    now,
                );
                let kind = if updated.is_some() {
                    NotificationKind::LinkRectified
                } else {
                    NotificationKind::LinkErased
                };
                notify(&mut state, &link, vec![informed], kind, now);
                Ok(updated.map(|l| view(&l, &me)))
            }
        }
    }

    async fn notifications(&self) -> Result<Vec<Notification>> {
        let me = self.principal()?.clone();
        let state = self.core.records();
        Ok(state.notifications.iter().filter(|n| n.recipient == me.authority).cloned().collect())
    }

    async fn person_notice(&self, sin: &Sin) -> Result<Option<PersonNotice>> {
        let me = self.principal()?.clone();
        let state = self.core.records();
        let link = self.link_or_not_found(&state, sin)?;
        if me.authority != link.responsible {
            let reason = format!("only {} issues the notice of link {sin}", link.responsible);
            return Err(self.deny(Component::Mid, "person_notice", reason, crate::requirement!("MID-14")));
        }
        Ok(state.notices.get(sin).cloned())
    }

    async fn overdue_links(&self) -> Result<Vec<LinkView>> {
        let me = self.principal()?.clone();
        let now = self.core.now();
        let deadline = i64::from(self.core.config.mid.border_verification_deadline_hours) * HOUR_MS;
        let state = self.core.records();
        Ok(state
            .links
            .values()
            .filter(|l| l.responsible == me.authority)
            .filter(|l| verification_overdue(l.colour, l.from_border_check, l.created_at, now, deadline))
            .map(|l| view(l, &me))
            .collect())
    }

    async fn file_request(&self, filing: RequestFiling) -> Result<PersonRequest> {
        self.file_person_request(filing)
    }

    async fn record_request_progress(
        &self,
        id: &RequestId,
        progress: RequestProgress,
    ) -> Result<PersonRequest> {
        self.record_person_request_progress(id, progress)
    }

    async fn requests(&self) -> Result<Vec<PersonRequest>> {
        self.person_requests()
    }

    async fn overdue_requests(&self) -> Result<Vec<OverdueRequest>> {
        self.overdue_person_requests()
    }
}
