//! [`Config`]: region, endpoint, credentials, timeouts, retries and transport.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use crate::credentials::settings::Settings;
use crate::credentials::{EnvironmentCredentials, ProvideCredentials};
use crate::proxy::ProxyConfig;
use crate::retry::{RetryConfig, RetryMode};
use crate::tls::TlsConfig;
use crate::transport::HttpTransport;

/// Default TCP connect timeout.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// Default limit for one attempt (send + whole response).
pub const DEFAULT_ATTEMPT_TIMEOUT: Duration = Duration::from_secs(30);
/// Default limit for a whole operation, retries and backoff included.
pub const DEFAULT_OPERATION_TIMEOUT: Duration = Duration::from_secs(60);
/// Default base delay of the exponential backoff: 1 s, as in the AWS SDKs' standard mode
/// (retry `i` waits a random time up to `min(2^(i-1) s, 20 s)`).
pub const DEFAULT_BASE_BACKOFF: Duration = Duration::from_secs(1);
/// Default cap on one backoff delay.
pub const DEFAULT_MAX_BACKOFF: Duration = Duration::from_secs(20);
/// Default cap on a response body: larger ones are refused (awsJson responses are
/// kilobytes; the cap bounds what a broken or hostile server can make a client buffer).
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 16 * 1024 * 1024;

/// Client configuration. Cheap to clone.
///
/// Build one with [`Config::builder`] or [`Config::from_env`]. Every call is
/// bounded by the operation timeout, so a call never hangs.
#[derive(Clone)]
pub struct Config {
    pub(crate) region: Option<String>,
    pub(crate) endpoint_url: Option<String>,
    pub(crate) use_fips: bool,
    pub(crate) use_dual_stack: bool,
    pub(crate) credentials: Arc<dyn ProvideCredentials>,
    pub(crate) connect_timeout: Duration,
    pub(crate) attempt_timeout: Duration,
    pub(crate) operation_timeout: Duration,
    pub(crate) base_backoff: Duration,
    pub(crate) max_backoff: Duration,
    pub(crate) transport: Option<Arc<dyn HttpTransport>>,
    /// Where service-specific endpoint URLs are looked up (see `config_load.rs`); `None` once
    /// the builder sets one.
    pub(crate) configured_endpoints: Option<Arc<Settings>>,
    // Retries and the network.
    pub(crate) retry: RetryConfig,
    pub(crate) max_response_bytes: usize,
    pub(crate) tls: TlsConfig,
    pub(crate) proxy: ProxyConfig,
}

impl Config {
    /// A builder with the defaults: no region, environment credentials,
    /// 5 s connect / 30 s attempt / 60 s operation timeouts, standard retries with 3
    /// attempts, 1 s base backoff capped at 20 s, responses up to 16 MiB, the default
    /// hyper transport.
    pub fn builder() -> ConfigBuilder {
        ConfigBuilder::default()
    }

    /// A builder starting from this configuration.
    pub fn to_builder(&self) -> ConfigBuilder {
        ConfigBuilder {
            config: self.clone(),
        }
    }

    /// The AWS region, e.g. `us-east-1`.
    pub fn region(&self) -> Option<&str> {
        self.region.as_deref()
    }

    /// The endpoint URL override, if any.
    pub fn endpoint_url(&self) -> Option<&str> {
        self.endpoint_url.as_deref()
    }

    /// Whether FIPS endpoints are requested.
    pub fn use_fips(&self) -> bool {
        self.use_fips
    }

    /// Whether dual-stack (IPv4 + IPv6) endpoints are requested.
    pub fn use_dual_stack(&self) -> bool {
        self.use_dual_stack
    }

    /// The credentials provider used for signed operations.
    pub fn credentials_provider(&self) -> &Arc<dyn ProvideCredentials> {
        &self.credentials
    }

    /// The TCP connect timeout of the default transport.
    pub fn connect_timeout(&self) -> Duration {
        self.connect_timeout
    }

    /// The limit for one attempt.
    pub fn attempt_timeout(&self) -> Duration {
        self.attempt_timeout
    }

    /// The limit for a whole operation, retries included.
    pub fn operation_timeout(&self) -> Duration {
        self.operation_timeout
    }

    /// The number of attempts, the first one included (at least 1).
    pub fn max_attempts(&self) -> u32 {
        self.retry.max_attempts
    }

    /// The base delay of the exponential backoff between attempts.
    pub fn base_backoff(&self) -> Duration {
        self.base_backoff
    }

    /// The cap on one backoff delay.
    pub fn max_backoff(&self) -> Duration {
        self.max_backoff
    }

    /// The endpoint URL for the service with this sdkId: the one the builder set, else the
    /// configured ones in the AWS SDKs' order (`AWS_ENDPOINT_URL_<SERVICE>`,
    /// `AWS_ENDPOINT_URL`, the profile's `[services]` entry, the profile's `endpoint_url`).
    pub(crate) fn endpoint_url_for(&self, service_id: &str) -> Option<String> {
        match &self.configured_endpoints {
            Some(settings) => settings.endpoint_url(service_id),
            None => self.endpoint_url.clone(),
        }
    }

    /// The retry mode and number of attempts.
    pub fn retry(&self) -> RetryConfig {
        self.retry
    }

    /// The largest response body the default transport accepts, in bytes.
    pub fn max_response_bytes(&self) -> usize {
        self.max_response_bytes
    }

    /// The certificates the default transport trusts.
    pub fn tls(&self) -> &TlsConfig {
        &self.tls
    }

    /// The proxies the default transport goes through.
    pub fn proxy(&self) -> &ProxyConfig {
        &self.proxy
    }
}

impl Default for Config {
    fn default() -> Self {
        Self {
            region: None,
            endpoint_url: None,
            use_fips: false,
            use_dual_stack: false,
            credentials: Arc::new(EnvironmentCredentials::new()),
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            attempt_timeout: DEFAULT_ATTEMPT_TIMEOUT,
            operation_timeout: DEFAULT_OPERATION_TIMEOUT,
            base_backoff: DEFAULT_BASE_BACKOFF,
            max_backoff: DEFAULT_MAX_BACKOFF,
            transport: None,
            configured_endpoints: None,
            retry: RetryConfig::default(),
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            tls: TlsConfig::default(),
            proxy: ProxyConfig::default(),
        }
    }
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("region", &self.region)
            .field(
                "endpoint_url",
                &self.endpoint_url.as_deref().map(crate::redact::redact),
            )
            .field("use_fips", &self.use_fips)
            .field("use_dual_stack", &self.use_dual_stack)
            .field("credentials", &"** provider **")
            .field("connect_timeout", &self.connect_timeout)
            .field("attempt_timeout", &self.attempt_timeout)
            .field("operation_timeout", &self.operation_timeout)
            .field("retry", &self.retry)
            .field("max_response_bytes", &self.max_response_bytes)
            .field("tls", &self.tls)
            .field("proxy", &self.proxy)
            .field("base_backoff", &self.base_backoff)
            .field("max_backoff", &self.max_backoff)
            .field(
                "transport",
                &if self.transport.is_some() {
                    "custom"
                } else {
                    "default"
                },
            )
            .finish()
    }
}

/// Builder for [`Config`].
#[derive(Clone, Debug, Default)]
pub struct ConfigBuilder {
    config: Config,
}

impl ConfigBuilder {
    /// Sets the AWS region, e.g. `us-east-1`.
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.config.region = Some(region.into());
        self
    }

    /// Sends every request to this URL (e.g. `http://localhost:5000` for a
    /// local emulator) instead of the endpoint the rules resolve.
    pub fn endpoint_url(mut self, url: impl Into<String>) -> Self {
        self.config.endpoint_url = Some(url.into());
        self.config.configured_endpoints = None;
        self
    }

    /// Requests FIPS endpoints.
    pub fn use_fips(mut self, use_fips: bool) -> Self {
        self.config.use_fips = use_fips;
        self
    }

    /// Requests dual-stack (IPv4 + IPv6) endpoints.
    pub fn use_dual_stack(mut self, use_dual_stack: bool) -> Self {
        self.config.use_dual_stack = use_dual_stack;
        self
    }

    /// Sets where signed operations get credentials; a [`Credentials`]
    /// value works as a fixed provider.
    ///
    /// [`Credentials`]: crate::Credentials
    pub fn credentials_provider(mut self, provider: impl ProvideCredentials) -> Self {
        self.config.credentials = Arc::new(provider);
        self
    }

    /// Sets the TCP connect timeout of the default transport.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.config.connect_timeout = timeout;
        self
    }

    /// Sets the limit for one attempt (request sent, whole response read).
    pub fn attempt_timeout(mut self, timeout: Duration) -> Self {
        self.config.attempt_timeout = timeout;
        self
    }

    /// Sets the limit for a whole operation, retries and backoff included.
    pub fn operation_timeout(mut self, timeout: Duration) -> Self {
        self.config.operation_timeout = timeout;
        self
    }

    /// Sets the number of attempts, the first one included (0 counts as 1;
    /// 1 disables retries).
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.config.retry.max_attempts = attempts.max(1);
        self
    }

    /// Sets the retry mode and number of attempts (0 attempts counts as 1).
    pub fn retry(mut self, retry: RetryConfig) -> Self {
        self.config.retry = RetryConfig {
            max_attempts: retry.max_attempts.max(1),
            ..retry
        };
        self
    }

    /// Sets the certificates the default transport trusts (default: the Mozilla roots,
    /// plus the PEM file `AWS_CA_BUNDLE` names when the config comes from the
    /// environment).
    pub fn tls(mut self, tls: TlsConfig) -> Self {
        self.config.tls = tls;
        self
    }

    /// Sets the proxies of the default transport (default: `HTTPS_PROXY`, `HTTP_PROXY`,
    /// `ALL_PROXY` and `NO_PROXY` from the environment, in either case).
    pub fn proxy(mut self, proxy: ProxyConfig) -> Self {
        self.config.proxy = proxy;
        self
    }

    /// Sets the largest response body the default transport accepts (default 16 MiB);
    /// a larger one fails the call with a transport error.
    pub fn max_response_bytes(mut self, limit: usize) -> Self {
        self.config.max_response_bytes = limit;
        self
    }

    /// Sets the base delay of the exponential backoff (default 1 s): before retry `n`
    /// the client waits a random time up to `base * 2^(n-1)`, capped.
    pub fn base_backoff(mut self, delay: Duration) -> Self {
        self.config.base_backoff = delay;
        self
    }

    /// Sets the cap on one backoff delay.
    pub fn max_backoff(mut self, delay: Duration) -> Self {
        self.config.max_backoff = delay;
        self
    }

    /// Sets the retry mode.
    pub fn retry_mode(mut self, mode: RetryMode) -> Self {
        self.config.retry.mode = mode;
        self
    }

    /// Replaces the default hyper transport (e.g. with a
    /// [`MockTransport`](crate::MockTransport) in tests).
    pub fn transport(mut self, transport: impl HttpTransport) -> Self {
        self.config.transport = Some(Arc::new(transport));
        self
    }

    /// Looks service-specific endpoint URLs up in `settings` (from `Config::from_env`).
    pub(crate) fn configured_endpoints(mut self, settings: Settings) -> Self {
        self.config.configured_endpoints = Some(Arc::new(settings));
        self
    }

    /// Builds the configuration.
    pub fn build(self) -> Config {
        self.config
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::credentials::Credentials;
    use crate::mock::MockTransport;

    #[test]
    fn defaults() {
        let config = Config::builder().build();
        assert_eq!(config.region(), None);
        assert_eq!(config.max_attempts(), 3);
        assert_eq!(config.attempt_timeout(), Duration::from_secs(30));
        assert_eq!(config.operation_timeout(), Duration::from_secs(60));
        assert!(!config.use_fips() && !config.use_dual_stack());
    }

    #[test]
    fn builder_sets_everything() {
        let config = Config::builder()
            .region("us-east-1")
            .endpoint_url("http://localhost:9229")
            .use_fips(true)
            .use_dual_stack(true)
            .credentials_provider(Credentials::new("AKID", "SECRET", Some("TOKEN".into())))
            .connect_timeout(Duration::from_secs(1))
            .attempt_timeout(Duration::from_secs(2))
            .operation_timeout(Duration::from_secs(3))
            .max_attempts(0)
            .base_backoff(Duration::from_millis(5))
            .max_backoff(Duration::from_millis(50))
            .transport(MockTransport::new())
            .max_response_bytes(1024)
            .build();
        assert_eq!(config.max_attempts(), 1);
        assert_eq!(config.max_response_bytes(), 1024);
        let retry = RetryConfig {
            max_attempts: 0,
            ..RetryConfig::default()
        };
        assert_eq!(
            Config::builder().retry(retry).build().retry().max_attempts,
            1
        );
        assert_eq!(config.connect_timeout(), Duration::from_secs(1));
        assert_eq!(config.base_backoff(), Duration::from_millis(5));
        assert_eq!(config.max_backoff(), Duration::from_millis(50));
        let again = config.to_builder().max_attempts(4).build();
        assert_eq!(
            (again.max_attempts(), again.region()),
            (4, Some("us-east-1"))
        );
        let debug = format!("{config:?}");
        assert!(
            !debug.contains("SECRET") && !debug.contains("TOKEN"),
            "{debug}"
        );
        assert!(debug.contains("us-east-1"));
    }
}
