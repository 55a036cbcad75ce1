//! Reading a JSON AST file beside IDL files: parsed in order (so members keep the order
//! written), then checked for the structure the JSON AST requires.

use super::build::FileAst;
use super::lexer::{Cursor, Parsed, Pos};
use super::node::{self, Node};
use crate::smithy::shape_id::ShapeId;

/// Reads a JSON AST file into the same form as a parsed IDL file.
pub fn read(file: &str, text: &str) -> Parsed<FileAst> {
    let mut cursor = Cursor::new(file, text.strip_prefix('\u{feff}').unwrap_or(text));
    cursor.ws();
    let root = node::parse_node(&mut cursor, 0)?;
    cursor.ws();
    if !cursor.at_end() {
        return Err(cursor.expected("the end of the JSON document"));
    }
    let start = Pos { line: 1, column: 1 };
    let fail = |message: String| Err(cursor.error_at(start, message));
    let version = match root.get("smithy") {
        Some(Node::String(version)) if matches!(version.as_str(), "1" | "1.0" | "2" | "2.0") => {
            version.clone()
        }
        Some(other) => return fail(format!("unsupported `smithy` version {}", other.to_json())),
        None => return fail("a JSON AST model needs a `smithy` version".to_owned()),
    };
    let metadata = match root.get("metadata") {
        None => Vec::new(),
        Some(Node::Object(entries)) => entries.clone(),
        Some(_) => return fail("`metadata` must be an object".to_owned()),
    };
    for key in ["validators", "suppressions"] {
        if let Some((_, value)) = metadata.iter().find(|(k, _)| k == key)
            && !matches!(value, Node::Array(_))
        {
            return fail(format!("metadata `{key}` must be an array"));
        }
    }
    let shapes = match root.get("shapes") {
        None => Vec::new(),
        Some(Node::Object(entries)) => entries.clone(),
        Some(_) => return fail("`shapes` must be an object".to_owned()),
    };
    for (id, shape) in &shapes {
        if let Err(message) = check_shape(id, shape, version.starts_with('1')) {
            return fail(format!("shape `{id}`: {message}"));
        }
    }
    let (applies, shapes): (Vec<_>, Vec<_>) = shapes
        .into_iter()
        .partition(|(_, shape)| shape.get("type").and_then(Node::as_str) == Some("apply"));
    let applies = applies
        .into_iter()
        .map(|(id, apply)| {
            let traits = match apply.get("traits") {
                Some(Node::Object(traits)) => traits
                    .iter()
                    .map(|(k, v)| (k.clone(), v.clone(), start))
                    .collect(),
                _ => Vec::new(),
            };
            (id, start, traits)
        })
        .collect();
    let located =
        |entries: Vec<(String, Node)>| entries.into_iter().map(|(k, v)| (k, v, start)).collect();
    Ok(FileAst {
        version,
        metadata: located(metadata),
        shapes: located(shapes),
        applies,
    })
}

/// A shape entry needs an absolute id (a member id only for `apply`), an object value
/// and absolute trait ids.
fn check_shape(id: &str, shape: &Node, version_1: bool) -> Result<(), String> {
    if version_1 && shape.get("properties").is_some() {
        return Err("resource `properties` need Smithy 2.0".to_owned());
    }
    let id = ShapeId::parse(id)?;
    let Node::Object(_) = shape else {
        return Err("a shape must be an object".to_owned());
    };
    if id.member.is_some() && shape.get("type").and_then(Node::as_str) != Some("apply") {
        return Err("only `apply` entries may name a member".to_owned());
    }
    if let Some(Node::Object(traits)) = shape.get("traits")
        && let Some((relative, _)) = traits.iter().find(|(trait_id, _)| !trait_id.contains('#'))
    {
        return Err(format!("trait ids must be absolute, not `{relative}`"));
    }
    Ok(())
}
