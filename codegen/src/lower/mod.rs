//! Model → IR. Validation happens here too: every problem is collected, then reported
//! together, so one run shows all of them.

mod closure;
mod names;
mod operations;
mod recursion;
mod types;

use std::collections::{BTreeMap, BTreeSet};

use heck::ToUpperCamelCase;
use serde_json::Value;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::ir::{
    Member, Protocol, Service, SetterNames, Struct, StructRole, TypeDef, UnsupportedOperation,
};
use crate::smithy::ast::{Model, Shape};
use crate::smithy::traits as t;
use closure::Closure;
use operations::OperationContext;
use types::{TypeContext, docs_of, is_named};

pub use names::shape_name;

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
    let type_context = TypeContext {
        model,
        names: &type_names,
        inputs: &inputs,
        outputs: &outputs,
    };
    let mut types: Vec<TypeDef> = named
        .iter()
        .filter_map(|id| type_context.lower(id, &mut problems))
        .collect();
    recursion::box_recursive_members(&mut types);
    name_builders(&mut types);
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
                wire_name: shape_name(id).to_owned(),
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
    };
    let operations = operation_context.lower_all(&ast_operations, &mut problems);

    if !problems.is_empty() {
        problems.sort();
        problems.dedup();
        return Err(Diagnostics(problems));
    }

    let wire_name = shape_name(&service_id).to_owned();
    let sdk_id = t::field(&service.traits, t::AWS_SERVICE, "sdkId")
        .unwrap_or(&wire_name)
        .to_owned();
    Ok(Service {
        crate_name: service_config
            .crate_name
            .unwrap_or_else(|| crate_name(&sdk_id)),
        trait_name: crate::naming::avoid_reserved_type_name(sdk_id.to_upper_camel_case()),
        title: t::string(&service.traits, t::TITLE)
            .unwrap_or(&sdk_id)
            .to_owned(),
        docs: docs_of(&service.traits),
        protocol: protocol(&service.traits),
        signing_name: t::field(&service.traits, t::SIGV4, "name").map(str::to_owned),
        endpoint_rules: service
            .traits
            .get(t::ENDPOINT_RULE_SET)
            .map(Value::to_string),
        version: service.version.clone(),
        shape_id: service_id,
        wire_name,
        operations,
        unsupported_operations,
        types,
    })
}

/// Methods every input builder has besides its setters (see `emit/builders.rs` and the fluent
/// methods in `emit/client.rs`), and those of its derived traits.
const BUILDER_METHODS: &[&str] = &[
    "build",
    "with_client",
    "send",
    "into_paginator",
    "items",
    "clone",
    "fmt",
    "default",
];

/// Names each input's builder `{Input}Builder`, made unique against every type name, and
/// its setters, unique within the builder.
fn name_builders(types: &mut [TypeDef]) {
    let names: Vec<String> = types.iter().map(|ty| ty.name().to_owned()).collect();
    let mut scope = crate::naming::Scope::with_reserved(names.iter().map(String::as_str));
    for ty in types.iter_mut() {
        if let TypeDef::Struct(s) = ty
            && s.role == StructRole::Input
        {
            s.builder = Some(scope.claim(format!("{}Builder", s.name)));
            s.setters = setter_names(&s.members);
        }
    }
}

/// Setter names for `members`: the plain setters (`foo`) are claimed first, so that they
/// keep their field's name whatever the other members are called; then the `Option`
/// setters (`set_foo`), which take a numeric suffix when a member `SetFoo` holds the name.
fn setter_names(members: &[Member]) -> Vec<SetterNames> {
    let mut scope = crate::naming::Scope::with_reserved(BUILDER_METHODS.iter().copied());
    let setters: Vec<String> = members
        .iter()
        .map(|member| scope.claim(member.rust_name.clone()))
        .collect();
    setters
        .into_iter()
        .zip(members)
        .map(|(setter, member)| SetterNames {
            setter,
            option_setter: scope
                .claim(format!("set_{}", member.rust_name.trim_start_matches("r#"))),
        })
        .collect()
}

/// The default package name: the sdkId in lower case, words joined by `-`, the way AWS
/// names its SDK packages (`DynamoDB` → `dynamodb`, `CloudWatch Logs` → `cloudwatch-logs`).
fn crate_name(sdk_id: &str) -> String {
    sdk_id
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_ascii_lowercase)
        .collect::<Vec<_>>()
        .join("-")
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
        ] {
            assert_eq!(crate_name(sdk_id), expected, "{sdk_id}");
        }
    }
}
