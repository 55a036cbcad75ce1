//! Documentation in model/: AWS's prose is removed on the way in, ours is carried over, and
//! every operation links to its page in the AWS API Reference.

use std::collections::BTreeMap;

use super::ast_json::{self, for_each_traited, get_trait, remove_trait, set_trait};
use super::json::Json;
use crate::smithy::shape_id;
use crate::smithy::traits as t;

/// Traits that hold AWS's prose: documentation and worked examples.
const PROSE_TRAITS: [&str; 3] = [
    t::DOCUMENTATION,
    "smithy.api#examples",
    "smithy.api#externalDocumentation",
];

/// Where the Cognito API Reference keeps one page per operation.
const API_REFERENCE: &str =
    "https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_";

/// Removes every prose trait from shapes and members.
pub fn strip(model: &mut Json) {
    for_each_traited(model, |_, _, shape| {
        for id in PROSE_TRAITS {
            remove_trait(shape, id);
        }
    });
}

/// The documentation of every shape and member that has one, keyed by (shape id, member).
pub fn collect(model: &Json) -> BTreeMap<(String, String), Json> {
    let mut found = BTreeMap::new();
    let mut copy = model.clone();
    for_each_traited(&mut copy, |id, member, shape| {
        if let Some(doc) = get_trait(shape, t::DOCUMENTATION) {
            found.insert((id.to_owned(), member.to_owned()), doc.clone());
        }
    });
    found
}

/// Puts `docs` back on the shapes and members that still exist.
pub fn apply(model: &mut Json, docs: &BTreeMap<(String, String), Json>) {
    for_each_traited(model, |id, member, shape| {
        if let Some(doc) = docs.get(&(id.to_owned(), member.to_owned())) {
            set_trait(shape, t::DOCUMENTATION, doc.clone());
        }
    });
}

/// The AWS API Reference page of an operation.
pub fn reference_link(operation: &str) -> String {
    format!("[API reference]({API_REFERENCE}{operation}.html)")
}

/// Gives every operation a link to its reference page, after our own sentence when there
/// is one.
pub fn link_operations(model: &mut Json) {
    for_each_traited(model, |id, member, shape| {
        if !member.is_empty() || ast_json::kind(shape) != "operation" {
            return;
        }
        let link = reference_link(shape_id::name(id));
        let doc = match get_trait(shape, t::DOCUMENTATION).and_then(Json::as_str) {
            Some(ours) if ours.contains(&link) => return,
            Some(ours) => format!("{}\n\n{link}", ours.trim_end()),
            None => link,
        };
        set_trait(shape, t::DOCUMENTATION, Json::String(doc));
    });
}

/// Rewrites the `documentation` of each endpoint test case from its parameters, so the
/// test names are ours: e.g. `region us-east-1, FIPS, dual-stack`.
pub fn describe_endpoint_tests(tests: &mut Json) {
    let Some(Json::Array(cases)) = tests.get_mut("testCases") else {
        return;
    };
    for case in cases {
        let params = case
            .get("params")
            .cloned()
            .unwrap_or(Json::Object(Vec::new()));
        let mut parts = Vec::new();
        for (name, value) in params.entries() {
            let part = match value {
                Json::Bool(true) => name.clone(),
                Json::Bool(false) => format!("no {name}"),
                Json::String(text) => format!("{name} {text}"),
                other => format!(
                    "{name} {}",
                    serde_json::to_string(other).unwrap_or_default()
                ),
            };
            parts.push(part);
        }
        let outcome = if case.get("expect").and_then(|e| e.get("error")).is_some() {
            "is refused"
        } else {
            "resolves"
        };
        let subject = if parts.is_empty() {
            "no parameters".to_owned()
        } else {
            parts.join(", ")
        };
        case.insert(
            "documentation",
            Json::String(format!("{subject}: {outcome}")),
        );
    }
}

/// The prose of an endpoint rule set: parameters keep the documentation `ours` gives them
/// (matched by name) and lose AWS's; rules lose theirs.
pub fn rule_set_docs(rule_set: &mut Json, ours: Option<&Json>) {
    if let Some(Json::Object(parameters)) = rule_set.get_mut("parameters") {
        for (name, parameter) in parameters.iter_mut() {
            let doc = ours
                .and_then(|o| o.get("parameters"))
                .and_then(|p| p.get(name))
                .and_then(|p| p.get("documentation"));
            match doc {
                Some(doc) => {
                    parameter.insert("documentation", doc.clone());
                }
                None => {
                    parameter.remove("documentation");
                }
            }
        }
    }
    if let Some(rules) = rule_set.get_mut("rules") {
        remove_rule_docs(rules);
    }
}

fn remove_rule_docs(value: &mut Json) {
    match value {
        Json::Array(items) => items.iter_mut().for_each(remove_rule_docs),
        Json::Object(entries) => {
            entries.retain(|(key, _)| key != "documentation");
            entries.iter_mut().for_each(|(_, v)| remove_rule_docs(v));
        }
        _ => {}
    }
}
