//! AWS credentials and the pluggable [`ProvideCredentials`] trait.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

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
        }
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

/// Reads `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and the optional
/// `AWS_SESSION_TOKEN` from the environment each time it is asked.
#[derive(Debug, Clone, Copy, Default)]
pub struct EnvironmentCredentials;

impl EnvironmentCredentials {
    /// A provider reading the process environment.
    pub fn new() -> Self {
        Self
    }

    /// Reads credentials through `lookup` (the environment, or a test map).
    pub(crate) fn read(
        lookup: impl Fn(&str) -> Option<String>,
    ) -> Result<Credentials, CredentialsError> {
        let get = |name: &str| lookup(name).filter(|v| !v.trim().is_empty());
        let access_key_id = get("AWS_ACCESS_KEY_ID")
            .ok_or_else(|| CredentialsError::new("AWS_ACCESS_KEY_ID is not set"))?;
        let secret_access_key = get("AWS_SECRET_ACCESS_KEY")
            .ok_or_else(|| CredentialsError::new("AWS_SECRET_ACCESS_KEY is not set"))?;
        Ok(Credentials::new(
            access_key_id.trim(),
            secret_access_key.trim(),
            get("AWS_SESSION_TOKEN").map(|t| t.trim().to_owned()),
        ))
    }
}

impl ProvideCredentials for EnvironmentCredentials {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        let result = Self::read(|name| std::env::var(name).ok());
        Box::pin(async move { result })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |name| map.get(name).cloned()
    }

    #[test]
    fn debug_redacts_secrets() {
        let creds = Credentials::new("AKIDEXAMPLE", "wJalrXUtnFEMI", Some("FwoGZXIvYXdzE".into()));
        let debug = format!("{creds:?}");
        assert!(debug.contains("AKIDEXAMPLE"));
        assert!(!debug.contains("wJalrXUtnFEMI"));
        assert!(!debug.contains("FwoGZXIvYXdzE"));
        assert!(debug.contains("redacted"));
    }

    #[test]
    fn reads_environment() {
        let creds = EnvironmentCredentials::read(env(&[
            ("AWS_ACCESS_KEY_ID", "AKID"),
            ("AWS_SECRET_ACCESS_KEY", "SECRET"),
            ("AWS_SESSION_TOKEN", "TOKEN"),
        ]))
        .unwrap();
        assert_eq!(
            creds,
            Credentials::new("AKID", "SECRET", Some("TOKEN".into()))
        );
        let creds = EnvironmentCredentials::read(env(&[
            ("AWS_ACCESS_KEY_ID", "AKID"),
            ("AWS_SECRET_ACCESS_KEY", "SECRET"),
            ("AWS_SESSION_TOKEN", ""),
        ]))
        .unwrap();
        assert_eq!(creds.session_token(), None);
    }

    #[test]
    fn missing_environment_is_an_error() {
        let err = EnvironmentCredentials::read(env(&[("AWS_ACCESS_KEY_ID", "AKID")])).unwrap_err();
        assert_eq!(err.to_string(), "AWS_SECRET_ACCESS_KEY is not set");
        let err = EnvironmentCredentials::read(env(&[])).unwrap_err();
        assert_eq!(err.to_string(), "AWS_ACCESS_KEY_ID is not set");
    }

    #[tokio::test]
    async fn static_credentials_provide_themselves() {
        let creds = Credentials::new("AKID", "SECRET", None);
        let provider: Arc<dyn ProvideCredentials> = Arc::new(creds.clone());
        assert_eq!(provider.provide_credentials().await.unwrap(), creds);
    }
}
