//! Rust expressions for `@default` values.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

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
        _ => quote! { Default::default() },
    };
    if boxed {
        quote! { Box::new(#value) }
    } else {
        value
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
