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
mod serde_attrs;
mod structs;
mod unions;

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::common::allow_own_deprecated;
use crate::ir::{RustType, Service, TypeDef};
use crate::output::{GeneratedFile, Options};
use crate::render::{Header, render_rust};
use imports::Imports;

pub use structs::REDACTED;

/// Every file of the generated crate, in a fixed order.
pub fn emit(service: &Service, options: &Options) -> Result<Vec<GeneratedFile>, String> {
    let header = Header {
        source: &options.source_name,
    };
    let with_client = service.protocol.has_client();
    // `types.rs` is about half of the work (building, parsing and printing its tokens), so it
    // is rendered on a thread of its own while this one renders the other files. Token
    // streams cannot cross threads; each thread builds its own from the shared IR.
    let (types, client_files) = std::thread::scope(|scope| {
        let types = scope.spawn(|| render_rust(&header, types_rs(service)));
        let client_files = client_files(service, &header);
        let types = types
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (types, client_files)
    });
    let mut files = vec![
        GeneratedFile::new(
            "Cargo.toml",
            crate_files::cargo_toml(service, &header, options, with_client),
        ),
        GeneratedFile::new(
            "src/lib.rs",
            render_rust(&header, crate_files::lib_rs(service, with_client))?,
        ),
        GeneratedFile::new("src/types.rs", types?),
    ];
    files.extend(client_files?);
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

/// `src/error.rs`, `src/client.rs` and the endpoint rules, for a protocol with a client.
fn client_files(service: &Service, header: &Header<'_>) -> Result<Vec<GeneratedFile>, String> {
    let Some(json_version) = service.protocol.json_version() else {
        return Ok(Vec::new());
    };
    let mut files = vec![
        GeneratedFile::new("src/error.rs", render_rust(header, error_rs(service))?),
        GeneratedFile::new(
            "src/client.rs",
            render_rust(header, client_rs(service, json_version))?,
        ),
    ];
    if let Some(rules) = &service.endpoint_rules {
        files.push(GeneratedFile::new("src/endpoint_rules.json", rules.clone()));
    }
    Ok(files)
}

fn types_rs(service: &Service) -> TokenStream {
    let items = service.types.iter().map(|ty| match ty {
        TypeDef::Struct(s) => structs::emit_struct(s),
        TypeDef::Enum(e) => enums::emit_enum(e),
        TypeDef::IntEnum(e) => enums::emit_int_enum(e),
        TypeDef::Union(u) => unions::emit_union(u),
    });
    let allow_deprecated = allow_own_deprecated();
    let module_doc = format!(
        "Data types of {}: operation inputs and outputs, shared structures, enums, unions \
         and error shapes.",
        service.title
    );
    quote! {
        #![doc = #module_doc]
        #allow_deprecated
        #(#items)*
    }
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

fn client_rs(service: &Service, json_version: &str) -> TokenStream {
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
    let body = client::emit_client(service, json_version);
    let uses = imports.to_tokens();
    let allow_deprecated = allow_own_deprecated();
    quote! {
        //! The client trait, the [`Client`] that talks to the service, and its fluent requests.
        #allow_deprecated
        #uses
        #body
    }
}
