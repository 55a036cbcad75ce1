//! Checks that run on the service closure before anything is lowered or emitted: the Smithy
//! rules whose violation would otherwise crash the generator or produce code that does not
//! compile. Each failure is a [`Diagnostic`] naming the shape and the JSON path.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use crate::diagnostic::{Diagnostic, shape_path};
use crate::lower::closure::Closure;
use crate::smithy::ast::{Model, Shape};
use crate::smithy::traits as t;

/// How many lists and maps may nest directly inside each other (without a structure or
/// union in between). AWS models nest at most 3 deep; the limit keeps every later walk over a
/// member type shallow.
pub const MAX_COLLECTION_NESTING: usize = 32;

/// Runs every check; problems are appended to `problems`.
pub fn check(model: &Model, service_id: &str, closure: &Closure, problems: &mut Vec<Diagnostic>) {
    check_sdk_id(model, service_id, problems);
    check_collections(model, closure, problems);
    check_errors_not_io(model, closure, problems);
    check_enum_values(model, closure, problems);
    check_unions_have_members(model, closure, problems);
}

/// A union needs at least one member (Smithy's rule; an empty one has no value to hold).
fn check_unions_have_members(model: &Model, closure: &Closure, problems: &mut Vec<Diagnostic>) {
    for id in &closure.shapes {
        if let Some(Shape::Union(aggregate)) = model.shapes.get(id)
            && aggregate.members.0.is_empty()
        {
            problems.push(Diagnostic::at_shape(
                id,
                format!("{}.members", shape_path(id)),
                "a union needs at least one member",
            ));
        }
    }
}

/// `aws.api#service` `sdkId` must match `^[a-zA-Z][a-zA-Z0-9]*( [a-zA-Z0-9]+)*$` (the
/// crate and trait names are made from it).
fn check_sdk_id(model: &Model, service_id: &str, problems: &mut Vec<Diagnostic>) {
    let Some(service) = model.shapes.get(service_id) else {
        return;
    };
    let Some(sdk_id) = t::field(service.traits(), t::AWS_SERVICE, "sdkId") else {
        return;
    };
    let valid = sdk_id.split(' ').enumerate().all(|(index, word)| {
        !word.is_empty()
            && word.chars().all(|c| c.is_ascii_alphanumeric())
            && (index > 0 || word.starts_with(|c: char| c.is_ascii_alphabetic()))
    });
    if !valid {
        problems.push(Diagnostic::at_shape(
            service_id,
            format!("{}.traits[\"{}\"].sdkId", shape_path(service_id), t::AWS_SERVICE),
            format!(
                "sdkId {sdk_id:?} is not valid: it must be ASCII words of letters and digits \
                 separated by single spaces, starting with a letter (e.g. \"Cognito Identity Provider\")"
            ),
        ));
    }
}

/// Lists and maps may contain themselves only through a structure or union (Smithy's rule:
/// a collection cycle has no Rust type), and may nest at most [`MAX_COLLECTION_NESTING`] deep.
/// Iterative, and each collection is measured once, so any depth costs linear time.
fn check_collections(model: &Model, closure: &Closure, problems: &mut Vec<Diagnostic>) {
    let element = |id: &str| -> Option<String> {
        match model.shapes.get(id)? {
            Shape::List(list) | Shape::Set(list) => Some(list.member.target.clone()),
            Shape::Map(map) => Some(map.value.target.clone()),
            _ => None,
        }
    };
    // Nesting depth of every collection: 1 + the depth of its element (0 for a non-collection).
    let mut depth: BTreeMap<String, usize> = BTreeMap::new();
    let mut reported: BTreeSet<String> = BTreeSet::new();
    for start in &closure.shapes {
        if depth.contains_key(start) || element(start).is_none() {
            continue;
        }
        // Follow the chain until a measured shape, a non-collection or a repeat (a cycle).
        let mut chain: Vec<String> = vec![start.clone()];
        let mut on_chain: BTreeSet<String> = BTreeSet::from([start.clone()]);
        let mut base = 0;
        while let Some(next) = chain.last().and_then(|last| element(last)) {
            if let Some(known) = depth.get(&next) {
                base = *known;
                break;
            }
            if element(&next).is_none() {
                break;
            }
            if !on_chain.insert(next.clone()) {
                if reported.insert(next.clone()) {
                    problems.push(Diagnostic::at_shape(
                        &next,
                        shape_path(&next),
                        "this list or map contains itself without a structure or union in \
                         between; Smithy allows recursion only through structures and unions",
                    ));
                }
                base = MAX_COLLECTION_NESTING + 1;
                break;
            }
            chain.push(next);
        }
        for (offset, id) in chain.iter().rev().enumerate() {
            depth.insert(id.clone(), base + offset + 1);
        }
    }
    for (id, nesting) in &depth {
        let element_nesting = element(id)
            .and_then(|e| depth.get(&e))
            .copied()
            .unwrap_or(0);
        // Report only the collection where the limit is crossed (its element is within it).
        if *nesting > MAX_COLLECTION_NESTING
            && element_nesting <= MAX_COLLECTION_NESTING
            && !reported.contains(id)
        {
            problems.push(Diagnostic::at_shape(
                id,
                shape_path(id),
                format!(
                    "lists and maps nest {nesting} deep from here; the generator supports at \
                     most {MAX_COLLECTION_NESTING} without a structure or union in between"
                ),
            ));
        }
    }
}

/// An `@error` structure cannot be an operation's input or output (it would need to be both
/// a request body and a Rust error type).
fn check_errors_not_io(model: &Model, closure: &Closure, problems: &mut Vec<Diagnostic>) {
    for op_id in &closure.operations {
        let Some(Shape::Operation(op)) = model.shapes.get(op_id) else {
            continue;
        };
        for (role, target) in [("input", &op.input), ("output", &op.output)] {
            let Some(target) = target else { continue };
            let is_error = model
                .shapes
                .get(&target.target)
                .is_some_and(|shape| t::has(shape.traits(), t::ERROR));
            if is_error {
                problems.push(Diagnostic::at_shape(
                    op_id,
                    format!("{}.{role}.target", shape_path(op_id)),
                    format!(
                        "its {role} `{}` is an @error structure; use a separate structure",
                        target.target
                    ),
                ));
            }
        }
    }
}

/// Enum values are unique within their enum (a value maps to one variant).
fn check_enum_values(model: &Model, closure: &Closure, problems: &mut Vec<Diagnostic>) {
    for id in &closure.shapes {
        let values: Vec<(String, String)> = match model.shapes.get(id) {
            Some(Shape::Enum(aggregate) | Shape::IntEnum(aggregate)) => aggregate
                .members
                .0
                .iter()
                .map(|(name, member)| {
                    let value = member
                        .traits
                        .get(t::ENUM_VALUE)
                        .map_or_else(|| name.clone(), value_text);
                    (format!("{}.members.{name}", shape_path(id)), value)
                })
                .collect(),
            Some(Shape::String(simple)) => simple
                .traits
                .get(t::ENUM)
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .enumerate()
                .filter_map(|(index, entry)| {
                    let value = value_text(entry.get("value")?);
                    let path = format!("{}.traits[\"{}\"][{index}]", shape_path(id), t::ENUM);
                    Some((path, value))
                })
                .collect(),
            _ => continue,
        };
        let mut seen = BTreeSet::new();
        for (path, value) in values {
            if !seen.insert(value.clone()) {
                problems.push(Diagnostic::at_shape(
                    id,
                    path,
                    format!("the enum value {value} appears twice; enum values must be unique"),
                ));
            }
        }
    }
}

/// A string value as it is, anything else as JSON.
fn value_text(value: &Value) -> String {
    value
        .as_str()
        .map_or_else(|| value.to_string(), str::to_owned)
}
