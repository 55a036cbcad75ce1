//! Templates: Rust written with `quote!` once, parsed once per thread, and filled in for
//! every use by replacing its placeholder names (`__setter`, `__Param`, `__value`, …).
//! Cloning a parsed tree costs a small fraction of building its tokens and parsing them
//! again, which is what the hottest emitters (a builder's setters) would otherwise do for
//! every member of every input.

use proc_macro2::{Ident, Literal, TokenStream};
use syn::parse::Parse;
use syn::visit_mut::{self, VisitMut};

use crate::emit::common::doc_line;
use crate::emit::literals::{array_expr, lit_expr, str_expr};

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

/// `Tree` for syntax types, each walked by its `visit_mut` function.
macro_rules! trees {
    ($($ty:ty => $visit:ident,)*) => {
        $(impl Tree for $ty {
            fn visit(&mut self, visitor: &mut impl VisitMut) {
                visitor.$visit(self);
            }
        })*
    };
}

trees! {
    syn::ItemImpl => visit_item_impl_mut,
    syn::ItemStruct => visit_item_struct_mut,
    syn::ItemEnum => visit_item_enum_mut,
    syn::ItemTrait => visit_item_trait_mut,
    syn::ImplItemFn => visit_impl_item_fn_mut,
    syn::TraitItemFn => visit_trait_item_fn_mut,
    syn::Stmt => visit_stmt_mut,
    syn::Arm => visit_arm_mut,
    syn::Expr => visit_expr_mut,
    syn::Type => visit_type_mut,
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

#[cfg(test)]
mod tests {
    use quote::{ToTokens, format_ident, quote};

    use super::{Fill, Template};
    use crate::emit::syntax::{option_of, syn_type, var};
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

    #[test]
    fn arms_arrays_and_string_patterns_go_where_their_placeholders_are() {
        let template: Template<syn::ImplItemFn> = Template::parse(quote! {
            fn f(value: &str) -> &[&str] {
                match value {
                    __first => {}
                    __arms => {}
                    _ => &__values,
                }
            }
        });
        let arm: Template<syn::Arm> = Template::parse(quote! { __wire => &[], });
        let arms = ["b", "c"].map(|wire| arm.fill(&[("__wire", Fill::Str(wire.to_owned()))]));
        let filled = template.fill(&[
            ("__first", Fill::Str("a".to_owned())),
            ("__arms", Fill::Arms(arms.into())),
            (
                "__values",
                Fill::Array(vec![syn::parse_quote!("x"), syn::parse_quote!("y")]),
            ),
        ]);
        let expected: syn::ImplItemFn = syn::parse_quote! {
            fn f(value: &str) -> &[&str] {
                match value {
                    "a" => {}
                    "b" => &[],
                    "c" => &[],
                    _ => &["x", "y"],
                }
            }
        };
        assert_eq!(
            filled.into_token_stream().to_string(),
            expected.into_token_stream().to_string()
        );
    }
}
