//! The route table: one row per call of the contract. The client builds its requests from it,
//! the server mounts its handlers from it and the OpenAPI document is generated from it, so
//! the three cannot drift apart.

/// An HTTP method used by the binding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    /// `GET`
    Get,
    /// `PUT`
    Put,
    /// `POST`
    Post,
    /// `DELETE`
    Delete,
}

impl Method {
    /// The method's name as sent on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Put => "PUT",
            Method::Post => "POST",
            Method::Delete => "DELETE",
        }
    }
}

/// What a request carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequestBody {
    /// Nothing.
    None,
    /// A JSON document of the named schema (`schemas/{name}.schema.json`).
    Json(&'static str),
}

/// What a successful response carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResponseBody {
    /// Nothing: `204 No Content`.
    Empty,
    /// One JSON document of the named schema (`200 OK`).
    One(&'static str),
    /// A JSON array of documents of the named schema (`200 OK`).
    Many(&'static str),
    /// A JSON document of the named schema (`200 OK`), or `204 No Content` when there is none.
    Optional(&'static str),
    /// The ESP search reply: a `SearchReply` document, or with `Accept: application/x-ndjson`
    /// a stream of [`super::SearchStreamLine`]s, one per line, each written as it is known.
    SearchStream,
}

/// Who may call a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone: the declaration of capabilities.
    Public,
    /// A principal's bearer token (SEC-01).
    Principal,
    /// The test-control token given to the server at start; the routes exist only when the
    /// server runs with test control enabled (SEC-06).
    TestControl,
}

/// One call of the contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Call {
    /// `SourceSystems::put_record`
    PutRecord,
    /// `SourceSystems::delete_record`
    DeleteRecord,
    /// `SourceSystems::get_record`
    GetRecord,
    /// `SearchPortal::search`
    Search,
    /// `SearchPortal::failure_notices`
    FailureNotices,
    /// `BiometricMatching::identify`
    BiometricIdentify,
    /// `BiometricMatching::verify`
    BiometricVerify,
    /// `BiometricMatching::templates`
    Templates,
    /// `IdentityRepository::identify`
    CirIdentify,
    /// `IdentityRepository::hit_flags`
    HitFlags,
    /// `IdentityRepository::follow_up`
    FollowUp,
    /// `IdentityRepository::file_of`
    FileOf,
    /// `IdentityRepository::linked_data`
    LinkedData,
    /// `IdentityDetector::links`
    Links,
    /// `IdentityDetector::confirmation_file`
    ConfirmationFile,
    /// `IdentityDetector::verify_link`
    VerifyLink,
    /// `IdentityDetector::rectify_link`
    RectifyLink,
    /// `IdentityDetector::notifications`
    Notifications,
    /// `IdentityDetector::person_notice`
    PersonNotice,
    /// `IdentityDetector::overdue_links`
    OverdueLinks,
    /// `IdentityDetector::file_request`
    FileRequest,
    /// `IdentityDetector::record_request_progress`
    RecordRequestProgress,
    /// `IdentityDetector::requests`
    Requests,
    /// `IdentityDetector::overdue_requests`
    OverdueRequests,
    /// `Statistics::report`
    Report,
    /// `AuditLog::entries`
    LogEntries,
    /// `AuditLog::open_procedure`
    OpenProcedure,
    /// `AuditLog::close_procedure`
    CloseProcedure,
    /// `Directory::whoami`
    Whoami,
    /// `Directory::profiles`
    Profiles,
    /// `Directory::profiles_due_for_review`
    ProfilesDueForReview,
    /// `Connector::capabilities`
    Capabilities,
    /// `TestControl::set_time`
    SetTime,
    /// `TestControl::advance_time`
    AdvanceTime,
    /// `TestControl::reset`
    Reset,
    /// `TestControl::set_source_behaviour`
    SetSourceBehaviour,
    /// `TestControl::set_interpol_no_reveal`
    SetInterpolNoReveal,
    /// `TestControl::set_component_behaviour`
    SetComponentBehaviour,
}

/// One row of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Route {
    /// The contract call.
    pub call: Call,
    /// The HTTP method.
    pub method: Method,
    /// The path template, with `{name}` parameters (the syntax of axum and OpenAPI alike).
    pub path: &'static str,
    /// The request body.
    pub request: RequestBody,
    /// The response body on success.
    pub response: ResponseBody,
    /// Whether sending the same request twice has the effect of sending it once, by the
    /// contract: only such calls are ever retried. Decided per call, not per HTTP verb: a
    /// resent `hit_flags` answers a CIR-11 conflict, a resent `delete_record` a not-found, a
    /// resent `open_procedure` opens a second procedure, a resent `advance_time` moves the
    /// clock twice.
    pub idempotent: bool,
    /// Who may call it.
    pub access: Access,
    /// The OpenAPI operation id.
    pub operation_id: &'static str,
    /// What it does, in one sentence.
    pub summary: &'static str,
}

// One argument per column of the table: the rows below read as a table.
#[allow(clippy::too_many_arguments)]
const fn route(
    call: Call,
    method: Method,
    path: &'static str,
    request: RequestBody,
    response: ResponseBody,
    idempotent: bool,
    access: Access,
    operation_id: &'static str,
    summary: &'static str,
) -> Route {
    Route { call, method, path, request, response, idempotent, access, operation_id, summary }
}

use Access::{Principal as P, Public, TestControl as T};
use Method::{Delete, Get, Post, Put};
use RequestBody::{Json, None as NoBody};
use ResponseBody::{Empty, Many, One, Optional, SearchStream};

/// Every route of the binding, in the order of [`Call`].
#[rustfmt::skip]
pub const ROUTES: &[Route] = &[
    route(Call::PutRecord, Put, "/v1/systems/{system}/records/{id}", Json("RecordWrite"), One("WriteOutcome"), true, P,
        "putRecord", "Creates or updates a record of a source system; resending the same content changes nothing (SEC-03)."),
    route(Call::DeleteRecord, Delete, "/v1/systems/{system}/records/{id}", NoBody, Empty, false, P,
        "deleteRecord", "Deletes a record and everything derived from it (CIR data, templates, links)."),
    route(Call::GetRecord, Get, "/v1/systems/{system}/records/{id}", NoBody, One("StoredRecord"), true, P,
        "getRecord", "The record as stored."),
    route(Call::Search, Post, "/v1/esp/search", Json("SearchRequest"), SearchStream, true, P,
        "search", "ESP search over every system of the profile; streams per-source results as NDJSON on request (ESP-06)."),
    route(Call::FailureNotices, Get, "/v1/esp/failure-notices", NoBody, Many("FailureNotice"), true, P,
        "failureNotices", "Automated notices of ESP and CIR failures: the component and that the systems are to be accessed directly (ESP-09)."),
    route(Call::BiometricIdentify, Post, "/v1/sbms/identify", Json("IdentifyRequest"), One("IdentifyReply"), true, P,
        "biometricIdentify", "sBMS 1:N identification over the systems the caller may query (BMS-04)."),
    route(Call::BiometricVerify, Post, "/v1/sbms/verify", Json("VerifyRequest"), One("VerifyReply"), true, P,
        "biometricVerify", "sBMS 1:1 verification against one record (BMS-05)."),
    route(Call::Templates, Get, "/v1/sbms/records/{system}/{id}/templates", NoBody, Many("TemplateInfo"), true, P,
        "templates", "What the sBMS stores about a record's templates (BMS-02)."),
    route(Call::CirIdentify, Post, "/v1/cir/identify", Json("IdentificationRequest"), One("IdentificationReply"), true, P,
        "cirIdentify", "Identification by police in the CIR (Art 20)."),
    route(Call::HitFlags, Post, "/v1/cir/hits", Json("HitFlagRequest"), One("HitFlagReply"), false, P,
        "hitFlags", "Law enforcement hit-flag query of the CIR (Art 22)."),
    route(Call::FollowUp, Post, "/v1/cir/hits/{query}/follow-up", Json("HitFollowUp"), Empty, false, P,
        "followUp", "The follow-up of an Art 22 hit (CIR-11)."),
    route(Call::FileOf, Get, "/v1/cir/records/{system}/{id}/file", NoBody, One("IndividualFileView"), true, P,
        "fileOf", "The individual file holding a record, with the data sets the caller may access."),
    route(Call::LinkedData, Get, "/v1/cir/linked-data/{sin}", NoBody, One("LinkedData"), true, P,
        "linkedData", "The data connected by a yellow or red link (Art 21, CIR-14)."),
    route(Call::Links, Get, "/v1/mid/records/{system}/{id}/links", NoBody, Many("LinkView"), true, P,
        "links", "The links of a record that the caller may see (MID-12)."),
    route(Call::ConfirmationFile, Get, "/v1/mid/links/{sin}/confirmation-file", NoBody, One("IdentityConfirmationFile"), true, P,
        "confirmationFile", "The identity confirmation file containing a link (MID-08)."),
    route(Call::VerifyLink, Post, "/v1/mid/links/{sin}/verification", Json("LinkVerification"), Optional("LinkView"), false, P,
        "verifyLink", "Manual verification of a yellow link (MID-07, MID-10); 204 when the outcome erases the link."),
    route(Call::RectifyLink, Post, "/v1/mid/links/{sin}/rectification", Json("Rectification"), Optional("LinkView"), false, P,
        "rectifyLink", "Rectification or erasure of a link found incorrect (MID-15); 204 when erased."),
    route(Call::Notifications, Get, "/v1/mid/notifications", NoBody, Many("Notification"), true, P,
        "notifications", "Notifications addressed to the caller's authority (MID-14)."),
    route(Call::PersonNotice, Get, "/v1/mid/links/{sin}/person-notice", NoBody, Optional("PersonNotice"), true, P,
        "personNotice", "The written notice for the person of a link; 204 when none is due or it is restricted (MID-14)."),
    route(Call::OverdueLinks, Get, "/v1/mid/overdue-links", NoBody, Many("LinkView"), true, P,
        "overdueLinks", "Yellow links the caller must verify that are past their deadline (MID-11)."),
    route(Call::FileRequest, Post, "/v1/mid/requests", Json("RequestFiling"), One("PersonRequest"), false, P,
        "fileRequest", "Files a person's request about MID data; its deadlines start now (MID-19)."),
    route(Call::RecordRequestProgress, Post, "/v1/mid/requests/{request}/progress", Json("RequestProgress"), One("PersonRequest"), false, P,
        "recordRequestProgress", "Records a step in handling a person's request: contact, check, extension, answer or refusal (MID-19)."),
    route(Call::Requests, Get, "/v1/mid/requests", NoBody, Many("PersonRequest"), true, P,
        "requests", "The record of requests the caller's Member State received or is responsible for (MID-19)."),
    route(Call::OverdueRequests, Get, "/v1/mid/overdue-requests", NoBody, Many("OverdueRequest"), true, P,
        "overdueRequests", "The caller's Member State's requests past a deadline (MID-19)."),
    route(Call::Report, Get, "/v1/crrs/reports/{kind}", NoBody, One("StatisticsReport"), true, P,
        "report", "An anonymous statistics report (CRRS-01..03)."),
    route(Call::LogEntries, Post, "/v1/logs/search", Json("LogQuery"), Many("LogEntry"), true, P,
        "logEntries", "Log entries matching a filter (LOG-02)."),
    route(Call::OpenProcedure, Post, "/v1/logs/procedures", Json("OpenProcedureRequest"), One("MonitoringProcedure"), false, P,
        "openProcedure", "Opens a monitoring procedure that holds the logs it covers past retention (LOG-01)."),
    route(Call::CloseProcedure, Post, "/v1/logs/procedures/{procedure}/close", NoBody, One("MonitoringProcedure"), false, P,
        "closeProcedure", "Closes a monitoring procedure; its logs are then erased when due."),
    route(Call::Whoami, Get, "/v1/directory/whoami", NoBody, One("Principal"), true, P,
        "whoami", "The caller's principal."),
    route(Call::Profiles, Get, "/v1/directory/profiles", NoBody, Many("EspProfile"), true, P,
        "profiles", "The ESP profiles the caller holds."),
    route(Call::ProfilesDueForReview, Get, "/v1/directory/profiles/due-for-review", NoBody, Many("EspProfile"), true, P,
        "profilesDueForReview", "Profiles whose last review is more than a year old (ESP-11)."),
    route(Call::Capabilities, Get, "/v1/capabilities", NoBody, One("Capabilities"), true, Public,
        "capabilities", "What the implementation declares: capabilities, policies, thresholds, limits."),
    route(Call::SetTime, Put, "/v1/test/clock", Json("SetTimeRequest"), Empty, true, T,
        "setTime", "Sets the implementation's clock (SEC-06)."),
    route(Call::AdvanceTime, Post, "/v1/test/clock/advance", Json("AdvanceTimeRequest"), Empty, false, T,
        "advanceTime", "Moves the clock forward; retention and deadlines run as if the time had passed (SEC-06)."),
    route(Call::Reset, Post, "/v1/test/reset", NoBody, Empty, true, T,
        "reset", "Forgets every record, link, log and statistic; registered principals and tokens stay (SEC-06)."),
    route(Call::SetSourceBehaviour, Put, "/v1/test/sources/{system}/behaviour", Json("SourceBehaviour"), Empty, true, T,
        "setSourceBehaviour", "Makes a source system slow, unavailable or unresponsive to the ESP (SEC-06)."),
    route(Call::SetInterpolNoReveal, Put, "/v1/test/interpol-no-reveal", Json("InterpolNoRevealRequest"), Empty, true, T,
        "setInterpolNoReveal", "Declares whether Interpol can be queried without revealing the query (ESP-07, SEC-06)."),
    route(Call::SetComponentBehaviour, Put, "/v1/test/components/{component}/behaviour", Json("ComponentBehaviour"), Empty, true, T,
        "setComponentBehaviour", "Makes a component (ESP, CIR) fail or work again (ESP-09, SEC-06)."),
];

impl Call {
    /// Every call, in table order.
    pub fn all() -> impl Iterator<Item = Call> {
        ROUTES.iter().map(|r| r.call)
    }

    /// The call's row of the table.
    pub fn route(self) -> &'static Route {
        // The table is in the order of the enum; a unit test holds it there.
        &ROUTES[self as usize]
    }

    /// The call's path with its parameters filled in, in the order they appear in the
    /// template, each percent-encoded as one path segment.
    ///
    /// Returns `None` when the number of values differs from the template's parameters.
    pub fn path(self, values: &[&str]) -> Option<String> {
        let template = self.route().path;
        let mut out = String::with_capacity(template.len() + 32);
        let mut values = values.iter();
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            let close = rest[open..].find('}')? + open;
            out.push_str(&rest[..open]);
            encode_segment(values.next()?, &mut out);
            rest = &rest[close + 1..];
        }
        out.push_str(rest);
        if values.next().is_some() {
            return None;
        }
        Some(out)
    }
}

impl Route {
    /// The names of the template's parameters, in order.
    pub fn parameters(&self) -> Vec<&'static str> {
        let mut names = Vec::new();
        let mut rest = self.path;
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}') else { break };
            names.push(&rest[open + 1..open + close]);
            rest = &rest[open + close + 1..];
        }
        names
    }
}

/// Appends `value` to `out` as one path segment: RFC 3986 unreserved characters as they are,
/// every other byte as `%XX`.
pub fn encode_segment(value: &str, out: &mut String) {
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_in_the_order_of_the_calls() {
        for (index, route) in ROUTES.iter().enumerate() {
            assert_eq!(route.call as usize, index, "{:?} is out of place", route.call);
        }
        assert_eq!(ROUTES.len(), Call::SetComponentBehaviour as usize + 1);
    }

    #[test]
    fn method_and_path_pairs_and_operation_ids_are_unique() {
        let mut seen = std::collections::HashSet::new();
        let mut ids = std::collections::HashSet::new();
        for route in ROUTES {
            assert!(
                seen.insert((route.method, route.path)),
                "{} {} twice",
                route.method.as_str(),
                route.path
            );
            assert!(ids.insert(route.operation_id), "{} twice", route.operation_id);
            assert!(route.path.starts_with("/v1/"));
            assert_eq!(
                route.access == Access::TestControl,
                route.path.starts_with("/v1/test/"),
                "{}",
                route.path
            );
        }
    }

    #[test]
    fn paths_are_filled_in_order_and_encoded() {
        assert_eq!(Call::PutRecord.path(&["EES", "EES-0001"]).unwrap(), "/v1/systems/EES/records/EES-0001");
        assert_eq!(Call::CloseProcedure.path(&["a b/c"]).unwrap(), "/v1/logs/procedures/a%20b%2Fc/close");
        assert_eq!(Call::Templates.path(&["VIS", "v:1"]).unwrap(), "/v1/sbms/records/VIS/v%3A1/templates");
        assert_eq!(Call::Search.path(&[]).unwrap(), "/v1/esp/search");
        assert!(Call::PutRecord.path(&["EES"]).is_none());
        assert!(Call::Search.path(&["x"]).is_none());
        assert_eq!(Call::PutRecord.route().parameters(), vec!["system", "id"]);
    }

    #[test]
    fn retries_are_decided_per_call_not_per_verb() {
        // POST routes that are safe to resend, and non-GET routes that are not.
        assert!(Call::Search.route().idempotent && Call::Search.route().method == Method::Post);
        for call in
            [Call::HitFlags, Call::DeleteRecord, Call::OpenProcedure, Call::AdvanceTime, Call::VerifyLink]
        {
            assert!(!call.route().idempotent, "{call:?}");
        }
        assert!(Call::PutRecord.route().idempotent);
        assert!(ROUTES.iter().filter(|r| r.method == Method::Get).all(|r| r.idempotent));
    }
}
