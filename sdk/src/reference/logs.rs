//! The audit log service (LOG-01..03): read by supervisory authorities and the EDPS, and by each
//! data controller for the entries of its own authorities (self-monitoring, decided by
//! `rules::logs`); never altered.

use async_trait::async_trait;

use crate::api::{AuditLog, Error, Result};
use sha2::{Digest, Sha256};

use crate::model::{
    BiometricData, BiometricQueryData, Component, DataType, FingerprintData, LogEntry, LogQuery,
    MonitoringProcedure,
};

use super::handle::Handle;
use super::rules::logs::{LogReading, covers, log_reading};

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// The JSON encoding a digest of POLICY LOG-P1 covers; the model's types always encode.
fn json_bytes<T: serde::Serialize>(value: &T) -> Vec<u8> {
    serde_json::to_vec(value).unwrap_or_default()
}

/// The biometric data that launched a query as its log entry holds them (LOG-03, POLICY
/// LOG-P1): per fingerprint sample its position and digest, per face its digest, per ANSI/NIST
/// transaction its digest; palm prints launch no query.
pub(crate) fn biometric_query_data(data: &BiometricData) -> Vec<BiometricQueryData> {
    let mut out: Vec<BiometricQueryData> = data
        .fingerprints
        .iter()
        .map(|sample| BiometricQueryData {
            data_type: DataType::Fingerprint,
            finger_position: Some(sample.position),
            sha256: sha256_hex(&match &sample.data {
                FingerprintData::Minutiae(template) => json_bytes(template),
                FingerprintData::Image(image) => image.data.as_slice().to_vec(),
                FingerprintData::Record { data, .. } => data.as_slice().to_vec(),
            }),
        })
        .collect();
    if let Some(file) = &data.ansi_nist {
        out.push(BiometricQueryData {
            data_type: DataType::Fingerprint,
            finger_position: None,
            sha256: sha256_hex(file.as_slice()),
        });
    }
    if let Some(face) = &data.face {
        out.push(BiometricQueryData {
            data_type: DataType::Face,
            finger_position: None,
            sha256: sha256_hex(&json_bytes(&face.template)),
        });
    }
    out
}

impl Handle {
    /// What the caller may read, if anything.
    fn log_reading(&self) -> Result<Option<LogReading>> {
        Ok(log_reading(self.principal()?, &self.held_profiles()?))
    }

    /// Whether the caller supervises the logs (supervisory authorities, EDPS): only they open
    /// and close monitoring procedures.
    fn supervises_logs(&self) -> Result<bool> {
        Ok(matches!(self.log_reading()?, Some(LogReading::Supervision)))
    }

    /// Refuses a log operation; the attempt is logged with the central reporting component,
    /// where the monitoring tools sit.
    fn refuse_logs(&self, operation: &str, reason: &str) -> Error {
        self.deny(Component::Crrs, operation, reason.into(), crate::requirement!("LOG-02"))
    }
}

#[async_trait]
impl AuditLog for Handle {
    async fn entries(&self, query: LogQuery) -> Result<Vec<LogEntry>> {
        let Some(reading) = self.log_reading()? else {
            return Err(self.refuse_logs(
                "read logs",
                "logs are read by supervisory authorities, the EDPS and, for self-monitoring, the authorities of a Member State or agency",
            ));
        };
        let logs = self.core.logs();
        Ok(logs.read(|e| covers(&query, e) && reading.may_read(e)))
    }

    async fn open_procedure(&self, description: String, covers: LogQuery) -> Result<MonitoringProcedure> {
        if !self.supervises_logs()? {
            return Err(self.refuse_logs(
                "open monitoring procedure",
                "only supervisory authorities and the EDPS open monitoring procedures",
            ));
        }
        if description.trim().is_empty() {
            return Err(Error::invalid_field(
                crate::requirement!("LOG-01"),
                "description",
                "a monitoring procedure needs a description",
            ));
        }
        let now = self.core.now();
        let mut logs = self.core.logs();
        logs.last_procedure += 1;
        let id = format!("MP-{:06}", logs.last_procedure);
        let procedure = MonitoringProcedure { id, description, covers, opened_at: now, closed_at: None };
        logs.procedures.push(procedure.clone());
        Ok(procedure)
    }

    async fn close_procedure(&self, id: &str) -> Result<MonitoringProcedure> {
        if !self.supervises_logs()? {
            return Err(self.refuse_logs(
                "close monitoring procedure",
                "only supervisory authorities and the EDPS close monitoring procedures",
            ));
        }
        let now = self.core.now();
        let mut logs = self.core.logs();
        let procedure = logs
            .procedures
            .iter_mut()
            .find(|p| p.id == id)
            .ok_or_else(|| Error::not_found(format!("no monitoring procedure {id}")))?;
        if procedure.closed_at.is_some() {
            return Err(Error::conflict(format!("monitoring procedure {id} is already closed")));
        }
        procedure.closed_at = Some(now);
        let closed = procedure.clone();
        logs.erase_due(now);
        Ok(closed)
    }
}
