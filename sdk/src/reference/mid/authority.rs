//! Which authority verifies a link (Art 29, MID-09) and which authorities answer for the data
//! of a record (Art 32(6), MID-14).

use crate::model::{Authority, AuthorityKind, Organisation, SisAlert, SourceSystem, UnionAgency};

/// One linked record as the rules need it.
#[derive(Debug, Clone, Copy)]
pub struct LinkedParty {
    /// The record's system.
    pub system: SourceSystem,
    /// Who is responsible for the record (SIS: the issuing state).
    pub owner: Organisation,
    /// The SIS alert, for SIS records.
    pub alert: Option<SisAlert>,
}

/// The authority responsible for the data of a record in `system` owned by `owner`.
pub fn data_authority(system: SourceSystem, owner: Organisation) -> Authority {
    let kind = match system {
        SourceSystem::Ees => AuthorityKind::BorderAuthority,
        SourceSystem::Vis => AuthorityKind::VisaAuthority,
        SourceSystem::Etias => {
            return Authority {
                organisation: Organisation::Agency(UnionAgency::Frontex),
                kind: AuthorityKind::EtiasCentralUnit,
            };
        }
        SourceSystem::Sis => AuthorityKind::SireneBureau,
        SourceSystem::EcrisTcn => AuthorityKind::EcrisTcnCentralAuthority,
        SourceSystem::Eurodac => AuthorityKind::AsylumAuthority,
        SourceSystem::Europol => AuthorityKind::Europol,
        SourceSystem::InterpolSltd | SourceSystem::InterpolTdawn => AuthorityKind::Police,
    };
    Authority { organisation: owner, kind }
}

/// The authority responsible for manually verifying a link between `trigger` (the record
/// whose write ran detection) and `other` (Art 29(1)), overridden to the SIRENE Bureau of the
/// issuing state when an SIS alert of Art 29(2) is involved.
pub fn verifying_authority(trigger: LinkedParty, other: LinkedParty) -> Authority {
    let overriding = |p: LinkedParty| {
        p.system == SourceSystem::Sis && p.alert.is_some_and(|a| a.category.overrides_verifying_authority())
    };
    // The trigger's own alert first, so that a write of an SIS alert keeps its issuing state.
    for party in [trigger, other] {
        if overriding(party) {
            return Authority { organisation: party.owner, kind: AuthorityKind::SireneBureau };
        }
    }
    data_authority(trigger.system, trigger.owner)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SisAlertCategory;

    fn party(system: SourceSystem, state: &str, alert: Option<SisAlertCategory>) -> LinkedParty {
        LinkedParty {
            system,
            owner: Organisation::member_state(state).unwrap(),
            alert: alert.map(|category| SisAlert { category }),
        }
    }

    /// MID-09: the trigger sets the authority.
    #[test]
    fn mid_09_trigger_system_decides() {
        let ees = party(SourceSystem::Ees, "DEU", None);
        let vis = party(SourceSystem::Vis, "FRA", None);
        let a = verifying_authority(ees, vis);
        assert_eq!(
            a,
            Authority {
                organisation: Organisation::member_state("DEU").unwrap(),
                kind: AuthorityKind::BorderAuthority
            }
        );
        let a = verifying_authority(vis, ees);
        assert_eq!(a.kind, AuthorityKind::VisaAuthority);
        let ecris = party(SourceSystem::EcrisTcn, "ITA", None);
        assert_eq!(verifying_authority(ecris, ees).kind, AuthorityKind::EcrisTcnCentralAuthority);
        let etias = party(SourceSystem::Etias, "ESP", None);
        assert_eq!(verifying_authority(etias, ees).kind, AuthorityKind::EtiasCentralUnit);
    }

    /// MID-09: SIS alerts of Art 29(2) override the trigger; refusal of entry does not.
    #[test]
    fn mid_09_sis_override() {
        let ees = party(SourceSystem::Ees, "DEU", None);
        for category in [
            SisAlertCategory::Arrest,
            SisAlertCategory::MissingOrVulnerablePerson,
            SisAlertCategory::JudicialProcedure,
            SisAlertCategory::DiscreetCheck,
            SisAlertCategory::InquiryCheck,
            SisAlertCategory::SpecificCheck,
        ] {
            let sis = party(SourceSystem::Sis, "NLD", Some(category));
            let a = verifying_authority(ees, sis);
            assert_eq!(
                a,
                Authority {
                    organisation: Organisation::member_state("NLD").unwrap(),
                    kind: AuthorityKind::SireneBureau
                },
                "{category:?}"
            );
        }
        let sis = party(SourceSystem::Sis, "NLD", Some(SisAlertCategory::RefusalOfEntry));
        assert_eq!(verifying_authority(ees, sis).kind, AuthorityKind::BorderAuthority);
    }
}
