//! Unit tests of rule-set resolution as a whole.

use super::*;
use serde_json::json;

const RULES: &str = r#"{
  "version": "1.0",
  "parameters": {
    "Region": {"type": "String", "builtIn": "AWS::Region", "required": false, "documentation": "r"},
    "UseFIPS": {"type": "Boolean", "builtIn": "AWS::UseFIPS", "required": true, "default": false, "documentation": "f"},
    "Endpoint": {"type": "String", "builtIn": "SDK::Endpoint", "required": false, "documentation": "e"},
    "Bucket": {"type": "String", "required": false, "documentation": "b"}
  },
  "rules": [
    {"conditions": [{"fn": "isSet", "argv": [{"ref": "Endpoint"}]}], "type": "tree", "rules": [
      {"conditions": [{"fn": "booleanEquals", "argv": [{"ref": "UseFIPS"}, true]}],
       "type": "error", "error": "FIPS and custom endpoint for {Endpoint} are not supported"},
      {"conditions": [{"fn": "parseURL", "argv": [{"ref": "Endpoint"}], "assign": "url"}],
       "type": "endpoint",
       "endpoint": {"url": "{url#scheme}://{url#authority}{url#normalizedPath}x", "headers": {"h": ["{url#authority}", "b"]}}}
    ]},
    {"conditions": [{"fn": "isSet", "argv": [{"ref": "Region"}]},
                    {"fn": "aws.partition", "argv": [{"ref": "Region"}], "assign": "P"}],
     "type": "tree", "rules": [
      {"conditions": [{"fn": "stringEquals", "argv": [{"ref": "Region"}, "dead-end-1"]}], "type": "tree",
       "rules": [{"conditions": [{"fn": "not", "argv": [true]}], "type": "error", "error": "never"}]},
      {"conditions": [{"fn": "isSet", "argv": [{"ref": "Bucket"}]},
                      {"fn": "aws.isVirtualHostableS3Bucket", "argv": [{"ref": "Bucket"}, false]}],
       "type": "endpoint",
       "endpoint": {"url": "https://{Bucket}.s3.{Region}.{P#dnsSuffix}",
                    "properties": {"authSchemes": [{"name": "sigv4", "signingRegion": "{Region}", "disableDoubleEncoding": true}]}}},
      {"conditions": [{"fn": "booleanEquals", "argv": [{"ref": "UseFIPS"}, true]},
                      {"fn": "booleanEquals", "argv": [{"fn": "getAttr", "argv": [{"ref": "P"}, "supportsFIPS"]}, true]}],
       "type": "endpoint", "endpoint": {"url": "https://svc-fips.{Region}.{P#dnsSuffix}"}},
      {"conditions": [], "type": "endpoint", "endpoint": {"url": "https://svc.{Region}.{P#dnsSuffix}"}}
    ]},
    {"conditions": [], "type": "error", "error": "Invalid Configuration: Missing Region"}
  ]
}"#;

fn rules() -> RuleSet {
    match RuleSet::from_json(RULES) {
        Ok(r) => r,
        Err(e) => panic!("test rule set must parse: {e}"),
    }
}

fn url(params: &Params) -> Result<String, String> {
    rules()
        .resolve(params)
        .map(|e| e.url().to_owned())
        .map_err(|e| e.to_string())
}

#[test]
fn regional_endpoints_with_defaults_and_builtins() {
    let p = Params::new().with_builtin(builtins::REGION, "cn-north-1");
    assert_eq!(
        url(&p).as_deref(),
        Ok("https://svc.cn-north-1.amazonaws.com.cn")
    );
    let p = Params::new()
        .with_str("Region", "us-gov-west-1")
        .with_bool("UseFIPS", true);
    assert_eq!(
        url(&p).as_deref(),
        Ok("https://svc-fips.us-gov-west-1.amazonaws.com")
    );
    assert_eq!(
        url(&Params::new()),
        Err("Invalid Configuration: Missing Region".to_owned())
    );
}

#[test]
fn error_rule_messages_are_expanded() {
    let p = Params::new()
        .with_builtin(builtins::ENDPOINT, "https://example.com")
        .with_builtin(builtins::USE_FIPS, true);
    let err = rules().resolve(&p).err();
    assert_eq!(
        err.as_ref().map(EndpointError::kind),
        Some(EndpointErrorKind::RuleError)
    );
    assert_eq!(
        err.map(|e| e.to_string()).as_deref(),
        Some("FIPS and custom endpoint for https://example.com are not supported")
    );
}

#[test]
fn custom_endpoint_headers_and_tree_exhaustion() {
    let p = Params::new().with_str("Endpoint", "http://localhost:8000/base");
    let ep = rules().resolve(&p).unwrap_or_default();
    assert_eq!(ep.url(), "http://localhost:8000/base/x");
    assert_eq!(
        ep.headers().get("h"),
        Some(&vec!["localhost:8000".to_owned(), "b".to_owned()])
    );
    let p = Params::new().with_str("Endpoint", "not a url");
    assert_eq!(
        rules().resolve(&p).err().map(|e| e.kind()),
        Some(EndpointErrorKind::NoMatch)
    );
    let p = Params::new().with_str("Region", "dead-end-1");
    assert_eq!(
        rules().resolve(&p).err().map(|e| e.kind()),
        Some(EndpointErrorKind::NoMatch)
    );
}

#[test]
fn properties_are_templated() {
    let p = Params::new()
        .with_str("Region", "eu-west-1")
        .with_str("Bucket", "my-bucket");
    let ep = rules().resolve(&p).unwrap_or_default();
    assert_eq!(ep.url(), "https://my-bucket.s3.eu-west-1.amazonaws.com");
    assert_eq!(
        ep.auth_schemes(),
        &[json!({"name": "sigv4", "signingRegion": "eu-west-1", "disableDoubleEncoding": true})]
    );
    let p = Params::new()
        .with_str("Region", "eu-west-1")
        .with_str("Bucket", "Not_Hostable");
    assert_eq!(
        url(&p).as_deref(),
        Ok("https://svc.eu-west-1.amazonaws.com")
    );
}

#[test]
fn parameter_validation() {
    let p = Params::new().with_str("UseFIPS", "yes");
    assert_eq!(
        rules().resolve(&p).err().map(|e| e.kind()),
        Some(EndpointErrorKind::InvalidParameter)
    );
    let required = RuleSet::from_json(
        r#"{"parameters": {"A": {"type": "string", "required": true}},
            "rules": [{"conditions": [], "type": "endpoint", "endpoint": {"url": "https://{A}"}}]}"#,
    );
    let required = required.ok();
    let missing = required.as_ref().map(|r| r.resolve(&Params::new()));
    assert_eq!(
        missing.and_then(|r| r.err()).map(|e| e.kind()),
        Some(EndpointErrorKind::MissingParameter)
    );
    let ok = required.map(|r| r.resolve(&Params::new().with_str("A", "a.example")));
    assert_eq!(
        ok.and_then(|r| r.ok())
            .map(|e| e.url().to_owned())
            .as_deref(),
        Some("https://a.example")
    );
    assert_eq!(rules().parameters().len(), 4);
}

#[test]
fn malformed_input_is_an_error_not_a_panic() {
    for text in [
        "",
        "{",
        "[]",
        "null",
        r#"{"rules": 3}"#,
        r#"{"rules": [{"type": "tree", "rules": [], "conditions": [{"fn": "isSet", "argv": [{"ref": "nope"}]}]}]}"#,
    ] {
        let result = RuleSet::from_json(text).and_then(|r| r.resolve(&Params::new()));
        assert!(result.is_err(), "{text}");
    }
}
