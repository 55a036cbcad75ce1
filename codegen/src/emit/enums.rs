//! String and integer enums: one variant per known value plus a forward-compatible
//! `Unknown` that keeps (and round-trips) values this crate version has not seen.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;

use crate::emit::common::{deprecated, doc_with, ident, or, with_extra};
use crate::emit::literals::str_expr;
use crate::emit::syntax::{doc_attrs, parse_attrs, unit_variant};
use crate::emit::template::{Fill, Template};
use crate::ir::{Deprecation, Enum, IntEnum};
use crate::naming::UNKNOWN_VARIANT;
use crate::render::Items;

/// The parts every enum starts with: its name, the catch-all variant's name, and the
/// enum's docs (a fallback when the model has none) and deprecation attributes.
fn enum_head(
    name: &str,
    wire_name: &str,
    docs: &str,
    deprecation: &Option<Deprecation>,
) -> (Ident, Ident, Vec<syn::Attribute>) {
    let fallback = format!("Values of `{}`.", wire_name);
    let mut attrs = doc_attrs(or(docs, &fallback));
    attrs.extend(parse_attrs(deprecated(deprecation)));
    (ident(name), ident(UNKNOWN_VARIANT), attrs)
}

/// A string enum's items, parsed once per thread and filled in per enum.
struct Templates {
    /// The enum, with only its catch-all variant and without docs.
    definition: Template<syn::ItemEnum>,
    /// `as_str()` and `values()`.
    methods: Template<syn::ItemImpl>,
    /// `From<&str>`.
    from_str: Template<syn::ItemImpl>,
    /// A variant's arm of `as_str()`…
    to_str_arm: Template<syn::Arm>,
    /// … and of `from()`.
    from_str_arm: Template<syn::Arm>,
}

thread_local! {
    static TEMPLATES: Templates = Templates {
        definition: Template::parse(quote! {
            #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
            #[non_exhaustive]
            pub enum __Name {
                /// A value this version of the crate does not know; it is kept and sent back unchanged.
                __Unknown(::smithy_lean_runtime::UnknownVariant),
            }
        }),
        methods: Template::parse(quote! {
            impl __Name {
                /// The value as it appears on the wire.
                pub fn as_str(&self) -> &str {
                    match self {
                        __arms => {}
                        Self::__Unknown(value) => value.as_str(),
                    }
                }

                /// Every value this version of the crate knows, in model order.
                pub const fn values() -> &'static [&'static str] {
                    &__values
                }
            }
        }),
        from_str: Template::parse(quote! {
            impl From<&str> for __Name {
                fn from(value: &str) -> Self {
                    match value {
                        __arms => {}
                        other => Self::__Unknown(::smithy_lean_runtime::__private::unknown_variant(other)),
                    }
                }
            }
        }),
        to_str_arm: Template::parse(quote! { Self::__variant => __wire, }),
        from_str_arm: Template::parse(quote! { __wire => Self::__variant, }),
    };
}

/// Emits a string enum with its conversions and serde impls.
pub fn emit_enum(e: &Enum) -> Items {
    let (name, unknown, head) = enum_head(&e.name, &e.wire_name, &e.docs, &e.deprecated);
    let mut items = Items::default();
    TEMPLATES.with(|templates| {
        let name = || ("__Name", Fill::Ident(name.clone()));
        let unknown = || ("__Unknown", Fill::Ident(unknown.clone()));
        let mut definition = templates.definition.fill(&[name(), unknown()]);
        definition.attrs.splice(0..0, head);
        let known = e.variants.iter().map(|v| {
            let wire_doc = format!("`{}`", v.wire_value);
            let mut attrs = doc_attrs(&with_extra(&wire_doc, &v.docs));
            attrs.extend(parse_attrs(deprecated(&v.deprecated)));
            unit_variant(attrs, ident(&v.rust_name))
        });
        definition.variants = known
            .chain(std::mem::take(&mut definition.variants))
            .collect();
        items.push(syn::Item::Enum(definition));
        let arms = |template: &Template<syn::Arm>| {
            let arms = e.variants.iter().map(|v| {
                template.fill(&[
                    ("__variant", Fill::Ident(ident(&v.rust_name))),
                    ("__wire", Fill::Str(v.wire_value.clone())),
                ])
            });
            Fill::Arms(arms.collect())
        };
        let values = e.variants.iter().map(|v| str_expr(&v.wire_value)).collect();
        items.push(syn::Item::Impl(templates.methods.fill(&[
            name(),
            unknown(),
            ("__arms", arms(&templates.to_str_arm)),
            ("__values", Fill::Array(values)),
        ])));
        items.push(syn::Item::Impl(templates.from_str.fill(&[
            name(),
            unknown(),
            ("__arms", arms(&templates.from_str_arm)),
        ])));
    });
    items.push_tokens(quote! {
        ::smithy_lean_runtime::__private::string_enum_impls!(#name);
    });
    items
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
        #(#head)*
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
