//! What generation produces and how: the options that shape the crate and its files.

use crate::config::Config;

/// How to generate.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Per-service settings (renames, crate name).
    pub config: Config,
    /// How the model is named in `@generated` headers, e.g. `model/cognito-identity-provider.json`.
    pub source_name: String,
    /// Add an empty `[workspace]` table so the crate builds on its own inside another workspace's
    /// directory tree (used for scratch crates under `target/`).
    pub standalone_workspace: bool,
    /// Where the generated `Cargo.toml` finds the `smithy-lean-runtime` crate, as a path
    /// relative to the generated crate's directory (`../codegen/runtime` for `generated/`).
    /// Empty: by version only, from the registry.
    pub runtime_path: String,
    /// How many threads may render the crate's files (the big ones in chunks); 0: one per
    /// core. A caller that already generates several crates at once, one per core, passes 1.
    pub render_threads: usize,
}

/// One file of the generated crate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GeneratedFile {
    /// Path relative to the crate root, `/`-separated.
    pub path: String,
    /// Full contents.
    pub contents: String,
}

impl GeneratedFile {
    /// A file at `path` with `contents`.
    pub fn new(path: impl Into<String>, contents: impl Into<String>) -> Self {
        GeneratedFile {
            path: path.into(),
            contents: contents.into(),
        }
    }
}
