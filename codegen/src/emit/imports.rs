//! `use` items for a generated module, computed from what the module's IR needs, so every
//! import is used and none is missing.

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
    /// Imports `name` from `path` (`crate::runtime`, `serde`, …).
    pub fn add(&mut self, path: &'static str, name: &str) {
        self.groups.entry(path).or_default().insert(name.to_owned());
    }

    /// Imports everything a value of `ty` names: runtime types, `HashMap`, model types.
    pub fn add_type(&mut self, ty: &RustType, model_types: Option<&'static str>) {
        match ty {
            RustType::Blob => self.add("crate::runtime", "Blob"),
            RustType::Timestamp(_) => self.add("crate::runtime", "DateTime"),
            RustType::Document => self.add("crate::runtime", "Document"),
            RustType::Named(name) => {
                if let Some(path) = model_types {
                    self.add(path, name);
                }
            }
            RustType::List { item, .. } => self.add_type(item, model_types),
            RustType::Map { key, value, .. } => {
                self.add("std::collections", "HashMap");
                self.add_type(key, model_types);
                self.add_type(value, model_types);
            }
            _ => {}
        }
    }

    /// The `use` items, standard library first, then external crates, then the crate's own.
    pub fn to_tokens(&self) -> TokenStream {
        let rank = |path: &str| {
            if path.starts_with("std") {
                0
            } else if path.starts_with("crate") {
                2
            } else {
                1
            }
        };
        let mut paths: Vec<&&str> = self.groups.keys().collect();
        paths.sort_by_key(|path| (rank(path), **path));
        let items = paths.into_iter().map(|path| {
            let names = &self.groups[*path];
            let segments = path.split("::").map(ident);
            if names.len() == 1 && names.contains("self") {
                quote! { use #(#segments)::*; }
            } else {
                let names = names.iter().map(|name| ident(name));
                quote! { use #(#segments)::*::{#(#names),*}; }
            }
        });
        quote! { #(#items)* }
    }
}
