//! Parsing model text into the AST, with errors that say where.

use std::collections::BTreeMap;

use serde_json::Value;

use super::ast::{Aggregate, Model, Shape, Simple, is_shape_type};
use crate::diagnostic::{Diagnostic, Diagnostics, Location, shape_path};

/// The Smithy prelude namespace.
pub const PRELUDE: &str = "smithy.api";

/// The prelude's unit shape, meaning "no input", "no output" or "no value".
pub const UNIT: &str = "smithy.api#Unit";

/// Parses a Smithy JSON AST model, adds the prelude shapes it may target and checks the
/// value of every trait the generator reads.
///
/// Syntax errors carry the line and column; a shape that does not fit the
/// AST (unknown `type`, missing `target`, …) and every malformed trait are named by
/// shape id and JSON path.
pub fn parse_model(text: &str) -> Result<Model, Diagnostics> {
    let mut model: Model = serde_json::from_str(text).map_err(|error| describe(text, error))?;
    add_prelude(&mut model);
    super::trait_check::check(&model)?;
    Ok(model)
}

/// Adds the prelude shapes a model may target (`smithy.api#String`, `smithy.api#Unit`, …)
/// unless the model defines them itself.
pub fn add_prelude(model: &mut Model) {
    for (id, shape) in prelude_shapes() {
        model.shapes.entry(id).or_insert(shape);
    }
}

/// Turns a serde_json error into diagnostics, naming the failing shape when it can.
fn describe(text: &str, error: serde_json::Error) -> Diagnostics {
    let at_text = Diagnostic {
        location: Location::Text {
            line: error.line(),
            column: error.column(),
        },
        message: error.to_string(),
    };
    if error.is_syntax() || error.is_eof() {
        return Diagnostics::one(at_text);
    }
    // The text is valid JSON but some shape does not fit the AST: find which ones.
    let Ok(Value::Object(root)) = serde_json::from_str::<Value>(text) else {
        return Diagnostics::one(at_text);
    };
    let Some(Value::Object(shapes)) = root.get("shapes") else {
        return Diagnostics::one(at_text);
    };
    let found: Vec<Diagnostic> = shapes
        .iter()
        .filter_map(|(id, raw)| {
            let problem = serde_json::from_value::<Shape>(raw.clone()).err()?;
            let path = match raw.get("type") {
                Some(Value::String(kind)) if !is_shape_type(kind) => {
                    format!("{}.type", shape_path(id))
                }
                _ => shape_path(id),
            };
            Some(Diagnostic::at_shape(id, path, problem.to_string()))
        })
        .collect();
    if found.is_empty() {
        Diagnostics::one(at_text)
    } else {
        Diagnostics(found)
    }
}

/// The prelude's simple shapes, so that targets like `smithy.api#String` resolve.
fn prelude_shapes() -> BTreeMap<String, Shape> {
    let mut shapes = BTreeMap::new();
    let mut add = |name: &str, shape: Shape| {
        shapes.insert(format!("{PRELUDE}#{name}"), shape);
    };
    add("String", Shape::String(Simple::default()));
    add("Blob", Shape::Blob(Simple::default()));
    add("BigInteger", Shape::BigInteger(Simple::default()));
    add("BigDecimal", Shape::BigDecimal(Simple::default()));
    add("Timestamp", Shape::Timestamp(Simple::default()));
    add("Document", Shape::Document(Simple::default()));
    add("Boolean", Shape::Boolean(Simple::default()));
    add("Byte", Shape::Byte(Simple::default()));
    add("Short", Shape::Short(Simple::default()));
    add("Integer", Shape::Integer(Simple::default()));
    add("Long", Shape::Long(Simple::default()));
    add("Float", Shape::Float(Simple::default()));
    add("Double", Shape::Double(Simple::default()));
    let with_default = |value: Value| Simple {
        traits: BTreeMap::from([("smithy.api#default".to_owned(), value)]),
        mixins: Vec::new(),
    };
    add(
        "PrimitiveBoolean",
        Shape::Boolean(with_default(Value::Bool(false))),
    );
    add("PrimitiveByte", Shape::Byte(with_default(Value::from(0))));
    add("PrimitiveShort", Shape::Short(with_default(Value::from(0))));
    add(
        "PrimitiveInteger",
        Shape::Integer(with_default(Value::from(0))),
    );
    add("PrimitiveLong", Shape::Long(with_default(Value::from(0))));
    add("PrimitiveFloat", Shape::Float(with_default(Value::from(0))));
    add(
        "PrimitiveDouble",
        Shape::Double(with_default(Value::from(0))),
    );
    add(
        "Unit",
        Shape::Structure(Aggregate {
            traits: BTreeMap::from([(
                "smithy.api#unitType".to_owned(),
                Value::Object(Default::default()),
            )]),
            ..Aggregate::default()
        }),
    );
    shapes
}
