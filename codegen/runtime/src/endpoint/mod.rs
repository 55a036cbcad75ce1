//! Smithy endpoint rules engine: an interpreter for the
//! `smithy.rules#endpointRuleSet` trait, with the AWS library functions
//! (`aws.partition`, `aws.parseArn`, `aws.isVirtualHostableS3Bucket`) and
//! AWS partition data.
//!
//! Parse the rule set once, then resolve an endpoint per request:
//!
//! ```ignore
//! let rules = RuleSet::from_json(RULE_SET_JSON)?;
//! let params = Params::new()
//!     .with_builtin(builtins::REGION, "us-east-1")
//!     .with_builtin(builtins::USE_FIPS, false);
//! let endpoint = rules.resolve(&params)?;
//! assert_eq!(endpoint.url(), "https://cognito-idp.us-east-1.amazonaws.com");
//! ```

mod arn;
mod ast;
mod error;
mod eval;
mod functions;
mod json;
mod param_decl;
mod params;
mod partitions;
mod template;
#[cfg(feature = "test-util")]
pub mod testing;
mod url;

use std::collections::BTreeMap;

use serde_json::Value;

pub use error::{EndpointError, EndpointErrorKind};
pub use param_decl::{ParamType, Parameter};
pub use params::{ParamValue, Params, builtins};
pub use partitions::{PARTITIONS, Partition, partition_for_region};

/// A parsed endpoint rule set, ready to resolve endpoints.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleSet {
    parameters: Vec<Parameter>,
    rules: Vec<ast::Rule>,
}

impl RuleSet {
    /// Parses the JSON text of a `smithy.rules#endpointRuleSet` trait value.
    pub fn from_json(text: &str) -> Result<RuleSet, EndpointError> {
        let doc: Value = serde_json::from_str(text)
            .map_err(|e| EndpointError::invalid(format!("rule set is not valid JSON: {e}")))?;
        RuleSet::from_value(&doc)
    }

    /// Parses an already-decoded `smithy.rules#endpointRuleSet` trait value.
    pub fn from_value(doc: &Value) -> Result<RuleSet, EndpointError> {
        let parsed = ast::parse_rule_set(doc)?;
        Ok(RuleSet {
            parameters: parsed.parameters,
            rules: parsed.rules,
        })
    }

    /// The parameters the rule set declares.
    pub fn parameters(&self) -> &[Parameter] {
        &self.parameters
    }

    /// Resolves an endpoint: binds each declared parameter (by name, then by
    /// built-in, then default), checks types and `required`, and evaluates
    /// the rules. An `error` rule yields an [`EndpointErrorKind::RuleError`]
    /// whose message is the rule's expanded text.
    pub fn resolve(&self, params: &Params) -> Result<Endpoint, EndpointError> {
        let mut values = Vec::with_capacity(self.parameters.len());
        for p in &self.parameters {
            let value = params
                .lookup(p.name(), p.builtin())
                .or_else(|| p.default_value());
            match value {
                Some(v) if !p.param_type().accepts(v) => {
                    return Err(EndpointError::new(
                        EndpointErrorKind::InvalidParameter,
                        format!(
                            "Parameter `{}` must be of type {:?}",
                            p.name(),
                            p.param_type()
                        ),
                    ));
                }
                None if p.is_required() => {
                    return Err(EndpointError::new(
                        EndpointErrorKind::MissingParameter,
                        format!("Missing required parameter: {}", p.name()),
                    ));
                }
                _ => {}
            }
            values.push((p.name().to_owned(), value.map(ParamValue::to_json)));
        }
        eval::evaluate(&self.rules, &mut eval::Scope::new(values))
    }
}

/// A resolved endpoint: URL, transport headers and endpoint properties.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Endpoint {
    url: String,
    headers: BTreeMap<String, Vec<String>>,
    properties: BTreeMap<String, Value>,
}

impl Endpoint {
    /// The endpoint URL, e.g. `https://cognito-idp.us-east-1.amazonaws.com`.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Headers to add to the request, by name.
    pub fn headers(&self) -> &BTreeMap<String, Vec<String>> {
        &self.headers
    }

    /// Endpoint properties such as `authSchemes`.
    pub fn properties(&self) -> &BTreeMap<String, Value> {
        &self.properties
    }

    /// One endpoint property by name.
    pub fn property(&self, name: &str) -> Option<&Value> {
        self.properties.get(name)
    }

    /// The `authSchemes` property as a list (empty when absent).
    pub fn auth_schemes(&self) -> &[Value] {
        self.properties
            .get("authSchemes")
            .and_then(Value::as_array)
            .map_or(&[], Vec::as_slice)
    }

    /// Splits the endpoint into `(url, headers, properties)`.
    pub fn into_parts(
        self,
    ) -> (
        String,
        BTreeMap<String, Vec<String>>,
        BTreeMap<String, Value>,
    ) {
        (self.url, self.headers, self.properties)
    }
}

#[cfg(test)]
mod tests;
