//! Smithy service model (JSON AST or IDL) → Rust client crate.
//!
//! The pipeline is a pure function from model text to file contents, entered through
//! [`generate`] (or [`lower_input`] for the IR alone); the caller (the `xtask`) does all
//! file I/O and hands over an [`Input`]: the model files plus botocore paginators and
//! endpoint rules.
//!
//! 1. [`smithy`] parses the JSON AST (errors carry line/column or shape id and JSON path);
//!    [`idl`] reads Smithy IDL files (several merge into one model) into the same AST;
//!    [`botocore`] converts a botocore `service-2.json` to the same AST ([`load_model`]
//!    detects which of the two a file is);
//! 2. `lower` finds the service closure, validates it (collecting every problem) and
//!    lowers it to the [`ir`], which holds every decision emit needs: Rust names next to
//!    wire names, errors and their retry classes, paginators, auth, endpoint rules, crate
//!    metadata and examples;
//! 3. `emit` reads only the IR (and the [`Options`]) and turns it into syn items (the
//!    hottest filled in from templates parsed once per thread, the rest parsed from
//!    tokens), formatted by prettyplease (`render`, on [`Options::render_threads`] threads), and
//!    the crate's `Cargo.toml`, which depends on the runtime crate in `codegen/runtime/`
//!    (`smithy-lean-runtime`), as [`GeneratedFile`]s.
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
mod lower;
pub mod model_merge;
pub mod naming;
mod output;
mod render;
pub mod smithy;

pub use config::Config;
pub use diagnostic::{Diagnostic, Diagnostics};
pub use emit::REDACTED;
pub use input::{
    FileProblems, Format, Input, ModelInput, SourceFile, detect_format, load_files, load_model,
};
pub use output::{GeneratedFile, Options};
pub use render::REGENERATE;

/// A generated crate, with the IR it was emitted from (for callers that report on the
/// service, e.g. its protocol).
#[derive(Clone, Debug)]
pub struct Generated {
    /// The lowered service.
    pub service: ir::Service,
    /// Every file of the crate.
    pub files: Vec<GeneratedFile>,
}

/// Loads the input and lowers its service to the IR, for callers that compare or check
/// models without emitting a crate.
pub fn lower_input(input: Input, config: &Config) -> Result<ir::Service, FileProblems> {
    let model_name = input.model_name().to_owned();
    let model = input.load()?;
    lower::lower(&model, config).map_err(FileProblems::in_file(&model_name))
}

/// Generates every file of the crate for the input's service: load, lower, emit.
pub fn generate(input: Input, options: &Options) -> Result<Generated, FileProblems> {
    let model_name = input.model_name().to_owned();
    let service = lower_input(input, &options.config)?;
    let files = emit::emit(&service, options).map_err(|message| FileProblems {
        file: model_name,
        problems: Diagnostics::one(Diagnostic::model(message)),
    })?;
    Ok(Generated { service, files })
}
