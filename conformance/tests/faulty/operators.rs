//! SEC-07's faults: an eu-LISA operator is given personal data, or a refusal quotes it.

use jha_interop::api::*;
use jha_interop::model::*;

use super::{Fault, FaultySession};

impl FaultySession {
    /// Whether the caller is an eu-LISA operator.
    async fn is_operator(&self) -> bool {
        self.me().await.is_some_and(|me| me.authority.kind == AuthorityKind::EuLisaOperator)
    }

    /// SEC-07's fault: an operator refused a record reads it through the system's central
    /// service, as an operations console with a service account would; SEC-01's fault: a
    /// statistics user does the same.
    pub(super) async fn operator_reads_record(
        &self,
        reference: &RecordRef,
        refused: Error,
    ) -> Result<StoredRecord> {
        if self.fault() == Fault::SecOperatorReadsRecord && self.is_operator().await {
            return self.shared.service(reference.system).source_systems.get_record(reference).await;
        }
        // SEC-01's fault: the statistics user's reporting tool reads the record the same way.
        if self.fault() == Fault::SecStatisticsUserReadsRecord
            && self.me().await.is_some_and(|me| me.authority.kind == AuthorityKind::StatisticsUser)
        {
            return self.shared.service(reference.system).source_systems.get_record(reference).await;
        }
        Err(refused)
    }

    /// SEC-07's fault: an operator's 1:N identification runs over every system.
    pub(super) async fn operator_identifies(
        &self,
        request: IdentifyRequest,
        refused: Error,
    ) -> Result<IdentifyReply> {
        if self.fault() == Fault::SecOperatorIdentifies && self.is_operator().await {
            return self.shared.oracle().biometrics.identify(request).await;
        }
        Err(refused)
    }

    /// SEC-07's fault: a refusal quotes the identity of the record it withholds.
    pub(super) fn refusal_quotes_identity(&self, record: &RecordRef, mut refused: Error) -> Error {
        if self.fault() == Fault::SecRefusalQuotesIdentity
            && let Some(write) = self.shared.written(record)
            && let Some(surname) = &write.identity.surname
        {
            refused.message = format!("{} (record of {})", refused.message, surname.as_str());
        }
        refused
    }
}
