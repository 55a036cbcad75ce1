//! botocore models (`service-2.json`, optionally `paginators-1.json` and
//! `endpoint-rule-set-1.json`) as a second input
//! format, converted to the Smithy AST so the rest of the pipeline is shared.
//!
//! Shape ids are `{namespace}#{ShapeName}`, named as AWS's own Smithy models name them (see
//! [`service::names`]), so a botocore model and the Smithy model of the same service version
//! lower to the same IR wherever the two formats carry the same facts. What botocore does not
//! carry (defaults, enum member names) is described in `botocore/shapes.rs` and `xtask/DIFF.md`; the
//! endpoint rules come from their own file ([`add_endpoint_rules`]).
//!
//! Errors name the botocore shape or operation and the JSON path in the botocore file, e.g.
//! `UserType$Enabled (at $.shapes["UserType"].members.Enabled.shape)`.

mod endpoint_rules;
pub mod model;
mod operations;
mod paginators;
pub mod service;
mod shapes;

use std::collections::BTreeMap;

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::diagnostic::{Diagnostic, Diagnostics, shape_path};
use crate::smithy::ast::{Model, Shape, Target};
use crate::smithy::load::add_prelude;
use model::ServiceModel;
use operations::{io_traits, operation_path};
use shapes::ShapeConverter;

pub use endpoint_rules::add_endpoint_rules;
pub use paginators::add_paginators;

/// Parses a botocore `service-2.json` and converts it to a Smithy model (with the prelude).
pub fn parse_service(text: &str) -> Result<Model, Diagnostics> {
    let model: ServiceModel = serde_json::from_str(text).map_err(|error| describe(text, error))?;
    convert(&model)
}

/// Converts a parsed botocore model, reporting every problem found.
pub fn convert(model: &ServiceModel) -> Result<Model, Diagnostics> {
    let names = service::names(&model.metadata).map_err(Diagnostics::one)?;
    let mut problems = Vec::new();
    let mut converter = ShapeConverter {
        names: &names,
        shapes: &model.shapes,
        problems: &mut problems,
    };
    let mut shapes = BTreeMap::new();
    for (name, shape) in &model.shapes {
        if let Some(converted) = converter.convert(name, shape) {
            shapes.insert(names.id(name), converted);
        }
    }
    let mut operations = Vec::new();
    for (name, op) in &model.operations {
        shapes.insert(names.id(name), converter.operation(name, op));
        operations.push(Target {
            target: names.id(name),
        });
    }
    for (name, role) in io_traits(model) {
        if let Some(Shape::Structure(structure)) = shapes.get_mut(&names.id(&name)) {
            structure
                .traits
                .insert(role.to_owned(), Value::Object(Default::default()));
        }
    }
    let service = service::service_shape(model, &names, operations, &mut problems);
    shapes.insert(names.service_id.clone(), service);
    if !problems.is_empty() {
        problems.sort();
        problems.dedup();
        return Err(Diagnostics(problems));
    }
    let mut converted = Model {
        smithy: "2.0".to_owned(),
        shapes,
    };
    add_prelude(&mut converted);
    Ok(converted)
}

/// Turns a serde_json error into diagnostics, naming the shapes or operations that do not
/// fit when the text is valid JSON.
fn describe(text: &str, error: serde_json::Error) -> Diagnostics {
    let at_text = Diagnostic::at_text(&error, "");
    if error.is_syntax() || error.is_eof() {
        return Diagnostics::one(at_text);
    }
    let Ok(Value::Object(root)) = serde_json::from_str::<Value>(text) else {
        return Diagnostics::one(at_text);
    };
    let mut found = Vec::new();
    if let Some(metadata) = root.get("metadata")
        && let Err(problem) = serde_json::from_value::<model::Metadata>(metadata.clone())
    {
        found.push(Diagnostic::at_shape(
            "metadata",
            "$.metadata",
            problem.to_string(),
        ));
    }
    found.extend(misfits::<model::Shape>(&root, "shapes", shape_path));
    found.extend(misfits::<model::Operation>(
        &root,
        "operations",
        operation_path,
    ));
    if found.is_empty() {
        Diagnostics::one(at_text)
    } else {
        Diagnostics(found)
    }
}

/// The entries of `root[section]` that do not deserialize as `T`, each named with its path.
fn misfits<T: DeserializeOwned>(
    root: &Map<String, Value>,
    section: &str,
    path: fn(&str) -> String,
) -> Vec<Diagnostic> {
    let Some(Value::Object(entries)) = root.get(section) else {
        return Vec::new();
    };
    entries
        .iter()
        .filter_map(|(name, raw)| {
            let problem = serde_json::from_value::<T>(raw.clone()).err()?;
            Some(Diagnostic::at_shape(name, path(name), problem.to_string()))
        })
        .collect()
}
