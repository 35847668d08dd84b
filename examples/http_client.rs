//! An integrator's first session over HTTP: read what the server declares, say who we are,
//! and run an ESP search whose per-source results print as each source answers.
//!
//! Start a server in one terminal (`jha-interop serve` writes a target file with a token per
//! role), then in another:
//!
//! ```sh
//! cargo run -p jha-interop-conformance --release -- serve --listen 127.0.0.1:8080
//! export JHA_URL=http://127.0.0.1:8080
//! export JHA_TOKEN=$(grep -A1 'role = "DEU/border_authority"' jha-interop-target.toml | sed -n 's/token = "\(.*\)"/\1/p')
//! cargo run -p jha-interop --example http_client
//! ```

use futures_util::StreamExt as _;
use jha_interop::api::{Connector, ErrorKind};
use jha_interop::http::client::{ClientOptions, HttpConnector};
use jha_interop::model::*;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let url = std::env::var("JHA_URL").unwrap_or_else(|_| "http://127.0.0.1:8080".into());
    let token = std::env::var("JHA_TOKEN").map_err(|_| "set JHA_TOKEN to your bearer token")?;

    // One connector per server: it holds the connection pool and reads the declaration once.
    let connector = HttpConnector::new(&url, ClientOptions::default()).await?;
    let declared = connector.capabilities().await?;
    println!("{} {} at {url}", declared.implementation, declared.version);

    // The caller is bound when the session is made, never per call.
    let session = connector.connect(&Credential::new(token));
    let me = match session.directory.whoami().await {
        Ok(me) => me,
        Err(e) if e.kind == ErrorKind::Unauthenticated => {
            return Err("the server does not know this token".into());
        }
        Err(e) => return Err(e.into()),
    };
    println!("acting as {} ({})", me.user_id, me.authority);

    let profile = session
        .directory
        .profiles()
        .await?
        .into_iter()
        .next()
        .ok_or("this principal holds no ESP profile")?;
    let mut request = SearchRequest::new(profile.id.clone());
    request.identity = Some(IdentityQuery {
        surname: Some(Name::new("GARCÍA")?),
        date_of_birth: Some("1990-05-07".parse()?),
        ..IdentityQuery::default()
    });
    let mut results = session.search_portal.search(request).await?;
    while let Some(result) = results.next().await {
        let result = result?;
        println!("{}: {:?}, {} item(s)", result.source, result.outcome, result.items.len());
    }
    Ok(())
}
