//! Node values (the IDL's JSON-like data: trait values, metadata, shape properties), kept
//! in the order written, and their parser.

use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

use super::lexer::{Cursor, Parsed, Pos};

/// How deeply arrays and objects may nest before the parser gives up with an error (the
/// parser recurses once per level).
pub const MAX_DEPTH: usize = 100;

/// A node value. Objects keep their keys in the order written.
#[derive(Clone, Debug, PartialEq)]
pub enum Node {
    /// `null`
    Null,
    /// `true` / `false`
    Bool(bool),
    /// A number.
    Number(serde_json::Number),
    /// A number beyond the range of `f64`, as written with an upper-case exponent marker
    /// (it becomes a JSON string).
    BigNumber(String),
    /// A quoted string, a text block, or a resolved shape id.
    String(String),
    /// An unquoted shape id, resolved once the whole file is known.
    Id(ShapeRef),
    /// An array.
    Array(Vec<Node>),
    /// An object, keys in the order written.
    Object(Object),
}

/// An object's entries in the order written.
pub type Object = Vec<(String, Node)>;

/// A shape id as written, with where it was written (resolved later against `use`
/// statements, the file's shapes and the prelude).
#[derive(Clone, Debug, PartialEq)]
pub struct ShapeRef {
    /// The id as written, relative or absolute.
    pub text: String,
    /// Where it was written.
    pub pos: Pos,
}

impl Node {
    /// An empty object, the value of an annotation trait.
    pub fn empty_object() -> Node {
        Node::Object(Vec::new())
    }

    /// The value of `key` in an object node.
    pub fn get(&self, key: &str) -> Option<&Node> {
        match self {
            Node::Object(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The string content of a string (or unresolved shape id) node.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Node::String(text) => Some(text),
            Node::Id(reference) => Some(&reference.text),
            _ => None,
        }
    }

    /// Converts to a serde_json value (objects become order-insensitive maps).
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
    }

    /// Converts a serde_json value (keys in the map's order).
    pub fn from_json(value: &serde_json::Value) -> Node {
        match value {
            serde_json::Value::Null => Node::Null,
            serde_json::Value::Bool(b) => Node::Bool(*b),
            serde_json::Value::Number(n) => Node::Number(n.clone()),
            serde_json::Value::String(s) => Node::String(s.clone()),
            serde_json::Value::Array(items) => {
                Node::Array(items.iter().map(Node::from_json).collect())
            }
            serde_json::Value::Object(map) => Node::Object(
                map.iter()
                    .map(|(k, v)| (k.clone(), Node::from_json(v)))
                    .collect(),
            ),
        }
    }
}

/// Sets `key` in an object, replacing an existing entry in place or appending.
pub fn set(object: &mut Object, key: &str, value: Node) {
    match object.iter_mut().find(|(k, _)| k == key) {
        Some(entry) => entry.1 = value,
        None => object.push((key.to_owned(), value)),
    }
}

/// The entry of `key` in an object, mutable.
pub fn get_mut<'a>(object: &'a mut Object, key: &str) -> Option<&'a mut Node> {
    object.iter_mut().find(|(k, _)| k == key).map(|(_, v)| v)
}

impl Serialize for Node {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Node::Null => serializer.serialize_unit(),
            Node::Bool(b) => serializer.serialize_bool(*b),
            Node::Number(n) => n.serialize(serializer),
            Node::String(s) | Node::BigNumber(s) => serializer.serialize_str(s),
            Node::Id(reference) => serializer.serialize_str(&reference.text),
            Node::Array(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Node::Object(entries) => {
                let mut map = serializer.serialize_map(Some(entries.len()))?;
                for (key, value) in entries {
                    map.serialize_entry(key, value)?;
                }
                map.end()
            }
        }
    }
}

/// Parses one node value at the cursor; `depth` is the nesting level so far.
pub fn parse_node(cursor: &mut Cursor<'_>, depth: usize) -> Parsed<Node> {
    if depth > MAX_DEPTH {
        return Err(cursor.error(format!(
            "node values nest more than {MAX_DEPTH} levels deep"
        )));
    }
    match cursor.peek() {
        Some(b'[') => parse_array(cursor, depth),
        Some(b'{') => parse_object(cursor, depth).map(Node::Object),
        Some(b'"') => cursor.string().map(Node::String),
        Some(b'-' | b'0'..=b'9') => Ok(match cursor.number()? {
            Ok(number) => Node::Number(number),
            Err(text) => Node::BigNumber(text.replace('e', "E")),
        }),
        Some(b'A'..=b'Z' | b'a'..=b'z' | b'_') => {
            let pos = cursor.pos();
            let text = cursor.shape_id()?;
            Ok(match text.as_str() {
                "true" => Node::Bool(true),
                "false" => Node::Bool(false),
                "null" => Node::Null,
                _ => Node::Id(ShapeRef { text, pos }),
            })
        }
        _ => Err(cursor.expected("a node value")),
    }
}

/// Parses `[ value ... ]` (commas are whitespace).
fn parse_array(cursor: &mut Cursor<'_>, depth: usize) -> Parsed<Node> {
    cursor.expect(b'[')?;
    cursor.ws();
    let mut items = Vec::new();
    while cursor.peek() != Some(b']') {
        if cursor.at_end() {
            return Err(cursor.expected("`]`"));
        }
        items.push(parse_node(cursor, depth + 1)?);
        cursor.ws();
    }
    cursor.bump();
    Ok(Node::Array(items))
}

/// Parses `{ key: value ... }`; a key is an identifier or a quoted string, and may appear
/// only once.
pub fn parse_object(cursor: &mut Cursor<'_>, depth: usize) -> Parsed<Object> {
    cursor.expect(b'{')?;
    cursor.ws();
    let mut entries: Object = Vec::new();
    while cursor.peek() != Some(b'}') {
        let pos = cursor.pos();
        let key = parse_key(cursor)?;
        cursor.ws();
        cursor.expect(b':')?;
        cursor.ws();
        let value = parse_node(cursor, depth + 1)?;
        if entries.iter().any(|(k, _)| *k == key) {
            return Err(cursor.error_at(pos, format!("duplicate object key `{key}`")));
        }
        entries.push((key, value));
        cursor.ws();
    }
    cursor.bump();
    Ok(entries)
}

/// An object key: a quoted string or an identifier.
pub fn parse_key(cursor: &mut Cursor<'_>) -> Parsed<String> {
    if cursor.starts_with("\"\"\"") {
        return Err(cursor.expected("an object key (a text block cannot be one)"));
    }
    match cursor.peek() {
        Some(b'"') => cursor.string(),
        Some(b'A'..=b'Z' | b'a'..=b'z' | b'_') => cursor.identifier(),
        _ => Err(cursor.expected("an object key")),
    }
}
