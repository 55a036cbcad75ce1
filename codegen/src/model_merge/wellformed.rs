//! Checks that model/ is well formed, beyond what loading and lowering check: canonical
//! formatting, one namespace, every target resolves, operations bound and wired, enums
//! and pagination complete, every shape reachable from the service.

use std::collections::BTreeSet;

use super::ast_json::{self, get_trait, members};
use super::json::Json;
use super::merge::canonical_order;
use crate::diagnostic::shape_path;
use crate::smithy::shape_id;
use crate::smithy::traits as t;

/// Every problem found in the model text, each naming the JSON path it is about.
pub fn problems(text: &str) -> Vec<String> {
    let model = match Json::parse(text) {
        Ok(model) => model,
        Err(error) => return vec![format!("not JSON: {error}")],
    };
    let mut found = Vec::new();
    if model.get("smithy").and_then(Json::as_str) != Some("2.0") {
        found.push("$.smithy: must be \"2.0\"".to_owned());
    }
    let mut canonical = model.clone();
    canonical_order(&mut canonical);
    if canonical.to_pretty() != text {
        found.push(
            "the file is not in canonical form (shapes and operations sorted, 2-space JSON, \
             final newline): run `cargo xtask model import` or reformat"
                .to_owned(),
        );
    }
    let Some(service) = ast_json::service_id(&model).map(str::to_owned) else {
        found.push("$.shapes: no service shape".to_owned());
        return found;
    };
    let namespace = shape_id::namespace(&service).to_owned();
    for (id, shape) in ast_json::shapes(&model) {
        let path = shape_path(id);
        if shape_id::namespace(id) != namespace {
            found.push(format!(
                "{path}: outside the service's namespace {namespace}"
            ));
        }
        for (place, target) in references(shape) {
            if ast_json::shape(&model, &target).is_none() && !target.starts_with("smithy.api#") {
                found.push(format!("{path}.{place}: unresolved target {target}"));
            }
        }
        if ast_json::kind(shape) == "enum" {
            for (name, member) in members(shape) {
                let unit = member.get("target").and_then(Json::as_str) == Some("smithy.api#Unit");
                if !unit || get_trait(member, t::ENUM_VALUE).is_none() {
                    found.push(format!(
                        "{path}.members.{name}: an enum member needs target smithy.api#Unit and an enumValue"
                    ));
                }
            }
        }
        if ast_json::kind(shape) == "operation" {
            check_operation(&model, id, shape, &mut found);
        }
    }
    check_bindings(&model, &service, &mut found);
    found
}

/// Every `(place, target)` a shape refers to.
fn references(shape: &Json) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut push = |place: String, value: Option<&Json>| {
        if let Some(target) = value.and_then(|v| v.get("target")).and_then(Json::as_str) {
            found.push((place, target.to_owned()));
        }
    };
    for part in ["input", "output", "member", "key", "value"] {
        push(part.to_owned(), shape.get(part));
    }
    for list in ["errors", "operations", "resources"] {
        if let Some(Json::Array(items)) = shape.get(list) {
            for (index, item) in items.iter().enumerate() {
                push(format!("{list}[{index}]"), Some(item));
            }
        }
    }
    for (name, member) in members(shape) {
        push(format!("members.{name}"), Some(member));
    }
    found
}

/// Input and output carry `@input`/`@output`, errors `@error`, pagination names members.
fn check_operation(model: &Json, id: &str, operation: &Json, found: &mut Vec<String>) {
    let path = shape_path(id);
    let target_of = |key: &str| {
        operation
            .get(key)
            .and_then(|v| v.get("target"))
            .and_then(Json::as_str)
            .unwrap_or("smithy.api#Unit")
            .to_owned()
    };
    for (key, role) in [("input", t::INPUT), ("output", t::OUTPUT)] {
        let target = target_of(key);
        if target == "smithy.api#Unit" {
            continue;
        }
        let shape = ast_json::shape(model, &target);
        let ok =
            shape.is_some_and(|s| ast_json::kind(s) == "structure" && get_trait(s, role).is_some());
        if !ok {
            found.push(format!(
                "{path}.{key}: {target} must be a structure with {role}"
            ));
        }
    }
    if let Some(Json::Array(errors)) = operation.get("errors") {
        for error in errors
            .iter()
            .filter_map(|e| e.get("target").and_then(Json::as_str))
        {
            if ast_json::shape(model, error)
                .and_then(|s| get_trait(s, t::ERROR))
                .is_none()
            {
                found.push(format!("{path}.errors: {error} lacks {}", t::ERROR));
            }
        }
    }
    let Some(paginated) = get_trait(operation, t::PAGINATED) else {
        return;
    };
    let member_names = |key: &str| -> BTreeSet<String> {
        ast_json::shape(model, &target_of(key))
            .map(|s| members(s).iter().map(|(n, _)| n.clone()).collect())
            .unwrap_or_default()
    };
    let (input, output) = (member_names("input"), member_names("output"));
    for (key, side) in [
        ("inputToken", &input),
        ("pageSize", &input),
        ("outputToken", &output),
        ("items", &output),
    ] {
        if let Some(name) = paginated.get(key).and_then(Json::as_str)
            && !side.contains(name)
        {
            found.push(format!(
                "{path}.traits[\"{}\"].{key}: {name} is not a member",
                t::PAGINATED
            ));
        }
    }
}

/// Every operation is bound to the service, and every shape is reachable from it.
fn check_bindings(model: &Json, service: &str, found: &mut Vec<String>) {
    let mut reached = BTreeSet::new();
    let mut stack = vec![service.to_owned()];
    while let Some(id) = stack.pop() {
        if !reached.insert(id.clone()) {
            continue;
        }
        if let Some(shape) = ast_json::shape(model, &id) {
            stack.extend(references(shape).into_iter().map(|(_, target)| target));
        }
    }
    for (id, shape) in ast_json::shapes(model) {
        if !reached.contains(id) {
            let what = if ast_json::kind(shape) == "operation" {
                "operation not bound to the service"
            } else {
                "not reachable from the service"
            };
            found.push(format!("{}: {what}", shape_path(id)));
        }
    }
}
