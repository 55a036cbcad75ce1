//! Writing one Rust test per compliance case: the case's `params` turned into the wire
//! form our serde types read (blobs base64-encoded), the expected request or response
//! as JSON, and a call through the generated client over the runtime's `MockTransport`.

use codegen::idl::Node;
use codegen::ir;
use heck::ToSnakeCase;
use serde_json::{Value, json};

use super::protocols::ClientCase;

/// One generated test.
pub struct TestCase {
    /// The Rust test function's name.
    pub test_name: String,
    /// The test function's source.
    pub source: String,
}

impl TestCase {
    /// A request or response case of operation `op`, a method of the client trait
    /// `trait_name`.
    pub fn for_operation(
        case: &ClientCase,
        op: &ir::Operation,
        trait_name: &str,
        ast: &Node,
    ) -> TestCase {
        let test_name = test_name(case);
        let io_shape = shape_of(
            ast,
            &case.shape,
            if case.kind == "request" {
                "input"
            } else {
                "output"
            },
        );
        let params = wire(
            ast,
            io_shape.as_deref(),
            &case.case.get("params").map_or(json!({}), Node::to_json),
        )
        .to_string();
        let call = call(op, trait_name);
        let source = if case.kind == "request" {
            let input = match &op.input {
                Some(input) => format!(
                    "let input: {input} = serde_json::from_value(json({params:?})).expect(\"params fit the input\");"
                ),
                None => String::new(),
            };
            format!(
                "#[tokio::test]\nasync fn {test_name}() {{\n    let mock = MockTransport::new();\n    mock.push_response(200, &[], \"{{}}\");\n    \
                 let client = client(&mock, {host:?});\n    {input}\n    let _ = {call}.await;\n    \
                 check_request(&mock, &json({expected:?}));\n}}\n",
                host = case
                    .case
                    .get("host")
                    .and_then(Node::as_str)
                    .unwrap_or("example.com"),
                expected = case.case.to_json().to_string(),
            )
        } else {
            let input = default_input(op, ast, &case.shape);
            format!(
                "#[tokio::test]\nasync fn {test_name}() {{\n    let mock = MockTransport::new();\n    {respond}\n    \
                 let client = client(&mock, \"example.com\");\n    {input}\n    let result = {call}.await;\n    \
                 let output = result.map({decode}).map_err(|e| format!(\"{{e:?}}\"));\n    \
                 check_output(output, &json({params:?}));\n}}\n",
                respond = respond(&case.case),
                decode = if op.output.is_some() {
                    "|output| serde_json::to_value(&output).expect(\"outputs serialise\")"
                } else {
                    // No output structure: the only value the case can describe is `{}`.
                    "|()| serde_json::json!({})"
                },
            )
        };
        TestCase { test_name, source }
    }

    /// A response case of error `error`, returned by operation `op`.
    pub fn for_error(
        case: &ClientCase,
        op: &ir::Operation,
        error: &ir::ErrorRef,
        trait_name: &str,
        ast: &Node,
    ) -> TestCase {
        let test_name = test_name(case);
        let params = wire(
            ast,
            Some(&case.shape),
            &case.case.get("params").map_or(json!({}), Node::to_json),
        )
        .to_string();
        let source = format!(
            "#[tokio::test]\nasync fn {test_name}() {{\n    let mock = MockTransport::new();\n    {respond}\n    \
             let client = client(&mock, \"example.com\");\n    {input}\n    let result = {call}.await;\n    \
             let error = match result {{\n        Err(Error::Service {{ error: {enum_name}::{variant}(error), .. }}) => Ok(serde_json::to_value(&error).expect(\"errors serialise\")),\n        \
             other => Err(format!(\"expected {variant}, got {{other:?}}\")),\n    }};\n    \
             check_output(error, &json({params:?}));\n}}\n",
            respond = respond(&case.case),
            input = default_input(op, ast, &op.shape_id),
            call = call(op, trait_name),
            enum_name = op.error_name,
            variant = error.type_name,
        );
        TestCase { test_name, source }
    }
}

/// The test name of a case: its id in snake case, prefixed by its kind.
pub fn test_name(case: &ClientCase) -> String {
    format!("{}_{}", case.kind, case.id.to_snake_case())
}

/// `Trait::method(&client, input)` (or without input): by the trait's path, because
/// `Client`'s own fluent method of the same name takes no input.
fn call(op: &ir::Operation, trait_name: &str) -> String {
    let argument = if op.input.is_some() { ", input" } else { "" };
    format!("{trait_name}::{}(&client{argument})", op.method_name)
}

/// An input for response cases (their params describe the output): its required members
/// filled with the smallest values of their types, so the client sends the request.
fn default_input(op: &ir::Operation, ast: &Node, operation: &str) -> String {
    let Some(input) = &op.input else {
        return String::new();
    };
    let minimal =
        shape_of(ast, operation, "input").map_or(json!({}), |id| minimal_value(ast, &id, 0));
    let text = wire(ast, shape_of(ast, operation, "input").as_deref(), &minimal).to_string();
    format!(
        "let input: {input} = serde_json::from_value(json({text:?})).expect(\"a minimal input\");"
    )
}

/// The smallest value of shape `id`: required members only, zeros and empties.
fn minimal_value(ast: &Node, id: &str, depth: usize) -> Value {
    let Some(definition) = shape(ast, id) else {
        return Value::Null;
    };
    match definition.get("type").and_then(Node::as_str) {
        Some("structure") if depth < 16 => {
            let Some(Node::Object(members)) = definition.get("members") else {
                return json!({});
            };
            let required = members.iter().filter(|(_, m)| {
                let traits = m.get("traits");
                traits.is_some_and(|t| {
                    t.get("smithy.api#required").is_some() && t.get("smithy.api#default").is_none()
                })
            });
            Value::Object(
                required
                    .map(|(name, m)| {
                        let target = m.get("target").and_then(Node::as_str).unwrap_or_default();
                        (name.clone(), minimal_value(ast, target, depth + 1))
                    })
                    .collect(),
            )
        }
        Some("string" | "blob") => json!(""),
        Some("boolean") => json!(false),
        Some("list" | "set") => json!([]),
        Some("map" | "structure") => json!({}),
        Some("enum" | "intEnum") => {
            let first = definition.get("members").and_then(|m| match m {
                Node::Object(members) => members
                    .first()
                    .and_then(|(_, m)| m.get("traits")?.get("smithy.api#enumValue")),
                _ => None,
            });
            first.map_or(Value::Null, Node::to_json)
        }
        Some("document" | "union") | None => Value::Null,
        Some(_) => json!(0),
    }
}

/// Queues the case's response on the mock.
fn respond(case: &Node) -> String {
    let code = case
        .get("code")
        .and_then(|c| c.to_json().as_u64())
        .unwrap_or(200);
    let headers: Vec<String> = match case.get("headers") {
        Some(Node::Object(headers)) => headers
            .iter()
            .map(|(name, value)| format!("({name:?}, {:?})", value.as_str().unwrap_or_default()))
            .collect(),
        _ => Vec::new(),
    };
    let body = case.get("body").and_then(Node::as_str).unwrap_or_default();
    format!(
        "mock.push_response({code}, &[{}], {body:?});",
        headers.join(", ")
    )
}

/// The shape `key` (`input`/`output`) of operation `operation`, if the model has it.
fn shape_of(ast: &Node, operation: &str, key: &str) -> Option<String> {
    let shape = ast.get("shapes")?.get(operation)?;
    shape.get(key)?.get("target")?.as_str().map(str::to_owned)
}

/// The definition of shape `id`; prelude simple shapes (`smithy.api#Blob`, …) are known
/// by name when the prelude's definitions were not loaded.
fn shape(ast: &Node, id: &str) -> Option<Node> {
    if let Some(found) = ast.get("shapes").and_then(|shapes| shapes.get(id)) {
        return Some(found.clone());
    }
    let name = id.strip_prefix("smithy.api#")?;
    let name = name.strip_prefix("Primitive").unwrap_or(name);
    let mut kind = name.to_owned();
    kind[..1].make_ascii_lowercase();
    Some(Node::Object(vec![("type".to_owned(), Node::String(kind))]))
}

/// `params` in the wire form our serde types read: blobs base64-encoded, timestamps in
/// their `@timestampFormat` (epoch seconds unless a format says otherwise), the rest as is.
pub fn wire(ast: &Node, shape_id: Option<&str>, params: &Value) -> Value {
    wire_member(ast, shape_id, None, params)
}

/// [`wire`] for a value whose member may carry its own `@timestampFormat`.
fn wire_member(
    ast: &Node,
    shape_id: Option<&str>,
    member_format: Option<&str>,
    params: &Value,
) -> Value {
    let Some(definition) = shape_id.and_then(|id| shape(ast, id)) else {
        return params.clone();
    };
    let member = |name: &str| -> (Option<String>, Option<String>) {
        let member = definition
            .get("members")
            .and_then(|m| m.get(name))
            .or_else(|| definition.get(name));
        let target = member
            .and_then(|m| m.get("target"))
            .and_then(Node::as_str)
            .map(str::to_owned);
        (
            target,
            member.and_then(|m| timestamp_format(m).map(str::to_owned)),
        )
    };
    match (definition.get("type").and_then(Node::as_str), params) {
        (Some("blob"), Value::String(text)) => {
            Value::String(base64_simd::STANDARD.encode_to_string(text.as_bytes()))
        }
        (Some("timestamp"), Value::Number(seconds)) => {
            let format = member_format.or_else(|| timestamp_format(&definition));
            format_timestamp(seconds.as_f64().unwrap_or_default(), format)
                .unwrap_or_else(|| params.clone())
        }
        (Some("list" | "set"), Value::Array(items)) => {
            let (element, format) = member("member");
            Value::Array(
                items
                    .iter()
                    .map(|item| wire_member(ast, element.as_deref(), format.as_deref(), item))
                    .collect(),
            )
        }
        (Some("map"), Value::Object(entries)) => {
            let (value, format) = member("value");
            Value::Object(
                entries
                    .iter()
                    .map(|(k, v)| {
                        (
                            k.clone(),
                            wire_member(ast, value.as_deref(), format.as_deref(), v),
                        )
                    })
                    .collect(),
            )
        }
        (Some("structure" | "union"), Value::Object(entries)) => Value::Object(
            entries
                .iter()
                .map(|(k, v)| {
                    let (target, format) = member(k);
                    (
                        k.clone(),
                        wire_member(ast, target.as_deref(), format.as_deref(), v),
                    )
                })
                .collect(),
        ),
        _ => params.clone(),
    }
}

/// The `@timestampFormat` of a shape or member.
fn timestamp_format(node: &Node) -> Option<&str> {
    node.get("traits")?
        .get("smithy.api#timestampFormat")?
        .as_str()
}

/// Epoch seconds in a timestamp format's wire form (`None` for epoch seconds, which are
/// already numbers).
fn format_timestamp(seconds: f64, format: Option<&str>) -> Option<Value> {
    use aws_smithy_types::date_time::{DateTime, Format};
    let format = match format {
        Some("date-time") => Format::DateTime,
        Some("http-date") => Format::HttpDate,
        _ => return None,
    };
    DateTime::from_secs_f64(seconds)
        .fmt(format)
        .ok()
        .map(Value::String)
}

/// The whole test file of one crate.
pub fn test_file(crate_name: &str, cases: &[TestCase]) -> String {
    let mut file = format!(
        "//! Written by `cargo xtask conformance`: Smithy's protocol compliance cases.\n\
         #![allow(unused_imports, clippy::all)]\n\n\
         use {crate_name}::client::*;\nuse {crate_name}::error::*;\nuse {crate_name}::types::*;\n\
         use {crate_name}::runtime::{{Config, Credentials, Error}};\nuse smithy_lean_runtime::MockTransport;\n\n{}\n",
        SUPPORT.replace("CRATE", crate_name)
    );
    for case in cases {
        file.push_str(&case.source);
        file.push('\n');
    }
    file
}

/// The helpers every test file starts with: the client over the mock, and the request and
/// output comparisons the compliance spec describes.
const SUPPORT: &str = include_str!("compliance_support.rs.txt");

#[cfg(test)]
mod tests {
    use super::*;

    fn model() -> Node {
        let text = "$version: \"2\"\nnamespace n\n\
                    structure S { data: Blob, when: Timestamp, @timestampFormat(\"date-time\") at: Timestamp, list: Blobs }\n\
                    list Blobs { member: Blob }\n";
        codegen::idl::load_files(&[("m.smithy".to_owned(), text.to_owned())])
            .expect("the model loads")
    }

    #[test]
    fn params_become_wire_values_by_shape() {
        let params =
            json!({"data": "abc", "when": 946845296, "at": 946845296, "list": ["hi"], "other": 1});
        let wired = wire(&model(), Some("n#S"), &params);
        assert_eq!(
            wired,
            json!({"data": "YWJj", "when": 946845296, "at": "2000-01-02T20:34:56Z", "list": ["aGk="], "other": 1})
        );
    }

    #[test]
    fn minimal_values_fill_required_members_only() {
        let text = "$version: \"2\"\nnamespace n\n\
                    structure I { @required name: String, @required inner: Inner, optional: String }\n\
                    structure Inner { @required count: Integer, @required @default(1) given: Integer }\n";
        let ast =
            codegen::idl::load_files(&[("m.smithy".to_owned(), text.to_owned())]).expect("loads");
        assert_eq!(
            minimal_value(&ast, "n#I", 0),
            json!({"name": "", "inner": {"count": 0}})
        );
    }
}
