//! What the generated Cognito client puts on the wire, seen through the runtime's mock
//! transport: method, URL, headers, signature, JSON body, pagination tokens, client-side
//! validation, and `Debug` output that never shows a secret.
//!
//! Errors, retries and timeouts are in `wire_errors.rs`. Covered elsewhere, not repeated
//! here: unsigned operations send no `Authorization` (the runtime's unit test
//! `unsigned_operations_skip_credentials` in `codegen/runtime/src/client_tests.rs`; the
//! generator's choice of `OperationSpec::unsigned` by the `auth_modes` snapshot and
//! `full_model_auth.rs`), and an operation without input sends `{}` (the runtime's
//! `unit_input_sends_empty_object`; every operation of our model has an input).

use std::pin::pin;

use codegen_tests::mock::{
    ACCESS_KEY_ID, SECRET_ACCESS_KEY, SESSION_TOKEN, body_json, client, config, header,
    only_request,
};
use cognito_identity_provider::runtime::StreamExt;
use cognito_identity_provider::types::{
    Attribute, DescribeUserPoolDomainRequest, ListUserPoolsRequest, ListUsersRequest,
};
use cognito_identity_provider::{Client, CognitoIdentityProvider, Credentials, Error};
use serde_json::json;
use smithy_lean_runtime::MockTransport;

fn list_users_input() -> ListUsersRequest {
    ListUsersRequest::builder()
        .user_pool_id("us-east-1_Example")
        .filter("email = \"ana@example.com\"")
        .limit(2)
        .build()
        .unwrap()
}

#[tokio::test]
async fn list_users_request_is_exact_and_signed() {
    let mock = MockTransport::new();
    mock.push_json(
        200,
        r#"{"Users":[{"Username":"ana","UserStatus":"CONFIRMED"}]}"#,
    );
    let output = CognitoIdentityProvider::list_users(&client(&mock), list_users_input())
        .await
        .unwrap();
    assert_eq!(output.users.unwrap()[0].username.as_deref(), Some("ana"));

    let request = only_request(&mock);
    assert_eq!(request.method, "POST");
    assert_eq!(request.uri, "https://cognito-idp.us-east-1.amazonaws.com/");
    assert_eq!(
        header(&request, "host"),
        "cognito-idp.us-east-1.amazonaws.com"
    );
    assert_eq!(
        header(&request, "x-amz-target"),
        "AWSCognitoIdentityProviderService.ListUsers"
    );
    assert_eq!(
        header(&request, "content-type"),
        "application/x-amz-json-1.1"
    );
    assert_eq!(
        header(&request, "content-length"),
        request.body.len().to_string()
    );
    assert_eq!(
        body_json(&request),
        json!({"UserPoolId": "us-east-1_Example", "Filter": "email = \"ana@example.com\"", "Limit": 2})
    );
    let authorization = header(&request, "authorization");
    let credential = format!("AWS4-HMAC-SHA256 Credential={ACCESS_KEY_ID}/");
    assert!(authorization.starts_with(&credential), "{authorization}");
    assert!(
        authorization.contains("/us-east-1/cognito-idp/aws4_request, SignedHeaders="),
        "{authorization}"
    );
    assert!(
        authorization.contains("x-amz-target") && authorization.contains("Signature="),
        "{authorization}"
    );
    assert_eq!(header(&request, "x-amz-security-token"), SESSION_TOKEN);
    assert_eq!(
        header(&request, "x-amz-date").len(),
        "20240101T000000Z".len()
    );
}

#[tokio::test]
async fn unset_optional_members_are_left_out_of_the_body() {
    let mock = MockTransport::new();
    mock.push_json(200, r#"{"DomainDescription":{}}"#);
    let input = DescribeUserPoolDomainRequest::builder()
        .domain("auth-example")
        .build()
        .unwrap();
    CognitoIdentityProvider::describe_user_pool_domain(&client(&mock), input)
        .await
        .unwrap();
    let request = only_request(&mock);
    assert_eq!(request.body, r#"{"Domain":"auth-example"}"#);
    assert_eq!(
        header(&request, "x-amz-target"),
        "AWSCognitoIdentityProviderService.DescribeUserPoolDomain"
    );
}

#[tokio::test]
async fn endpoint_url_override_is_used_as_is() {
    let mock = MockTransport::new();
    mock.push_json(200, "{}");
    let config = config(&mock).endpoint_url("http://127.0.0.1:5000").build();
    let client = Client::new(config);
    CognitoIdentityProvider::list_users(&client, list_users_input())
        .await
        .unwrap();
    let request = only_request(&mock);
    assert_eq!(request.uri, "http://127.0.0.1:5000/");
    assert_eq!(header(&request, "host"), "127.0.0.1:5000");
}

#[tokio::test]
async fn missing_required_member_is_reported_before_sending() {
    let mock = MockTransport::new();
    mock.push_json(200, "{}");
    let built = ListUsersRequest::builder()
        .filter("username = \"x\"")
        .build();
    let message = built.unwrap_err().to_string();
    assert!(message.contains("UserPoolId"), "{message}");

    // A struct literal skips the builder; the client still checks before sending.
    let unchecked = ListUsersRequest {
        filter: Some("username = \"x\"".to_owned()),
        ..ListUsersRequest::default()
    };
    let error = CognitoIdentityProvider::list_users(&client(&mock), unchecked)
        .await
        .unwrap_err();
    let Error::InvalidInput(problem) = &error else {
        panic!("expected InvalidInput, got {error:?}");
    };
    assert!(problem.to_string().contains("UserPoolId"), "{problem}");
    assert_eq!(mock.request_count(), 0);
    assert_eq!(mock.remaining(), 1);
}

#[tokio::test]
async fn list_user_pools_paginator_uses_next_token_and_stops_on_a_repeat() {
    let mock = MockTransport::new();
    mock.push_json(
        200,
        r#"{"UserPools":[{"Id":"us-east-1_a"}],"NextToken":"n1"}"#,
    );
    mock.push_json(
        200,
        r#"{"UserPools":[{"Id":"us-east-1_b"}],"NextToken":"n1"}"#,
    );
    mock.push_json(200, r#"{"UserPools":[{"Id":"us-east-1_never"}]}"#);
    let input = ListUserPoolsRequest::builder().max_results(1);
    let client = client(&mock);
    let mut pages = pin!(input.with_client(client.clone()).into_paginator());
    let mut count = 0;
    while let Some(page) = pages.next().await {
        page.unwrap();
        count += 1;
    }
    assert_eq!(count, 2, "a repeated token ends the pages");
    let bodies: Vec<_> = mock.requests().iter().map(body_json).collect();
    assert_eq!(bodies[0], json!({"MaxResults": 1}));
    assert_eq!(bodies[1], json!({"MaxResults": 1, "NextToken": "n1"}));
}

#[tokio::test]
async fn debug_output_never_shows_secrets() {
    let mock = MockTransport::new();
    mock.push_json(
        400,
        r#"{"__type":"NotAuthorizedException","message":"no","AccessToken":"eyJ-leaked-token"}"#,
    );
    let config = config(&mock).build();
    let client = Client::new(config.clone());
    let error = CognitoIdentityProvider::list_users(&client, list_users_input())
        .await
        .unwrap_err();
    let request = only_request(&mock);
    let credentials = Credentials::new(
        ACCESS_KEY_ID,
        SECRET_ACCESS_KEY,
        Some(SESSION_TOKEN.to_owned()),
    );
    let user_attribute = Attribute {
        name: "email".to_owned(),
        value: Some("ana@example.com".to_owned()),
    };
    let outputs = [
        format!("{config:?}"),
        format!("{client:?}"),
        format!("{credentials:?}"),
        format!("{error:?}"),
        format!("{error}"),
        format!("{request:?}"),
        format!("{mock:?}"),
        format!("{user_attribute:?}"),
    ];
    for output in &outputs {
        for secret in [
            SECRET_ACCESS_KEY,
            SESSION_TOKEN,
            "eyJ-leaked-token",
            "ana@example.com",
        ] {
            assert!(!output.contains(secret), "{secret} shown in {output}");
        }
    }
    let signature = header(&request, "authorization");
    let signature = signature.rsplit("Signature=").next().unwrap();
    assert!(!format!("{request:?}").contains(signature));
    assert!(format!("{request:?}").contains("ListUsers"), "still useful");
}
