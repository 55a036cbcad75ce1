//! Rust expressions for `@default` values.

use proc_macro2::{Literal, TokenStream};
use quote::quote;
use serde_json::Value;

use crate::emit::common::ident;
use crate::ir::{DefaultValue, RustType};

/// The expression that builds `default` as a value of `ty` (boxed when asked).
pub fn default_expr(ty: &RustType, default: &DefaultValue, boxed: bool) -> TokenStream {
    let value = match (ty, default) {
        (_, DefaultValue::Bool(value)) => quote! { #value },
        (_, DefaultValue::Int(value)) => signed(value.unsigned_abs(), *value < 0),
        (_, DefaultValue::Float(value)) => {
            let literal = Literal::f64_unsuffixed(value.abs());
            if *value < 0.0 {
                quote! { -#literal }
            } else {
                quote! { #literal }
            }
        }
        (RustType::Named(name), DefaultValue::String(value)) => {
            let name = ident(name);
            quote! { #name::from(#value) }
        }
        (RustType::Named(name), DefaultValue::IntEnum(value)) => {
            let name = ident(name);
            let value = signed(u64::from(value.unsigned_abs()), *value < 0);
            quote! { #name::from(#value) }
        }
        (_, DefaultValue::String(value)) => quote! { String::from(#value) },
        (_, DefaultValue::Timestamp(secs)) => {
            // Validation keeps the value finite and within years 1..=9999, so the casts are exact.
            let whole = secs.floor();
            let nanos = (((secs - whole) * 1e9).round() as u32).min(999_999_999);
            let whole = signed((whole as i64).unsigned_abs(), whole < 0.0);
            let nanos = Literal::u32_unsuffixed(nanos);
            quote! { ::smithy_lean_runtime::DateTime::from_secs_and_nanos(#whole, #nanos) }
        }
        (_, DefaultValue::Blob(bytes)) => {
            let bytes = Literal::byte_string(bytes);
            quote! { ::smithy_lean_runtime::Blob::new(#bytes) }
        }
        (_, DefaultValue::Document(value)) => document_expr(value),
        _ => quote! { Default::default() },
    };
    if boxed {
        quote! { Box::new(#value) }
    } else {
        value
    }
}

/// The expression that builds a `Document` (a `serde_json::Value`) equal to `value`.
fn document_expr(value: &Value) -> TokenStream {
    let document = quote! { ::smithy_lean_runtime::Document };
    match value {
        Value::Null => quote! { #document::Null },
        Value::Bool(value) => quote! { #document::Bool(#value) },
        Value::Number(number) => match (number.as_i64(), number.as_u64(), number.as_f64()) {
            (Some(value), _, _) => {
                let value = Literal::i64_suffixed(value);
                quote! { #document::from(#value) }
            }
            (None, Some(value), _) => {
                let value = Literal::u64_suffixed(value);
                quote! { #document::from(#value) }
            }
            (None, None, value) => {
                let value = Literal::f64_suffixed(value.unwrap_or_default());
                quote! { #document::from(#value) }
            }
        },
        Value::String(text) => quote! { #document::from(#text) },
        Value::Array(items) => {
            let items = items.iter().map(document_expr);
            quote! { #document::Array(vec![#(#items),*]) }
        }
        Value::Object(entries) if entries.is_empty() => {
            quote! { #document::Object(Default::default()) }
        }
        Value::Object(entries) => {
            let entries = entries.iter().map(|(key, value)| {
                let value = document_expr(value);
                quote! { (String::from(#key), #value) }
            });
            quote! { #document::Object([#(#entries),*].into_iter().collect()) }
        }
    }
}

fn signed(magnitude: u64, negative: bool) -> TokenStream {
    let literal = Literal::u64_unsuffixed(magnitude);
    if negative {
        quote! { -#literal }
    } else {
        quote! { #literal }
    }
}
