//! End-to-end test support: a client of the generated crate pointed at a running
//! `moto_server` (see [`crate::moto_env`]), and seed calls for the operations our
//! 21-operation model leaves out.

use cognito_identity_provider::runtime::{
    ClientCore, ErrorResponse, OperationError, OperationSpec, ServiceSpec, Unhandled,
};
use cognito_identity_provider::{Client, Error};
use serde_json::{Value, json};

use crate::moto_env::{config, endpoint};

/// A generated client and a [`Seeder`], both talking to moto.
pub struct Moto {
    /// The generated crate's client.
    pub client: Client,
    /// Creates what our model cannot (users, app clients, domains).
    pub seed: Seeder,
}

impl Moto {
    /// Clients for the moto at [`endpoint`] (panics when it is not set).
    pub fn connect() -> Moto {
        let config = config(&endpoint());
        Moto {
            client: Client::new(config.clone()),
            seed: Seeder {
                core: ClientCore::new(&SEED_SERVICE, config),
            },
        }
    }
}

/// Any error response, for the seed calls (they are not under test).
#[derive(Debug)]
pub struct SeedError(pub Unhandled);

impl std::fmt::Display for SeedError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(&self.0, f)
    }
}

impl std::error::Error for SeedError {}

impl OperationError for SeedError {
    fn from_error_response(response: ErrorResponse) -> Self {
        SeedError(response.into_unhandled())
    }
}

/// The Cognito service as the seed calls see it (the endpoint always comes from the config).
static SEED_SERVICE: ServiceSpec = ServiceSpec {
    target_prefix: "AWSCognitoIdentityProviderService",
    json_version: "1.1",
    signing_name: "cognito-idp",
    endpoint_rules: None,
    retryable_errors: &[],
    throttling_errors: &[],
};

/// Creates test data through the generated crate's runtime with untyped JSON, for
/// operations our model leaves out (`AdminCreateUser`, `CreateUserPoolClient`, …) and for
/// members it leaves out (`DeletionProtection` on `CreateUserPool`).
pub struct Seeder {
    core: ClientCore,
}

impl Seeder {
    /// Calls the signed operation `name` with `input`; panics when it fails.
    async fn call(&self, name: &'static str, input: Value) -> Value {
        let op = OperationSpec::signed(name);
        let result: Result<Value, Error<SeedError>> = self.core.call(op, &input).await;
        result.unwrap_or_else(|e| panic!("seeding with {name} failed: {e}"))
    }

    /// Creates a pool with `DeletionProtection: ACTIVE` and returns its id.
    pub async fn protected_user_pool(&self, name: &str) -> String {
        let out = self
            .call(
                "CreateUserPool",
                json!({"PoolName": name, "DeletionProtection": "ACTIVE"}),
            )
            .await;
        text(&out, "/UserPool/Id")
    }

    /// Creates a user with an `email` attribute (status `FORCE_CHANGE_PASSWORD`).
    pub async fn user(&self, pool_id: &str, username: &str, email: &str) {
        let input = json!({
            "UserPoolId": pool_id,
            "Username": username,
            "MessageAction": "SUPPRESS",
            "UserAttributes": [{"Name": "email", "Value": email}],
        });
        self.call("AdminCreateUser", input).await;
    }

    /// Creates an app client and returns its id.
    pub async fn app_client(&self, pool_id: &str, name: &str) -> String {
        let out = self
            .call(
                "CreateUserPoolClient",
                json!({"UserPoolId": pool_id, "ClientName": name}),
            )
            .await;
        text(&out, "/UserPoolClient/ClientId")
    }

    /// Gives the pool a hosted-UI domain prefix.
    pub async fn domain(&self, pool_id: &str, domain: &str) {
        self.call(
            "CreateUserPoolDomain",
            json!({"UserPoolId": pool_id, "Domain": domain}),
        )
        .await;
    }
}

/// The string at `pointer` in a seed response (panics with the response's shape if absent).
fn text(value: &Value, pointer: &str) -> String {
    match value.pointer(pointer).and_then(Value::as_str) {
        Some(text) => text.to_owned(),
        None => panic!("seed response has no {pointer}"),
    }
}
