//! How the generated Cognito client reports failures, seen through the runtime's mock
//! transport: modelled error codes become typed variants, anything else (unknown codes,
//! HTML, XML or empty bodies) the `Unhandled` catch-all with its status, never a panic;
//! transient failures are retried a bounded number of times; timeouts hold.

use std::time::{Duration, Instant};

use codegen_tests::mock::{client, config};
use cognito_identity_provider::error::{DescribeUserPoolError, ErrorCodes as _, ListUsersError};
use cognito_identity_provider::runtime::{ErrorMeta, TimeoutKind};
use cognito_identity_provider::types::{
    DescribeUserPoolRequest, DescribeUserPoolResponse, ListUsersRequest,
};
use cognito_identity_provider::{Client, CognitoIdentityProvider, Error};
use smithy_lean_runtime::MockTransport;

type Headers<'a> = &'a [(&'a str, &'a str)];

type DescribeResult = Result<DescribeUserPoolResponse, Error<DescribeUserPoolError>>;

fn describe_input() -> DescribeUserPoolRequest {
    DescribeUserPoolRequest::builder()
        .user_pool_id("us-east-1_Example")
        .build()
        .unwrap()
}

/// `DescribeUserPool` through `client` against whatever `mock` has queued.
async fn describe(client: &Client) -> DescribeResult {
    CognitoIdentityProvider::describe_user_pool(client, describe_input()).await
}

/// One `DescribeUserPool` answered by a single queued response, without retries.
async fn describe_once(status: u16, headers: Headers<'_>, body: &str) -> DescribeResult {
    let mock = MockTransport::new();
    mock.push_response(status, headers, body.to_owned());
    let client = Client::new(config(&mock).max_attempts(1).build());
    describe(&client).await
}

/// The typed error and its metadata (panics for any other kind of failure).
fn service_error(result: DescribeResult) -> (DescribeUserPoolError, ErrorMeta) {
    match result {
        Err(Error::Service { error, meta }) => (error, *meta),
        other => panic!("expected a service error, got {other:?}"),
    }
}

/// The `Unhandled` catch-all's code, status and message (panics for a typed variant).
fn unhandled(error: &DescribeUserPoolError) -> (&str, u16, Option<&str>) {
    match error {
        DescribeUserPoolError::Unhandled(e) => (e.code(), e.status(), e.message()),
        other => panic!("expected Unhandled, got {other:?}"),
    }
}

#[tokio::test]
async fn modelled_error_becomes_its_typed_variant() {
    let result = describe_once(
        400,
        &[
            ("x-amzn-errortype", "ResourceNotFoundException"),
            ("x-amzn-requestid", "req-404"),
        ],
        r#"{"__type":"ResourceNotFoundException","message":"User pool us-east-1_Example does not exist."}"#,
    )
    .await;
    assert!(
        result
            .as_ref()
            .unwrap_err()
            .is_resource_not_found_exception()
    );
    let (error, meta) = service_error(result);
    let DescribeUserPoolError::ResourceNotFoundException(typed) = &error else {
        panic!("expected ResourceNotFoundException, got {error:?}");
    };
    assert_eq!(
        typed.message.as_deref(),
        Some("User pool us-east-1_Example does not exist.")
    );
    assert!(error.is_resource_not_found_exception());
    assert!(!error.is_not_authorized_exception());
    assert_eq!(
        (meta.code(), meta.status(), meta.request_id()),
        ("ResourceNotFoundException", 400, Some("req-404"))
    );
    assert!(!meta.is_retryable());
}

#[tokio::test]
async fn error_type_header_wins_over_body_and_is_sanitized() {
    let header_and_body = describe_once(
        400,
        &[(
            "X-Amzn-ErrorType",
            "NotAuthorizedException:http://internal.amazon.com/coral/com.amazon.coral.service/",
        )],
        r#"{"__type":"ResourceNotFoundException","message":"token expired"}"#,
    )
    .await;
    let (error, _) = service_error(header_and_body);
    assert!(
        matches!(&error, DescribeUserPoolError::NotAuthorizedException(e)
            if e.message.as_deref() == Some("token expired")),
        "{error:?}"
    );

    let namespaced_body = describe_once(
        400,
        &[],
        r#"{"__type":"com.amazonaws.cognitoidentityprovider#InvalidParameterException:x","message":"bad"}"#,
    )
    .await;
    let (error, meta) = service_error(namespaced_body);
    assert!(error.is_invalid_parameter_exception(), "{error:?}");
    assert_eq!(meta.code(), "InvalidParameterException");
}

#[tokio::test]
async fn unknown_code_is_unhandled_with_everything_kept() {
    let result = describe_once(
        409,
        &[("x-amzn-requestid", "req-new")],
        r#"{"__type":"BrandNewException","message":"something new"}"#,
    )
    .await;
    assert_eq!(
        result.as_ref().unwrap_err().code(),
        Some("BrandNewException")
    );
    let (error, meta) = service_error(result);
    assert_eq!(
        unhandled(&error),
        ("BrandNewException", 409, Some("something new"))
    );
    let DescribeUserPoolError::Unhandled(inner) = &error else {
        unreachable!()
    };
    assert_eq!(inner.request_id(), Some("req-new"));
    assert_eq!(meta.request_id(), Some("req-new"));
    assert_eq!(
        error.to_string(),
        "BrandNewException (HTTP 409): something new"
    );
}

#[tokio::test]
async fn modelled_code_with_a_body_of_the_wrong_shape_is_unhandled() {
    let result = describe_once(
        400,
        &[],
        r#"{"__type":"ResourceNotFoundException","message":{"nested":true}}"#,
    )
    .await;
    let (error, _) = service_error(result);
    assert_eq!(unhandled(&error).0, "ResourceNotFoundException");
    assert!(error.is_resource_not_found_exception(), "checks go by code");
}

#[tokio::test]
async fn non_json_error_pages_are_unhandled_with_their_status() {
    let html =
        "<!doctype html>\n<title>500 Internal Server Error</title><h1>Internal Server Error</h1>";
    let cases: [(u16, Headers, &str); 4] = [
        (500, &[("content-type", "text/html; charset=utf-8")], html),
        (
            403,
            &[("content-type", "application/xml")],
            "<?xml version=\"1.0\"?><Error><Code>AccessDenied</Code></Error>",
        ),
        (502, &[], ""),
        (400, &[("content-type", "application/x-amz-json-1.1")], "{"),
    ];
    for (status, headers, body) in cases {
        let (error, meta) = service_error(describe_once(status, headers, body).await);
        let (code, seen_status, message) = unhandled(&error);
        assert_eq!((code, seen_status), ("", status), "{body}");
        assert_eq!(meta.status(), status);
        if status == 500 {
            assert!(message.unwrap().contains("Internal Server Error"));
        }
        if body.is_empty() {
            assert_eq!(message, None);
        }
    }
}

#[tokio::test]
async fn success_status_with_a_body_that_is_not_json_is_an_invalid_response() {
    for body in ["<html>proxy login</html>", "{\"UserPool\": ", "[1, 2]"] {
        let result = describe_once(200, &[("x-amzn-requestid", "r")], body).await;
        let Err(Error::InvalidResponse(invalid)) = result else {
            panic!("expected InvalidResponse for {body:?}, got {result:?}");
        };
        assert_eq!((invalid.status(), invalid.request_id()), (200, Some("r")));
    }
}

#[tokio::test]
async fn server_error_then_success_is_retried() {
    let mock = MockTransport::new();
    mock.push_json(500, r#"{"__type":"InternalErrorException","message":"x"}"#);
    mock.push_json(200, r#"{"UserPool":{"Id":"us-east-1_Example"}}"#);
    let output = describe(&client(&mock)).await.unwrap();
    assert_eq!(
        output.user_pool.unwrap().id.as_deref(),
        Some("us-east-1_Example")
    );
    assert_eq!(mock.request_count(), 2);
    let bodies: Vec<_> = mock.requests().into_iter().map(|r| r.body).collect();
    assert_eq!(bodies[0], bodies[1], "the retry resends the same body");
}

#[tokio::test]
async fn client_errors_are_not_retried() {
    let mock = MockTransport::new();
    mock.push_json(
        400,
        r#"{"__type":"InvalidParameterException","message":"x"}"#,
    );
    mock.push_json(200, "{}");
    let error = describe(&client(&mock)).await.unwrap_err();
    assert!(error.is_invalid_parameter_exception());
    assert_eq!((mock.request_count(), mock.remaining()), (1, 1));
}

#[tokio::test]
async fn throttling_is_retried_but_attempts_are_bounded() {
    let mock = MockTransport::new();
    for _ in 0..5 {
        mock.push_json(
            400,
            r#"{"__type":"TooManyRequestsException","message":"slow down"}"#,
        );
    }
    let client = Client::new(config(&mock).max_attempts(3).build());
    let error = describe(&client).await.unwrap_err();
    assert!(error.is_too_many_requests_exception(), "{error:?}");
    assert!(error.is_retryable());
    assert_eq!((mock.request_count(), mock.remaining()), (3, 2));
}

#[tokio::test]
async fn never_answering_server_times_out_per_attempt() {
    let mock = MockTransport::new();
    mock.push_never();
    let limit = Duration::from_millis(300);
    let client = Client::new(config(&mock).max_attempts(1).attempt_timeout(limit).build());
    let started = Instant::now();
    let error = describe(&client).await.unwrap_err();
    let elapsed = started.elapsed();
    let Error::Timeout(timeout) = &error else {
        panic!("expected a timeout, got {error:?}");
    };
    assert_eq!(
        (timeout.kind(), timeout.limit()),
        (TimeoutKind::Attempt, limit)
    );
    assert!(elapsed >= limit && elapsed < 2 * limit, "{elapsed:?}");
}

#[tokio::test]
async fn operation_timeout_bounds_retries() {
    let mock = MockTransport::new();
    for _ in 0..3 {
        mock.push_never();
    }
    let limit = Duration::from_millis(400);
    let config = config(&mock)
        .attempt_timeout(Duration::from_secs(30))
        .operation_timeout(limit)
        .build();
    let started = Instant::now();
    let error = describe(&Client::new(config)).await.unwrap_err();
    let elapsed = started.elapsed();
    assert!(
        matches!(&error, Error::Timeout(t) if t.kind() == TimeoutKind::Operation),
        "{error:?}"
    );
    assert!(elapsed >= limit && elapsed < 2 * limit, "{elapsed:?}");
    assert_eq!(mock.request_count(), 1);
}

#[tokio::test]
async fn list_users_error_enum_has_its_own_variants() {
    let mock = MockTransport::new();
    mock.push_json(
        400,
        r#"{"__type":"NotAuthorizedException","message":"expired"}"#,
    );
    let input = ListUsersRequest::builder()
        .user_pool_id("us-east-1_Example")
        .build()
        .unwrap();
    let error = CognitoIdentityProvider::list_users(&client(&mock), input)
        .await
        .unwrap_err();
    assert!(
        matches!(
            error.service_error(),
            Some(ListUsersError::NotAuthorizedException(_))
        ),
        "{error:?}"
    );
}

#[tokio::test]
async fn a_capitalised_message_reaches_the_typed_error() {
    let result = describe_once(
        400,
        &[],
        r#"{"__type":"ResourceNotFoundException","Message":"capital M"}"#,
    )
    .await;
    let (error, _) = service_error(result);
    let DescribeUserPoolError::ResourceNotFoundException(typed) = &error else {
        panic!("expected ResourceNotFoundException, got {error:?}");
    };
    assert_eq!(typed.message.as_deref(), Some("capital M"));
}

#[tokio::test]
async fn typed_error_display_neutralises_server_text() {
    let body = serde_json::json!({
        "__type": "ResourceNotFoundException",
        "message": format!("gone\r\n\u{1b}[31mFAKE{}", "x".repeat(100_000)),
    });
    let (error, _) = service_error(describe_once(400, &[], &body.to_string()).await);
    let shown = error.to_string();
    assert!(
        shown.starts_with("ResourceNotFoundException: gone  FAKE"),
        "{shown:.80}"
    );
    assert!(!shown.contains(['\r', '\n', '\u{1b}']));
    assert!(shown.len() < 2048, "printed {} bytes", shown.len());
    let DescribeUserPoolError::ResourceNotFoundException(typed) = &error else {
        panic!("expected ResourceNotFoundException, got {error:?}");
    };
    assert_eq!(typed.message.as_deref().map(str::len), Some(100_015));
}

#[test]
fn sensitive_structures_are_redacted_in_debug() {
    let data = cognito_identity_provider::types::UserContextData {
        ip_address: Some("192.0.2.1".into()),
        encoded_data: Some("fingerprint-secret".into()),
    };
    let shown = format!("{data:?}");
    assert!(
        !shown.contains("192.0.2.1") && !shown.contains("fingerprint-secret"),
        "{shown}"
    );
    assert!(shown.contains("Sensitive Data Redacted"), "{shown}");
}
