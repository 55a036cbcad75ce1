//! The client: a trait with one async method per operation (default bodies return
//! `Error::NotImplemented`, so a test double implements only what it needs), and the
//! concrete `Client` that sends requests through the runtime (its fluent methods are in
//! `emit/fluent.rs`).

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::common::{deprecated, doc, ident, or, output_type};
use crate::emit::fluent;
use crate::ir::{Auth, Operation, Service};

/// Emits `client.rs` for an awsJson service.
pub fn emit_client(service: &Service, json_version: &str) -> TokenStream {
    let trait_name = ident(&service.trait_name);
    let mut trait_doc = format!(
        "Every operation of {}, one async method each.\n\n\
         [`Client`] implements it against the real service. Each method has a default body \
         that returns [`Error::NotImplemented`], so a test double implements only the \
         methods a test needs.\n\n\
         The trait is not `dyn`-compatible: its methods return `impl Future`, so that \
         implementations can be `async fn`s and calls are not boxed. Code that must accept \
         either the client or a double is generic over the trait instead; code that holds \
         a concrete [`Client`] is tested by building it on a mock HTTP transport \
         ([`Config`](::smithy_lean_runtime::Config) takes any transport).",
        service.title
    );
    if let Some(note) = unsupported_note(service) {
        trait_doc = format!("{trait_doc}\n\n{note}");
    }
    let trait_doc = doc(&trait_doc);
    let trait_methods = service.operations.iter().map(trait_method);
    let impl_methods = service.operations.iter().map(impl_method);
    let service_spec = service_spec(service, json_version);
    let client_doc = format!(
        "A client for {}: cheap to clone, safe to share between tasks.\n\n\
         Each operation with an input has a fluent method that starts a request: \
         `client.{example}().…setters….send().await`, and paginated operations can \
         `into_paginator()` or stream their `items()`. The same operations are methods \
         of [`{trait_name}`] taking the input: call them on code generic over the trait \
         (or as `{trait_name}::{example}(&client, input)`), and implement the trait for \
         test doubles.",
        service.title,
        trait_name = service.trait_name,
        example = service
            .operations
            .iter()
            .find(|op| op.input.is_some())
            .map_or("operation", |op| op.method_name.trim_start_matches("r#")),
    );
    let client_doc = doc(&client_doc);
    let fluent_entries = service
        .operations
        .iter()
        .filter_map(|op| fluent::entry_method(service, op));
    let fluent_impls = service
        .operations
        .iter()
        .filter_map(|op| fluent::send_impl(service, op));
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
        }

        #client_doc
        #[derive(Clone, Debug)]
        pub struct Client {
            core: ::smithy_lean_runtime::__private::ClientCore,
        }

        impl Client {
            /// A client that uses `config`.
            pub fn new(config: ::smithy_lean_runtime::Config) -> Self {
                Self { core: ::smithy_lean_runtime::__private::ClientCore::new(&SERVICE, config) }
            }

            /// A client configured from the environment and shared config files, as the AWS CLI is (`Config::from_env`).
            pub fn from_env() -> Self {
                Self::new(::smithy_lean_runtime::Config::from_env())
            }

            /// The configuration this client sends requests with.
            pub fn config(&self) -> &::smithy_lean_runtime::Config {
                self.core.config()
            }

            #(#fluent_entries)*
        }

        impl #trait_name for Client {
            #(#impl_methods)*
        }

        #(#fluent_impls)*

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
    let service_id = &service.sdk_id;
    let rules = match &service.endpoint_rules {
        Some(_) => quote! { Some(include_str!("endpoint_rules.json")) },
        None => quote! { None },
    };
    let retryable = &service.retryable_errors;
    let throttling = &service.throttling_errors;
    let query_compatible = service.query_compatible;
    quote! {
        /// What the runtime needs to know about the service.
        static SERVICE: ::smithy_lean_runtime::__private::ServiceSpec = ::smithy_lean_runtime::__private::ServiceSpec {
            target_prefix: #target_prefix,
            json_version: #json_version,
            signing_name: #signing_name,
            service_id: #service_id,
            endpoint_rules: #rules,
            retryable_errors: &[#(#retryable),*],
            throttling_errors: &[#(#throttling),*],
            query_compatible: #query_compatible,
        };
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
    (params, quote! { Result<#output, Error<#error>> })
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
            ::std::future::ready(Err(Error::NotImplemented(#wire)))
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
