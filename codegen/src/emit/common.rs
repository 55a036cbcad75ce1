//! Small pieces every emitter uses: identifiers, doc attributes, Rust types of members.

use std::borrow::Cow;

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::{ToTokens, quote};

use crate::ir::{Deprecation, Member, RustType};

/// An identifier, raw (`r#type`) when the name says so.
pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// `#[doc = "…"]` attributes (rendered as `///` lines) for Markdown text; nothing when empty.
pub fn doc(markdown: &str) -> TokenStream {
    let lines = markdown.lines().map(doc_line);
    quote! { #(#[doc = #lines])* }
}

/// Inner `#![doc = "…"]` attributes (rendered as `//!` lines) for Markdown text.
pub fn inner_doc(markdown: &str) -> TokenStream {
    let lines = markdown.lines().map(doc_line);
    quote! { #(#![doc = #lines])* }
}

/// The string literal of one doc line, after the space that follows `///`. A raw literal
/// when the line allows one: `Literal::string` escapes every character through Unicode tables
/// and syn unescapes it again, a tenth of the work for a well-documented model. The printed
/// `///` line is the same either way.
pub fn doc_line(line: &str) -> Literal {
    if line.is_empty() {
        return Literal::string("");
    }
    let raw = if line.contains(['"', '\r']) {
        None
    } else {
        format!("r\" {line}\"").parse().ok()
    };
    raw.unwrap_or_else(|| Literal::string(&format!(" {line}")))
}

/// Doc attributes for `text`, then a blank line and `extra` when both are present.
pub fn doc_with(text: &str, extra: &str) -> TokenStream {
    doc(&with_extra(text, extra))
}

/// `text`, then a blank line and `extra` when both are present.
pub fn with_extra<'a>(text: &'a str, extra: &'a str) -> Cow<'a, str> {
    match (text.is_empty(), extra.is_empty()) {
        (_, true) => Cow::Borrowed(text),
        (true, false) => Cow::Borrowed(extra),
        (false, false) => Cow::Owned(format!("{text}\n\n{extra}")),
    }
}

/// `text`, or `fallback` when `text` is empty (every public item gets documentation).
pub fn or<'a>(text: &'a str, fallback: &'a str) -> &'a str {
    if text.is_empty() { fallback } else { text }
}

/// `#![allow(deprecated)]` for a generated module: the crate must name its own deprecated
/// items (in impls, imports, error variants and client methods) without warnings, while
/// users still get the warning wherever they use one.
pub fn allow_own_deprecated() -> TokenStream {
    quote! { #![allow(deprecated)] }
}

/// `#[deprecated(…)]`, when deprecated.
pub fn deprecated(deprecation: &Option<Deprecation>) -> TokenStream {
    let Some(deprecation) = deprecation else {
        return TokenStream::new();
    };
    let note = match (&deprecation.message, &deprecation.since) {
        (Some(message), Some(since)) => format!("{message} (since {since})"),
        (Some(message), None) => message.clone(),
        (None, Some(since)) => format!("deprecated since {since}"),
        (None, None) => return quote! { #[deprecated] },
    };
    quote! { #[deprecated(note = #note)] }
}

/// The Rust type of a value of `ty`.
pub fn rust_type(ty: &RustType) -> TokenStream {
    match ty {
        RustType::String => quote! { String },
        RustType::Bool => quote! { bool },
        RustType::I8 => quote! { i8 },
        RustType::I16 => quote! { i16 },
        RustType::I32 => quote! { i32 },
        RustType::I64 => quote! { i64 },
        RustType::F32 => quote! { f32 },
        RustType::F64 => quote! { f64 },
        RustType::BigNumber => quote! { ::smithy_lean_runtime::BigNumber },
        RustType::Blob => quote! { ::smithy_lean_runtime::Blob },
        RustType::Timestamp(_) => quote! { ::smithy_lean_runtime::DateTime },
        RustType::Document => quote! { ::smithy_lean_runtime::Document },
        RustType::Unit => quote! { () },
        RustType::Named(name) => ident(name).into_token_stream(),
        RustType::List { item, sparse } => {
            let item = element(item, *sparse);
            quote! { Vec<#item> }
        }
        RustType::Map { key, value, sparse } => {
            let key = rust_type(key);
            let value = element(value, *sparse);
            quote! { ::std::collections::HashMap<#key, #value> }
        }
    }
}

fn element(ty: &RustType, sparse: bool) -> TokenStream {
    let ty = rust_type(ty);
    if sparse {
        quote! { Option<#ty> }
    } else {
        ty
    }
}

/// Text describing a member's constraints, for its documentation; empty when none.
pub fn constraints_doc(member: &Member) -> String {
    let c = &member.constraints;
    let mut facts = Vec::new();
    match (c.min_length, c.max_length) {
        (Some(min), Some(max)) => facts.push(format!("length {min} to {max}")),
        (Some(min), None) => facts.push(format!("length at least {min}")),
        (None, Some(max)) => facts.push(format!("length at most {max}")),
        (None, None) => {}
    }
    match (c.min, c.max) {
        (Some(min), Some(max)) => facts.push(format!("value {min} to {max}")),
        (Some(min), None) => facts.push(format!("value at least {min}")),
        (None, Some(max)) => facts.push(format!("value at most {max}")),
        (None, None) => {}
    }
    if let Some(pattern) = &c.pattern {
        // Control characters (a tab or carriage return in a character class) are shown
        // escaped, as the pattern's author wrote them.
        let pattern: String = pattern
            .chars()
            .map(|c| {
                if c.is_control() {
                    c.escape_default().to_string()
                } else {
                    c.to_string()
                }
            })
            .collect();
        let fence = if pattern.contains('`') { "``" } else { "`" };
        let space = if pattern.starts_with('`') || pattern.ends_with('`') {
            " "
        } else {
            ""
        };
        facts.push(format!("pattern {fence}{space}{pattern}{space}{fence}"));
    }
    if member.required {
        facts.insert(0, "required".to_owned());
    }
    if facts.is_empty() {
        String::new()
    } else {
        format!("*Constraints:* {}.", facts.join(", "))
    }
}
