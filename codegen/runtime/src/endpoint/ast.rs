//! The parsed form of an `endpointRuleSet` document and its parser.

use serde_json::{Map, Value};

use super::error::EndpointError;
use super::json::{array, object};
use super::param_decl::{Parameter, parse_parameter};
use super::template::Template;

/// The functions this interpreter supports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Function {
    IsSet,
    Not,
    BooleanEquals,
    StringEquals,
    GetAttr,
    Substring,
    IsValidHostLabel,
    ParseUrl,
    UriEncode,
    Coalesce,
    AwsPartition,
    AwsParseArn,
    AwsIsVirtualHostableS3Bucket,
}

impl Function {
    /// Looks a function up by name, with its minimum and maximum arity.
    fn lookup(name: &str) -> Option<(Function, usize, usize)> {
        Some(match name {
            "isSet" => (Function::IsSet, 1, 1),
            "not" => (Function::Not, 1, 1),
            "booleanEquals" => (Function::BooleanEquals, 2, 2),
            "stringEquals" => (Function::StringEquals, 2, 2),
            "getAttr" => (Function::GetAttr, 2, 2),
            "substring" => (Function::Substring, 4, 4),
            "isValidHostLabel" => (Function::IsValidHostLabel, 2, 2),
            "parseURL" => (Function::ParseUrl, 1, 1),
            "uriEncode" => (Function::UriEncode, 1, 1),
            "coalesce" => (Function::Coalesce, 2, usize::MAX),
            "aws.partition" => (Function::AwsPartition, 1, 1),
            "aws.parseArn" => (Function::AwsParseArn, 1, 1),
            "aws.isVirtualHostableS3Bucket" => (Function::AwsIsVirtualHostableS3Bucket, 2, 2),
            _ => return None,
        })
    }
}

/// A function call with its arguments.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Call {
    pub(super) func: Function,
    pub(super) args: Vec<Expr>,
}

/// An expression: a literal, a reference or a function call.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Expr {
    Str(Template),
    Bool(bool),
    Int(i64),
    Array(Vec<Expr>),
    Ref(String),
    Call(Box<Call>),
}

/// A rule condition: a call whose truthy result may be assigned to a name.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Condition {
    pub(super) call: Call,
    pub(super) assign: Option<String>,
}

/// A rule: conditions plus what happens when they all hold.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Rule {
    pub(super) conditions: Vec<Condition>,
    pub(super) kind: RuleKind,
}

/// The result of a rule.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum RuleKind {
    Endpoint(EndpointDef),
    Error(Expr),
    Tree(Vec<Rule>),
}

/// The endpoint object of an endpoint rule.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct EndpointDef {
    pub(super) url: Expr,
    pub(super) headers: Vec<(String, Vec<Expr>)>,
    pub(super) properties: Vec<(String, Prop)>,
}

/// An endpoint property value: JSON whose strings are templates.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Prop {
    Str(Template),
    Plain(Value),
    Array(Vec<Prop>),
    Object(Vec<(String, Prop)>),
}

/// A parsed rule set: its parameters and top-level rules.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Parsed {
    pub(super) parameters: Vec<Parameter>,
    pub(super) rules: Vec<Rule>,
}

/// Parses the `smithy.rules#endpointRuleSet` trait value.
pub(super) fn parse_rule_set(doc: &Value) -> Result<Parsed, EndpointError> {
    let doc = object(doc, "rule set")?;
    let parameters = match doc.get("parameters") {
        Some(Value::Object(params)) => params
            .iter()
            .map(|(name, p)| parse_parameter(name, p))
            .collect::<Result<Vec<_>, _>>()?,
        Some(_) => return Err(EndpointError::invalid("`parameters` must be an object")),
        None => Vec::new(),
    };
    let rules = parse_rules(array(doc, "rules", "rule set")?)?;
    Ok(Parsed { parameters, rules })
}

fn parse_rules(items: &[Value]) -> Result<Vec<Rule>, EndpointError> {
    items.iter().map(parse_rule).collect()
}

fn parse_rule(value: &Value) -> Result<Rule, EndpointError> {
    let map = object(value, "rule")?;
    let conditions = match map.get("conditions") {
        Some(Value::Array(items)) => items
            .iter()
            .map(parse_condition)
            .collect::<Result<_, _>>()?,
        None => Vec::new(),
        Some(_) => {
            return Err(EndpointError::invalid(
                "rule: `conditions` must be an array",
            ));
        }
    };
    let kind = match map.get("type").and_then(Value::as_str) {
        Some("endpoint") => {
            let endpoint = map
                .get("endpoint")
                .ok_or_else(|| EndpointError::invalid("endpoint rule: missing `endpoint`"))?;
            RuleKind::Endpoint(parse_endpoint(endpoint)?)
        }
        Some("error") => {
            let error = map
                .get("error")
                .ok_or_else(|| EndpointError::invalid("error rule: missing `error`"))?;
            RuleKind::Error(parse_expr(error)?)
        }
        Some("tree") => RuleKind::Tree(parse_rules(array(map, "rules", "tree rule")?)?),
        other => {
            return Err(EndpointError::invalid(format!(
                "rule: unknown rule type {}",
                other.unwrap_or("(missing)")
            )));
        }
    };
    Ok(Rule { conditions, kind })
}

fn parse_condition(value: &Value) -> Result<Condition, EndpointError> {
    let map = object(value, "condition")?;
    let assign = match map.get("assign") {
        None => None,
        Some(Value::String(name)) if !name.is_empty() => Some(name.clone()),
        Some(_) => return Err(EndpointError::invalid("condition: `assign` must be a name")),
    };
    Ok(Condition {
        call: parse_call(map)?,
        assign,
    })
}

fn parse_call(map: &Map<String, Value>) -> Result<Call, EndpointError> {
    let name = map
        .get("fn")
        .and_then(Value::as_str)
        .ok_or_else(|| EndpointError::invalid("function: `fn` must be a string"))?;
    let (func, min, max) = Function::lookup(name)
        .ok_or_else(|| EndpointError::invalid(format!("unsupported function `{name}`")))?;
    let args = array(map, "argv", name)?
        .iter()
        .map(parse_expr)
        .collect::<Result<Vec<_>, _>>()?;
    if args.len() < min || args.len() > max {
        return Err(EndpointError::invalid(format!(
            "function `{name}` called with {} arguments",
            args.len()
        )));
    }
    Ok(Call { func, args })
}

fn parse_expr(value: &Value) -> Result<Expr, EndpointError> {
    match value {
        Value::String(s) => Ok(Expr::Str(Template::parse(s)?)),
        Value::Bool(b) => Ok(Expr::Bool(*b)),
        Value::Number(n) => n
            .as_i64()
            .map(Expr::Int)
            .ok_or_else(|| EndpointError::invalid(format!("unsupported number literal {n}"))),
        Value::Array(items) => items
            .iter()
            .map(parse_expr)
            .collect::<Result<_, _>>()
            .map(Expr::Array),
        Value::Object(map) => {
            if let Some(name) = map.get("ref") {
                let name = name
                    .as_str()
                    .ok_or_else(|| EndpointError::invalid("reference: `ref` must be a string"))?;
                Ok(Expr::Ref(name.to_owned()))
            } else if map.contains_key("fn") {
                Ok(Expr::Call(Box::new(parse_call(map)?)))
            } else {
                Err(EndpointError::invalid(
                    "expression object must have `ref` or `fn`",
                ))
            }
        }
        Value::Null => Err(EndpointError::invalid("null is not a valid expression")),
    }
}

fn parse_endpoint(value: &Value) -> Result<EndpointDef, EndpointError> {
    let map = object(value, "endpoint")?;
    let url = parse_expr(
        map.get("url")
            .ok_or_else(|| EndpointError::invalid("endpoint: missing `url`"))?,
    )?;
    let mut headers = Vec::new();
    if let Some(h) = map.get("headers") {
        for (name, values) in object(h, "endpoint headers")? {
            let values = values.as_array().ok_or_else(|| {
                EndpointError::invalid(format!("header `{name}` must be an array"))
            })?;
            let exprs = values
                .iter()
                .map(parse_expr)
                .collect::<Result<Vec<_>, _>>()?;
            headers.push((name.clone(), exprs));
        }
    }
    let mut properties = Vec::new();
    if let Some(p) = map.get("properties") {
        for (name, value) in object(p, "endpoint properties")? {
            properties.push((name.clone(), parse_prop(value)?));
        }
    }
    Ok(EndpointDef {
        url,
        headers,
        properties,
    })
}

fn parse_prop(value: &Value) -> Result<Prop, EndpointError> {
    Ok(match value {
        Value::String(s) => Prop::Str(Template::parse(s)?),
        Value::Array(items) => Prop::Array(items.iter().map(parse_prop).collect::<Result<_, _>>()?),
        Value::Object(map) => Prop::Object(
            map.iter()
                .map(|(k, v)| parse_prop(v).map(|p| (k.clone(), p)))
                .collect::<Result<_, _>>()?,
        ),
        other => Prop::Plain(other.clone()),
    })
}

#[cfg(test)]
mod tests {
    use super::super::params::ParamValue;
    use super::*;
    use serde_json::json;

    #[test]
    fn parses_parameters_and_rules() {
        let doc = json!({
            "version": "1.0",
            "parameters": {
                "Region": {"type": "String", "builtIn": "AWS::Region", "required": false},
                "UseFIPS": {"type": "Boolean", "required": true, "default": false},
                "Ids": {"type": "stringArray", "required": true, "default": ["a"]}
            },
            "rules": [{
                "conditions": [{"fn": "aws.partition", "argv": [{"ref": "Region"}], "assign": "P"}],
                "type": "endpoint",
                "endpoint": {"url": "https://{Region}.{P#dnsSuffix}", "headers": {"x": ["a"]},
                             "properties": {"authSchemes": [{"name": "sigv4", "n": 1}]}}
            }]
        });
        let parsed = parse_rule_set(&doc);
        assert!(parsed.is_ok(), "{parsed:?}");
        let parsed = parsed.unwrap_or(Parsed {
            parameters: vec![],
            rules: vec![],
        });
        assert_eq!(parsed.parameters.len(), 3);
        assert_eq!(parsed.rules.len(), 1);
        let fips = parsed.parameters.iter().find(|p| p.name() == "UseFIPS");
        assert_eq!(
            fips.and_then(|p| p.default_value()),
            Some(&ParamValue::Bool(false))
        );
    }

    #[test]
    fn malformed_rule_sets_are_errors() {
        let bad = [
            json!([]),
            json!({"parameters": {}}),
            json!({"parameters": {"A": {"type": "Integer"}}, "rules": []}),
            json!({"parameters": {"A": {"type": "String", "default": true}}, "rules": []}),
            json!({"rules": [{"type": "nope", "conditions": []}]}),
            json!({"rules": [{"type": "error", "conditions": [{"fn": "frobnicate", "argv": []}], "error": "x"}]}),
            json!({"rules": [{"type": "error", "conditions": [{"fn": "not", "argv": []}], "error": "x"}]}),
            json!({"rules": [{"type": "error", "conditions": [], "error": "{unclosed"}]}),
            json!({"rules": [{"type": "endpoint", "conditions": [], "endpoint": {}}]}),
            json!({"rules": [{"type": "tree", "conditions": []}]}),
            json!({"rules": [{"type": "error", "conditions": [], "error": {"x": 1}}]}),
        ];
        for doc in bad {
            assert!(parse_rule_set(&doc).is_err(), "{doc}");
        }
    }
}
