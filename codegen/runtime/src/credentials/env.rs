//! The environment the providers read ([`ProcessEnv`]) and [`EnvironmentCredentials`].

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use super::{BoxFuture, Credentials, CredentialsError, ProvideCredentials};

/// Where providers read environment variables and the home directory from: the process
/// itself, or a fixed set of variables (for tests and embedding, so nothing has to change
/// the process environment).
///
/// `Debug` shows which kind it is and how many variables a fixed one has, never values
/// (they include secret keys).
#[derive(Clone, Default)]
pub struct ProcessEnv {
    fixed: Option<Arc<HashMap<String, String>>>,
}

impl std::fmt::Debug for ProcessEnv {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.fixed {
            None => f.write_str("ProcessEnv::real"),
            Some(map) => write!(f, "ProcessEnv::from_vars({} variables)", map.len()),
        }
    }
}

impl ProcessEnv {
    /// The real process environment, read when asked.
    pub fn real() -> Self {
        Self { fixed: None }
    }

    /// Exactly these variables and no others; `HOME` (or `USERPROFILE`) among them sets the
    /// home directory.
    pub fn from_vars<K: Into<String>, V: Into<String>>(
        vars: impl IntoIterator<Item = (K, V)>,
    ) -> Self {
        let map = vars
            .into_iter()
            .map(|(k, v)| (k.into(), v.into()))
            .collect();
        Self {
            fixed: Some(Arc::new(map)),
        }
    }

    /// The variable's value, trimmed; `None` when unset or blank.
    pub fn get(&self, name: &str) -> Option<String> {
        let value = match &self.fixed {
            Some(map) => map.get(name).cloned(),
            None => std::env::var(name).ok(),
        };
        value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
    }

    /// Whether the variable is set to `true` (any case).
    pub(crate) fn flag(&self, name: &str) -> bool {
        self.get(name)
            .is_some_and(|v| v.eq_ignore_ascii_case("true"))
    }

    /// The home directory: `HOME`, else `USERPROFILE`, else `HOMEDRIVE` + `HOMEPATH`.
    pub(crate) fn home(&self) -> Option<PathBuf> {
        self.get("HOME")
            .or_else(|| self.get("USERPROFILE"))
            .or_else(|| {
                Some(format!(
                    "{}{}",
                    self.get("HOMEDRIVE")?,
                    self.get("HOMEPATH")?
                ))
            })
            .map(PathBuf::from)
    }

    /// Expands a leading `~/` (or a lone `~`) to the home directory.
    pub(crate) fn expand_home(&self, path: &str) -> PathBuf {
        match (path.strip_prefix('~'), self.home()) {
            (Some(rest), Some(home)) if rest.is_empty() || rest.starts_with(['/', '\\']) => {
                home.join(rest.trim_start_matches(['/', '\\']))
            }
            _ => PathBuf::from(path),
        }
    }
}

/// Reads `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and the optional
/// `AWS_SESSION_TOKEN` from the environment each time it is asked.
#[derive(Debug, Clone, Default)]
pub struct EnvironmentCredentials {
    env: ProcessEnv,
}

impl EnvironmentCredentials {
    /// A provider reading the process environment.
    pub fn new() -> Self {
        Self::default()
    }

    /// A provider reading `env`.
    pub fn with_env(env: ProcessEnv) -> Self {
        Self { env }
    }

    /// Reads the credentials now.
    pub(crate) fn read(&self) -> Result<Credentials, CredentialsError> {
        let access_key_id = self
            .env
            .get("AWS_ACCESS_KEY_ID")
            .ok_or_else(|| CredentialsError::new("AWS_ACCESS_KEY_ID is not set"))?;
        let secret_access_key = self
            .env
            .get("AWS_SECRET_ACCESS_KEY")
            .ok_or_else(|| CredentialsError::new("AWS_SECRET_ACCESS_KEY is not set"))?;
        Ok(Credentials::new(
            access_key_id,
            secret_access_key,
            self.env.get("AWS_SESSION_TOKEN"),
        ))
    }
}

impl ProvideCredentials for EnvironmentCredentials {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        let result = self.read();
        Box::pin(async move { result })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_environment() {
        let env = ProcessEnv::from_vars([
            ("AWS_ACCESS_KEY_ID", "AKID"),
            ("AWS_SECRET_ACCESS_KEY", " SECRET "),
            ("AWS_SESSION_TOKEN", "TOKEN"),
        ]);
        let creds = EnvironmentCredentials::with_env(env).read().unwrap();
        assert_eq!(
            creds,
            Credentials::new("AKID", "SECRET", Some("TOKEN".into()))
        );
        let env = ProcessEnv::from_vars([
            ("AWS_ACCESS_KEY_ID", "AKID"),
            ("AWS_SECRET_ACCESS_KEY", "SECRET"),
            ("AWS_SESSION_TOKEN", ""),
        ]);
        let creds = EnvironmentCredentials::with_env(env).read().unwrap();
        assert_eq!(creds.session_token(), None);
        let env = ProcessEnv::from_vars([("AWS_SECRET_ACCESS_KEY", "hush")]);
        assert_eq!(format!("{env:?}"), "ProcessEnv::from_vars(1 variables)");
    }

    #[test]
    fn missing_environment_is_an_error() {
        let env = ProcessEnv::from_vars([("AWS_ACCESS_KEY_ID", "AKID")]);
        let err = EnvironmentCredentials::with_env(env).read().unwrap_err();
        assert_eq!(err.to_string(), "AWS_SECRET_ACCESS_KEY is not set");
        let err = EnvironmentCredentials::with_env(ProcessEnv::from_vars::<&str, &str>([]))
            .read()
            .unwrap_err();
        assert_eq!(err.to_string(), "AWS_ACCESS_KEY_ID is not set");
    }

    #[test]
    fn home_expansion() {
        let env = ProcessEnv::from_vars([("HOME", "/home/ana")]);
        assert_eq!(
            env.expand_home("~/.aws/config"),
            PathBuf::from("/home/ana/.aws/config")
        );
        assert_eq!(env.expand_home("/etc/aws"), PathBuf::from("/etc/aws"));
        assert_eq!(env.expand_home("~bob/x"), PathBuf::from("~bob/x"));
    }
}
