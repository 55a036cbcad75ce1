//! The [`HttpTransport`] abstraction: one request in, one response out.
//!
//! The default implementation is [`crate::hyper_transport::HyperTransport`];
//! tests use [`crate::mock::MockTransport`]. Implement the trait to
//! bring another HTTP stack.

use std::fmt;
use std::sync::Arc;

use bytes::Bytes;
use http::{HeaderMap, Method, StatusCode, Uri};

pub use crate::credentials::BoxFuture;

/// Headers whose values `Debug` never prints.
const SENSITIVE_HEADERS: &[&str] = &["authorization", "x-amz-security-token", "cookie"];

/// An HTTP request ready to be sent: fully signed, with the whole body.
///
/// `Debug` redacts credentials headers and prints only the body length
/// (bodies carry passwords and tokens).
#[derive(Clone)]
pub struct HttpRequest {
    /// The request method (always `POST` for awsJson).
    pub method: Method,
    /// The absolute URI, e.g. `https://cognito-idp.us-east-1.amazonaws.com/`.
    pub uri: Uri,
    /// Request headers, including `Host`.
    pub headers: HeaderMap,
    /// The request body.
    pub body: Bytes,
}

/// An HTTP response with its whole body.
///
/// `Debug` prints only the body length (bodies carry tokens).
#[derive(Clone)]
pub struct HttpResponse {
    /// The status code.
    pub status: StatusCode,
    /// Response headers.
    pub headers: HeaderMap,
    /// The response body.
    pub body: Bytes,
}

impl HttpResponse {
    /// A response with the given status, no headers and the given body.
    pub fn new(status: StatusCode, body: impl Into<Bytes>) -> Self {
        Self {
            status,
            headers: HeaderMap::new(),
            body: body.into(),
        }
    }
}

/// Formats headers, replacing sensitive values.
struct RedactedHeaders<'a>(&'a HeaderMap);

impl fmt::Debug for RedactedHeaders<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut map = f.debug_map();
        for (name, value) in self.0 {
            if SENSITIVE_HEADERS.contains(&name.as_str()) || value.is_sensitive() {
                map.entry(&name.as_str(), &"** redacted **");
            } else {
                map.entry(&name.as_str(), &String::from_utf8_lossy(value.as_bytes()));
            }
        }
        map.finish()
    }
}

/// Formats a body as its length only.
struct BodyLen(usize);

impl fmt::Debug for BodyLen {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "<{} bytes>", self.0)
    }
}

impl fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpRequest")
            .field("method", &self.method)
            .field("uri", &self.uri)
            .field("headers", &RedactedHeaders(&self.headers))
            .field("body", &BodyLen(self.body.len()))
            .finish()
    }
}

impl fmt::Debug for HttpResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpResponse")
            .field("status", &self.status)
            .field("headers", &RedactedHeaders(&self.headers))
            .field("body", &BodyLen(self.body.len()))
            .finish()
    }
}

/// What kind of failure a [`TransportError`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// No connection could be made (DNS, refused, TLS handshake, connect
    /// timeout). The request was not sent, so it is safe to retry.
    Connect,
    /// The transport gave up waiting for the response.
    Timeout,
    /// The connection failed while the request or response was in flight
    /// (the server may or may not have processed the request).
    Io,
    /// Anything else (invalid request, misconfigured transport, …).
    Other,
}

/// The request could not be exchanged with the server.
#[derive(Clone)]
pub struct TransportError {
    kind: TransportErrorKind,
    message: String,
    source: Option<Arc<dyn std::error::Error + Send + Sync>>,
}

impl TransportError {
    /// An error of the given kind with a message and no cause.
    pub fn new(kind: TransportErrorKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
            source: None,
        }
    }

    /// An error of the given kind with a message and the underlying cause.
    pub fn with_source(
        kind: TransportErrorKind,
        message: impl Into<String>,
        source: impl std::error::Error + Send + Sync + 'static,
    ) -> Self {
        Self {
            kind,
            message: message.into(),
            source: Some(Arc::new(source)),
        }
    }

    /// A connection could not be established.
    pub fn connect(message: impl Into<String>) -> Self {
        Self::new(TransportErrorKind::Connect, message)
    }

    /// The transport timed out.
    pub fn timeout(message: impl Into<String>) -> Self {
        Self::new(TransportErrorKind::Timeout, message)
    }

    /// The connection broke mid-exchange.
    pub fn io(message: impl Into<String>) -> Self {
        Self::new(TransportErrorKind::Io, message)
    }

    /// Any other failure.
    pub fn other(message: impl Into<String>) -> Self {
        Self::new(TransportErrorKind::Other, message)
    }

    /// The kind of failure.
    pub fn kind(&self) -> TransportErrorKind {
        self.kind
    }

    /// Whether no connection could be made.
    pub fn is_connect(&self) -> bool {
        self.kind == TransportErrorKind::Connect
    }

    /// Whether the transport timed out.
    pub fn is_timeout(&self) -> bool {
        self.kind == TransportErrorKind::Timeout
    }
}

impl fmt::Debug for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TransportError")
            .field("kind", &self.kind)
            .field("message", &self.message)
            .field("source", &self.source)
            .finish()
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.kind {
            TransportErrorKind::Connect => "connection failed",
            TransportErrorKind::Timeout => "timed out",
            TransportErrorKind::Io => "connection error",
            TransportErrorKind::Other => "transport error",
        };
        if self.message.is_empty() {
            f.write_str(kind)
        } else {
            write!(f, "{kind}: {}", self.message)
        }
    }
}

impl std::error::Error for TransportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_deref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}

/// Sends one HTTP request and returns the whole response.
///
/// Implementations own connection pooling and TLS. They must not retry
/// requests that may have reached the server (the client's retry policy
/// does that), but should transparently retry a request whose pooled
/// connection turned out to be closed before anything was sent.
pub trait HttpTransport: Send + Sync + 'static {
    /// Sends `request` and returns the response, whatever its status.
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>>;
}

impl<T: HttpTransport + ?Sized> HttpTransport for Arc<T> {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        (**self).send(request)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;

    #[test]
    fn debug_redacts_credentials_and_bodies() {
        let mut headers = HeaderMap::new();
        headers.insert(
            "authorization",
            HeaderValue::from_static("AWS4-HMAC-SHA256 Signature=abc"),
        );
        headers.insert("x-amz-security-token", HeaderValue::from_static("TOKEN123"));
        headers.insert("x-amz-target", HeaderValue::from_static("Svc.Op"));
        let request = HttpRequest {
            method: Method::POST,
            uri: Uri::from_static("https://example.com/"),
            headers,
            body: Bytes::from_static(br#"{"Password":"hunter2"}"#),
        };
        let debug = format!("{request:?}");
        assert!(!debug.contains("Signature=abc"), "{debug}");
        assert!(!debug.contains("TOKEN123"), "{debug}");
        assert!(!debug.contains("hunter2"), "{debug}");
        assert!(debug.contains("Svc.Op"), "{debug}");
        assert!(debug.contains("<22 bytes>"), "{debug}");
        let response = HttpResponse::new(StatusCode::OK, r#"{"AccessToken":"eyJ"}"#);
        assert!(!format!("{response:?}").contains("eyJ"));
    }

    #[test]
    fn error_display_and_kind() {
        let e = TransportError::connect("refused");
        assert!(e.is_connect() && !e.is_timeout());
        assert_eq!(e.to_string(), "connection failed: refused");
        assert_eq!(TransportError::timeout("").to_string(), "timed out");
        let io = std::io::Error::other("reset");
        let e = TransportError::with_source(TransportErrorKind::Io, "broken pipe", io);
        assert!(std::error::Error::source(&e).is_some());
        assert_eq!(e.kind(), TransportErrorKind::Io);
    }
}
