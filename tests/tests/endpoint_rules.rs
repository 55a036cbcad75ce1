//! The endpoint rules engine (`smithy_lean_runtime::endpoint`) against every
//! awsJson service of the AWS corpus: each `smithy.rules#endpointRuleSet` loads and each
//! `smithy.rules#endpointTests` case passes. A missing corpus fails the test.

use std::path::PathBuf;

use codegen_tests::aws_models;
use serde_json::Value;
use smithy_lean_runtime::endpoint::testing::{EndpointTestReport, run_endpoint_tests_value};
use xtask::parallel;

/// Protocols the generator emits a client for, so their endpoints are resolved at runtime.
const CLIENT_PROTOCOLS: &[&str] = &["aws.protocols#awsJson1_0", "aws.protocols#awsJson1_1"];

/// Whether the model's service speaks a protocol the generator emits a client for.
fn has_client(model: &Value) -> bool {
    model
        .get("shapes")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .filter(|(_, shape)| shape.get("type").and_then(Value::as_str) == Some("service"))
        .filter_map(|(_, shape)| shape.get("traits").and_then(Value::as_object))
        .any(|traits| CLIENT_PROTOCOLS.iter().any(|id| traits.contains_key(*id)))
}

#[test]
#[ignore = "needs the AWS models: set AWS_MODELS_DIR or put them at ../shared/aws-models"]
fn every_aws_json_service_passes_its_endpoint_tests() {
    let models = aws_models();
    let report = |path: &PathBuf| {
        let text = std::fs::read_to_string(path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let model: Value = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()));
        has_client(&model).then(|| {
            let name = path.file_stem().unwrap_or_default().to_string_lossy();
            (name.into_owned(), run_endpoint_tests_value(&model))
        })
    };
    let reports: Vec<(String, EndpointTestReport)> =
        parallel::map(&models, parallel::cores(), report, |_| {})
            .into_iter()
            .flatten()
            .collect();
    let total: usize = reports.iter().map(|(_, report)| report.total).sum();
    let passed: usize = reports.iter().map(|(_, report)| report.passed).sum();
    let failing: Vec<String> = reports
        .iter()
        .filter(|(_, report)| !report.is_success() || report.total == 0)
        .map(|(name, report)| format!("{name}: {report}"))
        .collect();
    assert!(!reports.is_empty(), "no awsJson models in the corpus");
    assert!(
        failing.is_empty(),
        "{passed}/{total} endpoint tests passed; models with failures (or no tests):\n{}",
        failing.join("\n")
    );
    eprintln!(
        "{passed}/{total} endpoint tests passed over {} awsJson models",
        reports.len()
    );
}
