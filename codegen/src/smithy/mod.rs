//! The Smithy JSON AST: serde types, loading with located errors, shape ids and trait
//! accessors.

pub mod ast;
pub mod load;
pub mod shape_id;
pub mod traits;

pub use load::parse_model;
