//! A person's requests about MID data and their deadlines (Art 48, MID-19), on the reference's
//! clock: reply within 45 days (60 when extended); the responsible Member State contacted within
//! 7 days; its check within 30 days of the contact (45 when extended).

use crate::api::{Error, Result};
use crate::model::{
    Authority, AuthorityKind, Component, DAY_MS, Organisation, OverdueRequest, PersonRequest, Principal,
    RequestAnswer, RequestDeadline, RequestFiling, RequestId, RequestProgress, Timestamp,
};

use super::super::handle::Handle;

/// Days to reply to the person (Art 48(2)).
pub const REPLY_DAYS: i64 = 45;
/// Days to contact the responsible Member State (Art 48(3)).
pub const CONTACT_DAYS: i64 = 7;
/// Days for the responsible Member State's check (Art 48(3)).
pub const CHECK_DAYS: i64 = 30;
/// Days either the reply or the check may be extended by.
pub const EXTENSION_DAYS: i64 = 15;

/// The deadlines `request` has missed at `now`. Deadlines count whole days: a deadline of N
/// days is met all through day N and missed from day N + 1, so a reply given on day 45 is on
/// time and one still missing on day 46 is late (the hours of the day do not count).
pub fn missed_deadlines(request: &PersonRequest, now: Timestamp) -> Vec<RequestDeadline> {
    let late = |due: Timestamp| now.since(due) >= DAY_MS;
    let mut missed = Vec::new();
    if request.answer.is_none() && late(request.reply_due) {
        missed.push(RequestDeadline::Reply);
    }
    if let Some(due) = request.contact_due
        && request.contacted_at.is_none()
        && late(due)
    {
        missed.push(RequestDeadline::Contact);
    }
    if let Some(due) = request.check_due
        && request.checked_at.is_none()
        && late(due)
    {
        missed.push(RequestDeadline::Check);
    }
    missed
}

/// Whether `me` is the receiving Member State of `request`.
fn receives(me: &Principal, request: &PersonRequest) -> bool {
    me.authority.organisation == request.received_by.organisation
}

/// Whether `me` is the Member State that checks the data: the responsible one, or the
/// receiving one when no other is responsible.
fn checks(me: &Principal, request: &PersonRequest) -> bool {
    match request.responsible_state {
        Some(state) => me.authority.organisation == state,
        None => receives(me, request),
    }
}

/// Whether `me` may file and handle a person's requests: an authority of a Member State (the
/// data controllers of Art 40), not a statistics user or a source system's service.
fn handles_requests(me: &Principal) -> bool {
    matches!(me.authority.organisation, Organisation::MemberState(_))
        && !matches!(
            me.authority.kind,
            AuthorityKind::StatisticsUser
                | AuthorityKind::SourceSystemService
                | AuthorityKind::EuLisaOperator
        )
}

/// Applies one step to a request, or says why it cannot be taken.
fn apply(
    me: &Principal,
    request: &mut PersonRequest,
    progress: RequestProgress,
    now: Timestamp,
) -> Result<()> {
    let conflict =
        |message: &str| Error::conflict(message.to_string()).with_rule(crate::requirement!("MID-19"));
    let forbidden =
        |message: &str| Error::forbidden(message.to_string()).with_rule(crate::requirement!("MID-19"));
    let reason_needed = |field: &str, reason: &str| {
        if reason.trim().is_empty() {
            Err(Error::invalid_field(crate::requirement!("MID-19"), field, "a reason must be given"))
        } else {
            Ok(())
        }
    };
    if request.answer.is_some() {
        return Err(conflict("the request is already answered"));
    }
    match progress {
        RequestProgress::ResponsibleContacted => {
            if !receives(me, request) {
                return Err(forbidden("only the receiving Member State contacts the responsible one"));
            }
            if request.responsible_state.is_none() {
                return Err(conflict("the request names no other responsible Member State"));
            }
            if request.contacted_at.is_some() {
                return Err(conflict("the responsible Member State was already contacted"));
            }
            request.contacted_at = Some(now);
            request.check_due = Some(now.plus(CHECK_DAYS * DAY_MS));
        }
        RequestProgress::Checked => {
            if !checks(me, request) {
                return Err(forbidden("only the responsible Member State checks the data"));
            }
            if request.responsible_state.is_some() && request.contacted_at.is_none() {
                return Err(conflict("the responsible Member State has not been contacted yet"));
            }
            if request.checked_at.is_some() {
                return Err(conflict("the data were already checked"));
            }
            request.checked_at = Some(now);
        }
        RequestProgress::ReplyExtended { reason } => {
            reason_needed("reason", &reason)?;
            if !receives(me, request) {
                return Err(forbidden("only the receiving Member State extends the reply"));
            }
            if request.reply_extended {
                return Err(conflict("the reply was already extended by 15 days"));
            }
            request.reply_extended = true;
            request.reply_due = request.reply_due.plus(EXTENSION_DAYS * DAY_MS);
        }
        RequestProgress::CheckExtended { reason } => {
            reason_needed("reason", &reason)?;
            if !checks(me, request) {
                return Err(forbidden("only the responsible Member State extends its check"));
            }
            let Some(due) = request.check_due else {
                return Err(conflict("no check is running: the responsible Member State was not contacted"));
            };
            if request.check_extended {
                return Err(conflict("the check was already extended by 15 days"));
            }
            request.check_extended = true;
            request.check_due = Some(due.plus(EXTENSION_DAYS * DAY_MS));
        }
        RequestProgress::Answered | RequestProgress::Refused { .. } => {
            if !receives(me, request) {
                return Err(forbidden("only the receiving Member State answers the person"));
            }
            request.answer = Some(match progress {
                RequestProgress::Refused { reasons } => {
                    reason_needed("reasons", &reasons)?;
                    RequestAnswer::Refused { at: now, reasons }
                }
                _ => RequestAnswer::Granted { at: now },
            });
            // Art 48: the person's identifying data of the request are kept only until it is
            // answered.
            request.identifying_data = None;
        }
    }
    Ok(())
}

/// A request just filed at `now` with the authority that received it: the 45-day reply is due,
/// and the 7-day contact when another Member State is responsible (MID-19).
fn filed_request(
    id: RequestId,
    filing: RequestFiling,
    received_by: Authority,
    responsible_state: Option<Organisation>,
    now: Timestamp,
) -> PersonRequest {
    PersonRequest {
        id,
        kind: filing.kind,
        concerning: filing.concerning,
        received_by,
        responsible_state,
        received_at: now,
        identifying_data: Some(filing.identifying_data),
        reply_due: now.plus(REPLY_DAYS * DAY_MS),
        contact_due: responsible_state.map(|_| now.plus(CONTACT_DAYS * DAY_MS)),
        contacted_at: None,
        check_due: None,
        checked_at: None,
        reply_extended: false,
        check_extended: false,
        answer: None,
    }
}

impl Handle {
    fn request_handler(&self, operation: &str) -> Result<Principal> {
        let me = self.principal()?.clone();
        if handles_requests(&me) {
            Ok(me)
        } else {
            let reason = format!("{} does not handle a person's requests", me.authority);
            Err(self.deny(Component::Mid, operation, reason, crate::requirement!("MID-19")))
        }
    }

    /// Files a request received from a person (MID-19).
    pub(crate) fn file_person_request(&self, filing: RequestFiling) -> Result<PersonRequest> {
        let now = self.core.now();
        let mut state = self.core.records();
        let me = self.request_handler("file_request")?;
        let responsible_state = filing.responsible_state.filter(|s| *s != me.authority.organisation);
        let number = state.next_number();
        let id = RequestId::new(format!("REQ-{number:010}")).expect("generated request ids are valid");
        let request = filed_request(id.clone(), filing, me.authority, responsible_state, now);
        state.person_requests.insert(id, request.clone());
        Ok(request)
    }

    /// Records a step in handling a request (MID-19).
    pub(crate) fn record_person_request_progress(
        &self,
        id: &RequestId,
        progress: RequestProgress,
    ) -> Result<PersonRequest> {
        let now = self.core.now();
        let mut state = self.core.records();
        let me = self.request_handler("record_request_progress")?;
        let Some(request) = state.person_requests.get_mut(id) else {
            return Err(Error::not_found(format!("no request {id}")));
        };
        if !receives(&me, request) && !checks(&me, request) {
            return Err(Error::not_found(format!("no request {id}")));
        }
        apply(&me, request, progress, now)?;
        Ok(request.clone())
    }

    /// The record of requests the caller's Member State received or is responsible for.
    pub(crate) fn person_requests(&self) -> Result<Vec<PersonRequest>> {
        let state = self.core.records();
        let me = self.request_handler("requests")?;
        Ok(state.person_requests.values().filter(|r| receives(&me, r) || checks(&me, r)).cloned().collect())
    }

    /// The caller's Member State's requests past a deadline (MID-19).
    pub(crate) fn overdue_person_requests(&self) -> Result<Vec<OverdueRequest>> {
        let now = self.core.now();
        let state = self.core.records();
        let me = self.request_handler("overdue_requests")?;
        Ok(state
            .person_requests
            .values()
            .filter(|r| receives(&me, r) || checks(&me, r))
            .filter_map(|r| {
                let missed = missed_deadlines(r, now);
                (!missed.is_empty()).then(|| OverdueRequest { request: r.clone(), missed })
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Authority, IdentityData, RequestKind};

    fn request(received: Timestamp, responsible: Option<&str>) -> PersonRequest {
        let responsible = responsible.map(|s| Organisation::member_state(s).unwrap());
        let filing = RequestFiling {
            kind: RequestKind::Access,
            concerning: None,
            responsible_state: responsible,
            identifying_data: IdentityData::default(),
        };
        let received_by = Authority {
            organisation: Organisation::member_state("DEU").unwrap(),
            kind: AuthorityKind::BorderAuthority,
        };
        filed_request(RequestId::new("REQ-1").unwrap(), filing, received_by, responsible, received)
    }

    /// MID-19: both sides of the 45-day reply and the 7-day contact.
    #[test]
    fn mid_19_deadlines_are_missed_only_once_passed() {
        let t0 = Timestamp::from_unix_millis(1_700_000_000_000);
        let r = request(t0, Some("FRA"));
        assert!(missed_deadlines(&r, t0.plus(7 * DAY_MS)).is_empty());
        // Day 7 lasts until day 8 begins.
        assert!(missed_deadlines(&r, t0.plus(8 * DAY_MS - 1)).is_empty());
        assert_eq!(missed_deadlines(&r, t0.plus(8 * DAY_MS)), vec![RequestDeadline::Contact]);
        assert_eq!(
            missed_deadlines(&r, t0.plus(46 * DAY_MS)),
            vec![RequestDeadline::Reply, RequestDeadline::Contact]
        );
        let local = request(t0, None);
        assert!(missed_deadlines(&local, t0.plus(45 * DAY_MS)).is_empty());
        assert!(missed_deadlines(&local, t0.plus(45 * DAY_MS + 5_000)).is_empty());
        assert_eq!(missed_deadlines(&local, t0.plus(46 * DAY_MS)), vec![RequestDeadline::Reply]);
    }
}
