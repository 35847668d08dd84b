// An integrator's first session: connect to a server by URL with a bearer token, then write a
// record as the EES central system. Cargo.toml of your crate:
//   jha-interop = { version = "0.1", default-features = false, features = ["client"] }
//   tokio = { version = "1", features = ["macros", "rt-multi-thread"] }
// Run it against any server of the HTTP binding (`jha-interop serve` writes a token per role):
//   JHA_URL=http://127.0.0.1:8080 JHA_TOKEN=<token of EES/central-system> cargo run
use jha_interop::api::Connector;
use jha_interop::http::client::{ClientOptions, HttpConnector};
use jha_interop::model::*;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let url = std::env::var("JHA_URL").map_err(|_| "set JHA_URL to the server's base URL")?;
    let token = std::env::var("JHA_TOKEN").map_err(|_| "set JHA_TOKEN to your bearer token")?;

    // One connector per server; the caller is bound when the session is made, never per call.
    let connector = HttpConnector::new(&url, ClientOptions::default()).await?;
    let ees = connector.connect(&Credential::new(token));

    let identity = IdentityData::person("GARCÍA", "Ana", "1990-05-07", Sex::F, "ESP")?;
    let mut record = RecordWrite::new(Organisation::member_state("DEU")?, identity);
    // An EES record must carry the travel document it was created with (DQ-01).
    record.travel_documents.push(TravelDocument {
        document_type: DocumentType::Passport,
        number: DocumentNumber::new("PA1234567")?,
        issuing_country: CountryCode::new("ESP")?,
        expiry: Some(Date::new(2031, 3, 14)?),
    });
    let id = RecordRef::new(SourceSystem::Ees, RecordId::new("EES-1")?);
    let written = ees.source_systems.put_record(&id, record).await?;
    let links = written.links.len();
    println!("{id}: {:?}, {links} link(s), quality flags {:?}", written.effect, written.record.quality_flags);
    Ok(())
}
