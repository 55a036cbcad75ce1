//! The fluent API of the generated client, over the runtime's mock transport: requests
//! started on `Client` and sent with `send()`, paginators that own their client (stored in a
//! struct, moved into a spawned task), and builder setters (`set_*` with an `Option`,
//! appenders for lists and maps). Builders sent through a test double: `test_double.rs`.

use codegen_tests::mock::{body_json, client, only_request};
use cognito_identity_provider::Error;
use cognito_identity_provider::error::ListUsersError;
use cognito_identity_provider::runtime::{Paginator, StreamExt};
use cognito_identity_provider::types::{AdminCreateUserRequest, Attribute, DeliveryMedium, User};
use serde_json::json;
use smithy_lean_runtime::MockTransport;

#[tokio::test]
async fn fluent_request_sends_the_members_set() {
    let mock = MockTransport::new();
    mock.push_json(200, r#"{"Users":[{"Username":"ana"}]}"#);
    let output = client(&mock)
        .list_users()
        .user_pool_id("us-east-1_Example")
        .limit(5)
        .set_filter(Some("username ^= \"a\"".to_owned()))
        .attributes_to_get("email")
        .attributes_to_get("name")
        .send()
        .await
        .unwrap();
    assert_eq!(output.users.unwrap()[0].username.as_deref(), Some("ana"));
    assert_eq!(
        body_json(&only_request(&mock)),
        json!({
            "UserPoolId": "us-east-1_Example",
            "Limit": 5,
            "Filter": "username ^= \"a\"",
            "AttributesToGet": ["email", "name"],
        })
    );
}

#[tokio::test]
async fn fluent_request_missing_a_required_member_sends_nothing() {
    let mock = MockTransport::new();
    let error = client(&mock)
        .list_users()
        .limit(5)
        .send()
        .await
        .unwrap_err();
    assert!(
        matches!(&error, Error::InvalidInput(e) if e.to_string().contains("UserPoolId")),
        "{error:?}"
    );
    assert!(mock.requests().is_empty());
}

#[test]
fn validate_names_the_first_required_member_left_unset() {
    use cognito_identity_provider::types::AdminAddUserToGroupRequest;
    let error = AdminAddUserToGroupRequest::builder()
        .user_pool_id("us-east-1_Example")
        .group_name("admins")
        .build()
        .unwrap_err();
    assert_eq!(
        (error.shape(), error.member(), error.is_missing_field()),
        ("AdminAddUserToGroupRequest", Some("Username"), true)
    );
    let complete = AdminAddUserToGroupRequest::builder()
        .user_pool_id("us-east-1_Example")
        .username("ana")
        .group_name("admins")
        .build();
    assert!(complete.is_ok(), "{complete:?}");
}

/// A job that keeps its paginator between polls: the paginator borrows nothing.
struct UserJob {
    users: Paginator<User, ListUsersError>,
}

#[tokio::test]
async fn paginator_owns_its_client_and_runs_in_a_spawned_task() {
    let mock = MockTransport::new();
    mock.push_json(
        200,
        r#"{"Users":[{"Username":"a"},{"Username":"b"}],"PaginationToken":"t1"}"#,
    );
    mock.push_json(200, r#"{"Users":[{"Username":"c"}]}"#);
    let job = {
        // The client is dropped at the end of this block; the paginator keeps its own.
        let client = client(&mock);
        UserJob {
            users: client
                .list_users()
                .user_pool_id("us-east-1_Example")
                .filter("email = \"ana@example.com\"")
                .items(),
        }
    };
    let names = tokio::spawn(async move {
        let mut job = job;
        let mut names = Vec::new();
        while let Some(user) = job.users.next().await {
            names.push(user.unwrap().username.unwrap());
        }
        names
    })
    .await
    .unwrap();
    assert_eq!(names, ["a", "b", "c"]);
    let bodies: Vec<_> = mock.requests().iter().map(body_json).collect();
    let filter = "email = \"ana@example.com\"";
    assert_eq!(
        bodies[0],
        json!({"UserPoolId": "us-east-1_Example", "Filter": filter})
    );
    assert_eq!(
        bodies[1],
        json!({"UserPoolId": "us-east-1_Example", "Filter": filter, "PaginationToken": "t1"}),
        "every page repeats the input, with the token"
    );
}

#[tokio::test]
async fn into_paginator_yields_pages_and_stops_on_a_repeated_token() {
    let mock = MockTransport::new();
    mock.push_json(200, r#"{"UserPools":[{"Id":"a"}],"NextToken":"n1"}"#);
    mock.push_json(200, r#"{"UserPools":[{"Id":"b"}],"NextToken":"n1"}"#);
    mock.push_json(200, r#"{"UserPools":[{"Id":"never"}]}"#);
    let pages: Vec<_> = client(&mock)
        .list_user_pools()
        .max_results(1)
        .into_paginator()
        .collect()
        .await;
    assert_eq!(pages.len(), 2, "a repeated token ends the pages");
    let bodies: Vec<_> = mock.requests().iter().map(body_json).collect();
    assert_eq!(bodies[1], json!({"MaxResults": 1, "NextToken": "n1"}));
}

#[test]
fn setters_append_to_lists_and_maps_and_option_setters_replace() {
    let attribute = |name: &str, value: &str| Attribute {
        name: name.to_owned(),
        value: Some(value.to_owned()),
    };
    let input = AdminCreateUserRequest::builder()
        .user_pool_id("pool")
        .username("ana")
        .user_attributes(attribute("email", "ana@example.com"))
        .user_attributes(attribute("name", "Ana"))
        .client_metadata("source", "test")
        .client_metadata("step", "1")
        .client_metadata("step", "2")
        .desired_delivery_mediums(DeliveryMedium::Email)
        .set_validation_data(Some(vec![attribute("a", "1")]))
        .temporary_password("first")
        .set_temporary_password(None)
        .build()
        .unwrap();
    assert_eq!(
        input.user_attributes,
        Some(vec![
            attribute("email", "ana@example.com"),
            attribute("name", "Ana")
        ])
    );
    let metadata = input.client_metadata.unwrap();
    assert_eq!(metadata.len(), 2);
    assert_eq!(metadata["step"], "2", "a repeated key replaces the entry");
    assert_eq!(
        input.desired_delivery_mediums,
        Some(vec![DeliveryMedium::Email])
    );
    assert_eq!(input.validation_data, Some(vec![attribute("a", "1")]));
    assert_eq!(input.temporary_password, None, "`set_…(None)` clears");
}
