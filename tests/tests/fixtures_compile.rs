//! Every fixture model the generator accepts (`tests/fixtures/snapshots/`, `corpus/` and the
//! botocore twin) compiles with warnings denied: the crates are written into one scratch
//! workspace (`target/fixture-check/`, its own target directory), each under its own package
//! name so cargo cannot mistake one for another and skip a check, and one `cargo check`
//! builds them all. (Malformed fixtures are rejected by the generator: `malformed.rs`.)

use std::fs;
use std::path::{Path, PathBuf};

use codegen::{Input, Options, generate};
use codegen_tests::workspace_root;
use xtask::corpus_compile::{CompileOutcome, CrateToCompile, compile};

/// The fixture models of `dir` (below `tests/fixtures/`), sorted.
fn models(dir: &str) -> Vec<PathBuf> {
    let dir = workspace_root().join("tests/fixtures").join(dir);
    let mut models: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    models.sort();
    models
}

/// Generates `model` into `out/<dir>/` as package `fixture-<dir>`.
fn write_crate(model: &Path, dir: &str, out: &Path) -> CrateToCompile {
    let text = fs::read_to_string(model).expect("fixture");
    let options = Options {
        source_name: dir.to_owned(),
        // From `target/fixture-check/<dir>/` to this checkout's runtime crate.
        runtime_path: "../../../codegen/runtime".to_owned(),
        ..Options::default()
    };
    let files = generate(Input::text(&text), &options)
        .unwrap_or_else(|e| panic!("{}: {e}", model.display()))
        .files;
    let package = format!("fixture-{}", dir.replace('_', "-"));
    let crate_dir = out.join(dir);
    for file in files {
        let path = crate_dir.join(&file.path);
        fs::create_dir_all(path.parent().expect("a file has a directory")).expect("mkdir");
        let contents = if file.path == "Cargo.toml" {
            rename_package(&file.contents, &package)
        } else {
            file.contents
        };
        // Unchanged files keep their timestamps, so a warm run re-checks only what changed.
        if fs::read_to_string(&path).ok().as_deref() != Some(contents.as_str()) {
            fs::write(&path, contents).expect("write");
        }
    }
    CrateToCompile {
        dir: dir.to_owned(),
        package,
    }
}

/// `Cargo.toml` with its package name replaced.
fn rename_package(manifest: &str, package: &str) -> String {
    let mut renamed = false;
    manifest
        .lines()
        .map(|line| {
            if !renamed && line.starts_with("name = ") {
                renamed = true;
                format!("name = \"{package}\"")
            } else {
                line.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

#[test]
fn every_accepted_fixture_compiles_with_warnings_denied() {
    let root = workspace_root();
    let out = root.join("target/fixture-check");
    fs::create_dir_all(&out).expect("scratch directory");
    let mut crates = Vec::new();
    for (group, dir) in [("snapshot", "snapshots"), ("obstacle", "corpus")] {
        for model in models(dir) {
            let stem = model.file_stem().expect("stem").to_string_lossy();
            crates.push(write_crate(&model, &format!("{group}_{stem}"), &out));
        }
    }
    let twin = root.join("tests/fixtures/botocore/widgets.smithy.json");
    crates.push(write_crate(&twin, "botocore_twin", &out));

    let jobs = std::thread::available_parallelism().map_or(1, usize::from);
    let report = compile(&out, &crates, jobs, &root.join("Cargo.lock"))
        .unwrap_or_else(|e| panic!("cargo check did not run: {e}"));
    let failed: Vec<String> = report
        .outcomes
        .iter()
        .filter_map(|(dir, outcome)| match outcome {
            CompileOutcome::Passed => None,
            CompileOutcome::Failed(error) => Some(format!("{dir}: {error}")),
        })
        .collect();
    assert_eq!(
        report.outcomes.len(),
        crates.len(),
        "every crate was checked"
    );
    assert!(failed.is_empty(), "{}", failed.join("\n\n"));
    eprintln!(
        "{} fixture crates compile with warnings denied ({:.0}s)",
        crates.len(),
        report.seconds
    );
}
