//! AWS credentials, the pluggable [`ProvideCredentials`] trait and the default chain that
//! finds credentials where the AWS SDKs and CLI find them.
//!
//! One file per provider: [`environment`](EnvironmentCredentials), web identity and
//! AssumeRole through STS (`sts`), the shared config files (`profile`, `profile_chain`),
//! `credential_process` (`process`), SSO (`sso`), container credentials (`container`) and EC2
//! instance metadata (`imds`). `chain` tries them in order; `cache` keeps what one returned
//! until shortly before it expires.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::SystemTime;

mod cache;
mod chain;
mod container;
mod env;
pub(crate) mod fetch;
pub(crate) mod imds;
#[cfg(feature = "aws-credential-types")]
mod interop;
mod process;
pub(crate) mod profile;
mod profile_chain;
pub(crate) mod settings;
mod sso;
mod sts;

pub use cache::{CachedCredentials, DEFAULT_REFRESH_BEFORE};
pub use chain::{DefaultCredentialsChain, DefaultCredentialsChainBuilder};
pub use env::{EnvironmentCredentials, ProcessEnv};
#[cfg(feature = "aws-credential-types")]
pub use interop::{FromAwsProvider, IntoAwsProvider};

/// A boxed, `Send` future: what the runtime's dyn-compatible traits return.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// An AWS access key pair with an optional session token.
///
/// `Debug` shows the access key id only; the secret and token are redacted.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    access_key_id: String,
    secret_access_key: String,
    session_token: Option<String>,
    expiry: Option<SystemTime>,
}

impl Credentials {
    /// Credentials from an access key id, a secret key and, for temporary
    /// credentials, a session token.
    pub fn new(
        access_key_id: impl Into<String>,
        secret_access_key: impl Into<String>,
        session_token: Option<String>,
    ) -> Self {
        Self {
            access_key_id: access_key_id.into(),
            secret_access_key: secret_access_key.into(),
            session_token,
            expiry: None,
        }
    }

    /// The same credentials, valid until `expiry` (temporary credentials).
    pub fn with_expiry(mut self, expiry: SystemTime) -> Self {
        self.expiry = Some(expiry);
        self
    }

    /// When temporary credentials stop working; `None` for long-lived keys.
    pub fn expiry(&self) -> Option<SystemTime> {
        self.expiry
    }

    /// The access key id (not secret).
    pub fn access_key_id(&self) -> &str {
        &self.access_key_id
    }

    /// The secret access key.
    pub fn secret_access_key(&self) -> &str {
        &self.secret_access_key
    }

    /// The session token of temporary credentials.
    pub fn session_token(&self) -> Option<&str> {
        self.session_token.as_deref()
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &"** redacted **")
            .field(
                "session_token",
                &self.session_token.as_ref().map(|_| "** redacted **"),
            )
            .field("expiry", &self.expiry.map(crate::DateTime::from))
            .finish()
    }
}

/// Credentials could not be obtained.
#[derive(Debug, Clone)]
pub struct CredentialsError {
    message: String,
    source: Option<Arc<dyn std::error::Error + Send + Sync>>,
}

impl CredentialsError {
    /// An error with a message (which must not contain secrets).
    pub fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            source: None,
        }
    }

    /// An error with a message and the underlying cause.
    pub fn with_source(
        message: impl Into<String>,
        source: impl std::error::Error + Send + Sync + 'static,
    ) -> Self {
        Self {
            message: message.into(),
            source: Some(Arc::new(source)),
        }
    }
}

impl fmt::Display for CredentialsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for CredentialsError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_deref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}

/// A source of credentials, asked once per signed request attempt.
///
/// Implementations that fetch credentials remotely should cache them.
/// The trait is dyn-compatible: it returns a [`BoxFuture`].
///
/// ```ignore
/// impl ProvideCredentials for MyVault {
///     fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
///         Box::pin(async move { self.fetch().await })
///     }
/// }
/// ```
pub trait ProvideCredentials: Send + Sync + 'static {
    /// Returns the credentials to sign the next request with.
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>>;
}

/// Fixed credentials provide themselves.
impl ProvideCredentials for Credentials {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        let credentials = self.clone();
        Box::pin(async move { Ok(credentials) })
    }
}

impl<P: ProvideCredentials + ?Sized> ProvideCredentials for Arc<P> {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        (**self).provide_credentials()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn static_credentials_provide_themselves() {
        let creds = Credentials::new("AKID", "SECRET", None);
        let provider: Arc<dyn ProvideCredentials> = Arc::new(creds.clone());
        assert_eq!(provider.provide_credentials().await.unwrap(), creds);
    }
}
