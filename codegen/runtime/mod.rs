//! Hand-written runtime support for the generated client.
//!
//! The code generator copies this directory verbatim into every generated
//! crate as `crate::runtime`; it is not generated and does not depend on the
//! model. It provides the value types used by generated serde types
//! ([`DateTime`], [`Blob`], [`Document`], [`UnknownVariant`], [`BuildError`]),
//! configuration and credentials ([`Config`], [`Credentials`],
//! [`ProvideCredentials`]), the HTTP transport ([`HttpTransport`], with the
//! default hyper/rustls implementation and a [`MockTransport`] for tests),
//! the awsJson call path with SigV4, retries and timeouts ([`ClientCore`]),
//! error types ([`Error`], [`OperationError`], [`ErrorResponse`],
//! [`Unhandled`]), paginators ([`paginate()`], [`items()`]), and the endpoint
//! rules engine ([`endpoint`]).

pub mod blob;
pub mod build_error;
pub mod client;
pub mod config;
pub mod credentials;
pub mod datetime;
pub mod endpoint;
#[doc(hidden)]
pub mod enum_impls;
pub mod error;
pub mod error_response;
pub mod hyper_transport;
pub mod mock;
pub mod paginate;
mod random;
mod resolve;
pub mod retry;
mod sign;
pub mod timestamp;
pub mod transport;
pub mod unknown;

pub use blob::Blob;
pub use build_error::BuildError;
pub use client::{Auth, ClientCore, OperationSpec, ServiceSpec};
pub use config::{Config, ConfigBuilder};
pub use credentials::{
    BoxFuture, Credentials, CredentialsError, EnvironmentCredentials, ProvideCredentials,
};
pub use datetime::{DateTime, DateTimeError};
pub use error::{
    EndpointResolutionError, Error, InvalidResponse, OperationError, SigningError, TimeoutError,
    TimeoutKind,
};
pub use error_response::{ErrorMeta, ErrorResponse, Unhandled};
pub use hyper_transport::HyperTransport;
pub use mock::MockTransport;
pub use paginate::{Stream, StreamExt, items, paginate};
pub use random::idempotency_token;
pub use transport::{HttpRequest, HttpResponse, HttpTransport, TransportError, TransportErrorKind};
pub use unknown::UnknownVariant;

/// An untyped JSON value, for Smithy `document` members.
pub type Document = serde_json::Value;

/// The `bytes` crate, whose `Bytes` carries request and response bodies.
pub use bytes;
/// The `http` crate, whose types make up [`HttpRequest`] and [`HttpResponse`].
pub use http;
