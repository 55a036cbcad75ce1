//! Support for the end-to-end tests of the crate generated from the full AWS Cognito model:
//! the moto endpoint, configuration and unique names, shared with the tests of our own
//! crate (the file is included by path; both crates are named `cognito_identity_provider`).

#[path = "../../src/moto_env.rs"]
pub mod moto_env;
