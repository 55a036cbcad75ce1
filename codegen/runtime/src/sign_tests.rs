//! Our SigV4 signatures against `aws-sigv4`'s for the same requests.

use std::time::{Duration, UNIX_EPOCH};

use aws_sigv4::http_request::{SignableBody, SignableRequest, SigningSettings, sign};
use aws_sigv4::sign::v4;
use bytes::Bytes;
use http::{HeaderMap, Method, Uri};

use super::*;

const TIME: u64 = 1_700_000_000;

fn request(uri: &str, extra: &[(&str, &str)]) -> HttpRequest {
    let uri: Uri = uri.parse().unwrap();
    let mut headers = HeaderMap::new();
    headers.insert(
        "host",
        HeaderValue::from_str(uri.authority().unwrap().as_str()).unwrap(),
    );
    headers.insert(
        "content-type",
        HeaderValue::from_static("application/x-amz-json-1.1"),
    );
    headers.insert(
        "x-amz-target",
        HeaderValue::from_static("AWSCognitoIdentityProviderService.ListUsers"),
    );
    headers.insert("content-length", HeaderValue::from_static("30"));
    headers.insert("user-agent", HeaderValue::from_static("smithy-lean/0.1"));
    for (name, value) in extra {
        headers.append(
            HeaderName::from_bytes(name.as_bytes()).unwrap(),
            HeaderValue::from_str(value).unwrap(),
        );
    }
    HttpRequest {
        method: Method::POST,
        uri,
        headers,
        body: Bytes::from_static(br#"{"UserPoolId":"us-east-1_abc"}"#),
    }
}

/// The headers `aws-sigv4` adds to `request`, as (name, value) pairs.
fn reference(
    request: &HttpRequest,
    creds: &Credentials,
    region: &str,
    service: &str,
) -> Vec<(String, String)> {
    let identity = aws_credential_types::Credentials::new(
        creds.access_key_id(),
        creds.secret_access_key(),
        creds.session_token().map(str::to_owned),
        None,
        "test",
    )
    .into();
    let params = v4::SigningParams::builder()
        .identity(&identity)
        .region(region)
        .name(service)
        .time(UNIX_EPOCH + Duration::from_secs(TIME))
        .settings(SigningSettings::default())
        .build()
        .unwrap()
        .into();
    let headers = request
        .headers
        .iter()
        .map(|(name, value)| (name.as_str(), value.to_str().unwrap()));
    let uri = request.uri.to_string();
    let signable = SignableRequest::new(
        request.method.as_str(),
        uri.as_str(),
        headers,
        SignableBody::Bytes(&request.body),
    )
    .unwrap();
    let (instructions, _) = sign(signable, &params).unwrap().into_parts();
    let (headers, _) = instructions.into_parts();
    let mut pairs: Vec<(String, String)> = headers
        .iter()
        .map(|h| (h.name().to_owned(), h.value().to_owned()))
        .collect();
    pairs.sort();
    pairs
}

/// The headers our signer added to `request`.
fn ours(
    signer: &Signer,
    mut request: HttpRequest,
    creds: &Credentials,
    region: &str,
    service: &str,
) -> Vec<(String, String)> {
    let before: Vec<String> = request.headers.keys().map(|n| n.to_string()).collect();
    let time = UNIX_EPOCH + Duration::from_secs(TIME);
    signer
        .sign(&mut request, creds, region, service, time)
        .unwrap();
    let mut pairs: Vec<(String, String)> = request
        .headers
        .iter()
        .filter(|(name, _)| !before.contains(&name.to_string()))
        .map(|(name, value)| (name.to_string(), value.to_str().unwrap().to_owned()))
        .collect();
    pairs.sort();
    pairs
}

#[test]
fn signatures_match_aws_sigv4() {
    let plain = Credentials::new("AKID", "SECRET", None);
    let temporary = Credentials::new("ASIA", "SECRET/with+chars", Some("TOKEN==".into()));
    let requests = [
        request("https://cognito-idp.us-east-1.amazonaws.com/", &[]),
        request("http://localhost:5000/prefix/", &[]),
        request("https://example.com/a/./b/../c//d/", &[]),
        request("https://example.com/with%20space/x:y/~z/", &[]),
        request(
            "https://example.com/",
            &[
                ("x-extra", "  spaced   value  "),
                ("x-extra", "second"),
                ("x-amzn-trace-id", "Root=1"),
            ],
        ),
    ];
    let signer = Signer::default();
    for request in &requests {
        for creds in [&plain, &temporary] {
            for (region, service) in [("us-east-1", "cognito-idp"), ("eu-west-1", "svc")] {
                let expected = reference(request, creds, region, service);
                let got = ours(&signer, request.clone(), creds, region, service);
                assert_eq!(got, expected, "{} {region} {service}", request.uri);
            }
        }
    }
}

#[test]
fn the_cached_key_follows_secret_day_and_scope() {
    let signer = Signer::default();
    let request = request("https://example.com/", &[]);
    let first = Credentials::new("AKID", "SECRET", None);
    let rotated = Credentials::new("AKID", "ROTATED", None);
    let auth = |creds: &Credentials, region: &str, secs: u64| {
        let mut req = request.clone();
        let time = UNIX_EPOCH + Duration::from_secs(secs);
        signer.sign(&mut req, creds, region, "svc", time).unwrap();
        req.headers["authorization"].to_str().unwrap().to_owned()
    };
    let a = auth(&first, "us-east-1", TIME);
    assert_eq!(auth(&first, "us-east-1", TIME), a);
    assert_ne!(auth(&rotated, "us-east-1", TIME), a);
    assert_ne!(auth(&first, "us-west-2", TIME), a);
    let next_day = auth(&first, "us-east-1", TIME + 86_400);
    assert!(next_day.contains("/20231115/us-east-1/svc/"), "{next_day}");
    assert_eq!(
        auth(&first, "us-east-1", TIME),
        a,
        "back to the first key after others were cached"
    );
}

#[test]
fn adds_authorization_date_and_sensitive_token() {
    let mut req = request("https://cognito-idp.us-east-1.amazonaws.com/", &[]);
    let creds = Credentials::new("AKID", "SECRET", Some("TOKEN".into()));
    let time = UNIX_EPOCH + Duration::from_secs(TIME);
    Signer::default()
        .sign(&mut req, &creds, "us-east-1", "cognito-idp", time)
        .unwrap();
    let auth = req.headers["authorization"].to_str().unwrap();
    assert!(auth.starts_with("AWS4-HMAC-SHA256 Credential=AKID/20231114/us-east-1/cognito-idp/aws4_request, SignedHeaders=content-length;content-type;host;x-amz-date;x-amz-security-token;x-amz-target, Signature="), "{auth}");
    assert!(!auth.contains("SECRET"));
    assert_eq!(req.headers["x-amz-date"], "20231114T221320Z");
    assert_eq!(req.headers["x-amz-security-token"], "TOKEN");
    assert!(req.headers["x-amz-security-token"].is_sensitive());
    assert!(req.headers["authorization"].is_sensitive());
}

#[test]
fn bad_inputs_are_errors_not_panics() {
    let time = SystemTime::now();
    let signer = Signer::default();
    let plain = request("https://example.com/", &[]);
    let creds = Credentials::new("AKID", "SECRET", Some("bad\ntoken".into()));
    assert!(
        signer
            .sign(&mut plain.clone(), &creds, "us-east-1", "svc", time)
            .is_err()
    );
    let creds = Credentials::new("AK\nID", "SECRET", None);
    assert!(
        signer
            .sign(&mut plain.clone(), &creds, "us-east-1", "svc", time)
            .is_err()
    );
    let creds = Credentials::new("AKID", "SECRET", None);
    assert!(
        signer
            .sign(&mut plain.clone(), &creds, "us-east\n1", "svc", time)
            .is_err()
    );
    let mut query = request("https://example.com/?a=1", &[]);
    assert!(
        signer
            .sign(&mut query, &creds, "us-east-1", "svc", time)
            .is_err()
    );
}
