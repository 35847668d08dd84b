//! eu-LISA operators get no personal data from any call (SEC-07, Arts 54(3), 55(2)): one step
//! makes any call of the contract, by its operation id, with real arguments (a stored record,
//! a link's SIN, an Art 22 query and a monitoring procedure that exist), and one step judges
//! the answer: refused, or answered, and in both cases without any personal data
//! the scenario wrote.

use cucumber::{then, when};
use jha_interop::api::{Error, ErrorKind, Session};
use jha_interop::http::wire::Call;
use jha_interop::model::*;
use serde::Serialize;

use super::{Operation, Spelled, Spelling, Verdict, role};
use crate::failure::{Failure, StepResult};
use crate::role::Role;
use crate::world::ConformanceWorld;
use crate::{ensure, fail};

/// The key under which the JSON of the last answer is kept.
const ANSWER: &str = "operator-call:answer";

/// The key under which the number of refused attempts of the last call is kept: one, or for
/// the calls made several ways (every report kind, every profile) the number refused as
/// forbidden or not found (a search refused as invalid for a field its profile does not allow
/// is a refusal of ESP-02, not of a right).
pub(crate) const REFUSED_ATTEMPTS: &str = "operator-call:refused-attempts";

/// The key under which the number of refusals logged for the caller before the call is kept,
/// so that the refusals the call itself made are the entries after them.
pub(crate) const DENIALS_BEFORE: &str = "operator-call:denials-before";

/// The key prefix under which the SIN of the link joining two records is kept once found, so
/// that finding it again (which asks many observers) adds nothing to the caller's log
/// entries once the call is under way.
const SIN_OF: &str = "operator-call:sin:";

/// Every report kind, so that the statistics call reads each.
const REPORT_KINDS: [ReportKind; 8] = [
    ReportKind::EspQueriesPerProfile,
    ReportKind::InterpolQueries,
    ReportKind::CirQueriesPerPurpose,
    ReportKind::SearchesByBiometrics,
    ReportKind::LinksPerColour,
    ReportKind::LinkColourDurations,
    ReportKind::RecordsByAttributes,
    ReportKind::DataQuality,
];

fn json<T: Serialize>(value: &T) -> Result<String, Failure> {
    serde_json::to_string(value).map_err(|e| Failure(format!("harness: cannot serialise an answer: {e}")))
}

/// Every personal data value the scenario wrote: names, dates of birth, places of birth and
/// aliases (every text of the identity data of five characters or more, so that codes such
/// as sex and nationality do not count), document numbers, and the biometric samples.
fn personal_data(world: &ConformanceWorld) -> Result<Vec<String>, Failure> {
    fn texts(value: &serde_json::Value, out: &mut Vec<String>) {
        match value {
            serde_json::Value::String(s) if s.chars().count() >= 5 => out.push(s.clone()),
            serde_json::Value::Array(items) => items.iter().for_each(|v| texts(v, out)),
            serde_json::Value::Object(map) => map.values().for_each(|v| texts(v, out)),
            _ => {}
        }
    }
    let mut values = Vec::new();
    for entry in world.records().values() {
        let identity =
            serde_json::to_value(&entry.write.identity).map_err(|e| Failure(format!("harness: {e}")))?;
        texts(&identity, &mut values);
        values.extend(entry.write.travel_documents.iter().map(|d| d.number.as_str().to_string()));
        let biometrics =
            serde_json::to_value(&entry.write.biometrics).map_err(|e| Failure(format!("harness: {e}")))?;
        let mut samples = Vec::new();
        texts(&biometrics, &mut samples);
        // A sample's encoding is long; its first 48 characters identify it.
        values.extend(samples.into_iter().filter(|s| s.len() >= 48).map(|s| s[..48].to_string()));
    }
    ensure!(!values.is_empty(), "harness: the scenario wrote no personal data to look for");
    Ok(values)
}

impl ConformanceWorld {
    /// The SIN of the link joining `a` and `b`, as any observer sees it, found once per scenario.
    async fn sin_joining(&mut self, a: &str, b: &str) -> Result<Sin, Failure> {
        let key = format!("{SIN_OF}{a}:{b}");
        if let Some(sin) = self.kept.get(&key) {
            return Ok(Sin::new(sin.clone())?);
        }
        let sin = self.the_link(a, b).await?.sin;
        self.kept.insert(key, sin.as_str().to_string());
        Ok(sin)
    }

    /// The entries that log a refused attempt of `caller`, in the order they were written.
    pub(crate) async fn denials_of(&mut self, caller: &Role) -> Result<Vec<LogEntry>, Failure> {
        let me = self.session(caller)?.directory.whoami().await?;
        Ok(self
            .all_logs()
            .await?
            .into_iter()
            .filter(|l| {
                matches!(l.event, LogEvent::AccessDenied { .. })
                    && l.requester
                        .as_ref()
                        .is_some_and(|r| r.authority == me.authority && r.user_id == me.user_id)
            })
            .collect())
    }

    /// Keeps the answer of a call: its JSON when it was answered, its error otherwise, and the
    /// number of attempts the implementation refused while making it.
    fn keep_answer(&mut self, answer: Result<String, Error>, refused_attempts: usize) {
        self.kept.insert(REFUSED_ATTEMPTS.into(), refused_attempts.to_string());
        match answer {
            Ok(text) => {
                self.kept.insert(ANSWER.into(), text);
                self.last_error = None;
            }
            Err(e) => {
                self.kept.remove(ANSWER);
                self.last_error = Some(e);
            }
        }
    }

    /// Makes `call` as `session`, about record `label` and the link joining it to `other`:
    /// the answer, and how many attempts the implementation refused on the way.
    async fn make_call(
        &mut self,
        session: &Session,
        call: Call,
        label: &str,
        other: &str,
    ) -> Result<(Result<String, Error>, usize), Failure> {
        let record = self.record(label)?.clone();
        let reference = record.reference.clone();
        let probe = self.samples.biometrics("F1", "")?;
        let answer = match call {
            Call::PutRecord => {
                let copy = self.new_reference(reference.system, &format!("{label}COPY"))?;
                session.source_systems.put_record(&copy, record.write.clone()).await.and_then(|o| ok(&o))
            }
            Call::DeleteRecord => session.source_systems.delete_record(&reference).await.and_then(|o| ok(&o)),
            Call::GetRecord => session.source_systems.get_record(&reference).await.and_then(|o| ok(&o)),
            Call::Search => return self.search_every_way(session, &record.write).await,
            Call::FailureNotices => session.search_portal.failure_notices().await.and_then(|o| ok(&o)),
            Call::BiometricIdentify => {
                let request = IdentifyRequest { biometrics: probe, systems: Vec::new(), max_candidates: 10 };
                session.biometrics.identify(request).await.and_then(|o| ok(&o))
            }
            Call::BiometricVerify => {
                let request = VerifyRequest { record: reference.clone(), biometrics: probe };
                session.biometrics.verify(request).await.and_then(|o| ok(&o))
            }
            Call::Templates => session.biometrics.templates(&reference).await.and_then(|o| ok(&o)),
            Call::CirIdentify => {
                // Built from JSON so that fields the contract adds with defaults need no change here.
                let request: IdentificationRequest = from_json(serde_json::json!({
                    "circumstance": "no_travel_document",
                    "biometrics": probe,
                    "biometrics_taken_live": true,
                    "identity_check_in_presence": true,
                }))?;
                session.identity_repository.identify(request).await.and_then(|o| ok(&o))
            }
            Call::HitFlags => {
                let request = hit_flag_request(&record.write)?;
                session.identity_repository.hit_flags(request).await.and_then(|o| ok(&o))
            }
            Call::FollowUp => {
                // An Art 22 query that exists, made by an authority entitled to make it.
                let designated = self.session(&role("the designated authority of DEU")?)?;
                let reply =
                    match designated.identity_repository.hit_flags(hit_flag_request(&record.write)?).await {
                        Ok(r) => r,
                        Err(e) => fail!(
                            "precondition: the designated authority's Art 22 query failed: {}",
                            Failure::from(e)
                        ),
                    };
                let follow_up = HitFollowUp::Justification { text: "no further access needed".into() };
                session.identity_repository.follow_up(&reply.query_id, follow_up).await.and_then(|o| ok(&o))
            }
            Call::FileOf => session.identity_repository.file_of(&reference).await.and_then(|o| ok(&o)),
            Call::LinkedData => {
                let sin = self.sin_joining(label, other).await?;
                session.identity_repository.linked_data(&sin).await.and_then(|o| ok(&o))
            }
            Call::Links => session.identity_detector.links(&reference).await.and_then(|o| ok(&o)),
            Call::ConfirmationFile => {
                let sin = self.sin_joining(label, other).await?;
                session.identity_detector.confirmation_file(&sin).await.and_then(|o| ok(&o))
            }
            Call::VerifyLink => {
                let sin = self.sin_joining(label, other).await?;
                let verification = LinkVerification {
                    outcome: VerificationOutcome::DifferentPersons,
                    notice_restriction: None,
                };
                session.identity_detector.verify_link(&sin, verification).await.and_then(|o| ok(&o))
            }
            Call::RectifyLink => {
                let sin = self.sin_joining(label, other).await?;
                let rectification = Rectification::Erase { reason: "found incorrect".into() };
                session.identity_detector.rectify_link(&sin, rectification).await.and_then(|o| ok(&o))
            }
            Call::Notifications => session.identity_detector.notifications().await.and_then(|o| ok(&o)),
            Call::PersonNotice => {
                let sin = self.sin_joining(label, other).await?;
                session.identity_detector.person_notice(&sin).await.and_then(|o| ok(&o))
            }
            Call::OverdueLinks => session.identity_detector.overdue_links().await.and_then(|o| ok(&o)),
            Call::FileRequest => {
                let sin = self.sin_joining(label, other).await?;
                let filing: RequestFiling = request_filing(&record.write, &sin)?;
                session.identity_detector.file_request(filing).await.and_then(|o| ok(&o))
            }
            Call::RecordRequestProgress => {
                let filed = self.request_filed_by_a_member_state(&record.write, label, other).await?;
                session
                    .identity_detector
                    .record_request_progress(&filed.id, RequestProgress::Answered)
                    .await
                    .and_then(|o| ok(&o))
            }
            Call::Requests => {
                self.request_filed_by_a_member_state(&record.write, label, other).await?;
                session.identity_detector.requests().await.and_then(|o| ok(&o))
            }
            Call::OverdueRequests => {
                self.request_filed_by_a_member_state(&record.write, label, other).await?;
                session.identity_detector.overdue_requests().await.and_then(|o| ok(&o))
            }
            Call::Report => {
                let mut reports = Vec::new();
                let mut refusal = None;
                for kind in REPORT_KINDS {
                    match session.statistics.report(kind).await {
                        Ok(r) => reports.push(r),
                        Err(e) => refusal = Some(e),
                    }
                }
                let refused = REPORT_KINDS.len() - reports.len();
                if let Some(e) = refusal.as_ref().filter(|e| !is_refusal(e)) {
                    fail!("a statistics report failed: {}", Failure::from(e.clone()));
                }
                let answer = match refusal {
                    Some(e) if reports.is_empty() => Err(e),
                    Some(e) => {
                        fail!("some statistics reports were answered and some refused: {}", Failure::from(e))
                    }
                    None => ok(&reports),
                };
                return Ok((answer, refused));
            }
            Call::LogEntries => session.audit_log.entries(LogQuery::default()).await.and_then(|o| ok(&o)),
            Call::OpenProcedure => session
                .audit_log
                .open_procedure("review of operations".into(), LogQuery::default())
                .await
                .and_then(|o| ok(&o)),
            Call::CloseProcedure => {
                let supervisor = self.session(&role("the supervisory authority of DEU")?)?;
                let procedure =
                    match supervisor.audit_log.open_procedure("inquiry".into(), LogQuery::default()).await {
                        Ok(p) => p,
                        Err(e) => fail!(
                            "precondition: the supervisory authority could not open a procedure: {}",
                            Failure::from(e)
                        ),
                    };
                session.audit_log.close_procedure(&procedure.id).await.and_then(|o| ok(&o))
            }
            Call::Whoami => session.directory.whoami().await.and_then(|o| ok(&o)),
            Call::Profiles => session.directory.profiles().await.and_then(|o| ok(&o)),
            Call::ProfilesDueForReview => {
                session.directory.profiles_due_for_review().await.and_then(|o| ok(&o))
            }
            other => fail!(
                "harness: the call {other:?} is not made by a principal, or this step does not know it yet"
            ),
        };
        let refused = usize::from(answer.as_ref().is_err_and(is_refusal));
        Ok((answer, refused))
    }

    /// A person's request about the data of `label`, filed by the border authority of DEU, so
    /// that the request calls have personal data to withhold.
    async fn request_filed_by_a_member_state(
        &mut self,
        write: &RecordWrite,
        label: &str,
        other: &str,
    ) -> Result<PersonRequest, Failure> {
        let sin = self.sin_joining(label, other).await?;
        let border = self.session(&role("the border authority of DEU")?)?;
        match border.identity_detector.file_request(request_filing(write, &sin)?).await {
            Ok(r) => Ok(r),
            Err(e) => fail!(
                "precondition: the border authority of DEU could not file a request: {}",
                Failure::from(e)
            ),
        }
    }

    /// Searches for the identity of `write` under every profile the caller holds and under
    /// the border authority of DEU's: answered when any search was answered, with the number
    /// of searches refused before.
    async fn search_every_way(
        &mut self,
        session: &Session,
        write: &RecordWrite,
    ) -> Result<(Result<String, Error>, usize), Failure> {
        let border = self.session(&role("the border authority of DEU")?)?;
        let mut profiles: Vec<ProfileId> =
            session.directory.profiles().await.unwrap_or_default().into_iter().map(|p| p.id).collect();
        profiles.extend(border.directory.profiles().await?.into_iter().map(|p| p.id));
        let mut last = None;
        let mut refused = 0;
        for profile in profiles {
            let mut request = SearchRequest::new(profile);
            request.identity = Some(IdentityQuery {
                surname: write.identity.surname.clone(),
                date_of_birth: write.identity.date_of_birth,
                ..IdentityQuery::default()
            });
            match session.search_portal.search_all(request).await {
                Ok(reply) => return Ok((ok(&reply), refused)),
                Err(e) => {
                    refused += usize::from(is_refusal(&e));
                    last = Some(e);
                }
            }
        }
        match last {
            Some(e) => Ok((Err(e), refused)),
            None => fail!("harness: no profile to search under"),
        }
    }
}

/// Whether `call` is made about the link joining the two records (its SIN or a request
/// concerning it).
fn about_the_link(call: Call) -> bool {
    matches!(
        call,
        Call::LinkedData
            | Call::ConfirmationFile
            | Call::VerifyLink
            | Call::RectifyLink
            | Call::PersonNotice
            | Call::FileRequest
            | Call::RecordRequestProgress
            | Call::Requests
            | Call::OverdueRequests
    )
}

/// Whether `e` refuses a right: forbidden, or not found for what the caller may not see.
fn is_refusal(e: &Error) -> bool {
    matches!(e.kind, ErrorKind::Forbidden | ErrorKind::NotFound)
}

fn ok<T: Serialize>(value: &T) -> Result<String, Error> {
    json(value).map_err(|e| Error::internal(e.0))
}

fn from_json<T: serde::de::DeserializeOwned>(value: serde_json::Value) -> Result<T, Failure> {
    serde_json::from_value(value).map_err(|e| Failure(format!("harness: cannot build a request: {e}")))
}

/// A person's request for access to the data of the link `sin`, identified by `write`'s
/// identity data, built from JSON so that fields the contract adds with defaults need no change.
fn request_filing(write: &RecordWrite, sin: &Sin) -> Result<RequestFiling, Failure> {
    from_json(serde_json::json!({
        "kind": "access",
        "concerning": sin,
        "identifying_data": write.identity,
    }))
}

/// An Art 22 query for the identity of `write` (surname, first names and date of birth, so
/// that it finds the record and a follow-up has a hit to follow), built from JSON so that
/// fields the contract adds with defaults need no change here.
fn hit_flag_request(write: &RecordWrite) -> Result<HitFlagRequest, Failure> {
    let identity = IdentityQuery {
        surname: write.identity.surname.clone(),
        first_names: write.identity.first_names.clone(),
        date_of_birth: write.identity.date_of_birth,
        ..IdentityQuery::default()
    };
    from_json(serde_json::json!({
        "identity": identity,
        "national_file_reference": "DEU-2026-OPS-1",
        "purpose": "terrorist offence under investigation",
        "reasonable_grounds": "the person is named in the investigation file",
        "ordered_by": "chief-inspector",
    }))
}

#[when(
    regex = r"^(.+) makes the call ([A-Za-z]+) about record ([A-Za-z][A-Za-z0-9]*) and the link joining it to ([A-Za-z][A-Za-z0-9]*)$"
)]
async fn makes_call(
    world: &mut ConformanceWorld,
    caller: Role,
    operation: Operation,
    label: String,
    other: String,
) -> StepResult {
    let Operation(call) = operation;
    let session = world.session(&caller)?;
    // Found before the count is taken: looking for the link asks many observers, some of
    // which may be refused. Only the calls about the link need it, so that the others do not
    // depend on which link, if any, the records made.
    if about_the_link(call) {
        world.sin_joining(&label, &other).await?;
    }
    let before = world.denials_of(&caller).await?.len();
    world.kept.insert(DENIALS_BEFORE.into(), before.to_string());
    let (answer, refused_attempts) = world.make_call(&session, call, &label, &other).await?;
    world.keep_answer(answer, refused_attempts);
    Ok(())
}

/// "Refused" is forbidden, or not found where the implementation does not acknowledge what the
/// caller may not see (a link it cannot see, MID-12): either way nothing is given.
#[then(regex = r"^the call is (refused|answered), with no personal data$")]
async fn judged(world: &mut ConformanceWorld, verdict: Spelled<Verdict>) -> StepResult {
    let (Spelled(verdict), outcome) = (verdict, verdict.0.spelling());
    let personal = personal_data(world)?;
    let text = if verdict == Verdict::Accepted {
        world.accepted()?;
        match world.kept.get(ANSWER) {
            Some(t) => t.clone(),
            None => fail!("harness: no answer was kept"),
        }
    } else {
        let e = world.refusal()?;
        ensure!(
            matches!(e.kind, ErrorKind::Forbidden | ErrorKind::NotFound),
            "refused with {} instead of 'forbidden'",
            e.kind
        );
        format!("{} {:?}", e.message, e.violations)
    };
    let leaked: Vec<&String> = personal.iter().filter(|p| text.contains(p.as_str())).collect();
    ensure!(leaked.is_empty(), "the {outcome} call carries personal data {leaked:?}");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use jha_interop::http::wire::{Access, ROUTES};

    /// Every call a principal can make is a row of the eu-LISA operator's matrix, so that a
    /// new call of the contract cannot go unchecked (SEC-07: "from any call").
    #[test]
    fn the_operator_matrix_names_every_call_of_a_principal() {
        let feature = include_str!("../../../features/security/operators.feature");
        for route in ROUTES.iter().filter(|r| r.access == Access::Principal) {
            let row = format!("| {} ", route.operation_id);
            assert!(feature.contains(&row), "the operator matrix has no row for {}", route.operation_id);
            assert_eq!(route.operation_id.parse::<Operation>().map(|o| o.0), Ok(route.call));
        }
    }
}
