//! Syntax trees built directly rather than parsed from tokens: types (parsed once per
//! thread and cloned), attributes, fields and variants. The emitters fill
//! templates (`emit/template.rs`) with these.

use std::cell::RefCell;
use std::collections::BTreeMap;

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use crate::emit::common::{doc_line, ident, rust_type};
use crate::emit::literals::lit_expr;
use crate::emit::template::{Fill, Template};
use crate::ir::{Member, Operation, RustType};

/// `#[doc = "…"]` attributes (rendered as `///` lines) for Markdown text; none when empty.
pub fn doc_attrs(markdown: &str) -> Vec<syn::Attribute> {
    markdown
        .lines()
        .map(|line| {
            outer_attr(syn::Meta::NameValue(syn::MetaNameValue {
                path: ident("doc").into(),
                eq_token: Default::default(),
                value: lit_expr(doc_line(line)),
            }))
        })
        .collect()
}

/// `#[name(tokens)]`, built without parsing `tokens`: syn keeps the tokens of such an
/// attribute as they are, so this is the tree parsing it would give.
pub fn list_attr(name: &str, tokens: TokenStream) -> syn::Attribute {
    outer_attr(syn::Meta::List(syn::MetaList {
        path: ident(name).into(),
        delimiter: syn::MacroDelimiter::Paren(Default::default()),
        tokens,
    }))
}

/// `#[meta]`.
fn outer_attr(meta: syn::Meta) -> syn::Attribute {
    syn::Attribute {
        pound_token: Default::default(),
        style: syn::AttrStyle::Outer,
        bracket_token: Default::default(),
        meta,
    }
}

/// Outer attributes written as tokens (`#[derive(…)]`, `#[serde(…)]`, `#[deprecated(…)]`),
/// parsed. The generator writes them with `quote!` around string literals, so they always
/// parse; a failure is a bug in the generator, never in a model.
pub fn parse_attrs(tokens: TokenStream) -> Vec<syn::Attribute> {
    if tokens.is_empty() {
        return Vec::new();
    }
    syn::parse::Parser::parse2(syn::Attribute::parse_outer, tokens)
        .expect("the generator writes valid attributes")
}

/// Methods written as tokens, parsed: for the rarer ones that are not worth a template.
/// The generator writes them with `quote!` from identifiers and literals, so they always
/// parse; a failure is a bug in the generator, never in a model.
pub fn parse_methods(tokens: TokenStream) -> Vec<syn::ImplItem> {
    let methods: syn::ItemImpl = syn::parse2(quote! { impl Methods { #tokens } })
        .expect("the generator writes valid methods");
    methods.items
}

/// `pub struct name { fields }` with `attrs`.
pub fn pub_struct(
    attrs: Vec<syn::Attribute>,
    name: Ident,
    fields: impl IntoIterator<Item = syn::Field>,
) -> syn::ItemStruct {
    syn::ItemStruct {
        attrs,
        vis: syn::Visibility::Public(Default::default()),
        struct_token: Default::default(),
        ident: name,
        generics: syn::Generics::default(),
        fields: syn::Fields::Named(syn::FieldsNamed {
            brace_token: Default::default(),
            named: fields.into_iter().collect(),
        }),
        semi_token: None,
    }
}

/// The enum variant `name` (without fields) with `attrs`.
pub fn unit_variant(attrs: Vec<syn::Attribute>, name: Ident) -> syn::Variant {
    syn::Variant {
        attrs,
        ident: name,
        fields: syn::Fields::Unit,
        discriminant: None,
    }
}

/// The field `pub name: ty` with `attrs`.
pub fn pub_field(attrs: Vec<syn::Attribute>, name: Ident, ty: syn::Type) -> syn::Field {
    syn::Field {
        attrs,
        vis: syn::Visibility::Public(Default::default()),
        modifiers: syn::FieldModifiers::default(),
        ident: Some(name),
        colon_token: Some(Default::default()),
        ty,
        default: None,
    }
}

/// `receiver.method(args)`.
pub fn method_call(
    receiver: syn::Expr,
    method: &str,
    args: impl IntoIterator<Item = syn::Expr>,
) -> syn::Expr {
    syn::Expr::MethodCall(syn::ExprMethodCall {
        attrs: Vec::new(),
        receiver: Box::new(receiver),
        dot_token: Default::default(),
        method: ident(method),
        turbofish: None,
        paren_token: Default::default(),
        args: args.into_iter().collect(),
    })
}

/// The expression naming a local variable or parameter.
pub fn var(name: &Ident) -> syn::Expr {
    syn::Expr::Path(syn::ExprPath {
        attrs: Vec::new(),
        qself: None,
        path: name.clone().into(),
    })
}

thread_local! {
    /// The parsed type of every [`RustType`] this thread has needed.
    static TYPES: RefCell<BTreeMap<RustType, syn::Type>> = const { RefCell::new(BTreeMap::new()) };
}

/// The parsed [`rust_type`] of `ty`, parsed once per thread.
pub fn syn_type(ty: &RustType) -> syn::Type {
    TYPES.with(|types| {
        types
            .borrow_mut()
            .entry(ty.clone())
            .or_insert_with(|| syn::parse2(rust_type(ty)).expect("rust_type writes a valid type"))
            .clone()
    })
}

/// Generic wrappers around a type, parsed once per thread.
struct Wrappers {
    option: Template<syn::Type>,
    boxed: Template<syn::Type>,
    into: Template<syn::Type>,
}

thread_local! {
    static WRAPPERS: Wrappers = Wrappers {
        option: Template::parse(quote! { Option<__T> }),
        boxed: Template::parse(quote! { Box<__T> }),
        into: Template::parse(quote! { impl Into<__T> }),
    };
}

/// `Option<ty>`.
pub fn option_of(ty: syn::Type) -> syn::Type {
    WRAPPERS.with(|w| w.option.fill(&[("__T", Fill::Type(ty))]))
}

/// `Box<ty>`.
pub fn box_of(ty: syn::Type) -> syn::Type {
    WRAPPERS.with(|w| w.boxed.fill(&[("__T", Fill::Type(ty))]))
}

/// `impl Into<ty>`.
pub fn into_of(ty: syn::Type) -> syn::Type {
    WRAPPERS.with(|w| w.into.fill(&[("__T", Fill::Type(ty))]))
}

/// The declared type of a structure field: boxed and/or optional as the IR says.
pub fn field_type(member: &Member) -> syn::Type {
    let mut ty = syn_type(&member.ty);
    if member.boxed {
        ty = box_of(ty);
    }
    if member.optional {
        ty = option_of(ty);
    }
    ty
}

/// The success type of an operation's method.
pub fn output_type(op: &Operation) -> syn::Type {
    match &op.output {
        Some(output) => syn_type(&RustType::Named(output.clone())),
        None => syn_type(&RustType::Unit),
    }
}

#[cfg(test)]
mod tests {
    use quote::ToTokens;

    use super::syn_type;
    use crate::ir::RustType;

    /// The text of a type as syn writes it, so that token spacing does not matter.
    fn written(ty: syn::Type) -> String {
        ty.into_token_stream().to_string()
    }

    #[test]
    fn each_rust_type_has_its_own_parsed_type() {
        let map = RustType::Map {
            key: Box::new(RustType::String),
            value: Box::new(RustType::Named("Thing".to_owned())),
            sparse: true,
        };
        let list = RustType::List {
            item: Box::new(RustType::Blob),
            sparse: false,
        };
        for _ in 0..2 {
            assert_eq!(
                written(syn_type(&map)),
                written(syn::parse_quote! { ::std::collections::HashMap<String, Option<Thing>> })
            );
            assert_eq!(
                written(syn_type(&list)),
                written(syn::parse_quote! { Vec<::smithy_lean_runtime::Blob> })
            );
        }
    }
}
