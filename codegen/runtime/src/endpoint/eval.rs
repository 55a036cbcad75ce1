//! Evaluation of rules, conditions and expressions against parameter values.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::Endpoint;
use super::arn::parse_arn;
use super::ast::{Call, EndpointDef, Expr, Function, Prop, Rule, RuleKind};
use super::error::{EndpointError, EndpointErrorKind};
use super::functions;
use super::partitions::partition_for_region;
use super::template::Template;
use super::url::parse_url;

/// Parameter values plus variables assigned by conditions in scope.
pub(super) struct Scope {
    params: Vec<(String, Option<Value>)>,
    vars: Vec<(String, Value)>,
}

impl Scope {
    /// A scope holding every declared parameter (unset ones as `None`).
    pub(super) fn new(params: Vec<(String, Option<Value>)>) -> Self {
        Scope {
            params,
            vars: Vec::new(),
        }
    }

    /// The value of a variable or parameter; an error for an unknown name.
    fn lookup(&self, name: &str) -> Result<Option<Value>, EndpointError> {
        if let Some((_, v)) = self.vars.iter().rev().find(|(n, _)| n == name) {
            return Ok(Some(v.clone()));
        }
        self.params
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
            .ok_or_else(|| EndpointError::eval(format!("reference to undefined name `{name}`")))
    }
}

/// Evaluates the top-level rules; exhausting them is an error.
pub(super) fn evaluate(rules: &[Rule], scope: &mut Scope) -> Result<Endpoint, EndpointError> {
    eval_rules(rules, scope)?.ok_or_else(|| {
        EndpointError::new(
            EndpointErrorKind::NoMatch,
            "No rules in the rule set matched",
        )
    })
}

/// Tries each rule in order; `Ok(None)` if none matched. Variables a rule
/// assigns are dropped when the rule finishes.
fn eval_rules(rules: &[Rule], scope: &mut Scope) -> Result<Option<Endpoint>, EndpointError> {
    for rule in rules {
        let mark = scope.vars.len();
        let result = eval_rule(rule, scope);
        scope.vars.truncate(mark);
        if let Some(endpoint) = result? {
            return Ok(Some(endpoint));
        }
    }
    Ok(None)
}

fn eval_rule(rule: &Rule, scope: &mut Scope) -> Result<Option<Endpoint>, EndpointError> {
    for condition in &rule.conditions {
        let value = eval_call(&condition.call, scope)?;
        match value {
            None | Some(Value::Bool(false)) => return Ok(None),
            Some(value) => {
                if let Some(name) = &condition.assign {
                    scope.vars.push((name.clone(), value));
                }
            }
        }
    }
    match &rule.kind {
        RuleKind::Endpoint(def) => build_endpoint(def, scope).map(Some),
        RuleKind::Error(expr) => {
            let message = expect_string(eval_expr(expr, scope)?, "error message")?;
            Err(EndpointError::new(EndpointErrorKind::RuleError, message))
        }
        RuleKind::Tree(rules) => eval_rules(rules, scope)?.map(Some).ok_or_else(|| {
            EndpointError::new(
                EndpointErrorKind::NoMatch,
                "No rules matched in a tree rule whose conditions were met",
            )
        }),
    }
}

fn build_endpoint(def: &EndpointDef, scope: &Scope) -> Result<Endpoint, EndpointError> {
    let url = expect_string(eval_expr(&def.url, scope)?, "endpoint url")?;
    let mut headers = BTreeMap::new();
    for (name, exprs) in &def.headers {
        let values = exprs
            .iter()
            .map(|e| expect_string(eval_expr(e, scope)?, "header value"))
            .collect::<Result<Vec<_>, _>>()?;
        headers.insert(name.clone(), values);
    }
    let mut properties = BTreeMap::new();
    for (name, prop) in &def.properties {
        properties.insert(name.clone(), eval_prop(prop, scope)?);
    }
    Ok(Endpoint {
        url,
        headers,
        properties,
    })
}

fn eval_prop(prop: &Prop, scope: &Scope) -> Result<Value, EndpointError> {
    Ok(match prop {
        Prop::Str(template) => Value::String(render(template, scope)?),
        Prop::Plain(value) => value.clone(),
        Prop::Array(items) => Value::Array(
            items
                .iter()
                .map(|p| eval_prop(p, scope))
                .collect::<Result<_, _>>()?,
        ),
        Prop::Object(entries) => {
            let mut map = Map::new();
            for (key, p) in entries {
                map.insert(key.clone(), eval_prop(p, scope)?);
            }
            Value::Object(map)
        }
    })
}

/// Expands a template; every reference must be set and render as text.
fn render(template: &Template, scope: &Scope) -> Result<String, EndpointError> {
    template.render(|name, path| {
        let value = scope.lookup(name)?;
        let value = match (value, path) {
            (Some(v), Some(path)) => functions::get_attr(&v, path),
            (v, None) => v,
            (None, Some(_)) => None,
        };
        match value {
            Some(Value::String(s)) => Ok(s),
            Some(Value::Bool(b)) => Ok(b.to_string()),
            Some(Value::Number(n)) => Ok(n.to_string()),
            Some(_) => Err(EndpointError::eval(format!(
                "template reference `{name}` is not a string"
            ))),
            None => Err(EndpointError::eval(format!(
                "template reference `{name}{}` is not set",
                path.map(|p| format!("#{p}")).unwrap_or_default()
            ))),
        }
    })
}

fn eval_expr(expr: &Expr, scope: &Scope) -> Result<Option<Value>, EndpointError> {
    Ok(match expr {
        Expr::Str(template) => Some(Value::String(render(template, scope)?)),
        Expr::Bool(b) => Some(Value::Bool(*b)),
        Expr::Int(i) => Some(Value::from(*i)),
        Expr::Ref(name) => scope.lookup(name)?,
        Expr::Call(call) => eval_call(call, scope)?,
        Expr::Array(items) => {
            let mut out = Vec::with_capacity(items.len());
            for item in items {
                match eval_expr(item, scope)? {
                    Some(v) => out.push(v),
                    None => return Ok(None),
                }
            }
            Some(Value::Array(out))
        }
    })
}

fn expect_string(value: Option<Value>, what: &str) -> Result<String, EndpointError> {
    match value {
        Some(Value::String(s)) => Ok(s),
        _ => Err(EndpointError::eval(format!("{what} must be a string"))),
    }
}

fn arg_str(args: &[Value], i: usize, func: Function) -> Result<&str, EndpointError> {
    args.get(i)
        .and_then(Value::as_str)
        .ok_or_else(|| EndpointError::eval(format!("{func:?}: argument {i} must be a string")))
}

fn arg_bool(args: &[Value], i: usize, func: Function) -> Result<bool, EndpointError> {
    args.get(i)
        .and_then(Value::as_bool)
        .ok_or_else(|| EndpointError::eval(format!("{func:?}: argument {i} must be a boolean")))
}

fn arg_int(args: &[Value], i: usize, func: Function) -> Result<i64, EndpointError> {
    args.get(i)
        .and_then(Value::as_i64)
        .ok_or_else(|| EndpointError::eval(format!("{func:?}: argument {i} must be an integer")))
}

/// Calls a function. `isSet` and `coalesce` see unset arguments; every other
/// function yields `None` when any argument is unset.
fn eval_call(call: &Call, scope: &Scope) -> Result<Option<Value>, EndpointError> {
    let func = call.func;
    match func {
        Function::IsSet => {
            let set = match call.args.first() {
                Some(arg) => eval_expr(arg, scope)?.is_some(),
                None => false,
            };
            return Ok(Some(Value::Bool(set)));
        }
        Function::Coalesce => {
            for arg in &call.args {
                if let Some(v) = eval_expr(arg, scope)? {
                    return Ok(Some(v));
                }
            }
            return Ok(None);
        }
        _ => {}
    }
    let mut args = Vec::with_capacity(call.args.len());
    for arg in &call.args {
        match eval_expr(arg, scope)? {
            Some(v) => args.push(v),
            None => return Ok(None),
        }
    }
    let a = args.as_slice();
    Ok(match func {
        Function::IsSet | Function::Coalesce => None,
        Function::Not => Some(Value::Bool(!arg_bool(a, 0, func)?)),
        Function::BooleanEquals => {
            Some(Value::Bool(arg_bool(a, 0, func)? == arg_bool(a, 1, func)?))
        }
        Function::StringEquals => Some(Value::Bool(arg_str(a, 0, func)? == arg_str(a, 1, func)?)),
        Function::GetAttr => match a.first() {
            Some(target) => functions::get_attr(target, arg_str(a, 1, func)?),
            None => None,
        },
        Function::Substring => functions::substring(
            arg_str(a, 0, func)?,
            arg_int(a, 1, func)?,
            arg_int(a, 2, func)?,
            arg_bool(a, 3, func)?,
        )
        .map(Value::String),
        Function::IsValidHostLabel => Some(Value::Bool(functions::is_valid_host_label(
            arg_str(a, 0, func)?,
            arg_bool(a, 1, func)?,
        ))),
        Function::ParseUrl => parse_url(arg_str(a, 0, func)?).map(|u| u.to_value()),
        Function::UriEncode => Some(Value::String(functions::uri_encode(arg_str(a, 0, func)?))),
        Function::AwsPartition => Some(partition_for_region(arg_str(a, 0, func)?).to_value()),
        Function::AwsParseArn => parse_arn(arg_str(a, 0, func)?).map(|arn| arn.to_value()),
        Function::AwsIsVirtualHostableS3Bucket => Some(Value::Bool(
            functions::is_virtual_hostable_s3_bucket(arg_str(a, 0, func)?, arg_bool(a, 1, func)?),
        )),
    })
}
