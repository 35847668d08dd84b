//! The rules of the Common Identity Repository's police queries (Arts 20 and 22): who may
//! identify a person, what an identification or a hit-flag query must state. Pure functions of
//! the caller and the request.

use crate::api::{RequirementId, Violation};
use crate::model::{
    Art20Circumstance, Designation, FallbackReason, HitFlagRequest, IdentificationRequest, Organisation,
    Principal,
};

/// A refusal of the caller's right, with the requirement that decides it.
#[derive(Debug, Clone, PartialEq)]
pub struct Refusal {
    /// Why, as logged and told to the caller.
    pub reason: String,
    /// The requirement deciding it.
    pub rule: RequirementId,
}

/// CIR-05 and CIR-07: whether `caller` may make an Art 20 identification for `circumstance`.
/// Its Member State must have the national legislation (Art 20(5)), one of `legislated`; its
/// own authority must hold the designation the query needs — Art 20(1)–(3) identification
/// (CIR-07) or Art 20(4) disaster identification (CIR-05). A designation belongs to one
/// authority, so another authority of the same State is judged on its own.
pub fn art20_designation(
    caller: &Principal,
    circumstance: Option<Art20Circumstance>,
    legislated: &[crate::model::CountryCode],
) -> Result<(), Refusal> {
    let has_legislation = match caller.authority.organisation {
        Organisation::MemberState(code) => legislated.contains(&code),
        Organisation::Agency(_) => false,
    };
    let disaster = circumstance.is_some_and(Art20Circumstance::is_disaster_identification);
    let (designation, rule) = if disaster {
        (Designation::Art20DisasterIdentification, crate::requirement!("CIR-05"))
    } else {
        (Designation::Art20Identification, crate::requirement!("CIR-07"))
    };
    if !has_legislation {
        return Err(Refusal {
            reason: format!(
                "{} has not declared the national legislation of Art 20(5)",
                caller.authority.organisation
            ),
            rule: crate::requirement!("CIR-07"),
        });
    }
    if caller.is_designated(designation) {
        return Ok(());
    }
    let reason = if disaster {
        "this authority is not designated under national law for Art 20(4) identification"
    } else {
        "this police authority is not designated under national law for Art 20 (Art 20(5))"
    };
    Err(Refusal { reason: reason.to_string(), rule })
}

/// CIR-05, CIR-06 and CIR-08: what an Art 20 identification request lacks or gets wrong — the
/// circumstance, biometric data taken live or the fall-back of Art 20(3) with its reason and
/// data, a best-interests justification for a child under 12, biometric data only for
/// Art 20(4). Empty when the request is complete.
pub fn art20_request_violations(request: &IdentificationRequest) -> Vec<Violation> {
    let mut violations = Vec::new();
    if request.circumstance.is_none() {
        violations.push(Violation::new(
            crate::requirement!("CIR-05"),
            "circumstance",
            "an Art 20(1) or Art 20(4) circumstance must be stated",
        ));
    }
    let disaster = request.circumstance.is_some_and(Art20Circumstance::is_disaster_identification);
    if disaster {
        // Art 20(4): biometric data only, and no identity check in anyone's presence.
        if request.fallback.is_some() {
            violations.push(Violation::new(
                crate::requirement!("CIR-05"),
                "fallback",
                "an Art 20(4) identification uses biometric data only",
            ));
        }
        if !request.biometrics.as_ref().is_some_and(|b| b.has_matchable_data()) {
            violations.push(Violation::new(
                crate::requirement!("CIR-05"),
                "biometrics",
                "an Art 20(4) identification needs biometric data",
            ));
        }
    } else if !request.identity_check_in_presence {
        violations.push(Violation::new(
            crate::requirement!("CIR-08"),
            "identity_check_in_presence",
            "an Art 20(1) identification is made during an identity check initiated in the presence of the person",
        ));
    }
    if request.subject_age.is_some_and(|age| age < 12)
        && request.best_interests_justification.as_deref().is_none_or(|j| j.trim().is_empty())
    {
        violations.push(Violation::new(
            crate::requirement!("CIR-06"),
            "best_interests_justification",
            "identifying a child under 12 needs a best-interests justification",
        ));
    }
    let has_biometrics = request.biometrics.as_ref().is_some_and(|b| b.has_matchable_data());
    if has_biometrics && !disaster && !request.biometrics_taken_live {
        violations.push(Violation::new(
            crate::requirement!("CIR-08"),
            "biometrics_taken_live",
            "biometric data must be taken live during the identity check",
        ));
    }
    match &request.fallback {
        _ if disaster => {}
        Some(fallback) => {
            // Art 20(3): unusable biometrics are not sent; a failed biometric query is the
            // one this request makes, so its biometric data come with the fall-back.
            let reason_fits = match fallback.reason {
                FallbackReason::BiometricsUnusable => !has_biometrics,
                FallbackReason::BiometricQueryFailed => has_biometrics,
            };
            if !reason_fits {
                violations.push(Violation::new(
                    crate::requirement!("CIR-08"),
                    "fallback.reason",
                    "the fall-back is used when biometric data cannot be used (none sent) or when the query with the biometric data sent finds no one",
                ));
            }
            if fallback.identity.is_empty() {
                violations.push(Violation::new(
                    crate::requirement!("CIR-08"),
                    "fallback.identity",
                    "the fall-back needs identity data",
                ));
            }
            let has_document = fallback.travel_document.as_ref().is_some_and(|d| !d.fields().is_empty());
            if !has_document && !fallback.identity_given_by_person {
                violations.push(Violation::new(
                    crate::requirement!("CIR-08"),
                    "fallback.travel_document",
                    "the fall-back needs travel document data or identity data given by the person",
                ));
            }
        }
        None if !has_biometrics => violations.push(Violation::new(
            crate::requirement!("CIR-08"),
            "biometrics",
            "identification uses live biometric data, or the fall-back when they cannot be used",
        )),
        None => {}
    }
    violations
}

/// CIR-10 and CIR-11: what an Art 22 hit-flag query lacks — data to query with, the purpose
/// (the offence) and the reasonable grounds of the specific case. Empty when complete.
pub fn art22_request_violations(request: &HitFlagRequest) -> Vec<Violation> {
    let has_identity = request.identity.as_ref().is_some_and(|q| !q.is_empty());
    let has_document = request.travel_document.as_ref().is_some_and(|d| !d.fields().is_empty());
    let has_biometrics = request.biometrics.as_ref().is_some_and(|b| b.has_matchable_data());
    let mut violations = Vec::new();
    if !(has_identity || has_document || has_biometrics) {
        violations.push(Violation::new(
            crate::requirement!("CIR-10"),
            "",
            "an Art 22 query needs identity, document or biometric data",
        ));
    }
    if request.purpose.trim().is_empty() {
        violations.push(Violation::new(
            crate::requirement!("CIR-11"),
            "purpose",
            "the purpose (offence) must be stated",
        ));
    }
    if request.reasonable_grounds.trim().is_empty() {
        violations.push(Violation::new(
            crate::requirement!("CIR-10"),
            "reasonable_grounds",
            "an Art 22 query states the reasonable grounds of the specific case",
        ));
    }
    violations
}
