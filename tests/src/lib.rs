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

/// The AWS model corpus: `$AWS_MODELS_DIR`, else `../shared/aws-models` beside the checkout.
/// Panics when it is missing: tests that need it must fail, not skip.
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

/// The directory of botocore models fetched by `.ci/fetch-botocore.sh`:
/// `$BOTOCORE_MODELS_DIR`, else `.ci/cache/botocore`, holding `{version}/service-2.json` (and
/// `paginators-1.json`) of cognito-idp. When it is missing, CI (`CI=true`) fails; a local run
/// prints how to fetch the models and returns `None`, so the test can skip.
pub fn botocore_models_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("BOTOCORE_MODELS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join(".ci/cache/botocore"));
    if dir.is_dir() {
        return Some(dir);
    }
    let message = format!(
        "the botocore models are missing at {} (run .ci/fetch-botocore.sh or set BOTOCORE_MODELS_DIR)",
        dir.display()
    );
    assert!(std::env::var("CI").as_deref() != Ok("true"), "{message}");
    eprintln!("skipped: {message}");
    None
}

/// `{version}/{file}` below [`botocore_models_dir`], read to a string (panics when missing).
pub fn botocore_model(dir: &std::path::Path, version: &str, file: &str) -> String {
    let path = dir.join(version).join(file);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}
