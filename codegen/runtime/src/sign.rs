//! SigV4 request signing through `aws-sigv4`.

use std::time::SystemTime;

use aws_sigv4::http_request::{SignableBody, SignableRequest, SigningSettings, sign};
use aws_sigv4::sign::v4;
use http::{HeaderName, HeaderValue};

use crate::credentials::Credentials;
use crate::error::SigningError;
use crate::transport::HttpRequest;

/// Signs `request` in place: adds `X-Amz-Date`, `Authorization` and, for
/// temporary credentials, `X-Amz-Security-Token`.
///
/// The request must already carry its `Host` header (the signer would
/// otherwise derive it from the URI and panic on a URI without a host).
pub(crate) fn sign_request(
    request: &mut HttpRequest,
    credentials: &Credentials,
    region: &str,
    signing_name: &str,
    time: SystemTime,
) -> Result<(), SigningError> {
    let identity = aws_credential_types::Credentials::new(
        credentials.access_key_id(),
        credentials.secret_access_key(),
        credentials.session_token().map(str::to_owned),
        None,
        "runtime",
    )
    .into();
    let params = v4::SigningParams::builder()
        .identity(&identity)
        .region(region)
        .name(signing_name)
        .time(time)
        .settings(SigningSettings::default())
        .build()
        .map_err(|e| SigningError::new(e.to_string()))?
        .into();

    let mut headers = Vec::with_capacity(request.headers.len());
    for (name, value) in &request.headers {
        let value = value
            .to_str()
            .map_err(|_| SigningError::new(format!("header `{name}` is not visible ASCII")))?;
        headers.push((name.as_str(), value));
    }
    let uri = request.uri.to_string();
    let signable = SignableRequest::new(
        request.method.as_str(),
        uri.as_str(),
        headers.into_iter(),
        SignableBody::Bytes(&request.body),
    )
    .map_err(|e| SigningError::new(e.to_string()))?;
    let (instructions, _signature) = sign(signable, &params)
        .map_err(|e| SigningError::new(e.to_string()))?
        .into_parts();

    // Applied by hand rather than with `apply_to_request_http1x`, which
    // panics on values that are not valid in a header (e.g. a session token
    // containing a newline).
    let (new_headers, _query) = instructions.into_parts();
    for header in new_headers {
        let name = HeaderName::from_bytes(header.name().as_bytes())
            .map_err(|_| SigningError::new("signer produced an invalid header name"))?;
        let mut value = HeaderValue::from_str(header.value()).map_err(|_| {
            SigningError::new(format!(
                "`{}` would not be a valid header value",
                header.name()
            ))
        })?;
        value.set_sensitive(header.sensitive());
        request.headers.insert(name, value);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use bytes::Bytes;
    use http::{HeaderMap, Method, Uri};
    use std::time::{Duration, UNIX_EPOCH};

    fn request() -> HttpRequest {
        let mut headers = HeaderMap::new();
        headers.insert(
            "host",
            HeaderValue::from_static("cognito-idp.us-east-1.amazonaws.com"),
        );
        headers.insert(
            "content-type",
            HeaderValue::from_static("application/x-amz-json-1.1"),
        );
        headers.insert(
            "x-amz-target",
            HeaderValue::from_static("AWSCognitoIdentityProviderService.ListUsers"),
        );
        HttpRequest {
            method: Method::POST,
            uri: Uri::from_static("https://cognito-idp.us-east-1.amazonaws.com/"),
            headers,
            body: Bytes::from_static(br#"{"UserPoolId":"us-east-1_abc"}"#),
        }
    }

    #[test]
    fn adds_authorization_date_and_token() {
        let mut req = request();
        let creds = Credentials::new("AKID", "SECRET", Some("TOKEN".into()));
        let time = UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        sign_request(&mut req, &creds, "us-east-1", "cognito-idp", time).unwrap();
        let auth = req.headers["authorization"].to_str().unwrap();
        assert!(auth.starts_with("AWS4-HMAC-SHA256 Credential=AKID/20231114/us-east-1/cognito-idp/aws4_request, SignedHeaders="), "{auth}");
        assert!(
            auth.contains("content-type;host;x-amz-date;x-amz-security-token;x-amz-target"),
            "{auth}"
        );
        assert!(!auth.contains("SECRET"));
        assert_eq!(req.headers["x-amz-date"], "20231114T221320Z");
        assert_eq!(req.headers["x-amz-security-token"], "TOKEN");
        assert!(req.headers["x-amz-security-token"].is_sensitive());
        // Deterministic for fixed inputs.
        let mut again = request();
        sign_request(&mut again, &creds, "us-east-1", "cognito-idp", time).unwrap();
        assert_eq!(again.headers["authorization"], req.headers["authorization"]);
    }

    #[test]
    fn bad_inputs_are_errors_not_panics() {
        let time = SystemTime::now();
        let mut req = request();
        let creds = Credentials::new("AKID", "SECRET", Some("bad\ntoken".into()));
        assert!(sign_request(&mut req, &creds, "us-east-1", "cognito-idp", time).is_err());
        let mut req = request();
        let creds = Credentials::new("AK\nID", "SECRET", None);
        assert!(sign_request(&mut req, &creds, "us-east-1", "cognito-idp", time).is_err());
        let mut req = request();
        let creds = Credentials::new("AKID", "SECRET", None);
        assert!(sign_request(&mut req, &creds, "us-east\n1", "cognito-idp", time).is_err());
    }
}
