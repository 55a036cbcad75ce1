//! A loaded Smithy AST (e.g. one converted from botocore) written back as JSON AST, so
//! botocore and Smithy inputs meet in one form. Prelude shapes are left out.

use super::json::Json;
use crate::smithy::ast::{Aggregate, List, Map, Member, Model, Shape, Target, Traits};

/// The JSON AST of `model`'s own shapes (those outside `smithy.api`).
pub fn model_to_json(model: &Model) -> Json {
    let shapes = model
        .shapes
        .iter()
        .filter(|(id, _)| !id.starts_with("smithy.api#"))
        .map(|(id, shape)| (id.clone(), shape_to_json(shape)))
        .collect();
    Json::Object(vec![
        ("smithy".to_owned(), Json::String(model.smithy.clone())),
        ("shapes".to_owned(), Json::Object(shapes)),
    ])
}

fn shape_to_json(shape: &Shape) -> Json {
    let mut out = vec![(
        "type".to_owned(),
        Json::String(shape.kind_name().to_owned()),
    )];
    match shape {
        Shape::Enum(a) | Shape::IntEnum(a) | Shape::Structure(a) | Shape::Union(a) => {
            out.push(("members".to_owned(), members(a)));
        }
        Shape::List(List { member, .. }) | Shape::Set(List { member, .. }) => {
            out.push(("member".to_owned(), member_to_json(member)));
        }
        Shape::Map(Map { key, value, .. }) => {
            out.push(("key".to_owned(), member_to_json(key)));
            out.push(("value".to_owned(), member_to_json(value)));
        }
        Shape::Operation(op) => {
            for (name, target) in [("input", &op.input), ("output", &op.output)] {
                if let Some(target) = target {
                    out.push((name.to_owned(), target_to_json(target)));
                }
            }
            push_targets(&mut out, "errors", &op.errors);
        }
        Shape::Service(service) => {
            out.push(("version".to_owned(), Json::String(service.version.clone())));
            push_targets(&mut out, "operations", &service.operations);
            push_targets(&mut out, "resources", &service.resources);
            push_targets(&mut out, "errors", &service.errors);
        }
        _ => {}
    }
    push_traits(&mut out, shape.traits());
    Json::Object(out)
}

fn members(aggregate: &Aggregate) -> Json {
    Json::Object(
        aggregate
            .members
            .0
            .iter()
            .map(|(name, member)| (name.clone(), member_to_json(member)))
            .collect(),
    )
}

fn member_to_json(member: &Member) -> Json {
    let mut out = vec![("target".to_owned(), Json::String(member.target.clone()))];
    push_traits(&mut out, &member.traits);
    Json::Object(out)
}

fn target_to_json(target: &Target) -> Json {
    Json::Object(vec![(
        "target".to_owned(),
        Json::String(target.target.clone()),
    )])
}

fn push_targets(out: &mut Vec<(String, Json)>, key: &str, targets: &[Target]) {
    if !targets.is_empty() {
        let items = targets.iter().map(target_to_json).collect();
        out.push((key.to_owned(), Json::Array(items)));
    }
}

fn push_traits(out: &mut Vec<(String, Json)>, traits: &Traits) {
    if !traits.is_empty() {
        let entries = traits
            .iter()
            .map(|(id, value)| (id.clone(), Json::from_value(value)))
            .collect();
        out.push(("traits".to_owned(), Json::Object(entries)));
    }
}
