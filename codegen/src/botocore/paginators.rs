//! botocore `paginators-1.json` → `@paginated` traits on the converted operations.
//!
//! `input_token` → `inputToken`, `output_token` → `outputToken`, `limit_key` → `pageSize`,
//! `result_key` → `items`. botocore can also page with several tokens at once or with
//! JMESPath expressions (`NextToken || Marker`); Smithy's `@paginated` has one token and a
//! member path, so such paginators are left out (the operation is then generated without
//! page helpers), and so is a `result_key` naming several collections.

use serde_json::{Value, json};

use super::model::{Paginator, Paginators};
use super::operations::operation_path;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::smithy::ast::{Model, Shape};
use crate::smithy::shape_id;
use crate::smithy::traits as t;

/// Adds the paginators in `text` to the operations of `model` (a converted botocore model).
/// A paginator for an operation the model does not have is an error naming it.
pub fn add_paginators(model: &mut Model, text: &str) -> Result<(), Diagnostics> {
    let paginators: Paginators = serde_json::from_str(text).map_err(|error| {
        Diagnostics::one(Diagnostic::at_text(&error, "invalid paginators file"))
    })?;
    let mut problems = Vec::new();
    for (name, paginator) in &paginators.pagination {
        let id = model
            .shapes
            .iter()
            .find(|(id, shape)| matches!(shape, Shape::Operation(_)) && shape_id::name(id) == name)
            .map(|(id, _)| id.clone());
        let Some(Shape::Operation(operation)) = id.and_then(|id| model.shapes.get_mut(&id)) else {
            problems.push(Diagnostic::at_shape(
                name,
                format!("$.pagination[{}]", Value::String(name.clone())),
                format!(
                    "the model has no operation `{name}` (see {})",
                    operation_path(name)
                ),
            ));
            continue;
        };
        if let Some(paginated) = paginated_trait(paginator) {
            operation.traits.insert(t::PAGINATED.to_owned(), paginated);
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Diagnostics(problems))
    }
}

/// The `@paginated` value, when Smithy can express the paginator.
fn paginated_trait(paginator: &Paginator) -> Option<Value> {
    let mut value = json!({
        "inputToken": single_path(&paginator.input_token)?,
        "outputToken": single_path(&paginator.output_token)?,
    });
    if let Some(limit) = &paginator.limit_key {
        value["pageSize"] = Value::from(limit.clone());
    }
    if let Some(items) = paginator.result_key.as_ref().and_then(single_path) {
        value["items"] = Value::from(items);
    }
    Some(value)
}

/// A token given as one member path (possibly in a one-element list).
fn single_path(value: &Value) -> Option<String> {
    let path = match value {
        Value::String(path) => path,
        Value::Array(paths) => match paths.as_slice() {
            [Value::String(path)] => path,
            _ => return None,
        },
        _ => return None,
    };
    let plain = path.split('.').all(|segment| {
        !segment.is_empty() && segment.chars().all(|c| c.is_alphanumeric() || c == '_')
    });
    plain.then(|| path.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_smithy_cannot_express_are_left_out() {
        assert_eq!(
            single_path(&json!("NextToken")).as_deref(),
            Some("NextToken")
        );
        assert_eq!(
            single_path(&json!(["Result.Next"])).as_deref(),
            Some("Result.Next")
        );
        assert_eq!(single_path(&json!(["Marker", "KeyMarker"])), None);
        assert_eq!(single_path(&json!("NextToken || Marker")), None);
    }
}
