//! The generated Cognito types are exact on the awsJson 1.1 wire: responses shaped like the
//! boto3 pages in `../shared/seeds` decode into typed values and encode back unchanged.

use cognito_identity_provider::types::{
    DeletionProtection, DescribeUserPoolResponse, ListUsersRequest, ListUsersResponse,
    ProviderType, UserStatus,
};
use serde_json::{Value, json};

#[test]
fn list_users_response_from_the_seed_page() {
    let wire = codegen_tests::list_users_seed_page();
    let response: ListUsersResponse = serde_json::from_value(wire.clone()).expect("decodes");
    let user = &response.users.as_ref().expect("users")[0];
    assert_eq!(user.user_status, Some(UserStatus::ForceChangePassword));
    assert_eq!(user.username.as_deref(), Some("ana"));
    assert_eq!(
        user.user_create_date.expect("created").secs(),
        1_700_000_000
    );
    let modified = user.user_last_modified_date.expect("modified");
    assert_eq!(
        (modified.secs(), modified.subsec_nanos()),
        (1_700_000_000, 500_000_000)
    );
    assert_eq!(response.pagination_token.as_deref(), Some("next-page"));

    // Whole seconds are written back as integers, fractions as fractions.
    assert_eq!(serde_json::to_value(&response).expect("encodes"), wire);
}

#[test]
fn describe_user_pool_deletion_protection_is_an_enum() {
    let wire = json!({"UserPool": {"Id": "us-east-1_abc", "Name": "pool", "DeletionProtection": "ACTIVE"}});
    let response: DescribeUserPoolResponse = serde_json::from_value(wire).expect("decodes");
    let pool = response.user_pool.expect("pool");
    assert_eq!(pool.deletion_protection, Some(DeletionProtection::Active));
    assert_eq!(DeletionProtection::Active.as_str(), "ACTIVE");
    assert_eq!(DeletionProtection::values(), ["ACTIVE", "INACTIVE"]);
}

#[test]
fn unknown_enum_values_from_the_future_round_trip() {
    let status: UserStatus = serde_json::from_value(json!("PASSKEY_ONLY")).expect("decodes");
    assert!(matches!(status, UserStatus::Unknown(_)));
    assert_eq!(status.as_str(), "PASSKEY_ONLY");
    assert_eq!(
        serde_json::to_value(&status).expect("encodes"),
        json!("PASSKEY_ONLY")
    );
    assert_eq!(
        "OIDC".parse::<ProviderType>().expect("infallible").as_str(),
        "OIDC"
    );
}

#[test]
fn the_wire_value_unknown_is_not_the_catch_all() {
    let status: UserStatus = serde_json::from_value(json!("UNKNOWN")).expect("decodes");
    assert_eq!(status, UserStatus::UnknownValue);
    assert_eq!(status.to_string(), "UNKNOWN");
}

#[test]
fn unknown_fields_are_ignored_and_missing_required_members_get_zero_values() {
    let wire = json!({"Users": [{"Username": "bo", "SomethingNew": {"Nested": [1, 2]}}]});
    let response: ListUsersResponse = serde_json::from_value(wire).expect("decodes");
    let user = &response.users.expect("users")[0];
    assert!(!user.enabled, "a missing boolean decodes as false");
    assert_eq!(user.user_status, None);
}

#[test]
fn requests_omit_unset_members_and_use_wire_names() {
    let request = ListUsersRequest::builder()
        .user_pool_id("us-east-1_abc")
        .limit(2)
        .filter("username ^= \"a\"")
        .build()
        .expect("required members set");
    let body: Value = serde_json::to_value(&request).expect("encodes");
    assert_eq!(
        body,
        json!({"UserPoolId": "us-east-1_abc", "Limit": 2, "Filter": "username ^= \"a\""})
    );
}

#[test]
fn builders_report_the_missing_required_member() {
    let error = ListUsersRequest::builder()
        .limit(2)
        .build()
        .expect_err("no pool id");
    assert!(error.to_string().contains("UserPoolId"), "{error}");
}
