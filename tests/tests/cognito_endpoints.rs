//! Our model's endpoint rules (`model/cognito-identity-provider.json`, imported from the
//! pinned botocore's `endpoint-rule-set-1.json` by `cargo xtask model import`) resolve the
//! same URLs as the rules in AWS's Smithy model: the Smithy model's `endpointTests` pass
//! against them, so do the test cases model/ carries (the same cases, named in our words),
//! and both rule sets agree (URL or error message) for every Region the partition data
//! knows, with every flag combination.

use std::fs;

use codegen_tests::{aws_models_dir, workspace_root};
use serde_json::{Value, json};
use smithy_lean_runtime::endpoint::testing::run_endpoint_tests_value;
use smithy_lean_runtime::endpoint::{PARTITIONS, Params, RuleSet};

const SERVICE: &str = "com.amazonaws.cognitoidentityprovider#AWSCognitoIdentityProviderService";
const RULE_SET: &str = "smithy.rules#endpointRuleSet";
const TESTS: &str = "smithy.rules#endpointTests";

fn load(path: &std::path::Path) -> Value {
    let text =
        fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()))
}

/// A trait value of the Cognito service shape.
fn service_trait<'a>(model: &'a Value, name: &str) -> &'a Value {
    let value = model.pointer(&format!("/shapes/{SERVICE}/traits/{name}"));
    value.unwrap_or_else(|| panic!("the model's service has no {name}"))
}

fn our_model() -> Value {
    load(&workspace_root().join("model/cognito-identity-provider.json"))
}

fn aws_model() -> Value {
    load(&aws_models_dir().join("cognito-identity-provider-2016-04-18.json"))
}

fn rules(model: &Value) -> RuleSet {
    RuleSet::from_value(service_trait(model, RULE_SET)).expect("the rule set parses")
}

/// Runs `tests` (an `endpointTests` value) against `rule_set`, asserting every case passes;
/// returns how many ran.
fn assert_cases_pass(rule_set: &Value, tests: &Value) -> usize {
    let model = json!({"smithy": "2.0", "shapes": {SERVICE: {"type": "service", "traits": {
        RULE_SET: rule_set,
        TESTS: tests,
    }}}});
    let report = run_endpoint_tests_value(&model);
    assert!(report.is_success(), "{report}");
    report.total
}

#[test]
#[ignore = "needs the AWS models: set AWS_MODELS_DIR or put them at ../shared/aws-models"]
fn aws_endpoint_tests_pass_against_our_rules() {
    let ours = our_model();
    let aws = aws_model();
    let count = assert_cases_pass(service_trait(&ours, RULE_SET), service_trait(&aws, TESTS));
    let errors = service_trait(&aws, TESTS)["testCases"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|case| case.pointer("/expect/error").is_some())
        .count();
    assert!(count >= 50 && errors >= 5, "{count} cases, {errors} errors");
}

#[test]
fn our_endpoint_tests_pass_against_our_rules() {
    let ours = our_model();
    let count = assert_cases_pass(service_trait(&ours, RULE_SET), service_trait(&ours, TESTS));
    assert!(count >= 20, "{count} cases");
}

/// Regions of every partition, plus unknown ones that only a pattern (or the fallback to
/// the `aws` partition) places.
fn regions() -> Vec<String> {
    let mut regions: Vec<String> = PARTITIONS
        .iter()
        .flat_map(|partition| partition.regions())
        .map(|region| (*region).to_owned())
        .collect();
    regions.extend(
        [
            "eu-south-9",
            "cn-east-7",
            "us-gov-north-3",
            "us-iso-west-4",
            "us-isob-north-2",
            "mars-central-1",
        ]
        .map(str::to_owned),
    );
    regions
}

/// The URL, or the error message, a rule set resolves for the parameters.
fn outcome(rules: &RuleSet, params: &Params) -> String {
    match rules.resolve(params) {
        Ok(endpoint) => endpoint.url().to_owned(),
        Err(error) => format!("error: {error}"),
    }
}

#[test]
#[ignore = "needs the AWS models: set AWS_MODELS_DIR or put them at ../shared/aws-models"]
fn our_rules_agree_with_aws_for_every_region_and_flag() {
    let (ours, aws) = (rules(&our_model()), rules(&aws_model()));
    let mut disagreements = Vec::new();
    let mut compared = 0;
    for region in regions().iter().map(Some).chain([None]) {
        for endpoint in [None, Some("https://cognito.example.internal")] {
            for (fips, dual_stack) in [(false, false), (true, false), (false, true), (true, true)] {
                let mut params = Params::new()
                    .with_bool("UseFIPS", fips)
                    .with_bool("UseDualStack", dual_stack);
                if let Some(region) = region {
                    params = params.with_str("Region", region.as_str());
                }
                if let Some(endpoint) = endpoint {
                    params = params.with_str("Endpoint", endpoint);
                }
                let (got, want) = (outcome(&ours, &params), outcome(&aws, &params));
                if got != want {
                    disagreements.push(format!(
                        "{region:?} fips={fips} dual-stack={dual_stack} endpoint={endpoint:?}: \
                         ours {got}, AWS {want}"
                    ));
                }
                compared += 1;
            }
        }
    }
    assert!(compared > 200, "only {compared} combinations");
    assert!(disagreements.is_empty(), "{}", disagreements.join("\n"));
}
