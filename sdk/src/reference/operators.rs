//! eu-LISA operators manage the components and get no personal data from them (SEC-07, Arts
//! 54(3), 55(2)): the calls that search or compare personal data refuse them outright, whatever
//! profile or access a configuration gives them.

use crate::api::Result;
use crate::model::{AuthorityKind, Component};

use super::handle::Handle;

impl Handle {
    /// Refuses `operation` of `component` to an eu-LISA operator, logging the attempt (SEC-07).
    pub(crate) fn refuse_operator(&self, component: Component, operation: &str) -> Result<()> {
        if self.principal()?.authority.kind != AuthorityKind::EuLisaOperator {
            return Ok(());
        }
        Err(self.deny(
            component,
            operation,
            "eu-LISA operators get no personal data (Arts 54(3), 55(2))".into(),
            crate::requirement!("SEC-07"),
        ))
    }
}
