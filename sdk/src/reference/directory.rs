//! Who the caller is and which profiles it holds (ESP-10, ESP-11).

use async_trait::async_trait;

use crate::api::{Directory, Result};
use crate::model::{AuthorityKind, Component, EspProfile, Principal};

use super::handle::Handle;

impl Handle {
    /// The configured profiles the caller holds.
    pub(crate) fn held_profiles(&self) -> Result<Vec<EspProfile>> {
        let me = self.principal()?;
        Ok(self.core.config.profiles.iter().filter(|p| me.profiles.contains(&p.id)).cloned().collect())
    }
}

#[async_trait]
impl Directory for Handle {
    async fn whoami(&self) -> Result<Principal> {
        self.principal().cloned()
    }

    async fn profiles(&self) -> Result<Vec<EspProfile>> {
        self.held_profiles()
    }

    async fn profiles_due_for_review(&self) -> Result<Vec<EspProfile>> {
        let me = self.principal()?;
        if me.authority.kind != AuthorityKind::EuLisaOperator {
            return Err(self.deny(
                Component::Esp,
                "profiles_due_for_review",
                "only eu-LISA operators review ESP profiles".into(),
                crate::requirement!("ESP-11"),
            ));
        }
        let today = self.core.now().date();
        Ok(self
            .core
            .config
            .profiles
            .iter()
            .filter(|p| p.last_reviewed.add_years(1).is_none_or(|due| due <= today))
            .cloned()
            .collect())
    }
}
