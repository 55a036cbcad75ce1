//! The crate's manifest and root module.

use proc_macro2::TokenStream;
use quote::quote;

use crate::Options;
use crate::emit::client::unsupported_note;
use crate::emit::common::{ident, inner_doc};
use crate::ir::{Protocol, Service};
use crate::render::Header;
use crate::runtime_files::DEPENDENCIES;

/// `Cargo.toml` of the generated crate: standalone (explicit versions), so it can be copied
/// out of this repository and used as a path or git dependency.
pub fn cargo_toml(service: &Service, header: &Header<'_>, options: &Options) -> String {
    let description = format!(
        "Typed, serde-friendly async client for {} (API version {}), generated from its Smithy model.",
        service.title, service.version
    );
    let workspace = if options.standalone_workspace {
        "\n# Built on its own, not as a member of an enclosing workspace.\n[workspace]\n"
    } else {
        ""
    };
    format!(
        "{header}[package]\n\
         name = {name}\n\
         version = \"0.1.0\"\n\
         edition = \"2024\"\n\
         rust-version = \"1.94.1\"\n\
         description = {description}\n\
         license = \"Apache-2.0\"\n\
         publish = false\n\
         {workspace}\n\
         {DEPENDENCIES}",
        header = header.toml(),
        name = toml_string(&service.crate_name),
        description = toml_string(&description),
    )
}

/// A TOML basic string (JSON string escaping is valid TOML for these values).
fn toml_string(value: &str) -> String {
    serde_json::Value::String(value.to_owned()).to_string()
}

/// `src/lib.rs`: crate documentation, modules and the main re-exports.
///
/// Modules emitted from the model are formatted by prettyplease when generated and marked
/// `#[rustfmt::skip]`, so `cargo fmt` leaves them (and `cargo fmt --check` passes) as they
/// are; the runtime is hand-written and rustfmt-formatted at its source.
pub fn lib_rs(service: &Service, with_client: bool) -> TokenStream {
    let title = format!("# {}", service.title);
    let mut overview = match &service.protocol {
        Protocol::Other(protocol) => format!(
            "API version `{}`. This service speaks `{protocol}`, which this generator does not \
             implement a client for, so the crate holds only its data types.",
            service.version
        ),
        _ => format!(
            "API version `{}`. Start with [`Client`] (or implement [`{}`] in a test double); \
             data types are in [`types`], per-operation errors in [`error`].",
            service.version, service.trait_name
        ),
    };
    if let Some(note) = with_client.then(|| unsupported_note(service)).flatten() {
        overview = format!("{overview}\n\n{note}");
    }
    let client_items = with_client.then(|| {
        let trait_name = ident(&service.trait_name);
        (
            quote! {
                #[rustfmt::skip]
                pub mod client;
                #[rustfmt::skip]
                pub mod error;
            },
            quote! {
                pub use client::{Client, #trait_name};
                pub use error::ErrorCodes;
                pub use runtime::{Config, Credentials, Error};
            },
        )
    });
    let (client_modules, client_uses) = client_items.unzip();
    let crate_docs = inner_doc(&[title, service.docs.clone(), overview].join("\n\n"));
    quote! {
        #crate_docs
        #![warn(missing_docs)]

        #client_modules
        pub mod runtime;
        #[rustfmt::skip]
        pub mod types;

        #client_uses
    }
}
