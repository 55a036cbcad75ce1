//! Input builders: `builder()`, `validate()`, and a builder type per operation input with a
//! setter and an `Option` setter per member (lists and maps get appenders instead of plain
//! setters). The builder of an input the client sends is generic over an attached client,
//! so the same type serves `Input::builder()` and the client's fluent methods
//! (`client.list_users()`), whose `send` and paginators `emit/fluent.rs` adds.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::common::{deprecated, doc, ident, rust_type};
use crate::ir::{Member, RustType, SetterNames, Struct};

/// `builder()`, `validate()` and the builder type of an operation input.
pub fn input_impls(s: &Struct) -> TokenStream {
    let name = ident(&s.name);
    let sendable = s.builder.as_ref().is_some_and(|b| b.sendable);
    let builder_name = s
        .builder
        .as_ref()
        .map_or_else(|| format!("{}Builder", s.name), |b| b.name.clone());
    let builder = ident(&builder_name);
    let shape = &s.wire_name;
    let required: Vec<TokenStream> = s
        .members
        .iter()
        .filter(|m| m.required && m.optional)
        .map(|member| {
            let field = ident(&member.rust_name);
            let wire = &member.wire_name;
            quote! { (#wire, self.#field.is_some()) }
        })
        .collect();
    let check = if required.is_empty() {
        quote! { Ok(()) }
    } else {
        quote! { ::smithy_lean_runtime::__private::check_required(#shape, &[#(#required),*]) }
    };
    let start_doc =
        format!("Starts building this input; [`{builder_name}::build`] checks required members.");
    let builder_type = builder_type(s, &builder, sendable);
    quote! {
        impl #name {
            #[doc = #start_doc]
            pub fn builder() -> #builder {
                #builder::default()
            }

            /// Checks that every member the model marks required is set.
            pub fn validate(&self) -> Result<(), ::smithy_lean_runtime::BuildError> {
                #check
            }
        }

        #builder_type
    }
}

/// The builder struct and its methods. A builder the client can send is generic over an
/// attached client `C` (`()` when none); other inputs' builders hold only the input.
fn builder_type(s: &Struct, builder: &proc_macro2::Ident, sendable: bool) -> TokenStream {
    let name = ident(&s.name);
    let setter_names = s.builder.as_ref().map_or(&[][..], |b| &b.setters[..]);
    let setters = s
        .members
        .iter()
        .zip(setter_names)
        .map(|(member, names)| member_setters(member, names));
    let build = quote! {
        /// Returns the input, or which required member is missing.
        pub fn build(self) -> Result<#name, ::smithy_lean_runtime::BuildError> {
            self.inner.validate()?;
            Ok(self.inner)
        }
    };
    let plain_doc = format!(
        "Builds a [`{name}`]; see [`{name}::builder`].",
        name = s.name
    );
    if !sendable {
        return quote! {
            #[doc = #plain_doc]
            #[derive(Clone, Debug, Default)]
            pub struct #builder {
                inner: #name,
            }

            impl #builder {
                #(#setters)*
                #build
            }
        };
    }
    let docs = doc(&format!(
        "{plain_doc}\n\nWith a client attached (`C`: see \
         [`with_client`](Self::with_client)) it can also send the request."
    ));
    quote! {
        #docs
        #[derive(Clone, Debug, Default)]
        pub struct #builder<C = ()> {
            pub(crate) inner: #name,
            pub(crate) client: C,
        }

        impl<C> #builder<C> {
            #(#setters)*

            /// Attaches `client`: the service's client or any implementation of its trait.
            pub fn with_client<D>(self, client: D) -> #builder<D> {
                #builder { inner: self.inner, client }
            }

            #build
        }
    }
}

/// A member's two setters: `foo(value)` (for a list `foo(item)`, for a map
/// `foo(key, value)`, adding to what is there) and `set_foo(Option<…>)`.
fn member_setters(member: &Member, names: &SetterNames) -> TokenStream {
    let field = ident(&member.rust_name);
    let deprecated = deprecated(&member.deprecated);
    let wire = &member.wire_name;
    let setter = ident(&names.setter);
    let option_setter = ident(&names.option_setter);
    let plain = match (&member.ty, member.boxed) {
        (RustType::List { item, sparse }, false) => {
            let (param, value) = argument(item, *sparse, quote! { item });
            let target = collection(member, quote! { Vec::new });
            let docs = format!("Adds one item to `{wire}`.");
            quote! {
                #[doc = #docs]
                #deprecated
                pub fn #setter(mut self, item: #param) -> Self {
                    #target.push(#value);
                    self
                }
            }
        }
        (RustType::Map { key, value, sparse }, false) => {
            let (key_param, key_value) = argument(key, false, quote! { key });
            let (value_param, value_value) = argument(value, *sparse, quote! { value });
            let target = collection(member, quote! { ::std::collections::HashMap::new });
            let docs = format!("Adds one entry to `{wire}` (replacing one with the same key).");
            quote! {
                #[doc = #docs]
                #deprecated
                pub fn #setter(mut self, key: #key_param, value: #value_param) -> Self {
                    #target.insert(#key_value, #value_value);
                    self
                }
            }
        }
        _ => {
            let (param, mut value) = argument(&member.ty, false, quote! { value });
            if member.optional {
                value = quote! { Some(#value) };
            }
            let docs = format!("Sets `{wire}`.");
            quote! {
                #[doc = #docs]
                #deprecated
                pub fn #setter(self, value: #param) -> Self {
                    self.#option_setter(#value)
                }
            }
        }
    };
    let ty = rust_type(&member.ty);
    let (param, value, docs) = match (member.optional, member.boxed) {
        (true, true) => (
            quote! { Option<#ty> },
            quote! { value.map(Box::new) },
            format!("Sets or clears `{wire}`."),
        ),
        (true, false) => (
            quote! { Option<#ty> },
            quote! { value },
            format!("Sets or clears `{wire}`."),
        ),
        (false, true) => (ty, quote! { Box::new(value) }, format!("Sets `{wire}`.")),
        (false, false) => (ty, quote! { value }, format!("Sets `{wire}`.")),
    };
    quote! {
        #plain

        #[doc = #docs]
        #deprecated
        pub fn #option_setter(mut self, value: #param) -> Self {
            self.inner.#field = #value;
            self
        }
    }
}

/// The parameter type a setter takes for a value of `ty` (`impl Into<…>` for strings and
/// generated types) and the expression converting `name` to it.
fn argument(ty: &RustType, sparse: bool, name: TokenStream) -> (TokenStream, TokenStream) {
    let rust = rust_type(ty);
    if sparse {
        (quote! { Option<#rust> }, name)
    } else if matches!(ty, RustType::String | RustType::Named(_)) {
        (quote! { impl Into<#rust> }, quote! { #name.into() })
    } else {
        (rust, name)
    }
}

/// The list or map a member's appender adds to, created with `empty` when unset.
fn collection(member: &Member, empty: TokenStream) -> TokenStream {
    let field = ident(&member.rust_name);
    if member.optional {
        quote! { self.inner.#field.get_or_insert_with(#empty) }
    } else {
        quote! { self.inner.#field }
    }
}
