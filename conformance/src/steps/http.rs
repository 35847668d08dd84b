//! The HTTP binding itself (`@http`, HTTP targets only): status codes and problem documents,
//! authentication on the wire, size limits, content types, and the streamed search reply.
//! These steps speak HTTP directly, as a client in any language would.

use std::time::{Duration, Instant};

use cucumber::{then, when};
use jha_interop::http::wire::{Call, NDJSON, PROBLEM_JSON, PROBLEM_TYPE_PREFIX, Problem, SearchStreamLine};
use jha_interop::model::{SearchRequest, SourceSystem};
use serde_json::Value;

use super::{Boundary, Spelled};
use crate::failure::{Failure, StepResult};
use crate::role::Role;
use crate::world::{ConformanceWorld, RawReply};
use crate::{ensure, fail};

impl ConformanceWorld {
    fn base_url(&self) -> Result<String, Failure> {
        match self.instance_base_url() {
            Some(url) => Ok(url),
            None => fail!("harness: an @http scenario ran against a target that is not reached over HTTP"),
        }
    }

    fn bearer(&self, role: &Role) -> Result<String, Failure> {
        Ok(format!("Bearer {}", self.credential_of(role)?.expose()))
    }

    async fn send_raw(&mut self, request: reqwest::RequestBuilder) -> StepResult {
        let started = Instant::now();
        let reply =
            request.send().await.map_err(|e| Failure::harness(format!("the request got no reply: {e}")))?;
        let status = reply.status().as_u16();
        let content_type = reply
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string();
        let mut raw = RawReply { status, content_type, ..RawReply::default() };
        let mut reply = reply;
        let mut pending = Vec::new();
        while let Some(chunk) =
            reply.chunk().await.map_err(|e| Failure::harness(format!("the reply broke off: {e}")))?
        {
            raw.body.extend_from_slice(&chunk);
            pending.extend_from_slice(&chunk);
            while let Some(end) = pending.iter().position(|b| *b == b'\n') {
                let line: Vec<u8> = pending.drain(..=end).collect();
                let text = String::from_utf8_lossy(&line).trim().to_string();
                if !text.is_empty() {
                    raw.lines.push((started.elapsed().as_millis(), text));
                }
            }
        }
        self.last_raw = Some(raw);
        Ok(())
    }

    fn raw(&self) -> Result<&RawReply, Failure> {
        match &self.last_raw {
            Some(r) => Ok(r),
            None => fail!("harness: no HTTP request was made"),
        }
    }

    fn record_path(&self, label: &str) -> Result<String, Failure> {
        let reference = match self.records().get(label) {
            Some(entry) => entry.reference.clone(),
            None => self.new_reference(SourceSystem::Ees, label)?,
        };
        match Call::PutRecord.path(&[reference.system.code(), reference.id.as_str()]) {
            Some(path) => Ok(path),
            None => fail!("harness: the route table has no record path"),
        }
    }
}

fn client() -> Result<reqwest::Client, Failure> {
    reqwest::Client::builder()
        .timeout(Duration::from_secs(60))
        .build()
        .map_err(|e| Failure::harness(format!("cannot build an HTTP client: {e}")))
}

#[when(
    regex = r"^record (\S+) is read over HTTP (without a bearer token|with an unknown bearer token|with a malformed Authorization header)$"
)]
async fn unauthenticated_read(world: &mut ConformanceWorld, label: String, how: String) -> StepResult {
    let url = format!("{}{}", world.base_url()?, world.record_path(&label)?);
    let request = client()?.get(url);
    let request = match how.as_str() {
        "without a bearer token" => request,
        "with an unknown bearer token" => {
            request.header("authorization", "Bearer not-a-token-of-this-server")
        }
        _ => request.header("authorization", "Basic dXNlcjpwYXNz"),
    };
    world.send_raw(request).await
}

#[when(regex = r"^(.+) reads record (\S+) over HTTP$")]
async fn authenticated_read(world: &mut ConformanceWorld, who: Role, label: String) -> StepResult {
    let url = format!("{}{}", world.base_url()?, world.record_path(&label)?);
    let bearer = world.bearer(&who)?;
    world.send_raw(client()?.get(url).header("authorization", bearer)).await
}

#[when("the capabilities are read over HTTP without a token")]
async fn capabilities_without_token(world: &mut ConformanceWorld) -> StepResult {
    let path = Call::Capabilities.path(&[]).unwrap_or_default();
    let url = format!("{}{path}", world.base_url()?);
    world.send_raw(client()?.get(url)).await
}

#[when(regex = r"^an unknown path is requested over HTTP by (.+)$")]
async fn unknown_path(world: &mut ConformanceWorld, who: Role) -> StepResult {
    let url = format!("{}/v1/no-such-route", world.base_url()?);
    let bearer = world.bearer(&who)?;
    world.send_raw(client()?.get(url).header("authorization", bearer)).await
}

/// The JSON of record `label` as written, to alter before sending.
fn written_json(world: &ConformanceWorld, label: &str) -> Result<Value, Failure> {
    let entry = world.record(label)?;
    serde_json::to_value(&entry.write)
        .map_err(|e| Failure::harness(format!("cannot encode record {label}: {e}")))
}

#[when(regex = r"^the EES central system sends record (\S+) over HTTP as (.+)$")]
async fn sends_altered_record(world: &mut ConformanceWorld, label: String, input: String) -> StepResult {
    let mut body = written_json(world, "E")?;
    let mut content_type = "application/json".to_string();
    let bytes: Vec<u8> = match input.as_str() {
        "malformed JSON" => {
            let mut text = body.to_string();
            text.truncate(text.len() / 2);
            text.into_bytes()
        }
        "a record with an unknown field nickname in the identity" => {
            body["identity"]["nickname"] = Value::String("Anita".into());
            body.to_string().into_bytes()
        }
        "a record whose identity has a number for a date of birth" => {
            body["identity"]["date_of_birth"] = Value::from(19900507);
            body.to_string().into_bytes()
        }
        "a record with the content type text/plain" => {
            content_type = "text/plain".into();
            body.to_string().into_bytes()
        }
        other => fail!("harness: unknown input {other:?}"),
    };
    let url = format!("{}{}", world.base_url()?, world.record_path(&label)?);
    let bearer = world.bearer(&Role::SourceSystem(SourceSystem::Ees))?;
    let request =
        client()?.put(url).header("authorization", bearer).header("content-type", content_type).body(bytes);
    world.send_raw(request).await
}

#[when(
    regex = r"^the EES central system sends record (\S+) over HTTP padded to (exactly|one byte over) the declared request limit$"
)]
async fn sends_padded_record(
    world: &mut ConformanceWorld,
    label: String,
    size: Spelled<Boundary>,
) -> StepResult {
    let limit = world.capabilities.limits.max_request_bytes as usize;
    let mut text = written_json(world, "E")?.to_string();
    let wanted = match size.0 {
        Boundary::At => limit,
        Boundary::Past => limit + 1,
    };
    ensure!(text.len() <= wanted, "harness: the record alone is larger than the limit of {limit} bytes");
    // JSON allows whitespace after the document: the body stays valid at any length.
    text.extend(std::iter::repeat_n(' ', wanted - text.len()));
    let url = format!("{}{}", world.base_url()?, world.record_path(&label)?);
    let bearer = world.bearer(&Role::SourceSystem(SourceSystem::Ees))?;
    let request = client()?
        .put(url)
        .header("authorization", bearer)
        .header("content-type", "application/json")
        .body(text);
    world.send_raw(request).await
}

#[when(regex = r"^(.+) searches for everything about record (\S+) over HTTP as a stream$")]
async fn streamed_search(world: &mut ConformanceWorld, role: Role, label: String) -> StepResult {
    let profile = world.search_profile(&role).await?;
    let written = world.record(&label)?.write.clone();
    let mut request = SearchRequest::new(profile.id.clone());
    request.identity = Some(jha_interop::model::IdentityQuery {
        surname: written.identity.surname.clone(),
        date_of_birth: written.identity.date_of_birth,
        ..Default::default()
    });
    let path = Call::Search.path(&[]).unwrap_or_default();
    let url = format!("{}{path}", world.base_url()?);
    let bearer = world.bearer(&role)?;
    let body = serde_json::to_vec(&request).map_err(|e| Failure::harness(e.to_string()))?;
    let request = client()?
        .post(url)
        .header("authorization", bearer)
        .header("content-type", "application/json")
        .header("accept", NDJSON)
        .body(body);
    world.send_raw(request).await
}

fn problem_of(reply: &RawReply) -> Result<Problem, Failure> {
    ensure!(
        reply.content_type.starts_with(PROBLEM_JSON),
        "the reply's content type is {:?}, not {PROBLEM_JSON}: {}",
        reply.content_type,
        String::from_utf8_lossy(&reply.body).chars().take(200).collect::<String>()
    );
    serde_json::from_slice(&reply.body).map_err(|e| {
        Failure(format!(
            "the reply is not a problem document ({e}): {}",
            String::from_utf8_lossy(&reply.body).chars().take(200).collect::<String>()
        ))
    })
}

#[then(regex = r"^the reply is a (\d{3}) problem document of type ([a-z-]+)$")]
async fn reply_is_problem(world: &mut ConformanceWorld, status: u16, kind: String) -> StepResult {
    let reply = world.raw()?;
    ensure!(reply.status == status, "the reply's status is {}, not {status}", reply.status);
    let problem = problem_of(reply)?;
    let expected = format!("{PROBLEM_TYPE_PREFIX}{kind}");
    ensure!(problem.type_uri == expected, "the problem's type is {:?}, not {expected:?}", problem.type_uri);
    ensure!(problem.status == status, "the problem's status member is {}, not {status}", problem.status);
    Ok(())
}

#[then(regex = r"^the problem names the field (\S+)$")]
async fn problem_names_field(world: &mut ConformanceWorld, field: String) -> StepResult {
    let problem = problem_of(world.raw()?)?;
    let fields: Vec<&str> = problem.violations.iter().map(|v| v.field.as_str()).collect();
    ensure!(
        fields.contains(&field.as_str()),
        "the problem's violations name {fields:?}, not {field:?} (detail: {})",
        problem.detail
    );
    Ok(())
}

#[then(regex = r"^the reply carries nothing of record (\S+)$")]
async fn reply_carries_nothing(world: &mut ConformanceWorld, label: String) -> StepResult {
    let surname =
        world.record(&label)?.write.identity.surname.as_ref().map(|s| s.to_string()).unwrap_or_default();
    let id = world.record(&label)?.reference.id.to_string();
    let body = String::from_utf8_lossy(&world.raw()?.body).to_string();
    let shows_name = !surname.is_empty() && body.contains(&surname);
    ensure!(!shows_name && !body.contains(&id), "the refusal shows data of {label}: {body}");
    Ok(())
}

#[then(regex = r"^the reply is (\d{3}) with a JSON body$")]
async fn reply_is_json(world: &mut ConformanceWorld, status: u16) -> StepResult {
    let reply = world.raw()?;
    ensure!(reply.status == status, "the reply's status is {}, not {status}", reply.status);
    ensure!(
        reply.content_type.starts_with("application/json"),
        "the content type is {:?}",
        reply.content_type
    );
    serde_json::from_slice::<Value>(&reply.body)
        .map_err(|e| Failure(format!("the body is not JSON: {e}")))?;
    Ok(())
}

fn stream_lines(reply: &RawReply) -> Result<Vec<(u128, SearchStreamLine)>, Failure> {
    ensure!(
        reply.status == 200,
        "the search was answered {}: {}",
        reply.status,
        String::from_utf8_lossy(&reply.body)
    );
    ensure!(
        reply.content_type.starts_with(NDJSON),
        "the content type is {:?}, not {NDJSON}",
        reply.content_type
    );
    reply
        .lines
        .iter()
        .map(|(at, text)| {
            serde_json::from_str::<SearchStreamLine>(text)
                .map(|line| (*at, line))
                .map_err(|e| Failure(format!("a line of the stream is not a SearchStreamLine ({e}): {text}")))
        })
        .collect()
}

#[then(regex = r"^the (\S+) line arrives within (\d+) ms and the (\S+) line after (\d+) ms$")]
async fn lines_arrive_in_time(
    world: &mut ConformanceWorld,
    fast: SourceSystem,
    within: u128,
    slow: SourceSystem,
    after: u128,
) -> StepResult {
    let lines = stream_lines(world.raw()?)?;
    let arrival = |system: SourceSystem| -> Result<u128, Failure> {
        let found: Vec<u128> = lines
            .iter()
            .filter_map(|(at, line)| match line {
                SearchStreamLine::Result(r) if r.source == system => Some(*at),
                _ => None,
            })
            .collect();
        match found.as_slice() {
            [one] => Ok(*one),
            other => fail!("the stream has {} {system} lines, not exactly one", other.len()),
        }
    };
    let (fast_at, slow_at) = (arrival(fast)?, arrival(slow)?);
    ensure!(
        fast_at <= within,
        "the {fast} line arrived after {fast_at} ms, not within {within} ms: the stream is buffered"
    );
    ensure!(
        slow_at >= after,
        "the {slow} line arrived after {slow_at} ms, before its source answered ({after} ms)"
    );
    Ok(())
}

#[then("the stream ends with an end line counting its result lines")]
async fn stream_ends(world: &mut ConformanceWorld) -> StepResult {
    let lines = stream_lines(world.raw()?)?;
    let results = lines.iter().filter(|(_, l)| matches!(l, SearchStreamLine::Result(_))).count() as u64;
    match lines.last() {
        Some((_, SearchStreamLine::End { results: counted })) => {
            ensure!(*counted == results, "the end line counts {counted} results; the stream has {results}");
        }
        other => fail!("the stream does not end with an end line; its last line is {other:?}"),
    }
    let ends = lines.iter().filter(|(_, l)| matches!(l, SearchStreamLine::End { .. })).count();
    ensure!(ends == 1, "the stream has {ends} end lines");
    Ok(())
}
