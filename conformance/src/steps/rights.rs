//! The role × call matrix of rights (SEC-01): after any role makes a call of the contract
//! (`<who> makes the call <call> …`, in `operators.rs`), one step says it was answered, another
//! that it was refused and that every refused attempt was logged, by the component that
//! refused it, as an attempt of that caller.

use cucumber::then;
use jha_interop::model::Component;

use super::operators::{DENIALS_BEFORE, REFUSED_ATTEMPTS};
use super::{Optional, RightsRefusal, Spelled, Spelling};
use crate::failure::{Failure, StepResult};
use crate::role::Role;
use crate::world::ConformanceWorld;
use crate::{ensure, fail};

#[then(regex = r"^the call is answered, not refused$")]
async fn answered(world: &mut ConformanceWorld) -> StepResult {
    world.accepted()
}

/// "Forbidden or not found" is for calls about a link the caller may not see (MID-12): an
/// implementation may decline to acknowledge it, but must still log the attempt (SEC-01).
/// "A component" is for the calls no component owns (source-system writes and reads, the
/// logs), where which component logs the refusal is the implementation's choice.
#[then(
    regex = r"^the call is refused as (forbidden|forbidden or not found), and each refused attempt of (.+) is logged by (?:the (ESP|SBMS|CIR|MID|CRRS)|a component)$"
)]
async fn refused_and_logged(
    world: &mut ConformanceWorld,
    refusal: Spelled<RightsRefusal>,
    who: Role,
    component: Optional<Spelled<Component>>,
) -> StepResult {
    let e = world.refusal()?.clone();
    let (allowed, kinds) = (refusal.0.kinds(), refusal.0.spelling());
    ensure!(allowed.contains(&e.kind), "refused with {} instead of '{kinds}'", e.kind);
    let count = |key: &str| -> Result<usize, Failure> {
        match world.kept.get(key).map(|n| n.parse()) {
            Some(Ok(n)) => Ok(n),
            _ => fail!("harness: no call was made with \"makes the call\""),
        }
    };
    let attempts = count(REFUSED_ATTEMPTS)?;
    let before = count(DENIALS_BEFORE)?;
    ensure!(attempts > 0, "harness: the call was refused but no refused attempt was counted");
    let component = component.0.map(|c| c.0);
    // Only the entries the call wrote: the caller may have been refused before, while the
    // scenario looked for the link as every observer.
    let logged: Vec<_> = world.denials_of(&who).await?.into_iter().skip(before).collect();
    ensure!(
        logged.len() == attempts,
        "{} log entries record a refused attempt of {who}; the call was refused {attempts} time(s)",
        logged.len()
    );
    if let Some(component) = component {
        for entry in logged {
            ensure!(
                entry.component == component,
                "the refused attempt of {who} is logged by {:?}, not by the {component:?}",
                entry.component
            );
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use jha_interop::http::wire::{Access, ROUTES};

    /// Every call a principal can make is either a row of the rights matrix or named in it as
    /// a cell the specification leaves open, so that a new call of the contract is decided on.
    #[test]
    fn the_rights_matrix_decides_or_names_every_call_of_a_principal() {
        let feature = [
            include_str!("../../../features/security/rights.feature"),
            include_str!("../../../features/security/link-rights.feature"),
        ]
        .concat();
        for route in ROUTES.iter().filter(|r| r.access == Access::Principal) {
            let row = format!("| {} ", route.operation_id);
            let named = format!("`{}`", route.operation_id);
            assert!(
                feature.contains(&row) || feature.contains(&named),
                "the rights matrix neither has a row for {} nor names it as open",
                route.operation_id
            );
        }
    }
}
