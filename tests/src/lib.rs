//! Shared helpers for the integration tests in `tests/tests/`.

pub mod mock;
pub mod moto;
pub mod moto_env;

use std::path::PathBuf;

/// The workspace root.
pub fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(PathBuf::from)
        .unwrap_or_default()
}

/// A file under `tests/fixtures/`, read to a string (panics with the path when missing).
pub fn fixture(relative: &str) -> String {
    let path = workspace_root().join("tests/fixtures").join(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// The generated sources of the fixture model at `relative` (below `tests/fixtures/`), each
/// file under a `==> path <==` line.
pub fn generated_sources(relative: &str) -> String {
    let model = fixture(relative);
    let options = codegen::Options {
        source_name: format!("tests/fixtures/{relative}"),
        ..codegen::Options::default()
    };
    let generated = codegen::generate(codegen::Input::text(&model), &options)
        .unwrap_or_else(|e| panic!("fixture {relative}: {e}"));
    generated
        .files
        .iter()
        .filter(|file| file.path.ends_with(".rs"))
        .map(|file| format!("==> {} <==\n{}", file.path, file.contents))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The AWS model corpus: `$AWS_MODELS_DIR`, else `../shared/aws-models` beside the checkout.
/// Panics when it is missing. Tests that need it are `#[ignore = "needs the AWS models: …"]`,
/// so `cargo test` on a fresh clone lists them as ignored; `cargo test -- --ignored` (CI)
/// runs them and fails without the corpus.
pub fn aws_models_dir() -> PathBuf {
    let dir = std::env::var_os("AWS_MODELS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("../shared/aws-models"));
    assert!(
        dir.is_dir(),
        "the AWS model corpus is missing at {} (set AWS_MODELS_DIR)",
        dir.display()
    );
    dir
}

/// Every `*.json` model of [`aws_models_dir`], sorted (panics when there are none).
pub fn aws_models() -> Vec<PathBuf> {
    let dir = aws_models_dir();
    let mut models: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    models.sort();
    assert!(!models.is_empty(), "no *.json models in {}", dir.display());
    models
}

/// The directory of botocore models fetched by `.ci/fetch-botocore.sh`:
/// `$BOTOCORE_MODELS_DIR`, else `.ci/cache/botocore`, holding `{version}/service-2.json` (and
/// `paginators-1.json`) of cognito-idp. Panics when it is missing: the tests that need it are
/// `#[ignore = "needs the botocore models: …"]`, and run (and must pass) in CI.
pub fn botocore_models_dir() -> PathBuf {
    let dir = std::env::var_os("BOTOCORE_MODELS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join(".ci/cache/botocore"));
    assert!(
        dir.is_dir(),
        "the botocore models are missing at {} (run .ci/fetch-botocore.sh or set BOTOCORE_MODELS_DIR)",
        dir.display()
    );
    dir
}

/// `{version}/{file}` below [`botocore_models_dir`], read to a string (panics when missing).
pub fn botocore_model(dir: &std::path::Path, version: &str, file: &str) -> String {
    let path = dir.join(version).join(file);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// Smithy's reference folder (IDL suite, trait definitions, protocol tests): `$SMITHY_DIR`,
/// else `../shared/smithy` beside the checkout. Panics when it is missing: the tests that need
/// it are `#[ignore = "needs the Smithy reference folder: …"]`, and run (and must pass) in CI.
pub fn smithy_dir() -> PathBuf {
    let dir = std::env::var_os("SMITHY_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("../shared/smithy"));
    assert!(
        dir.join("idl-tests").is_dir(),
        "the Smithy reference folder is missing at {} (set SMITHY_DIR)",
        dir.display()
    );
    dir
}

/// A ListUsers answer shaped like the boto3 seed page (`../shared/seeds`): one user with a
/// nested attribute list, both timestamp spellings, an enum and a pagination token.
pub fn list_users_seed_page() -> serde_json::Value {
    serde_json::json!({
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
    })
}
