//! A person's requests about MID data and their deadlines (MID-19): filing, the steps of
//! handling them, the record of requests and the overdue report. The deadlines the steps check
//! are the ones the scenario states, on the clock test control moves.

use cucumber::{given, then, when};
use jha_interop::api::ErrorKind;
use jha_interop::model::*;

use super::{List, Presence, RequestState, Spelled, Verdict};
use crate::data::records::split_person_name;
use crate::failure::{Failure, StepResult};
use crate::role::Role;
use crate::world::ConformanceWorld;
use crate::{ensure, fail};

const KEPT_REQUEST: &str = "mid-request";

impl ConformanceWorld {
    /// The request the scenario filed.
    fn kept_request(&self) -> Result<RequestId, Failure> {
        let Some(id) = self.kept.get(KEPT_REQUEST) else { fail!("harness: the scenario files no request") };
        Ok(RequestId::new(id.clone())?)
    }

    /// The request as `actor`'s record of requests holds it, exactly once.
    async fn request_in_record_of(&mut self, actor: Role) -> Result<PersonRequest, Failure> {
        let id = self.kept_request()?;
        let session = self.session(&actor)?;
        let record = session.identity_detector.requests().await?;
        let matching: Vec<PersonRequest> = record.into_iter().filter(|r| r.id == id).collect();
        let [request] = matching.as_slice() else {
            fail!(
                "{actor}'s record of requests holds request {id} {} times; it must hold it once",
                matching.len()
            )
        };
        Ok(request.clone())
    }
}

/// The filing of a request of `kind` from `person` born `born`.
fn filing(
    kind: Spelled<RequestKind>,
    person: &str,
    born: PartialDate,
    responsible: Option<&str>,
) -> Result<RequestFiling, Failure> {
    let (first, surname) = split_person_name(person)?;
    let identifying_data = IdentityData {
        surname: Some(Name::new(surname)?),
        first_names: first.map(Name::new).transpose()?,
        date_of_birth: Some(born),
        ..IdentityData::default()
    };
    Ok(RequestFiling {
        kind: kind.0,
        concerning: None,
        responsible_state: responsible.map(Organisation::member_state).transpose()?,
        identifying_data,
    })
}

async fn file(
    world: &mut ConformanceWorld,
    actor: Role,
    kind: Spelled<RequestKind>,
    person: &str,
    born: PartialDate,
    responsible: Option<&str>,
) -> StepResult {
    let filing = filing(kind, person, born, responsible)?;
    let session = world.session(&actor)?;
    let request = session.identity_detector.file_request(filing).await?;
    ensure!(
        request.identifying_data.is_some(),
        "the request was filed without the person's identifying data; they are kept until it is answered"
    );
    world.kept.insert(KEPT_REQUEST.into(), request.id.as_str().to_string());
    Ok(())
}

#[given(
    regex = r"^(.+) files a request for (access|rectification|erasure|restriction) from (.+?) born (\S+)$"
)]
#[when(
    regex = r"^(.+) files a request for (access|rectification|erasure|restriction) from (.+?) born (\S+)$"
)]
async fn files_request(
    world: &mut ConformanceWorld,
    who: Role,
    kind: Spelled<RequestKind>,
    person: String,
    born: PartialDate,
) -> StepResult {
    file(world, who, kind, &person, born, None).await
}

#[given(
    regex = r"^(.+) files a request for (access|rectification|erasure|restriction) from (.+?) born (\S+), for which ([A-Z]{3}) is responsible$"
)]
async fn files_request_for_other(
    world: &mut ConformanceWorld,
    who: Role,
    kind: Spelled<RequestKind>,
    person: String,
    born: PartialDate,
    responsible: String,
) -> StepResult {
    file(world, who, kind, &person, born, Some(&responsible)).await
}

#[when(
    regex = r"^(.+) tries to file a request for (access|rectification|erasure|restriction) from (.+?) born (\S+)$"
)]
async fn tries_to_file(
    world: &mut ConformanceWorld,
    who: Role,
    kind: Spelled<RequestKind>,
    person: String,
    born: PartialDate,
) -> StepResult {
    let filing = filing(kind, &person, born, None)?;
    let session = world.session(&who)?;
    let result = session.identity_detector.file_request(filing).await;
    world.expect_refusal(result);
    Ok(())
}

/// Takes one step in handling the kept request, remembering a refusal.
async fn progress(world: &mut ConformanceWorld, actor: Role, step: RequestProgress) -> StepResult {
    let id = world.kept_request()?;
    let session = world.session(&actor)?;
    let result = session.identity_detector.record_request_progress(&id, step).await;
    world.expect_refusal(result);
    Ok(())
}

#[when(regex = r"^(.+) records that the responsible Member State was contacted$")]
async fn contacted(world: &mut ConformanceWorld, who: Role) -> StepResult {
    progress(world, who, RequestProgress::ResponsibleContacted).await
}

#[when(regex = r"^(.+) records that it checked the data$")]
async fn checked(world: &mut ConformanceWorld, who: Role) -> StepResult {
    progress(world, who, RequestProgress::Checked).await
}

#[when(regex = r"^(.+) extends the (reply|check) by 15 days$")]
async fn extends(world: &mut ConformanceWorld, who: Role, what: Spelled<RequestDeadline>) -> StepResult {
    let reason = "the number of requests received".to_string();
    let step = match what.0 {
        RequestDeadline::Reply => RequestProgress::ReplyExtended { reason },
        RequestDeadline::Check => RequestProgress::CheckExtended { reason },
        RequestDeadline::Contact => {
            fail!("the scenario is malformed: only the reply and the check are extended")
        }
    };
    progress(world, who, step).await
}

#[when(regex = r"^(.+) answers the request$")]
async fn answers(world: &mut ConformanceWorld, who: Role) -> StepResult {
    progress(world, who, RequestProgress::Answered).await
}

#[when(regex = r#"^(.+) refuses the request with the reasons "([^"]*)"$"#)]
async fn refuses(world: &mut ConformanceWorld, who: Role, reasons: String) -> StepResult {
    progress(world, who, RequestProgress::Refused { reasons }).await
}

#[when(regex = r"^(.+) refuses the request without reasons$")]
async fn refuses_without_reasons(world: &mut ConformanceWorld, who: Role) -> StepResult {
    progress(world, who, RequestProgress::Refused { reasons: String::new() }).await
}

#[then(regex = r"^the request step is (accepted|refused)$")]
async fn step_verdict(world: &mut ConformanceWorld, verdict: Spelled<Verdict>) -> StepResult {
    if verdict.0 == Verdict::Accepted {
        return world.accepted();
    }
    let e = world.refusal()?;
    ensure!(
        matches!(
            e.kind,
            ErrorKind::Forbidden | ErrorKind::Invalid | ErrorKind::Conflict | ErrorKind::NotFound
        ),
        "refused with {} instead of 'forbidden', 'invalid' or 'conflict'",
        e.kind
    );
    Ok(())
}

#[then(regex = r"^the request is not overdue for (.+)$")]
async fn not_overdue(world: &mut ConformanceWorld, actor: Role) -> StepResult {
    let id = world.kept_request()?;
    let session = world.session(&actor)?;
    let overdue = session.identity_detector.overdue_requests().await?;
    if let Some(o) = overdue.iter().find(|o| o.request.id == id) {
        fail!("request {id} is reported overdue to {actor} (missed {:?}) before its deadline", o.missed);
    }
    Ok(())
}

/// The request is reported overdue to `actor`, with exactly the deadlines the scenario lists.
#[then(regex = r"^the request is overdue for (.+?), having missed its (.+) deadlines?$")]
async fn overdue(
    world: &mut ConformanceWorld,
    actor: Role,
    list: List<Spelled<RequestDeadline>>,
) -> StepResult {
    let id = world.kept_request()?;
    let mut wanted: Vec<RequestDeadline> = list.0.iter().map(|d| d.0).collect();
    wanted.sort();
    let session = world.session(&actor)?;
    let overdue = session.identity_detector.overdue_requests().await?;
    let matching: Vec<&OverdueRequest> = overdue.iter().filter(|o| o.request.id == id).collect();
    let [this] = matching.as_slice() else {
        fail!(
            "request {id} is reported overdue to {actor} {} times; it must be reported once",
            matching.len()
        )
    };
    let mut missed = this.missed.clone();
    missed.sort();
    ensure!(missed == wanted, "request {id} is reported as having missed {missed:?}; it missed {wanted:?}");
    Ok(())
}

#[then(regex = r"^the record of requests of (.+) holds the request (open|answered)$")]
async fn record_holds(world: &mut ConformanceWorld, who: Role, state: Spelled<RequestState>) -> StepResult {
    let request = world.request_in_record_of(who).await?;
    match (state.0, &request.answer) {
        (RequestState::Open, None) | (RequestState::Answered, Some(RequestAnswer::Granted { .. })) => Ok(()),
        (wanted, got) => fail!("the request is recorded as {got:?}; the scenario makes it {wanted:?}"),
    }
}

#[then(regex = r#"^the record of requests of (.+) holds the request refused with the reasons "([^"]*)"$"#)]
async fn record_holds_refusal(world: &mut ConformanceWorld, who: Role, reasons: String) -> StepResult {
    let request = world.request_in_record_of(who).await?;
    let Some(RequestAnswer::Refused { reasons: given, .. }) = &request.answer else {
        fail!("the request is recorded as {:?}; it was refused", request.answer)
    };
    ensure!(*given == reasons, "the refusal gives the reasons {given:?}; the authority gave {reasons:?}");
    Ok(())
}

#[then(regex = r"^the person's identifying data of the request are (kept|erased) in the record of (.+)$")]
async fn identifying_data(world: &mut ConformanceWorld, verdict: Spelled<Presence>, who: Role) -> StepResult {
    let request = world.request_in_record_of(who).await?;
    if verdict.0 == Presence::Present {
        ensure!(
            request.identifying_data.is_some(),
            "the person's identifying data were erased before the answer"
        );
    } else {
        ensure!(
            request.identifying_data.is_none(),
            "the person's identifying data are still held after the answer: {:?}",
            request.identifying_data
        );
    }
    Ok(())
}
