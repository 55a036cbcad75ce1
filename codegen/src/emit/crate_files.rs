//! The crate's manifest and root module.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::client::unsupported_note;
use crate::emit::common::{ident, inner_doc};
use crate::ir::{Protocol, Service};
use crate::output::Options;
use crate::render::Header;

/// `Cargo.toml` of the generated crate: explicit versions (no workspace inheritance), the
/// runtime by path (when [`Options::runtime_path`] is set) and by version.
pub fn cargo_toml(
    service: &Service,
    header: &Header<'_>,
    options: &Options,
    with_client: bool,
) -> String {
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
         {dependencies}",
        header = header.toml(),
        dependencies = dependencies(options, with_client),
        name = toml_string(&service.crate_name),
        description = toml_string(&description),
    )
}

/// The `[dependencies]` (and, for a client, the runtime's optional features and the examples'
/// `[dev-dependencies]`): serde for the derives, and the runtime, with its `client` feature
/// only when there is a client.
fn dependencies(options: &Options, with_client: bool) -> String {
    let path = if options.runtime_path.is_empty() {
        String::new()
    } else {
        format!("path = {}, ", toml_string(&options.runtime_path))
    };
    let features = if with_client {
        ", features = [\"client\"]"
    } else {
        ""
    };
    let mut toml = format!(
        "[dependencies]\n\
         serde = {{ version = \"1\", features = [\"derive\"] }}\n\
         smithy-lean-runtime = {{ {path}version = \"0.1\"{features} }}\n"
    );
    if with_client {
        toml.push_str(
            "\n[features]\n\
             # The runtime's optional parts, so that users name only this crate: OS root\n\
             # certificates, and adapters for aws-config (`aws-credential-types`) providers.\n\
             native-roots = [\"smithy-lean-runtime/native-roots\"]\n\
             aws-credential-types = [\"smithy-lean-runtime/aws-credential-types\"]\n\
             \n[dev-dependencies]\n\
             tokio = { version = \"1\", default-features = false, features = [\"macros\", \"rt\"] }\n",
        );
    }
    toml
}

/// A TOML basic string (JSON string escaping is valid TOML for these values).
fn toml_string(value: &str) -> String {
    serde_json::Value::String(value.to_owned()).to_string()
}

/// `src/lib.rs`: crate documentation, modules and the main re-exports.
///
/// Modules emitted from the model are formatted by prettyplease when generated and marked
/// `#[rustfmt::skip]`, so `cargo fmt` leaves them (and `cargo fmt --check` passes) as they
/// are.
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
                pub use smithy_lean_runtime::{Config, Credentials, Error};
            },
        )
    });
    let (client_modules, client_uses) = client_items.unzip();
    let crate_docs = inner_doc(&[title, service.docs.clone(), overview].join("\n\n"));
    quote! {
        #crate_docs
        #![warn(missing_docs)]

        #client_modules
        /// The shared runtime this crate is built on ([`smithy_lean_runtime`]): its value
        /// types, and for a client its configuration, credentials, errors and streams.
        pub use smithy_lean_runtime as runtime;
        #[rustfmt::skip]
        pub mod types;

        #client_uses
    }
}
