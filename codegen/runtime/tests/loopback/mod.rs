//! Shared by the loopback-server tests: a minimal HTTP/1.1 request reader, a service
//! description, and an operation error type that keeps every error as `Unhandled`.

use std::fmt;

use smithy_lean_runtime::__private::ServiceSpec;
use smithy_lean_runtime::{ErrorResponse, OperationError, Unhandled};
use tokio::io::{AsyncRead, AsyncReadExt};

/// An awsJson 1.0 service without endpoint rules (tests set an endpoint URL).
pub static SERVICE: ServiceSpec = ServiceSpec {
    target_prefix: "LoopbackService",
    json_version: "1.0",
    signing_name: "loopback",
    service_id: "Loopback",
    endpoint_rules: None,
    retryable_errors: &[],
    throttling_errors: &[],
    query_compatible: false,
};

/// Every service error, as the catch-all.
#[derive(Debug)]
pub struct AnyError(pub Unhandled);

impl fmt::Display for AnyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl std::error::Error for AnyError {}

impl OperationError for AnyError {
    fn from_error_response(response: ErrorResponse) -> Self {
        AnyError(response.into_unhandled())
    }
}

/// Reads one request (head and `content-length` body) from `io`, using and refilling
/// `buffer` so that bytes of a following request are kept. Returns the head, or `None`
/// when the peer closed first.
pub async fn read_request(
    io: &mut (impl AsyncRead + Unpin),
    buffer: &mut Vec<u8>,
) -> Option<String> {
    let mut chunk = [0u8; 4096];
    loop {
        if let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&buffer[..end]).into_owned();
            let length: usize = head
                .to_ascii_lowercase()
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .and_then(|v| v.trim().parse().ok())
                .unwrap_or(0);
            let total = end + 4 + length;
            if buffer.len() >= total {
                buffer.drain(..total);
                return Some(head);
            }
        }
        let n = io.read(&mut chunk).await.ok().filter(|n| *n > 0)?;
        buffer.extend_from_slice(&chunk[..n]);
    }
}
