//! Smithy service model (JSON AST or IDL) → Rust client crate.
//!
//! The pipeline is a pure function from model text to file contents; the caller (the
//! `xtask`) does all file I/O:
//!
//! 1. [`smithy`] parses the JSON AST (errors carry line/column or shape id and JSON path);
//!    [`idl`] reads Smithy IDL files (several merge into one model) into the same AST;
//!    [`botocore`] converts a botocore `service-2.json` to the same AST ([`load_model`]
//!    detects which of the two a file is);
//! 2. [`lower`] finds the service closure, validates it (collecting every problem) and
//!    lowers it to the [`ir`], where every Rust name sits next to its wire name;
//! 3. `emit` turns the IR into token streams, formatted by prettyplease, and the crate's
//!    `Cargo.toml`, which depends on the runtime crate in `codegen/runtime/`
//!    (`smithy-lean-runtime`).
#![deny(missing_docs)]

pub mod botocore;
pub mod config;
pub mod diagnostic;
pub mod diff;
pub mod docs;
mod emit;
pub mod idl;
mod input;
pub mod ir;
pub mod lower;
pub mod model_merge;
pub mod naming;
mod render;
pub mod smithy;

pub use config::Config;
pub use diagnostic::{Diagnostic, Diagnostics};
pub use emit::REDACTED;
pub use input::{Format, detect_format, load_files, load_model};
pub use render::REGENERATE;

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

/// Parses (either format, detected), validates and lowers a model to the IR.
pub fn lower_model(model_text: &str, config: &Config) -> Result<ir::Service, Diagnostics> {
    let model = load_model(model_text, Format::Auto)?;
    lower::lower(&model, config)
}

/// Generates every file of the crate for the model's service.
pub fn generate(model_text: &str, options: &Options) -> Result<Vec<GeneratedFile>, Diagnostics> {
    let service = lower_model(model_text, &options.config)?;
    emit_crate(&service, options)
}

/// Emits every file of the crate for an already lowered service (for callers that also
/// want to look at the IR, e.g. to report the protocol).
pub fn emit_crate(
    service: &ir::Service,
    options: &Options,
) -> Result<Vec<GeneratedFile>, Diagnostics> {
    emit::emit(service, options).map_err(|message| Diagnostics::one(Diagnostic::model(message)))
}
