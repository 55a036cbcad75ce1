//! Trait applications of the IDL: `@name`, `@name(value)`, `@name(key: value, ...)`,
//! and the doc comments that become `@documentation`.

use super::lexer::{Cursor, Parsed};
use super::node::{Node, Object, ShapeRef, parse_key, parse_node};
use super::syntax::TraitApp;

/// The `smithy.api#documentation` trait, which doc comments become.
pub const DOCUMENTATION: &str = "smithy.api#documentation";

/// Trait applications before a shape or member, preceded by doc comments (which become
/// `@documentation` unless a `@documentation` trait is also written).
pub fn parse_traits(cursor: &mut Cursor<'_>) -> Parsed<Vec<TraitApp>> {
    cursor.ws();
    let docs_pos = cursor.pos();
    let mut traits = Vec::new();
    if let Some(docs) = cursor.take_docs() {
        traits.push(TraitApp {
            name: ShapeRef {
                text: DOCUMENTATION.to_owned(),
                pos: docs_pos,
            },
            value: Node::String(docs),
        });
    }
    while cursor.peek() == Some(b'@') {
        traits.push(parse_trait(cursor)?);
        cursor.ws();
    }
    Ok(traits)
}

/// One `@name`, `@name(value)` or `@name(key: value, ...)`.
pub fn parse_trait(cursor: &mut Cursor<'_>) -> Parsed<TraitApp> {
    cursor.expect(b'@')?;
    let pos = cursor.pos();
    let name = ShapeRef {
        text: cursor.shape_id()?,
        pos,
    };
    if name.text.contains('$') {
        return Err(cursor.error_at(pos, "a trait name cannot name a member"));
    }
    if cursor.peek() != Some(b'(') {
        return Ok(TraitApp {
            name,
            value: Node::empty_object(),
        });
    }
    cursor.bump();
    cursor.ws();
    let value = if cursor.peek() == Some(b')') {
        Node::empty_object()
    } else if starts_structure(cursor) {
        Node::Object(parse_trait_structure(cursor)?)
    } else {
        parse_node(cursor, 1)?
    };
    cursor.ws();
    cursor.expect(b')')?;
    Ok(TraitApp { name, value })
}

/// Whether a trait body is `key: value` pairs (rather than a single node value).
fn starts_structure(cursor: &Cursor<'_>) -> bool {
    let mut lookahead = cursor.clone();
    if !matches!(
        lookahead.peek(),
        Some(b'"' | b'A'..=b'Z' | b'a'..=b'z' | b'_')
    ) {
        return false;
    }
    if lookahead.starts_with("\"\"\"") || parse_key(&mut lookahead).is_err() {
        return false;
    }
    lookahead.ws();
    lookahead.peek() == Some(b':')
}

/// The `key: value` pairs of a structured trait body, up to (not including) `)`.
fn parse_trait_structure(cursor: &mut Cursor<'_>) -> Parsed<Object> {
    let mut entries: Object = Vec::new();
    while cursor.peek() != Some(b')') {
        if cursor.at_end() {
            return Err(cursor.expected("`)`"));
        }
        let pos = cursor.pos();
        let key = parse_key(cursor)?;
        cursor.ws();
        cursor.expect(b':')?;
        cursor.ws();
        let value = parse_node(cursor, 2)?;
        if entries.iter().any(|(k, _)| *k == key) {
            return Err(cursor.error_at(pos, format!("duplicate trait property `{key}`")));
        }
        entries.push((key, value));
        cursor.ws();
    }
    Ok(entries)
}
