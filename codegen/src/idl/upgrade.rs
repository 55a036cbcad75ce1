//! IDL 1.0 semantics in 2.0 terms: in 1.0 a number or boolean shape without `@box` is a
//! primitive that always has a value, which 2.0 says with `@default`. Members targeting
//! such a shape (and not boxed themselves) get the same default.

use super::node::{Node, Object, get_mut};

/// `@box`, the 1.0 way to say "may be absent".
const BOX: &str = "smithy.api#box";
/// `@default`.
const DEFAULT: &str = "smithy.api#default";

/// The model with 1.0 primitives given their defaults; a 2.0 model is returned as is.
pub fn upgrade(model: &Node) -> Node {
    let mut model = model.clone();
    if model
        .get("smithy")
        .and_then(Node::as_str)
        .is_some_and(|v| v.starts_with('2'))
    {
        return model;
    }
    let Node::Object(root) = &mut model else {
        return model;
    };
    let Some(Node::Object(shapes)) = get_mut(root, "shapes") else {
        return model;
    };
    let primitive_defaults: Vec<(String, Node)> = shapes
        .iter()
        .filter_map(|(id, shape)| Some((id.clone(), primitive_default(shape)?)))
        .collect();
    let default_of = |target: &str| -> Option<Node> {
        if let Some(name) = target.strip_prefix("smithy.api#Primitive") {
            return Some(if name == "Boolean" {
                Node::Bool(false)
            } else {
                Node::Number(0.into())
            });
        }
        primitive_defaults
            .iter()
            .find(|(id, _)| id == target)
            .map(|(_, value)| value.clone())
    };
    for (id, shape) in shapes.iter_mut() {
        let Node::Object(shape) = shape else { continue };
        if let Some((_, value)) = primitive_defaults.iter().find(|(known, _)| known == id) {
            add_default(shape, value.clone());
        }
        if shape
            .iter()
            .any(|(k, v)| k == "type" && v.as_str() == Some("structure"))
            && let Some(Node::Object(members)) = get_mut(shape, "members")
        {
            for (_, member) in members.iter_mut() {
                let Node::Object(member) = member else {
                    continue;
                };
                let target = member
                    .iter()
                    .find(|(k, _)| k == "target")
                    .and_then(|(_, t)| t.as_str());
                if let Some(value) = target.and_then(default_of)
                    && !has(member, BOX)
                {
                    add_default(member, value);
                }
            }
        }
    }
    model
}

/// The default a 1.0 shape implies: `0` or `false` for an unboxed number or boolean.
fn primitive_default(shape: &Node) -> Option<Node> {
    let boxed = shape
        .get("traits")
        .is_some_and(|traits| traits.get(BOX).is_some());
    match shape.get("type").and_then(Node::as_str)? {
        _ if boxed => None,
        "boolean" => Some(Node::Bool(false)),
        "byte" | "short" | "integer" | "long" | "float" | "double" => Some(Node::Number(0.into())),
        _ => None,
    }
}

/// Whether a shape or member object has trait `id`.
fn has(object: &Object, id: &str) -> bool {
    object
        .iter()
        .any(|(k, traits)| k == "traits" && traits.get(id).is_some())
}

/// Adds `@default(value)` unless a default is already there.
fn add_default(object: &mut Object, value: Node) {
    if has(object, DEFAULT) {
        return;
    }
    if get_mut(object, "traits").is_none() {
        object.push(("traits".to_owned(), Node::empty_object()));
    }
    if let Some(Node::Object(traits)) = get_mut(object, "traits") {
        traits.push((DEFAULT.to_owned(), value));
    }
}
