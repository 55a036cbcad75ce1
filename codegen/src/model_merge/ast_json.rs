//! Reads and edits of a Smithy JSON AST held as [`Json`]: shapes, members and traits.

use super::json::Json;

/// The `traits` key of shapes and members.
pub const TRAITS: &str = "traits";

/// The model's shapes (empty when missing).
pub fn shapes(model: &Json) -> &[(String, Json)] {
    model.get("shapes").map_or(&[], Json::entries)
}

/// The shape `id`.
pub fn shape<'a>(model: &'a Json, id: &str) -> Option<&'a Json> {
    model.get("shapes")?.get(id)
}

/// The mutable shape `id`.
pub fn shape_mut<'a>(model: &'a mut Json, id: &str) -> Option<&'a mut Json> {
    model.get_mut("shapes")?.get_mut(id)
}

/// The shape's (or member's) `type`.
pub fn kind(shape: &Json) -> &str {
    shape.get("type").and_then(Json::as_str).unwrap_or("")
}

/// The id of the model's (first) service shape.
pub fn service_id(model: &Json) -> Option<&str> {
    shapes(model)
        .iter()
        .find(|(_, shape)| kind(shape) == "service")
        .map(|(id, _)| id.as_str())
}

/// The value of trait `id` on a shape or member.
pub fn get_trait<'a>(shape: &'a Json, id: &str) -> Option<&'a Json> {
    shape.get(TRAITS)?.get(id)
}

/// Sets trait `id` on a shape or member, creating its `traits` object when needed.
pub fn set_trait(shape: &mut Json, id: &str, value: Json) {
    if shape.get(TRAITS).is_none() {
        shape.insert(TRAITS, Json::Object(Vec::new()));
    }
    if let Some(traits) = shape.get_mut(TRAITS) {
        traits.insert(id, value);
        traits.sort_keys();
    }
}

/// Removes trait `id` from a shape or member (and an emptied `traits` object).
pub fn remove_trait(shape: &mut Json, id: &str) -> Option<Json> {
    let traits = shape.get_mut(TRAITS)?;
    let removed = traits.remove(id);
    if traits.entries().is_empty() {
        shape.remove(TRAITS);
    }
    removed
}

/// The members of an aggregate shape (empty for other shapes).
pub fn members(shape: &Json) -> &[(String, Json)] {
    shape.get("members").map_or(&[], Json::entries)
}

/// Every shape, member and `key`/`value`/`member` reference of a model, mutably, with the
/// shape id and member name (empty for the shape itself); used to apply per-trait edits.
pub fn for_each_traited(model: &mut Json, mut visit: impl FnMut(&str, &str, &mut Json)) {
    let Some(Json::Object(shapes)) = model.get_mut("shapes") else {
        return;
    };
    for (id, shape) in shapes.iter_mut() {
        if let Some(Json::Object(members)) = shape.get_mut("members") {
            for (name, member) in members.iter_mut() {
                visit(id, name, member);
            }
        }
        for part in ["member", "key", "value"] {
            if let Some(member) = shape.get_mut(part) {
                visit(id, part, member);
            }
        }
        visit(id, "", shape);
    }
}
