//! Flattening mixins: every shape gets the members, traits and properties of its mixins
//! (transitively, in the order listed, its own last), `apply` entries on inherited
//! members are applied, and the mixin shapes themselves are removed.

use std::collections::BTreeMap;

use super::assemble::member_object;
use super::node::{Node, Object, get_mut, set};
use crate::diagnostic::{Diagnostic, Diagnostics};

/// The `@mixin` trait.
const MIXIN: &str = "smithy.api#mixin";

/// How deep mixins may build on mixins before the model is refused.
const MAX_MIXIN_DEPTH: usize = 64;

/// The model (a JSON AST object) with its mixins flattened.
pub fn flatten(model: &Node) -> Result<Node, Diagnostics> {
    let Node::Object(root) = model else {
        return Err(Diagnostics::one(Diagnostic::model(
            "the model is not an object",
        )));
    };
    let Some(Node::Object(shapes)) = model.get("shapes") else {
        return Ok(model.clone());
    };
    let by_id: BTreeMap<&str, &Node> = shapes
        .iter()
        .map(|(id, shape)| (id.as_str(), shape))
        .collect();
    let mut flat: Object = Vec::new();
    let mut problems = Vec::new();
    for (id, shape) in shapes {
        if shape.get("type").and_then(Node::as_str) == Some("apply") {
            continue;
        }
        let result = check_mixin_shape(id, shape).and_then(|()| flattened(id, &by_id, 0));
        match result {
            Ok(shape) => flat.push((id.clone(), shape)),
            Err(message) => problems.push(Diagnostic::at_shape(
                id,
                crate::diagnostic::shape_path(id),
                message,
            )),
        }
    }
    if !problems.is_empty() {
        return Err(Diagnostics(problems));
    }
    flat.retain(|(_, shape)| !has_trait(shape, MIXIN));
    let mut root = root.clone();
    set(&mut root, "shapes", Node::Object(flat));
    Ok(Node::Object(root))
}

/// Whether a shape carries trait `id`.
fn has_trait(shape: &Node, id: &str) -> bool {
    shape
        .get("traits")
        .and_then(|traits| traits.get(id))
        .is_some()
}

/// The shape `id` with its mixins flattened into it.
fn flattened(id: &str, shapes: &BTreeMap<&str, &Node>, depth: usize) -> Result<Node, String> {
    if depth > MAX_MIXIN_DEPTH {
        return Err(format!(
            "mixins of `{id}` nest more than {MAX_MIXIN_DEPTH} deep (a cycle?)"
        ));
    }
    let Some(Node::Object(own)) = shapes.get(id).copied() else {
        return Err(format!("mixin `{id}` is not defined"));
    };
    let Some(Node::Array(mixins)) = own.iter().find(|(k, _)| k == "mixins").map(|(_, v)| v) else {
        return Ok(Node::Object(own.clone()));
    };
    let mut result = merged(id, own, mixins, shapes, depth)?;
    // Traits applied to members inherited from a mixin override the mixin's.
    let prefix = format!("{id}$");
    for (apply_id, apply) in shapes.range::<&str, _>(prefix.as_str()..) {
        let Some(member) = apply_id.strip_prefix(&prefix) else {
            break;
        };
        let Some(Node::Object(traits)) = apply.get("traits") else {
            continue;
        };
        let Some(holder) = member_object(&mut result, member) else {
            return Err(format!(
                "traits are applied to `{apply_id}`, but no mixin provides that member"
            ));
        };
        merge_object(holder, "traits", traits, |slot, value| {
            *slot = value.clone()
        });
    }
    Ok(Node::Object(result))
}

/// Refuses a mixin operation with input or output and a mixin resource with identifiers
/// or properties.
fn check_mixin_shape(id: &str, shape: &Node) -> Result<(), String> {
    if !has_trait(shape, MIXIN) {
        return Ok(());
    }
    let defines = |key: &str| {
        shape
            .get(key)
            .is_some_and(|v| v.get("target").and_then(Node::as_str) != Some("smithy.api#Unit"))
    };
    if defines("input") || defines("output") {
        return Err(format!(
            "operation mixin `{id}` must not define input or output"
        ));
    }
    if shape.get("properties").is_some() || shape.get("identifiers").is_some() {
        return Err(format!(
            "resource mixin `{id}` must not define identifiers or properties"
        ));
    }
    Ok(())
}

/// The shape's own properties merged over those of its mixins.
fn merged(
    id: &str,
    own: &Object,
    mixins: &[Node],
    shapes: &BTreeMap<&str, &Node>,
    depth: usize,
) -> Result<Object, String> {
    let kind = own
        .iter()
        .find(|(k, _)| k == "type")
        .map_or(Node::Null, |(_, v)| v.clone());
    let mut result: Object = vec![("type".to_owned(), kind)];
    for mixin in mixins {
        let mixin_id = mixin
            .get("target")
            .and_then(Node::as_str)
            .unwrap_or_default();
        let Node::Object(mixin_shape) = flattened(mixin_id, shapes, depth + 1)? else {
            continue;
        };
        check_mixin(id, own, mixin_id, &mixin_shape)?;
        check_mixin(id, &result, mixin_id, &mixin_shape)?;
        let local: Vec<Node> = match mixin_shape
            .iter()
            .find(|(k, _)| k == "traits")
            .and_then(|(_, t)| t.get(MIXIN))
        {
            Some(mixin_trait) => match mixin_trait.get("localTraits") {
                Some(Node::Array(local)) => local.clone(),
                _ => Vec::new(),
            },
            None => {
                return Err(format!(
                    "`{mixin_id}` is used as a mixin but has no `@mixin` trait"
                ));
            }
        };
        merge(&mut result, &mixin_shape, |trait_id| {
            trait_id == MIXIN || local.iter().any(|l| l.as_str() == Some(trait_id))
        });
    }
    let own_without_mixins: Object = own.iter().filter(|(k, _)| k != "mixins").cloned().collect();
    merge(&mut result, &own_without_mixins, |_| false);
    Ok(result)
}

/// Refuses a mixin of another shape type and a member whose target differs from the
/// mixin's.
fn check_mixin(id: &str, own: &Object, mixin_id: &str, mixin: &Object) -> Result<(), String> {
    let kind = |shape: &Object| {
        shape
            .iter()
            .find(|(k, _)| k == "type")
            .and_then(|(_, v)| v.as_str().map(str::to_owned))
    };
    if kind(own) != kind(mixin) {
        return Err(format!(
            "`{id}` cannot use `{mixin_id}` as a mixin: it is a different type of shape"
        ));
    }
    let members_of = |shape: &Object| -> Object {
        shape
            .iter()
            .filter_map(|(k, v)| match (k.as_str(), v) {
                ("members", Node::Object(members)) => Some(members.clone()),
                ("member" | "key" | "value", _) => Some(vec![(k.clone(), v.clone())]),
                _ => None,
            })
            .flatten()
            .collect()
    };
    let inherited = members_of(mixin);
    for (name, member) in members_of(own) {
        let target = member.get("target");
        if let Some((_, theirs)) = inherited.iter().find(|(n, _)| *n == name)
            && target.is_some()
            && target != theirs.get("target")
        {
            return Err(format!(
                "member `{id}${name}` conflicts with the inherited mixin member `{mixin_id}${name}`"
            ));
        }
    }
    Ok(())
}

/// Merges `from` into `into`: traits and members (member traits merged), list properties
/// concatenated without duplicates, other properties replaced. Traits for which `skip`
/// is true are not copied.
fn merge(into: &mut Object, from: &Object, skip: impl Fn(&str) -> bool) {
    for (key, value) in from {
        match (key.as_str(), value) {
            ("type", _) => {}
            ("traits", Node::Object(traits)) => {
                let kept: Object = traits.iter().filter(|(id, _)| !skip(id)).cloned().collect();
                merge_object(into, "traits", &kept, |into, value| *into = value.clone());
            }
            ("members", Node::Object(members)) => {
                merge_object(into, "members", members, merge_member);
            }
            ("member" | "key" | "value", _) => match get_mut(into, key) {
                Some(existing) => merge_member(existing, value),
                None => into.push((key.clone(), value.clone())),
            },
            (_, Node::Array(items)) => match get_mut(into, key) {
                Some(Node::Array(existing)) => {
                    for item in items {
                        if !existing.contains(item) {
                            existing.push(item.clone());
                        }
                    }
                }
                _ => set(into, key, value.clone()),
            },
            _ => set(into, key, value.clone()),
        }
    }
}

/// Merges an object-valued property entry by entry with `combine`.
fn merge_object(into: &mut Object, key: &str, entries: &Object, combine: fn(&mut Node, &Node)) {
    if get_mut(into, key).is_none() {
        into.push((key.to_owned(), Node::empty_object()));
    }
    if let Some(Node::Object(existing)) = get_mut(into, key) {
        for (name, value) in entries {
            match get_mut(existing, name) {
                Some(slot) => combine(slot, value),
                None => existing.push((name.clone(), value.clone())),
            }
        }
    }
}

/// Merges a member redefined later: its target replaces, its traits add to and override
/// the earlier member's.
fn merge_member(into: &mut Node, from: &Node) {
    let (Node::Object(into), Node::Object(from)) = (into, from) else {
        return;
    };
    for (key, value) in from {
        match (key.as_str(), value) {
            ("traits", Node::Object(traits)) => {
                merge_object(into, "traits", traits, |slot, value| *slot = value.clone());
            }
            _ => set(into, key, value.clone()),
        }
    }
}
