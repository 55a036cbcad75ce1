//! Endpoint parameter values supplied by the client.

use std::collections::BTreeMap;

/// Well-known built-in names a client can bind with [`Params::with_builtin`].
pub mod builtins {
    /// `AWS::Region`: the configured region.
    pub const REGION: &str = "AWS::Region";
    /// `AWS::UseFIPS`: whether to use a FIPS endpoint.
    pub const USE_FIPS: &str = "AWS::UseFIPS";
    /// `AWS::UseDualStack`: whether to use a dual-stack endpoint.
    pub const USE_DUAL_STACK: &str = "AWS::UseDualStack";
    /// `SDK::Endpoint`: a custom endpoint URL overriding resolution.
    pub const ENDPOINT: &str = "SDK::Endpoint";
    /// `AWS::Auth::AccountId`: the account id of the resolved credentials.
    pub const ACCOUNT_ID: &str = "AWS::Auth::AccountId";
    /// `AWS::Auth::AccountIdEndpointMode`: `preferred`, `required` or `disabled`.
    pub const ACCOUNT_ID_ENDPOINT_MODE: &str = "AWS::Auth::AccountIdEndpointMode";
}

/// A single endpoint parameter value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParamValue {
    /// A `string` parameter value.
    String(String),
    /// A `boolean` parameter value.
    Bool(bool),
    /// A `stringArray` parameter value.
    StringArray(Vec<String>),
}

impl ParamValue {
    /// Converts a JSON value (string, boolean or array of strings) into a
    /// parameter value; `None` for any other shape.
    pub fn from_json(value: &serde_json::Value) -> Option<ParamValue> {
        match value {
            serde_json::Value::String(s) => Some(ParamValue::String(s.clone())),
            serde_json::Value::Bool(b) => Some(ParamValue::Bool(*b)),
            serde_json::Value::Array(items) => items
                .iter()
                .map(|item| item.as_str().map(str::to_owned))
                .collect::<Option<Vec<_>>>()
                .map(ParamValue::StringArray),
            _ => None,
        }
    }

    /// The value as a JSON value, as seen by the rules engine.
    pub fn to_json(&self) -> serde_json::Value {
        match self {
            ParamValue::String(s) => serde_json::Value::String(s.clone()),
            ParamValue::Bool(b) => serde_json::Value::Bool(*b),
            ParamValue::StringArray(items) => serde_json::Value::Array(
                items
                    .iter()
                    .map(|s| serde_json::Value::String(s.clone()))
                    .collect(),
            ),
        }
    }
}

impl From<&str> for ParamValue {
    fn from(value: &str) -> Self {
        ParamValue::String(value.to_owned())
    }
}

impl From<String> for ParamValue {
    fn from(value: String) -> Self {
        ParamValue::String(value)
    }
}

impl From<bool> for ParamValue {
    fn from(value: bool) -> Self {
        ParamValue::Bool(value)
    }
}

impl From<Vec<String>> for ParamValue {
    fn from(value: Vec<String>) -> Self {
        ParamValue::StringArray(value)
    }
}

/// Named endpoint parameter values, set either by parameter name or by
/// built-in name (`AWS::Region`, `SDK::Endpoint`, ...).
///
/// A value set by parameter name takes precedence over one set through the
/// parameter's built-in; names the rule set does not declare are ignored.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Params {
    by_name: BTreeMap<String, ParamValue>,
    by_builtin: BTreeMap<String, ParamValue>,
}

impl Params {
    /// Creates an empty parameter set.
    pub fn new() -> Self {
        Params::default()
    }

    /// Sets a parameter by name, replacing any previous value.
    pub fn set(&mut self, name: impl Into<String>, value: impl Into<ParamValue>) -> &mut Self {
        self.by_name.insert(name.into(), value.into());
        self
    }

    /// Sets the value for every parameter bound to the given built-in.
    pub fn set_builtin(
        &mut self,
        builtin: impl Into<String>,
        value: impl Into<ParamValue>,
    ) -> &mut Self {
        self.by_builtin.insert(builtin.into(), value.into());
        self
    }

    /// Removes a parameter set by name, returning its previous value.
    pub fn remove(&mut self, name: &str) -> Option<ParamValue> {
        self.by_name.remove(name)
    }

    /// Builder form of [`Params::set`].
    pub fn with_value(mut self, name: impl Into<String>, value: impl Into<ParamValue>) -> Self {
        self.set(name, value);
        self
    }

    /// Sets a `string` parameter by name.
    pub fn with_str(self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.with_value(name, ParamValue::String(value.into()))
    }

    /// Sets a `boolean` parameter by name.
    pub fn with_bool(self, name: impl Into<String>, value: bool) -> Self {
        self.with_value(name, ParamValue::Bool(value))
    }

    /// Sets a `stringArray` parameter by name.
    pub fn with_str_array<I, S>(self, name: impl Into<String>, values: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let values = values.into_iter().map(Into::into).collect::<Vec<_>>();
        self.with_value(name, ParamValue::StringArray(values))
    }

    /// Builder form of [`Params::set_builtin`], e.g.
    /// `Params::new().with_builtin(builtins::REGION, "us-east-1")`.
    pub fn with_builtin(
        mut self,
        builtin: impl Into<String>,
        value: impl Into<ParamValue>,
    ) -> Self {
        self.set_builtin(builtin, value);
        self
    }

    /// The value set under a parameter name, if any.
    pub fn get(&self, name: &str) -> Option<&ParamValue> {
        self.by_name.get(name)
    }

    /// The value set for a built-in, if any.
    pub fn get_builtin(&self, builtin: &str) -> Option<&ParamValue> {
        self.by_builtin.get(builtin)
    }

    /// The value for a declared parameter: by name first, then by built-in.
    pub(super) fn lookup(&self, name: &str, builtin: Option<&str>) -> Option<&ParamValue> {
        self.by_name
            .get(name)
            .or_else(|| builtin.and_then(|b| self.by_builtin.get(b)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_takes_precedence_over_builtin() {
        let p = Params::new()
            .with_builtin(builtins::REGION, "eu-west-1")
            .with_str("Region", "us-east-1");
        assert_eq!(
            p.lookup("Region", Some(builtins::REGION)),
            Some(&ParamValue::String("us-east-1".into()))
        );
        let p = Params::new().with_builtin(builtins::USE_FIPS, true);
        assert_eq!(
            p.lookup("UseFIPS", Some(builtins::USE_FIPS)),
            Some(&ParamValue::Bool(true))
        );
        assert_eq!(p.lookup("UseFIPS", None), None);
    }

    #[test]
    fn json_round_trip() {
        let v = serde_json::json!(["a", "b"]);
        let p = ParamValue::from_json(&v);
        assert_eq!(
            p,
            Some(ParamValue::StringArray(vec!["a".into(), "b".into()]))
        );
        assert_eq!(p.map(|p| p.to_json()), Some(v));
        assert_eq!(ParamValue::from_json(&serde_json::json!([1])), None);
        assert_eq!(ParamValue::from_json(&serde_json::json!(3)), None);
    }
}
