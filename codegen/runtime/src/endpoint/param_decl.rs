//! Parameter declarations of a rule set (`parameters` in the document).

use serde_json::Value;

use super::error::EndpointError;
use super::json::object;
use super::params::ParamValue;

/// The declared type of an endpoint parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamType {
    /// `string`
    String,
    /// `boolean`
    Boolean,
    /// `stringArray`
    StringArray,
}

impl ParamType {
    /// Whether `value` has this type.
    pub fn accepts(self, value: &ParamValue) -> bool {
        matches!(
            (self, value),
            (ParamType::String, ParamValue::String(_))
                | (ParamType::Boolean, ParamValue::Bool(_))
                | (ParamType::StringArray, ParamValue::StringArray(_))
        )
    }
}

/// A parameter declared by the rule set.
#[derive(Debug, Clone, PartialEq)]
pub struct Parameter {
    name: String,
    ty: ParamType,
    builtin: Option<String>,
    required: bool,
    default: Option<ParamValue>,
    documentation: Option<String>,
}

impl Parameter {
    /// The parameter name, e.g. `Region`.
    pub fn name(&self) -> &str {
        &self.name
    }
    /// The declared type.
    pub fn param_type(&self) -> ParamType {
        self.ty
    }
    /// The built-in this parameter is bound to, e.g. `AWS::Region`.
    pub fn builtin(&self) -> Option<&str> {
        self.builtin.as_deref()
    }
    /// Whether resolution fails when the parameter has no value.
    pub fn is_required(&self) -> bool {
        self.required
    }
    /// The value used when none is supplied.
    pub fn default_value(&self) -> Option<&ParamValue> {
        self.default.as_ref()
    }
    /// The parameter's documentation text.
    pub fn documentation(&self) -> Option<&str> {
        self.documentation.as_deref()
    }
}

pub(super) fn parse_parameter(name: &str, value: &Value) -> Result<Parameter, EndpointError> {
    let what = format!("parameter `{name}`");
    let map = object(value, &what)?;
    let ty = match map
        .get("type")
        .and_then(Value::as_str)
        .map(str::to_ascii_lowercase)
    {
        Some(t) if t == "string" => ParamType::String,
        Some(t) if t == "boolean" => ParamType::Boolean,
        Some(t) if t == "stringarray" => ParamType::StringArray,
        _ => {
            return Err(EndpointError::invalid(format!(
                "{what}: unsupported or missing `type`"
            )));
        }
    };
    let default = match map.get("default") {
        None | Some(Value::Null) => None,
        Some(v) => match ParamValue::from_json(v) {
            Some(d) if ty.accepts(&d) => Some(d),
            _ => {
                return Err(EndpointError::invalid(format!(
                    "{what}: default does not match type"
                )));
            }
        },
    };
    let text = |key: &str| map.get(key).and_then(Value::as_str).map(str::to_owned);
    Ok(Parameter {
        name: name.to_owned(),
        ty,
        builtin: text("builtIn"),
        required: map
            .get("required")
            .and_then(Value::as_bool)
            .unwrap_or(false),
        default,
        documentation: text("documentation"),
    })
}
