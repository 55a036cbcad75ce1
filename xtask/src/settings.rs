//! The generator settings a command runs with: the configuration file and the name the
//! `@generated` headers give the model.

use std::fs;
use std::path::{Path, PathBuf};

use codegen::{Config, Options};

/// The per-service generator settings.
pub const DEFAULT_CONFIG: &str = "model/codegen.json";

/// Options for a model: the config file (given, or the default one when it exists) and a
/// stable name for the `@generated` headers.
pub fn options_for(
    model_path: &Path,
    config: Option<&str>,
    root: &Path,
) -> Result<Options, String> {
    Ok(Options {
        config: load_config(config, root)?,
        source_name: source_name(model_path, root),
        standalone_workspace: false,
        runtime_path: String::new(),
        render_threads: 0,
    })
}

/// The config file given, else the default one when it exists, else the defaults.
pub fn load_config(config: Option<&str>, root: &Path) -> Result<Config, String> {
    let config_path = match config {
        Some(path) => Some(PathBuf::from(path)),
        None => Some(root.join(DEFAULT_CONFIG)).filter(|path| path.exists()),
    };
    match &config_path {
        Some(path) => Config::load(path, &source_name(path, root)),
        None => Ok(Config::default()),
    }
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
