//! [`Error`]: everything an operation call can fail with, and the
//! [`OperationError`] trait that generated per-operation error enums implement.

use std::fmt;
use std::time::Duration;

use crate::build_error::BuildError;
use crate::credentials::CredentialsError;
use crate::error_response::{ErrorMeta, ErrorResponse};
use crate::transport::TransportError;

/// Implemented by each generated per-operation error enum.
///
/// ```ignore
/// fn from_error_response(response: ErrorResponse) -> Self {
///     match response.code() {
///         "ResourceNotFoundException" => match response.parse_body() {
///             Ok(e) => Self::ResourceNotFoundException(e),
///             Err(_) => Self::Unhandled(response.into_unhandled()),
///         },
///         _ => Self::Unhandled(response.into_unhandled()),
///     }
/// }
/// ```
pub trait OperationError: Sized + std::error::Error + Send + Sync + 'static {
    /// Builds the typed error from a non-2xx response.
    fn from_error_response(response: ErrorResponse) -> Self;
}

/// Which limit a [`Error::Timeout`] hit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TimeoutKind {
    /// The per-attempt limit, on the last allowed attempt.
    Attempt,
    /// The limit for the whole operation, retries included.
    Operation,
}

/// A call ran out of time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeoutError {
    kind: TimeoutKind,
    limit: Duration,
}

impl TimeoutError {
    pub(crate) fn new(kind: TimeoutKind, limit: Duration) -> Self {
        Self { kind, limit }
    }

    /// Which limit was hit.
    pub fn kind(&self) -> TimeoutKind {
        self.kind
    }

    /// The configured limit.
    pub fn limit(&self) -> Duration {
        self.limit
    }
}

impl fmt::Display for TimeoutError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.kind {
            TimeoutKind::Attempt => "attempt",
            TimeoutKind::Operation => "operation",
        };
        write!(f, "{what} timed out after {:?}", self.limit)
    }
}

impl std::error::Error for TimeoutError {}

/// A response the client could not make sense of: a 2xx body that is not the
/// expected JSON.
///
/// The message never quotes JSON bodies (they may carry tokens); non-JSON
/// bodies (HTML or XML pages) are quoted briefly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidResponse {
    status: u16,
    message: String,
    request_id: Option<String>,
}

impl InvalidResponse {
    pub(crate) fn new(status: u16, message: String, request_id: Option<String>) -> Self {
        Self {
            status,
            message,
            request_id,
        }
    }

    /// The HTTP status of the response.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// What was wrong with it.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The request id, if the response carried one.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }
}

impl fmt::Display for InvalidResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid response (HTTP {}): {}",
            self.status, self.message
        )
    }
}

impl std::error::Error for InvalidResponse {}

/// The endpoint could not be determined (missing region, invalid endpoint
/// URL, missing or unusable endpoint rules, or rules that reject the
/// configuration).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EndpointResolutionError {
    message: String,
}

impl EndpointResolutionError {
    pub(crate) fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
        }
    }

    /// What went wrong.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for EndpointResolutionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "endpoint resolution failed: {}", self.message)
    }
}

impl std::error::Error for EndpointResolutionError {}

/// The request could not be signed (no region configured, or credentials
/// that cannot appear in an HTTP header).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SigningError {
    message: String,
}

impl SigningError {
    pub(crate) fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
        }
    }
}

impl fmt::Display for SigningError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "request signing failed: {}", self.message)
    }
}

impl std::error::Error for SigningError {}

/// Why an operation call failed. `E` is the operation's generated error enum.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error<E> {
    /// The service answered with an error.
    Service {
        /// The typed error (its `Unhandled` variant for unmodelled codes).
        error: E,
        /// Code, message, HTTP status and request id (boxed to keep
        /// `Result<_, Error<E>>` small).
        meta: Box<ErrorMeta>,
    },
    /// The input failed client-side validation; nothing was sent.
    InvalidInput(BuildError),
    /// The call ran out of time.
    Timeout(TimeoutError),
    /// The request could not be exchanged with the server.
    Transport(TransportError),
    /// The response could not be decoded.
    InvalidResponse(InvalidResponse),
    /// Credentials could not be obtained; nothing was sent.
    Credentials(CredentialsError),
    /// The endpoint could not be determined; nothing was sent.
    Endpoint(EndpointResolutionError),
    /// The request could not be signed; nothing was sent.
    Signing(SigningError),
    /// The called method has no implementation (default methods of the
    /// generated client trait, so mocks implement only what they need).
    NotImplemented(&'static str),
}

impl<E> Error<E> {
    /// The typed service error, if the service answered with one.
    pub fn service_error(&self) -> Option<&E> {
        match self {
            Error::Service { error, .. } => Some(error),
            _ => None,
        }
    }

    /// The typed service error, or the whole error back if it is not one.
    pub fn into_service_error(self) -> Result<E, Self> {
        match self {
            Error::Service { error, .. } => Ok(error),
            other => Err(other),
        }
    }

    /// Code, message, status and request id of a service error.
    pub fn meta(&self) -> Option<&ErrorMeta> {
        match self {
            Error::Service { meta, .. } => Some(&**meta),
            _ => None,
        }
    }

    /// The service's error code, e.g. `UserNotFoundException`.
    pub fn code(&self) -> Option<&str> {
        self.meta().map(ErrorMeta::code).filter(|c| !c.is_empty())
    }

    /// The request id of the failed response, if there was one.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Error::Service { meta, .. } => meta.request_id(),
            Error::InvalidResponse(e) => e.request_id(),
            _ => None,
        }
    }

    /// Whether trying the same call again later may succeed (throttling,
    /// server errors, timeouts, connection failures). The client already
    /// retried such errors up to the configured attempts.
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Service { meta, .. } => meta.is_retryable(),
            Error::Timeout(_) => true,
            Error::Transport(e) => crate::retry::is_retryable_transport(e),
            _ => false,
        }
    }
}

impl<E> From<BuildError> for Error<E> {
    fn from(error: BuildError) -> Self {
        Error::InvalidInput(error)
    }
}

impl<E: fmt::Display> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Service { error, meta } => {
                write!(f, "service error: {error}")?;
                match meta.request_id() {
                    Some(id) => write!(f, " (request id {})", crate::ServerText::new(id)),
                    None => Ok(()),
                }
            }
            Error::InvalidInput(e) => write!(f, "invalid input: {e}"),
            Error::Timeout(e) => fmt::Display::fmt(e, f),
            Error::Transport(e) => fmt::Display::fmt(e, f),
            Error::InvalidResponse(e) => fmt::Display::fmt(e, f),
            Error::Credentials(e) => write!(f, "credentials unavailable: {e}"),
            Error::Endpoint(e) => fmt::Display::fmt(e, f),
            Error::Signing(e) => fmt::Display::fmt(e, f),
            Error::NotImplemented(method) => write!(f, "`{method}` is not implemented"),
        }
    }
}

impl<E: std::error::Error + 'static> std::error::Error for Error<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Service { error, .. } => Some(error),
            Error::InvalidInput(e) => Some(e),
            Error::Timeout(e) => Some(e),
            Error::Transport(e) => Some(e),
            Error::InvalidResponse(e) => Some(e),
            Error::Credentials(e) => Some(e),
            Error::Endpoint(e) => Some(e),
            Error::Signing(e) => Some(e),
            Error::NotImplemented(_) => None,
        }
    }
}
