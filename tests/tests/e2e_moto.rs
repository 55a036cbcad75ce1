//! The generated Cognito client end to end against moto (`COGNITO_ENDPOINT`, started by
//! `.ci/run`): pools, app clients, users, resource servers, identity providers and domains,
//! through the real hyper transport, SigV4 signing, JSON codecs, paginators and error
//! mapping, with the typed API only. Sign-up, sign-in and pool lifecycle are in
//! `e2e_lifecycle.rs`.
//!
//! Each test makes its own pool (unique names), so the tests run in parallel and against a
//! moto that earlier runs left data in. They are ignored by default (`cargo test` lists them
//! with what they need); `cargo test -- --ignored` runs them and fails without `COGNITO_ENDPOINT`.

use std::collections::HashMap;
use std::pin::pin;

use codegen_tests::moto::Moto;
use codegen_tests::moto_env::unique;
use cognito_identity_provider::CognitoIdentityProvider;
use cognito_identity_provider::error::ErrorCodes as _;
use cognito_identity_provider::runtime::StreamExt;
use cognito_identity_provider::types::{
    CreateIdentityProviderRequest, CreateResourceServerRequest, CreateUserPoolRequest,
    DescribeIdentityProviderRequest, DescribeResourceServerRequest, DescribeUserPoolRequest,
    GetUiCustomizationRequest, ListIdentityProvidersRequest, ListResourceServersRequest,
    ListUserPoolClientsRequest, ListUserPoolsRequest, ListUsersRequest, ProviderType,
    ResourceServerScope, UpdateIdentityProviderRequest, UpdateUserPoolRequest, User, UserPoolMfa,
    UserStatus,
};
use cognito_identity_provider::{Client, Error};

/// Creates a pool through our `CreateUserPool` and returns its id.
async fn new_pool(client: &Client, name: &str) -> String {
    let input = CreateUserPoolRequest::builder().pool_name(name).build();
    let created = CognitoIdentityProvider::create_user_pool(client, input.unwrap())
        .await
        .unwrap();
    let pool = created.user_pool.expect("CreateUserPool returns the pool");
    assert_eq!(pool.name.as_deref(), Some(name));
    pool.id.expect("the new pool has an id")
}

#[tokio::test]
#[ignore = "needs moto: set COGNITO_ENDPOINT (`.ci/run` starts moto)"]
async fn user_pool_is_created_described_and_updated() {
    let moto = Moto::connect();
    let name = unique("e2e-pool");
    let id = new_pool(&moto.client, &name).await;
    assert!(id.starts_with("us-east-1_"), "{id}");

    let describe = || DescribeUserPoolRequest::builder().user_pool_id(&id).build();
    let pool = CognitoIdentityProvider::describe_user_pool(&moto.client, describe().unwrap()).await;
    let pool = pool
        .unwrap()
        .user_pool
        .expect("DescribeUserPool returns the pool");
    assert_eq!(pool.name.as_deref(), Some(name.as_str()));
    assert_eq!(pool.mfa_configuration, Some(UserPoolMfa::Off));
    assert_eq!(pool.estimated_number_of_users, 0);
    assert!(pool.creation_date.is_some());

    // moto answers UpdateUserPool with 200 and an empty `text/html` body.
    let update = UpdateUserPoolRequest::builder()
        .user_pool_id(&id)
        .email_verification_subject("Your e2e code")
        .set_user_pool_tags(Some(HashMap::from([("team".to_owned(), "e2e".to_owned())])))
        .build()
        .unwrap();
    CognitoIdentityProvider::update_user_pool(&moto.client, update)
        .await
        .unwrap();
    let pool = CognitoIdentityProvider::describe_user_pool(&moto.client, describe().unwrap()).await;
    let pool = pool.unwrap().user_pool.unwrap();
    assert_eq!(
        pool.email_verification_subject.as_deref(),
        Some("Your e2e code")
    );
    let tags = pool.user_pool_tags.unwrap_or_default();
    assert_eq!(tags.get("team").map(String::as_str), Some("e2e"));
}

#[tokio::test]
#[ignore = "needs moto: set COGNITO_ENDPOINT (`.ci/run` starts moto)"]
async fn list_user_pools_pages_two_at_a_time() {
    let moto = Moto::connect();
    let prefix = unique("e2e-list");
    let mut ours = Vec::new();
    for n in 0..3 {
        ours.push(new_pool(&moto.client, &format!("{prefix}-{n}")).await);
    }
    let input = ListUserPoolsRequest::builder().max_results(2);
    let mut pages = pin!(input.with_client(moto.client.clone()).into_paginator());
    let (mut page_count, mut seen) = (0, Vec::new());
    while let Some(page) = pages.next().await {
        let pools = page.unwrap().user_pools.unwrap_or_default();
        assert!(pools.len() <= 2, "page of {} pools", pools.len());
        page_count += 1;
        seen.extend(pools.into_iter().filter_map(|pool| pool.id));
    }
    assert!(page_count >= 2, "{page_count} page(s)");
    for id in &ours {
        assert_eq!(seen.iter().filter(|seen| *seen == id).count(), 1, "{id}");
    }
}

#[tokio::test]
#[ignore = "needs moto: set COGNITO_ENDPOINT (`.ci/run` starts moto)"]
async fn list_user_pool_clients_pages_through_app_clients() {
    let moto = Moto::connect();
    let pool = new_pool(&moto.client, &unique("e2e-clients")).await;
    let mut created = Vec::new();
    for name in ["web", "ios", "android"] {
        created.push((moto.app_client(&pool, name).await, name));
    }
    let input = ListUserPoolClientsRequest::builder()
        .user_pool_id(&pool)
        .max_results(2);
    let items = input.with_client(moto.client.clone()).items();
    let listed: Vec<_> = items.collect().await;
    let mut listed: Vec<(String, String)> = listed
        .into_iter()
        .map(|client| {
            let client = client.unwrap();
            assert_eq!(client.user_pool_id.as_deref(), Some(pool.as_str()));
            (client.client_id.unwrap(), client.client_name.unwrap())
        })
        .collect();
    listed.sort();
    let mut expected: Vec<(String, String)> = created
        .into_iter()
        .map(|(id, name)| (id, name.to_owned()))
        .collect();
    expected.sort();
    assert_eq!(listed, expected);
}

/// Every user `ListUsers` returns for `filter`, two per page, and how many pages that took.
async fn users_matching(client: &Client, pool: &str, filter: &str) -> (Vec<User>, usize) {
    let input = ListUsersRequest::builder()
        .user_pool_id(pool)
        .filter(filter)
        .limit(2);
    let pages: Vec<_> = input
        .with_client(client.clone())
        .into_paginator()
        .collect()
        .await;
    let count = pages.len();
    let users = pages
        .into_iter()
        .flat_map(|page| page.unwrap().users.unwrap_or_default())
        .collect();
    (users, count)
}

#[tokio::test]
#[ignore = "needs moto: set COGNITO_ENDPOINT (`.ci/run` starts moto)"]
async fn list_users_filters_and_pages() {
    let moto = Moto::connect();
    let pool = new_pool(&moto.client, &unique("e2e-users")).await;
    for (name, email) in [
        ("ana.one", "ana1@example.com"),
        ("ana.two", "ana2@example.com"),
        ("ana.three", "ana3@example.com"),
        ("bruno", "bruno@example.com"),
    ] {
        moto.user(&pool, name, email).await;
    }

    let (users, pages) = users_matching(&moto.client, &pool, "username ^= \"ana\"").await;
    assert_eq!(pages, 2, "three users, two per page");
    let mut names: Vec<_> = users.iter().filter_map(|u| u.username.clone()).collect();
    names.sort();
    assert_eq!(names, ["ana.one", "ana.three", "ana.two"]);
    for user in &users {
        assert_eq!(user.user_status, Some(UserStatus::ForceChangePassword));
        assert!(user.enabled);
    }

    let (users, pages) = users_matching(&moto.client, &pool, "email = \"bruno@example.com\"").await;
    assert_eq!(pages, 1);
    let [bruno] = users.as_slice() else {
        panic!("expected only bruno, got {users:?}");
    };
    assert_eq!(bruno.username.as_deref(), Some("bruno"));
    let email = bruno
        .attributes
        .iter()
        .flatten()
        .find(|a| a.name == "email");
    assert_eq!(
        email.and_then(|a| a.value.as_deref()),
        Some("bruno@example.com")
    );
}

#[tokio::test]
#[ignore = "needs moto: set COGNITO_ENDPOINT (`.ci/run` starts moto)"]
async fn resource_servers_are_created_described_and_listed() {
    let moto = Moto::connect();
    let pool = new_pool(&moto.client, &unique("e2e-rs")).await;
    let scope = ResourceServerScope {
        scope_name: "read".to_owned(),
        scope_description: "Read access".to_owned(),
    };
    for identifier in ["https://api.example.com", "https://admin.example.com"] {
        let input = CreateResourceServerRequest::builder()
            .user_pool_id(&pool)
            .identifier(identifier)
            .name("Example API")
            .set_scopes(Some(vec![scope.clone()]))
            .build();
        let created =
            CognitoIdentityProvider::create_resource_server(&moto.client, input.unwrap()).await;
        let server = created.unwrap().resource_server;
        assert_eq!(server.identifier.as_deref(), Some(identifier));
    }

    let input = DescribeResourceServerRequest::builder()
        .user_pool_id(&pool)
        .identifier("https://api.example.com")
        .build();
    let described =
        CognitoIdentityProvider::describe_resource_server(&moto.client, input.unwrap()).await;
    let server = described.unwrap().resource_server;
    assert_eq!(server.user_pool_id.as_deref(), Some(pool.as_str()));
    assert_eq!(server.name.as_deref(), Some("Example API"));
    assert_eq!(server.scopes, Some(vec![scope]));

    let input = ListResourceServersRequest::builder()
        .user_pool_id(&pool)
        .max_results(1);
    let listed: Vec<_> = input
        .with_client(moto.client.clone())
        .items()
        .collect()
        .await;
    let mut identifiers: Vec<String> = listed
        .into_iter()
        .filter_map(|server| server.unwrap().identifier)
        .collect();
    identifiers.sort();
    assert_eq!(
        identifiers,
        ["https://admin.example.com", "https://api.example.com"]
    );
}

#[tokio::test]
#[ignore = "needs moto: set COGNITO_ENDPOINT (`.ci/run` starts moto)"]
async fn google_identity_provider_round_trips() {
    let moto = Moto::connect();
    let pool = new_pool(&moto.client, &unique("e2e-idp")).await;
    let details = HashMap::from([
        ("client_id".to_owned(), "google-client".to_owned()),
        ("client_secret".to_owned(), "google-secret".to_owned()),
        ("authorize_scopes".to_owned(), "openid email".to_owned()),
    ]);
    let input = CreateIdentityProviderRequest::builder()
        .user_pool_id(&pool)
        .provider_name("Google")
        .provider_type(ProviderType::Google)
        .set_provider_details(Some(details.clone()))
        .set_attribute_mapping(Some(HashMap::from([(
            "email".to_owned(),
            "email".to_owned(),
        )])))
        .build();
    let created =
        CognitoIdentityProvider::create_identity_provider(&moto.client, input.unwrap()).await;
    let created = created.unwrap().identity_provider;
    assert_eq!(created.provider_type, Some(ProviderType::Google));

    let input = UpdateIdentityProviderRequest::builder()
        .user_pool_id(&pool)
        .provider_name("Google")
        .set_attribute_mapping(Some(HashMap::from([
            ("email".to_owned(), "email".to_owned()),
            ("name".to_owned(), "name".to_owned()),
        ])))
        .build();
    let updated =
        CognitoIdentityProvider::update_identity_provider(&moto.client, input.unwrap()).await;
    let mapping = updated.unwrap().identity_provider.attribute_mapping;
    assert_eq!(mapping.unwrap_or_default().len(), 2);

    let input = DescribeIdentityProviderRequest::builder()
        .user_pool_id(&pool)
        .provider_name("Google")
        .build();
    let described =
        CognitoIdentityProvider::describe_identity_provider(&moto.client, input.unwrap()).await;
    let provider = described.unwrap().identity_provider;
    assert_eq!(provider.provider_type, Some(ProviderType::Google));
    assert_eq!(provider.provider_details, Some(details));
    let mapping = provider.attribute_mapping.unwrap_or_default();
    assert_eq!(mapping.get("name").map(String::as_str), Some("name"));

    let input = ListIdentityProvidersRequest::builder().user_pool_id(&pool);
    let listed: Vec<_> = input
        .with_client(moto.client.clone())
        .items()
        .collect()
        .await;
    let [google] = listed.as_slice() else {
        panic!("expected one provider, got {listed:?}");
    };
    let google = google.as_ref().unwrap();
    assert_eq!(google.provider_name.as_deref(), Some("Google"));
    assert_eq!(google.provider_type, Some(ProviderType::Google));
}

#[tokio::test]
#[ignore = "needs moto: set COGNITO_ENDPOINT (`.ci/run` starts moto)"]
async fn user_pool_domain_is_described() {
    let moto = Moto::connect();
    let pool = new_pool(&moto.client, &unique("e2e-domain")).await;
    let domain = unique("e2e").to_lowercase();
    moto.domain(&pool, &domain).await;
    let description = moto.describe_domain(&domain).await;
    assert_eq!(description.user_pool_id.as_deref(), Some(pool.as_str()));
    assert_eq!(description.domain.as_deref(), Some(domain.as_str()));
}

#[tokio::test]
#[ignore = "needs moto: set COGNITO_ENDPOINT (`.ci/run` starts moto)"]
async fn missing_pool_is_a_typed_resource_not_found() {
    let moto = Moto::connect();
    let input = DescribeUserPoolRequest::builder()
        .user_pool_id("us-east-1_doesnotexist")
        .build();
    let error = CognitoIdentityProvider::describe_user_pool(&moto.client, input.unwrap()).await;
    let error = error.unwrap_err();
    assert!(error.is_resource_not_found_exception(), "{error:?}");
    let meta = error.meta().expect("a service error");
    assert_eq!(meta.status(), 400);
    assert!(meta.request_id().is_some(), "moto sends x-amzn-requestid");
    assert!(!error.is_retryable());
    let typed = error.service_error().unwrap();
    assert!(typed.is_resource_not_found_exception());
    assert!(
        matches!(
            typed,
            cognito_identity_provider::error::DescribeUserPoolError::ResourceNotFoundException(e)
                if e.message.as_deref().is_some_and(|m| m.contains("doesnotexist"))
        ),
        "{typed:?}"
    );
}

#[tokio::test]
#[ignore = "needs moto: set COGNITO_ENDPOINT (`.ci/run` starts moto)"]
async fn unimplemented_operation_is_an_unhandled_500() {
    let moto = Moto::connect();
    let pool = new_pool(&moto.client, &unique("e2e-ui")).await;
    // moto has no GetUICustomization: it answers an HTML 500 page (retried, then reported).
    let input = GetUiCustomizationRequest::builder()
        .user_pool_id(&pool)
        .build();
    let error = CognitoIdentityProvider::get_ui_customization(&moto.client, input.unwrap()).await;
    let Err(Error::Service { error, meta }) = error else {
        panic!("expected a service error, got {error:?}");
    };
    assert_eq!((meta.status(), meta.code()), (500, ""));
    assert!(meta.is_retryable());
    let message = meta.message().unwrap_or_default();
    assert!(message.contains("Internal Server Error"), "{message}");
    assert!(
        matches!(
            error,
            cognito_identity_provider::error::GetUiCustomizationError::Unhandled(_)
        ),
        "{error:?}"
    );
}
