//! The client: a trait with one async method per operation (default bodies return
//! `Error::NotImplemented`, so a test double implements only what it needs), and the
//! concrete `Client` that sends requests through the runtime (its fluent methods are in
//! `emit/fluent.rs`).

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::common::{deprecated, ident, or};
use crate::emit::fluent;
use crate::emit::syntax::{doc_attrs, output_type, parse_attrs};
use crate::emit::template::{Fill, Template};
use crate::ir::{Auth, Operation, Service};
use crate::render::Items;

/// Emits `client.rs` for an awsJson service.
pub fn emit_client(service: &Service, json_version: &str) -> Items {
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
    let client_doc = doc_attrs(&client_doc);
    let mut items = Items::from(service_spec);
    TEMPLATES.with(|templates| {
        let trait_fill = || [("__Trait", Fill::Ident(trait_name.clone()))];
        let mut client_trait = templates.client_trait.fill(&trait_fill());
        client_trait.attrs = doc_attrs(&trait_doc);
        client_trait.items = (service.operations.iter())
            .map(|op| syn::TraitItem::Fn(templates.trait_method(op)))
            .collect();
        items.push(syn::Item::Trait(client_trait));
        let mut client = templates.client.clone();
        client.attrs.splice(0..0, client_doc);
        items.push(syn::Item::Struct(client));
        let mut client_impl = templates.client_impl.clone();
        client_impl.items.extend(
            (service.operations.iter())
                .filter_map(|op| fluent::entry_method(service, op))
                .map(syn::ImplItem::Fn),
        );
        items.push(syn::Item::Impl(client_impl));
        let mut trait_impl = templates.trait_impl.fill(&trait_fill());
        trait_impl.items = (service.operations.iter())
            .map(|op| syn::ImplItem::Fn(templates.impl_method(op)))
            .collect();
        items.push(syn::Item::Impl(trait_impl));
    });
    for op in &service.operations {
        if let Some(send_impl) = fluent::send_impl(service, op) {
            items.push(syn::Item::Impl(send_impl));
        }
    }
    if service.operations.iter().any(|op| op.input.is_none()) {
        items.push_tokens(quote! {
            /// The body of an operation that has no input: `{}`.
            #[derive(::serde::Serialize)]
            struct NoInput {}
        });
    }
    items
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

/// The client's items, parsed once per thread and filled in per operation.
struct Templates {
    /// The trait, without docs and methods.
    client_trait: Template<syn::ItemTrait>,
    /// The `Client` struct, without docs.
    client: syn::ItemStruct,
    /// `impl Client` with its own methods, before the fluent ones.
    client_impl: syn::ItemImpl,
    /// The trait's impl for `Client`, without methods.
    trait_impl: Template<syn::ItemImpl>,
    /// A trait method, with its default body, of an operation with an input.
    trait_method: Template<syn::TraitItemFn>,
    /// The same without an input.
    trait_method_without_input: Template<syn::TraitItemFn>,
    /// `Client`'s method of an operation with an input and an output.
    call: Template<syn::ImplItemFn>,
    /// … with an input and no output.
    call_without_output: Template<syn::ImplItemFn>,
    /// … with an output and no input.
    call_without_input: Template<syn::ImplItemFn>,
    /// … with neither.
    call_without_input_or_output: Template<syn::ImplItemFn>,
    /// The operation's spec: signed, unsigned, and with a host prefix.
    signed: Template<syn::Expr>,
    unsigned: Template<syn::Expr>,
    with_host_prefix: Template<syn::Expr>,
    /// The first statement of a method that fills in idempotency tokens…
    rebind_input: syn::Stmt,
    /// … and the filling of one.
    fill_token: Template<syn::Stmt>,
}

thread_local! {
    static TEMPLATES: Templates = Templates::parse();
}

impl Templates {
    fn parse() -> Self {
        let result = quote! { Result<__Output, Error<__Error>> };
        let unit_result = quote! { Result<(), Error<__Error>> };
        let call_ignoring_output = quote! {
            self.core.call::<_, ::serde::de::IgnoredAny, _>
        };
        Templates {
            client_trait: Template::parse(quote! {
                pub trait __Trait: Send + Sync {}
            }),
            client: syn::parse_quote! {
                #[derive(Clone, Debug)]
                pub struct Client {
                    core: ::smithy_lean_runtime::__private::ClientCore,
                }
            },
            client_impl: syn::parse_quote! {
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
                }
            },
            trait_impl: Template::parse(quote! { impl __Trait for Client {} }),
            trait_method: Template::parse(quote! {
                fn __method(&self, input: __Input) -> impl Future<Output = #result> + Send {
                    let _ = input;
                    ::std::future::ready(Err(Error::NotImplemented(__wire)))
                }
            }),
            trait_method_without_input: Template::parse(quote! {
                fn __method(&self) -> impl Future<Output = #result> + Send {
                    ::std::future::ready(Err(Error::NotImplemented(__wire)))
                }
            }),
            call: Template::parse(quote! {
                async fn __method(&self, input: __Input) -> #result {
                    input.validate()?;
                    self.core.call(__spec, &input).await
                }
            }),
            call_without_output: Template::parse(quote! {
                async fn __method(&self, input: __Input) -> #unit_result {
                    input.validate()?;
                    #call_ignoring_output(__spec, &input).await.map(|_| ())
                }
            }),
            call_without_input: Template::parse(quote! {
                async fn __method(&self) -> #result {
                    self.core.call(__spec, &NoInput {}).await
                }
            }),
            call_without_input_or_output: Template::parse(quote! {
                async fn __method(&self) -> #unit_result {
                    #call_ignoring_output(__spec, &NoInput {}).await.map(|_| ())
                }
            }),
            signed: Template::parse(quote! {
                ::smithy_lean_runtime::__private::OperationSpec::signed(__wire)
            }),
            unsigned: Template::parse(quote! {
                ::smithy_lean_runtime::__private::OperationSpec::unsigned(__wire)
            }),
            with_host_prefix: Template::parse(quote! { __spec.with_host_prefix(__prefix) }),
            rebind_input: syn::parse_quote! { let mut input = input; },
            fill_token: Template::parse(quote! {
                input.__field.get_or_insert_with(::smithy_lean_runtime::__private::idempotency_token);
            }),
        }
    }

    /// The trait's method of `op`, whose default body returns `Error::NotImplemented`.
    fn trait_method(&self, op: &Operation) -> syn::TraitItemFn {
        let fallback = format!("Calls `{}`.", op.wire_name);
        let mut docs = or(&op.docs, &fallback).to_owned();
        if let Some(reason) = &op.unpaginated {
            docs = format!("{docs}\n\n*Pagination:* {reason}.");
        }
        let template = match op.input {
            Some(_) => &self.trait_method,
            None => &self.trait_method_without_input,
        };
        let mut fills = signature(op);
        fills.push(("__wire", Fill::Str(op.wire_name.clone())));
        let mut method = template.fill(&fills);
        method.attrs = doc_attrs(&docs);
        method.attrs.extend(parse_attrs(deprecated(&op.deprecated)));
        method
    }

    /// `Client`'s implementation of the trait's method of `op`.
    fn impl_method(&self, op: &Operation) -> syn::ImplItemFn {
        let wire = || Fill::Str(op.wire_name.clone());
        let mut spec = match op.auth {
            Auth::SigV4 => self.signed.fill(&[("__wire", wire())]),
            Auth::None => self.unsigned.fill(&[("__wire", wire())]),
        };
        if let Some(template) = &op.host_prefix {
            spec = self.with_host_prefix.fill(&[
                ("__spec", Fill::Expr(spec)),
                ("__prefix", Fill::Str(template.clone())),
            ]);
        }
        let template = match (&op.input, &op.output) {
            (Some(_), Some(_)) => &self.call,
            (Some(_), None) => &self.call_without_output,
            (None, Some(_)) => &self.call_without_input,
            (None, None) => &self.call_without_input_or_output,
        };
        let mut fills = signature(op);
        fills.push(("__spec", Fill::Expr(spec)));
        let mut method = template.fill(&fills);
        if !op.idempotency_tokens.is_empty() {
            let fills = op.idempotency_tokens.iter().map(|field| {
                self.fill_token
                    .fill(&[("__field", Fill::Ident(ident(field)))])
            });
            let first = std::iter::once(self.rebind_input.clone());
            method.block.stmts.splice(0..0, first.chain(fills));
        }
        method
    }
}

/// What fills the placeholders of an operation's method signature: its name, input (when it
/// has one), output and error types.
fn signature(op: &Operation) -> Vec<(&'static str, Fill)> {
    let mut fills = vec![
        ("__method", Fill::Ident(ident(&op.method_name))),
        ("__Output", Fill::Type(output_type(op))),
        ("__Error", Fill::Ident(ident(&op.error_name))),
    ];
    if let Some(input) = &op.input {
        fills.push(("__Input", Fill::Ident(ident(input))));
    }
    fills
}
