//! SigV4 signing of the requests the client sends (`POST` with a JSON body, no query
//! string), with the derived signing key cached.
//!
//! The key is four HMACs of the secret, the day, the region and the service, the same for
//! every request of a day: [`Signer`] keeps the last one. HMAC and SHA-256 come from `ring`
//! (already there for TLS). The canonical request follows the SigV4 rules `aws-sigv4` applies
//! with its default settings (double-encoded, normalised path; every header but
//! `authorization`, `user-agent`, `x-amzn-trace-id` and `transfer-encoding` signed; the
//! session token signed); the tests check the signatures against `aws-sigv4` itself.

use std::fmt::Write as _;
use std::sync::Mutex;
use std::time::SystemTime;

use http::{HeaderName, HeaderValue};
use ring::{digest, hmac};

use crate::DateTime;
use crate::credentials::Credentials;
use crate::error::SigningError;
use crate::transport::HttpRequest;

/// Headers left out of the signature (proxies may change them, or the signature sets them).
const UNSIGNED_HEADERS: [&str; 4] = [
    "authorization",
    "user-agent",
    "x-amzn-trace-id",
    "transfer-encoding",
];

/// Signs requests, keeping the signing key of the last (secret, day, region, service).
#[derive(Default)]
pub(crate) struct Signer {
    last_key: Mutex<Option<SigningKey>>,
}

/// A derived signing key and what it was derived from.
struct SigningKey {
    secret: String,
    scope: String,
    key: hmac::Key,
}

impl Signer {
    /// Signs `request` in place: adds `X-Amz-Date`, `Authorization` and, for temporary
    /// credentials, `X-Amz-Security-Token`.
    pub(crate) fn sign(
        &self,
        request: &mut HttpRequest,
        credentials: &Credentials,
        region: &str,
        signing_name: &str,
        time: SystemTime,
    ) -> Result<(), SigningError> {
        let stamp = timestamp(time)?;
        let scope = format!("{}/{region}/{signing_name}/aws4_request", &stamp[..8]);
        let header = |name: &str, value: &str| {
            HeaderValue::from_str(value).map_err(|_| {
                SigningError::new(format!("`{name}` would not be a valid header value"))
            })
        };
        let date_value = header("x-amz-date", &stamp)?;
        request.headers.remove(http::header::AUTHORIZATION);
        request
            .headers
            .insert(HeaderName::from_static("x-amz-date"), date_value);
        if let Some(token) = credentials.session_token() {
            let mut value = header("x-amz-security-token", token)?;
            value.set_sensitive(true);
            request
                .headers
                .insert(HeaderName::from_static("x-amz-security-token"), value);
        }
        let (canonical, signed_headers) = canonical_request(request)?;
        let string_to_sign = format!(
            "AWS4-HMAC-SHA256\n{stamp}\n{scope}\n{}",
            hex::encode(digest::digest(&digest::SHA256, canonical.as_bytes()))
        );
        let key = self.key(credentials.secret_access_key(), &scope);
        let signature = hex::encode(hmac::sign(&key, string_to_sign.as_bytes()));
        let authorization = format!(
            "AWS4-HMAC-SHA256 Credential={}/{scope}, SignedHeaders={signed_headers}, Signature={signature}",
            credentials.access_key_id()
        );
        let mut value = header("authorization", &authorization)?;
        value.set_sensitive(true);
        request.headers.insert(http::header::AUTHORIZATION, value);
        Ok(())
    }

    /// The signing key for `secret` and `scope` (`day/region/service/aws4_request`),
    /// derived again only when either changed since the last request.
    fn key(&self, secret: &str, scope: &str) -> hmac::Key {
        let mut last = self
            .last_key
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(cached) = last.as_ref()
            && cached.secret == secret
            && cached.scope == scope
        {
            return cached.key.clone();
        }
        let key = derive_key(secret, scope);
        *last = Some(SigningKey {
            secret: secret.to_owned(),
            scope: scope.to_owned(),
            key: key.clone(),
        });
        key
    }
}

/// `HMAC(HMAC(HMAC(HMAC("AWS4" + secret, day), region), service), "aws4_request")`.
fn derive_key(secret: &str, scope: &str) -> hmac::Key {
    let mut key = hmac::Key::new(hmac::HMAC_SHA256, format!("AWS4{secret}").as_bytes());
    for part in scope.split('/') {
        let tag = hmac::sign(&key, part.as_bytes());
        key = hmac::Key::new(hmac::HMAC_SHA256, tag.as_ref());
    }
    key
}

/// `YYYYMMDDTHHMMSSZ` for `time`, whole seconds.
fn timestamp(time: SystemTime) -> Result<String, SigningError> {
    let secs = DateTime::from(time).secs();
    let text = DateTime::from_secs(secs)
        .to_rfc3339()
        .map_err(|e| SigningError::new(format!("cannot format the signing time: {e}")))?;
    Ok(text.chars().filter(|c| !matches!(c, '-' | ':')).collect())
}

/// The canonical request and its signed-headers list.
fn canonical_request(request: &HttpRequest) -> Result<(String, String), SigningError> {
    let mut names: Vec<&str> = request
        .headers
        .keys()
        .map(HeaderName::as_str)
        .filter(|name| !UNSIGNED_HEADERS.contains(name))
        .collect();
    names.sort_unstable();
    let mut canonical = String::with_capacity(512);
    canonical.push_str(request.method.as_str());
    canonical.push('\n');
    canonical.push_str(&canonical_path(request.uri.path()));
    // The client's request URIs never have a query string (endpoint URLs with one are refused).
    if request.uri.query().is_some() {
        return Err(SigningError::new(
            "cannot sign a request URI with a query string",
        ));
    }
    canonical.push_str("\n\n");
    for name in &names {
        canonical.push_str(name);
        canonical.push(':');
        for (index, value) in request.headers.get_all(*name).iter().enumerate() {
            let value = value
                .to_str()
                .map_err(|_| SigningError::new(format!("header `{name}` is not visible ASCII")))?;
            if index > 0 {
                canonical.push(',');
            }
            push_trimmed(&mut canonical, value);
        }
        canonical.push('\n');
    }
    let signed_headers = names.join(";");
    canonical.push('\n');
    canonical.push_str(&signed_headers);
    canonical.push('\n');
    canonical.push_str(&hex::encode(digest::digest(&digest::SHA256, &request.body)));
    Ok((canonical, signed_headers))
}

/// A header value with its ends trimmed and inner runs of spaces collapsed to one.
fn push_trimmed(out: &mut String, value: &str) {
    let mut words = value.split(' ').filter(|word| !word.is_empty());
    if let Some(first) = words.next() {
        out.push_str(first);
        for word in words {
            out.push(' ');
            out.push_str(word);
        }
    }
}

/// The path with `.`, `..` and empty segments resolved and every byte but unreserved
/// characters and `/` percent-encoded (the path is already encoded once, so this is the
/// double encoding SigV4 wants for every service but S3).
fn canonical_path(path: &str) -> String {
    let mut segments: Vec<&str> = Vec::new();
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            other => segments.push(other),
        }
    }
    let mut normalized = String::with_capacity(path.len() + 1);
    for segment in &segments {
        normalized.push('/');
        normalized.push_str(segment);
    }
    let trailing = ["/", "/.", "/./", "/..", "/../"]
        .iter()
        .any(|end| path.ends_with(end));
    if normalized.is_empty() || (trailing && !normalized.ends_with('/')) {
        normalized.push('/');
    }
    let mut encoded = String::with_capacity(normalized.len());
    for byte in normalized.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~' | b'/') {
            encoded.push(char::from(byte));
        } else {
            let _ = write!(encoded, "%{byte:02X}");
        }
    }
    encoded
}

#[cfg(test)]
#[path = "sign_tests.rs"]
mod tests;
