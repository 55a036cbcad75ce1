//! The merge behind `model import`: AWS's facts, our documentation, and the facts only a
//! Smithy model carries, in one canonical model.

use super::ast_json::{self, get_trait, set_trait};
use super::json::Json;
use super::sources::AwsModel;
use super::{docs, enums};
use crate::smithy::traits as t;

/// Traits botocore cannot express, kept from the Smithy reference model or from model/
/// when the AWS model came from botocore.
const SMITHY_ONLY_TRAITS: [&str; 6] = [
    t::DEFAULT,
    t::CLIENT_OPTIONAL,
    t::HTTP_ERROR,
    t::OPTIONAL_AUTH,
    "smithy.api#addedDefault",
    "smithy.rules#contextParam",
];

/// Object traits whose keys botocore leaves out when they are vacuous (`min: 0`): missing
/// keys are filled in, but the trait itself is never added.
const FILLED_TRAITS: [&str; 2] = [t::LENGTH, t::RANGE];

/// Service traits botocore cannot express, kept the same way.
const SMITHY_ONLY_SERVICE_TRAITS: [&str; 3] =
    [ENDPOINT_TESTS, t::AWS_SERVICE, "smithy.api#xmlNamespace"];

/// The trait holding a service's endpoint test cases.
const ENDPOINT_TESTS: &str = "smithy.rules#endpointTests";

/// The model that `model import` writes: `aws`'s shapes and traits, with documentation
/// taken only from `ours` (every operation linking to its reference page), Smithy-only
/// facts carried over, and shapes and operations sorted.
pub fn merge(ours: &Json, aws: &AwsModel) -> Json {
    let mut merged = aws.primary.clone();
    if aws.from_botocore {
        let mut sources: Vec<&Json> = aws.reference.iter().collect();
        sources.push(ours);
        enums::to_enum_shapes(&mut merged, &sources);
        for source in sources {
            keep_smithy_facts(&mut merged, source);
        }
    }
    explicit_unit_io(&mut merged);
    docs::strip(&mut merged);
    docs::apply(&mut merged, &docs::collect(ours));
    docs::link_operations(&mut merged);
    describe_endpoint_tests(&mut merged);
    rule_set_docs(&mut merged, ours);
    canonical_order(&mut merged);
    merged
}

/// Copies the [`SMITHY_ONLY_TRAITS`] of `source`'s shapes and members onto the same shapes
/// and members of `merged` where `merged` has none, and fills in the service traits.
fn keep_smithy_facts(merged: &mut Json, source: &Json) {
    let service = ast_json::service_id(merged).map(str::to_owned);
    ast_json::for_each_traited(merged, |id, member, target| {
        let Some(from) = find(source, id, member) else {
            return;
        };
        if ast_json::kind(from) != ast_json::kind(target) {
            return;
        }
        let service_traits: &[&str] = if service.as_deref() == Some(id) && member.is_empty() {
            &SMITHY_ONLY_SERVICE_TRAITS
        } else {
            &[]
        };
        let all = SMITHY_ONLY_TRAITS
            .iter()
            .chain(service_traits)
            .chain(&FILLED_TRAITS);
        for trait_id in all {
            let Some(value) = get_trait(from, trait_id) else {
                continue;
            };
            match (get_trait(target, trait_id), value) {
                (None, _) if FILLED_TRAITS.contains(trait_id) => {}
                (None, _) => set_trait(target, trait_id, value.clone()),
                (Some(Json::Object(have)), Json::Object(more)) => {
                    let mut filled = Json::Object(have.clone());
                    for (key, extra) in more {
                        if filled.get(key).is_none() {
                            filled.insert(key, extra.clone());
                        }
                    }
                    filled.sort_keys();
                    set_trait(target, trait_id, filled);
                }
                _ => {}
            }
        }
        keep_anchors(from, target);
    });
}

/// Operations without an input or output name `smithy.api#Unit`, as Smithy writes them.
fn explicit_unit_io(merged: &mut Json) {
    ast_json::for_each_traited(merged, |_, member, shape| {
        if !member.is_empty() || ast_json::kind(shape) != "operation" {
            return;
        }
        for key in ["input", "output"] {
            if shape.get(key).is_none() {
                let unit = Json::Object(vec![(
                    "target".to_owned(),
                    Json::String("smithy.api#Unit".to_owned()),
                )]);
                shape.insert(key, unit);
            }
        }
    });
}

/// Keeps our words, and only ours, in the service's endpoint rule set.
fn rule_set_docs(merged: &mut Json, ours: &Json) {
    let ours = ast_json::service_id(ours)
        .and_then(|id| ast_json::shape(ours, id))
        .and_then(|service| get_trait(service, t::ENDPOINT_RULE_SET));
    let service = ast_json::service_id(merged).map(str::to_owned);
    if let Some(service) = service.and_then(|id| ast_json::shape_mut(merged, &id))
        && let Some(mut rule_set) = get_trait(service, t::ENDPOINT_RULE_SET).cloned()
    {
        docs::rule_set_docs(&mut rule_set, ours);
        set_trait(service, t::ENDPOINT_RULE_SET, rule_set);
    }
}

/// Names the service's endpoint test cases in our words.
pub fn describe_endpoint_tests(merged: &mut Json) {
    let service = ast_json::service_id(merged).map(str::to_owned);
    if let Some(service) = service.and_then(|id| ast_json::shape_mut(merged, &id))
        && let Some(mut tests) = get_trait(service, ENDPOINT_TESTS).cloned()
    {
        docs::describe_endpoint_tests(&mut tests);
        set_trait(service, ENDPOINT_TESTS, tests);
    }
}

/// botocore writes `@pattern` without the `^…$` anchors AWS's Smithy models carry; the
/// anchored form is kept when it is otherwise the same pattern.
fn keep_anchors(from: &Json, target: &mut Json) {
    let (Some(anchored), Some(bare)) = (
        get_trait(from, t::PATTERN).and_then(Json::as_str),
        get_trait(target, t::PATTERN).and_then(Json::as_str),
    ) else {
        return;
    };
    if anchored.strip_prefix('^').and_then(|p| p.strip_suffix('$')) == Some(bare) {
        set_trait(target, t::PATTERN, Json::String(anchored.to_owned()));
    }
}

/// The shape `id` of `model`, or its member `member` (also `member`/`key`/`value`).
fn find<'a>(model: &'a Json, id: &str, member: &str) -> Option<&'a Json> {
    let shape = ast_json::shape(model, id)?;
    if member.is_empty() {
        return Some(shape);
    }
    shape
        .get("members")
        .and_then(|members| members.get(member))
        .or_else(|| {
            let list_part = matches!(member, "member" | "key" | "value");
            list_part.then(|| shape.get(member)).flatten()
        })
}

/// Shapes sorted by id, the service's operations by target.
pub fn canonical_order(model: &mut Json) {
    if let Some(shapes) = model.get_mut("shapes") {
        shapes.sort_keys();
    }
    let Some(service) = ast_json::service_id(model).map(str::to_owned) else {
        return;
    };
    if let Some(Json::Array(operations)) =
        ast_json::shape_mut(model, &service).and_then(|s| s.get_mut("operations"))
    {
        operations.sort_by(|a, b| {
            let target = |j: &Json| j.get("target").and_then(Json::as_str).map(str::to_owned);
            target(a).cmp(&target(b))
        });
    }
}
