//! Python-literal renderings, as boto3's documentation and API change pages print them:
//! request and response syntax (multi-line, model order), compact sketches and the change
//! summary dictionary (one line, keys sorted like `pprint`).

use std::collections::BTreeMap;

use super::report::{Change, ChangeKind, Sketch, Step};

const INDENT: &str = "    ";

/// `client.create_resource_server(\n    UserPoolId='string',\n ...)` for an operation taking
/// `request`, as boto3's "Request Syntax" prints it.
pub fn request_syntax(method: &str, request: Option<&Sketch>) -> String {
    let members = match request {
        Some(Sketch::Structure { members, .. }) => members.as_slice(),
        _ => &[],
    };
    if members.is_empty() {
        return format!("client.{method}()");
    }
    let params: Vec<String> = members
        .iter()
        .map(|field| format!("{INDENT}{}={}", field.name, syntax(&field.sketch, 1)))
        .collect();
    format!("client.{method}(\n{}\n)", params.join(",\n"))
}

/// The "Response Syntax" of an operation returning `response` (`None` for no output).
pub fn response_syntax(response: Option<&Sketch>) -> String {
    response.map_or_else(|| "None".to_owned(), |sketch| syntax(sketch, 0))
}

/// A value in boto3's documentation syntax, multi-line, at `depth` levels of indentation.
fn syntax(sketch: &Sketch, depth: usize) -> String {
    let inner = INDENT.repeat(depth + 1);
    let outer = INDENT.repeat(depth);
    match sketch {
        Sketch::Scalar { name } => scalar_syntax(name).to_owned(),
        Sketch::Enum { values } => values
            .iter()
            .map(|v| quote(v))
            .collect::<Vec<_>>()
            .join("|"),
        Sketch::List { item } => format!("[\n{inner}{},\n{outer}]", syntax(item, depth + 1)),
        Sketch::Map { key, value } => format!(
            "{{\n{inner}{}: {}\n{outer}}}",
            syntax(key, depth + 1),
            syntax(value, depth + 1)
        ),
        Sketch::Structure { members, .. } if members.is_empty() => "{}".to_owned(),
        Sketch::Structure { members, .. } => {
            let lines: Vec<String> = members
                .iter()
                .map(|field| {
                    format!(
                        "{inner}{}: {}",
                        quote(&field.name),
                        syntax(&field.sketch, depth + 1)
                    )
                })
                .collect();
            format!("{{\n{}\n{outer}}}", lines.join(",\n"))
        }
        Sketch::Recursive { .. } => "{'... recursive ...'}".to_owned(),
    }
}

fn scalar_syntax(name: &str) -> &'static str {
    match name {
        "string" => "'string'",
        "byte" | "short" | "integer" | "long" => "123",
        "float" | "double" | "decimal" => "123.0",
        "boolean" => "True|False",
        "timestamp" => "datetime(2015, 1, 1)",
        "blob" => "b'bytes'",
        "unit" => "{}",
        _ => "{...}|[...]|123|123.4|'string'|True|None",
    }
}

/// A value on one line, keys sorted: `{'Name': 'string', 'Status': 'ACTIVE | FAILED'}`.
pub fn compact(sketch: &Sketch) -> String {
    match sketch {
        Sketch::Scalar { name } => quote(name),
        Sketch::Enum { values } => quote(&values.join(" | ")),
        Sketch::List { item } => format!("[{}]", compact(item)),
        Sketch::Map { key, value } => format!("{{{}: {}}}", compact(key), compact(value)),
        Sketch::Structure { members, .. } => dict(
            members
                .iter()
                .map(|field| (field.name.clone(), compact(&field.sketch))),
        ),
        Sketch::Recursive { .. } => "{'... recursive ...'}".to_owned(),
    }
}

/// The changes of a request or response as one dictionary, nested like the structure:
/// new enum values as a list (`{'ProviderType': ['Facebook', 'Google']}`), a new member as
/// its compact sketch, and `'(removed)'`, `'(type: string -> integer)'`,
/// `'(values removed: A, B)'`, `'(now required)'`, `'(now optional)'` for the other kinds.
/// List elements and map values add no level (a type change below them says where:
/// `'(type of []: string -> integer)'`); map keys are `'(key)'`. A place with more than one
/// change is a tuple of them.
pub fn change_dict(changes: &[Change]) -> String {
    let mut root = Node::default();
    for change in changes {
        let mut node = &mut root;
        let mut below = Vec::new();
        for step in &change.path {
            node = match step {
                Step::Member(name) => node.children.entry(name.clone()).or_default(),
                Step::Key => node.children.entry("(key)".to_owned()).or_default(),
                Step::Item | Step::Value => node,
            };
            match step {
                Step::Item | Step::Value => below.push(step.clone()),
                _ => below.clear(),
            }
        }
        node.leaves.extend(leaves(&change.kind, &below));
    }
    root.render()
}

/// The printed changes at one place; `below` are the list and map steps under it.
fn leaves(kind: &ChangeKind, below: &[Step]) -> Vec<String> {
    match kind {
        ChangeKind::MemberAdded { sketch } => vec![compact(sketch)],
        ChangeKind::MemberRemoved { .. } => vec![quote("(removed)")],
        ChangeKind::TypeChanged { old, new } if below.is_empty() => {
            vec![quote(&format!("(type: {old} -> {new})"))]
        }
        ChangeKind::TypeChanged { old, new } => {
            let place = path_text(below);
            vec![quote(&format!("(type of {place}: {old} -> {new})"))]
        }
        ChangeKind::EnumValues {
            added,
            removed,
            integer,
        } => {
            let mut leaves = Vec::new();
            if !added.is_empty() {
                let values: Vec<String> = added
                    .iter()
                    .map(|v| if *integer { v.clone() } else { quote(v) })
                    .collect();
                leaves.push(format!("[{}]", values.join(", ")));
            }
            if !removed.is_empty() {
                leaves.push(quote(&format!("(values removed: {})", removed.join(", "))));
            }
            leaves
        }
        ChangeKind::RequiredChanged { required: true } => vec![quote("(now required)")],
        ChangeKind::RequiredChanged { required: false } => vec![quote("(now optional)")],
    }
}

#[derive(Default)]
struct Node {
    leaves: Vec<String>,
    children: BTreeMap<String, Node>,
}

impl Node {
    fn render(&self) -> String {
        let children = (!self.children.is_empty()).then(|| {
            dict(
                self.children
                    .iter()
                    .map(|(name, child)| (name.clone(), child.render())),
            )
        });
        match (self.leaves.as_slice(), children) {
            ([leaf], None) => leaf.clone(),
            ([], Some(children)) => children,
            ([], None) => "{}".to_owned(),
            (leaves, children) => {
                let parts: Vec<String> = leaves.iter().cloned().chain(children).collect();
                format!("({})", parts.join(", "))
            }
        }
    }
}

/// `Scopes[].ScopeName`, `Attributes{value}.Name`.
pub fn path_text(path: &[Step]) -> String {
    let mut text = String::new();
    for step in path {
        match step {
            Step::Member(name) if text.is_empty() => text.push_str(name),
            Step::Member(name) => {
                text.push('.');
                text.push_str(name);
            }
            Step::Item => text.push_str("[]"),
            Step::Key => text.push_str("{key}"),
            Step::Value => text.push_str("{value}"),
        }
    }
    text
}

/// `{'a': x, 'b': y}` with keys sorted.
fn dict(entries: impl Iterator<Item = (String, String)>) -> String {
    let sorted: BTreeMap<String, String> = entries.collect();
    let parts: Vec<String> = sorted
        .iter()
        .map(|(key, value)| format!("{}: {value}", quote(key)))
        .collect();
    format!("{{{}}}", parts.join(", "))
}

/// A Python string literal, quoted as `repr` does.
pub fn quote(text: &str) -> String {
    let delimiter = if text.contains('\'') && !text.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(text.len() + 2);
    out.push(delimiter);
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c == delimiter => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out.push(delimiter);
    out
}
