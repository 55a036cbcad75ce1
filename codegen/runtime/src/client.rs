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
use crate::error_response::ErrorResponse;
use crate::hyper_transport::HyperTransport;
use crate::resolve::{ResolvedEndpoint, resolve_endpoint};
use crate::retry::{backoff, is_retryable_response, is_retryable_transport};
use crate::sign::Signer;
use crate::transport::{HttpRequest, HttpResponse, HttpTransport, TransportError};

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
    /// The JSON text of the service's endpoint rule set, if the model has one.
    pub endpoint_rules: Option<&'static str>,
    /// Error codes of shapes marked `@retryable`.
    pub retryable_errors: &'static [&'static str],
    /// Error codes of shapes marked `@retryable(throttling: true)`.
    pub throttling_errors: &'static [&'static str],
}

/// What the generated code knows about one operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OperationSpec {
    /// The operation name, e.g. `ListUsers`.
    pub name: &'static str,
    /// How requests are authenticated.
    pub auth: Auth,
}

impl OperationSpec {
    /// An operation whose requests are signed with SigV4.
    pub const fn signed(name: &'static str) -> Self {
        OperationSpec {
            name,
            auth: Auth::SigV4,
        }
    }

    /// An operation whose requests are sent unsigned (`@optionalAuth` or `@auth([])`).
    pub const fn unsigned(name: &'static str) -> Self {
        OperationSpec {
            name,
            auth: Auth::None,
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

impl ClientCore {
    /// Builds the engine: resolves the endpoint and sets up the transport once.
    ///
    /// Problems (no region, unusable endpoint rules, invalid endpoint URL)
    /// are reported by every call rather than here.
    pub fn new(service: &'static ServiceSpec, config: Config) -> ClientCore {
        let endpoint = resolve_endpoint(&config, service.endpoint_rules);
        let transport = match &config.transport {
            Some(transport) => Ok(Arc::clone(transport)),
            None => HyperTransport::new(config.connect_timeout)
                .map(|t| Arc::new(t) as Arc<dyn HttpTransport>),
        };
        ClientCore {
            inner: Arc::new(Inner {
                service,
                config,
                endpoint,
                transport,
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
        loop {
            let request = self.request(op, endpoint, body.clone()).await?;
            let (retryable, failure) =
                match tokio::time::timeout(config.attempt_timeout, transport.send(request)).await {
                    Ok(Ok(response)) if response.status.is_success() => {
                        return decode_output(&response);
                    }
                    Ok(Ok(response)) => {
                        let mut error = ErrorResponse::from_http(&response);
                        let retryable = is_retryable_response(
                            &error,
                            inner.service.retryable_errors,
                            inner.service.throttling_errors,
                        );
                        error.set_retryable(retryable);
                        (retryable, Failure::Response(error))
                    }
                    Ok(Err(error)) => (
                        is_retryable_transport(&error),
                        Failure::Other(FailureKind::Transport(error)),
                    ),
                    Err(_) => (
                        true,
                        Failure::Other(FailureKind::Timeout(TimeoutError::new(
                            TimeoutKind::Attempt,
                            config.attempt_timeout,
                        ))),
                    ),
                };
            if !retryable || attempt >= config.max_attempts {
                return Err(match failure {
                    Failure::Response(response) => {
                        let meta = Box::new(response.meta().clone());
                        Error::Service {
                            error: E::from_error_response(response),
                            meta,
                        }
                    }
                    Failure::Other(FailureKind::Timeout(e)) => Error::Timeout(e),
                    Failure::Other(FailureKind::Transport(e)) => Error::Transport(e),
                });
            }
            tokio::time::sleep(backoff(attempt, config.base_backoff, config.max_backoff)).await;
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
        let mut headers = HeaderMap::with_capacity(8);
        headers.insert(HOST, endpoint.host.clone());
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
        if let Ok(user_agent) = HeaderValue::from_str(USER_AGENT_VALUE) {
            headers.insert(USER_AGENT, user_agent);
        }
        for (name, value) in &endpoint.headers {
            headers.append(name.clone(), value.clone());
        }
        let mut request = HttpRequest {
            method: Method::POST,
            uri: endpoint.uri.clone(),
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
                    SystemTime::now(),
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
fn decode_output<O: DeserializeOwned, E>(response: &HttpResponse) -> Result<O, Error<E>> {
    let body: &[u8] = if response.body.iter().all(u8::is_ascii_whitespace) {
        b"{}"
    } else {
        &response.body
    };
    // Checking UTF-8 once for the whole body lets serde_json skip checking every string
    // (`from_str` trusts its input, `from_slice` validates each string on its own); a body
    // that is not UTF-8 goes through `from_slice`, which reports where it breaks.
    let parsed = match std::str::from_utf8(body) {
        Ok(text) => serde_json::from_str(text),
        Err(_) => serde_json::from_slice(body),
    };
    parsed.map_err(|e| {
        let request_id = response
            .headers
            .get("x-amzn-requestid")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let position = format!("line {}, column {}", e.line(), e.column());
        let message = if e.is_data() {
            // Serde quotes offending string values; keep only the category then.
            let text = e.to_string();
            let text = text.split(" at line ").next().unwrap_or_default();
            let text = if text.contains('"') {
                text.split(':').next().unwrap_or_default()
            } else {
                text
            };
            format!("body does not match the expected shape: {text} ({position})")
        } else {
            let looks_json = body
                .iter()
                .find(|b| !b.is_ascii_whitespace())
                .is_some_and(|b| matches!(b, b'{' | b'['));
            if looks_json {
                format!("body is not valid JSON ({position})")
            } else {
                let excerpt: String = String::from_utf8_lossy(body)
                    .chars()
                    .take(64)
                    .map(|c| if c.is_control() { ' ' } else { c })
                    .collect();
                format!("body is not JSON: {:?}", excerpt)
            }
        };
        Error::InvalidResponse(InvalidResponse::new(
            response.status.as_u16(),
            message,
            request_id,
        ))
    })
}

#[cfg(test)]
#[path = "client_tests.rs"]
mod tests;
