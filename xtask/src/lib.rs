//! The parts of `cargo xtask` that the test suite uses too: compiling generated crates in one
//! scratch workspace with warnings denied (the fixture compile test, `cargo xtask corpus`).

pub mod corpus_compile;
pub mod progress;
