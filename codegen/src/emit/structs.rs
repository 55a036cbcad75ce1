//! Structures: serde derives exact on the awsJson wire, redacting `Debug`, `Default` that
//! honours `@default`, and for operation inputs their builders (`emit/builders.rs`).

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::builders::input_impls;
use crate::emit::common::{constraints_doc, deprecated, ident, or, with_extra};
use crate::emit::defaults::default_expr;
use crate::emit::literals::str_expr;
use crate::emit::serde_attrs::{RenameRule, field_serde_attrs};
use crate::emit::syntax::{
    doc_attrs, field_type, list_attr, method_call, parse_attrs, pub_field, pub_struct,
};
use crate::emit::template::{Fill, Template};
use crate::ir::{Member, RustType, Struct, StructRole};
use crate::render::Items;

/// The redaction text shown by `Debug` in place of sensitive values.
pub const REDACTED: &str = "*** Sensitive Data Redacted ***";

/// Emits a structure and its impls.
pub fn emit_struct(s: &Struct) -> Items {
    let name = ident(&s.name);
    let fallback = format!("The `{}` structure.", s.wire_name);
    let error_kind = error_kind_doc(&s.role);
    let mut attrs = doc_attrs(&with_extra(or(&s.docs, &fallback), &error_kind));
    let struct_deprecated = deprecated(&s.deprecated);
    let rule = RenameRule::best_for(&s.members);
    let container_attr = match rule.attr_value() {
        Some(rule) => quote! { rename_all = #rule, default },
        None => quote! { default },
    };
    let fields = s.members.iter().map(|member| {
        let fallback = format!("`{}`.", member.wire_name);
        let constraints = constraints_doc(member);
        let mut attrs = doc_attrs(&with_extra(or(&member.docs, &fallback), &constraints));
        attrs.extend(parse_attrs(deprecated(&member.deprecated)));
        attrs.extend(field_serde_attrs(member, rule, message_alias(s, member)));
        pub_field(attrs, ident(&member.rust_name), field_type(member))
    });
    let needs_manual_debug = s.sensitive || s.members.iter().any(|m| m.sensitive);
    let needs_manual_default = s.members.iter().any(|m| m.default.is_some());
    let mut derives = vec![quote! { Clone }];
    if !needs_manual_debug {
        derives.push(quote! { Debug });
    }
    if !needs_manual_default {
        derives.push(quote! { Default });
    }
    derives.extend([
        quote! { PartialEq },
        quote! { ::serde::Serialize },
        quote! { ::serde::Deserialize },
    ]);
    attrs.extend(parse_attrs(struct_deprecated));
    attrs.push(list_attr("derive", quote! { #(#derives),* }));
    attrs.push(list_attr("serde", container_attr));

    let mut items = Items::default();
    items.push(syn::Item::Struct(pub_struct(attrs, name, fields)));
    if needs_manual_debug {
        items.push(syn::Item::Impl(debug_impl(s)));
    }
    if needs_manual_default {
        items.push_tokens(default_impl(s));
    }
    if s.role == StructRole::Input {
        items.append(input_impls(s));
    }
    if matches!(s.role, StructRole::Error(_)) {
        items.push_tokens(error_impls(s));
    }
    items
}

/// `Debug` that prints `REDACTED` in place of sensitive values: a template whose body is
/// the chain `f.debug_struct(…).field(…)….finish()`, built call by call.
fn debug_impl(s: &Struct) -> syn::ItemImpl {
    DEBUG.with(|debug| {
        let mut chain = debug.start.fill(&[("__name", Fill::Str(s.name.clone()))]);
        for member in &s.members {
            let value = if s.sensitive || member.sensitive {
                debug.redacted.clone()
            } else {
                (debug.field).fill(&[("__field", Fill::Ident(ident(&member.rust_name)))])
            };
            let label = str_expr(member.rust_name.trim_start_matches("r#"));
            chain = method_call(chain, "field", [label, value]);
        }
        debug.definition.fill(&[
            ("__Name", Fill::Ident(ident(&s.name))),
            ("__body", Fill::Expr(method_call(chain, "finish", []))),
        ])
    })
}

/// The parts of a redacting `Debug` impl, parsed once per thread.
struct DebugTemplates {
    definition: Template<syn::ItemImpl>,
    start: Template<syn::Expr>,
    field: Template<syn::Expr>,
    redacted: syn::Expr,
}

thread_local! {
    static DEBUG: DebugTemplates = DebugTemplates {
        definition: Template::parse(quote! {
            impl ::std::fmt::Debug for __Name {
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    __body
                }
            }
        }),
        start: Template::parse(quote! { f.debug_struct(__name) }),
        field: Template::parse(quote! { &self.__field }),
        redacted: syn::parse_quote! { &#REDACTED },
    };
}

fn default_impl(s: &Struct) -> TokenStream {
    let name = ident(&s.name);
    let fields = s.members.iter().map(|member| {
        let field = ident(&member.rust_name);
        let value = match &member.default {
            Some(default) => default_expr(&member.ty, default, member.boxed),
            None => quote! { Default::default() },
        };
        quote! { #field: #value, }
    });
    quote! {
        impl Default for #name {
            fn default() -> Self {
                Self { #(#fields)* }
            }
        }
    }
}

/// What kind of error a shape is, for its docs: fault side, HTTP status, retry behaviour.
fn error_kind_doc(role: &StructRole) -> String {
    let StructRole::Error(info) = role else {
        return String::new();
    };
    let side = if info.server_fault {
        "A server-side error"
    } else {
        "A client-side error"
    };
    let status = info
        .http_status
        .map(|status| format!(" (HTTP {status})"))
        .unwrap_or_default();
    let retry = match (info.retryable, info.throttling) {
        (_, true) => "; the client retries it as throttling",
        (true, false) => "; the client retries it",
        (false, false) => "",
    };
    format!("*Error:* {side}{status}{retry}.")
}

/// The member of an error shape that carries its message (`message` in any casing).
fn message_member(s: &Struct) -> Option<&Member> {
    s.members
        .iter()
        .find(|m| m.wire_name.eq_ignore_ascii_case("message") && m.ty == RustType::String)
}

/// The serde alias of an error's message member, so that services answering `Message`
/// where the model says `message` (or the reverse) keep their message.
fn message_alias(s: &Struct, member: &Member) -> Option<&'static str> {
    if !matches!(s.role, StructRole::Error(_)) || !std::ptr::eq(message_member(s)?, member) {
        return None;
    }
    let other = if member.wire_name == "message" {
        "Message"
    } else {
        "message"
    };
    (member.wire_name != other).then_some(other)
}

/// `Display` (code and message) and `std::error::Error` for an error shape. The message is
/// server text: it prints through the runtime's sanitising, length-capping wrapper.
fn error_impls(s: &Struct) -> TokenStream {
    let name = ident(&s.name);
    let code = &s.wire_name;
    let write_message = match message_member(s) {
        Some(member) if !member.sensitive && !s.sensitive => {
            let field = ident(&member.rust_name);
            let text = quote! { ::smithy_lean_runtime::ServerText };
            let value = if member.optional {
                quote! {
                    if let Some(message) = &self.#field {
                        write!(f, ": {}", #text::new(message))?;
                    }
                }
            } else {
                quote! { write!(f, ": {}", #text::new(&self.#field))?; }
            };
            quote! { #value }
        }
        _ => TokenStream::new(),
    };
    quote! {
        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(#code)?;
                #write_message
                Ok(())
            }
        }

        impl ::std::error::Error for #name {}
    }
}
