//! botocore enums (a string with Smithy 1.0 `@enum` values) become Smithy 2.0 `enum` shapes,
//! with member names taken from the models that have them, or derived from the value.

use std::collections::BTreeMap;

use super::ast_json::{self, get_trait, members};
use super::json::Json;
use crate::smithy::traits as t;

/// Turns every string shape with `@enum` into an `enum` shape. `named` are models whose
/// enum shapes supply member names (earlier ones win).
pub fn to_enum_shapes(model: &mut Json, named: &[&Json]) {
    let Some(Json::Object(shapes)) = model.get_mut("shapes") else {
        return;
    };
    for (id, shape) in shapes.iter_mut() {
        if ast_json::kind(shape) != "string" {
            continue;
        }
        let Some(Json::Array(values)) = ast_json::remove_trait(shape, t::ENUM) else {
            continue;
        };
        let names = known_names(id, named);
        let members = values
            .iter()
            .filter_map(|entry| entry.get("value").and_then(Json::as_str))
            .map(|value| {
                let name = names
                    .get(value)
                    .cloned()
                    .unwrap_or_else(|| derive_name(value));
                (name, enum_member(value))
            })
            .collect();
        shape.insert("type", Json::String("enum".to_owned()));
        let traits = shape.remove(ast_json::TRAITS);
        shape.insert("members", Json::Object(members));
        if let Some(traits) = traits {
            shape.insert(ast_json::TRAITS, traits);
        }
    }
}

/// value → member name, from the first model that has enum shape `id`.
fn known_names(id: &str, named: &[&Json]) -> BTreeMap<String, String> {
    let mut names = BTreeMap::new();
    for model in named.iter().rev() {
        let Some(shape) = ast_json::shape(model, id) else {
            continue;
        };
        for (name, member) in members(shape) {
            if let Some(value) = get_trait(member, t::ENUM_VALUE).and_then(Json::as_str) {
                names.insert(value.to_owned(), name.clone());
            }
        }
    }
    names
}

fn enum_member(value: &str) -> Json {
    Json::Object(vec![
        (
            "target".to_owned(),
            Json::String("smithy.api#Unit".to_owned()),
        ),
        (
            ast_json::TRAITS.to_owned(),
            Json::Object(vec![(
                t::ENUM_VALUE.to_owned(),
                Json::String(value.to_owned()),
            )]),
        ),
    ])
}

/// A Smithy member name for an enum value: the value itself when it is an identifier,
/// otherwise its letters and digits in upper case joined by `_` (`a.b-c` → `A_B_C`).
pub fn derive_name(value: &str) -> String {
    let is_identifier = value
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic())
        && value.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if is_identifier {
        return value.to_owned();
    }
    let words: Vec<String> = value
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_ascii_uppercase)
        .collect();
    let joined = words.join("_");
    match joined.chars().next() {
        Some(c) if c.is_ascii_alphabetic() => joined,
        Some(_) => format!("V_{joined}"),
        None => "EMPTY".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_the_value() {
        assert_eq!(derive_name("OIDC"), "OIDC");
        assert_eq!(derive_name("SignInWithApple"), "SignInWithApple");
        assert_eq!(derive_name("email_otp"), "email_otp");
        assert_eq!(derive_name("ap-south-1.x"), "AP_SOUTH_1_X");
        assert_eq!(derive_name("3des"), "V_3DES");
    }
}
