//! `use` items for a generated module's references to the crate's own model types and
//! errors, computed from what the module's IR needs, so every import is used and none is
//! missing. (Runtime, serde and standard library items are written by absolute path.)

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::common::ident;
use crate::ir::RustType;

/// The imports of one module, grouped by path.
#[derive(Debug, Default)]
pub struct Imports {
    groups: BTreeMap<&'static str, BTreeSet<String>>,
}

impl Imports {
    /// Imports `name` from `path` (`smithy_lean_runtime`, `serde`, …).
    pub fn add(&mut self, path: &'static str, name: &str) {
        self.groups.entry(path).or_default().insert(name.to_owned());
    }

    /// Imports the model types (from `model_types`) a value of `ty` names. Runtime and
    /// standard library types are written by absolute path instead, so a model type of the
    /// same name cannot clash with them.
    pub fn add_type(&mut self, ty: &RustType, model_types: &'static str) {
        match ty {
            RustType::Named(name) => self.add(model_types, name),
            RustType::List { item, .. } => self.add_type(item, model_types),
            RustType::Map { key, value, .. } => {
                self.add_type(key, model_types);
                self.add_type(value, model_types);
            }
            _ => {}
        }
    }

    /// The `use` items, sorted by path.
    pub fn to_tokens(&self) -> TokenStream {
        let items = self.groups.iter().map(|(path, names)| {
            let segments = path.split("::").map(ident);
            let names = names.iter().map(|name| ident(name));
            quote! { use #(#segments)::*::{#(#names),*}; }
        });
        quote! { #(#items)* }
    }
}
