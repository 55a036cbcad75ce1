//! IR → Rust source files of the generated crate.

mod builders;
mod client;
mod common;
mod crate_files;
mod defaults;
mod enums;
mod errors;
mod fluent;
mod imports;
mod literals;
mod serde_attrs;
mod structs;
mod syntax;
mod template;
mod unions;

use std::ops::Range;

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::common::allow_own_deprecated;
use crate::ir::{RustType, Service, TypeDef};
use crate::output::{GeneratedFile, Options};
use crate::render::{Header, Items, finish_rust, pretty_print_all};
use imports::Imports;

pub use structs::REDACTED;

/// Every file of the generated crate, in a fixed order.
pub fn emit(service: &Service, options: &Options) -> Result<Vec<GeneratedFile>, String> {
    let header = Header {
        source: &options.source_name,
    };
    let with_client = service.protocol.has_client();
    let threads = match options.render_threads {
        0 => std::thread::available_parallelism().map_or(1, usize::from),
        threads => threads,
    };
    let parts = parts(service, threads);
    let printed = pretty_print_all(&parts, threads, |part| match part {
        Part::Client(json_version) => client_rs(service, json_version),
        Part::Error => error_rs(service).into(),
        Part::Types(range) => types_rs(service, range.clone()),
        Part::Lib => crate_files::lib_rs(service, with_client).into(),
    });
    let (mut client, mut error, mut types, mut lib) = (None, None, String::new(), String::new());
    for (part, printed) in parts.iter().zip(printed) {
        let printed = printed?;
        match part {
            Part::Client(_) => client = Some(printed),
            Part::Error => error = Some(printed),
            // The runs are in item order; their printed items join into the whole module.
            Part::Types(_) => types.push_str(&printed),
            Part::Lib => lib = printed,
        }
    }
    let mut files = vec![
        GeneratedFile::new(
            "Cargo.toml",
            crate_files::cargo_toml(service, &header, options, with_client),
        ),
        GeneratedFile::new("src/lib.rs", finish_rust(&header, &lib)),
        GeneratedFile::new("src/types.rs", finish_rust(&header, &types)),
    ];
    if let (Some(client), Some(error)) = (client, error) {
        files.push(GeneratedFile::new(
            "src/error.rs",
            finish_rust(&header, &error),
        ));
        files.push(GeneratedFile::new(
            "src/client.rs",
            finish_rust(&header, &client),
        ));
        if let Some(rules) = &service.endpoint_rules {
            files.push(GeneratedFile::new("src/endpoint_rules.json", rules.clone()));
        }
    }
    files.extend(service.examples.iter().map(|example| {
        // Each example under a header that says where to edit it.
        GeneratedFile::new(
            format!("examples/{}", example.name),
            format!(
                "{}{}",
                header.copied_from(&example.origin),
                example.contents
            ),
        )
    }));
    Ok(files)
}

/// A piece of the crate rendered on its own: a file, or a run of the items of `types.rs`.
enum Part<'a> {
    /// `src/client.rs`, with the awsJson version of its protocol.
    Client(&'a str),
    /// `src/error.rs`.
    Error,
    /// These data types of `src/types.rs` (the first run also has the module's docs).
    Types(Range<usize>),
    /// `src/lib.rs`.
    Lib,
}

/// The parts of the crate, biggest first. `types.rs` is about two thirds of the work
/// (building, parsing and printing its tokens), so with more than one thread its items are
/// cut into several runs per thread, which lets the threads finish at about the same time.
fn parts(service: &Service, threads: usize) -> Vec<Part<'_>> {
    let mut parts = Vec::new();
    if let Some(json_version) = service.protocol.json_version() {
        parts.extend([Part::Client(json_version), Part::Error]);
    }
    let runs = if threads > 1 { threads * 4 } else { 1 };
    let run_len = service.types.len().div_ceil(runs).max(1);
    parts.push(Part::Types(0..run_len.min(service.types.len())));
    parts.extend(
        (run_len..service.types.len())
            .step_by(run_len)
            .map(|start| Part::Types(start..(start + run_len).min(service.types.len()))),
    );
    parts.push(Part::Lib);
    parts
}

/// The data types in `range`, after the module's docs and attributes when it is the first run.
fn types_rs(service: &Service, range: Range<usize>) -> Items {
    let mut items = Items::default();
    if range.start == 0 {
        let allow_deprecated = allow_own_deprecated();
        let module_doc = format!(
            "Data types of {}: operation inputs and outputs, shared structures, enums, unions \
             and error shapes.",
            service.title
        );
        items.push_tokens(quote! {
            #![doc = #module_doc]
            #allow_deprecated
        });
    }
    for ty in &service.types[range] {
        match ty {
            TypeDef::Struct(s) => items.append(structs::emit_struct(s)),
            TypeDef::Enum(e) => items.append(enums::emit_enum(e)),
            TypeDef::IntEnum(e) => items.push_tokens(enums::emit_int_enum(e)),
            TypeDef::Union(u) => items.push_tokens(unions::emit_union(u)),
        }
    }
    items
}

fn error_rs(service: &Service) -> TokenStream {
    let mut imports = Imports::default();
    for error in service.operations.iter().flat_map(|op| &op.errors) {
        imports.add("crate::types", &error.type_name);
    }
    let codes_trait = errors::emit_error_codes_trait(service);
    let items = service
        .operations
        .iter()
        .map(|op| errors::emit_operation_error(op, &service.trait_name));
    let uses = imports.to_tokens();
    let allow_deprecated = allow_own_deprecated();
    quote! {
        //! One error enum per operation: a variant per modelled error, plus `Unhandled`; and
        //! the [`ErrorCodes`] checks they share.
        #allow_deprecated
        #uses
        #codes_trait
        #(#items)*
    }
}

fn client_rs(service: &Service, json_version: &str) -> Items {
    let mut imports = Imports::default();
    // `Error` is a reserved type name, so no model type takes it; only operations use it.
    if !service.operations.is_empty() {
        imports.add("smithy_lean_runtime", "Error");
    }
    for op in &service.operations {
        imports.add("crate::error", &op.error_name);
        for io in [&op.input, &op.output].into_iter().flatten() {
            imports.add("crate::types", io);
        }
        if let Some(builder) = &op.builder {
            imports.add("crate::types", builder);
        }
        if let Some(items) = op.pagination.as_ref().and_then(|p| p.items.as_ref()) {
            match &items.item_type {
                // Items of a map are `(key, value)` pairs; the map type is not named.
                RustType::Map { key, value, .. } if items.is_map => {
                    imports.add_type(key, "crate::types");
                    imports.add_type(value, "crate::types");
                }
                item => imports.add_type(item, "crate::types"),
            }
        }
    }
    let uses = imports.to_tokens();
    let allow_deprecated = allow_own_deprecated();
    let mut items = Items::from(quote! {
        //! The client trait, the [`Client`] that talks to the service, and its fluent requests.
        #allow_deprecated
        #uses
    });
    items.append(client::emit_client(service, json_version));
    items
}
