//! Tests of the call path against the mock transport.

use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use super::*;
use crate::credentials::{BoxFuture, Credentials, CredentialsError, ProvideCredentials};
use crate::error_response::Unhandled;
use crate::mock::MockTransport;

static SERVICE: ServiceSpec = ServiceSpec {
    target_prefix: "AWSCognitoIdentityProviderService",
    json_version: "1.1",
    signing_name: "cognito-idp",
    service_id: "Cognito Identity Provider",
    endpoint_rules: None,
    retryable_errors: &["ModelledRetryableException"],
    throttling_errors: &[],
    query_compatible: false,
};

const LIST_USERS: OperationSpec = OperationSpec::signed("ListUsers");

const INITIATE_AUTH: OperationSpec = OperationSpec::unsigned("InitiateAuth");

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Input {
    user_pool_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    limit: Option<i32>,
}

#[derive(Deserialize, Debug, PartialEq)]
#[serde(rename_all = "PascalCase")]
struct Output {
    #[serde(default)]
    users: Vec<String>,
    pagination_token: Option<String>,
}

#[derive(Deserialize, Debug)]
struct NotFound {
    message: Option<String>,
}

#[derive(Debug)]
enum TestError {
    NotFound(NotFound),
    Unhandled(Unhandled),
}

impl fmt::Display for TestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TestError::NotFound(e) => write!(f, "NotFound: {}", e.message.as_deref().unwrap_or("")),
            TestError::Unhandled(e) => fmt::Display::fmt(e, f),
        }
    }
}

impl std::error::Error for TestError {}

impl OperationError for TestError {
    fn from_error_response(response: ErrorResponse) -> Self {
        match response.code() {
            "ResourceNotFoundException" => match response.parse_body::<NotFound>() {
                Ok(e) => TestError::NotFound(e),
                Err(_) => TestError::Unhandled(response.into_unhandled()),
            },
            _ => TestError::Unhandled(response.into_unhandled()),
        }
    }
}

/// A provider that must never be asked.
struct Unavailable;

impl ProvideCredentials for Unavailable {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        Box::pin(async { Err(CredentialsError::new("no credentials here")) })
    }
}

fn builder(mock: &MockTransport) -> crate::config::ConfigBuilder {
    Config::builder()
        .region("us-east-1")
        .endpoint_url("https://cognito-idp.us-east-1.amazonaws.com")
        .credentials_provider(Credentials::new(
            "AKID",
            "SECRETKEY",
            Some("SESSIONTOKEN".into()),
        ))
        .base_backoff(Duration::from_millis(1))
        .attempt_timeout(Duration::from_secs(5))
        .transport(mock.clone())
}

fn client(mock: &MockTransport) -> ClientCore {
    ClientCore::new(&SERVICE, builder(mock).build())
}

fn input() -> Input {
    Input {
        user_pool_id: "us-east-1_pool".into(),
        limit: Some(2),
    }
}

async fn list(client: &ClientCore) -> Result<Output, Error<TestError>> {
    client.call(LIST_USERS, &input()).await
}

#[tokio::test]
async fn sends_exact_signed_request() {
    let mock = MockTransport::new();
    mock.push_json(
        200,
        r#"{"Users":["a","b"],"PaginationToken":"t","Ignored":{"x":1}}"#,
    );
    let out = list(&client(&mock)).await.unwrap();
    assert_eq!(out.users, ["a", "b"]);
    assert_eq!(out.pagination_token.as_deref(), Some("t"));

    let requests = mock.requests();
    assert_eq!(requests.len(), 1);
    let req = &requests[0];
    assert_eq!(req.method, Method::POST);
    assert_eq!(req.uri, "https://cognito-idp.us-east-1.amazonaws.com/");
    assert_eq!(req.body, r#"{"UserPoolId":"us-east-1_pool","Limit":2}"#);
    let h = &req.headers;
    assert_eq!(h["host"], "cognito-idp.us-east-1.amazonaws.com");
    assert_eq!(
        h["x-amz-target"],
        "AWSCognitoIdentityProviderService.ListUsers"
    );
    assert_eq!(h["content-type"], "application/x-amz-json-1.1");
    assert_eq!(h["content-length"], "41");
    assert_eq!(h["x-amz-security-token"], "SESSIONTOKEN");
    assert!(h.contains_key("x-amz-date"));
    let auth = h["authorization"].to_str().unwrap();
    assert!(
        auth.starts_with("AWS4-HMAC-SHA256 Credential=AKID/"),
        "{auth}"
    );
    assert!(
        auth.contains("/us-east-1/cognito-idp/aws4_request"),
        "{auth}"
    );
    assert!(!format!("{req:?}").contains("SESSIONTOKEN"));
}

#[tokio::test]
async fn unsigned_operations_skip_credentials() {
    let mock = MockTransport::new();
    mock.push_json(200, "");
    let config = builder(&mock).credentials_provider(Unavailable).build();
    let core = ClientCore::new(&SERVICE, config);
    let out: Output = core
        .call::<_, _, TestError>(
            INITIATE_AUTH,
            &serde_json::json!({"AuthFlow": "USER_PASSWORD_AUTH"}),
        )
        .await
        .unwrap();
    assert_eq!(
        out,
        Output {
            users: vec![],
            pagination_token: None
        }
    );
    let req = &mock.requests()[0];
    assert!(!req.headers.contains_key("authorization"));
    assert!(!req.headers.contains_key("x-amz-security-token"));
    assert_eq!(
        req.headers["x-amz-target"],
        "AWSCognitoIdentityProviderService.InitiateAuth"
    );
}

#[tokio::test]
async fn unit_input_sends_empty_object() {
    let mock = MockTransport::new();
    mock.push_json(200, "{}");
    let _: Output = client(&mock)
        .call::<_, _, TestError>(INITIATE_AUTH, &())
        .await
        .unwrap();
    assert_eq!(mock.requests()[0].body, "{}");
}

#[tokio::test]
async fn credential_failures_are_not_retried_and_send_nothing() {
    let mock = MockTransport::new();
    let core = ClientCore::new(
        &SERVICE,
        builder(&mock).credentials_provider(Unavailable).build(),
    );
    let err = list(&core).await.unwrap_err();
    assert!(matches!(err, Error::Credentials(_)), "{err:?}");
    assert_eq!(mock.request_count(), 0);
}

#[tokio::test]
async fn server_error_then_success_is_retried() {
    let mock = MockTransport::new();
    mock.push_json(
        500,
        r#"{"__type":"InternalErrorException","message":"oops"}"#,
    );
    mock.push_json(200, r#"{"Users":["a"]}"#);
    assert_eq!(list(&client(&mock)).await.unwrap().users, ["a"]);
    assert_eq!(mock.request_count(), 2);
}

#[tokio::test]
async fn throttling_and_modelled_retryable_codes_are_retried() {
    let mock = MockTransport::new();
    mock.push_json(400, r#"{"__type":"TooManyRequestsException"}"#);
    mock.push_json(400, r#"{"__type":"ModelledRetryableException"}"#);
    mock.push_json(200, "{}");
    list(&client(&mock)).await.unwrap();
    assert_eq!(mock.request_count(), 3);
}

#[tokio::test]
async fn client_errors_are_not_retried_and_typed() {
    let mock = MockTransport::new();
    mock.push_response(
        400,
        &[("x-amzn-requestid", "req-42")],
        r#"{"__type":"com.amazonaws#ResourceNotFoundException","message":"User pool does not exist."}"#,
    );
    let err = list(&client(&mock)).await.unwrap_err();
    assert_eq!(mock.request_count(), 1);
    assert_eq!(err.code(), Some("ResourceNotFoundException"));
    assert_eq!(err.request_id(), Some("req-42"));
    assert!(!err.is_retryable());
    match err.service_error() {
        Some(TestError::NotFound(e)) => {
            assert_eq!(e.message.as_deref(), Some("User pool does not exist."))
        }
        other => panic!("unexpected {other:?}"),
    }
    assert_eq!(
        err.to_string(),
        "service error: NotFound: User pool does not exist. (request id req-42)"
    );
    assert!(std::error::Error::source(&err).is_some());
    assert!(matches!(
        err.into_service_error(),
        Ok(TestError::NotFound(_))
    ));
}

#[tokio::test]
async fn unknown_codes_and_html_pages_are_unhandled() {
    let mock = MockTransport::new();
    mock.push_json(400, r#"{"__type":"BrandNewException","Message":"new"}"#);
    mock.push_response(
        403,
        &[("content-type", "text/html")],
        "<html>Forbidden</html>",
    );
    let core = client(&mock);
    let err = list(&core).await.unwrap_err();
    match err.service_error() {
        Some(TestError::Unhandled(u)) => {
            assert_eq!(u.to_string(), "BrandNewException (HTTP 400): new");
        }
        other => panic!("unexpected {other:?}"),
    }
    let err = list(&core).await.unwrap_err();
    let meta = err.meta().unwrap();
    assert_eq!((meta.status(), meta.code()), (403, ""));
    assert_eq!(err.code(), None);
}

#[tokio::test]
async fn attempts_are_bounded() {
    let mock = MockTransport::new();
    for _ in 0..5 {
        mock.push_json(503, "");
    }
    let err = list(&client(&mock)).await.unwrap_err();
    assert_eq!(mock.request_count(), 3);
    assert_eq!(err.meta().unwrap().status(), 503);
    assert!(err.is_retryable());

    let mock = MockTransport::new();
    for _ in 0..5 {
        mock.push_json(500, "");
    }
    let core = ClientCore::new(&SERVICE, builder(&mock).max_attempts(1).build());
    list(&core).await.unwrap_err();
    assert_eq!(mock.request_count(), 1);
}

#[tokio::test]
async fn transient_transport_failures_are_retried_but_others_are_not() {
    let mock = MockTransport::new();
    mock.push_error(TransportError::connect("refused"));
    mock.push_json(200, "{}");
    list(&client(&mock)).await.unwrap();
    assert_eq!(mock.request_count(), 2);

    let mock = MockTransport::new();
    mock.push_error(TransportError::io(
        "connection closed before message completed",
    ));
    mock.push_json(200, "{}");
    list(&client(&mock)).await.unwrap();
    assert_eq!(mock.request_count(), 2);

    let mock = MockTransport::new();
    mock.push_error(TransportError::other("invalid request"));
    mock.push_json(200, "{}");
    let err = list(&client(&mock)).await.unwrap_err();
    assert!(matches!(err, Error::Transport(_)), "{err:?}");
    assert_eq!(mock.request_count(), 1);
}

#[tokio::test]
async fn never_answering_server_times_out_per_attempt() {
    let mock = MockTransport::new();
    mock.push_never();
    mock.push_never();
    let config = builder(&mock)
        .attempt_timeout(Duration::from_millis(50))
        .max_attempts(2)
        .build();
    let started = Instant::now();
    let err = list(&ClientCore::new(&SERVICE, config)).await.unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(2));
    match &err {
        Error::Timeout(t) => assert_eq!(
            (t.kind(), t.limit()),
            (TimeoutKind::Attempt, Duration::from_millis(50))
        ),
        other => panic!("unexpected {other:?}"),
    }
    assert_eq!(mock.request_count(), 2);
    assert!(err.is_retryable());
}

#[tokio::test]
async fn operation_timeout_bounds_everything() {
    let mock = MockTransport::new();
    mock.push_never();
    let config = builder(&mock)
        .attempt_timeout(Duration::from_secs(30))
        .operation_timeout(Duration::from_millis(60))
        .build();
    let started = Instant::now();
    let err = list(&ClientCore::new(&SERVICE, config)).await.unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(2));
    assert!(
        matches!(&err, Error::Timeout(t) if t.kind() == TimeoutKind::Operation),
        "{err:?}"
    );
    assert_eq!(err.to_string(), "operation timed out after 60ms");
}

#[tokio::test]
async fn invalid_success_bodies_are_invalid_responses() {
    let mock = MockTransport::new();
    mock.push_response(
        200,
        &[("x-amzn-requestid", "r9")],
        "<html>proxy login</html>",
    );
    mock.push_json(200, r#"{"Users":"#);
    mock.push_json(200, r#"{"Users":"secret-token-value"}"#);
    let core = client(&mock);
    let err = list(&core).await.unwrap_err();
    match &err {
        Error::InvalidResponse(e) => {
            assert_eq!((e.status(), e.request_id()), (200, Some("r9")));
            assert!(e.message().contains("not JSON"), "{}", e.message());
        }
        other => panic!("unexpected {other:?}"),
    }
    assert_eq!(err.request_id(), Some("r9"));
    let err = list(&core).await.unwrap_err();
    assert!(err.to_string().contains("not valid JSON"), "{err}");
    let err = list(&core).await.unwrap_err();
    assert!(
        err.to_string().contains("expected shape: invalid type"),
        "{err}"
    );
    assert!(!err.to_string().contains("secret-token-value"), "{err}");
}

#[tokio::test]
async fn endpoint_and_region_problems_surface_at_call_time() {
    let mock = MockTransport::new();
    let config = Config::builder()
        .region("us-east-1")
        .transport(mock.clone())
        .build();
    let err = list(&ClientCore::new(&SERVICE, config)).await.unwrap_err();
    assert!(matches!(err, Error::Endpoint(_)), "{err:?}");

    let config = builder(&mock).endpoint_url("localhost:9229").build();
    let err = list(&ClientCore::new(&SERVICE, config)).await.unwrap_err();
    assert!(matches!(err, Error::Endpoint(_)), "{err:?}");

    let config = Config::builder()
        .endpoint_url("http://localhost:9229")
        .credentials_provider(Credentials::new("AKID", "SECRET", None))
        .transport(mock.clone())
        .build();
    let err = list(&ClientCore::new(&SERVICE, config)).await.unwrap_err();
    assert!(matches!(err, Error::Signing(_)), "{err:?}");
    assert_eq!(mock.request_count(), 0);
}

#[test]
fn debug_hides_secrets() {
    let mock = MockTransport::new();
    let core = client(&mock);
    let debug = format!("{core:?}");
    assert!(
        !debug.contains("SECRETKEY") && !debug.contains("SESSIONTOKEN"),
        "{debug}"
    );
    assert!(debug.contains("AWSCognitoIdentityProviderService"));
    let err: Error<TestError> = Error::NotImplemented("list_users");
    assert_eq!(err.to_string(), "`list_users` is not implemented");
    assert!(!err.is_retryable());
}

#[test]
fn results_stay_small() {
    // Generated methods return `Result<O, Error<E>>`; keep it under clippy's
    // `result_large_err` threshold (128 bytes) for typical error enums.
    assert!(
        std::mem::size_of::<Error<TestError>>() <= 96,
        "{}",
        std::mem::size_of::<Error<TestError>>()
    );
}

#[test]
fn outside_tokio_is_an_error_not_a_panic() {
    let mock = MockTransport::new();
    let core = client(&mock);
    let outcome = futures_util::FutureExt::now_or_never(list(&core));
    assert!(
        matches!(outcome, Some(Err(Error::Transport(_)))),
        "{outcome:?}"
    );
}

#[path = "client_hardening_tests.rs"]
mod hardening;
