//! The Smithy JSON AST: serde types, loading with located errors, shape ids, typed trait
//! values checked at load time, and trait accessors.

pub mod ast;
pub mod load;
pub mod shape_id;
pub mod trait_check;
pub mod trait_values;
pub mod traits;

pub use load::parse_model;
