//! The Smithy IDL 2.0 (and 1.0) reader: `.smithy` text to the same JSON AST the
//! [`crate::smithy`] loader reads, so both paths share everything downstream.
//!
//! [`lexer`] reads characters and tokens, [`node`] node values, [`parser`] and [`shapes`]
//! the statements into a [`syntax`] tree, [`build`] resolves shape ids and produces each
//! file's AST, [`assemble`] merges files (conflicts reported, `apply` statements applied),
//! [`mixins`] flattens mixins, and [`upgrade`] gives 1.0 files their 2.0 meaning. Every
//! error names the file, line and column.

pub mod assemble;
pub mod build;
pub mod json_file;
pub mod lexer;
pub mod mixins;
pub mod node;
pub mod parser;
pub mod prelude;
pub mod shapes;
pub mod syntax;
pub mod trait_apps;
pub mod upgrade;
pub mod validate;

use lexer::Cursor;
pub use mixins::flatten;
pub use node::Node;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::smithy::ast::Model;

/// Whether `text` is IDL rather than JSON: nothing but comments, or a first significant
/// character that starts an IDL statement (`$`, `@` or a keyword).
pub fn is_idl(text: &str) -> bool {
    let mut cursor = Cursor::new("", text.strip_prefix('\u{feff}').unwrap_or(text));
    cursor.ws();
    cursor
        .peek()
        .is_none_or(|b| b == b'$' || b == b'@' || b.is_ascii_alphabetic())
}

/// Parses one file, IDL or JSON AST (told apart by [`is_idl`]), into its AST.
pub fn parse_file(file: &str, text: &str) -> Result<build::FileAst, Diagnostics> {
    let cursor = Cursor::new(file, text);
    if is_idl(text) {
        let parsed = parser::parse_file(file, text).map_err(|e| Diagnostics::one(*e))?;
        build::build_file(&parsed, &cursor).map_err(|e| Diagnostics::one(*e))
    } else {
        json_file::read(file, text).map_err(|e| Diagnostics::one(*e))
    }
}

/// Loads several files (IDL or JSON AST, each named for errors) into one JSON AST.
pub fn load_files(files: &[(String, String)]) -> Result<Node, Diagnostics> {
    let mut asts = Vec::new();
    let mut problems = Vec::new();
    for (name, text) in files {
        match parse_file(name, text) {
            Ok(ast) => asts.push((name.clone(), ast)),
            Err(found) => problems.extend(found.0),
        }
    }
    if !problems.is_empty() {
        return Err(Diagnostics(problems));
    }
    assemble::assemble(asts)
}

/// The generator's model of a JSON AST built here: 1.0 semantics upgraded, mixins
/// flattened, then read by the JSON AST loader (which adds the prelude shapes).
pub fn to_model(ast: &Node) -> Result<Model, Diagnostics> {
    let flat = flatten(&upgrade::upgrade(ast))?;
    let text = serde_json::to_string(&flat).map_err(|e| {
        Diagnostics::one(Diagnostic::model(format!(
            "cannot serialise the model: {e}"
        )))
    })?;
    crate::smithy::parse_model(&text)
}

#[cfg(test)]
mod tests;
