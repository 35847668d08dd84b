//! One arm per contract call: the path parameters and the body as the call's arguments, the
//! call on the caller's handle, the answer as its [`Outcome`]. Calls of more than one
//! argument or of a bare value take the wire bodies (`OpenProcedureRequest`,
//! `SetTimeRequest`, …).

use std::sync::Arc;

use super::decode::json;
use super::params::Params;
use super::problem::Failure;
use super::reply::{self, Outcome};
use super::stream;
use crate::api::{Connector, Session, TestControl};
use crate::http::wire::{
    AdvanceTimeRequest, Call, InterpolNoRevealRequest, OpenProcedureRequest, SetTimeRequest,
};
use crate::model::{Capability, ComponentBehaviour, SourceBehaviour};

/// The arguments of a call beyond the caller: path parameters, body, negotiated format.
pub(super) struct Input<'a> {
    pub params: &'a Params,
    pub body: &'a [u8],
    pub ndjson: bool,
}

fn not_served(call: Call) -> Failure {
    Failure::internal(&format!("{call:?} is not served for this kind of caller"))
}

/// A call of a principal, on the handles of its session.
pub(super) async fn principal(session: &Session, call: Call, input: Input<'_>) -> Result<Outcome, Failure> {
    let Input { params, body, ndjson } = input;
    let s = session;
    match call {
        Call::PutRecord => {
            let record = params.record()?;
            reply::json(&s.source_systems.put_record(&record, json(body)?).await?)
        }
        Call::DeleteRecord => {
            s.source_systems.delete_record(&params.record()?).await?;
            Ok(Outcome::Empty)
        }
        Call::GetRecord => reply::json(&s.source_systems.get_record(&params.record()?).await?),
        Call::Search => stream::search(s.search_portal.clone(), json(body)?, ndjson).await,
        Call::BiometricIdentify => reply::json(&s.biometrics.identify(json(body)?).await?),
        Call::BiometricVerify => reply::json(&s.biometrics.verify(json(body)?).await?),
        Call::Templates => reply::json(&s.biometrics.templates(&params.record()?).await?),
        Call::CirIdentify => reply::json(&s.identity_repository.identify(json(body)?).await?),
        Call::HitFlags => reply::json(&s.identity_repository.hit_flags(json(body)?).await?),
        Call::FollowUp => {
            let query = params.query()?;
            s.identity_repository.follow_up(&query, json(body)?).await?;
            Ok(Outcome::Empty)
        }
        Call::FileOf => reply::json(&s.identity_repository.file_of(&params.record()?).await?),
        Call::LinkedData => reply::json(&s.identity_repository.linked_data(&params.sin()?).await?),
        Call::Links => reply::json(&s.identity_detector.links(&params.record()?).await?),
        Call::ConfirmationFile => reply::json(&s.identity_detector.confirmation_file(&params.sin()?).await?),
        Call::VerifyLink => {
            let sin = params.sin()?;
            reply::optional(s.identity_detector.verify_link(&sin, json(body)?).await?.as_ref())
        }
        Call::RectifyLink => {
            let sin = params.sin()?;
            reply::optional(s.identity_detector.rectify_link(&sin, json(body)?).await?.as_ref())
        }
        Call::Notifications => reply::json(&s.identity_detector.notifications().await?),
        Call::PersonNotice => {
            reply::optional(s.identity_detector.person_notice(&params.sin()?).await?.as_ref())
        }
        Call::OverdueLinks => reply::json(&s.identity_detector.overdue_links().await?),
        Call::FileRequest => reply::json(&s.identity_detector.file_request(json(body)?).await?),
        Call::RecordRequestProgress => {
            let id = params.request()?;
            reply::json(&s.identity_detector.record_request_progress(&id, json(body)?).await?)
        }
        Call::Requests => reply::json(&s.identity_detector.requests().await?),
        Call::OverdueRequests => reply::json(&s.identity_detector.overdue_requests().await?),
        Call::Report => reply::json(&s.statistics.report(params.report_kind()?).await?),
        Call::LogEntries => reply::json(&s.audit_log.entries(json(body)?).await?),
        Call::OpenProcedure => {
            let OpenProcedureRequest { description, covers } = json(body)?;
            reply::json(&s.audit_log.open_procedure(description, covers).await?)
        }
        Call::CloseProcedure => reply::json(&s.audit_log.close_procedure(params.procedure()?).await?),
        Call::Whoami => reply::json(&s.directory.whoami().await?),
        Call::Profiles => reply::json(&s.directory.profiles().await?),
        Call::ProfilesDueForReview => reply::json(&s.directory.profiles_due_for_review().await?),
        Call::FailureNotices => reply::json(&s.search_portal.failure_notices().await?),
        Call::Capabilities
        | Call::SetTime
        | Call::AdvanceTime
        | Call::Reset
        | Call::SetSourceBehaviour
        | Call::SetInterpolNoReveal
        | Call::SetComponentBehaviour => Err(not_served(call)),
    }
}

/// A call of the test-control routes (SEC-06).
pub(super) async fn test_control(
    control: &Arc<dyn TestControl>,
    call: Call,
    input: Input<'_>,
) -> Result<Outcome, Failure> {
    let Input { params, body, .. } = input;
    match call {
        Call::SetTime => {
            let SetTimeRequest { now } = json(body)?;
            control.set_time(now).await?;
        }
        Call::AdvanceTime => {
            let AdvanceTimeRequest { millis } = json(body)?;
            control.advance_time(millis).await?;
        }
        Call::Reset => control.reset().await?,
        Call::SetSourceBehaviour => {
            let system = params.system()?;
            let behaviour: SourceBehaviour = json(body)?;
            control.set_source_behaviour(system, behaviour).await?;
        }
        Call::SetInterpolNoReveal => {
            let InterpolNoRevealRequest { guaranteed } = json(body)?;
            control.set_interpol_no_reveal(guaranteed).await?;
        }
        Call::SetComponentBehaviour => {
            let component = params.component()?;
            let behaviour: ComponentBehaviour = json(body)?;
            control.set_component_behaviour(component, behaviour).await?;
        }
        _ => return Err(not_served(call)),
    }
    Ok(Outcome::Empty)
}

/// A call of the public route: the declaration of capabilities. Test control is declared only
/// when this server mounts its routes: what the implementation offers in process is not what a
/// client of this server can use.
pub(super) async fn public(
    connector: &Arc<dyn Connector>,
    call: Call,
    serves_test_control: bool,
) -> Result<Outcome, Failure> {
    match call {
        Call::Capabilities => {
            let mut declared = connector.capabilities().await?;
            if !serves_test_control {
                declared.capabilities.retain(|c| *c != Capability::TestControl);
            }
            reply::json(&declared)
        }
        _ => Err(not_served(call)),
    }
}
