//! Shared helpers for the integration tests in `tests/tests/`.

pub mod mock;
pub mod moto;

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
