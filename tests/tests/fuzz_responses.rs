//! Response decoding under fuzzing: bodies shaped like real Cognito answers (and error
//! answers), mutated structurally and character by character with a fixed seed, are fed to
//! the generated client through the mock transport with assorted statuses. Whatever arrives,
//! the call must return (a value or an error) and its result must print, never panic.
//! `FUZZ_RESPONSES` sets the number of mutants (default 3,000; CI's smoke uses the default),
//! `FUZZ_RESPONSES_SECONDS` instead runs for that long, and `FUZZ_RESPONSES_MUTATION` picks
//! `bytes` or `structure` mutants only (default: both, half each).

use codegen_tests::mock::config;
use cognito_identity_provider::runtime::MockTransport;
use cognito_identity_provider::types::{
    DescribeUserPoolRequest, DescribeUserPoolResponse, ListUsersRequest, ListUsersResponse,
};
use cognito_identity_provider::{Client, CognitoIdentityProvider};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use xtask::mutate::{Rng, mutate_bytes, mutate_structure};

/// Answers worth mutating: typed outputs with nested lists, enums, timestamps and maps, and
/// error bodies in the awsJson shapes.
fn seeds() -> Vec<Value> {
    vec![
        codegen_tests::list_users_seed_page(),
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

/// How long a run lasts: a number of mutants, or a time.
enum Budget {
    Mutants(usize),
    Time(Instant),
}

impl Budget {
    /// `FUZZ_RESPONSES_SECONDS` if set, else `FUZZ_RESPONSES` mutants (3,000 by default).
    fn from_env() -> Self {
        let number = |name: &str| {
            std::env::var(name).ok().map(|n| {
                n.parse::<u64>()
                    .unwrap_or_else(|_| panic!("{name}={n:?} is not a whole number"))
            })
        };
        match number("FUZZ_RESPONSES_SECONDS") {
            Some(seconds) => Budget::Time(Instant::now() + Duration::from_secs(seconds)),
            None => Budget::Mutants(number("FUZZ_RESPONSES").map_or(3_000, |n| n as usize)),
        }
    }

    fn allows(&self, done: usize) -> bool {
        match self {
            Budget::Mutants(count) => done < *count,
            Budget::Time(end) => Instant::now() < *end,
        }
    }
}

/// Which mutations to apply (`FUZZ_RESPONSES_MUTATION`): both by default.
fn mutation_kinds() -> (bool, bool) {
    match std::env::var("FUZZ_RESPONSES_MUTATION").as_deref() {
        Err(_) => (true, true),
        Ok("bytes") => (true, false),
        Ok("structure") => (false, true),
        Ok(other) => panic!("FUZZ_RESPONSES_MUTATION={other:?}: expected bytes or structure"),
    }
}

#[tokio::test]
async fn mutated_responses_never_panic_the_client() {
    let budget = Budget::from_env();
    let (bytes, structure) = mutation_kinds();
    let seeds = seeds();
    let mut rng = Rng(0x7e57_5eed);
    let (mut ok, mut failed) = (0usize, 0usize);
    while budget.allows(ok + failed) {
        let seed = rng.pick(&seeds).clone();
        let by_bytes = if bytes && structure {
            rng.below(2) == 0
        } else {
            bytes
        };
        let body = if by_bytes {
            mutate_bytes(&seed.to_string(), &mut rng)
        } else {
            let mut value = seed;
            for _ in 0..=rng.below(3) {
                mutate_structure(&mut value, &mut rng);
            }
            value.to_string()
        };
        // Decoding on its own with plain serde_json, as a user reading a stored answer would.
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
    assert!(ok + failed > 0, "the budget allowed no mutant");
    eprintln!(
        "{} mutated responses: {ok} decoded, {failed} errors, no panic",
        ok + failed
    );
}
