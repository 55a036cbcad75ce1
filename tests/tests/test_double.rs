//! The client trait as users mock it: a test double implements one method, the paginators
//! work on top of it, and every other method reports that it is not implemented.

use std::sync::{Arc, Mutex};

use cognito_identity_provider::error::ListUserPoolsError;
use cognito_identity_provider::runtime::StreamExt;
use cognito_identity_provider::types::{
    DescribeUserPoolRequest, ListUserPoolsRequest, ListUserPoolsResponse, UserPoolDescription,
};
use cognito_identity_provider::{CognitoIdentityProvider, Error};

/// Serves three pools, two per page, and records the tokens it was sent.
#[derive(Clone, Default)]
struct ThreePools {
    tokens_seen: Arc<Mutex<Vec<Option<String>>>>,
}

impl CognitoIdentityProvider for ThreePools {
    async fn list_user_pools(
        &self,
        input: ListUserPoolsRequest,
    ) -> Result<ListUserPoolsResponse, Error<ListUserPoolsError>> {
        self.tokens_seen
            .lock()
            .expect("not poisoned")
            .push(input.next_token.clone());
        let pool = |id: &str| UserPoolDescription {
            id: Some(id.to_owned()),
            ..Default::default()
        };
        Ok(match input.next_token.as_deref() {
            None => ListUserPoolsResponse {
                user_pools: Some(vec![pool("a"), pool("b")]),
                next_token: Some("page-2".to_owned()),
            },
            Some("page-2") => ListUserPoolsResponse {
                user_pools: Some(vec![pool("c")]),
                next_token: None,
            },
            Some(other) => panic!("unexpected token {other}"),
        })
    }
}

#[tokio::test]
async fn builders_send_and_page_through_a_test_double() {
    let double = ThreePools::default();
    let input = ListUserPoolsRequest::builder().max_results(2);
    let first = input
        .clone()
        .with_client(double.clone())
        .send()
        .await
        .expect("the double answers");
    assert_eq!(first.next_token.as_deref(), Some("page-2"));
    double.tokens_seen.lock().expect("not poisoned").clear();

    let ids: Vec<String> = input
        .with_client(double.clone())
        .items()
        .map(|pool| pool.expect("no error").id.unwrap_or_default())
        .collect()
        .await;
    assert_eq!(ids, ["a", "b", "c"]);
    assert_eq!(
        *double.tokens_seen.lock().expect("not poisoned"),
        [None, Some("page-2".to_owned())]
    );
}

#[tokio::test]
async fn methods_a_double_leaves_out_say_so() {
    let input = DescribeUserPoolRequest::builder()
        .user_pool_id("us-east-1_x")
        .build()
        .expect("valid");
    let error = ThreePools::default()
        .describe_user_pool(input)
        .await
        .expect_err("not implemented by the double");
    assert!(
        matches!(error, Error::NotImplemented("DescribeUserPool")),
        "{error:?}"
    );
    assert_eq!(error.to_string(), "`DescribeUserPool` is not implemented");
}
