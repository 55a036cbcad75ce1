//! Reading the rule-set JSON: typed views of its values, each failure an
//! [`EndpointErrorKind::InvalidRuleSet`](super::EndpointErrorKind::InvalidRuleSet) error.

use serde_json::{Map, Value};

use super::error::EndpointError;

/// The value as a JSON object; `what` names it in the error.
pub(super) fn object<'a>(
    value: &'a Value,
    what: &str,
) -> Result<&'a Map<String, Value>, EndpointError> {
    value
        .as_object()
        .ok_or_else(|| EndpointError::invalid(format!("{what} must be a JSON object")))
}

/// The array under `key` of `map`, which must be there; `what` names the map in errors.
pub(super) fn array<'a>(
    map: &'a Map<String, Value>,
    key: &str,
    what: &str,
) -> Result<&'a [Value], EndpointError> {
    match map.get(key) {
        Some(Value::Array(items)) => Ok(items),
        Some(_) => Err(EndpointError::invalid(format!(
            "{what}: `{key}` must be an array"
        ))),
        None => Err(EndpointError::invalid(format!("{what}: missing `{key}`"))),
    }
}
