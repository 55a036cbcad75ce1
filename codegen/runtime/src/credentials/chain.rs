//! [`DefaultCredentialsChain`]: the providers in the AWS SDKs' order, cached.

use std::sync::Arc;
use std::time::Duration;

use super::cache::{CachedCredentials, DEFAULT_REFRESH_BEFORE};
use super::env::{EnvironmentCredentials, ProcessEnv};
use super::fetch::Fetcher;
use super::imds::Imds;
use super::settings::Settings;
use super::sts::RoleSpec;
use super::{BoxFuture, Credentials, CredentialsError, ProvideCredentials};
use super::{container, profile_chain};
use crate::transport::HttpTransport;

/// The deadline of STS, SSO and container credential requests.
const REMOTE_TIMEOUT: Duration = Duration::from_secs(5);

/// Credentials from wherever the AWS CLI would find them, tried in this order:
///
/// 1. `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`;
/// 2. `AWS_WEB_IDENTITY_TOKEN_FILE` + `AWS_ROLE_ARN` (+ `AWS_ROLE_SESSION_NAME`), exchanged
///    through STS AssumeRoleWithWebIdentity;
/// 3. the profile `AWS_PROFILE` (else `default`) of the shared config and credentials files:
///    static keys, `credential_process`, SSO, `web_identity_token_file`, or `role_arn` with
///    `source_profile` / `credential_source` assumed through STS;
/// 4. the container endpoint (`AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` / `_FULL_URI`);
/// 5. EC2 instance metadata (unless `AWS_EC2_METADATA_DISABLED=true`).
///
/// A source that is not configured is skipped; the first configured one answers, and if it
/// fails the error says so together with why each earlier source was skipped. Nothing is
/// read until credentials are first needed; then they are cached until 5 minutes before
/// they expire ([`CachedCredentials`]).
#[derive(Debug)]
pub struct DefaultCredentialsChain {
    cached: CachedCredentials,
}

impl DefaultCredentialsChain {
    /// The chain over the process environment and the default HTTP transport.
    pub fn new() -> Self {
        Self::builder().build()
    }

    /// A builder, to read another environment or use another transport.
    pub fn builder() -> DefaultCredentialsChainBuilder {
        DefaultCredentialsChainBuilder::default()
    }
}

impl Default for DefaultCredentialsChain {
    fn default() -> Self {
        Self::new()
    }
}

impl ProvideCredentials for DefaultCredentialsChain {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        self.cached.provide_credentials()
    }
}

/// Builder for [`DefaultCredentialsChain`].
#[derive(Clone, Default)]
pub struct DefaultCredentialsChainBuilder {
    env: ProcessEnv,
    transport: Option<Arc<dyn HttpTransport>>,
    refresh_before: Option<Duration>,
}

impl std::fmt::Debug for DefaultCredentialsChainBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DefaultCredentialsChainBuilder")
            .field("env", &self.env)
            .finish_non_exhaustive()
    }
}

impl DefaultCredentialsChainBuilder {
    /// Reads variables and the home directory from `env` instead of the process.
    pub fn env(mut self, env: ProcessEnv) -> Self {
        self.env = env;
        self
    }

    /// Sends STS, SSO, container and IMDS requests through `transport`.
    pub fn transport(mut self, transport: impl HttpTransport) -> Self {
        self.transport = Some(Arc::new(transport));
        self
    }

    /// Refreshes credentials this long before they expire (default 5 minutes).
    pub fn refresh_before(mut self, margin: Duration) -> Self {
        self.refresh_before = Some(margin);
        self
    }

    /// Builds the chain (nothing is read yet).
    pub fn build(self) -> DefaultCredentialsChain {
        let resolver = Resolver {
            env: self.env,
            transport: self.transport,
        };
        DefaultCredentialsChain {
            cached: CachedCredentials::with_refresh_before(
                resolver,
                self.refresh_before.unwrap_or(DEFAULT_REFRESH_BEFORE),
            ),
        }
    }
}

/// One pass over the sources, uncached.
struct Resolver {
    env: ProcessEnv,
    transport: Option<Arc<dyn HttpTransport>>,
}

/// Why a source gave nothing.
enum Miss {
    /// Not configured; the chain goes on.
    Skipped(String),
    /// Configured but failed; the chain stops.
    Failed(CredentialsError),
}

impl From<CredentialsError> for Miss {
    fn from(error: CredentialsError) -> Self {
        Miss::Failed(error)
    }
}

impl Resolver {
    async fn resolve(&self) -> Result<Credentials, CredentialsError> {
        let settings = Settings::load(self.env.clone())?;
        let fetcher = Fetcher::new(self.transport.clone(), REMOTE_TIMEOUT)?;
        let mut skipped = Vec::new();
        for source in Source::ALL {
            match self.try_source(source, &settings, &fetcher).await {
                Ok(credentials) => return Ok(credentials),
                Err(Miss::Skipped(why)) => skipped.push(format!("{}: {why}", source.name())),
                Err(Miss::Failed(error)) => {
                    let earlier = if skipped.is_empty() {
                        String::new()
                    } else {
                        format!(" (skipped before it: {})", skipped.join("; "))
                    };
                    return Err(CredentialsError::with_source(
                        format!("{} credentials failed: {error}{earlier}", source.name()),
                        error,
                    ));
                }
            }
        }
        Err(CredentialsError::new(format!(
            "no credentials found; tried {}",
            skipped.join("; ")
        )))
    }

    async fn try_source(
        &self,
        source: Source,
        settings: &Settings,
        fetcher: &Fetcher,
    ) -> Result<Credentials, Miss> {
        let env = &settings.env;
        match source {
            Source::Environment => {
                if env.get("AWS_ACCESS_KEY_ID").is_none() {
                    return Err(Miss::Skipped("AWS_ACCESS_KEY_ID is not set".to_owned()));
                }
                Ok(EnvironmentCredentials::with_env(env.clone()).read()?)
            }
            Source::WebIdentity => {
                let Some(token_file) = env.get("AWS_WEB_IDENTITY_TOKEN_FILE") else {
                    return Err(Miss::Skipped(
                        "AWS_WEB_IDENTITY_TOKEN_FILE is not set".to_owned(),
                    ));
                };
                let role_arn = env.get("AWS_ROLE_ARN").ok_or_else(|| {
                    CredentialsError::new(
                        "AWS_WEB_IDENTITY_TOKEN_FILE is set but AWS_ROLE_ARN is not",
                    )
                })?;
                let role = RoleSpec {
                    role_arn,
                    session_name: env.get("AWS_ROLE_SESSION_NAME"),
                    external_id: None,
                    duration_seconds: None,
                };
                Ok(profile_chain::web_identity(fetcher, settings, env, &token_file, &role).await?)
            }
            Source::Profile => match profile_chain::plan(settings)? {
                Some(plan) => Ok(profile_chain::execute(&plan, settings, fetcher).await?),
                None => Err(Miss::Skipped(format!(
                    "no profile `{}` in {}",
                    settings.profiles.selected(),
                    settings.profiles.sources
                ))),
            },
            Source::Container => match container::url(env) {
                Some(url) => Ok(container::fetch(fetcher, env, &url?).await?),
                None => Err(Miss::Skipped(
                    "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI and _FULL_URI are not set".to_owned(),
                )),
            },
            Source::Imds => match Imds::new(fetcher, settings) {
                // Off EC2 IMDS does not answer: that is a skip, with the reason kept.
                Some(imds) => imds
                    .credentials()
                    .await
                    .map_err(|e| Miss::Skipped(e.to_string())),
                None => Err(Miss::Skipped(
                    "AWS_EC2_METADATA_DISABLED is true".to_owned(),
                )),
            },
        }
    }
}

impl ProvideCredentials for Resolver {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        Box::pin(self.resolve())
    }
}

/// The sources, in the order they are tried.
#[derive(Clone, Copy)]
enum Source {
    Environment,
    WebIdentity,
    Profile,
    Container,
    Imds,
}

impl Source {
    const ALL: [Source; 5] = [
        Source::Environment,
        Source::WebIdentity,
        Source::Profile,
        Source::Container,
        Source::Imds,
    ];

    fn name(self) -> &'static str {
        match self {
            Source::Environment => "environment",
            Source::WebIdentity => "web identity token",
            Source::Profile => "profile",
            Source::Container => "container",
            Source::Imds => "EC2 instance metadata",
        }
    }
}
