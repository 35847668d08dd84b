//! The path parameters of a route (`{system}`, `{id}`, `{sin}`, …) as the model's types: an
//! unknown source system or report kind is a 404 (nothing lives at that path), a malformed
//! identifier a 422 whose violation names the parameter.

use axum::extract::{FromRequestParts, Path};
use axum::http::request::Parts;

use super::problem::Failure;
use crate::api::Error;
use crate::model::{
    Component, ModelError, QueryId, RecordId, RecordRef, ReportKind, RequestId, Sin, SourceSystem,
};

/// The decoded parameters of one request, by name.
pub(super) struct Params(Vec<(String, String)>);

fn malformed(name: &str, error: &ModelError) -> Failure {
    Failure::from(
        Error::invalid_field(
            crate::requirement!("SEC-02"),
            name,
            format!("path parameter `{name}`: {error}"),
        )
        .with_rule(crate::requirement!("SEC-02")),
    )
}

impl Params {
    /// The parameters of the matched route, percent-decoded and each checked against its
    /// type, so that a bad path is refused before the body is read.
    pub async fn of(parts: &mut Parts) -> Result<Params, Failure> {
        let params = match Path::<Vec<(String, String)>>::from_request_parts(parts, &()).await {
            Ok(Path(values)) => Params(values),
            Err(rejection) => {
                let message = format!("the path parameters cannot be read: {}", rejection.body_text());
                return Err(Failure::from(
                    Error::invalid_field(crate::requirement!("SEC-02"), "path", message)
                        .with_rule(crate::requirement!("SEC-02")),
                ));
            }
        };
        for (name, _) in &params.0 {
            match name.as_str() {
                "system" => params.system().map(drop)?,
                "id" => params.record().map(drop)?,
                "sin" => params.sin().map(drop)?,
                "query" => params.query().map(drop)?,
                "request" => params.request().map(drop)?,
                "kind" => params.report_kind().map(drop)?,
                _ => {}
            }
        }
        Ok(params)
    }

    fn get(&self, name: &str) -> Result<&str, Failure> {
        self.0
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
            .ok_or_else(|| Failure::internal("the route table and the server disagree on a path parameter"))
    }

    /// `{system}`: a source system by its wire code (`EES`, `ECRIS_TCN`).
    pub fn system(&self) -> Result<SourceSystem, Failure> {
        let code = self.get("system")?;
        SourceSystem::ALL.into_iter().find(|system| system.code() == code).ok_or_else(|| {
            Failure::from(Error::not_found(format!(
                "no source system {code:?}; the codes are {}",
                SourceSystem::ALL.map(SourceSystem::code).join(", ")
            )))
        })
    }

    /// `{system}` and `{id}`: a record.
    pub fn record(&self) -> Result<RecordRef, Failure> {
        let system = self.system()?;
        let id = RecordId::new(self.get("id")?).map_err(|e| malformed("id", &e))?;
        Ok(RecordRef::new(system, id))
    }

    /// `{sin}`: the single identification number of a link.
    pub fn sin(&self) -> Result<Sin, Failure> {
        Sin::new(self.get("sin")?).map_err(|e| malformed("sin", &e))
    }

    /// `{request}`: a person's request about MID data (MID-19).
    pub fn request(&self) -> Result<RequestId, Failure> {
        RequestId::new(self.get("request")?).map_err(|e| malformed("request", &e))
    }

    /// `{query}`: a CIR query.
    pub fn query(&self) -> Result<QueryId, Failure> {
        QueryId::new(self.get("query")?).map_err(|e| malformed("query", &e))
    }

    /// `{kind}`: a statistics report, by its wire name (`links_per_colour`).
    pub fn report_kind(&self) -> Result<ReportKind, Failure> {
        let name = self.get("kind")?;
        serde_json::from_value(serde_json::Value::String(name.to_string()))
            .map_err(|_| Failure::from(Error::not_found(format!("no statistics report {name:?}"))))
    }

    /// `{component}`: a component by its wire name (`ESP`, `CIR`).
    pub fn component(&self) -> Result<Component, Failure> {
        let name = self.get("component")?;
        serde_json::from_value(serde_json::Value::String(name.to_string()))
            .map_err(|_| Failure::from(Error::not_found(format!("no component {name:?}"))))
    }

    /// `{procedure}`: a monitoring procedure's identifier, as the implementation gave it.
    pub fn procedure(&self) -> Result<&str, Failure> {
        self.get("procedure")
    }
}
