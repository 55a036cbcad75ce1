//! The client generated from the full AWS Cognito model sends the token-based operations
//! (`InitiateAuth`, `SignUp`, `GetUser`, …) unsigned, as the model's `@optionalAuth` says,
//! and everything else signed. (Moto cannot tell signed from unsigned requests, so this is
//! checked on the generated code; the runtime's `client_tests.rs` checks that an unsigned
//! spec sends no `Authorization`.)

use codegen::{Input, Options, generate};
use codegen_tests::aws_models_dir;
use serde_json::Value;

#[test]
#[ignore = "needs the AWS models: set AWS_MODELS_DIR or put them at ../shared/aws-models"]
fn optional_auth_operations_are_generated_unsigned() {
    let path = aws_models_dir().join("cognito-identity-provider-2016-04-18.json");
    let text = std::fs::read_to_string(&path).expect("the full Cognito model");
    let files = generate(Input::text(&text), &Options::default())
        .unwrap_or_else(|e| panic!("{e}"))
        .files;
    let client = files
        .iter()
        .find(|file| file.path == "src/client.rs")
        .expect("a client");
    // Without whitespace and trailing commas, so how prettyplease breaks a long call does
    // not matter.
    let code = client
        .contents
        .split_whitespace()
        .collect::<String>()
        .replace(",)", ")");
    for op in [
        "InitiateAuth",
        "RespondToAuthChallenge",
        "SignUp",
        "ConfirmSignUp",
        "GetUser",
    ] {
        let unsigned = format!("OperationSpec::unsigned(\"{op}\")");
        assert!(code.contains(&unsigned), "{op} is not unsigned");
    }
    for op in ["AdminInitiateAuth", "AdminCreateUser", "ListUsers"] {
        let signed = format!("OperationSpec::signed(\"{op}\")");
        assert!(code.contains(&signed), "{op} is not signed");
    }

    let model: Value = serde_json::from_str(&text).expect("JSON");
    let optional_auth = model["shapes"]
        .as_object()
        .expect("shapes")
        .values()
        .filter(|shape| shape["type"] == "operation")
        .filter(|shape| shape["traits"].get("smithy.api#optionalAuth").is_some())
        .count();
    let unsigned = code.matches("OperationSpec::unsigned(").count();
    assert_eq!(unsigned, optional_auth);
}
