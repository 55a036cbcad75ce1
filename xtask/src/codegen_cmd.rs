//! `cargo xtask codegen`: model → crate, written atomically or checked for staleness.

use std::fs;
use std::path::{Path, PathBuf};

use codegen::{Config, Options};

use crate::args::Args;
use crate::output::{check_crate, write_crate_atomically};
use crate::workspace_root;

/// The model this repository generates from by default.
pub const DEFAULT_MODEL: &str = "model/cognito-identity-provider.json";
/// The per-service generator settings.
pub const DEFAULT_CONFIG: &str = "model/codegen.json";
/// Where the default crate goes.
pub const DEFAULT_OUT: &str = "generated";

/// Runs the command with its arguments.
pub fn run(args: &[String]) -> Result<(), String> {
    let args = Args::parse(args, &["model", "config", "out"], &["check"])?;
    if let Some(extra) = args.positional.first() {
        return Err(format!("unexpected argument `{extra}`"));
    }
    let root = workspace_root();
    let model_path = user_path(args.value("model"), &root, DEFAULT_MODEL);
    let out_dir = user_path(args.value("out"), &root, DEFAULT_OUT);
    let options = options_for(&model_path, args.value("config"), &root)?;
    let files = generate_files(&model_path, &options)?;
    if args.switch("check") {
        check_crate(&out_dir, &files)
    } else {
        write_crate_atomically(&out_dir, &files)?;
        println!("generated {} files into {}", files.len(), out_dir.display());
        Ok(())
    }
}

/// Reads the model and generates the crate's files in memory.
pub fn generate_files(
    model_path: &Path,
    options: &Options,
) -> Result<Vec<codegen::GeneratedFile>, String> {
    let text = fs::read_to_string(model_path)
        .map_err(|e| format!("cannot read model {}: {e}", model_path.display()))?;
    codegen::generate(&text, options)
        .map_err(|problems| format!("{}: {problems}", model_path.display()))
}

/// Options for a model: the config file (given, or the default one when it exists) with the
/// examples it names, and a stable name for the `@generated` headers.
pub fn options_for(
    model_path: &Path,
    config: Option<&str>,
    root: &Path,
) -> Result<Options, String> {
    let config_path = match config {
        Some(path) => Some(PathBuf::from(path)),
        None => Some(root.join(DEFAULT_CONFIG)).filter(|path| path.exists()),
    };
    let config = match &config_path {
        Some(path) => Config::load(path, &source_name(path, root))?,
        None => Config::default(),
    };
    Ok(Options {
        config,
        source_name: source_name(model_path, root),
        standalone_workspace: false,
    })
}

/// The model's path relative to the workspace when it is inside it, else its file name, so
/// headers do not depend on where the checkout lives.
fn source_name(model_path: &Path, root: &Path) -> String {
    let absolute = fs::canonicalize(model_path).unwrap_or_else(|_| model_path.to_path_buf());
    let root = fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    match absolute.strip_prefix(&root) {
        Ok(relative) => relative
            .iter()
            .map(|part| part.to_string_lossy())
            .collect::<Vec<_>>()
            .join("/"),
        Err(_) => model_path.file_name().map_or_else(
            || model_path.display().to_string(),
            |name| name.to_string_lossy().into_owned(),
        ),
    }
}

/// A path the user gave (relative to the current directory) or a default below the workspace.
fn user_path(given: Option<&str>, root: &Path, default: &str) -> PathBuf {
    given.map_or_else(|| root.join(default), PathBuf::from)
}
