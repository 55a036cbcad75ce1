//! The fluent API of the generated client, over the runtime's mock transport: requests
//! started on `Client` and sent with `send()`, paginators that own their client (stored in a
//! struct, moved into a spawned task), builder setters (`set_*` with an `Option`, appenders
//! for lists and maps), and the same builders sent through a test double.

use std::sync::{Arc, Mutex};

use codegen_tests::mock::{body_json, client, only_request};
use cognito_identity_provider::error::{ListUserPoolsError, ListUsersError};
use cognito_identity_provider::runtime::{Paginator, StreamExt};
use cognito_identity_provider::types::{
    AdminCreateUserRequest, Attribute, DeliveryMedium, ListUserPoolsRequest, ListUserPoolsResponse,
    User, UserPoolDescription,
};
use cognito_identity_provider::{CognitoIdentityProvider, Error};
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
    assert_eq!(bodies[0], json!({"UserPoolId": "us-east-1_Example"}));
    assert_eq!(
        bodies[1],
        json!({"UserPoolId": "us-east-1_Example", "PaginationToken": "t1"})
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

/// Two pages of pools, recording the tokens it was sent (clones share the record).
#[derive(Clone, Default)]
struct TwoPages {
    tokens_seen: Arc<Mutex<Vec<Option<String>>>>,
}

impl CognitoIdentityProvider for TwoPages {
    async fn list_user_pools(
        &self,
        input: ListUserPoolsRequest,
    ) -> Result<ListUserPoolsResponse, Error<ListUserPoolsError>> {
        self.tokens_seen
            .lock()
            .unwrap()
            .push(input.next_token.clone());
        let (id, next_token) = match input.next_token.as_deref() {
            None => ("a", Some("2".to_owned())),
            _ => ("b", None),
        };
        Ok(ListUserPoolsResponse {
            user_pools: Some(vec![UserPoolDescription {
                id: Some(id.to_owned()),
                ..Default::default()
            }]),
            next_token,
        })
    }
}

#[tokio::test]
async fn builders_send_and_page_through_a_test_double() {
    let request = ListUserPoolsRequest::builder().max_results(10);
    let double = TwoPages::default();
    let first = request
        .clone()
        .with_client(double.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(first.next_token.as_deref(), Some("2"));

    let ids: Vec<String> = request
        .with_client(double.clone())
        .items()
        .map(|pool| pool.unwrap().id.unwrap())
        .collect()
        .await;
    assert_eq!(ids, ["a", "b"]);
    assert_eq!(
        *double.tokens_seen.lock().unwrap(),
        [None, None, Some("2".to_owned())]
    );
}
