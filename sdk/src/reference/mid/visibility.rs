//! Who may see a link (Art 26, MID-12).

use crate::model::{Authority, LinkColour, LinkEnd, Principal, RecordRef};

/// Whether `viewer` may see a link of `colour` between `ends` verified by `responsible`.
///
/// `query_matched_both` is true only when the viewer's own query returned both linked records
/// (the condition for green links, Art 26(4)). The responsible authority always sees the links
/// it verifies (Art 26(1)).
pub fn can_see(
    viewer: &Principal,
    colour: LinkColour,
    ends: [&RecordRef; 2],
    responsible: &Authority,
    query_matched_both: bool,
) -> bool {
    if viewer.authority == *responsible {
        return true;
    }
    let both = viewer.may_access(ends[0].system) && viewer.may_access(ends[1].system);
    match colour {
        LinkColour::Red => {
            viewer.access.iter().any(|s| s.is_cir_system() || *s == crate::model::SourceSystem::Sis)
        }
        LinkColour::White => both,
        LinkColour::Green => both && query_matched_both,
        LinkColour::Yellow => false,
    }
}

/// One end of a link as `viewer` may see it: the record only when the viewer may access its
/// system (a red link shows the other system, not its data).
pub fn end_for(viewer: &Principal, end: &RecordRef) -> LinkEnd {
    LinkEnd { system: end.system, record: viewer.may_access(end.system).then(|| end.id.clone()) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AuthorityKind, Organisation, PrincipalId, RecordId, SourceSystem, UserId};

    fn viewer(kind: AuthorityKind, access: &[SourceSystem]) -> Principal {
        Principal {
            id: PrincipalId::new("p").unwrap(),
            user_id: UserId::new("u").unwrap(),
            authority: Authority { organisation: Organisation::member_state("DEU").unwrap(), kind },
            profiles: vec![],
            access: access.to_vec(),
        }
    }

    fn rec(system: SourceSystem) -> RecordRef {
        RecordRef::new(system, RecordId::new("r1").unwrap())
    }

    /// MID-12, every colour.
    #[test]
    fn mid_12_visibility_rules() {
        let ees = rec(SourceSystem::Ees);
        let vis = rec(SourceSystem::Vis);
        let verifier = Authority {
            organisation: Organisation::member_state("FRA").unwrap(),
            kind: AuthorityKind::VisaAuthority,
        };
        let sis_only = viewer(AuthorityKind::SireneBureau, &[SourceSystem::Sis]);
        let ees_only = viewer(AuthorityKind::BorderAuthority, &[SourceSystem::Ees]);
        let both = viewer(AuthorityKind::BorderAuthority, &[SourceSystem::Ees, SourceSystem::Vis]);
        let europol = viewer(AuthorityKind::Europol, &[SourceSystem::Europol]);
        let ends = [&ees, &vis];

        assert!(can_see(&sis_only, LinkColour::Red, ends, &verifier, false));
        assert!(!can_see(&europol, LinkColour::Red, ends, &verifier, false));
        assert!(!can_see(&ees_only, LinkColour::White, ends, &verifier, false));
        assert!(can_see(&both, LinkColour::White, ends, &verifier, false));
        assert!(!can_see(&both, LinkColour::Green, ends, &verifier, false));
        assert!(can_see(&both, LinkColour::Green, ends, &verifier, true));
        assert!(!can_see(&both, LinkColour::Yellow, ends, &verifier, true));
        let mut responsible = viewer(AuthorityKind::VisaAuthority, &[SourceSystem::Vis]);
        responsible.authority = verifier;
        assert!(can_see(&responsible, LinkColour::Yellow, ends, &verifier, false));
        assert_eq!(end_for(&sis_only, &ees).record, None);
        assert_eq!(end_for(&ees_only, &ees).record, Some(ees.id.clone()));
    }
}
