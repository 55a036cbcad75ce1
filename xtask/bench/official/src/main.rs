//! The bench program against the official SDK (see `bench-driver` for the modes).
//!
//! Region and endpoint come from the environment (`AWS_REGION`, `AWS_ENDPOINT_URL`); `list`
//! takes credentials from the default chain too, the timed modes use fixed dummy ones.

use aws_config::BehaviorVersion;
use aws_sdk_cognitoidentityprovider::Client;
use aws_sdk_cognitoidentityprovider::config::Credentials;
use aws_sdk_cognitoidentityprovider::operation::list_users::{ListUsers, ListUsersOutput};
use aws_smithy_json::protocol::aws_json_rpc::AwsJsonRpcProtocol;
use aws_smithy_runtime_api::http::{Response, StatusCode};
use aws_smithy_schema::protocol::ClientProtocol;
use aws_smithy_types::body::SdkBody;
use aws_smithy_types::config_bag::ConfigBag;
use bench_driver::Mode;

#[tokio::main]
async fn main() -> Result<(), String> {
    match Mode::from_args()? {
        Mode::List => {
            let config = aws_config::load_defaults(BehaviorVersion::latest()).await;
            list(&Client::new(&config)).await
        }
        Mode::Calls(rounds) => {
            let config = aws_config::defaults(BehaviorVersion::latest())
                .credentials_provider(Credentials::new(
                    "AKIDBENCH",
                    "bench-secret",
                    None,
                    None,
                    "bench",
                ))
                .load()
                .await;
            let client = Client::new(&config);
            rounds
                .run(move || {
                    let client = client.clone();
                    async move { list_users(&client, "us-east-1_bench").await }
                })
                .await
        }
        Mode::Deserialize(rounds) => {
            let status = StatusCode::try_from(200).map_err(|e| e.to_string())?;
            let response = Response::new(status, SdkBody::from(rounds.body()?));
            let protocol = AwsJsonRpcProtocol::aws_json_1_1();
            let cfg = ConfigBag::base();
            rounds.run(|| {
                let mut deserializer = protocol
                    .deserialize_response(&response, ListUsers::OUTPUT_SCHEMA, &cfg)
                    .map_err(|e| e.to_string())?;
                let output =
                    ListUsersOutput::deserialize(&mut *deserializer).map_err(|e| e.to_string())?;
                Ok(output.users().len())
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
    println!("{} user pools", pools.user_pools().len());
    if let Some(pool_id) = pools.user_pools().first().and_then(|pool| pool.id()) {
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
    Ok(response.users().len())
}
