//! Who calls: organisations, authority kinds, principals and their credentials.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::text::{checked_identifier, checked_text, validated_string};
use super::{CountryCode, ModelError, ProfileId, SourceSystem};

/// A Union agency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[non_exhaustive]
pub enum UnionAgency {
    /// Europol.
    Europol,
    /// Frontex (hosts the ETIAS Central Unit).
    Frontex,
    /// eu-LISA, which operates the components.
    EuLisa,
    /// The European Data Protection Supervisor.
    Edps,
}

/// A Member State or a Union agency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Organisation {
    /// A Member State (or Schengen associated country), by country code.
    MemberState(CountryCode),
    /// A Union agency.
    Agency(UnionAgency),
}

impl Organisation {
    /// The Member State with `code`.
    pub fn member_state(code: &str) -> Result<Self, ModelError> {
        CountryCode::new(code).map(Organisation::MemberState)
    }
}

impl std::fmt::Display for Organisation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Organisation::MemberState(code) => write!(f, "{code}"),
            Organisation::Agency(agency) => f.write_str(match agency {
                UnionAgency::Europol => "EUROPOL",
                UnionAgency::Frontex => "FRONTEX",
                UnionAgency::EuLisa => "EU_LISA",
                UnionAgency::Edps => "EDPS",
            }),
        }
    }
}

/// The kind of authority a principal acts as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
// Open: new systems bring new authorities; other crates match with a `_` arm.
#[non_exhaustive]
pub enum AuthorityKind {
    /// Border authority (also the EES competent authority).
    BorderAuthority,
    /// Visa authority.
    VisaAuthority,
    /// Immigration authority.
    ImmigrationAuthority,
    /// Asylum authority (Eurodac).
    AsylumAuthority,
    /// ETIAS Central Unit.
    EtiasCentralUnit,
    /// ETIAS National Unit.
    EtiasNationalUnit,
    /// SIRENE Bureau.
    SireneBureau,
    /// Police authority (identity checks, Art 20).
    Police,
    /// Designated authority for law enforcement access (Art 22).
    DesignatedAuthority,
    /// Europol staff.
    Europol,
    /// ECRIS-TCN central authority.
    EcrisTcnCentralAuthority,
    /// Supervisory authority (or the EDPS): reads logs.
    SupervisoryAuthority,
    /// eu-LISA operator.
    EuLisaOperator,
    /// Statistics user of the CRRS.
    StatisticsUser,
    /// A source system's central service writing records.
    SourceSystemService,
}

impl AuthorityKind {
    /// The stable code of the kind, as written on the wire (`sirene_bureau`).
    pub fn code(self) -> &'static str {
        match self {
            AuthorityKind::BorderAuthority => "border_authority",
            AuthorityKind::VisaAuthority => "visa_authority",
            AuthorityKind::ImmigrationAuthority => "immigration_authority",
            AuthorityKind::AsylumAuthority => "asylum_authority",
            AuthorityKind::EtiasCentralUnit => "etias_central_unit",
            AuthorityKind::EtiasNationalUnit => "etias_national_unit",
            AuthorityKind::SireneBureau => "sirene_bureau",
            AuthorityKind::Police => "police",
            AuthorityKind::DesignatedAuthority => "designated_authority",
            AuthorityKind::Europol => "europol",
            AuthorityKind::EcrisTcnCentralAuthority => "ecris_tcn_central_authority",
            AuthorityKind::SupervisoryAuthority => "supervisory_authority",
            AuthorityKind::EuLisaOperator => "eu_lisa_operator",
            AuthorityKind::StatisticsUser => "statistics_user",
            AuthorityKind::SourceSystemService => "source_system_service",
        }
    }

    /// Whether the kind is a law enforcement authority for CIR Art 22 access.
    pub fn is_law_enforcement(self) -> bool {
        matches!(self, AuthorityKind::DesignatedAuthority | AuthorityKind::Europol)
    }
}

/// An authority: an organisation and the kind of authority within it, written
/// `DEU/border_authority` — the reference of the authority in notices (Art 34(d)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
pub struct Authority {
    /// The Member State or agency.
    pub organisation: Organisation,
    /// The kind of authority.
    pub kind: AuthorityKind,
}

impl std::fmt::Display for Authority {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.organisation, self.kind.code())
    }
}

fn check_principal_id(value: &str) -> Result<String, ModelError> {
    checked_identifier(value, "principal id", 128)
}

fn check_user_id(value: &str) -> Result<String, ModelError> {
    checked_text(value, "user id", 128)
}

validated_string!(
    /// The identifier of a principal: 1–128 characters from `[A-Za-z0-9._:-]`.
    PrincipalId,
    check_principal_id,
    {"type": "string", "pattern": "^[A-Za-z0-9._:-]{1,128}$", "description": "Identifier of a principal."}
);

validated_string!(
    /// The unique user identifier of an official (logged under Art 24(5) and Art 10(2)).
    UserId,
    check_user_id,
    {"type": "string", "minLength": 1, "maxLength": 128, "description": "Unique user identifier of an official."}
);

/// A designation an authority holds under its Member State's national law. Designations belong
/// to one authority, not to its Member State: two police authorities of the same State may hold
/// different ones (CIR-07).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Designation {
    /// Designated under Art 20(5) to query the CIR for identification during an identity check
    /// (Art 20(1)–(3)).
    Art20Identification,
    /// Designated to identify persons unable to identify themselves or unidentified human
    /// remains after a natural disaster, an accident or a terrorist attack (Art 20(4), 20(6)).
    Art20DisasterIdentification,
}

/// A caller of the components: an official of an authority, with the ESP profiles held and the
/// systems the authority may access.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Principal {
    /// Identifier of the principal.
    pub id: PrincipalId,
    /// The official's unique user identifier.
    pub user_id: UserId,
    /// The authority the principal acts for.
    pub authority: Authority,
    /// The ESP profiles the principal holds.
    #[serde(default)]
    pub profiles: Vec<ProfileId>,
    /// The systems and databases the principal's authority may access.
    #[serde(default)]
    pub access: Vec<SourceSystem>,
    /// The designations the principal's authority holds under national law (CIR-05, CIR-07).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub designations: Vec<Designation>,
}

impl Principal {
    /// Whether the principal may access `system`.
    pub fn may_access(&self, system: SourceSystem) -> bool {
        self.access.contains(&system)
    }

    /// Whether the principal's authority holds `designation`.
    pub fn is_designated(&self, designation: Designation) -> bool {
        self.designations.contains(&designation)
    }
}

/// An opaque secret that identifies a principal (a bearer token over HTTP). Its `Debug` form
/// never shows the secret.
#[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(transparent)]
pub struct Credential(String);

impl Credential {
    /// Wraps a token.
    pub fn new(token: impl Into<String>) -> Self {
        Credential(token.into())
    }

    /// The token, for transports that must send it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Credential {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Credential([redacted])")
    }
}
