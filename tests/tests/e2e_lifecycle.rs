//! The whole life of a user pool against moto (`COGNITO_ENDPOINT`), typed API only: set-up
//! and tear-down, deletion protection across an update, and a user signing up and signing
//! in with the unsigned token operations. Ignored by default (`cargo test` lists them with what
//! they need); `cargo test -- --ignored` runs them and fails without `COGNITO_ENDPOINT`.

use std::collections::HashMap;

use codegen_tests::moto::{Moto, email_attribute};
use codegen_tests::moto_env::unique;
use cognito_identity_provider::error::{DeleteUserPoolError, ErrorCodes as _};
use cognito_identity_provider::types::{
    AdminConfirmSignUpRequest, AdminGetUserRequest, AdminInitiateAuthRequest, AuthFlow,
    AuthenticationResult, DeleteUserPoolRequest, DeletionProtection, DescribeUserPoolClientRequest,
    DescribeUserPoolRequest, GetUserRequest, InitiateAuthRequest, SignUpRequest,
    UpdateUserPoolRequest, UserPool, UserStatus,
};
use cognito_identity_provider::{CognitoIdentityProvider, Error};

/// Meets moto's default password policy (upper, lower, digit, symbol, 8+ characters).
const PASSWORD: &str = "Correct-Horse-1";

/// The pool as DescribeUserPool returns it, or the error.
async fn describe(moto: &Moto, pool_id: &str) -> Result<UserPool, String> {
    let input = DescribeUserPoolRequest::builder()
        .user_pool_id(pool_id)
        .build()
        .unwrap();
    match CognitoIdentityProvider::describe_user_pool(&moto.client, input).await {
        Ok(output) => Ok(output.user_pool.expect("DescribeUserPool returns the pool")),
        Err(error) if error.is_resource_not_found_exception() => Err("not found".to_owned()),
        Err(error) => panic!("DescribeUserPool failed: {error:?}"),
    }
}

async fn delete_pool(moto: &Moto, pool_id: &str) -> Result<(), Error<DeleteUserPoolError>> {
    let input = DeleteUserPoolRequest::builder()
        .user_pool_id(pool_id)
        .build()
        .unwrap();
    CognitoIdentityProvider::delete_user_pool(&moto.client, input)
        .await
        .map(|_| ())
}

#[tokio::test]
#[ignore = "needs moto: set COGNITO_ENDPOINT (`.ci/run` starts moto)"]
async fn pool_is_set_up_with_user_app_client_and_domain_then_deleted() {
    let moto = Moto::connect();
    let pool_id = moto
        .user_pool(&unique("life-pool"), DeletionProtection::Inactive)
        .await;
    moto.user(&pool_id, "gina", "gina@example.com").await;
    let client_id = moto.app_client(&pool_id, "web").await;
    let domain = unique("life").to_lowercase();
    moto.domain(&pool_id, &domain).await;

    let input = AdminGetUserRequest::builder()
        .user_pool_id(&pool_id)
        .username("gina")
        .build();
    let gina = CognitoIdentityProvider::admin_get_user(&moto.client, input.unwrap())
        .await
        .unwrap();
    assert_eq!(gina.user_status, Some(UserStatus::ForceChangePassword));
    let input = DescribeUserPoolClientRequest::builder()
        .user_pool_id(&pool_id)
        .client_id(&client_id)
        .build();
    let app = CognitoIdentityProvider::describe_user_pool_client(&moto.client, input.unwrap())
        .await
        .unwrap();
    assert_eq!(
        app.user_pool_client.unwrap().client_name.as_deref(),
        Some("web")
    );
    let description = moto.describe_domain(&domain).await;
    assert_eq!(description.user_pool_id.as_deref(), Some(pool_id.as_str()));

    delete_pool(&moto, &pool_id).await.unwrap();
    assert_eq!(
        describe(&moto, &pool_id).await.err().as_deref(),
        Some("not found")
    );
}

#[tokio::test]
#[ignore = "needs moto: set COGNITO_ENDPOINT (`.ci/run` starts moto)"]
async fn deletion_protection_survives_an_update_and_guards_deletion() {
    let moto = Moto::connect();
    let pool_id = moto
        .user_pool(&unique("life-protected"), DeletionProtection::Active)
        .await;

    // UpdateUserPool resets what the request leaves out, as AWS documents it, so an update
    // that changes the verification subject carries the protection along: the typed
    // request has the member, and nothing in the client drops it.
    let input = UpdateUserPoolRequest::builder()
        .user_pool_id(&pool_id)
        .deletion_protection(DeletionProtection::Active)
        .email_verification_subject("Your code")
        .build();
    CognitoIdentityProvider::update_user_pool(&moto.client, input.unwrap())
        .await
        .unwrap();
    let pool = describe(&moto, &pool_id).await.unwrap();
    assert_eq!(pool.deletion_protection, Some(DeletionProtection::Active));
    assert_eq!(
        pool.email_verification_subject.as_deref(),
        Some("Your code")
    );

    match delete_pool(&moto, &pool_id).await {
        Err(error) => {
            let still_there = describe(&moto, &pool_id).await;
            assert!(
                still_there.is_ok(),
                "refused ({error:?}) yet the pool is gone"
            );
            assert!(error.meta().is_some_and(|m| m.status() == 400), "{error:?}");
        }
        Ok(()) => {
            eprintln!(
                "note: this moto does not enforce deletion protection: DeleteUserPool on a \
                 protected pool succeeded"
            );
            return;
        }
    }

    let input = UpdateUserPoolRequest::builder()
        .user_pool_id(&pool_id)
        .deletion_protection(DeletionProtection::Inactive)
        .build();
    CognitoIdentityProvider::update_user_pool(&moto.client, input.unwrap())
        .await
        .unwrap();
    delete_pool(&moto, &pool_id).await.unwrap();
    assert_eq!(
        describe(&moto, &pool_id).await.err().as_deref(),
        Some("not found")
    );
}

/// The tokens of a sign-in that needed no further challenge.
fn tokens(result: Option<AuthenticationResult>) -> AuthenticationResult {
    let result = result.expect("signed in without a challenge");
    assert!(result.id_token.is_some() && result.refresh_token.is_some());
    assert!(result.expires_in > 0);
    result
}

fn password_parameters(username: &str, password: &str) -> HashMap<String, String> {
    HashMap::from([
        ("USERNAME".to_owned(), username.to_owned()),
        ("PASSWORD".to_owned(), password.to_owned()),
    ])
}

#[tokio::test]
#[ignore = "needs moto: set COGNITO_ENDPOINT (`.ci/run` starts moto)"]
async fn user_signs_up_is_confirmed_signs_in_and_reads_their_profile() {
    let moto = Moto::connect();
    let pool_id = moto
        .user_pool(&unique("life-signin"), DeletionProtection::Inactive)
        .await;
    let client_id = moto.app_client(&pool_id, "web").await;

    let input = SignUpRequest::builder()
        .client_id(&client_id)
        .username("frank")
        .password(PASSWORD)
        .user_attributes(email_attribute("frank@example.com"))
        .build();
    let signed_up = CognitoIdentityProvider::sign_up(&moto.client, input.unwrap())
        .await
        .unwrap();
    assert!(!signed_up.user_confirmed);
    assert!(!signed_up.user_sub.is_empty());

    let input = AdminConfirmSignUpRequest::builder()
        .user_pool_id(&pool_id)
        .username("frank")
        .build();
    CognitoIdentityProvider::admin_confirm_sign_up(&moto.client, input.unwrap())
        .await
        .unwrap();

    let sign_in = |password: &str| {
        let input = InitiateAuthRequest::builder()
            .client_id(&client_id)
            .auth_flow(AuthFlow::UserPasswordAuth)
            .set_auth_parameters(Some(password_parameters("frank", password)))
            .build();
        CognitoIdentityProvider::initiate_auth(&moto.client, input.unwrap())
    };
    let signed_in = tokens(sign_in(PASSWORD).await.unwrap().authentication_result);
    let input = GetUserRequest::builder()
        .access_token(signed_in.access_token.unwrap())
        .build();
    let user = CognitoIdentityProvider::get_user(&moto.client, input.unwrap())
        .await
        .unwrap();
    assert_eq!(user.username, "frank");
    let email = user.user_attributes.iter().find(|a| a.name == "email");
    assert_eq!(
        email.and_then(|a| a.value.as_deref()),
        Some("frank@example.com")
    );

    let wrong = sign_in("Wrong-Password-1").await.unwrap_err();
    assert!(wrong.is_not_authorized_exception(), "{wrong:?}");

    let input = AdminInitiateAuthRequest::builder()
        .user_pool_id(&pool_id)
        .client_id(&client_id)
        .auth_flow(AuthFlow::AdminUserPasswordAuth)
        .set_auth_parameters(Some(password_parameters("frank", PASSWORD)))
        .build();
    let admin = CognitoIdentityProvider::admin_initiate_auth(&moto.client, input.unwrap())
        .await
        .unwrap();
    assert!(tokens(admin.authentication_result).access_token.is_some());
}
