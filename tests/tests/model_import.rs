//! `cargo xtask model import` / `model check` (the library behind them,
//! `codegen::model_merge`): model/ matches the newest botocore it was imported from, an
//! import is deterministic and keeps our docs, and bad input is refused with the file and
//! the JSON path named.

use codegen::Config;
use codegen::model_merge::{self, AwsModel, Comparison, InputFile};
use codegen_tests::{botocore_models_dir, workspace_root};

/// The botocore version model/ was last imported from (see `.ci/fetch-botocore.sh`).
const BOTOCORE_VERSION: &str = "1.44.8";
const MODEL: &str = "model/cognito-identity-provider.json";

fn ours() -> String {
    std::fs::read_to_string(workspace_root().join(MODEL)).expect("model/ is readable")
}

fn input(name: &str, text: &str) -> InputFile {
    InputFile {
        name: name.to_owned(),
        text: text.to_owned(),
    }
}

/// The pinned botocore model (service, paginators, endpoint rules); panics when missing.
fn pinned_botocore() -> Vec<InputFile> {
    let dir = botocore_models_dir().join(BOTOCORE_VERSION);
    let files = [
        "service-2.json",
        "paginators-1.json",
        "endpoint-rule-set-1.json",
    ];
    files
        .iter()
        .map(|name| {
            let path = dir.join(name);
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
            input(&path.display().to_string(), &text)
        })
        .collect()
}

fn load(files: &[InputFile]) -> AwsModel {
    model_merge::load(files).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
#[ignore = "needs the botocore models: run .ci/fetch-botocore.sh or set BOTOCORE_MODELS_DIR"]
fn model_has_no_api_difference_from_the_pinned_botocore() {
    let files = pinned_botocore();
    let comparison = model_merge::compare(MODEL, &ours(), &load(&files)).unwrap();
    assert_eq!(comparison, Comparison::Differences(Vec::new()));
}

#[test]
#[ignore = "needs the botocore models: run .ci/fetch-botocore.sh or set BOTOCORE_MODELS_DIR"]
fn importing_the_pinned_botocore_again_changes_nothing() {
    let files = pinned_botocore();
    let aws = load(&files);
    let ours = ours();
    let config = Config::load(&workspace_root().join("model/codegen.json"), "codegen.json")
        .expect("model/codegen.json");
    let once = model_merge::import(MODEL, &ours, &aws, &config).unwrap();
    assert!(
        once == ours,
        "a second import changes model/: it is not deterministic"
    );
}

#[test]
fn model_is_well_formed() {
    assert_eq!(
        model_merge::well_formed_problems(&ours()),
        Vec::<String>::new()
    );
}

#[test]
fn every_operation_has_our_sentence_and_its_reference_link() {
    let model: serde_json::Value = serde_json::from_str(&ours()).unwrap();
    let shapes = model["shapes"].as_object().unwrap();
    let mut operations = 0;
    for (id, shape) in shapes.iter().filter(|(_, s)| s["type"] == "operation") {
        operations += 1;
        let name = codegen::smithy::shape_id::name(id);
        let doc = shape["traits"]["smithy.api#documentation"]
            .as_str()
            .unwrap_or("");
        let link = model_merge::reference_link(name);
        let sentence = doc.strip_suffix(&link).map(str::trim_end).unwrap_or("");
        assert!(
            sentence.ends_with('.'),
            "{name}: `{doc}` lacks a sentence and then {link}"
        );
    }
    assert_eq!(
        operations, 153,
        "the operations of botocore {BOTOCORE_VERSION}"
    );
}

const SMALL_BOTOCORE: &str = r#"{
  "version": "2.0",
  "metadata": {"apiVersion": "2016-04-18", "endpointPrefix": "cognito-idp",
    "jsonVersion": "1.1", "protocol": "json", "serviceFullName": "Amazon Cognito Identity Provider",
    "serviceId": "Cognito Identity Provider", "signatureVersion": "v4",
    "targetPrefix": "AWSCognitoIdentityProviderService", "uid": "cognito-idp-2016-04-18"},
  "operations": {"DeleteUserPool": {"name": "DeleteUserPool", "http": {"method": "POST", "requestUri": "/"},
    "input": {"shape": "DeleteUserPoolRequest"}}},
  "shapes": {"DeleteUserPoolRequest": {"type": "structure", "members": {"UserPoolId": {"shape": "Missing"}}}}
}"#;

#[test]
fn a_partial_botocore_model_is_refused_naming_file_and_path() {
    let error = model_merge::load(&[input("new/service-2.json", SMALL_BOTOCORE)]).unwrap_err();
    let message = error.to_string();
    assert!(message.contains("new/service-2.json"), "{message}");
    assert!(
        message.contains("$.shapes[\"DeleteUserPoolRequest\"]"),
        "{message}"
    );
    assert!(message.contains("Missing"), "{message}");
}

#[test]
fn malformed_json_is_refused_with_file_line_and_column() {
    let error =
        model_merge::load(&[input("new/service-2.json", "{\"metadata\": {,}")]).unwrap_err();
    let message = error.to_string();
    assert!(
        message.contains("new/service-2.json: line 1, column 15"),
        "{message}"
    );
}

#[test]
fn a_rule_set_without_rules_is_refused_naming_the_path() {
    let service = SMALL_BOTOCORE
        .replace("\"Missing\"", "\"UserPoolIdType\"")
        .replace(
            "\"shapes\": {",
            "\"shapes\": {\"UserPoolIdType\": {\"type\": \"string\"}, ",
        );
    let rules = r#"{"version": "1.0", "parameters": {}, "rules": {}}"#;
    let files = [
        input("new/service-2.json", &service),
        input("new/endpoint-rule-set-1.json", rules),
    ];
    let message = model_merge::load(&files).unwrap_err().to_string();
    assert!(
        message.contains("new/endpoint-rule-set-1.json"),
        "{message}"
    );
    assert!(message.contains("$.rules"), "{message}");
}

#[test]
fn a_model_of_another_service_is_named_as_such() {
    let other = r#"{"smithy": "2.0", "shapes": {"com.amazonaws.sqs#AmazonSQS": {"type": "service", "version": "2012-11-05"}}}"#;
    let aws = load(&[input("sqs.json", other)]);
    let Comparison::OtherService(message) = model_merge::compare(MODEL, &ours(), &aws).unwrap()
    else {
        panic!("an SQS model compared as Cognito");
    };
    assert!(message.contains("a different service"), "{message}");
    assert!(message.contains("com.amazonaws.sqs#AmazonSQS"), "{message}");
}

const NS: &str = "com.amazonaws.cognitoidentityprovider#";

/// model/ before the import: our words on the operation and a member.
fn small_ours() -> String {
    serde_json::json!({"smithy": "2.0", "shapes": {
        format!("{NS}AWSCognitoIdentityProviderService"): {"type": "service",
            "version": "2016-04-18", "operations": [{"target": format!("{NS}DeleteUserPool")}]},
        format!("{NS}DeleteUserPool"): {"type": "operation",
            "input": {"target": format!("{NS}DeleteUserPoolRequest")},
            "output": {"target": "smithy.api#Unit"},
            "traits": {"smithy.api#documentation": "Deletes a pool, in our words."}},
        format!("{NS}DeleteUserPoolRequest"): {"type": "structure", "members": {
            "UserPoolId": {"target": "smithy.api#String",
                "traits": {"smithy.api#documentation": "Which pool."}}},
            "traits": {"smithy.api#input": {}}},
    }})
    .to_string()
}

/// A newer botocore model: AWS prose everywhere, a new member of a new enum.
fn small_botocore() -> String {
    SMALL_BOTOCORE
        .replace("\"Missing\"}", "\"UserPoolIdType\", \"documentation\": \"<p>AWS member prose.</p>\"}, \"Mode\": {\"shape\": \"ModeType\"}")
        .replace(
            "\"shapes\": {",
            "\"shapes\": {\"UserPoolIdType\": {\"type\": \"string\"}, \
             \"ModeType\": {\"type\": \"string\", \"enum\": [\"ON\", \"off-ish\"], \
             \"documentation\": \"<p>AWS enum prose.</p>\"}, ",
        )
        .replace(
            "\"input\": {\"shape\": \"DeleteUserPoolRequest\"}",
            "\"input\": {\"shape\": \"DeleteUserPoolRequest\"}, \"documentation\": \"<p>AWS operation prose.</p>\"",
        )
}

/// AWS's Smithy model of the same service: an enum member name and a default.
fn small_smithy() -> String {
    serde_json::json!({"smithy": "2.0", "shapes": {
        format!("{NS}AWSCognitoIdentityProviderService"): {"type": "service", "version": "2016-04-18"},
        format!("{NS}ModeType"): {"type": "enum", "members": {
            "TURNED_ON": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "ON"}}}},
        format!("{NS}DeleteUserPoolRequest"): {"type": "structure", "members": {
            "Mode": {"target": format!("{NS}ModeType"), "traits": {"smithy.api#default": "ON"}}}},
    }})
    .to_string()
}

#[test]
fn an_import_keeps_our_words_and_smithy_facts_and_drops_aws_prose() {
    let files = [
        input("new/service-2.json", &small_botocore()),
        input("aws.json", &small_smithy()),
    ];
    let aws = load(&files);
    let ours = small_ours();
    let text = model_merge::import("ours.json", &ours, &aws, &Config::default())
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(!text.contains("prose"), "AWS prose kept:\n{text}");
    let model: serde_json::Value = serde_json::from_str(&text).unwrap();
    let shape = |name: &str| &model["shapes"][format!("{NS}{name}")];
    assert_eq!(
        shape("DeleteUserPool")["traits"]["smithy.api#documentation"],
        format!(
            "Deletes a pool, in our words.\n\n{}",
            model_merge::reference_link("DeleteUserPool")
        )
    );
    let members = &shape("DeleteUserPoolRequest")["members"];
    assert_eq!(
        members["UserPoolId"]["traits"]["smithy.api#documentation"],
        "Which pool."
    );
    assert_eq!(
        members["UserPoolId"]["target"],
        format!("{NS}UserPoolIdType")
    );
    assert_eq!(members["Mode"]["traits"]["smithy.api#default"], "ON");
    let mode = shape("ModeType");
    assert_eq!(mode["type"], "enum");
    let names: Vec<&String> = mode["members"].as_object().unwrap().keys().collect();
    assert_eq!(names, ["OFF_ISH", "TURNED_ON"]);
    assert_eq!(
        model_merge::well_formed_problems(&text),
        Vec::<String>::new()
    );
    let again = model_merge::import("ours.json", &text, &aws, &Config::default()).unwrap();
    assert!(again == text, "a second import changes the result");
}
