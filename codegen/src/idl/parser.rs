//! The statement level of the IDL: control statements, metadata, namespace, `use` and
//! `apply`. Shape bodies are in [`super::shapes`], trait applications in
//! [`super::trait_apps`].

use super::lexer::{Cursor, Parsed, at_keyword, is_word_char, keyword};
use super::node::{Node, ShapeRef, parse_key, parse_node};
use super::shapes::parse_shape;
use super::syntax::{Apply, FileSettings, ParsedFile};
use super::trait_apps::{parse_trait, parse_traits};

/// Parses one file into statements; the first syntax error ends it.
pub fn parse_file(file: &str, text: &str) -> Parsed<ParsedFile> {
    let mut cursor = Cursor::new(file, text.strip_prefix('\u{feff}').unwrap_or(text));
    let mut parsed = ParsedFile::default();
    let mut settings = FileSettings {
        input_suffix: "Input".to_owned(),
        output_suffix: "Output".to_owned(),
        version_1: true,
    };
    cursor.ws();
    parse_control(&mut cursor, &mut parsed, &mut settings)?;
    parse_metadata(&mut cursor, &mut parsed)?;
    if cursor.starts_with("namespace") && !is_word_char(cursor.peek_at(9)) {
        parse_namespace(&mut cursor, &mut parsed)?;
        parse_uses(&mut cursor, &mut parsed)?;
        parse_shapes(&mut cursor, &mut parsed, &settings)?;
    }
    if !cursor.at_end() {
        return Err(match cursor.peek() {
            Some(b'$') => cursor.error("control statements must come before everything else"),
            _ if cursor.starts_with("metadata") => {
                cursor.error("metadata statements must come before the namespace")
            }
            _ => cursor.expected("a `namespace` statement before any shape"),
        });
    }
    parsed.version.get_or_insert_with(|| "1.0".to_owned());
    Ok(parsed)
}

/// `$name: value` statements.
fn parse_control(
    cursor: &mut Cursor<'_>,
    parsed: &mut ParsedFile,
    settings: &mut FileSettings,
) -> Parsed<()> {
    let mut seen: Vec<String> = Vec::new();
    while cursor.peek() == Some(b'$') {
        cursor.bump();
        let key = parse_key(cursor)?;
        cursor.sp();
        cursor.expect(b':')?;
        cursor.sp();
        let value_pos = cursor.pos();
        let value = parse_node(cursor, 0)?;
        if seen.contains(&key) {
            return Err(cursor.error_at(value_pos, format!("duplicate control statement `{key}`")));
        }
        seen.push(key.clone());
        match key.as_str() {
            "version" => {
                let version = match &value {
                    Node::String(v) if matches!(v.as_str(), "1" | "1.0" | "2" | "2.0") => v.clone(),
                    _ => {
                        return Err(cursor.error_at(
                            value_pos,
                            "unsupported `$version` (expected \"1.0\" or \"2.0\")",
                        ));
                    }
                };
                settings.version_1 = version.starts_with('1');
                parsed.version = Some(if settings.version_1 { "1.0" } else { "2.0" }.to_owned());
            }
            "operationInputSuffix" | "operationOutputSuffix" => {
                let Node::String(suffix) = value else {
                    return Err(cursor.error_at(value_pos, format!("`${key}` must be a string")));
                };
                if key == "operationInputSuffix" {
                    settings.input_suffix = suffix;
                } else {
                    settings.output_suffix = suffix;
                }
            }
            _ => {}
        }
        cursor.br()?;
    }
    Ok(())
}

/// `metadata key = value` statements.
fn parse_metadata(cursor: &mut Cursor<'_>, parsed: &mut ParsedFile) -> Parsed<()> {
    while at_keyword(cursor, "metadata") {
        keyword(cursor, "metadata");
        cursor.require_sp()?;
        let pos = cursor.pos();
        let key = parse_key(cursor)?;
        cursor.sp();
        cursor.expect(b'=')?;
        cursor.sp();
        let value = parse_node(cursor, 0)?;
        parsed.metadata.push((key, value, pos));
        cursor.br()?;
    }
    Ok(())
}

/// `namespace a.b`.
fn parse_namespace(cursor: &mut Cursor<'_>, parsed: &mut ParsedFile) -> Parsed<()> {
    keyword(cursor, "namespace");
    cursor.require_sp()?;
    parsed.namespace = Some(cursor.namespace()?);
    cursor.br()
}

/// `use a.b#Name` statements.
fn parse_uses(cursor: &mut Cursor<'_>, parsed: &mut ParsedFile) -> Parsed<()> {
    while at_keyword(cursor, "use") {
        keyword(cursor, "use");
        cursor.require_sp()?;
        let pos = cursor.pos();
        let id = cursor.shape_id()?;
        if !id.contains('#') || id.contains('$') {
            return Err(cursor.error_at(
                pos,
                format!("`use` needs an absolute shape id without a member, not `{id}`"),
            ));
        }
        parsed.uses.push((id, pos));
        cursor.br()?;
    }
    Ok(())
}

/// Shape and `apply` statements to the end of the file.
fn parse_shapes(
    cursor: &mut Cursor<'_>,
    parsed: &mut ParsedFile,
    settings: &FileSettings,
) -> Parsed<()> {
    while !cursor.at_end() {
        if at_keyword(cursor, "apply") {
            parse_apply(cursor, parsed)?;
        } else if cursor.peek() == Some(b'$')
            || at_keyword(cursor, "metadata")
            || at_keyword(cursor, "namespace")
            || at_keyword(cursor, "use")
        {
            return Err(cursor.expected("a shape or `apply` statement"));
        } else {
            let traits = parse_traits(cursor)?;
            parse_shape(cursor, parsed, settings, traits)?;
        }
        if !cursor.at_end() {
            cursor.br()?;
        }
    }
    Ok(())
}

/// `apply Target @trait` or `apply Target { @a @b }`.
fn parse_apply(cursor: &mut Cursor<'_>, parsed: &mut ParsedFile) -> Parsed<()> {
    keyword(cursor, "apply");
    cursor.require_sp()?;
    let pos = cursor.pos();
    let target = ShapeRef {
        text: cursor.shape_id()?,
        pos,
    };
    if !cursor.ws() {
        return Err(cursor.expected("whitespace after the shape id"));
    }
    let traits = match cursor.peek() {
        Some(b'@') => vec![parse_trait(cursor)?],
        Some(b'{') => {
            cursor.bump();
            let traits = parse_traits(cursor)?;
            cursor.ws();
            cursor.expect(b'}')?;
            traits
        }
        _ => return Err(cursor.expected("`@` or `{` after `apply` and its target")),
    };
    parsed.applies.push(Apply { target, traits });
    Ok(())
}
