//! The streamed ESP reply: NDJSON lines read as they arrive, each source's result handed to
//! the caller at once (ESP-06).
//!
//! Lines can be split across network chunks and several can share one; the reader keeps the
//! bytes after the last line break until the next chunk completes them. The server ends a
//! complete reply with an `end` line, so a connection cut early is told apart from the end
//! and reported as an error instead of a silently short result list.

use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use futures_util::{Stream, StreamExt};

use super::WireObserver;
use super::operation::Operation;
use super::transport::{Started, chain};
use crate::api::{Error, ErrorKind, Result, SourceResultStream};
use crate::http::wire::SearchStreamLine;
use crate::model::SourceResult;

type Chunks = Pin<Box<dyn Stream<Item = reqwest::Result<Bytes>> + Send>>;

/// The per-source results of a started NDJSON reply.
pub(crate) fn source_results(
    operation: Operation,
    started: Started,
    idle_timeout: Duration,
    max_line_bytes: usize,
    observer: Option<Arc<dyn WireObserver>>,
) -> SourceResultStream {
    let reader = LineReader {
        operation,
        status: started.status,
        content_type: started.content_type,
        chunks: Box::pin(started.response.bytes_stream()),
        buffer: Vec::new(),
        scanned: 0,
        eof: false,
        finished: false,
        delivered: 0,
        idle_timeout,
        max_line_bytes,
        observer,
    };
    // Fused: polling again after the end gives `None` again.
    Box::pin(
        futures_util::stream::unfold(reader, |mut reader| async move {
            let item = reader.next_item().await?;
            Some((item, reader))
        })
        .fuse(),
    )
}

struct LineReader {
    operation: Operation,
    status: u16,
    content_type: String,
    chunks: Chunks,
    /// Bytes received and not yet handed out as lines.
    buffer: Vec<u8>,
    /// How much of `buffer` is known to hold no line break.
    scanned: usize,
    /// The body has ended.
    eof: bool,
    /// Nothing more is yielded.
    finished: bool,
    /// Result lines yielded so far.
    delivered: u64,
    idle_timeout: Duration,
    max_line_bytes: usize,
    observer: Option<Arc<dyn WireObserver>>,
}

impl LineReader {
    /// The next item, or `None` when the stream is over.
    async fn next_item(&mut self) -> Option<Result<SourceResult>> {
        loop {
            if self.finished {
                return None;
            }
            if let Some(line) = self.take_line() {
                match self.handle(&line) {
                    Some(item) => return Some(item),
                    None => continue,
                }
            }
            if self.eof {
                let cut =
                    format!("the stream was cut after {} results, without its end line", self.delivered);
                return Some(Err(self.transport_error(ErrorKind::Unavailable, cut)));
            }
            match tokio::time::timeout(self.idle_timeout, self.chunks.next()).await {
                Err(_) => {
                    let message = format!(
                        "no line within {:?} after {} results; the stream is abandoned",
                        self.idle_timeout, self.delivered
                    );
                    return Some(Err(self.transport_error(ErrorKind::Timeout, message)));
                }
                Ok(None) => self.eof = true,
                Ok(Some(Err(e))) => {
                    let message =
                        format!("the stream was cut after {} results: {}", self.delivered, chain(&e));
                    return Some(Err(self.transport_error(ErrorKind::Unavailable, message)));
                }
                Ok(Some(Ok(chunk))) => {
                    self.buffer.extend_from_slice(&chunk);
                    let break_arrived = chunk.contains(&b'\n');
                    if !break_arrived && self.buffer.len() > self.max_line_bytes {
                        let message =
                            format!("a line of the stream is longer than {} bytes", self.max_line_bytes);
                        return Some(Err(self.transport_error(ErrorKind::Internal, message)));
                    }
                }
            }
        }
    }

    /// The next complete line (without its line break); at the end of the body, what is left.
    fn take_line(&mut self) -> Option<Vec<u8>> {
        if let Some(offset) = self.buffer[self.scanned..].iter().position(|&b| b == b'\n') {
            let end = self.scanned + offset;
            let mut line: Vec<u8> = self.buffer.drain(..=end).collect();
            line.pop();
            self.scanned = 0;
            return Some(line);
        }
        self.scanned = self.buffer.len();
        if self.eof && !self.buffer.is_empty() {
            self.scanned = 0;
            return Some(std::mem::take(&mut self.buffer));
        }
        None
    }

    /// What one line means: an item to yield, or `None` to read on (a blank line, the end).
    fn handle(&mut self, line: &[u8]) -> Option<Result<SourceResult>> {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.iter().all(u8::is_ascii_whitespace) {
            return None;
        }
        if let Some(observer) = &self.observer {
            observer.on_body(self.operation.call, self.status, &self.content_type, line);
        }
        let decoded = match serde_json::from_slice::<SearchStreamLine>(line) {
            Ok(decoded) => decoded,
            Err(e) => {
                let message = format!(
                    "line {} of the stream does not decode as SearchStreamLine: {e}",
                    self.delivered + 1
                );
                return Some(Err(self.transport_error(ErrorKind::Internal, message)));
            }
        };
        match decoded {
            SearchStreamLine::Result(result) => {
                self.delivered += 1;
                Some(Ok(result))
            }
            SearchStreamLine::Error(problem) => {
                self.finished = true;
                Some(Err(problem.into_error()))
            }
            SearchStreamLine::End { results } => {
                self.finished = true;
                (results != self.delivered).then(|| {
                    Err(Error::internal(format!(
                        "{}: the end line counts {results} results but {} arrived",
                        self.operation, self.delivered
                    )))
                })
            }
        }
    }

    /// Ends the stream with an error that is not an answer of the implementation.
    fn transport_error(&mut self, kind: ErrorKind, message: String) -> Error {
        self.finished = true;
        let error = Error::new(kind, format!("{}: {message}", self.operation));
        if let Some(observer) = &self.observer {
            observer.on_transport_error(self.operation.call, &error);
        }
        error
    }
}
