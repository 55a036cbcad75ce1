//! Tests code that uses the client against a test double: the code under test is generic
//! over the service trait, the double implements only the one method it needs (every other
//! method returns `Error::NotImplemented`), and the fluent builders and paginators work
//! through the double as they do through `Client`.
//!
//! ```sh
//! cargo run --example test_double
//! ```

use cognito_identity_provider::error::ListUserPoolsError;
use cognito_identity_provider::runtime::StreamExt;
use cognito_identity_provider::types::{
    ListUserPoolsRequest, ListUserPoolsResponse, UserPoolDescription,
};
use cognito_identity_provider::{CognitoIdentityProvider, Error};

/// The code under test: the ids of every user pool, across pages.
async fn pool_ids(
    service: impl CognitoIdentityProvider + 'static,
) -> Result<Vec<String>, Error<ListUserPoolsError>> {
    let mut pools = ListUserPoolsRequest::builder()
        .max_results(60)
        .with_client(service)
        .items();
    let mut ids = Vec::new();
    while let Some(pool) = pools.next().await {
        ids.extend(pool?.id);
    }
    Ok(ids)
}

/// A double with two pages of pools.
struct TwoPages;

impl CognitoIdentityProvider for TwoPages {
    async fn list_user_pools(
        &self,
        input: ListUserPoolsRequest,
    ) -> Result<ListUserPoolsResponse, Error<ListUserPoolsError>> {
        let pool = |id: &str| UserPoolDescription {
            id: Some(id.to_owned()),
            ..Default::default()
        };
        Ok(match input.next_token.as_deref() {
            None => ListUserPoolsResponse {
                user_pools: Some(vec![pool("us-east-1_a"), pool("us-east-1_b")]),
                next_token: Some("page-2".to_owned()),
            },
            Some(_) => ListUserPoolsResponse {
                user_pools: Some(vec![pool("us-east-1_c")]),
                next_token: None,
            },
        })
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let ids = pool_ids(TwoPages).await?;
    assert_eq!(ids, ["us-east-1_a", "us-east-1_b", "us-east-1_c"]);
    println!("{}", ids.join(", "));
    Ok(())
}
