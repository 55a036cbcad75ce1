//! The client: a trait with one async method per operation (default bodies return
//! `Error::NotImplemented`, so a test double implements only what it needs), paginator
//! methods, and the concrete `Client` that sends requests through the runtime.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::common::{deprecated, doc, ident, or, rust_type};
use crate::ir::{Auth, FieldRef, Operation, Pagination, Service, StructRole, TypeDef};

/// Emits `client.rs` for an awsJson service.
pub fn emit_client(service: &Service, json_version: &str) -> TokenStream {
    let trait_name = ident(&service.trait_name);
    let mut trait_doc = format!(
        "Every operation of {}, one async method each.\n\n\
         [`Client`] implements it against the real service. Each method has a default body \
         that returns [`Error::NotImplemented`](crate::Error::NotImplemented), so a test double implements only the \
         methods a test needs.",
        service.title
    );
    if let Some(note) = unsupported_note(service) {
        trait_doc = format!("{trait_doc}\n\n{note}");
    }
    let trait_doc = doc(&trait_doc);
    let trait_methods = service.operations.iter().map(trait_method);
    let paginators = service.operations.iter().filter_map(paginator_methods);
    let impl_methods = service.operations.iter().map(impl_method);
    let service_spec = service_spec(service, json_version);
    let client_doc = format!(
        "A client for {}: cheap to clone, safe to share between tasks.",
        service.title
    );
    let no_input = service
        .operations
        .iter()
        .any(|op| op.input.is_none())
        .then(|| {
            quote! {
                /// The body of an operation that has no input: `{}`.
                #[derive(::serde::Serialize)]
                struct NoInput {}
            }
        });
    quote! {
        #service_spec

        #trait_doc
        pub trait #trait_name: Send + Sync {
            #(#trait_methods)*
            #(#paginators)*
        }

        #[doc = #client_doc]
        #[derive(Clone, Debug)]
        pub struct Client {
            core: ::smithy_lean_runtime::__private::ClientCore,
        }

        impl Client {
            /// A client that uses `config`.
            pub fn new(config: ::smithy_lean_runtime::Config) -> Self {
                Self { core: ::smithy_lean_runtime::__private::ClientCore::new(&SERVICE, config) }
            }

            /// A client configured from the standard `AWS_*` environment variables.
            pub fn from_env() -> Self {
                Self::new(::smithy_lean_runtime::Config::from_env())
            }

            /// The configuration this client sends requests with.
            pub fn config(&self) -> &::smithy_lean_runtime::Config {
                self.core.config()
            }
        }

        impl #trait_name for Client {
            #(#impl_methods)*
        }

        #no_input
    }
}

/// Markdown listing the operations the client leaves out, and why; `None` when it has all.
pub fn unsupported_note(service: &Service) -> Option<String> {
    if service.unsupported_operations.is_empty() {
        return None;
    }
    let items: Vec<String> = service
        .unsupported_operations
        .iter()
        .map(|op| format!("- `{}`: {}.", op.wire_name, op.reason))
        .collect();
    Some(format!(
        "Operations without a method (their [input and output types](crate::types) are \
         still generated):\n\n{}",
        items.join("\n")
    ))
}

fn service_spec(service: &Service, json_version: &str) -> TokenStream {
    let target_prefix = &service.wire_name;
    let signing_name = service.signing_name.clone().unwrap_or_default();
    let rules = match &service.endpoint_rules {
        Some(_) => quote! { Some(include_str!("endpoint_rules.json")) },
        None => quote! { None },
    };
    let errors = || {
        service.types.iter().filter_map(|ty| match ty {
            TypeDef::Struct(s) => match &s.role {
                StructRole::Error(info) => Some((s.wire_name.clone(), info.clone())),
                _ => None,
            },
            _ => None,
        })
    };
    let retryable = errors()
        .filter(|(_, info)| info.retryable && !info.throttling)
        .map(|(code, _)| code);
    let throttling = errors()
        .filter(|(_, info)| info.throttling)
        .map(|(code, _)| code);
    let query_compatible = service.query_compatible;
    quote! {
        /// What the runtime needs to know about the service.
        static SERVICE: ::smithy_lean_runtime::__private::ServiceSpec = ::smithy_lean_runtime::__private::ServiceSpec {
            target_prefix: #target_prefix,
            json_version: #json_version,
            signing_name: #signing_name,
            endpoint_rules: #rules,
            retryable_errors: &[#(#retryable),*],
            throttling_errors: &[#(#throttling),*],
            query_compatible: #query_compatible,
        };
    }
}

/// The success type of an operation's method.
fn output_type(op: &Operation) -> TokenStream {
    match &op.output {
        Some(output) => {
            let output = ident(output);
            quote! { #output }
        }
        None => quote! { () },
    }
}

fn signature(op: &Operation) -> (TokenStream, TokenStream) {
    let error = ident(&op.error_name);
    let output = output_type(op);
    let params = match &op.input {
        Some(input) => {
            let input = ident(input);
            quote! { input: #input }
        }
        None => TokenStream::new(),
    };
    (
        params,
        quote! { Result<#output, ::smithy_lean_runtime::Error<#error>> },
    )
}

fn trait_method(op: &Operation) -> TokenStream {
    let method = ident(&op.method_name);
    let (params, result) = signature(op);
    let fallback = format!("Calls `{}`.", op.wire_name);
    let mut docs = or(&op.docs, &fallback).to_owned();
    if let Some(reason) = &op.unpaginated {
        docs = format!("{docs}\n\n*Pagination:* {reason}.");
    }
    let docs = doc(&docs);
    let deprecated = deprecated(&op.deprecated);
    let wire = &op.wire_name;
    let ignore_input = op.input.as_ref().map(|_| quote! { let _ = input; });
    quote! {
        #docs
        #deprecated
        fn #method(&self, #params) -> impl Future<Output = #result> + Send {
            #ignore_input
            ::std::future::ready(Err(::smithy_lean_runtime::Error::NotImplemented(#wire)))
        }
    }
}

fn impl_method(op: &Operation) -> TokenStream {
    let method = ident(&op.method_name);
    let (params, result) = signature(op);
    let wire = &op.wire_name;
    let spec = match op.auth {
        Auth::SigV4 => quote! { ::smithy_lean_runtime::__private::OperationSpec::signed(#wire) },
        Auth::None => quote! { ::smithy_lean_runtime::__private::OperationSpec::unsigned(#wire) },
    };
    let spec = match &op.host_prefix {
        Some(template) => quote! { #spec.with_host_prefix(#template) },
        None => spec,
    };
    let fill_tokens = op.idempotency_tokens.iter().map(|field| {
        let field = ident(field);
        quote! { input.#field.get_or_insert_with(::smithy_lean_runtime::__private::idempotency_token); }
    });
    let fill_tokens = quote! { #(#fill_tokens)* };
    let input_binding = if op.idempotency_tokens.is_empty() {
        TokenStream::new()
    } else {
        quote! { let mut input = input; }
    };
    let body = match (&op.input, &op.output) {
        (Some(_), Some(_)) => quote! {
            #input_binding
            #fill_tokens
            input.validate()?;
            self.core.call(#spec, &input).await
        },
        (Some(_), None) => quote! {
            #input_binding
            #fill_tokens
            input.validate()?;
            self.core.call::<_, ::serde::de::IgnoredAny, _>(#spec, &input).await.map(|_| ())
        },
        (None, Some(_)) => quote! { self.core.call(#spec, &NoInput {}).await },
        (None, None) => quote! {
            self.core.call::<_, ::serde::de::IgnoredAny, _>(#spec, &NoInput {}).await.map(|_| ())
        },
    };
    quote! {
        async fn #method(&self, #params) -> #result {
            #body
        }
    }
}

/// `…_pages` and `…_items` methods for a paginated operation.
fn paginator_methods(op: &Operation) -> Option<TokenStream> {
    let pagination = op.pagination.as_ref()?;
    let input = ident(op.input.as_ref()?);
    let output = ident(op.output.as_ref()?);
    let error = ident(&op.error_name);
    let method = ident(&op.method_name);
    let pages = ident(&pagination.pages_method);
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
        pages_doc.push_str(&format!(
            " Set `{field}` on the input to choose the page size."
        ));
    }
    let items = items_method(op, pagination, &pages, &error);
    Some(quote! {
        #[doc = #pages_doc]
        fn #pages(
            &self,
            input: #input,
        ) -> impl ::smithy_lean_runtime::Stream<Item = Result<#output, ::smithy_lean_runtime::Error<#error>>> + Send + '_
        where
            Self: Sized,
        {
            ::smithy_lean_runtime::__private::paginate(
                input,
                |input: &mut #input, token| { #set_token },
                |output: &#output| #get_token,
                move |input| self.#method(input),
            )
        }
        #items
    })
}

fn items_method(
    op: &Operation,
    pagination: &Pagination,
    pages: &proc_macro2::Ident,
    error: &proc_macro2::Ident,
) -> Option<TokenStream> {
    let items = pagination.items.as_ref()?;
    let input = ident(op.input.as_ref()?);
    let method = ident(&pagination.items_method);
    let (item, collect) = if items.is_map {
        let crate::ir::RustType::Map { key, value, .. } = &items.item_type else {
            return None;
        };
        let (key, value) = (rust_type(key), rust_type(value));
        (quote! { (#key, #value) }, quote! { .into_iter().collect() })
    } else {
        (rust_type(&items.item_type), TokenStream::new())
    };
    let owned = owned_path(&items.path, quote! { output });
    let output = ident(op.output.as_ref()?);
    let docs = format!(
        "Every item of `{}` across all pages, one at a time.",
        op.wire_name
    );
    Some(quote! {
        #[doc = #docs]
        fn #method(
            &self,
            input: #input,
        ) -> impl ::smithy_lean_runtime::Stream<Item = Result<#item, ::smithy_lean_runtime::Error<#error>>> + Send + '_
        where
            Self: Sized,
        {
            ::smithy_lean_runtime::__private::items(self.#pages(input), |output: #output| #owned.unwrap_or_default() #collect)
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
