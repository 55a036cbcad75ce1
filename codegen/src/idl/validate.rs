//! The trait checks the loader needs once every file is merged: a trait must be defined
//! with `@trait`, and its value must fit the trait's shape (an annotation on a list
//! trait means an empty list). Traits whose definition was not loaded are left alone.

use std::collections::BTreeMap;

use super::node::{Node, Object};
use super::prelude::PRELUDE_LIST_TRAITS;
use crate::diagnostic::{Diagnostic, shape_path};

/// Checks (and coerces) every trait value of `shapes`; returns the problems found.
pub fn check_traits(shapes: &mut Object) -> Vec<Diagnostic> {
    let kinds: BTreeMap<String, Option<String>> = shapes
        .iter()
        .map(|(id, shape)| {
            let is_trait = shape
                .get("traits")
                .is_some_and(|t| t.get("smithy.api#trait").is_some());
            let kind = shape.get("type").and_then(Node::as_str).map(str::to_owned);
            (id.clone(), if is_trait { kind } else { None })
        })
        .collect();
    let mut problems = Vec::new();
    for (id, shape) in shapes.iter_mut() {
        let Node::Object(shape) = shape else { continue };
        check_holder(id, shape, &kinds, &mut problems);
        for (key, value) in shape.iter_mut() {
            match (key.as_str(), value) {
                ("members", Node::Object(members)) => {
                    for (name, member) in members.iter_mut() {
                        if let Node::Object(member) = member {
                            check_holder(&format!("{id}${name}"), member, &kinds, &mut problems);
                        }
                    }
                }
                ("member" | "key" | "value", Node::Object(member)) => {
                    check_holder(&format!("{id}${key}"), member, &kinds, &mut problems);
                }
                _ => {}
            }
        }
    }
    problems
}

/// Checks the `traits` of one shape or member.
fn check_holder(
    id: &str,
    holder: &mut Object,
    kinds: &BTreeMap<String, Option<String>>,
    problems: &mut Vec<Diagnostic>,
) {
    let Some((_, Node::Object(traits))) = holder.iter_mut().find(|(k, _)| k == "traits") else {
        return;
    };
    for (trait_id, value) in traits.iter_mut() {
        let Some(definition) = kinds.get(trait_id.as_str()) else {
            if PRELUDE_LIST_TRAITS.contains(&trait_id.as_str()) && *value == Node::empty_object() {
                *value = Node::Array(Vec::new());
            }
            continue;
        };
        let path = format!("{}.traits[\"{trait_id}\"]", shape_path(id));
        let Some(kind) = definition else {
            problems.push(Diagnostic::at_shape(
                id,
                path,
                format!(
                    "`{trait_id}` is applied as a trait but is not one (its shape has no `@trait`)"
                ),
            ));
            continue;
        };
        if matches!(kind.as_str(), "list" | "set") && *value == Node::empty_object() {
            *value = Node::Array(Vec::new());
        }
        if !fits(kind, value) {
            problems.push(Diagnostic::at_shape(
                id,
                path,
                format!(
                    "the value of trait `{trait_id}` does not fit its {kind} shape: {}",
                    value.to_json()
                ),
            ));
        }
    }
}

/// Whether a trait value has the JSON kind its shape type needs.
fn fits(kind: &str, value: &Node) -> bool {
    match kind {
        "structure" | "union" | "map" => matches!(value, Node::Object(_)),
        "list" | "set" => matches!(value, Node::Array(_)),
        "string" | "enum" | "blob" => matches!(value, Node::String(_)),
        "boolean" => matches!(value, Node::Bool(_)),
        "byte" | "short" | "integer" | "long" | "float" | "double" | "bigInteger"
        | "bigDecimal" | "intEnum" => matches!(value, Node::Number(_) | Node::BigNumber(_)),
        "timestamp" => matches!(value, Node::Number(_) | Node::String(_)),
        _ => true,
    }
}
