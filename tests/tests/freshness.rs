//! `generated/` is exactly what the generator makes of `model/`, and generating is
//! deterministic.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use codegen::{Config, GeneratedFile, Input, Options, generate};
use codegen_tests::{aws_models_dir, workspace_root};

const MODEL: &str = "model/cognito-identity-provider.json";
const CONFIG: &str = "model/codegen.json";

/// The options `cargo xtask codegen` uses for our model (the config with its examples).
fn our_options() -> Options {
    let config = Config::load(&workspace_root().join(CONFIG), CONFIG);
    Options {
        config: config.unwrap_or_else(|e| panic!("{e}")),
        source_name: MODEL.to_owned(),
        standalone_workspace: false,
        runtime_path: "../codegen/runtime".to_owned(),
        render_threads: 0,
    }
}

fn generate_ours() -> Vec<GeneratedFile> {
    generate_ours_on(0)
}

/// Our crate rendered on `render_threads` threads (0: one per core).
fn generate_ours_on(render_threads: usize) -> Vec<GeneratedFile> {
    let model = fs::read_to_string(workspace_root().join(MODEL)).expect("our model");
    let options = Options {
        render_threads,
        ..our_options()
    };
    generate(Input::text(&model), &options)
        .expect("our model generates")
        .files
}

fn files_below(dir: &Path, base: &Path, found: &mut BTreeSet<String>) {
    for entry in fs::read_dir(dir).expect("readable directory") {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            files_below(&path, base, found);
        } else {
            let relative = path.strip_prefix(base).expect("below base");
            found.insert(relative.to_string_lossy().replace('\\', "/"));
        }
    }
}

#[test]
fn generated_crate_is_up_to_date() {
    let generated = workspace_root().join("generated");
    let files = generate_ours();
    let mut stale = Vec::new();
    for file in &files {
        match fs::read_to_string(generated.join(&file.path)) {
            Ok(on_disk) if on_disk == file.contents => {}
            Ok(_) => stale.push(format!("changed: {}", file.path)),
            Err(_) => stale.push(format!("missing: {}", file.path)),
        }
    }
    let mut on_disk = BTreeSet::new();
    files_below(&generated, &generated, &mut on_disk);
    let expected: BTreeSet<String> = files.iter().map(|f| f.path.clone()).collect();
    stale.extend(
        on_disk
            .difference(&expected)
            .map(|extra| format!("unexpected: {extra}")),
    );
    assert!(
        stale.is_empty(),
        "generated/ is stale; run `cargo xtask codegen`:\n{}",
        stale.join("\n")
    );
}

#[test]
fn generating_twice_gives_identical_bytes() {
    assert_eq!(generate_ours(), generate_ours());
}

#[test]
fn rendering_in_runs_on_several_threads_gives_the_bytes_of_one_thread() {
    // One thread prints `types.rs` whole; three print it in twelve runs that are joined.
    assert_eq!(generate_ours_on(3), generate_ours_on(1));
}

#[test]
#[ignore = "needs the AWS models: set AWS_MODELS_DIR or put them at ../shared/aws-models"]
fn generating_the_full_model_twice_gives_identical_bytes() {
    let full =
        fs::read_to_string(aws_models_dir().join("cognito-identity-provider-2016-04-18.json"))
            .expect("the full Cognito model");
    let options = our_options();
    assert_eq!(
        generate(Input::text(&full), &options)
            .expect("full model generates")
            .files,
        generate(Input::text(&full), &options)
            .expect("full model generates")
            .files
    );
}
