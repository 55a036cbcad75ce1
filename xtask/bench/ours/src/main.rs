//! The bench program against our generated client (see `bench-driver` for the modes).
//!
//! Region and endpoint come from the environment (`AWS_REGION`, `AWS_ENDPOINT_URL`); `list`
//! takes credentials from the environment too, the timed modes use fixed dummy ones.

use bench_driver::Mode;
use cognito_identity_provider::types::ListUsersResponse;
use cognito_identity_provider::{Client, Config, Credentials};

#[tokio::main]
async fn main() -> Result<(), String> {
    match Mode::from_args()? {
        Mode::List => list(&Client::new(Config::from_env())).await,
        Mode::Calls(rounds) => {
            let config = Config::from_env()
                .to_builder()
                .credentials_provider(Credentials::new("AKIDBENCH", "bench-secret", None))
                .build();
            let client = Client::new(config);
            rounds
                .run(move || {
                    let client = client.clone();
                    async move { list_users(&client, "us-east-1_bench").await }
                })
                .await
        }
        Mode::Deserialize(rounds) => {
            let body = rounds.body()?;
            // What the client does with a response body: one UTF-8 check, then serde_json.
            rounds.run(|| {
                let text = std::str::from_utf8(&body).map_err(|e| e.to_string())?;
                serde_json::from_str::<ListUsersResponse>(text)
                    .map(|response| response.users.map_or(0, |users| users.len()))
                    .map_err(|e| e.to_string())
            })
        }
    }
}

/// Lists the user pools, then the users of the first one.
async fn list(client: &Client) -> Result<(), String> {
    let pools = client
        .list_user_pools()
        .max_results(60)
        .send()
        .await
        .map_err(|e| e.to_string())?;
    let pools = pools.user_pools.unwrap_or_default();
    println!("{} user pools", pools.len());
    if let Some(pool_id) = pools.first().and_then(|pool| pool.id.as_deref()) {
        let users = list_users(client, pool_id).await?;
        println!("{users} users in {pool_id}");
    }
    Ok(())
}

/// One `ListUsers` call; the number of users in the response.
async fn list_users(client: &Client, pool_id: &str) -> Result<usize, String> {
    let response = client
        .list_users()
        .user_pool_id(pool_id)
        .send()
        .await
        .map_err(|e| e.to_string())?;
    Ok(response.users.map_or(0, |users| users.len()))
}
