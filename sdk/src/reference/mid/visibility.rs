//! Who may see a link (Art 26, MID-12).

use crate::model::{Authority, LinkColour, LinkEnd, Principal, RecordRef};

/// Whether `viewer` may see a link of `colour` between `ends` verified by `responsible`.
///
/// `query_matched_both` is true only when the viewer's own query returned both linked records
/// (the condition for green links, Art 26(4)). The responsible authority sees the yellow links
/// it must verify (Art 26(1)) and the green links it concluded (its verification compared both
/// records, the condition of Art 26(4)); white and red links it sees only as any other
/// authority does (MID-12, version 2): an authority that triggered an automatic white link
/// without access to both systems does not see it. While it verifies a yellow link, it reads
/// the whole group through the confirmation file ([`sees_group_for_verification`], MID-10).
pub fn can_see(
    viewer: &Principal,
    colour: LinkColour,
    ends: [&RecordRef; 2],
    responsible: &Authority,
    query_matched_both: bool,
) -> bool {
    let verifier = viewer.authority == *responsible;
    let both = viewer.may_access(ends[0].system) && viewer.may_access(ends[1].system);
    match colour {
        LinkColour::Red => {
            viewer.access.iter().any(|s| s.is_cir_system() || *s == crate::model::SourceSystem::Sis)
        }
        LinkColour::White => both,
        LinkColour::Green => verifier || (both && query_matched_both),
        LinkColour::Yellow => verifier,
    }
}

/// Whether `viewer` reads every link of a group for manual verification: it is the authority
/// responsible for one of the group's yellow links, so it sees the Art 34 data of every link
/// of the group, existing white and green links included (Art 29(3), MID-10).
pub fn sees_group_for_verification<'a>(
    viewer: &Principal,
    group: impl IntoIterator<Item = (LinkColour, &'a Authority)>,
) -> bool {
    group
        .into_iter()
        .any(|(colour, responsible)| colour == LinkColour::Yellow && viewer.authority == *responsible)
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
            designations: vec![],
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
        // MID-12 v2: the verifier sees white links only with access to both systems.
        assert!(!can_see(&responsible, LinkColour::White, ends, &verifier, false));
        assert!(can_see(&responsible, LinkColour::Green, ends, &verifier, false));
        assert!(sees_group_for_verification(
            &responsible,
            [(LinkColour::White, &verifier), (LinkColour::Yellow, &verifier)]
        ));
        assert!(!sees_group_for_verification(
            &responsible,
            [(LinkColour::White, &verifier), (LinkColour::Green, &verifier)]
        ));
        assert_eq!(end_for(&sis_only, &ees).record, None);
        assert_eq!(end_for(&ees_only, &ees).record, Some(ees.id.clone()));
    }
}
