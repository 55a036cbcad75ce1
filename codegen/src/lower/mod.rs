//! Model → IR. Validation happens here too: every problem is collected, then reported
//! together, so one run shows all of them.

mod closure;
mod memo;
mod namer;
mod names;
mod operations;
mod recursion;
mod service_wide;
mod types;
mod validate;

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::docs::html_to_markdown;
use crate::ir::{Builder, Protocol, Service, Struct, StructRole, TypeDef, UnsupportedOperation};
use crate::naming::field_name;
use crate::smithy::ast::{Model, Shape};
use crate::smithy::shape_id;
use crate::smithy::traits as t;
use closure::Closure;
use memo::Memo;
use namer::CrateNames;
use operations::OperationContext;
use types::{TypeContext, docs_of, is_named};

/// Lowers the model's service to the IR, or reports every problem found.
pub fn lower(model: &Model, config: &Config) -> Result<Service, Diagnostics> {
    let service_id = find_service(model)?;
    let Some(Shape::Service(service)) = model.shapes.get(&service_id) else {
        return Err(Diagnostics::one(Diagnostic::model(
            "the service shape vanished",
        )));
    };
    let service_config = config.service(&service_id);
    let mut problems = Vec::new();

    let closure = closure::collect(model, &service_id, &mut problems);
    closure::check_member_names(model, &closure, &mut problems);
    closure::check_supported(model, &closure, &mut problems);
    validate::check(model, &service_id, &closure, &mut problems);
    if !problems.is_empty() {
        // Lowering assumes a valid closure (a collection cycle would recurse forever).
        return Err(sorted(problems));
    }

    let named: BTreeSet<String> = closure
        .shapes
        .iter()
        .filter(|id| model.shapes.get(*id).is_some_and(is_named))
        .cloned()
        .collect();
    let mut renames = service.rename.clone();
    renames.extend(service_config.rename.clone());
    let type_names = names::assign(&named, &renames, &mut problems);

    let (inputs, outputs) = operation_io(model, &closure);
    let field_names = Memo::new(field_name);
    let docs = Memo::new(html_to_markdown);
    let type_context = TypeContext {
        model,
        names: &type_names,
        inputs: &inputs,
        outputs: &outputs,
        field_names: &field_names,
        docs: &docs,
    };
    let mut types: Vec<TypeDef> = named
        .iter()
        .filter_map(|id| type_context.lower(id, &mut problems))
        .collect();
    recursion::box_recursive_members(&mut types);
    let mut crate_names = CrateNames::new(types.iter().map(TypeDef::name));
    name_builders(&mut types, &mut crate_names);
    types.sort_by(|a, b| a.name().cmp(b.name()));

    let structs: BTreeMap<String, &Struct> = types
        .iter()
        .filter_map(|ty| match ty {
            TypeDef::Struct(s) => Some((s.name.clone(), s)),
            _ => None,
        })
        .collect();
    let mut ast_operations = Vec::new();
    let mut unsupported_operations = Vec::new();
    for id in &closure.operations {
        let Some(Shape::Operation(op)) = model.shapes.get(id) else {
            continue;
        };
        match operations::unsupported_reason(model, op) {
            Some(reason) => unsupported_operations.push(UnsupportedOperation {
                wire_name: shape_id::name(id).to_owned(),
                reason,
            }),
            None => ast_operations.push((id.as_str(), op)),
        }
    }
    unsupported_operations.sort_by(|a, b| a.wire_name.cmp(&b.wire_name));
    let operation_context = OperationContext {
        names: &type_names,
        structs: &structs,
        service_errors: &closure.service_errors,
        service_paginated: service.traits.get(t::PAGINATED),
        service_signed: t::has(&service.traits, t::SIGV4),
        field_names: &field_names,
    };
    let mut operations =
        operation_context.lower_all(&ast_operations, &mut crate_names, &mut problems);
    let examples = service_wide::examples(&service_config, &service_id).unwrap_or_else(|problem| {
        problems.push(problem);
        Vec::new()
    });

    if !problems.is_empty() {
        return Err(sorted(problems));
    }
    let protocol = protocol(&service.traits);
    service_wide::link_fluent_builders(&mut types, &mut operations, protocol.has_client());
    let (retryable_errors, throttling_errors) = service_wide::retry_codes(&types);

    let wire_name = shape_id::name(&service_id).to_owned();
    let sdk_id = t::field(&service.traits, t::AWS_SERVICE, "sdkId")
        .unwrap_or(&wire_name)
        .to_owned();
    Ok(Service {
        crate_name: service_config
            .crate_name
            .unwrap_or_else(|| crate_name(&sdk_id)),
        trait_name: crate_names.client_trait(&sdk_id),
        title: t::string(&service.traits, t::TITLE)
            .unwrap_or(&sdk_id)
            .to_owned(),
        docs: docs_of(&service.traits),
        protocol,
        signing_name: t::field(&service.traits, t::SIGV4, "name").map(str::to_owned),
        query_compatible: t::has(&service.traits, t::AWS_QUERY_COMPATIBLE),
        endpoint_rules: service
            .traits
            .get(t::ENDPOINT_RULE_SET)
            .map(Value::to_string),
        version: service.version.clone(),
        shape_id: service_id,
        wire_name,
        sdk_id,
        errors: service_wide::error_checks(&operations),
        operations,
        unsupported_operations,
        types,
        retryable_errors,
        throttling_errors,
        examples,
    })
}

/// The problems in order, without repeats.
fn sorted(mut problems: Vec<Diagnostic>) -> Diagnostics {
    problems.sort();
    problems.dedup();
    Diagnostics(problems)
}

/// Names each input's builder and its setters.
fn name_builders(types: &mut [TypeDef], crate_names: &mut CrateNames) {
    for ty in types.iter_mut() {
        if let TypeDef::Struct(s) = ty
            && s.role == StructRole::Input
        {
            s.builder = Some(Builder {
                name: crate_names.builder(&s.name),
                setters: namer::setters(&s.members),
                sendable: false,
            });
        }
    }
}

/// The default package name: the sdkId in lower case, words joined by `-`, the way AWS
/// names its SDK packages (`DynamoDB` → `dynamodb`, `CloudWatch Logs` → `cloudwatch-logs`).
/// Always a valid package name: non-ASCII is transliterated, a name that does not start with
/// a letter gets `service-` in front, and a Rust keyword or standard crate `-client` behind.
fn crate_name(sdk_id: &str) -> String {
    let name = deunicode::deunicode_with_tofu(sdk_id, " ")
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_ascii_lowercase)
        .collect::<Vec<_>>()
        .join("-");
    let name = if name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        name
    } else if name.is_empty() {
        "service".to_owned()
    } else {
        format!("service-{name}")
    };
    if crate::naming::is_reserved_crate_name(&name) {
        format!("{name}-client")
    } else {
        name
    }
}

/// The one service shape of the model.
fn find_service(model: &Model) -> Result<String, Diagnostics> {
    let services: Vec<&String> = model
        .shapes
        .iter()
        .filter(|(_, shape)| matches!(shape, Shape::Service(_)))
        .map(|(id, _)| id)
        .collect();
    match services.as_slice() {
        [one] => Ok((*one).clone()),
        [] => Err(Diagnostics::one(Diagnostic::model(
            "the model has no service shape; there is nothing to generate",
        ))),
        many => Err(Diagnostics::one(Diagnostic::model(format!(
            "the model has {} service shapes ({}); generate from a model with exactly one",
            many.len(),
            many.iter()
                .map(|id| id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )))),
    }
}

/// Ids of the structures used as operation inputs and outputs.
fn operation_io(model: &Model, closure: &Closure) -> (BTreeSet<String>, BTreeSet<String>) {
    let mut inputs = BTreeSet::new();
    let mut outputs = BTreeSet::new();
    for id in &closure.operations {
        if let Some(Shape::Operation(op)) = model.shapes.get(id) {
            inputs.extend(op.input.iter().map(|target| target.target.clone()));
            outputs.extend(op.output.iter().map(|target| target.target.clone()));
        }
    }
    (inputs, outputs)
}

fn protocol(traits: &crate::smithy::ast::Traits) -> Protocol {
    if t::has(traits, t::AWS_JSON_1_1) {
        Protocol::AwsJson1_1
    } else if t::has(traits, t::AWS_JSON_1_0) {
        Protocol::AwsJson1_0
    } else {
        let other = traits
            .keys()
            .find(|id| id.starts_with("aws.protocols#") || id.starts_with("smithy.protocols#"))
            .cloned()
            .unwrap_or_else(|| "none".to_owned());
        Protocol::Other(other)
    }
}

#[cfg(test)]
mod tests {
    use super::crate_name;

    #[test]
    fn crate_names_follow_aws_package_names() {
        for (sdk_id, expected) in [
            ("Cognito Identity Provider", "cognito-identity-provider"),
            ("DynamoDB", "dynamodb"),
            ("CloudWatch Logs", "cloudwatch-logs"),
            ("SageMaker", "sagemaker"),
            ("Route 53", "route-53"),
            ("IoT Data Plane", "iot-data-plane"),
            ("", "service"),
            ("-", "service"),
            ("123", "service-123"),
            ("名前", "ming-qian"),
            ("Test", "test-client"),
            ("Fn", "fn-client"),
        ] {
            assert_eq!(crate_name(sdk_id), expected, "{sdk_id}");
        }
    }
}
