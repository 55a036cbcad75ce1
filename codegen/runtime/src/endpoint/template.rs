//! Template strings: `"https://{Region}.{PartitionResult#dnsSuffix}"`.
//!
//! `{name}` inserts a parameter or assigned variable, `{name#path}` inserts
//! `getAttr(name, path)`, and `{{` / `}}` are literal braces.

use super::error::EndpointError;

/// One piece of a parsed template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Part {
    /// Literal text, copied verbatim.
    Literal(String),
    /// A reference, optionally followed by a `getAttr` path after `#`.
    Ref {
        /// Parameter or variable name.
        name: String,
        /// Attribute path such as `dnsSuffix` or `resourceId[1]`.
        path: Option<String>,
    },
}

/// A template string parsed once when the rule set is loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Template {
    parts: Vec<Part>,
}

impl Template {
    /// Parses a template string; fails on an unclosed `{` or an empty name.
    pub(super) fn parse(text: &str) -> Result<Template, EndpointError> {
        let mut parts = Vec::new();
        let mut literal = String::new();
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '{' if chars.peek() == Some(&'{') => {
                    chars.next();
                    literal.push('{');
                }
                '}' if chars.peek() == Some(&'}') => {
                    chars.next();
                    literal.push('}');
                }
                '{' => {
                    let mut inner = String::new();
                    let mut closed = false;
                    for c in chars.by_ref() {
                        if c == '}' {
                            closed = true;
                            break;
                        }
                        inner.push(c);
                    }
                    if !closed {
                        return Err(EndpointError::invalid(format!(
                            "unclosed `{{` in template string `{text}`"
                        )));
                    }
                    let (name, path) = match inner.split_once('#') {
                        Some((name, path)) => (name.to_owned(), Some(path.to_owned())),
                        None => (inner, None),
                    };
                    if name.is_empty() || name.contains('{') {
                        return Err(EndpointError::invalid(format!(
                            "invalid reference in template string `{text}`"
                        )));
                    }
                    if !literal.is_empty() {
                        parts.push(Part::Literal(std::mem::take(&mut literal)));
                    }
                    parts.push(Part::Ref { name, path });
                }
                other => literal.push(other),
            }
        }
        if !literal.is_empty() || parts.is_empty() {
            parts.push(Part::Literal(literal));
        }
        Ok(Template { parts })
    }

    /// The text when the template has no references.
    #[cfg(test)]
    pub(super) fn as_literal(&self) -> Option<&str> {
        match self.parts.as_slice() {
            [Part::Literal(text)] => Some(text),
            _ => None,
        }
    }

    /// Expands the template, asking `resolve(name, path)` for each reference.
    pub(super) fn render<F>(&self, mut resolve: F) -> Result<String, EndpointError>
    where
        F: FnMut(&str, Option<&str>) -> Result<String, EndpointError>,
    {
        let mut out = String::new();
        for part in &self.parts {
            match part {
                Part::Literal(text) => out.push_str(text),
                Part::Ref { name, path } => out.push_str(&resolve(name, path.as_deref())?),
            }
        }
        Ok(out)
    }

    /// The parsed parts, in order.
    #[cfg(test)]
    pub(super) fn parts(&self) -> &[Part] {
        &self.parts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(text: &str) -> String {
        Template::parse(text)
            .and_then(|t| t.render(|name, path| Ok(format!("<{name}|{}>", path.unwrap_or("-")))))
            .unwrap_or_else(|e| format!("ERR {e}"))
    }

    #[test]
    fn plain_text_is_literal() {
        let t = Template::parse("https://example.com").ok();
        assert_eq!(
            t.as_ref().and_then(|t| t.as_literal()),
            Some("https://example.com")
        );
        let empty = Template::parse("").ok();
        assert_eq!(empty.as_ref().and_then(|t| t.as_literal()), Some(""));
    }

    #[test]
    fn references_and_attributes() {
        assert_eq!(
            render("https://svc.{Region}.{PartitionResult#dnsSuffix}"),
            "https://svc.<Region|->.<PartitionResult|dnsSuffix>"
        );
        assert_eq!(render("{a#b[0]}x"), "<a|b[0]>x");
        let t = Template::parse("a{b}").ok();
        assert_eq!(
            t.as_ref().map(|t| t.parts().len()),
            Some(2),
            "literal then ref"
        );
    }

    #[test]
    fn escaped_braces() {
        assert_eq!(render("{{not a ref}}"), "{not a ref}");
        assert_eq!(render("a}b"), "a}b");
        assert_eq!(render("{{{X}}}"), "{<X|->}");
    }

    #[test]
    fn malformed_templates_are_errors() {
        assert!(Template::parse("abc{Region").is_err());
        assert!(Template::parse("{}").is_err());
        assert!(Template::parse("{#attr}").is_err());
    }
}
