//! [`ClientCore`]: the awsJson call path shared by every generated operation
//! (endpoint, headers, SigV4, retries, timeouts, response decoding).

use std::fmt;
use std::sync::Arc;
use std::time::SystemTime;

use bytes::Bytes;
use http::header::{CONTENT_LENGTH, CONTENT_TYPE, HOST, USER_AGENT};
use http::{HeaderMap, HeaderValue, Method};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::build_error::BuildError;
use crate::config::Config;
use crate::error::{
    Error, InvalidResponse, OperationError, SigningError, TimeoutError, TimeoutKind,
};
use crate::error_response::{ErrorResponse, first_json_byte};
use crate::host_prefix;
use crate::hyper_transport::HyperTransport;
use crate::objects_only;
use crate::rate_limit::ClientRateLimiter;
use crate::resolve::{ResolvedEndpoint, resolve_endpoint};
use crate::retry::{
    ClockSkew, RetryMode, RetryQuota, backoff, is_retryable_response, is_retryable_transport,
    is_throttling_response, server_delay,
};
use crate::server_text::ServerText;
use crate::sign::Signer;
use crate::transport::{
    HttpRequest, HttpResponse, HttpTransport, TransportError, TransportErrorKind,
};

const USER_AGENT_VALUE: &str = concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION"));

/// What the generated code knows about the service (one `static` per crate).
#[derive(Debug)]
pub struct ServiceSpec {
    /// The `X-Amz-Target` prefix, e.g. `AWSCognitoIdentityProviderService`.
    pub target_prefix: &'static str,
    /// The awsJson version: `"1.0"` or `"1.1"`.
    pub json_version: &'static str,
    /// The SigV4 signing name, e.g. `cognito-idp`.
    pub signing_name: &'static str,
    /// The service's sdkId, e.g. `Cognito Identity Provider`: it names the configured
    /// endpoint URL settings (`AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER`).
    pub service_id: &'static str,
    /// The JSON text of the service's endpoint rule set, if the model has one.
    pub endpoint_rules: Option<&'static str>,
    /// Error codes of shapes marked `@retryable`.
    pub retryable_errors: &'static [&'static str],
    /// Error codes of shapes marked `@retryable(throttling: true)`.
    pub throttling_errors: &'static [&'static str],
    /// Whether the service is `@awsQueryCompatible`: requests carry `x-amzn-query-mode: true`.
    pub query_compatible: bool,
}

/// What the generated code knows about one operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OperationSpec {
    /// The operation name, e.g. `ListUsers`.
    pub name: &'static str,
    /// How requests are authenticated.
    pub auth: Auth,
    /// The `@endpoint` host prefix template, e.g. `foo.{Label}.`.
    pub host_prefix: Option<&'static str>,
}

impl OperationSpec {
    /// An operation whose requests are signed with SigV4.
    pub const fn signed(name: &'static str) -> Self {
        OperationSpec {
            name,
            auth: Auth::SigV4,
            host_prefix: None,
        }
    }

    /// An operation whose requests are sent unsigned (`@optionalAuth` or `@auth([])`).
    pub const fn unsigned(name: &'static str) -> Self {
        OperationSpec {
            name,
            auth: Auth::None,
            host_prefix: None,
        }
    }

    /// The same operation, sent to its endpoint's host with `template` (whose `{label}`s
    /// name input members) in front.
    pub const fn with_host_prefix(self, template: &'static str) -> Self {
        OperationSpec {
            host_prefix: Some(template),
            ..self
        }
    }
}

/// How an operation's requests are authenticated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Auth {
    /// Signed with SigV4 using the configured credentials.
    SigV4,
    /// Sent unsigned; no credentials are resolved (e.g. `InitiateAuth`).
    None,
}

/// The shared engine behind a generated client. Cheap to clone.
#[derive(Clone)]
pub struct ClientCore {
    inner: Arc<Inner>,
}

struct Inner {
    service: &'static ServiceSpec,
    config: Config,
    endpoint: Result<ResolvedEndpoint, crate::error::EndpointResolutionError>,
    transport: Result<Arc<dyn HttpTransport>, TransportError>,
    /// The retry token bucket shared by every call of this client (and its clones).
    quota: RetryQuota,
    /// The signing clock's correction, learned from clock-skew errors.
    skew: ClockSkew,
    /// The client-side rate limiter, in adaptive retry mode.
    rate_limiter: Option<ClientRateLimiter>,
    /// The SigV4 signer, with its signing-key cache.
    signer: Signer,
}

impl fmt::Debug for ClientCore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientCore")
            .field("service", &self.inner.service.target_prefix)
            .field("config", &self.inner.config)
            .field("endpoint", &self.inner.endpoint.as_ref().map(|e| &e.uri))
            .finish()
    }
}

/// The outcome of one failed attempt, before the typed error is built.
enum Failure {
    Response(ErrorResponse),
    Other(FailureKind),
}

enum FailureKind {
    Timeout(TimeoutError),
    Transport(TransportError),
}

impl Failure {
    fn is_retryable(&self) -> bool {
        match self {
            Failure::Response(response) => response.meta().is_retryable(),
            Failure::Other(FailureKind::Timeout(_)) => true,
            Failure::Other(FailureKind::Transport(error)) => is_retryable_transport(error),
        }
    }

    /// Whether a retry costs the timeout price: the attempt ran out of time, or the
    /// connection failed or broke.
    fn is_timeout(&self) -> bool {
        match self {
            Failure::Response(_) => false,
            Failure::Other(FailureKind::Timeout(_)) => true,
            Failure::Other(FailureKind::Transport(error)) => {
                error.kind() != TransportErrorKind::Other
            }
        }
    }

    fn into_error<E: OperationError>(self) -> Error<E> {
        match self {
            Failure::Response(response) => {
                let meta = Box::new(response.meta().clone());
                Error::Service {
                    error: E::from_error_response(response),
                    meta,
                }
            }
            Failure::Other(FailureKind::Timeout(e)) => Error::Timeout(e),
            Failure::Other(FailureKind::Transport(e)) => Error::Transport(e),
        }
    }
}

impl ClientCore {
    /// Builds the engine: resolves the endpoint and sets up the transport once.
    ///
    /// Problems (no region, unusable endpoint rules, invalid endpoint URL)
    /// are reported by every call rather than here.
    pub fn new(service: &'static ServiceSpec, config: Config) -> ClientCore {
        let endpoint = resolve_endpoint(&config, service.service_id, service.endpoint_rules);
        let rate_limiter =
            (config.retry.mode == RetryMode::Adaptive).then(ClientRateLimiter::default);
        let transport = match &config.transport {
            Some(transport) => Ok(Arc::clone(transport)),
            None => {
                HyperTransport::from_config(&config).map(|t| Arc::new(t) as Arc<dyn HttpTransport>)
            }
        };
        ClientCore {
            inner: Arc::new(Inner {
                service,
                config,
                endpoint,
                transport,
                quota: RetryQuota::default(),
                skew: ClockSkew::default(),
                rate_limiter,
                signer: Signer::default(),
            }),
        }
    }

    /// The configuration this client was built with.
    pub fn config(&self) -> &Config {
        &self.inner.config
    }

    /// The service description.
    pub fn service(&self) -> &'static ServiceSpec {
        self.inner.service
    }

    /// The tokens left in this client's retry quota.
    pub fn retry_tokens(&self) -> u32 {
        self.inner.quota.available()
    }

    /// Calls `op` with `input`: `POST /` with the JSON body, retried on
    /// transient failures, bounded by the configured timeouts.
    ///
    /// Must run inside a Tokio runtime with its time and I/O drivers enabled
    /// (`#[tokio::main]` and `Runtime::new()` enable both); outside any Tokio
    /// runtime it fails with a transport error instead of panicking.
    pub async fn call<I, O, E>(&self, op: OperationSpec, input: &I) -> Result<O, Error<E>>
    where
        I: Serialize + Sync,
        O: DeserializeOwned,
        E: OperationError,
    {
        let body = encode_input(&op, input)?;
        if tokio::runtime::Handle::try_current().is_err() {
            return Err(Error::Transport(TransportError::other(
                "no Tokio runtime: call the client from within a Tokio runtime",
            )));
        }
        let limit = self.inner.config.operation_timeout;
        match tokio::time::timeout(limit, self.attempts(op, body)).await {
            Ok(result) => result,
            Err(_) => Err(Error::Timeout(TimeoutError::new(
                TimeoutKind::Operation,
                limit,
            ))),
        }
    }

    async fn attempts<O, E>(&self, op: OperationSpec, body: Bytes) -> Result<O, Error<E>>
    where
        O: DeserializeOwned,
        E: OperationError,
    {
        let inner = &*self.inner;
        let endpoint = inner
            .endpoint
            .as_ref()
            .map_err(|e| Error::Endpoint(e.clone()))?;
        let transport = inner
            .transport
            .as_ref()
            .map_err(|e| Error::Transport(e.clone()))?;
        let config = &inner.config;
        let mut attempt = 1;
        // What the latest retry took from the quota, given back if the call succeeds.
        let mut retry_cost = None;
        loop {
            let request = self.request(op, endpoint, body.clone()).await?;
            if let Some(limiter) = &inner.rate_limiter {
                limiter.acquire().await;
            }
            let outcome = tokio::time::timeout(config.attempt_timeout, transport.send(request));
            let (failure, server_delay) = match outcome.await {
                Ok(Ok(response)) if response.status.is_success() => {
                    if let Some(limiter) = &inner.rate_limiter {
                        limiter.record(false);
                    }
                    inner.quota.release(retry_cost);
                    return decode_output(&response);
                }
                Ok(Ok(response)) => {
                    let mut error = ErrorResponse::from_http(&response);
                    if let Some(limiter) = &inner.rate_limiter {
                        limiter.record(is_throttling_response(
                            &error,
                            inner.service.throttling_errors,
                        ));
                    }
                    let clock_corrected =
                        inner
                            .skew
                            .observe(error.code(), &response.headers, SystemTime::now());
                    let retryable = clock_corrected
                        || is_retryable_response(
                            &error,
                            inner.service.retryable_errors,
                            inner.service.throttling_errors,
                        );
                    error.set_retryable(retryable);
                    let delay = server_delay(&response.headers, config.max_backoff);
                    (Failure::Response(error), delay)
                }
                Ok(Err(error)) => (Failure::Other(FailureKind::Transport(error)), None),
                Err(_) => {
                    let error = TimeoutError::new(TimeoutKind::Attempt, config.attempt_timeout);
                    (Failure::Other(FailureKind::Timeout(error)), None)
                }
            };
            if !failure.is_retryable() || attempt >= config.retry.max_attempts {
                return Err(failure.into_error());
            }
            let Some(cost) = inner.quota.acquire(failure.is_timeout()) else {
                return Err(failure.into_error());
            };
            retry_cost = Some(cost);
            let delay = server_delay
                .unwrap_or_else(|| backoff(attempt, config.base_backoff, config.max_backoff));
            tokio::time::sleep(delay).await;
            attempt += 1;
        }
    }

    /// Builds (and for SigV4 operations, signs) one attempt's request.
    async fn request<E>(
        &self,
        op: OperationSpec,
        endpoint: &ResolvedEndpoint,
        body: Bytes,
    ) -> Result<HttpRequest, Error<E>> {
        let inner = &*self.inner;
        let service = inner.service;
        let (uri, host) = match op.host_prefix {
            Some(template) => host_prefix::prefixed(template, &body, endpoint)
                .map_err(|why| Error::InvalidInput(BuildError::invalid(op.name, why)))?,
            None => (endpoint.uri.clone(), endpoint.host.clone()),
        };
        let mut headers = HeaderMap::with_capacity(8);
        headers.insert(HOST, host);
        let content_type = format!("application/x-amz-json-{}", service.json_version);
        let target = format!("{}.{}", service.target_prefix, op.name);
        let invalid = |what: &str| {
            Error::InvalidInput(BuildError::invalid(
                op.name,
                format!("invalid {what} header"),
            ))
        };
        headers.insert(
            CONTENT_TYPE,
            HeaderValue::from_str(&content_type).map_err(|_| invalid("content type"))?,
        );
        headers.insert(
            "x-amz-target",
            HeaderValue::from_str(&target).map_err(|_| invalid("target"))?,
        );
        headers.insert(CONTENT_LENGTH, HeaderValue::from(body.len()));
        if service.query_compatible {
            headers.insert("x-amzn-query-mode", HeaderValue::from_static("true"));
        }
        if let Ok(user_agent) = HeaderValue::from_str(USER_AGENT_VALUE) {
            headers.insert(USER_AGENT, user_agent);
        }
        for (name, value) in &endpoint.headers {
            headers.append(name.clone(), value.clone());
        }
        let mut request = HttpRequest {
            method: Method::POST,
            uri,
            headers,
            body,
        };
        if op.auth == Auth::SigV4 {
            let config = &inner.config;
            let region = endpoint
                .signing_region
                .as_deref()
                .or(config.region())
                .ok_or_else(|| {
                    Error::Signing(SigningError::new(
                        "no region configured (set one, or AWS_REGION)",
                    ))
                })?;
            let signing_name = endpoint
                .signing_name
                .as_deref()
                .unwrap_or(service.signing_name);
            let credentials = config
                .credentials
                .provide_credentials()
                .await
                .map_err(Error::Credentials)?;
            inner
                .signer
                .sign(
                    &mut request,
                    &credentials,
                    region,
                    signing_name,
                    inner.skew.now(),
                )
                .map_err(Error::Signing)?;
        }
        Ok(request)
    }
}

/// The JSON body of `input` (`{}` for a unit input).
fn encode_input<I: Serialize, E>(op: &OperationSpec, input: &I) -> Result<Bytes, Error<E>> {
    let body = serde_json::to_vec(input).map_err(|e| {
        Error::InvalidInput(BuildError::invalid(
            op.name,
            format!("input could not be serialized: {e}"),
        ))
    })?;
    if body == b"null" {
        return Ok(Bytes::from_static(b"{}"));
    }
    Ok(Bytes::from(body))
}

/// Decodes a 2xx body (empty reads as `{}`) without quoting JSON content in errors.
///
/// Every awsJson output is a structure, and every structure in it must be a JSON object:
/// serde would otherwise fill a structure's fields by position from an array, at any depth
/// ([`objects_only`] refuses that). A 2xx is a success whatever its body says: the awsJson
/// spec marks errors by a non-2xx status, and a `__type` member in a success body is
/// ignored, as in the AWS SDKs.
fn decode_output<O: DeserializeOwned, E>(response: &HttpResponse) -> Result<O, Error<E>> {
    let request_id = || {
        response
            .headers
            .get("x-amzn-requestid")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let body: &[u8] = match first_json_byte(&response.body) {
        None => b"{}",
        Some(b'[') => {
            return Err(Error::InvalidResponse(InvalidResponse::new(
                response.status.as_u16(),
                "body is a JSON array where the output structure needs an object".into(),
                request_id(),
            )));
        }
        Some(_) => &response.body,
    };
    // Checking UTF-8 once for the whole body lets serde_json skip checking every string
    // (`from_str` trusts its input, `from_slice` validates each string on its own); a body
    // that is not UTF-8 goes through `from_slice`, which reports where it breaks.
    let parsed = match std::str::from_utf8(body) {
        Ok(text) => objects_only::from_str(text),
        Err(_) => objects_only::from_slice(body),
    };
    parsed.map_err(|e| {
        Error::InvalidResponse(InvalidResponse::new(
            response.status.as_u16(),
            decode_error_message::<O>(&e, body),
            request_id(),
        ))
    })
}

/// What went wrong decoding `body` as `O`, and where (JSON path, line and column), without
/// quoting the body's values (they may be secrets).
fn decode_error_message<O: DeserializeOwned>(error: &serde_json::Error, body: &[u8]) -> String {
    let position = format!("line {}, column {}", error.line(), error.column());
    if error.is_data() {
        // Serde quotes offending string values; keep only the category then.
        let text = error.to_string();
        let text = text.split(" at line ").next().unwrap_or_default();
        let text = if text.contains('"') {
            text.split(':').next().unwrap_or_default()
        } else {
            text
        };
        let path = objects_only::error_path::<O>(body)
            .map(|path| format!("at {}, ", ServerText::new(&path)))
            .unwrap_or_default();
        format!("body does not match the expected shape: {text} ({path}{position})")
    } else if first_json_byte(body) == Some(b'{') {
        format!("body is not valid JSON ({position})")
    } else {
        let excerpt: String = String::from_utf8_lossy(body)
            .chars()
            .take(64)
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        format!("body is not JSON: {:?}", excerpt)
    }
}

#[cfg(test)]
#[path = "client_tests.rs"]
mod tests;
