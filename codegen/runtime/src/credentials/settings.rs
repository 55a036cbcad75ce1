//! Settings read where the AWS SDKs read them: the environment first, then the selected
//! profile of the shared config files (region, endpoint URLs, retry settings).

use super::CredentialsError;
use super::env::ProcessEnv;
use super::profile::ProfileSet;
use crate::retry::RetryMode;

/// The environment and the shared config files, read once.
#[derive(Clone, Debug)]
pub(crate) struct Settings {
    pub(crate) env: ProcessEnv,
    pub(crate) profiles: ProfileSet,
}

impl Settings {
    /// Reads the shared files `env` points at.
    pub(crate) fn load(env: ProcessEnv) -> Result<Settings, CredentialsError> {
        let profiles = ProfileSet::load(&env)?;
        Ok(Settings { env, profiles })
    }

    /// A key of the selected profile.
    pub(crate) fn profile_value(&self, key: &str) -> Option<String> {
        self.profiles
            .profile(self.profiles.selected())?
            .get(key)
            .filter(|v| !v.is_empty())
            .cloned()
    }

    /// `AWS_REGION`, else `AWS_DEFAULT_REGION`, else the profile's `region`.
    pub(crate) fn region(&self) -> Option<String> {
        self.env
            .get("AWS_REGION")
            .or_else(|| self.env.get("AWS_DEFAULT_REGION"))
            .or_else(|| self.profile_value("region"))
    }

    /// The endpoint URL for the service with this Smithy service id (e.g. `STS`,
    /// `Cognito Identity Provider`): `AWS_ENDPOINT_URL_<ID>`, then `AWS_ENDPOINT_URL`, then the
    /// profile's `[services]` section entry, then the profile's `endpoint_url`. Nothing when
    /// `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS` (or the profile's
    /// `ignore_configured_endpoint_urls`) is true.
    pub(crate) fn endpoint_url(&self, service_id: &str) -> Option<String> {
        self.configured_endpoint_url(Some(service_id))
    }

    /// `AWS_ENDPOINT_URL`, else the profile's `endpoint_url` (the settings for every service),
    /// under the same `ignore_configured_endpoint_urls` rule.
    pub(crate) fn global_endpoint_url(&self) -> Option<String> {
        self.configured_endpoint_url(None)
    }

    fn configured_endpoint_url(&self, service_id: Option<&str>) -> Option<String> {
        let ignore = self.env.flag("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS")
            || self
                .profile_value("ignore_configured_endpoint_urls")
                .is_some_and(|v| v.eq_ignore_ascii_case("true"));
        if ignore {
            return None;
        }
        let words: Option<Vec<&str>> = service_id.map(|id| id.split_whitespace().collect());
        let specific_env = || {
            let words = words.as_ref()?;
            self.env.get(&format!(
                "AWS_ENDPOINT_URL_{}",
                words.join("_").to_ascii_uppercase()
            ))
        };
        specific_env()
            .or_else(|| self.env.get("AWS_ENDPOINT_URL"))
            .or_else(|| {
                let words = words.as_ref()?;
                let services_key = format!("{}.endpoint_url", words.join("_").to_ascii_lowercase());
                let section = self.profile_value("services")?;
                self.profiles
                    .services(&section)?
                    .get(&services_key)
                    .filter(|v| !v.is_empty())
                    .cloned()
            })
            .or_else(|| self.profile_value("endpoint_url"))
    }

    /// `AWS_MAX_ATTEMPTS`, else the profile's `max_attempts`; a value that is not a positive
    /// number is an error naming where it was read.
    pub(crate) fn max_attempts(&self) -> Result<Option<u32>, CredentialsError> {
        let Some((value, source)) = self.setting("AWS_MAX_ATTEMPTS", "max_attempts") else {
            return Ok(None);
        };
        match value.parse::<u32>() {
            Ok(n) if n > 0 => Ok(Some(n)),
            _ => Err(CredentialsError::new(format!(
                "{source}: max_attempts `{value}` is not a positive whole number"
            ))),
        }
    }

    /// `AWS_RETRY_MODE`, else the profile's `retry_mode`.
    pub(crate) fn retry_mode(&self) -> Result<Option<RetryMode>, CredentialsError> {
        let Some((value, source)) = self.setting("AWS_RETRY_MODE", "retry_mode") else {
            return Ok(None);
        };
        // `legacy` is read as standard, as the Rust AWS SDK does (see `RetryMode::from_str`).
        value.parse().map(Some).map_err(|_| {
            CredentialsError::new(format!(
                "{source}: retry_mode `{value}` is not standard, adaptive or legacy"
            ))
        })
    }

    /// A setting from the environment variable, else the profile key, with where it came from.
    fn setting(&self, variable: &str, key: &str) -> Option<(String, String)> {
        if let Some(value) = self.env.get(variable) {
            return Some((value, variable.to_owned()));
        }
        let value = self.profile_value(key)?;
        Some((
            value,
            format!(
                "profile `{}` in {}",
                self.profiles.selected(),
                self.profiles.sources
            ),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn settings(vars: &[(&str, &str)], config: &str) -> Settings {
        let mut profiles = ProfileSet::load(&ProcessEnv::from_vars(vars.iter().copied())).unwrap();
        profiles
            .add(
                config,
                super::super::profile::FileKind::Config,
                Path::new("config"),
            )
            .unwrap();
        profiles.sources = "config".to_owned();
        Settings {
            env: ProcessEnv::from_vars(vars.iter().copied()),
            profiles,
        }
    }

    const CONFIG: &str = "[profile dev]\nregion = eu-west-3\nservices = local\n\
        endpoint_url = http://everything:1\nmax_attempts = 7\nretry_mode = Adaptive\n\
        [services local]\nsts =\n  endpoint_url = http://sts:2\n\
        cognito_identity_provider =\n  endpoint_url = http://idp:3\n";

    #[test]
    fn environment_wins_over_profile() {
        let nowhere = [("HOME", "/nonexistent"), ("AWS_PROFILE", "dev")];
        let s = settings(&nowhere, CONFIG);
        assert_eq!(s.region().as_deref(), Some("eu-west-3"));
        assert_eq!(s.endpoint_url("STS").as_deref(), Some("http://sts:2"));
        assert_eq!(
            s.endpoint_url("Cognito Identity Provider").as_deref(),
            Some("http://idp:3")
        );
        assert_eq!(
            s.endpoint_url("SSO").as_deref(),
            Some("http://everything:1")
        );
        assert_eq!(
            s.global_endpoint_url().as_deref(),
            Some("http://everything:1")
        );
        assert_eq!(s.max_attempts().unwrap(), Some(7));
        assert_eq!(s.retry_mode().unwrap(), Some(RetryMode::Adaptive));

        let vars = [
            ("HOME", "/nonexistent"),
            ("AWS_PROFILE", "dev"),
            ("AWS_DEFAULT_REGION", "us-west-1"),
            ("AWS_ENDPOINT_URL_STS", "http://env-sts:4"),
            ("AWS_ENDPOINT_URL", "http://env:5"),
            ("AWS_MAX_ATTEMPTS", "2"),
            ("AWS_RETRY_MODE", "standard"),
        ];
        let s = settings(&vars, CONFIG);
        assert_eq!(s.region().as_deref(), Some("us-west-1"));
        assert_eq!(s.endpoint_url("STS").as_deref(), Some("http://env-sts:4"));
        assert_eq!(s.endpoint_url("SSO").as_deref(), Some("http://env:5"));
        assert_eq!(s.max_attempts().unwrap(), Some(2));
        assert_eq!(s.retry_mode().unwrap(), Some(RetryMode::Standard));

        let ignoring = [
            ("HOME", "/nonexistent"),
            ("AWS_PROFILE", "dev"),
            ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true"),
        ];
        assert_eq!(settings(&ignoring, CONFIG).endpoint_url("STS"), None);
    }

    #[test]
    fn bad_values_name_their_source() {
        let s = settings(
            &[("HOME", "/nonexistent"), ("AWS_MAX_ATTEMPTS", "zero")],
            "",
        );
        assert_eq!(
            s.max_attempts().unwrap_err().to_string(),
            "AWS_MAX_ATTEMPTS: max_attempts `zero` is not a positive whole number"
        );
        let s = settings(
            &[("HOME", "/nonexistent")],
            "[default]\nretry_mode = fast\n",
        );
        assert_eq!(
            s.retry_mode().unwrap_err().to_string(),
            "profile `default` in config: retry_mode `fast` is not standard, adaptive or legacy"
        );
    }
}
