//! The runtime shared by the crates `codegen` generates from Smithy models.
//!
//! Generated crates depend on this crate (and re-export it as their `runtime` module) rather
//! than carrying their own copy, so a program using several services compiles it once and
//! shares one [`DateTime`], one `Config` and one set of transports between them.
//!
//! # Features
//!
//! - Without features (the *types part*): the value types generated serde types use —
//!   [`DateTime`], [`Blob`], [`Document`], [`BigNumber`], [`UnknownVariant`], [`BuildError`] —
//!   the [`timestamp`] and [`float`] serde helpers, and [`ServerText`], which prints text a
//!   server sent safely. It depends only on serde, serde_json and aws-smithy-types.
//!   This is all a types-only generated crate needs.
//! - `client`: the awsJson client side — configuration and credentials (`Config`, loaded
//!   from the environment and shared config files by `Config::load`; `Credentials`,
//!   `ProvideCredentials` and the providers in [`credentials`], among them the
//!   `DefaultCredentialsChain`), the HTTP transport trait and its hyper/rustls
//!   implementation (`HttpTransport`, `HyperTransport`) with its TLS trust (`TlsConfig`)
//!   and proxies (`ProxyConfig`), SigV4 signing, the endpoint rules engine (`endpoint`),
//!   retries (`retry`: standard and adaptive modes, retry quota, clock-skew correction) and
//!   timeouts, errors (`Error`, `OperationError`, `ErrorResponse`, `Unhandled`) and
//!   paginator streams (`Stream`, `StreamExt`).
//! - `native-roots` (implies `client`): `TlsRoots::Native`, the operating system's root
//!   certificates (rustls-native-certs).
//! - `test-util` (implies `client`): `MockTransport`, a scripted transport for tests, and
//!   `endpoint::testing`, which runs a model's endpoint test cases.
//!
//! Items that generated code needs but programs should not call (the call path behind a
//! generated client, the enum impl macros) live in [`__private`], which is hidden from the
//! documentation and exempt from semver.

mod blob;
mod build_error;
mod datetime;
mod enum_impls;
pub mod float;
mod server_text;
pub mod timestamp;
mod unknown;

#[cfg(feature = "client")]
mod client;
#[cfg(feature = "client")]
mod clock_skew;
#[cfg(feature = "client")]
mod config;
#[cfg(feature = "client")]
mod config_load;
#[cfg(feature = "client")]
pub mod credentials;
#[cfg(feature = "client")]
pub mod endpoint;
#[cfg(feature = "client")]
mod error;
#[cfg(feature = "client")]
mod error_response;
#[cfg(feature = "client")]
mod host_prefix;
#[cfg(feature = "client")]
mod hyper_transport;
#[cfg(feature = "test-util")]
mod mock;
#[cfg(feature = "client")]
mod objects_only;
#[cfg(feature = "client")]
mod operation_error;
#[cfg(feature = "client")]
mod paginate;
#[cfg(feature = "client")]
mod proxy;
#[cfg(feature = "client")]
mod random;
#[cfg(feature = "client")]
mod rate_limit;
#[cfg(feature = "client")]
mod redact;
#[cfg(feature = "client")]
mod resolve;
#[cfg(feature = "client")]
pub mod retry;
#[cfg(feature = "client")]
mod retry_quota;
#[cfg(feature = "client")]
mod sign;
#[cfg(feature = "client")]
mod tls;
#[cfg(feature = "client")]
mod transport;

pub use blob::Blob;
pub use build_error::BuildError;
pub use datetime::{DateTime, DateTimeError};
pub use server_text::ServerText;
pub use unknown::UnknownVariant;

/// An untyped JSON value, for Smithy `document` members.
pub type Document = serde_json::Value;
/// An arbitrary-precision number as JSON carries it, for Smithy `bigInteger` and
/// `bigDecimal` members.
pub type BigNumber = serde_json::Number;

#[cfg(feature = "client")]
pub use config::{Config, ConfigBuilder};
#[cfg(feature = "client")]
pub use config_load::ConfigError;
#[cfg(feature = "client")]
pub use credentials::{
    BoxFuture, Credentials, CredentialsError, DefaultCredentialsChain, EnvironmentCredentials,
    ProvideCredentials,
};
#[cfg(feature = "client")]
pub use error::{
    EndpointResolutionError, Error, InvalidResponse, OperationError, SigningError, TimeoutError,
    TimeoutKind,
};
#[cfg(feature = "client")]
pub use error_response::{ErrorMeta, ErrorResponse, Unhandled};
#[cfg(feature = "client")]
pub use hyper_transport::HyperTransport;
#[cfg(feature = "test-util")]
pub use mock::MockTransport;
#[cfg(feature = "client")]
pub use paginate::{Paginator, Stream, StreamExt};
#[cfg(feature = "client")]
pub use proxy::ProxyConfig;
#[cfg(feature = "client")]
pub use retry::{RetryConfig, RetryMode};
#[cfg(feature = "client")]
pub use tls::{TlsConfig, TlsRoots};
#[cfg(feature = "client")]
pub use transport::{HttpRequest, HttpResponse, HttpTransport, TransportError, TransportErrorKind};

/// The `bytes` crate, whose `Bytes` carries request and response bodies.
#[cfg(feature = "client")]
pub use bytes;
/// The `http` crate, whose types make up [`HttpRequest`] and [`HttpResponse`].
#[cfg(feature = "client")]
pub use http;

/// Support for generated code; not part of the public API.
///
/// Generated crates reach everything here by absolute path
/// (`::smithy_lean_runtime::__private::…`). Nothing here is covered by semver, and programs
/// should not name it. The enum impl macros are `#[macro_export]`ed (a `macro_rules!` macro
/// can only be re-exported that way) under `__`-prefixed, hidden names at this crate's root,
/// and re-exported here under their real names; nothing lands in a user's namespace.
#[doc(hidden)]
pub mod __private {
    pub use crate::build_error::check_required;
    pub use crate::enum_impls::deserialize_str;

    /// A catch-all enum variant's payload, for generated deserializers (programs match on
    /// the known variants instead of building one).
    pub fn unknown_variant(value: impl Into<String>) -> crate::UnknownVariant {
        crate::UnknownVariant::new(value)
    }
    pub use crate::{__int_enum_impls as int_enum_impls, __string_enum_impls as string_enum_impls};
    /// serde, for the macros' expansions.
    pub use serde;

    #[cfg(feature = "client")]
    pub use crate::__operation_error as operation_error;
    #[cfg(feature = "client")]
    pub use crate::client::{Auth, ClientCore, OperationSpec, ServiceSpec};
    #[cfg(feature = "client")]
    pub use crate::paginate::{items, pages};
    #[cfg(feature = "client")]
    pub use crate::random::idempotency_token;
}
