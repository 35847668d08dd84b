//! The audit log service: read by supervisory authorities only, never altered (LOG-01..03).

use async_trait::async_trait;

use crate::api::{AuditLog, Error, Result};
use crate::model::{Component, LogEntry, LogQuery, MonitoringProcedure};

use super::handle::Handle;
use super::state::covers;

impl Handle {
    /// Whether the caller holds a profile with log access (supervisory authorities, EDPS).
    fn may_read_logs(&self) -> Result<bool> {
        Ok(self.held_profiles()?.iter().any(|p| p.log_access))
    }

    /// Refuses a log operation; the attempt is logged with the central reporting component,
    /// where the monitoring tools sit.
    fn refuse_logs(&self, operation: &str) -> Error {
        let mut state = self.core.lock();
        self.deny(
            &mut state,
            Component::Crrs,
            operation,
            "only supervisory authorities may read logs".into(),
            "LOG-02",
        )
    }
}

#[async_trait]
impl AuditLog for Handle {
    async fn entries(&self, query: LogQuery) -> Result<Vec<LogEntry>> {
        if !self.may_read_logs()? {
            return Err(self.refuse_logs("read logs"));
        }
        let state = self.core.lock();
        Ok(state.logs.entries.iter().filter(|e| covers(&query, e)).cloned().collect())
    }

    async fn open_procedure(&self, description: String, covers: LogQuery) -> Result<MonitoringProcedure> {
        if !self.may_read_logs()? {
            return Err(self.refuse_logs("open monitoring procedure"));
        }
        if description.trim().is_empty() {
            return Err(Error::invalid_field(
                "LOG-01",
                "description",
                "a monitoring procedure needs a description",
            ));
        }
        let now = self.core.now();
        let mut state = self.core.lock();
        let id = format!("MP-{:06}", state.next_number());
        let procedure = MonitoringProcedure { id, description, covers, opened_at: now, closed_at: None };
        state.logs.procedures.push(procedure.clone());
        Ok(procedure)
    }

    async fn close_procedure(&self, id: &str) -> Result<MonitoringProcedure> {
        if !self.may_read_logs()? {
            return Err(self.refuse_logs("close monitoring procedure"));
        }
        let now = self.core.now();
        let mut state = self.core.lock();
        let procedure = state
            .logs
            .procedures
            .iter_mut()
            .find(|p| p.id == id)
            .ok_or_else(|| Error::not_found(format!("no monitoring procedure {id}")))?;
        if procedure.closed_at.is_some() {
            return Err(Error::conflict(format!("monitoring procedure {id} is already closed")));
        }
        procedure.closed_at = Some(now);
        let closed = procedure.clone();
        state.logs.erase_due(now);
        Ok(closed)
    }
}
