//! botocore `endpoint-rule-set-1.json` → the `smithy.rules#endpointRuleSet` trait of the
//! converted service, so a client generated from botocore input resolves endpoints the way
//! one generated from the Smithy model does. The file holds exactly the trait's value.

use serde_json::Value;

use crate::diagnostic::{Diagnostic, Diagnostics, shape_path};
use crate::smithy::ast::{Model, Shape};
use crate::smithy::traits as t;

/// Sets the rule set in `text` on the service of `model`. The text must be a JSON object
/// with a `version` string and a `rules` array (the rules themselves are checked when the
/// generated client loads them, and by the endpoint tests).
pub fn add_endpoint_rules(model: &mut Model, text: &str) -> Result<(), Diagnostics> {
    let rules: Value = serde_json::from_str(text).map_err(|error| {
        Diagnostics::one(Diagnostic::at_text(
            &error,
            "invalid endpoint rule set file",
        ))
    })?;
    let shape_of_a_rule_set = rules.get("version").is_some_and(Value::is_string)
        && rules.get("rules").is_some_and(Value::is_array);
    if !shape_of_a_rule_set {
        return Err(Diagnostics::one(Diagnostic::at_shape(
            "endpoint rule set",
            "$",
            "an endpoint rule set is an object with a `version` string and a `rules` array",
        )));
    }
    let service = model.shapes.iter_mut().find_map(|(id, shape)| match shape {
        Shape::Service(service) => Some((id.clone(), service)),
        _ => None,
    });
    let Some((id, service)) = service else {
        return Err(Diagnostics::one(Diagnostic::model(
            "the model has no service to attach the endpoint rules to",
        )));
    };
    if service.traits.contains_key(t::ENDPOINT_RULE_SET) {
        return Err(Diagnostics::one(Diagnostic::at_shape(
            &id,
            format!("{}.traits[\"{}\"]", shape_path(&id), t::ENDPOINT_RULE_SET),
            "the model already has endpoint rules; give them once",
        )));
    }
    service
        .traits
        .insert(t::ENDPOINT_RULE_SET.to_owned(), rules);
    Ok(())
}
