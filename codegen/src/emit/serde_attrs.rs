//! Serde attributes that make fields exact on the awsJson wire.
//!
//! A struct gets the `rename_all` rule that matches most of its wire names, so fields only
//! carry an explicit `rename` where the rule gets a name wrong (`KMSKeyID`).

use quote::quote;

use crate::emit::syntax::list_attr;
use crate::ir::{Member, RustType, TimestampFormat};
use crate::naming::serde_pascal_case;

/// A serde `rename_all` rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RenameRule {
    /// `rename_all = "PascalCase"` (most AWS members).
    Pascal,
    /// `rename_all = "camelCase"`.
    Camel,
    /// No rule: the field name is the wire name.
    Verbatim,
}

impl RenameRule {
    /// The rule that needs the fewest explicit renames for these members.
    pub fn best_for(members: &[Member]) -> RenameRule {
        [RenameRule::Pascal, RenameRule::Verbatim, RenameRule::Camel]
            .into_iter()
            .max_by_key(|rule| {
                let matching = members
                    .iter()
                    .filter(|m| rule.apply(&m.rust_name) == m.wire_name)
                    .count();
                // `max_by_key` keeps the last maximum; rank earlier rules higher on ties.
                (matching, rule.preference())
            })
            .unwrap_or(RenameRule::Pascal)
    }

    fn preference(self) -> u8 {
        match self {
            RenameRule::Pascal => 2,
            RenameRule::Verbatim => 1,
            RenameRule::Camel => 0,
        }
    }

    /// The value for `#[serde(rename_all = …)]`, if any.
    pub fn attr_value(self) -> Option<&'static str> {
        match self {
            RenameRule::Pascal => Some("PascalCase"),
            RenameRule::Camel => Some("camelCase"),
            RenameRule::Verbatim => None,
        }
    }

    /// The wire name serde derives for a field under this rule.
    pub fn apply(self, field: &str) -> String {
        match self {
            RenameRule::Pascal => serde_pascal_case(field),
            RenameRule::Camel => {
                let pascal = serde_pascal_case(field);
                let mut chars = pascal.chars();
                chars
                    .next()
                    .map(|first| first.to_ascii_lowercase().to_string() + chars.as_str())
                    .unwrap_or_default()
            }
            RenameRule::Verbatim => field.trim_start_matches("r#").to_owned(),
        }
    }
}

/// `#[serde(…)]` for one field: rename, an alias also accepted when decoding, skip-if-none,
/// timestamp or float format.
pub fn field_serde_attrs(
    member: &Member,
    rule: RenameRule,
    alias: Option<&str>,
) -> Option<syn::Attribute> {
    let mut parts = Vec::new();
    if rule.apply(&member.rust_name) != member.wire_name {
        let wire = &member.wire_name;
        parts.push(quote! { rename = #wire });
    }
    if let Some(alias) = alias {
        parts.push(quote! { alias = #alias });
    }
    if member.optional {
        parts.push(quote! { skip_serializing_if = "Option::is_none" });
    }
    if let Some(with) = wire_with(&member.ty, member.optional) {
        parts.push(quote! { with = #with });
    }
    (!parts.is_empty()).then(|| list_attr("serde", quote! { #(#parts),* }))
}

/// The serde `with` module for a timestamp in a non-default format, or for a float (whose
/// NaN and infinities travel as strings).
fn wire_with(ty: &RustType, optional: bool) -> Option<String> {
    let module = match ty {
        RustType::Timestamp(TimestampFormat::DateTime) => "timestamp::date_time",
        RustType::Timestamp(TimestampFormat::HttpDate) => "timestamp::http_date",
        RustType::F32 | RustType::F64 => "float",
        _ => return None,
    };
    let suffix = if optional { "::option" } else { "" };
    Some(format!("::smithy_lean_runtime::{module}{suffix}"))
}
