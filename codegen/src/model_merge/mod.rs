//! Keeping model/ current with AWS: `cargo xtask model import` merges a newer AWS model
//! (botocore or Smithy) into model/, keeping our documentation and dropping AWS's;
//! `cargo xtask model check` lists every API difference and checks model/ is well formed.
//!
//! Both work on the JSON AST as ordered [`json::Json`], so member order and every trait
//! survive, and output is written in one canonical form.

mod ast_json;
mod compare;
mod docs;
mod enums;
mod from_ast;
pub mod json;
mod merge;
mod sources;
mod wellformed;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::{Config, lower};
use json::Json;

pub use docs::reference_link;
pub use sources::{AwsModel, InputFile, load};
pub use wellformed::problems as well_formed_problems;

/// The new text of model/ after merging `aws` into `ours` (named `ours_name` in messages).
/// Refused, with every problem, when the result would not be well formed or not lower.
pub fn import(
    ours_name: &str,
    ours_text: &str,
    aws: &AwsModel,
    config: &Config,
) -> Result<String, Diagnostics> {
    let ours = parse_ours(ours_name, ours_text)?;
    same_service(&ours, aws).map_err(|message| Diagnostics::one(Diagnostic::model(message)))?;
    let text = merge::merge(&ours, aws).to_pretty();
    let problems = wellformed::problems(&text);
    if !problems.is_empty() {
        let problems = problems.into_iter().map(Diagnostic::model).collect();
        return Err(Diagnostics(problems));
    }
    let model = crate::load_model(&text, crate::Format::Smithy)?;
    lower::lower(&model, config)?;
    Ok(text)
}

/// The result of comparing model/ with an AWS model.
#[derive(Debug, PartialEq, Eq)]
pub enum Comparison {
    /// The two describe different services; the message says which.
    OtherService(String),
    /// The same service; every API difference (empty when there is none).
    Differences(Vec<String>),
}

/// Compares model/ with `aws`, ignoring documentation: the differences are exactly what
/// `model import` would change apart from docs.
pub fn compare(
    ours_name: &str,
    ours_text: &str,
    aws: &AwsModel,
) -> Result<Comparison, Diagnostics> {
    let mut ours = parse_ours(ours_name, ours_text)?;
    if let Err(message) = same_service(&ours, aws) {
        return Ok(Comparison::OtherService(message));
    }
    let mut merged = merge::merge(&ours, aws);
    merge::describe_endpoint_tests(&mut ours);
    docs::strip(&mut ours);
    docs::strip(&mut merged);
    Ok(Comparison::Differences(compare::differences(
        &ours, &merged,
    )))
}

fn parse_ours(name: &str, text: &str) -> Result<Json, Diagnostics> {
    Json::parse(text)
        .map_err(|error| Diagnostics::one(sources::in_file(name, Diagnostic::at_text(&error, ""))))
}

/// An error message unless both models have the same service shape id.
fn same_service(ours: &Json, aws: &AwsModel) -> Result<(), String> {
    let ours_id = ast_json::service_id(ours).unwrap_or("no service");
    let theirs = ast_json::service_id(&aws.primary).unwrap_or("no service");
    if ours_id == theirs {
        Ok(())
    } else {
        Err(format!(
            "a different service: model/ describes {ours_id}, but {} describes {theirs}",
            aws.names.join(", ")
        ))
    }
}
