//! String and integer enums: one variant per known value plus a forward-compatible
//! `Unknown` that keeps (and round-trips) values this crate version has not seen.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;

use crate::emit::common::{deprecated, doc, doc_with, ident, or};
use crate::ir::{Deprecation, Enum, IntEnum};
use crate::naming::UNKNOWN_VARIANT;

/// The parts every enum starts with: its name, the catch-all variant's name, and the
/// enum's docs (a fallback when the model has none) and deprecation attributes.
fn enum_head(
    name: &str,
    wire_name: &str,
    docs: &str,
    deprecation: &Option<Deprecation>,
) -> (Ident, Ident, TokenStream) {
    let fallback = format!("Values of `{}`.", wire_name);
    let docs = doc(or(docs, &fallback));
    let deprecated = deprecated(deprecation);
    (
        ident(name),
        ident(UNKNOWN_VARIANT),
        quote! { #docs #deprecated },
    )
}

/// Emits a string enum with its conversions and serde impls.
pub fn emit_enum(e: &Enum) -> TokenStream {
    let (name, unknown, head) = enum_head(&e.name, &e.wire_name, &e.docs, &e.deprecated);
    let variants = e.variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let wire_doc = format!("`{}`", v.wire_value);
        let docs = doc_with(&wire_doc, &v.docs);
        let deprecated = deprecated(&v.deprecated);
        quote! { #docs #deprecated #variant, }
    });
    let to_str = e.variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let wire = &v.wire_value;
        quote! { Self::#variant => #wire, }
    });
    let from_str = e.variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let wire = &v.wire_value;
        quote! { #wire => Self::#variant, }
    });
    let values = e.variants.iter().map(|v| &v.wire_value);
    quote! {
        #head
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// A value this version of the crate does not know; it is kept and sent back unchanged.
            #unknown(::smithy_lean_runtime::UnknownVariant),
        }

        impl #name {
            /// The value as it appears on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(#to_str)*
                    Self::#unknown(value) => value.as_str(),
                }
            }

            /// Every value this version of the crate knows, in model order.
            pub const fn values() -> &'static [&'static str] {
                &[#(#values),*]
            }
        }

        impl From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #(#from_str)*
                    other => Self::#unknown(::smithy_lean_runtime::__private::unknown_variant(other)),
                }
            }
        }

        ::smithy_lean_runtime::__private::string_enum_impls!(#name);
    }
}

/// Emits an integer enum with its conversions and serde impls.
pub fn emit_int_enum(e: &IntEnum) -> TokenStream {
    let (name, unknown, head) = enum_head(&e.name, &e.wire_name, &e.docs, &e.deprecated);
    let variants = e.variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let docs = doc_with(&format!("`{}`", v.value), &v.docs);
        quote! { #docs #variant, }
    });
    let literal = |value: i32| {
        let magnitude = Literal::u32_unsuffixed(value.unsigned_abs());
        if value < 0 {
            quote! { -#magnitude }
        } else {
            quote! { #magnitude }
        }
    };
    let to_int = e.variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let value = literal(v.value);
        quote! { Self::#variant => #value, }
    });
    let from_int = e.variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let value = literal(v.value);
        quote! { #value => Self::#variant, }
    });
    let values = e.variants.iter().map(|v| literal(v.value));
    quote! {
        #head
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// A value this version of the crate does not know; it is kept and sent back unchanged.
            #unknown(i32),
        }

        impl #name {
            /// The value as it appears on the wire.
            pub fn value(self) -> i32 {
                match self {
                    #(#to_int)*
                    Self::#unknown(value) => value,
                }
            }

            /// Every value this version of the crate knows, in model order.
            pub const fn values() -> &'static [i32] {
                &[#(#values),*]
            }
        }

        impl From<i32> for #name {
            fn from(value: i32) -> Self {
                match value {
                    #(#from_int)*
                    other => Self::#unknown(other),
                }
            }
        }

        ::smithy_lean_runtime::__private::int_enum_impls!(#name);
    }
}
