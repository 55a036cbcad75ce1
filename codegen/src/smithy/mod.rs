//! The Smithy JSON AST: serde types, loading with located errors, and trait accessors.

pub mod ast;
pub mod load;
pub mod traits;

pub use load::parse_model;
