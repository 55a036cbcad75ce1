//! The parts of `cargo xtask` that the test suite uses too: compiling generated crates in one
//! scratch workspace with warnings denied (the fixture compile test, `cargo xtask corpus`),
//! the fuzz mutators (`cargo xtask fuzz`, the response-decoding fuzz test) and the thread
//! pool (`cargo xtask corpus`, the corpus and endpoint-rule tests).

pub mod corpus_compile;
pub mod mutate;
pub mod parallel;
pub mod progress;
