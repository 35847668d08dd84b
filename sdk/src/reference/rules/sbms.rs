//! The rules of the shared Biometric Matching Service that decide what a search may see
//! (Arts 12–14). The quality gate (BMS-01) is applied where templates are made
//! (`templates::prepare`), with the measured quality against `QualityThresholds`.

use crate::model::{Principal, SourceSystem};

use super::cir::Refusal;

/// BMS-02, BMS-04: the partitions (source systems) an identification by `caller` searches:
/// those it names, each of which it must be allowed to access; or, when it names none, every
/// system holding templates that it may access. A caller that may access no such system has
/// no right to search at all: refused, not answered with nothing.
pub fn systems_searched(caller: &Principal, named: &[SourceSystem]) -> Result<Vec<SourceSystem>, Refusal> {
    if named.is_empty() {
        let mine: Vec<SourceSystem> =
            caller.access.iter().copied().filter(|s| s.has_biometric_templates()).collect();
        if mine.is_empty() {
            return Err(Refusal {
                reason: "no access to any system holding biometric templates".into(),
                rule: crate::requirement!("BMS-04"),
            });
        }
        return Ok(mine);
    }
    match named.iter().find(|s| !caller.may_access(**s)) {
        Some(s) => Err(Refusal { reason: format!("no access to {s}"), rule: crate::requirement!("BMS-04") }),
        None => Ok(named.to_vec()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn caller(access: &[SourceSystem]) -> Principal {
        super::super::officer_with_access(access)
    }

    #[test]
    fn bms_04_searches_only_what_the_caller_may_access() {
        let me = caller(&[SourceSystem::Vis, SourceSystem::Etias]);
        // ETIAS holds no templates: not searched when nothing is named.
        assert_eq!(systems_searched(&me, &[]), Ok(vec![SourceSystem::Vis]));
        assert_eq!(systems_searched(&me, &[SourceSystem::Vis]), Ok(vec![SourceSystem::Vis]));
        let refused = systems_searched(&me, &[SourceSystem::Vis, SourceSystem::Eurodac]).unwrap_err();
        assert_eq!(refused.rule, "BMS-04");
        assert!(refused.reason.contains("EURODAC"), "{}", refused.reason);
        assert_eq!(systems_searched(&caller(&[SourceSystem::Etias]), &[]).unwrap_err().rule, "BMS-04");
    }
}
