//! End-to-end test support: a client of the generated crate pointed at a running
//! `moto_server` (`COGNITO_ENDPOINT`), unique resource names, and seed calls for the
//! operations our 21-operation model leaves out.

use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use cognito_identity_provider::runtime::{
    ClientCore, ErrorResponse, OperationError, OperationSpec, ServiceSpec, Unhandled,
};
use cognito_identity_provider::{Client, Config, Credentials, Error};
use serde_json::{Value, json};

/// The variable naming the moto endpoint, e.g. `http://127.0.0.1:5000`.
pub const ENDPOINT_VARIABLE: &str = "COGNITO_ENDPOINT";

/// The moto endpoint from [`ENDPOINT_VARIABLE`]. When it is unset, CI (`CI=true`) fails;
/// a local run prints that `test` was skipped and how to run it, and gets `None`.
pub fn endpoint(test: &str) -> Option<String> {
    if let Some(url) = std::env::var(ENDPOINT_VARIABLE)
        .ok()
        .filter(|url| !url.trim().is_empty())
    {
        return Some(url);
    }
    let message = format!(
        "{ENDPOINT_VARIABLE} is not set: start `moto_server -H 127.0.0.1 -p PORT` and set \
         {ENDPOINT_VARIABLE}=http://127.0.0.1:PORT (`.ci/run` does both)"
    );
    assert!(std::env::var("CI").as_deref() != Ok("true"), "{message}");
    eprintln!("skipped {test}: {message}");
    None
}

/// Configuration for moto: its endpoint, `us-east-1`, static dummy credentials.
pub fn config(endpoint: &str) -> Config {
    Config::builder()
        .endpoint_url(endpoint)
        .region("us-east-1")
        .credentials_provider(Credentials::new("AKIDMOTOTEST", "moto-secret", None))
        .build()
}

/// A name no other test of this run, nor an earlier run against the same moto, uses:
/// `prefix`, the process id, a per-process counter and the clock.
pub fn unique(prefix: &str) -> String {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let count = COUNTER.fetch_add(1, Ordering::Relaxed);
    let millis = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() % 100_000_000);
    format!("{prefix}-{}-{count}-{millis}", std::process::id())
}

/// A generated client and a [`Seeder`], both talking to moto.
pub struct Moto {
    /// The generated crate's client.
    pub client: Client,
    /// Creates what our model cannot (users, app clients, domains).
    pub seed: Seeder,
}

impl Moto {
    /// Clients for the moto at [`endpoint`], or `None` when the test is skipped.
    pub fn connect(test: &str) -> Option<Moto> {
        let endpoint = endpoint(test)?;
        let config = config(&endpoint);
        Some(Moto {
            client: Client::new(config.clone()),
            seed: Seeder {
                core: ClientCore::new(&SEED_SERVICE, config),
            },
        })
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
