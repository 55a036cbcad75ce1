//! [`Config::from_env`] and [`Config::load`]: configuration from where the AWS SDKs and CLI
//! read it, with the default credentials chain.

use std::fmt;

use crate::config::{Config, ConfigBuilder};
use crate::credentials::fetch::Fetcher;
use crate::credentials::imds::{IMDS_TIMEOUT, Imds};
use crate::credentials::settings::Settings;
use crate::credentials::{CredentialsError, DefaultCredentialsChain, ProcessEnv};

/// The configuration could not be loaded: a malformed shared config file or a setting with
/// an invalid value. The message names the file and line, or the variable or profile.
#[derive(Debug, Clone)]
pub struct ConfigError(CredentialsError);

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot load the AWS configuration: {}", self.0)
    }
}

impl std::error::Error for ConfigError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.0)
    }
}

impl Config {
    /// The defaults, plus what the environment and the selected profile of the shared config
    /// files set, without network access. Settings that cannot be read are left at their
    /// defaults (use [`Config::load`] to see the error); credentials come from the
    /// [`DefaultCredentialsChain`], resolved when the first request is signed.
    ///
    /// Read: region (`AWS_REGION`, `AWS_DEFAULT_REGION`, profile `region`), endpoint URL
    /// (`AWS_ENDPOINT_URL`, profile `endpoint_url`), `AWS_USE_FIPS_ENDPOINT`,
    /// `AWS_USE_DUALSTACK_ENDPOINT`, max attempts (`AWS_MAX_ATTEMPTS`, profile
    /// `max_attempts`), retry mode (`AWS_RETRY_MODE`, profile `retry_mode`) and
    /// `AWS_CA_BUNDLE` (a PEM file of extra trusted certificates).
    pub fn from_env() -> Config {
        let env = ProcessEnv::real();
        let settings = Settings::load(env.clone()).ok();
        builder_from(&env, settings.as_ref(), Lenience::Ignore)
            .unwrap_or_default()
            .credentials_provider(DefaultCredentialsChain::builder().env(env).build())
            .build()
    }

    /// As [`Config::from_env`], but a malformed config file or an invalid setting is an
    /// error, and when neither the environment nor the profile names a region, the EC2
    /// instance metadata service is asked (1 s per request; skipped when
    /// `AWS_EC2_METADATA_DISABLED=true`).
    pub async fn load() -> Result<Config, ConfigError> {
        Self::load_from(ProcessEnv::real()).await
    }

    /// As [`Config::load`], reading `env` instead of the process environment.
    pub async fn load_from(env: ProcessEnv) -> Result<Config, ConfigError> {
        let settings = Settings::load(env.clone()).map_err(ConfigError)?;
        let mut builder = builder_from(&env, Some(&settings), Lenience::Fail)?;
        if settings.region().is_none()
            && let Some(region) = imds_region(&settings).await
        {
            builder = builder.region(region);
        }
        Ok(builder
            .credentials_provider(DefaultCredentialsChain::builder().env(env).build())
            .build())
    }
}

/// Whether an invalid setting is an error or left at its default.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Lenience {
    Ignore,
    Fail,
}

/// The defaults overridden by `env` and, when readable, the profile.
fn builder_from(
    env: &ProcessEnv,
    settings: Option<&Settings>,
    lenience: Lenience,
) -> Result<ConfigBuilder, ConfigError> {
    let mut builder = Config::builder()
        .use_fips(env.flag("AWS_USE_FIPS_ENDPOINT"))
        .use_dual_stack(env.flag("AWS_USE_DUALSTACK_ENDPOINT"));
    let region = match settings {
        Some(settings) => settings.region(),
        None => env
            .get("AWS_REGION")
            .or_else(|| env.get("AWS_DEFAULT_REGION")),
    };
    if let Some(region) = region {
        builder = builder.region(region);
    }
    let endpoint = match settings {
        Some(settings) => settings.global_endpoint_url(),
        None => env.get("AWS_ENDPOINT_URL"),
    };
    if let Some(url) = endpoint {
        builder = builder.endpoint_url(url);
    }
    if let Some(bundle) = env.get("AWS_CA_BUNDLE") {
        builder = builder.tls(crate::TlsConfig::default().add_ca_bundle(bundle));
    }
    let Some(settings) = settings else {
        return Ok(builder);
    };
    builder = builder.configured_endpoints(settings.clone());
    if let Some(attempts) = keep(settings.max_attempts(), lenience)? {
        builder = builder.max_attempts(attempts);
    }
    if let Some(mode) = keep(settings.retry_mode(), lenience)? {
        builder = builder.retry_mode(mode);
    }
    Ok(builder)
}

/// The region IMDS reports, `None` when it is disabled or does not answer.
async fn imds_region(settings: &Settings) -> Option<String> {
    let fetcher = Fetcher::new(None, IMDS_TIMEOUT).ok()?;
    Imds::new(&fetcher, settings)?.region().await.ok()
}

/// A setting's value, or `None` for an invalid one when invalid settings are ignored.
fn keep<T>(
    result: Result<Option<T>, CredentialsError>,
    lenience: Lenience,
) -> Result<Option<T>, ConfigError> {
    match (result, lenience) {
        (Ok(value), _) => Ok(value),
        (Err(_), Lenience::Ignore) => Ok(None),
        (Err(error), Lenience::Fail) => Err(ConfigError(error)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn service_specific_endpoint_urls() {
        let home = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(home.path().join(".aws")).unwrap();
        std::fs::write(
            home.path().join(".aws/config"),
            "[default]\nregion = eu-west-1\nservices = dev\nendpoint_url = http://all:1\n\
             [services dev]\ncognito_identity_provider =\n  endpoint_url = http://idp:2\n",
        )
        .unwrap();
        let home = home.path().display().to_string();
        let env = |vars: &[(&str, &str)]| {
            let mut all = vec![
                ("HOME", home.as_str()),
                ("AWS_EC2_METADATA_DISABLED", "true"),
            ];
            all.extend_from_slice(vars);
            ProcessEnv::from_vars(all)
        };
        let config = Config::load_from(env(&[])).await.unwrap();
        let idp = "Cognito Identity Provider";
        assert_eq!(
            config.endpoint_url_for(idp).as_deref(),
            Some("http://idp:2")
        );
        assert_eq!(
            config.endpoint_url_for("STS").as_deref(),
            Some("http://all:1")
        );
        assert_eq!(config.endpoint_url(), Some("http://all:1"));
        let config = Config::load_from(env(&[
            (
                "AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER",
                "http://env-idp:3",
            ),
            ("AWS_ENDPOINT_URL", "http://env:4"),
        ]))
        .await
        .unwrap();
        assert_eq!(
            config.endpoint_url_for(idp).as_deref(),
            Some("http://env-idp:3")
        );
        assert_eq!(
            config.endpoint_url_for("STS").as_deref(),
            Some("http://env:4")
        );
        // The builder's URL wins over everything configured.
        let config = config.to_builder().endpoint_url("http://code:5").build();
        assert_eq!(
            config.endpoint_url_for(idp).as_deref(),
            Some("http://code:5")
        );
    }

    #[test]
    fn from_env_leaves_invalid_settings_at_their_defaults() {
        let env = ProcessEnv::from_vars([
            ("HOME", "/nonexistent"),
            ("AWS_MAX_ATTEMPTS", "-1"),
            ("AWS_RETRY_MODE", "turbo"),
            ("AWS_REGION", "eu-west-1"),
        ]);
        let settings = Settings::load(env.clone()).unwrap();
        let config = builder_from(&env, Some(&settings), Lenience::Ignore)
            .unwrap()
            .build();
        assert_eq!(config.max_attempts(), crate::retry::DEFAULT_MAX_ATTEMPTS);
        assert_eq!(
            (config.retry().mode, config.region()),
            (crate::retry::RetryMode::Standard, Some("eu-west-1"))
        );
        let strict = builder_from(&env, Some(&settings), Lenience::Fail).unwrap_err();
        assert!(strict.to_string().contains("AWS_MAX_ATTEMPTS"), "{strict}");
    }
}
