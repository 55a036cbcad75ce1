//! Test support: runs the `smithy.rules#endpointTests` cases of a Smithy
//! JSON AST model against its `smithy.rules#endpointRuleSet`.
//!
//! ```ignore
//! let report = endpoint::testing::run_endpoint_tests(&std::fs::read_to_string(path)?);
//! assert!(report.is_success(), "{report}");
//! ```

use std::collections::BTreeMap;
use std::fmt;

use serde_json::Value;

use super::{Endpoint, EndpointError, ParamValue, Params, RuleSet};

const RULE_SET_TRAIT: &str = "smithy.rules#endpointRuleSet";
const TESTS_TRAIT: &str = "smithy.rules#endpointTests";

/// One failed test case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EndpointTestFailure {
    /// Position of the case in the service's `testCases` list.
    pub index: usize,
    /// The case's `documentation` text.
    pub documentation: String,
    /// What differed.
    pub reason: String,
    /// True when an error was expected and resolution failed, but with a
    /// different message.
    pub error_message_only: bool,
}

/// The outcome of running every endpoint test case of a model.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EndpointTestReport {
    /// Shape id(s) of the service(s) whose cases were run.
    pub service: String,
    /// Number of test cases found.
    pub total: usize,
    /// Number of test cases that passed.
    pub passed: usize,
    /// Details of every failed case.
    pub failures: Vec<EndpointTestFailure>,
    /// Set when the model or its rule set could not be loaded.
    pub load_error: Option<String>,
}

impl EndpointTestReport {
    /// Number of failed cases.
    pub fn failed(&self) -> usize {
        self.failures.len()
    }

    /// True when the model loaded and every case passed.
    pub fn is_success(&self) -> bool {
        self.load_error.is_none() && self.failures.is_empty()
    }
}

impl fmt::Display for EndpointTestReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{}: {} passed, {} failed (of {})",
            self.service,
            self.passed,
            self.failed(),
            self.total
        )?;
        if let Some(e) = &self.load_error {
            writeln!(f, "  load error: {e}")?;
        }
        for fail in &self.failures {
            writeln!(
                f,
                "  #{} {}: {}",
                fail.index, fail.documentation, fail.reason
            )?;
        }
        Ok(())
    }
}

/// Runs every endpoint test case in the model JSON text.
pub fn run_endpoint_tests(model_json: &str) -> EndpointTestReport {
    match serde_json::from_str::<Value>(model_json) {
        Ok(model) => run_endpoint_tests_value(&model),
        Err(e) => EndpointTestReport {
            load_error: Some(format!("model is not valid JSON: {e}")),
            ..EndpointTestReport::default()
        },
    }
}

/// Runs every endpoint test case in an already-decoded model.
pub fn run_endpoint_tests_value(model: &Value) -> EndpointTestReport {
    let mut report = EndpointTestReport::default();
    let shapes = model.get("shapes").and_then(Value::as_object);
    let services = shapes.into_iter().flatten().filter(|(_, shape)| {
        shape.get("type").and_then(Value::as_str) == Some("service")
            && shape.pointer(&trait_pointer(RULE_SET_TRAIT)).is_some()
    });
    let mut names = Vec::new();
    for (id, shape) in services {
        names.push(id.clone());
        let cases = shape
            .pointer(&format!("{}/testCases", trait_pointer(TESTS_TRAIT)))
            .and_then(Value::as_array)
            .map_or(&[][..], Vec::as_slice);
        report.total += cases.len();
        let rule_set = match shape.pointer(&trait_pointer(RULE_SET_TRAIT)) {
            Some(doc) => RuleSet::from_value(doc),
            None => continue,
        };
        let rules = match rule_set {
            Ok(rules) => rules,
            Err(e) => {
                report.load_error = Some(format!("{id}: {e}"));
                continue;
            }
        };
        for (index, case) in cases.iter().enumerate() {
            match run_case(&rules, case) {
                Ok(()) => report.passed += 1,
                Err((reason, error_message_only)) => report.failures.push(EndpointTestFailure {
                    index,
                    documentation: text(case.get("documentation")),
                    reason,
                    error_message_only,
                }),
            }
        }
    }
    if names.is_empty() && report.load_error.is_none() {
        report.load_error = Some(format!("no service with the {RULE_SET_TRAIT} trait"));
    }
    report.service = names.join(", ");
    report
}

fn trait_pointer(name: &str) -> String {
    format!("/traits/{}", name.replace('~', "~0").replace('/', "~1"))
}

fn text(value: Option<&Value>) -> String {
    value.and_then(Value::as_str).unwrap_or_default().to_owned()
}

/// Runs one case; the error carries the reason and whether only the error
/// message differed.
fn run_case(rules: &RuleSet, case: &Value) -> Result<(), (String, bool)> {
    let mut params = Params::new();
    if let Some(given) = case.get("params").and_then(Value::as_object) {
        for (name, value) in given {
            let value = ParamValue::from_json(value).ok_or_else(|| {
                (
                    format!("unsupported value for param `{name}`: {value}"),
                    false,
                )
            })?;
            params.set(name.clone(), value);
        }
    }
    let result = rules.resolve(&params);
    let expect = case.get("expect");
    if let Some(expected) = expect.and_then(|e| e.get("endpoint")) {
        return match result {
            Ok(endpoint) => compare_endpoint(&endpoint, expected).map_err(|r| (r, false)),
            Err(e) => Err((format!("expected an endpoint, got error: {e}"), false)),
        };
    }
    if let Some(expected) = expect.and_then(|e| e.get("error")) {
        let expected = expected.as_str().unwrap_or_default();
        return match result {
            Err(e) if e.to_string() == expected => Ok(()),
            Err(e) => Err((error_mismatch(&e, expected), true)),
            Ok(endpoint) => Err((
                format!(
                    "expected error `{expected}`, got endpoint {}",
                    endpoint.url()
                ),
                false,
            )),
        };
    }
    Err((
        "test case has no `expect.endpoint` or `expect.error`".to_owned(),
        false,
    ))
}

fn error_mismatch(actual: &EndpointError, expected: &str) -> String {
    format!("error message mismatch: expected `{expected}`, got `{actual}`")
}

fn compare_endpoint(actual: &Endpoint, expected: &Value) -> Result<(), String> {
    let url = expected
        .get("url")
        .and_then(Value::as_str)
        .unwrap_or_default();
    if actual.url() != url {
        return Err(format!("url: expected `{url}`, got `{}`", actual.url()));
    }
    let mut headers: BTreeMap<String, Vec<String>> = BTreeMap::new();
    if let Some(map) = expected.get("headers").and_then(Value::as_object) {
        for (name, values) in map {
            let values = values
                .as_array()
                .map(|vs| vs.iter().map(|v| text(Some(v))).collect())
                .unwrap_or_default();
            headers.insert(name.clone(), values);
        }
    }
    if actual.headers() != &headers {
        return Err(format!(
            "headers: expected {headers:?}, got {:?}",
            actual.headers()
        ));
    }
    let properties: BTreeMap<String, Value> = expected
        .get("properties")
        .and_then(Value::as_object)
        .map(|m| m.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
        .unwrap_or_default();
    if actual.properties() != &properties {
        return Err(format!(
            "properties: expected {}, got {}",
            Value::Object(properties.into_iter().collect()),
            Value::Object(actual.properties().clone().into_iter().collect())
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn model(cases: Value) -> String {
        json!({"smithy": "2.0", "shapes": {"ex#Svc": {"type": "service", "traits": {
            "smithy.rules#endpointRuleSet": {
                "version": "1.0",
                "parameters": {"Region": {"type": "String", "builtIn": "AWS::Region", "required": false}},
                "rules": [
                    {"conditions": [{"fn": "isSet", "argv": [{"ref": "Region"}]}], "type": "endpoint",
                     "endpoint": {"url": "https://svc.{Region}.example", "headers": {"x": ["1"]},
                                  "properties": {"p": {"q": ["{Region}"]}}}},
                    {"conditions": [], "type": "error", "error": "Missing Region"}
                ]
            },
            "smithy.rules#endpointTests": {"version": "1.0", "testCases": cases}
        }}}})
        .to_string()
    }

    #[test]
    fn passing_and_failing_cases_are_reported() {
        let ok_endpoint = json!({"url": "https://svc.r1.example", "headers": {"x": ["1"]},
                                 "properties": {"p": {"q": ["r1"]}}});
        let report = run_endpoint_tests(&model(json!([
            {"documentation": "ok", "params": {"Region": "r1"}, "expect": {"endpoint": ok_endpoint}},
            {"documentation": "error ok", "expect": {"error": "Missing Region"}},
            {"documentation": "bad url", "params": {"Region": "r2"}, "expect": {"endpoint": {"url": "https://nope"}}},
            {"documentation": "missing headers", "params": {"Region": "r1"},
             "expect": {"endpoint": {"url": "https://svc.r1.example"}}},
            {"documentation": "bad message", "expect": {"error": "Other"}},
            {"documentation": "wrong outcome", "params": {"Region": "r1"}, "expect": {"error": "x"}}
        ])));
        assert_eq!(
            (report.total, report.passed, report.failed()),
            (6, 2, 4),
            "{report}"
        );
        let docs: Vec<_> = report
            .failures
            .iter()
            .map(|f| f.documentation.as_str())
            .collect();
        assert_eq!(
            docs,
            ["bad url", "missing headers", "bad message", "wrong outcome"]
        );
        let message_only: Vec<_> = report
            .failures
            .iter()
            .map(|f| f.error_message_only)
            .collect();
        assert_eq!(message_only, [false, false, true, false]);
        assert!(report.to_string().contains("2 passed, 4 failed (of 6)"));
    }

    #[test]
    fn load_errors() {
        assert!(run_endpoint_tests("not json").load_error.is_some());
        assert!(run_endpoint_tests(r#"{"shapes": {}}"#).load_error.is_some());
        let report = run_endpoint_tests(
            r#"{"shapes": {"a#S": {"type": "service", "traits": {"smithy.rules#endpointRuleSet": {"rules": 1}}}}}"#,
        );
        assert!(!report.is_success());
    }
}
