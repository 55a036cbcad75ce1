//! Smithy shape ids: `namespace#Name`, with `$member` for a member.
//!
//! [`ShapeId::parse`] checks an id and says what is wrong with it. The loaders key shapes
//! by absolute id, so the later stages read the parts of ids they already hold with the
//! borrowing accessors [`name`], [`namespace`] and [`split_member`].

use std::fmt;

/// An absolute shape id, parsed.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ShapeId {
    /// Dot-separated namespace, e.g. `com.amazonaws.cognitoidentityprovider`.
    pub namespace: String,
    /// Shape name, e.g. `ListUsers`.
    pub name: String,
    /// Member name, for a member id such as `ns#User$Name`.
    pub member: Option<String>,
}

impl ShapeId {
    /// Parses `text` as an absolute shape id (`namespace#Name` or `namespace#Name$member`);
    /// the error names the id and the part that is wrong.
    pub fn parse(text: &str) -> Result<ShapeId, String> {
        let Some((namespace, rest)) = text.split_once('#') else {
            return Err(format!(
                "shape id `{text}` is not absolute: it needs a namespace (`namespace#Name`)"
            ));
        };
        let (name, member) = split_member(rest);
        if namespace.is_empty() {
            return Err(format!("shape id `{text}` has an empty namespace"));
        }
        if let Some(segment) = namespace.split('.').find(|s| !is_identifier(s)) {
            return Err(format!(
                "shape id `{text}`: namespace segment `{segment}` is not an identifier"
            ));
        }
        if !is_identifier(name) {
            return Err(format!(
                "shape id `{text}`: shape name `{name}` is not an identifier"
            ));
        }
        if let Some(member) = member.filter(|member| !is_identifier(member)) {
            return Err(format!(
                "shape id `{text}`: member name `{member}` is not an identifier"
            ));
        }
        Ok(ShapeId {
            namespace: namespace.to_owned(),
            name: name.to_owned(),
            member: member.map(str::to_owned),
        })
    }
}

impl fmt::Display for ShapeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}#{}", self.namespace, self.name)?;
        match &self.member {
            Some(member) => write!(f, "${member}"),
            None => Ok(()),
        }
    }
}

/// The shape name of an id the loader has checked (`ns#Name` → `Name`); a relative id is
/// its own name.
pub fn name(id: &str) -> &str {
    let (shape, _) = split_member(id);
    shape.rsplit_once('#').map_or(shape, |(_, name)| name)
}

/// The namespace of an id the loader has checked (`ns#Name` → `ns`; empty for a relative id).
pub fn namespace(id: &str) -> &str {
    id.split_once('#').map_or("", |(namespace, _)| namespace)
}

/// A member id's shape and member parts (`ns#A$b` → `(ns#A, Some(b))`); a shape id has no
/// member part.
pub fn split_member(id: &str) -> (&str, Option<&str>) {
    match id.split_once('$') {
        Some((shape, member)) => (shape, Some(member)),
        None => (id, None),
    }
}

/// Smithy's `identifier`: a letter, or underscores then a letter or digit, followed by
/// letters, digits and underscores.
fn is_identifier(text: &str) -> bool {
    let after_underscores = text.trim_start_matches('_');
    after_underscores.chars().next().is_some_and(|c| {
        c.is_ascii_alphabetic() || (c.is_ascii_digit() && after_underscores.len() < text.len())
    }) && text.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_shape_and_member_ids() {
        let id = ShapeId::parse("com.example#User$Name").unwrap();
        assert_eq!(id.namespace, "com.example");
        assert_eq!(id.name, "User");
        assert_eq!(id.member.as_deref(), Some("Name"));
        assert_eq!(id.to_string(), "com.example#User$Name");
        let id = ShapeId::parse("smithy.api#_2String").unwrap();
        assert_eq!((id.name.as_str(), id.member), ("_2String", None));
    }

    #[test]
    fn errors_name_the_wrong_part() {
        let cases = [
            ("User", "is not absolute"),
            ("#User", "empty namespace"),
            ("com..example#User", "namespace segment `` "),
            ("com.1x#User", "namespace segment `1x` "),
            ("com.example#", "shape name `` "),
            ("com.example#Us-er", "shape name `Us-er` "),
            ("com.example#__", "shape name `__` "),
            ("com.example#User$", "member name `` "),
            ("com.example#User$a$b", "member name `a$b` "),
        ];
        for (text, expected) in cases {
            let error = ShapeId::parse(text).unwrap_err();
            assert!(
                error.contains(expected) && error.contains(&format!("`{text}`")),
                "{text}: {error}"
            );
        }
    }

    #[test]
    fn accessors_read_checked_ids() {
        assert_eq!(name("com.example#User"), "User");
        assert_eq!(name("com.example#User$Name"), "User");
        assert_eq!(name("User"), "User");
        assert_eq!(namespace("com.example#User"), "com.example");
        assert_eq!(namespace("User"), "");
        assert_eq!(split_member("a#B$c"), ("a#B", Some("c")));
        assert_eq!(split_member("a#B"), ("a#B", None));
    }
}
