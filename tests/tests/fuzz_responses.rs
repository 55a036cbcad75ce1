//! Response decoding under fuzzing: bodies shaped like real Cognito answers (and error
//! answers), mutated structurally and character by character with a fixed seed, are fed to
//! the generated client through the mock transport with assorted statuses. Whatever arrives,
//! the call must return (a value or an error) and its result must print, never panic.
//! `FUZZ_RESPONSES` sets the number of mutants (default 3,000; CI's smoke uses the default).

use codegen_tests::mock::config;
use cognito_identity_provider::runtime::MockTransport;
use cognito_identity_provider::types::{
    DescribeUserPoolRequest, DescribeUserPoolResponse, ListUsersRequest, ListUsersResponse,
};
use cognito_identity_provider::{Client, CognitoIdentityProvider};
use serde_json::{Value, json};
use xtask::mutate::{Rng, mutate_bytes, mutate_structure};

/// Answers worth mutating: typed outputs with nested lists, enums, timestamps and maps, and
/// error bodies in the awsJson shapes.
fn seeds() -> Vec<Value> {
    vec![
        json!({
            "Users": [{
                "Username": "ana",
                "Attributes": [{"Name": "email", "Value": "ana@example.com"}],
                "UserCreateDate": 1700000000,
                "UserLastModifiedDate": 1700000000.5,
                "Enabled": true,
                "UserStatus": "FORCE_CHANGE_PASSWORD",
                "MFAOptions": [{"DeliveryMedium": "SMS", "AttributeName": "phone_number"}]
            }],
            "PaginationToken": "next-page"
        }),
        json!({
            "UserPool": {
                "Id": "us-east-1_Example",
                "Name": "pool",
                "DeletionProtection": "ACTIVE",
                "LambdaConfig": {"PreSignUp": "arn:aws:lambda:us-east-1:1:function:f"},
                "SchemaAttributes": [{"Name": "email", "AttributeDataType": "String",
                    "StringAttributeConstraints": {"MinLength": "0", "MaxLength": "2048"}}],
                "UserPoolTags": {"team": "identity"},
                "CreationDate": 1.7e9,
                "EstimatedNumberOfUsers": 3
            }
        }),
        json!({"__type": "ResourceNotFoundException", "message": "User pool does not exist."}),
        json!({"__type": "com.amazon#InvalidParameterException:http://x", "Message": "bad"}),
    ]
}

const STATUSES: &[u16] = &[200, 200, 200, 400, 404, 500, 503, 301];

#[tokio::test]
async fn mutated_responses_never_panic_the_client() {
    let count: usize = std::env::var("FUZZ_RESPONSES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(3_000);
    let seeds = seeds();
    let mut rng = Rng(0x7e57_5eed);
    let (mut ok, mut failed) = (0usize, 0usize);
    for _ in 0..count {
        let seed = rng.pick(&seeds).clone();
        let body = if rng.below(2) == 0 {
            mutate_bytes(&seed.to_string(), &mut rng)
        } else {
            let mut value = seed;
            for _ in 0..=rng.below(3) {
                mutate_structure(&mut value, &mut rng);
            }
            value.to_string()
        };
        // Decoding on its own, as the client does it.
        let _ = format!("{:?}", serde_json::from_str::<ListUsersResponse>(&body));
        let _ = format!(
            "{:?}",
            serde_json::from_str::<DescribeUserPoolResponse>(&body)
        );

        let mock = MockTransport::new();
        let status = *rng.pick(STATUSES);
        mock.push_response(
            status,
            &[("content-type", "application/x-amz-json-1.1")],
            body,
        );
        let client = Client::new(config(&mock).max_attempts(1).build());
        let result = if rng.below(2) == 0 {
            let input = ListUsersRequest::builder().user_pool_id("p").build();
            let result = CognitoIdentityProvider::list_users(&client, input.expect("valid")).await;
            result
                .map(|o| format!("{o:?}"))
                .map_err(|e| format!("{e} {e:?}"))
        } else {
            let input = DescribeUserPoolRequest::builder().user_pool_id("p").build();
            let result =
                CognitoIdentityProvider::describe_user_pool(&client, input.expect("valid")).await;
            result
                .map(|o| format!("{o:?}"))
                .map_err(|e| format!("{e} {e:?}"))
        };
        match result {
            Ok(printed) => {
                assert!(!printed.is_empty());
                ok += 1;
            }
            Err(printed) => {
                assert!(!printed.is_empty());
                failed += 1;
            }
        }
    }
    assert_eq!(ok + failed, count);
    eprintln!("{count} mutated responses: {ok} decoded, {failed} errors, no panic");
}
