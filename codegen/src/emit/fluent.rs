//! The client's fluent API: `client.list_users()` starts the input's builder with the
//! client attached, and the builder can `send()` the request, or for a paginated
//! operation page through it (`into_paginator()`) or stream its `items()`. The builder
//! type is the input's own (`emit/builders.rs`), generic over the attached client, so no
//! setter is written twice; `send` and the paginators work with any implementation of the
//! service trait. An input that several operations share (DynamoDB's Enable- and
//! DisableKinesisStreamingDestination) has no fluent form: its builder cannot know which
//! operation `send()` means, so those operations are called through the trait.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::common::{deprecated, ident, rust_type};
use crate::emit::syntax::{output_type, parse_attrs, parse_methods};
use crate::emit::template::{Fill, Template};
use crate::ir::{FieldRef, Operation, Pagination, RustType, Service};

/// The fluent methods, parsed once per thread and filled in per operation.
struct Templates {
    entry: Template<syn::ImplItemFn>,
    send: Template<syn::ItemImpl>,
}

thread_local! {
    static TEMPLATES: Templates = Templates {
        entry: Template::parse(quote! {
            #[doc = __doc]
            pub fn __method(&self) -> __Builder<Client> {
                __Input::builder().with_client(self.clone())
            }
        }),
        send: Template::parse(quote! {
            impl<C: __Trait> __Builder<C> {
                #[doc = __doc]
                pub async fn send(self) -> Result<__Output, Error<__Error>> {
                    self.client.__method(self.inner).await
                }
            }
        }),
    };
}

/// `pub fn list_users(&self) -> ListUsersRequestBuilder<Client>` on `Client`; `None` for an
/// operation without input (the trait method takes no argument then).
pub fn entry_method(service: &Service, op: &Operation) -> Option<syn::ImplItemFn> {
    let input = ident(op.input.as_ref()?);
    let builder = ident(op.builder.as_ref()?);
    let docs = format!(
        "Starts a `{}` request ([`{}::{}`]): set its members, then `send()` it.",
        op.wire_name,
        service.trait_name,
        op.method_name.trim_start_matches("r#"),
    );
    let mut entry = TEMPLATES.with(|templates| {
        templates.entry.fill(&[
            ("__doc", Fill::Doc(docs)),
            ("__method", Fill::Ident(ident(&op.method_name))),
            ("__Builder", Fill::Ident(builder)),
            ("__Input", Fill::Ident(input)),
        ])
    });
    entry.attrs.extend(parse_attrs(deprecated(&op.deprecated)));
    Some(entry)
}

/// `send()`, and for a paginated operation `into_paginator()` and `items()`, on the input's
/// builder with a client attached.
pub fn send_impl(service: &Service, op: &Operation) -> Option<syn::ItemImpl> {
    let builder = ident(op.builder.as_ref()?);
    let docs = format!(
        "Sends the `{}` request through the attached client.",
        op.wire_name
    );
    let mut send_impl = TEMPLATES.with(|templates| {
        templates.send.fill(&[
            ("__doc", Fill::Doc(docs)),
            ("__Trait", Fill::Ident(ident(&service.trait_name))),
            ("__Builder", Fill::Ident(builder)),
            ("__method", Fill::Ident(ident(&op.method_name))),
            ("__Output", Fill::Type(output_type(op))),
            ("__Error", Fill::Ident(ident(&op.error_name))),
        ])
    });
    if let Some(paginators) =
        (op.pagination.as_ref()).and_then(|pagination| paginator_methods(op, pagination))
    {
        send_impl.items.extend(parse_methods(paginators));
    }
    Some(send_impl)
}

/// `into_paginator()` and, when the model names the items, `items()`.
fn paginator_methods(op: &Operation, pagination: &Pagination) -> Option<TokenStream> {
    let input = ident(op.input.as_ref()?);
    let output = ident(op.output.as_ref()?);
    let error = ident(&op.error_name);
    let method = ident(&op.method_name);
    let token_field = ident(&pagination.input_token.field);
    let set_token = if pagination.input_token.optional {
        quote! { input.#token_field = token; }
    } else {
        quote! { input.#token_field = token.unwrap_or_default(); }
    };
    let get_token = token_path(&pagination.output_token);
    let mut pages_doc = format!(
        "Every page of `{}`, following the `{}` token until the service stops sending one \
         (or sends the same token twice).",
        op.wire_name,
        pagination.input_token.field.trim_start_matches("r#")
    );
    if let Some(page_size) = &pagination.page_size {
        let field = page_size.field.trim_start_matches("r#");
        pages_doc.push_str(&format!(" Set `{field}` to choose the page size."));
    }
    let items = items_method(op, pagination, &output, &error);
    Some(quote! {
        #[doc = #pages_doc]
        pub fn into_paginator(self) -> ::smithy_lean_runtime::Paginator<#output, #error>
        where
            C: 'static,
        {
            ::smithy_lean_runtime::__private::pages(
                self.client,
                self.inner,
                |input: &mut #input, token| { #set_token },
                |output: &#output| #get_token,
                |client, input| async move { client.#method(input).await },
            )
        }
        #items
    })
}

fn items_method(
    op: &Operation,
    pagination: &Pagination,
    output: &proc_macro2::Ident,
    error: &proc_macro2::Ident,
) -> Option<TokenStream> {
    let items = pagination.items.as_ref()?;
    let (item, collect) = if items.is_map {
        let RustType::Map { key, value, .. } = &items.item_type else {
            return None;
        };
        let (key, value) = (rust_type(key), rust_type(value));
        (quote! { (#key, #value) }, quote! { .into_iter().collect() })
    } else {
        (rust_type(&items.item_type), TokenStream::new())
    };
    let owned = owned_path(&items.path, quote! { output });
    let docs = format!(
        "Every item of `{}` across all pages, one at a time.",
        op.wire_name
    );
    Some(quote! {
        #[doc = #docs]
        pub fn items(self) -> ::smithy_lean_runtime::Paginator<#item, #error>
        where
            C: 'static,
        {
            ::smithy_lean_runtime::__private::items(
                self.into_paginator(),
                |output: #output| #owned.unwrap_or_default() #collect,
            )
        }
    })
}

/// `Option<&str>` expression reading the token at `path` from `output`.
fn token_path(path: &[FieldRef]) -> TokenStream {
    if let [only] = path {
        let field = ident(&only.field);
        return if only.optional {
            quote! { output.#field.as_deref() }
        } else {
            quote! { Some(output.#field.as_str()) }
        };
    }
    let mut expr = quote! { Some(output) };
    for step in path {
        let field = ident(&step.field);
        expr = if step.optional {
            quote! { #expr.and_then(|value| value.#field.as_ref()) }
        } else {
            quote! { #expr.map(|value| &value.#field) }
        };
    }
    quote! { #expr.map(String::as_str) }
}

/// `Option<T>` expression moving out along `path` from `root`.
fn owned_path(path: &[FieldRef], root: TokenStream) -> TokenStream {
    let mut expr = quote! { Some(#root) };
    for step in path {
        let field = ident(&step.field);
        expr = if step.optional {
            quote! { #expr.and_then(|value| value.#field) }
        } else {
            quote! { #expr.map(|value| value.#field) }
        };
    }
    expr
}
