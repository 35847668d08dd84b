//! `jha-interop bench http`: the HTTP binding under load on loopback. The reference runs behind
//! the server with a preloaded gallery; concurrent clients (one connection pool, as an
//! integrator's process would have) register records, search the ESP and identify with
//! fingerprints, and the same clients hit an axum handler that returns a constant reply in the
//! same run: the ceiling of this machine's HTTP stack, against which each call is a ratio.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use jha_interop::api::{Connector, Session};
use jha_interop::http::client::{ClientOptions, HttpConnector};
use jha_interop::model::*;
use jha_interop::reference::ReferenceConfig;
use jha_interop::synthetic::fingerprint::{ImpressionParams, impression};
use jha_interop::synthetic::identity::IdentityGenerator;
use jha_interop_conformance::role::Role;
use jha_interop_conformance::serve::start_reference;

/// Options of the benchmark.
#[derive(Debug, Clone)]
pub struct Options {
    /// Records stored before measuring.
    pub records: u64,
    /// Concurrent clients.
    pub clients: usize,
    /// Requests measured per call.
    pub requests: u64,
}

/// The population seed: the same records every run.
const SEED: u64 = 20_261_204;

/// Latencies of one measured call.
struct Measured {
    name: &'static str,
    requests: u64,
    errors: u64,
    wall: Duration,
    latencies_us: Vec<u64>,
}

impl Measured {
    fn rate(&self) -> f64 {
        self.requests as f64 / self.wall.as_secs_f64()
    }

    fn percentile_ms(&self, p: f64) -> f64 {
        if self.latencies_us.is_empty() {
            return f64::NAN;
        }
        let rank = ((p * self.latencies_us.len() as f64).ceil() as usize).clamp(1, self.latencies_us.len());
        self.latencies_us[rank - 1] as f64 / 1000.0
    }
}

fn fingers(person: u64, n: u64) -> Vec<FingerprintSample> {
    (0..2u8)
        .filter_map(|i| {
            let position = FingerPosition::new(i + 1).ok()?;
            let template = impression(SEED, person * 10 + u64::from(i), n, &ImpressionParams::EASY);
            Some(FingerprintSample::minutiae(position, template))
        })
        .collect()
}

/// Record `person` of the population as the VIS writes it: identity data, a passport and two
/// fingerprints.
fn record(generator_seed: u64, person: u64) -> Result<(RecordRef, RecordWrite), String> {
    let mut generator = IdentityGenerator::new(generator_seed ^ person.wrapping_mul(0x9E37_79B9_7F4A_7C15));
    let identity = generator.person().identity;
    let owner = Organisation::member_state("DEU").map_err(|e| e.to_string())?;
    let nationality = identity.nationalities.first().copied().map_or_else(|| CountryCode::new("UKR"), Ok);
    let passport = TravelDocument {
        document_type: DocumentType::Passport,
        number: DocumentNumber::new(format!("B{person:08}")).map_err(|e| e.to_string())?,
        issuing_country: nationality.map_err(|e| e.to_string())?,
        expiry: Some(Date::new(2032, 3, 31).map_err(|e| e.to_string())?),
    };
    let mut write = RecordWrite::new(owner, identity);
    write.travel_documents.push(passport);
    write.biometrics.fingerprints = fingers(person, 1);
    let id = RecordId::new(format!("VIS-BENCH-{person:07}")).map_err(|e| e.to_string())?;
    Ok((RecordRef::new(SourceSystem::Vis, id), write))
}

/// Stores person `person` of the population through the VIS's session; false on any failure.
async fn register_person(vis: Session, person: u64) -> bool {
    let Ok((reference, write)) = record(SEED, person) else { return false };
    vis.source_systems.put_record(&reference, write).await.is_ok()
}

/// Identifies stored person `person` by a second impression of its two fingers.
async fn identify_person(border: Session, person: u64) -> bool {
    let biometrics = BiometricData { fingerprints: fingers(person, 2), ..BiometricData::default() };
    let request = IdentifyRequest { biometrics, max_candidates: 10, systems: Vec::new() };
    border.biometrics.identify(request).await.is_ok()
}

/// Runs `requests` calls of `call` from `clients` tasks; `call(i)` makes the i-th request.
async fn measure<F, Fut>(name: &'static str, clients: usize, requests: u64, call: F) -> Measured
where
    F: Fn(u64) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = bool> + Send,
{
    let call = Arc::new(call);
    let next = Arc::new(AtomicU64::new(0));
    let errors = Arc::new(AtomicU64::new(0));
    let started = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..clients {
        let (call, next, errors) = (call.clone(), next.clone(), errors.clone());
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= requests {
                    break;
                }
                let t = Instant::now();
                if !call(i).await {
                    errors.fetch_add(1, Ordering::Relaxed);
                }
                latencies.push(t.elapsed().as_micros() as u64);
            }
            latencies
        }));
    }
    let mut latencies_us = Vec::new();
    for task in tasks {
        latencies_us.extend(task.await.unwrap_or_default());
    }
    let wall = started.elapsed();
    latencies_us.sort_unstable();
    Measured { name, requests, errors: errors.load(Ordering::Relaxed), wall, latencies_us }
}

/// The constant-reply server: the same HTTP stack with no work behind it.
async fn constant_server() -> Result<(SocketAddr, tokio::task::JoinHandle<()>), String> {
    let app = axum::Router::new().route(
        "/v1/constant",
        axum::routing::post(|| async { axum::Json(serde_json::json!({ "ok": true })) }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.map_err(|e| e.to_string())?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    let task = tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    Ok((addr, task))
}

fn session_as(
    connector: &HttpConnector,
    target: &jha_interop_conformance::target::TargetFile,
    role: &Role,
) -> Result<Session, String> {
    let token = target.token_of(role).ok_or_else(|| format!("no token for {role}"))?;
    Ok(connector.connect(&Credential::new(token)))
}

/// Runs the benchmark.
pub fn run(options: &Options) -> Result<(), String> {
    let runtime =
        tokio::runtime::Builder::new_multi_thread().enable_all().build().map_err(|e| e.to_string())?;
    runtime.block_on(run_async(options))
}

async fn run_async(options: &Options) -> Result<(), String> {
    let loopback: SocketAddr = "127.0.0.1:0".parse().map_err(|e: std::net::AddrParseError| e.to_string())?;
    let server =
        start_reference(loopback, false, ReferenceConfig::default()).await.map_err(|e| e.to_string())?;
    let connector = HttpConnector::new(&server.target.base_url, ClientOptions::default())
        .await
        .map_err(|e| e.to_string())?;
    let vis = session_as(&connector, &server.target, &Role::SourceSystem(SourceSystem::Vis))?;
    let border = session_as(
        &connector,
        &server.target,
        &"the border authority of DEU".parse::<Role>().map_err(|e| e.to_string())?,
    )?;

    eprintln!(
        "preloading {} records through the HTTP binding ({} clients)",
        options.records, options.clients
    );
    let loaded = Arc::new(AtomicU64::new(0));
    let first_error: Arc<Mutex<Option<String>>> = Arc::new(Mutex::new(None));
    let preload = {
        let (vis, loaded, first_error) = (vis.clone(), loaded.clone(), first_error.clone());
        let total = options.records;
        measure("preload", options.clients, options.records, move |i| {
            let (vis, loaded, first_error) = (vis.clone(), loaded.clone(), first_error.clone());
            async move {
                let result = match record(SEED, i) {
                    Ok((reference, write)) => {
                        vis.source_systems.put_record(&reference, write).await.map_err(|e| e.to_string())
                    }
                    Err(e) => Err(e),
                };
                let ok = match result {
                    Ok(_) => true,
                    Err(e) => {
                        first_error.lock().unwrap_or_else(|p| p.into_inner()).get_or_insert(e);
                        false
                    }
                };
                let done = loaded.fetch_add(1, Ordering::Relaxed) + 1;
                if done % 1000 == 0 || done == total {
                    eprintln!("  {done}/{total} records stored");
                }
                ok
            }
        })
        .await
    };
    if preload.errors > 0 {
        let first = first_error.lock().unwrap_or_else(|p| p.into_inner()).take().unwrap_or_default();
        return Err(format!(
            "{} of {} preload registrations failed; the first: {first}",
            preload.errors, preload.requests
        ));
    }

    let (constant_addr, constant_task) = constant_server().await?;
    let plain = reqwest::Client::new();
    let constant_url = format!("http://{constant_addr}/v1/constant");
    eprintln!("measuring the constant-reply handler");
    let constant = measure("constant reply (ceiling)", options.clients, options.requests, move |_| {
        let (plain, url) = (plain.clone(), constant_url.clone());
        async move {
            match plain.post(&url).json(&serde_json::json!({})).send().await {
                Ok(r) => r.status().is_success() && r.bytes().await.is_ok(),
                Err(_) => false,
            }
        }
    })
    .await;

    eprintln!("measuring record registration");
    let registration = {
        let (vis, base) = (vis.clone(), options.records);
        measure("record registration (PUT)", options.clients, options.requests, move |i| {
            register_person(vis.clone(), base + i)
        })
        .await
    };

    eprintln!("measuring ESP search");
    let profile = border.directory.profiles().await.map_err(|e| e.to_string())?;
    let profile = profile.first().ok_or("the border authority holds no profile")?.id.clone();
    let search = {
        let (border, records) = (border.clone(), options.records);
        measure("ESP search (POST, streamed)", options.clients, options.requests, move |i| {
            let (border, profile) = (border.clone(), profile.clone());
            async move {
                let Ok((_, write)) = record(SEED, i % records.max(1)) else { return false };
                let mut request = SearchRequest::new(profile);
                request.identity = Some(IdentityQuery {
                    surname: write.identity.surname.clone(),
                    date_of_birth: write.identity.date_of_birth,
                    ..IdentityQuery::default()
                });
                border.search_portal.search_all(request).await.is_ok()
            }
        })
        .await
    };

    eprintln!("measuring sBMS identification");
    let identify = {
        let (border, records) = (border.clone(), options.records);
        measure("sBMS identify (POST)", options.clients, options.requests, move |i| {
            identify_person(border.clone(), i % records.max(1))
        })
        .await
    };

    eprintln!("measuring registration beside 1:N identification (half the clients each)");
    let (mixed_registration, mixed_identify) = {
        let half = (options.clients / 2).max(1);
        let (vis, border, records) = (vis.clone(), border.clone(), options.records);
        // Fresh people, after those the registration phase stored.
        let base = options.records + options.requests;
        let registrations = measure("registration beside identify", half, options.requests / 2, move |i| {
            register_person(vis.clone(), base + i)
        });
        let searches = measure("identify beside registration", half, options.requests / 2, move |i| {
            identify_person(border.clone(), i % records.max(1))
        });
        tokio::join!(registrations, searches)
    };

    constant_task.abort();
    server.stop().await.map_err(|e| e.to_string())?;

    println!("# jha-interop bench http");
    println!();
    println!(
        "Loopback, {} concurrent clients sharing one connection pool, {} stored records (VIS: identity, passport and two \
         fingerprints each), {} requests per call; preload took {:.1} s ({:.0} registrations/s).",
        options.clients,
        options.records,
        options.requests,
        preload.wall.as_secs_f64(),
        preload.rate()
    );
    println!();
    println!(
        "The last two rows run together, half the clients each: a registration's latency beside 1:N \
         searches shows whether a search holds a lock the registration needs."
    );
    println!();
    println!("| call | requests/s | p50 ms | p99 ms | errors | ratio to the constant reply |");
    println!("|---|---:|---:|---:|---:|---:|");
    for m in [&constant, &registration, &search, &identify, &mixed_registration, &mixed_identify] {
        println!(
            "| {} | {:.0} | {:.2} | {:.2} | {} | {:.3} |",
            m.name,
            m.rate(),
            m.percentile_ms(0.50),
            m.percentile_ms(0.99),
            m.errors,
            m.rate() / constant.rate()
        );
    }
    Ok(())
}
