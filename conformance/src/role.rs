//! The roles scenarios act in: an authority of a Member State or agency, or a source system's
//! central service. Scenarios name them in business language ("the border authority of DEU");
//! a target turns each into a credential of its own.

use std::fmt;
use std::str::FromStr;

use jha_interop::model::{
    Authority, AuthorityKind, CountryCode, Designation, Organisation, SourceSystem, UnionAgency,
};

/// Who acts in a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    /// An official of an authority; a police authority holds both Art 20 designations.
    Authority(Authority),
    /// A second police authority of a Member State, designated under national law for less
    /// than the first (CIR-05, CIR-07: designations are per authority, not per State).
    OtherPolice(CountryCode, PoliceDesignation),
    /// The central service of a source system, which writes that system's records.
    SourceSystem(SourceSystem),
    /// A caller whose credential the implementation does not know.
    Stranger,
}

/// What a second police authority of a Member State is designated for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PoliceDesignation {
    /// Designated for nothing under Art 20.
    NotDesignated,
    /// Designated for identity checks (Art 20(1)–(3)), not for Art 20(4).
    IdentityChecksOnly,
}

impl PoliceDesignation {
    /// The designations the authority holds.
    pub fn designations(self) -> Vec<Designation> {
        match self {
            PoliceDesignation::NotDesignated => Vec::new(),
            PoliceDesignation::IdentityChecksOnly => vec![Designation::Art20Identification],
        }
    }

    /// The suffix of the role's key after `DEU/police/`.
    fn key(self) -> &'static str {
        match self {
            PoliceDesignation::NotDesignated => "not-designated",
            PoliceDesignation::IdentityChecksOnly => "identity-checks-only",
        }
    }

    /// The phrase after "a police authority of DEU ".
    fn phrase(self) -> &'static str {
        match self {
            PoliceDesignation::NotDesignated => "not designated for art 20",
            PoliceDesignation::IdentityChecksOnly => "designated for identity checks only",
        }
    }

    const ALL: [PoliceDesignation; 2] =
        [PoliceDesignation::NotDesignated, PoliceDesignation::IdentityChecksOnly];
}

/// The authority kinds whose organisation is always one agency, whatever a scenario says.
fn agency_of(kind: AuthorityKind) -> Option<UnionAgency> {
    match kind {
        AuthorityKind::Europol => Some(UnionAgency::Europol),
        AuthorityKind::EtiasCentralUnit => Some(UnionAgency::Frontex),
        AuthorityKind::EuLisaOperator => Some(UnionAgency::EuLisa),
        _ => None,
    }
}

/// The phrases of each kind, longest first so that "ETIAS National Unit" is not read as "ETIAS".
const KIND_PHRASES: &[(&str, AuthorityKind)] = &[
    ("ecris-tcn central authority", AuthorityKind::EcrisTcnCentralAuthority),
    ("etias national unit", AuthorityKind::EtiasNationalUnit),
    ("etias central unit", AuthorityKind::EtiasCentralUnit),
    ("supervisory authority", AuthorityKind::SupervisoryAuthority),
    ("designated authority", AuthorityKind::DesignatedAuthority),
    ("immigration authority", AuthorityKind::ImmigrationAuthority),
    ("border authority", AuthorityKind::BorderAuthority),
    ("asylum authority", AuthorityKind::AsylumAuthority),
    ("visa authority", AuthorityKind::VisaAuthority),
    ("sirene bureau", AuthorityKind::SireneBureau),
    ("statistics user", AuthorityKind::StatisticsUser),
    ("eu-lisa operator", AuthorityKind::EuLisaOperator),
    ("europol", AuthorityKind::Europol),
    ("police", AuthorityKind::Police),
];

impl Role {
    /// The authority `kind` of Member State `state`, or of its agency for agency kinds.
    pub fn authority(kind: AuthorityKind, state: CountryCode) -> Role {
        let organisation = agency_of(kind).map_or(Organisation::MemberState(state), Organisation::Agency);
        Role::Authority(Authority { organisation, kind })
    }

    /// The role acting as `authority` (as named by an implementation, e.g. a link's verifier).
    pub fn of_authority(authority: Authority) -> Role {
        Role::Authority(authority)
    }

    /// The authority, for authority roles.
    pub fn as_authority(&self) -> Option<Authority> {
        match self {
            Role::Authority(a) => Some(*a),
            Role::OtherPolice(state, _) => Some(Authority {
                organisation: Organisation::MemberState(*state),
                kind: AuthorityKind::Police,
            }),
            Role::SourceSystem(_) | Role::Stranger => None,
        }
    }

    /// The European Data Protection Supervisor, which reads logs (LOG-02).
    pub fn edps() -> Role {
        Role::Authority(Authority {
            organisation: Organisation::Agency(UnionAgency::Edps),
            kind: AuthorityKind::SupervisoryAuthority,
        })
    }

    /// The second police authorities of `state`, one per designation.
    pub fn other_police(state: CountryCode) -> Vec<Role> {
        PoliceDesignation::ALL.into_iter().map(|d| Role::OtherPolice(state, d)).collect()
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Role::Authority(a) => write!(f, "{a}"),
            Role::OtherPolice(state, d) => write!(f, "{state}/police/{}", d.key()),
            Role::SourceSystem(s) => write!(f, "{s}/central-system"),
            Role::Stranger => f.write_str("a caller with an unknown credential"),
        }
    }
}

/// Every authority kind a role can have.
pub const AUTHORITY_KINDS: [AuthorityKind; 14] = [
    AuthorityKind::BorderAuthority,
    AuthorityKind::VisaAuthority,
    AuthorityKind::ImmigrationAuthority,
    AuthorityKind::AsylumAuthority,
    AuthorityKind::EtiasCentralUnit,
    AuthorityKind::EtiasNationalUnit,
    AuthorityKind::SireneBureau,
    AuthorityKind::Police,
    AuthorityKind::DesignatedAuthority,
    AuthorityKind::Europol,
    AuthorityKind::EcrisTcnCentralAuthority,
    AuthorityKind::SupervisoryAuthority,
    AuthorityKind::EuLisaOperator,
    AuthorityKind::StatisticsUser,
];

const AGENCIES: [UnionAgency; 4] =
    [UnionAgency::Europol, UnionAgency::Frontex, UnionAgency::EuLisa, UnionAgency::Edps];

impl Role {
    /// Reads a role's key, its display form: `DEU/border_authority`, `EUROPOL/europol`,
    /// `EES/central-system` (as target files name roles).
    pub fn from_key(key: &str) -> Result<Role, UnknownRole> {
        let unknown = || UnknownRole(key.to_string());
        let (organisation, kind) = key.split_once('/').ok_or_else(unknown)?;
        if kind == "central-system" {
            return organisation.parse::<SourceSystem>().map(Role::SourceSystem).map_err(|_| unknown());
        }
        if let Some(designation) = kind.strip_prefix("police/") {
            let state = CountryCode::new(organisation).map_err(|_| unknown())?;
            let d =
                PoliceDesignation::ALL.into_iter().find(|d| d.key() == designation).ok_or_else(unknown)?;
            let role = Role::OtherPolice(state, d);
            if role.to_string() != key {
                return Err(unknown());
            }
            return Ok(role);
        }
        let kind = AUTHORITY_KINDS.into_iter().find(|k| k.code() == kind).ok_or_else(unknown)?;
        let organisation =
            match AGENCIES.into_iter().find(|a| Organisation::Agency(*a).to_string() == organisation) {
                Some(agency) => Organisation::Agency(agency),
                None => Organisation::MemberState(CountryCode::new(organisation).map_err(|_| unknown())?),
            };
        let role = Role::Authority(Authority { organisation, kind });
        // Keys are the display form exactly, so that a file and a run name roles alike.
        if role.to_string() != key {
            return Err(unknown());
        }
        Ok(role)
    }
}

/// Why a role phrase could not be read.
#[derive(Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown role {0:?}: expected e.g. \"the border authority of DEU\", \"Europol\" or \"the EES central system\""
)]
pub struct UnknownRole(pub String);

// A step's role is a typed capture, and cucumber reports one it cannot read with the error's
// `Debug`: make that the sentence.
impl fmt::Debug for UnknownRole {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl FromStr for Role {
    type Err = UnknownRole;

    /// Reads "the border authority of DEU", "the SIRENE Bureau of NLD", "Europol", "the ETIAS
    /// Central Unit", "the supervisory authority" (of DEU when no state is named), "the EDPS",
    /// "a police authority of DEU not designated for Art 20", "a police authority of DEU
    /// designated for identity checks only", "the EES central system".
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let unknown = || UnknownRole(text.to_string());
        let lower = text.trim().to_lowercase();
        if lower == "a caller with an unknown credential" {
            return Ok(Role::Stranger);
        }
        if lower == "the edps" {
            return Ok(Role::edps());
        }
        if let Some(rest) = lower.strip_prefix("a police authority of ") {
            let (state, designation) = rest.split_once(' ').ok_or_else(unknown)?;
            let d =
                PoliceDesignation::ALL.into_iter().find(|d| d.phrase() == designation).ok_or_else(unknown)?;
            let state = CountryCode::new(state.to_uppercase()).map_err(|_| unknown())?;
            return Ok(Role::OtherPolice(state, d));
        }
        let rest = lower.strip_prefix("the ").unwrap_or(&lower);
        if let Some(system) = rest.strip_suffix(" central system") {
            return system.parse::<SourceSystem>().map(Role::SourceSystem).map_err(|_| unknown());
        }
        let (kind_text, state) = match rest.rsplit_once(" of ") {
            Some((kind, state)) => (kind, Some(state)),
            None => (rest, None),
        };
        let kind = KIND_PHRASES
            .iter()
            .find(|(phrase, _)| *phrase == kind_text)
            .map(|(_, k)| *k)
            .ok_or_else(unknown)?;
        let state = match state {
            Some(code) => CountryCode::new(code.to_uppercase()).map_err(|_| unknown())?,
            // Agencies need no state; for the others a scenario without one means Germany.
            None => CountryCode::new("DEU").map_err(|_| unknown())?,
        };
        Ok(Role::authority(kind, state))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_name_roles() {
        let deu = CountryCode::new("DEU").unwrap();
        assert_eq!(
            "the border authority of DEU".parse::<Role>().unwrap(),
            Role::authority(AuthorityKind::BorderAuthority, deu)
        );
        assert_eq!(
            "the SIRENE Bureau of NLD".parse::<Role>().unwrap().as_authority().unwrap().to_string(),
            "NLD/sirene_bureau"
        );
        assert_eq!("Europol".parse::<Role>().unwrap().to_string(), "EUROPOL/europol");
        assert_eq!(
            "the ETIAS National Unit of ESP".parse::<Role>().unwrap().to_string(),
            "ESP/etias_national_unit"
        );
        assert_eq!("the EES central system".parse::<Role>().unwrap(), Role::SourceSystem(SourceSystem::Ees));
        assert!("the mayor of DEU".parse::<Role>().is_err());
        assert!("the police of ZZZ".parse::<Role>().is_err());
    }

    #[test]
    fn keys_are_the_display_form_and_read_back() {
        for phrase in
            ["the border authority of DEU", "Europol", "the EES central system", "the SIRENE Bureau of NLD"]
        {
            let role: Role = phrase.parse().unwrap();
            assert_eq!(Role::from_key(&role.to_string()).unwrap(), role, "{phrase}");
        }
        for phrase in [
            "the EDPS",
            "a police authority of DEU not designated for Art 20",
            "a police authority of FRA designated for identity checks only",
        ] {
            let role: Role = phrase.parse().unwrap();
            assert_eq!(Role::from_key(&role.to_string()).unwrap(), role, "{phrase}");
        }
        assert_eq!("the EDPS".parse::<Role>().unwrap().to_string(), "EDPS/supervisory_authority");
        assert_eq!(
            "a police authority of DEU not designated for Art 20".parse::<Role>().unwrap().to_string(),
            "DEU/police/not-designated"
        );
        assert!(Role::from_key("DEU/police/sometimes").is_err());
        assert!(Role::from_key("DEU/mayor").is_err());
        assert!(Role::from_key("deu/police").is_err());
        assert!(Role::from_key("nothing").is_err());
    }
}
