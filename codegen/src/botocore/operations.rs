//! botocore operations → Smithy operation shapes, and the `@input`/`@output` traits of the
//! structures they use.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::model::{Operation as BotoOperation, ServiceModel};
use super::shapes::{ShapeConverter, deprecated};
use crate::diagnostic::Diagnostic;
use crate::smithy::ast::{Operation, Shape, Target, Traits};
use crate::smithy::traits as t;

/// botocore's auth scheme id for "unsigned".
const NO_AUTH: &str = "smithy.api#noAuth";

/// JSON path of an operation in `service-2.json`, e.g. `$.operations["ListUsers"]`.
pub fn operation_path(name: &str) -> String {
    format!("$.operations[{}]", Value::String(name.to_owned()))
}

impl ShapeConverter<'_> {
    /// The Smithy operation for the botocore operation `name`.
    pub fn operation(&mut self, name: &str, op: &BotoOperation) -> Shape {
        let path = operation_path(name);
        let mut io = |key: &str, reference: &Option<super::model::ShapeRef>| {
            reference.as_ref().map(|reference| {
                self.check_target(name, &format!("{path}.{key}"), &reference.shape);
                Target {
                    target: self.names.id(&reference.shape),
                }
            })
        };
        let input = io("input", &op.input);
        let output = io("output", &op.output);
        let errors = op
            .errors
            .iter()
            .enumerate()
            .map(|(index, error)| {
                let at = format!("{path}.errors[{index}]");
                self.check_error(name, &at, &error.shape);
                Target {
                    target: self.names.id(&error.shape),
                }
            })
            .collect();
        let mut traits = Traits::new();
        if let Some(docs) = &op.documentation {
            traits.insert(t::DOCUMENTATION.to_owned(), Value::from(docs.clone()));
        }
        if op.deprecated {
            traits.insert(
                t::DEPRECATED.to_owned(),
                deprecated(op.deprecated_message.as_deref(), None),
            );
        }
        add_auth_traits(&mut traits, op);
        Shape::Operation(Operation {
            input,
            output,
            errors,
            traits,
        })
    }

    fn check_error(&mut self, operation: &str, path: &str, error: &str) {
        match self.shapes.get(error) {
            None => self.check_target(operation, path, error),
            Some(shape) if !shape.exception => self.problems.push(Diagnostic::at_shape(
                operation,
                format!("{path}.shape"),
                format!("`{error}` is listed as an error but is not marked `exception: true`"),
            )),
            Some(_) => {}
        }
    }
}

/// Unsigned operations: `authtype: none` (older models) or `auth: ["smithy.api#noAuth"]`;
/// `noAuth` next to another scheme means signing is optional.
fn add_auth_traits(traits: &mut Traits, op: &BotoOperation) {
    let schemes = op.auth.as_deref().unwrap_or_default();
    let no_auth = schemes.iter().any(|scheme| scheme == NO_AUTH);
    if op.authtype.as_deref() == Some("none") || (no_auth && schemes.len() == 1) {
        traits.insert(t::AUTH.to_owned(), json!([]));
    } else if no_auth {
        traits.insert(t::OPTIONAL_AUTH.to_owned(), json!({}));
    }
}

/// The trait (`@input` or `@output`) each structure gets: those used as exactly one
/// operation's input (or output) and nowhere else, as Smithy requires of `@input`/`@output`.
/// botocore models sometimes share a structure between operations or use an input as a
/// member; those stay plain structures.
pub fn io_traits(model: &ServiceModel) -> BTreeMap<String, &'static str> {
    let mut uses: BTreeMap<&str, Vec<Option<&'static str>>> = BTreeMap::new();
    for op in model.operations.values() {
        if let Some(input) = &op.input {
            uses.entry(&input.shape).or_default().push(Some(t::INPUT));
        }
        if let Some(output) = &op.output {
            uses.entry(&output.shape).or_default().push(Some(t::OUTPUT));
        }
        for error in &op.errors {
            uses.entry(&error.shape).or_default().push(None);
        }
    }
    for shape in model.shapes.values() {
        let references = shape
            .members
            .0
            .iter()
            .map(|(_, reference)| reference)
            .chain(&shape.member)
            .chain(&shape.key)
            .chain(&shape.value);
        for reference in references {
            uses.entry(&reference.shape).or_default().push(None);
        }
    }
    uses.into_iter()
        .filter_map(|(name, uses)| match uses.as_slice() {
            [Some(role)] => Some((name.to_owned(), *role)),
            _ => None,
        })
        .collect()
}
