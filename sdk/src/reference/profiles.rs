//! POLICY ESP-P1: the reference's default set of ESP user profiles, and the standard principal
//! of each authority kind. The profile tables of C(2021) 5052/5053 are not public, so these are
//! documented choices; more profiles are loaded from configuration.

use crate::model::{
    AuthorityKind, CirPurpose, DataCategory, Date, Designation, EspProfile, ModelError, Organisation,
    Principal, PrincipalId, ProfileId, QueryField, SourceSystem, UnionAgency, UserId,
};

/// Version of the default profile set, declared as POLICY ESP-P1.
pub const DEFAULT_PROFILES_VERSION: &str = "2";

const ALL_QUERY_FIELDS: [QueryField; 11] = [
    QueryField::Surname,
    QueryField::FirstNames,
    QueryField::DateOfBirth,
    QueryField::Sex,
    QueryField::Nationality,
    QueryField::PlaceOfBirth,
    QueryField::DocumentNumber,
    QueryField::DocumentType,
    QueryField::IssuingCountry,
    QueryField::Fingerprints,
    QueryField::Face,
];

struct ProfileSpec {
    id: &'static str,
    description: &'static str,
    user_category: AuthorityKind,
    query_fields: &'static [QueryField],
    systems: &'static [SourceSystem],
    /// Systems queried only when the caller names them (Art 8(1)(b)).
    can_query: &'static [SourceSystem],
    reply: &'static [DataCategory],
    cir_purposes: &'static [CirPurpose],
    mid_manual_verification: bool,
    statistics: bool,
    log_access: bool,
}

const PERSON_REPLY: &[DataCategory] = &[
    DataCategory::IdentityData,
    DataCategory::TravelDocumentData,
    DataCategory::AlertData,
    DataCategory::Links,
];

const IDENTITY_AND_DOCUMENT: &[QueryField] = &[
    QueryField::Surname,
    QueryField::FirstNames,
    QueryField::DateOfBirth,
    QueryField::Sex,
    QueryField::Nationality,
    QueryField::DocumentNumber,
    QueryField::DocumentType,
    QueryField::IssuingCountry,
];

use SourceSystem as S;

const SPECS: &[ProfileSpec] = &[
    ProfileSpec {
        id: "border-check",
        description: "Border authority checking a traveller at the external border",
        user_category: AuthorityKind::BorderAuthority,
        query_fields: &ALL_QUERY_FIELDS,
        systems: &[S::Ees, S::Vis, S::Etias, S::Sis, S::InterpolSltd],
        // Art 7(5): travel-document searches in Interpol databases are optional: TDAWN
        // is searched only when the official asks for it.
        can_query: &[S::InterpolTdawn],
        reply: PERSON_REPLY,
        cir_purposes: &[CirPurpose::MultipleIdentityDetection],
        mid_manual_verification: true,
        statistics: false,
        log_access: false,
    },
    ProfileSpec {
        id: "visa-application",
        description: "Visa authority examining a visa application",
        user_category: AuthorityKind::VisaAuthority,
        query_fields: &ALL_QUERY_FIELDS,
        systems: &[S::Vis, S::Ees, S::Sis, S::Etias],
        can_query: &[],
        reply: PERSON_REPLY,
        cir_purposes: &[CirPurpose::MultipleIdentityDetection],
        mid_manual_verification: true,
        statistics: false,
        log_access: false,
    },
    ProfileSpec {
        id: "etias-central-unit",
        description: "ETIAS Central Unit processing applications and verifying MID links",
        user_category: AuthorityKind::EtiasCentralUnit,
        query_fields: IDENTITY_AND_DOCUMENT,
        systems: &[
            S::Etias,
            S::Ees,
            S::Vis,
            S::Sis,
            S::Eurodac,
            S::EcrisTcn,
            S::Europol,
            S::InterpolSltd,
            S::InterpolTdawn,
        ],
        can_query: &[],
        reply: PERSON_REPLY,
        cir_purposes: &[CirPurpose::MultipleIdentityDetection],
        mid_manual_verification: true,
        statistics: false,
        log_access: false,
    },
    ProfileSpec {
        id: "etias-national-unit",
        description: "ETIAS National Unit assessing applications",
        user_category: AuthorityKind::EtiasNationalUnit,
        query_fields: IDENTITY_AND_DOCUMENT,
        systems: &[S::Etias, S::Ees, S::Vis, S::Sis],
        can_query: &[],
        reply: PERSON_REPLY,
        cir_purposes: &[],
        mid_manual_verification: true,
        statistics: false,
        log_access: false,
    },
    ProfileSpec {
        id: "sirene",
        description: "SIRENE Bureau: SIS alerts and MID manual verification",
        user_category: AuthorityKind::SireneBureau,
        query_fields: &ALL_QUERY_FIELDS,
        systems: &[S::Sis],
        can_query: &[],
        reply: PERSON_REPLY,
        cir_purposes: &[CirPurpose::MultipleIdentityDetection],
        mid_manual_verification: true,
        statistics: false,
        log_access: false,
    },
    ProfileSpec {
        id: "police-identity-check",
        description: "Police identity check: CIR identification (Art 20) and SIS",
        user_category: AuthorityKind::Police,
        query_fields: &ALL_QUERY_FIELDS,
        systems: &[S::Sis, S::InterpolSltd],
        // Art 7(5): travel-document searches in Interpol databases are optional: TDAWN
        // is searched only when the official asks for it.
        can_query: &[S::InterpolTdawn],
        reply: PERSON_REPLY,
        cir_purposes: &[CirPurpose::Identification],
        mid_manual_verification: false,
        statistics: false,
        log_access: false,
    },
    ProfileSpec {
        id: "designated-authority",
        description: "Designated authority: law enforcement hit-flag query of the CIR (Art 22)",
        user_category: AuthorityKind::DesignatedAuthority,
        query_fields: &ALL_QUERY_FIELDS,
        systems: &[S::Sis],
        can_query: &[],
        reply: PERSON_REPLY,
        cir_purposes: &[CirPurpose::LawEnforcementHitFlag],
        mid_manual_verification: false,
        statistics: false,
        log_access: false,
    },
    ProfileSpec {
        id: "europol",
        description: "Europol: Europol data and the CIR hit-flag query (Art 22)",
        user_category: AuthorityKind::Europol,
        query_fields: &ALL_QUERY_FIELDS,
        systems: &[S::Europol, S::Sis],
        can_query: &[],
        reply: PERSON_REPLY,
        cir_purposes: &[CirPurpose::LawEnforcementHitFlag],
        mid_manual_verification: false,
        statistics: false,
        log_access: false,
    },
    ProfileSpec {
        id: "ecris-tcn-central-authority",
        description: "ECRIS-TCN central authority of the convicting Member State",
        user_category: AuthorityKind::EcrisTcnCentralAuthority,
        query_fields: &ALL_QUERY_FIELDS,
        systems: &[S::EcrisTcn],
        can_query: &[],
        reply: PERSON_REPLY,
        cir_purposes: &[CirPurpose::MultipleIdentityDetection],
        mid_manual_verification: true,
        statistics: false,
        log_access: false,
    },
    ProfileSpec {
        id: "asylum-authority",
        description: "Asylum authority: Eurodac",
        user_category: AuthorityKind::AsylumAuthority,
        query_fields: &ALL_QUERY_FIELDS,
        systems: &[S::Eurodac],
        can_query: &[],
        reply: PERSON_REPLY,
        cir_purposes: &[CirPurpose::MultipleIdentityDetection],
        mid_manual_verification: true,
        statistics: false,
        log_access: false,
    },
    ProfileSpec {
        id: "statistics",
        description: "Statistics user of the CRRS",
        user_category: AuthorityKind::StatisticsUser,
        query_fields: &[],
        systems: &[],
        can_query: &[],
        reply: &[],
        cir_purposes: &[],
        mid_manual_verification: false,
        statistics: true,
        log_access: false,
    },
    ProfileSpec {
        id: "supervision",
        description: "Supervisory authority or EDPS reading logs",
        user_category: AuthorityKind::SupervisoryAuthority,
        query_fields: &[],
        systems: &[],
        can_query: &[],
        reply: &[],
        cir_purposes: &[],
        mid_manual_verification: false,
        statistics: false,
        log_access: true,
    },
    ProfileSpec {
        id: "eu-lisa-operations",
        description: "eu-LISA operator: profile reviews, technical status and anonymous statistics; no personal data (SEC-07)",
        user_category: AuthorityKind::EuLisaOperator,
        query_fields: &[],
        systems: &[],
        can_query: &[],
        reply: &[],
        cir_purposes: &[],
        mid_manual_verification: false,
        // Art 39(2): eu-LISA's duly authorised staff read the CRRS, whose data are anonymous.
        statistics: true,
        log_access: false,
    },
];

/// The designations a standard principal of `kind` holds: a police authority is designated for
/// both kinds of Art 20 identification. A Member State designates authority by authority
/// (CIR-07), so a second police authority of the same State may hold fewer or none; it is
/// registered with its own designations. A designation counts only where the Member State has
/// the national legislation ([`super::ReferenceConfig::art20_member_states`]).
pub fn standard_designations(kind: AuthorityKind) -> Vec<Designation> {
    match kind {
        AuthorityKind::Police => {
            vec![Designation::Art20Identification, Designation::Art20DisasterIdentification]
        }
        _ => Vec::new(),
    }
}

/// The default profiles of POLICY ESP-P1, reviewed on `reviewed`.
pub fn default_profiles(reviewed: Date) -> Vec<EspProfile> {
    SPECS
        .iter()
        .map(|s| EspProfile {
            id: ProfileId::new(s.id).expect("static profile ids are valid"),
            description: s.description.to_string(),
            user_category: s.user_category,
            query_fields: s.query_fields.to_vec(),
            systems_to_query: s.systems.to_vec(),
            systems_that_can_be_queried: s.can_query.to_vec(),
            systems_that_reply: s.systems.iter().chain(s.can_query).copied().collect(),
            reply_categories: s.reply.to_vec(),
            cir_purposes: s.cir_purposes.to_vec(),
            mid_manual_verification: s.mid_manual_verification,
            statistics: s.statistics,
            log_access: s.log_access,
            last_reviewed: reviewed,
        })
        .collect()
}

/// The systems an authority kind may access by default: the systems its profiles query or can
/// query, the systems whose MID links it verifies, and its own system for source-system services.
fn default_access(kind: AuthorityKind, profiles: &[EspProfile]) -> Vec<SourceSystem> {
    let mut access: Vec<SourceSystem> = profiles
        .iter()
        .flat_map(|p| p.systems_to_query.iter().chain(&p.systems_that_can_be_queried).copied())
        .collect();
    access.sort();
    access.dedup();
    if matches!(kind, AuthorityKind::Europol) && !access.contains(&S::Europol) {
        access.push(S::Europol);
    }
    access
}

/// The standard principal of `kind` in `organisation`: the default profiles of that kind and
/// the matching access. Source-system services are made with [`source_system_principal`].
pub fn standard_principal(
    profiles: &[EspProfile],
    kind: AuthorityKind,
    organisation: Organisation,
    user: &str,
) -> Result<Principal, ModelError> {
    let own: Vec<EspProfile> = profiles.iter().filter(|p| p.user_category == kind).cloned().collect();
    let organisation = match kind {
        AuthorityKind::EtiasCentralUnit => Organisation::Agency(UnionAgency::Frontex),
        AuthorityKind::Europol => Organisation::Agency(UnionAgency::Europol),
        AuthorityKind::EuLisaOperator => Organisation::Agency(UnionAgency::EuLisa),
        _ => organisation,
    };
    Ok(Principal {
        id: PrincipalId::new(format!("{organisation}.{}.{user}", kind.code()))?,
        user_id: UserId::new(user)?,
        authority: crate::model::Authority { organisation, kind },
        access: default_access(kind, &own),
        profiles: own.into_iter().map(|p| p.id).collect(),
        designations: standard_designations(kind),
    })
}

/// The principal of the central service of `system` writing records on behalf of the Member
/// States and agencies.
pub fn source_system_principal(system: SourceSystem) -> Result<Principal, ModelError> {
    Ok(Principal {
        id: PrincipalId::new(format!("service.{}", system.code()))?,
        user_id: UserId::new(format!("{}-central-system", system.code()))?,
        authority: crate::model::Authority {
            organisation: Organisation::Agency(UnionAgency::EuLisa),
            kind: AuthorityKind::SourceSystemService,
        },
        profiles: vec![],
        access: vec![system],
        designations: vec![],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profiles() -> Vec<EspProfile> {
        default_profiles(Date::new(2026, 1, 1).unwrap())
    }

    /// ESP-P1: the default set holds at least the profiles the policy names, with its systems.
    #[test]
    fn esp_p1_default_set() {
        let p = profiles();
        let get = |id: &str| p.iter().find(|x| x.id.as_str() == id).unwrap_or_else(|| panic!("{id}"));
        assert_eq!(
            get("border-check").systems_to_query,
            vec![S::Ees, S::Vis, S::Etias, S::Sis, S::InterpolSltd]
        );
        assert_eq!(get("visa-application").systems_to_query, vec![S::Vis, S::Ees, S::Sis, S::Etias]);
        assert!(get("sirene").mid_manual_verification);
        assert_eq!(get("police-identity-check").cir_purposes, vec![CirPurpose::Identification]);
        assert_eq!(get("designated-authority").cir_purposes, vec![CirPurpose::LawEnforcementHitFlag]);
        assert!(get("europol").systems_to_query.contains(&S::Europol));
        assert!(get("etias-central-unit").mid_manual_verification);
    }

    #[test]
    fn standard_principals_get_their_profiles_and_access() {
        let p = profiles();
        let border = standard_principal(
            &p,
            AuthorityKind::BorderAuthority,
            Organisation::member_state("DEU").unwrap(),
            "officer-1",
        )
        .unwrap();
        assert_eq!(border.profiles, vec![ProfileId::new("border-check").unwrap()]);
        assert!(
            border.may_access(S::Ees)
                && border.may_access(S::InterpolSltd)
                && !border.may_access(S::EcrisTcn)
        );
        let europol = standard_principal(
            &p,
            AuthorityKind::Europol,
            Organisation::member_state("NLD").unwrap(),
            "analyst",
        )
        .unwrap();
        assert_eq!(europol.authority.organisation, Organisation::Agency(UnionAgency::Europol));
        let ees = source_system_principal(S::Ees).unwrap();
        assert_eq!(ees.access, vec![S::Ees]);
    }
}
