//! The client generated from the full AWS Cognito model against moto, for operations our
//! 21-operation model leaves out: users, app clients, sign-up and sign-in (the unsigned
//! `SignUp`, `InitiateAuth` and `GetUser` among them).

use std::collections::HashMap;

use cognito_identity_provider::error::ErrorCodes as _;
use cognito_identity_provider::runtime::StreamExt;
use cognito_identity_provider::types::{
    AdminConfirmSignUpRequest, AdminCreateUserRequest, AdminGetUserRequest,
    AdminInitiateAuthRequest, AdminSetUserPasswordRequest, Attribute, AuthFlow,
    AuthenticationResult, CreateUserPoolClientRequest, CreateUserPoolRequest, DeletionProtection,
    ExplicitAuthFlows, GetUserRequest, InitiateAuthRequest, ListUsersRequest, MessageAction,
    SignUpRequest, UserStatus,
};
use cognito_identity_provider::{Client, CognitoIdentityProvider};
use full_model_e2e::moto_env::{config, endpoint, unique};

/// Meets moto's default password policy (upper, lower, digit, symbol, 8+ characters).
const PASSWORD: &str = "Correct-Horse-1";

/// A client for the moto at `COGNITO_ENDPOINT` (panics when it is not set: this crate
/// exists only for CI, which starts moto).
fn client() -> Client {
    Client::new(config(&endpoint()))
}

fn email(value: &str) -> Attribute {
    Attribute {
        name: "email".to_owned(),
        value: Some(value.to_owned()),
    }
}

/// A pool with deletion protection on, and an app client allowing password sign-in.
async fn pool_with_app_client(client: &Client) -> (String, String) {
    let input = CreateUserPoolRequest::builder()
        .pool_name(unique("full-pool"))
        .deletion_protection(DeletionProtection::Active)
        .build();
    let pool = client.create_user_pool(input.unwrap()).await.unwrap();
    let pool = pool.user_pool.unwrap();
    assert_eq!(pool.deletion_protection, Some(DeletionProtection::Active));
    let pool_id = pool.id.unwrap();
    let input = CreateUserPoolClientRequest::builder()
        .user_pool_id(&pool_id)
        .client_name("web")
        .explicit_auth_flows(vec![
            ExplicitAuthFlows::AllowUserPasswordAuth,
            ExplicitAuthFlows::AllowAdminUserPasswordAuth,
            ExplicitAuthFlows::AllowRefreshTokenAuth,
        ])
        .build();
    let app = client
        .create_user_pool_client(input.unwrap())
        .await
        .unwrap();
    let app = app.user_pool_client.unwrap();
    assert_eq!(app.client_name.as_deref(), Some("web"));
    let flows = app.explicit_auth_flows.unwrap_or_default();
    assert!(
        flows.contains(&ExplicitAuthFlows::AllowUserPasswordAuth),
        "{flows:?}"
    );
    (pool_id, app.client_id.unwrap())
}

async fn create_user(client: &Client, pool_id: &str, username: &str, address: &str) {
    let input = AdminCreateUserRequest::builder()
        .user_pool_id(pool_id)
        .username(username)
        .user_attributes(vec![email(address)])
        .message_action(MessageAction::Suppress)
        .build();
    let created = client.admin_create_user(input.unwrap()).await.unwrap();
    let user = created.user.unwrap();
    assert_eq!(user.username.as_deref(), Some(username));
    assert_eq!(user.user_status, Some(UserStatus::ForceChangePassword));
}

#[tokio::test]
async fn admin_created_users_are_listed_by_filter() {
    let client = client();
    let (pool_id, _) = pool_with_app_client(&client).await;
    for (username, address) in [
        ("carla", "carla@example.com"),
        ("carlos", "carlos@example.com"),
        ("dora", "dora@example.com"),
    ] {
        create_user(&client, &pool_id, username, address).await;
    }
    let list = |filter: &str| {
        let input = ListUsersRequest::builder()
            .user_pool_id(&pool_id)
            .filter(filter)
            .limit(1)
            .build();
        client.list_users_items(input.unwrap()).collect::<Vec<_>>()
    };
    let mut names: Vec<String> = list("username ^= \"carl\"")
        .await
        .into_iter()
        .map(|user| user.unwrap().username.unwrap())
        .collect();
    names.sort();
    assert_eq!(names, ["carla", "carlos"]);
    let dora = list("email = \"dora@example.com\"").await;
    let [Ok(dora)] = dora.as_slice() else {
        panic!("expected dora alone, got {dora:?}");
    };
    assert_eq!(dora.username.as_deref(), Some("dora"));
}

fn tokens(result: Option<AuthenticationResult>) -> AuthenticationResult {
    let result = result.expect("signed in without a challenge");
    assert!(result.id_token.is_some() && result.refresh_token.is_some());
    assert!(result.expires_in > 0);
    result
}

#[tokio::test]
async fn password_sign_in_unsigned_and_as_admin() {
    let client = client();
    let (pool_id, client_id) = pool_with_app_client(&client).await;
    create_user(&client, &pool_id, "erin", "erin@example.com").await;
    let input = AdminSetUserPasswordRequest::builder()
        .user_pool_id(&pool_id)
        .username("erin")
        .password(PASSWORD)
        .permanent(true)
        .build();
    client
        .admin_set_user_password(input.unwrap())
        .await
        .unwrap();

    let sign_in = |password: &str| {
        let parameters = HashMap::from([
            ("USERNAME".to_owned(), "erin".to_owned()),
            ("PASSWORD".to_owned(), password.to_owned()),
        ]);
        let input = InitiateAuthRequest::builder()
            .client_id(&client_id)
            .auth_flow(AuthFlow::UserPasswordAuth)
            .auth_parameters(parameters)
            .build();
        client.initiate_auth(input.unwrap())
    };
    let signed_in = tokens(sign_in(PASSWORD).await.unwrap().authentication_result);
    let access_token = signed_in.access_token.unwrap();
    let input = GetUserRequest::builder().access_token(access_token).build();
    let user = client.get_user(input.unwrap()).await.unwrap();
    assert_eq!(user.username, "erin");
    assert!(user.user_attributes.iter().any(|a| a.name == "email"));

    let wrong = sign_in("Wrong-Password-1").await.unwrap_err();
    assert!(wrong.is_not_authorized_exception(), "{wrong:?}");

    let parameters = HashMap::from([
        ("USERNAME".to_owned(), "erin".to_owned()),
        ("PASSWORD".to_owned(), PASSWORD.to_owned()),
    ]);
    let input = AdminInitiateAuthRequest::builder()
        .user_pool_id(&pool_id)
        .client_id(&client_id)
        .auth_flow(AuthFlow::AdminUserPasswordAuth)
        .auth_parameters(parameters)
        .build();
    let admin = client.admin_initiate_auth(input.unwrap()).await.unwrap();
    assert!(tokens(admin.authentication_result).access_token.is_some());
}

#[tokio::test]
async fn sign_up_then_admin_confirm() {
    let client = client();
    let (pool_id, client_id) = pool_with_app_client(&client).await;
    let input = SignUpRequest::builder()
        .client_id(&client_id)
        .username("frank")
        .password(PASSWORD)
        .user_attributes(vec![email("frank@example.com")])
        .build();
    let signed_up = client.sign_up(input.unwrap()).await.unwrap();
    assert!(!signed_up.user_confirmed);
    assert!(!signed_up.user_sub.is_empty());

    let get = || {
        let input = AdminGetUserRequest::builder()
            .user_pool_id(&pool_id)
            .username("frank")
            .build();
        client.admin_get_user(input.unwrap())
    };
    assert_eq!(
        get().await.unwrap().user_status,
        Some(UserStatus::Unconfirmed)
    );
    let input = AdminConfirmSignUpRequest::builder()
        .user_pool_id(&pool_id)
        .username("frank")
        .build();
    client.admin_confirm_sign_up(input.unwrap()).await.unwrap();
    assert_eq!(
        get().await.unwrap().user_status,
        Some(UserStatus::Confirmed)
    );
}
