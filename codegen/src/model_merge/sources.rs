//! The AWS model files given to `model import` / `model check`, recognised by content and
//! brought into one JSON AST: a botocore `service-2.json` (with `paginators-1.json` and
//! `endpoint-rule-set-1.json`), a Smithy JSON AST, or both (botocore is then the newer
//! model, and the Smithy model supplies the facts botocore cannot express).

use super::json::Json;
use super::{ast_json, docs, from_ast};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::smithy::traits as t;

/// One input file: its name as the user gave it (for messages) and its text.
#[derive(Clone, Debug)]
pub struct InputFile {
    /// Path or name, used in every message about the file.
    pub name: String,
    /// Contents.
    pub text: String,
}

/// The AWS side of a merge or comparison, documentation already removed.
#[derive(Clone, Debug)]
pub struct AwsModel {
    /// The model whose facts win (JSON AST, no prelude shapes).
    pub primary: Json,
    /// A Smithy model supplying facts the primary's format cannot express, when the primary
    /// came from botocore and a Smithy model was also given.
    pub reference: Option<Json>,
    /// Whether the primary came from botocore (enums then carry values but no names).
    pub from_botocore: bool,
    /// The file names, for messages.
    pub names: Vec<String>,
}

/// What one input file is.
enum Kind {
    Smithy,
    BotocoreService,
    Paginators,
    RuleSet,
}

/// Recognises, parses and combines the files; every problem names its file.
pub fn load(files: &[InputFile]) -> Result<AwsModel, Diagnostics> {
    let mut problems = Vec::new();
    let (mut smithy, mut service, mut paginators, mut rule_set) = (None, None, None, None);
    for file in files {
        let slot = match kind(file) {
            Ok(Kind::Smithy) => &mut smithy,
            Ok(Kind::BotocoreService) => &mut service,
            Ok(Kind::Paginators) => &mut paginators,
            Ok(Kind::RuleSet) => &mut rule_set,
            Err(problem) => {
                problems.push(problem);
                continue;
            }
        };
        if let Some(earlier) = slot.replace(file) {
            problems.push(in_file(
                &file.name,
                Diagnostic::model(format!(
                    "a second file of the same kind as {} (give one of each)",
                    earlier.name
                )),
            ));
        }
    }
    if !problems.is_empty() {
        return Err(Diagnostics(problems));
    }
    let names = files.iter().map(|f| f.name.clone()).collect();
    let reference = smithy.map(parse_smithy).transpose()?;
    let Some(service) = service else {
        if let Some(extra) = paginators.or(rule_set) {
            return Err(Diagnostics::one(in_file(
                &extra.name,
                Diagnostic::model(
                    "paginators and endpoint rules need the botocore service-2.json they belong to",
                ),
            )));
        }
        let primary = reference.ok_or_else(|| {
            Diagnostics::one(Diagnostic::model("no AWS model given (--from PATH…)"))
        })?;
        return Ok(AwsModel {
            primary,
            reference: None,
            from_botocore: false,
            names,
        });
    };
    let primary = parse_botocore(service, paginators, rule_set)?;
    if let Some(reference) = &reference
        && ast_json::service_id(reference) != ast_json::service_id(&primary)
    {
        return Err(Diagnostics::one(Diagnostic::model(format!(
            "the botocore model ({}) and the Smithy model ({}) describe different services",
            ast_json::service_id(&primary).unwrap_or("no service"),
            ast_json::service_id(reference).unwrap_or("no service"),
        ))));
    }
    Ok(AwsModel {
        primary,
        reference,
        from_botocore: true,
        names,
    })
}

/// The kind of a file, from its top-level keys.
fn kind(file: &InputFile) -> Result<Kind, Diagnostic> {
    let value = Json::parse(&file.text)
        .map_err(|error| in_file(&file.name, Diagnostic::at_text(&error, "")))?;
    let has = |key| value.get(key).is_some();
    if has("smithy") {
        Ok(Kind::Smithy)
    } else if has("metadata") && has("operations") {
        Ok(Kind::BotocoreService)
    } else if has("pagination") {
        Ok(Kind::Paginators)
    } else if has("rules") && has("parameters") {
        Ok(Kind::RuleSet)
    } else {
        Err(in_file(
            &file.name,
            Diagnostic::model(
                "not an AWS model file: expected a Smithy JSON AST (\"smithy\"), a botocore \
                 service-2.json (\"metadata\", \"operations\"), paginators-1.json \
                 (\"pagination\") or endpoint-rule-set-1.json (\"parameters\", \"rules\")",
            ),
        ))
    }
}

fn parse_smithy(file: &InputFile) -> Result<Json, Diagnostics> {
    crate::smithy::parse_model(&file.text).map_err(|problems| named(&file.name, problems))?;
    let mut model = Json::parse(&file.text)
        .map_err(|error| Diagnostics::one(in_file(&file.name, Diagnostic::at_text(&error, ""))))?;
    if let Some(Json::Object(shapes)) = model.get_mut("shapes") {
        shapes.retain(|(id, _)| !id.starts_with("smithy.api#"));
    }
    model.remove("metadata");
    docs::strip(&mut model);
    Ok(model)
}

fn parse_botocore(
    service: &InputFile,
    paginators: Option<&InputFile>,
    rule_set: Option<&InputFile>,
) -> Result<Json, Diagnostics> {
    let mut model = crate::botocore::parse_service(&service.text)
        .map_err(|problems| named(&service.name, problems))?;
    if let Some(file) = paginators {
        crate::botocore::add_paginators(&mut model, &file.text)
            .map_err(|problems| named(&file.name, problems))?;
    }
    let mut json = from_ast::model_to_json(&model);
    if let Some(file) = rule_set {
        let rules = Json::parse(&file.text).map_err(|error| {
            Diagnostics::one(in_file(&file.name, Diagnostic::at_text(&error, "")))
        })?;
        check_rule_set(&rules).map_err(|problem| Diagnostics::one(in_file(&file.name, problem)))?;
        let service_id = ast_json::service_id(&json).map(str::to_owned);
        if let Some(service) = service_id.and_then(|id| ast_json::shape_mut(&mut json, &id)) {
            ast_json::set_trait(service, t::ENDPOINT_RULE_SET, rules);
        }
    }
    docs::strip(&mut json);
    Ok(json)
}

/// The parts of an endpoint rule set the generator relies on, each checked with its path.
fn check_rule_set(rules: &Json) -> Result<(), Diagnostic> {
    let at = |path: &str, message: &str| Diagnostic::at_shape("endpoint rule set", path, message);
    if rules.get("version").and_then(Json::as_str).is_none() {
        return Err(at("$.version", "missing or not a string"));
    }
    if !matches!(rules.get("parameters"), Some(Json::Object(_))) {
        return Err(at("$.parameters", "missing or not an object"));
    }
    let Some(Json::Array(list)) = rules.get("rules") else {
        return Err(at("$.rules", "missing or not an array"));
    };
    if list.is_empty() {
        return Err(at("$.rules", "no rules"));
    }
    for (index, rule) in list.iter().enumerate() {
        let kind = rule.get("type").and_then(Json::as_str);
        if !matches!(kind, Some("endpoint" | "error" | "tree")) {
            return Err(at(
                &format!("$.rules[{index}].type"),
                "expected \"endpoint\", \"error\" or \"tree\"",
            ));
        }
        if !matches!(rule.get("conditions"), Some(Json::Array(_))) {
            return Err(at(
                &format!("$.rules[{index}].conditions"),
                "missing or not an array",
            ));
        }
    }
    Ok(())
}

/// `problem`, prefixed with the file it is about.
pub fn in_file(name: &str, problem: Diagnostic) -> Diagnostic {
    Diagnostic {
        message: format!("{name}: {}", problem),
        location: crate::diagnostic::Location::Model,
    }
}

fn named(name: &str, problems: Diagnostics) -> Diagnostics {
    Diagnostics(problems.0.into_iter().map(|p| in_file(name, p)).collect())
}
