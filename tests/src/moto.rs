//! End-to-end test support: the generated client pointed at a running `moto_server` (see
//! [`crate::moto_env`]), and typed set-up calls the tests share. Everything goes through the
//! generated crate's typed API; no request is written as raw JSON.

use cognito_identity_provider::types::{
    Attribute, DeletionProtection, DescribeUserPoolDomainRequest, DomainDescription,
    ExplicitAuthFlows, MessageAction, UserStatus,
};
use cognito_identity_provider::{Client, CognitoIdentityProvider};

use crate::moto_env::{config, endpoint};

/// A generated client talking to moto.
pub struct Moto {
    /// The generated crate's client.
    pub client: Client,
}

impl Moto {
    /// A client for the moto at [`endpoint`] (panics when it is not set).
    pub fn connect() -> Moto {
        Moto {
            client: Client::new(config(&endpoint())),
        }
    }

    /// Creates a pool with the given deletion protection and returns its id.
    pub async fn user_pool(&self, name: &str, protection: DeletionProtection) -> String {
        let created = self
            .client
            .create_user_pool()
            .pool_name(name)
            .deletion_protection(protection.clone())
            .send()
            .await;
        let pool = created.expect("CreateUserPool").user_pool.expect("a pool");
        assert_eq!(pool.deletion_protection, Some(protection));
        pool.id.expect("the new pool has an id")
    }

    /// Creates a user with an `email` attribute and no invitation; moto gives it the status
    /// `FORCE_CHANGE_PASSWORD`.
    pub async fn user(&self, pool_id: &str, username: &str, email: &str) {
        let created = self
            .client
            .admin_create_user()
            .user_pool_id(pool_id)
            .username(username)
            .user_attributes(email_attribute(email))
            .message_action(MessageAction::Suppress)
            .send()
            .await;
        let user = created.expect("AdminCreateUser").user.expect("a user");
        assert_eq!(user.username.as_deref(), Some(username));
        assert_eq!(user.user_status, Some(UserStatus::ForceChangePassword));
    }

    /// Creates an app client that allows password sign-in and returns its id.
    pub async fn app_client(&self, pool_id: &str, name: &str) -> String {
        let created = self
            .client
            .create_user_pool_client()
            .user_pool_id(pool_id)
            .client_name(name)
            .set_explicit_auth_flows(Some(vec![
                ExplicitAuthFlows::AllowUserPasswordAuth,
                ExplicitAuthFlows::AllowAdminUserPasswordAuth,
                ExplicitAuthFlows::AllowRefreshTokenAuth,
            ]))
            .send()
            .await;
        let app = created
            .expect("CreateUserPoolClient")
            .user_pool_client
            .expect("an app client");
        assert_eq!(app.client_name.as_deref(), Some(name));
        app.client_id.expect("the new app client has an id")
    }

    /// Gives the pool a hosted-UI domain prefix.
    pub async fn domain(&self, pool_id: &str, domain: &str) {
        self.client
            .create_user_pool_domain()
            .user_pool_id(pool_id)
            .domain(domain)
            .send()
            .await
            .expect("CreateUserPoolDomain");
    }

    /// What `DescribeUserPoolDomain` says of `domain`, called through the client trait.
    pub async fn describe_domain(&self, domain: &str) -> DomainDescription {
        let input = DescribeUserPoolDomainRequest::builder()
            .domain(domain)
            .build()
            .expect("the domain is the only member it needs");
        CognitoIdentityProvider::describe_user_pool_domain(&self.client, input)
            .await
            .expect("DescribeUserPoolDomain")
            .domain_description
            .expect("moto describes the domain")
    }
}

/// The `email` attribute with `value`.
pub fn email_attribute(value: &str) -> Attribute {
    Attribute {
        name: "email".to_owned(),
        value: Some(value.to_owned()),
    }
}
