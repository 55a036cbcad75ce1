//! The hand-written runtime (`codegen/runtime/`), copied verbatim into every generated crate
//! under `src/runtime/`. Each copy starts with a header that says where to edit it.

use crate::GeneratedFile;
use crate::render::Header;

/// `(path below runtime/, contents)` of every runtime source file, sorted by path.
const RUNTIME: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/runtime_files.rs"));

/// The `[dependencies]` the runtime needs, pasted into the generated `Cargo.toml`.
pub const DEPENDENCIES: &str = include_str!("../runtime/dependencies.toml");

/// The runtime files, as files of the generated crate.
pub fn files(header: &Header<'_>) -> Vec<GeneratedFile> {
    RUNTIME
        .iter()
        .map(|(path, contents)| {
            GeneratedFile::new(
                format!("src/runtime/{path}"),
                format!(
                    "{}{contents}",
                    header.copied_from(&format!("codegen/runtime/{path}"))
                ),
            )
        })
        .collect()
}
