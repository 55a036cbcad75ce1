//! Templates: Rust written with `quote!` once, parsed once per thread, and filled in for
//! every use by replacing its placeholder names (`__setter`, `__Param`, `__value`, …).
//! Cloning a parsed tree costs a small fraction of building its tokens and parsing them
//! again, which is what the hottest emitters (a builder's setters) would otherwise do for
//! every member of every input.

use std::cell::RefCell;
use std::collections::BTreeMap;

use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;
use syn::parse::Parse;
use syn::visit_mut::{self, VisitMut};

use crate::emit::common::{doc_line, ident, rust_type};
use crate::ir::{Member, Operation, RustType};

/// A syntax tree with placeholders, parsed from tokens the generator itself writes.
pub struct Template<T>(T);

impl<T: Parse + Clone + Tree> Template<T> {
    /// Parses the template; its tokens are the generator's own constant Rust, which a unit
    /// test parses, so a failure here is a bug in the generator, never in a model.
    pub fn parse(tokens: TokenStream) -> Self {
        Template(syn::parse2(tokens).expect("a template is valid Rust"))
    }

    /// A copy of the tree with every placeholder in `fills` replaced by its value.
    pub fn fill(&self, fills: &[(&str, Fill)]) -> T {
        let mut tree = self.0.clone();
        tree.visit(&mut Filler(fills));
        tree
    }
}

/// What replaces a placeholder.
pub enum Fill {
    /// An identifier (a function, field or method name).
    Ident(Ident),
    /// A type, for a placeholder written where a type goes.
    Type(syn::Type),
    /// An expression, for a placeholder written where an expression goes.
    Expr(syn::Expr),
    /// A `#[doc = __doc]` line (the text after `///`).
    Doc(String),
    /// A string literal, for a placeholder written where an expression or a pattern goes.
    Str(String),
    /// An array expression of these elements.
    Array(Vec<syn::Expr>),
    /// Match arms, for the arm `__arms => {}` of a `match`.
    Arms(Vec<syn::Arm>),
}

/// The syntax trees templates are made of.
pub trait Tree {
    /// Walks the tree with `visitor`.
    fn visit(&mut self, visitor: &mut impl VisitMut);
}

impl Tree for syn::ImplItemFn {
    fn visit(&mut self, visitor: &mut impl VisitMut) {
        visitor.visit_impl_item_fn_mut(self);
    }
}

impl Tree for syn::ItemImpl {
    fn visit(&mut self, visitor: &mut impl VisitMut) {
        visitor.visit_item_impl_mut(self);
    }
}

impl Tree for syn::TraitItemFn {
    fn visit(&mut self, visitor: &mut impl VisitMut) {
        visitor.visit_trait_item_fn_mut(self);
    }
}

impl Tree for syn::ItemTrait {
    fn visit(&mut self, visitor: &mut impl VisitMut) {
        visitor.visit_item_trait_mut(self);
    }
}

impl Tree for syn::Stmt {
    fn visit(&mut self, visitor: &mut impl VisitMut) {
        visitor.visit_stmt_mut(self);
    }
}

impl Tree for syn::ItemEnum {
    fn visit(&mut self, visitor: &mut impl VisitMut) {
        visitor.visit_item_enum_mut(self);
    }
}

impl Tree for syn::Arm {
    fn visit(&mut self, visitor: &mut impl VisitMut) {
        visitor.visit_arm_mut(self);
    }
}

impl Tree for syn::ItemStruct {
    fn visit(&mut self, visitor: &mut impl VisitMut) {
        visitor.visit_item_struct_mut(self);
    }
}

impl Tree for syn::Type {
    fn visit(&mut self, visitor: &mut impl VisitMut) {
        visitor.visit_type_mut(self);
    }
}

impl Tree for syn::Expr {
    fn visit(&mut self, visitor: &mut impl VisitMut) {
        visitor.visit_expr_mut(self);
    }
}

struct Filler<'a>(&'a [(&'a str, Fill)]);

impl Filler<'_> {
    fn find(&self, name: &Ident) -> Option<&Fill> {
        self.0
            .iter()
            .find(|(placeholder, _)| name == placeholder)
            .map(|(_, fill)| fill)
    }
}

impl VisitMut for Filler<'_> {
    fn visit_ident_mut(&mut self, ident: &mut Ident) {
        if let Some(Fill::Ident(value)) = self.find(ident) {
            *ident = value.clone();
        }
    }

    fn visit_type_mut(&mut self, ty: &mut syn::Type) {
        if let syn::Type::Path(path) = ty
            && path.qself.is_none()
            && let Some(Fill::Type(value)) = path.path.get_ident().and_then(|p| self.find(p))
        {
            *ty = value.clone();
            return;
        }
        visit_mut::visit_type_mut(self, ty);
    }

    fn visit_expr_mut(&mut self, expr: &mut syn::Expr) {
        if let syn::Expr::Path(path) = expr
            && path.qself.is_none()
        {
            match path.path.get_ident().and_then(|p| self.find(p)) {
                Some(Fill::Expr(value)) => return *expr = value.clone(),
                Some(Fill::Doc(text)) => return *expr = lit_expr(doc_line(text)),
                Some(Fill::Str(text)) => return *expr = str_expr(text),
                Some(Fill::Array(elems)) => return *expr = array_expr(elems.clone()),
                _ => {}
            }
        }
        visit_mut::visit_expr_mut(self, expr);
    }

    fn visit_pat_mut(&mut self, pat: &mut syn::Pat) {
        if let syn::Pat::Ident(binding) = pat
            && let Some(Fill::Str(text)) = self.find(&binding.ident)
        {
            *pat = syn::Pat::Lit(syn::PatLit {
                attrs: Vec::new(),
                lit: syn::Lit::new(Literal::string(text)),
            });
            return;
        }
        visit_mut::visit_pat_mut(self, pat);
    }

    fn visit_expr_match_mut(&mut self, node: &mut syn::ExprMatch) {
        visit_mut::visit_expr_match_mut(self, node);
        let placeholder = node.arms.iter().position(|arm| match &arm.pat {
            syn::Pat::Ident(binding) => matches!(self.find(&binding.ident), Some(Fill::Arms(_))),
            _ => false,
        });
        if let Some(index) = placeholder
            && let syn::Pat::Ident(binding) = &node.arms[index].pat
            && let Some(Fill::Arms(arms)) = self.find(&binding.ident)
        {
            node.arms.splice(index..=index, arms.iter().cloned());
        }
    }
}

/// `[elems]`.
fn array_expr(elems: Vec<syn::Expr>) -> syn::Expr {
    syn::Expr::Array(syn::ExprArray {
        attrs: Vec::new(),
        bracket_token: Default::default(),
        elems: elems.into_iter().collect(),
    })
}

/// A string literal as an expression.
pub fn str_expr(text: &str) -> syn::Expr {
    lit_expr(Literal::string(text))
}

/// A literal as an expression.
fn lit_expr(literal: Literal) -> syn::Expr {
    syn::Expr::Lit(syn::ExprLit {
        attrs: Vec::new(),
        lit: syn::Lit::new(literal),
    })
}

/// `#[doc = "…"]` attributes (rendered as `///` lines) for Markdown text; none when empty.
pub fn doc_attrs(markdown: &str) -> Vec<syn::Attribute> {
    markdown
        .lines()
        .map(|line| syn::Attribute {
            pound_token: Default::default(),
            style: syn::AttrStyle::Outer,
            bracket_token: Default::default(),
            meta: syn::Meta::NameValue(syn::MetaNameValue {
                path: ident("doc").into(),
                eq_token: Default::default(),
                value: lit_expr(doc_line(line)),
            }),
        })
        .collect()
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
    use quote::{ToTokens, format_ident, quote};

    use super::{Fill, Template, option_of, syn_type, var};
    use crate::ir::RustType;

    #[test]
    fn placeholders_are_replaced_and_everything_else_kept() {
        let template: Template<syn::ImplItemFn> = Template::parse(quote! {
            #[doc = __doc]
            pub fn __name(self, value: __Param) -> Self {
                self.__other(__value, __kept)
            }
        });
        let filled = template.fill(&[
            ("__doc", Fill::Doc("Sets `X`.".to_owned())),
            ("__name", Fill::Ident(format_ident!("x"))),
            ("__other", Fill::Ident(format_ident!("set_x"))),
            ("__Param", Fill::Type(option_of(syn_type(&RustType::I32)))),
            ("__value", Fill::Expr(var(&format_ident!("value")))),
        ]);
        let expected: syn::ImplItemFn = syn::parse_quote! {
            #[doc = r" Sets `X`."]
            pub fn x(self, value: Option<i32>) -> Self {
                self.set_x(value, __kept)
            }
        };
        assert_eq!(
            filled.into_token_stream().to_string(),
            expected.into_token_stream().to_string()
        );
    }

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
