//! Literal expressions (`"text"`, `[a, b]`) built directly: the leaves that both the
//! directly built syntax (`emit/syntax.rs`) and the template filler (`emit/template.rs`) use.

use proc_macro2::Literal;

/// `[elems]`.
pub fn array_expr(elems: Vec<syn::Expr>) -> syn::Expr {
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
pub fn lit_expr(literal: Literal) -> syn::Expr {
    syn::Expr::Lit(syn::ExprLit {
        attrs: Vec::new(),
        lit: syn::Lit::new(literal),
    })
}
