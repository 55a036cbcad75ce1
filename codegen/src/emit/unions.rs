//! Unions: a Rust enum with one variant per member and a catch-all `Unknown` that keeps the
//! name of a member this crate version does not know. On the wire a union is a JSON object
//! with exactly one non-null member.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::common::{deprecated, doc, ident, or};
use crate::emit::structs::REDACTED;
use crate::emit::syntax::field_type;
use crate::ir::{RustType, Union};
use crate::naming::UNKNOWN_VARIANT;

/// Emits a union with its serde and `Debug` impls.
pub fn emit_union(u: &Union) -> TokenStream {
    let name = ident(&u.name);
    let unknown = ident(UNKNOWN_VARIANT);
    let fallback = format!("Exactly one member of `{}`.", u.wire_name);
    let docs = doc(or(&u.docs, &fallback));
    let union_deprecated = deprecated(&u.deprecated);
    let variants = u.variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let fallback = format!("The `{}` member.", v.wire_name);
        let docs = doc(or(&v.docs, &fallback));
        let deprecated = deprecated(&v.deprecated);
        if v.ty == RustType::Unit {
            quote! { #docs #deprecated #variant, }
        } else {
            let ty = field_type(v);
            quote! { #docs #deprecated #variant(#ty), }
        }
    });
    let debug_arms = u.variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let label = &v.rust_name;
        match (&v.ty, u.sensitive || v.sensitive) {
            (RustType::Unit, _) => quote! { Self::#variant => f.write_str(#label), },
            (_, true) => quote! {
                Self::#variant(_) => f.debug_tuple(#label).field(&#REDACTED).finish(),
            },
            (_, false) => quote! {
                Self::#variant(value) => f.debug_tuple(#label).field(value).finish(),
            },
        }
    });
    let serialize_arms = u.variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let wire = &v.wire_name;
        if v.ty == RustType::Unit {
            quote! { Self::#variant => map.serialize_entry(#wire, &EmptyObject {})?, }
        } else {
            quote! { Self::#variant(value) => map.serialize_entry(#wire, value)?, }
        }
    });
    let deserialize_arms = u.variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let wire = &v.wire_name;
        if v.ty == RustType::Unit {
            quote! {
                #wire => map.next_value::<Option<de::IgnoredAny>>()?.map(|_| #name::#variant),
            }
        } else {
            let ty = field_type(v);
            quote! {
                #wire => map.next_value::<Option<#ty>>()?.map(#name::#variant),
            }
        }
    });
    let visitor = ident(&format!("{}Visitor", u.name));
    let expecting = format!("a {} union object", u.name);
    let has_unit = u.variants.iter().any(|v| v.ty == RustType::Unit);
    let empty_object = has_unit.then(|| {
        quote! {
            #[derive(::serde::Serialize)]
            struct EmptyObject {}
        }
    });
    quote! {
        #docs
        #union_deprecated
        #[derive(Clone, PartialEq)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// A member this version of the crate does not know; only its name is kept.
            #unknown(::smithy_lean_runtime::UnknownVariant),
        }

        impl ::std::fmt::Debug for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                match self {
                    #(#debug_arms)*
                    Self::#unknown(member) => f.debug_tuple(#UNKNOWN_VARIANT).field(member).finish(),
                }
            }
        }

        /// The empty unknown member: what a missing required member decodes to.
        impl Default for #name {
            fn default() -> Self {
                Self::#unknown(::smithy_lean_runtime::__private::unknown_variant(""))
            }
        }

        /// Unknown members cannot be sent: serializing one is an error.
        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                use ::serde::ser::{Error as _, SerializeMap as _};
                #empty_object
                let mut map = serializer.serialize_map(Some(1))?;
                match self {
                    #(#serialize_arms)*
                    Self::#unknown(member) => {
                        return Err(S::Error::custom(format_args!(
                            "cannot send the unknown union member `{}`",
                            member.as_str()
                        )));
                    }
                }
                map.end()
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                use ::serde::de::{self, MapAccess};

                struct #visitor;

                impl<'de> de::Visitor<'de> for #visitor {
                    type Value = #name;

                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str(#expecting)
                    }

                    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                        let mut found = None;
                        while let Some(key) = map.next_key::<String>()? {
                            let value = match key.as_str() {
                                #(#deserialize_arms)*
                                "__type" => map.next_value::<de::IgnoredAny>().map(|_| None)?,
                                other => map
                                    .next_value::<Option<de::IgnoredAny>>()?
                                    .map(|_| #name::#unknown(::smithy_lean_runtime::__private::unknown_variant(other))),
                            };
                            if value.is_some() {
                                if found.is_some() {
                                    return Err(de::Error::custom(
                                        "more than one union member is set",
                                    ));
                                }
                                found = value;
                            }
                        }
                        found.ok_or_else(|| de::Error::custom("no union member is set"))
                    }
                }

                deserializer.deserialize_map(#visitor)
            }
        }
    }
}
