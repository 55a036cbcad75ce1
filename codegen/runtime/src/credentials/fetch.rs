//! What the providers share: one HTTP exchange with a deadline and errors naming the endpoint,
//! and reading the credential documents endpoints and processes answer with.

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use http::header::HOST;
use http::{HeaderMap, HeaderName, HeaderValue, Method, Uri};
use serde::Deserialize;

use super::{Credentials, CredentialsError};
use crate::hyper_transport::HyperTransport;
use crate::redact::redact;
use crate::transport::{HttpRequest, HttpResponse, HttpTransport};

/// The transport and deadline providers use for their own HTTP calls.
#[derive(Clone)]
pub(crate) struct Fetcher {
    transport: Arc<dyn HttpTransport>,
    timeout: Duration,
}

impl Fetcher {
    /// Uses `transport` when given, else a hyper transport connecting within `timeout`.
    pub(crate) fn new(
        transport: Option<Arc<dyn HttpTransport>>,
        timeout: Duration,
    ) -> Result<Self, CredentialsError> {
        let transport = match transport {
            Some(transport) => transport,
            None => Arc::new(HyperTransport::new(timeout).map_err(|e| {
                CredentialsError::with_source("cannot set up the HTTP transport", e)
            })?),
        };
        Ok(Self { transport, timeout })
    }

    /// The same transport with another deadline.
    pub(crate) fn with_timeout(&self, timeout: Duration) -> Self {
        Self {
            transport: self.transport.clone(),
            timeout,
        }
    }

    /// Sends one request; a transport failure, the deadline or a non-2xx status is an error
    /// naming the URL (user info redacted) and, for a status, the start of the body.
    pub(crate) async fn send(
        &self,
        method: Method,
        url: &str,
        headers: &[(&str, &str)],
        body: Bytes,
    ) -> Result<HttpResponse, CredentialsError> {
        let request = request(method, url, headers, body)?;
        self.send_request(request).await
    }

    /// Sends a prepared request (e.g. a signed one), as [`Fetcher::send`].
    pub(crate) async fn send_request(
        &self,
        request: HttpRequest,
    ) -> Result<HttpResponse, CredentialsError> {
        let shown = redact(&request.uri.to_string());
        let response = tokio::time::timeout(self.timeout, self.transport.send(request))
            .await
            .map_err(|_| {
                CredentialsError::new(format!(
                    "{shown}: no answer within {} ms",
                    self.timeout.as_millis()
                ))
            })?
            .map_err(|e| CredentialsError::with_source(format!("{shown}: {e}"), e))?;
        if !response.status.is_success() {
            let excerpt: String = String::from_utf8_lossy(&response.body)
                .chars()
                .take(200)
                .collect();
            return Err(CredentialsError::new(format!(
                "{shown}: HTTP {} {}",
                response.status.as_u16(),
                excerpt.trim()
            )));
        }
        Ok(response)
    }
}

/// Builds a request with its `Host` header; an invalid URL or header is an error.
pub(crate) fn request(
    method: Method,
    url: &str,
    headers: &[(&str, &str)],
    body: Bytes,
) -> Result<HttpRequest, CredentialsError> {
    let invalid = |what: String| CredentialsError::new(format!("{}: {what}", redact(url)));
    let uri: Uri = url
        .parse()
        .map_err(|e| invalid(format!("not a valid URL ({e})")))?;
    let host = uri
        .authority()
        .ok_or_else(|| invalid("the URL has no host".to_owned()))?
        .as_str()
        .rsplit('@')
        .next()
        .unwrap_or_default()
        .to_owned();
    let mut map = HeaderMap::new();
    map.insert(
        HOST,
        HeaderValue::from_str(&host).map_err(|_| invalid("invalid host".to_owned()))?,
    );
    for (name, value) in headers {
        let name = HeaderName::from_bytes(name.as_bytes())
            .map_err(|_| invalid(format!("invalid header name `{name}`")))?;
        let mut value = HeaderValue::from_str(value)
            .map_err(|_| invalid(format!("invalid value for header `{name}`")))?;
        value.set_sensitive(true);
        map.insert(name, value);
    }
    Ok(HttpRequest {
        method,
        uri,
        headers: map,
        body,
    })
}

/// The credential document of IMDS, the container endpoint and `credential_process`
/// (`Token` or `SessionToken`, an optional RFC 3339 `Expiration`).
#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct CredentialDocument {
    access_key_id: Option<String>,
    secret_access_key: Option<String>,
    #[serde(alias = "SessionToken")]
    token: Option<String>,
    expiration: Option<String>,
}

/// Reads a JSON credential document; `source` names where it came from in errors.
pub(crate) fn parse_credential_document(
    body: &[u8],
    source: &str,
) -> Result<Credentials, CredentialsError> {
    let document: CredentialDocument = serde_json::from_slice(body).map_err(|e| {
        CredentialsError::new(format!("{source}: not a credentials document ({e})"))
    })?;
    let missing = |field: &str| CredentialsError::new(format!("{source}: no {field}"));
    let credentials = Credentials::new(
        document
            .access_key_id
            .ok_or_else(|| missing("AccessKeyId"))?,
        document
            .secret_access_key
            .ok_or_else(|| missing("SecretAccessKey"))?,
        document.token.filter(|t| !t.is_empty()),
    );
    match document.expiration {
        Some(text) => Ok(credentials.with_expiry(parse_expiry(&text, source)?)),
        None => Ok(credentials),
    }
}

/// Parses an RFC 3339 expiry.
pub(crate) fn parse_expiry(text: &str, source: &str) -> Result<SystemTime, CredentialsError> {
    crate::DateTime::parse_rfc3339(text.trim())
        .ok()
        .and_then(|time| SystemTime::try_from(time).ok())
        .ok_or_else(|| {
            CredentialsError::new(format!("{source}: expiration `{text}` is not RFC 3339"))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credential_documents() {
        let creds = parse_credential_document(
            br#"{"Code":"Success","AccessKeyId":"A","SecretAccessKey":"S","Token":"T",
                 "Expiration":"2030-01-01T00:00:00Z"}"#,
            "imds",
        )
        .unwrap();
        assert_eq!(creds.session_token(), Some("T"));
        let expiry = crate::DateTime::from(creds.expiry().unwrap());
        assert_eq!(expiry.to_rfc3339().unwrap(), "2030-01-01T00:00:00Z");
        let err = parse_credential_document(b"<html>", "http://x/").unwrap_err();
        assert!(
            err.to_string()
                .starts_with("http://x/: not a credentials document")
        );
        let err = parse_credential_document(br#"{"AccessKeyId":"A"}"#, "p").unwrap_err();
        assert_eq!(err.to_string(), "p: no SecretAccessKey");
        let err = parse_credential_document(
            br#"{"AccessKeyId":"A","SecretAccessKey":"S","Expiration":"soon"}"#,
            "p",
        )
        .unwrap_err();
        assert_eq!(err.to_string(), "p: expiration `soon` is not RFC 3339");
    }

    #[test]
    fn bad_urls_are_errors() {
        let err = request(Method::GET, "not a url", &[], Bytes::new()).unwrap_err();
        assert!(err.to_string().starts_with("not a url: not a valid URL"));
        let err = request(Method::GET, "/relative", &[], Bytes::new()).unwrap_err();
        assert_eq!(err.to_string(), "/relative: the URL has no host");
    }
}
