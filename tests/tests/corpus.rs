//! The whole AWS corpus (`$AWS_MODELS_DIR`, else `../shared/aws-models`): every model
//! generates without a panic or an error, and every generated Rust file parses with `syn`.
//! Ignored by default (it needs the corpus); `cargo test -- --ignored` runs it, and a
//! missing corpus fails it.

use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use codegen::{GeneratedFile, Input, Options, generate};
use codegen_tests::aws_models;
use xtask::parallel;

/// Generates one model and parses its files. Returns the problems found.
fn check_model(path: &Path) -> Vec<String> {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) => return vec![format!("{name}: cannot read: {e}")],
    };
    let options = Options {
        source_name: name.clone().into_owned(),
        // The models already run one per core.
        render_threads: 1,
        ..Options::default()
    };
    let files: Vec<GeneratedFile> =
        match panic::catch_unwind(AssertUnwindSafe(|| generate(Input::text(&text), &options))) {
            Ok(Ok(generated)) => generated.files,
            Ok(Err(problems)) => return vec![format!("{name}: {problems}")],
            Err(_) => return vec![format!("{name}: the generator panicked (see the output)")],
        };
    files
        .iter()
        .filter(|file| file.path.ends_with(".rs"))
        .filter_map(|file| {
            syn::parse_file(&file.contents)
                .err()
                .map(|error| format!("{name}: {} does not parse: {error}", file.path))
        })
        .collect()
}

#[test]
#[ignore = "needs the AWS models: set AWS_MODELS_DIR or put them at ../shared/aws-models"]
fn every_model_generates_and_every_file_parses() {
    let models: Vec<PathBuf> = aws_models();
    let problems =
        parallel::map(&models, parallel::cores(), |path| check_model(path), |_| {}).concat();
    assert!(
        problems.is_empty(),
        "{} of {} models have problems:\n{}",
        problems.len(),
        models.len(),
        problems.join("\n")
    );
    eprintln!("{} models generated, every file parses", models.len());
}
