//! Per-operation error enums: one variant per modelled error, plus `Unhandled` for anything
//! else (its code, message, HTTP status and request id are kept).

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::common::ident;
use crate::ir::Operation;

/// Emits the error enum of one operation.
pub fn emit_operation_error(op: &Operation) -> TokenStream {
    let name = ident(&op.error_name);
    let enum_doc = format!(
        "Errors that `{}` can return (see [`{}::{}`](crate::client::{}::{})).",
        op.wire_name, "Client", op.method_name, "Client", op.method_name
    );
    let variants = op.errors.iter().map(|error| {
        let variant = ident(&error.type_name);
        let docs = format!("The service answered `{}`.", error.code);
        quote! {
            #[doc = #docs]
            #variant(crate::types::#variant),
        }
    });
    let predicates = op.errors.iter().map(|error| {
        let variant = ident(&error.type_name);
        let method = ident(&format!("is_{}", error.method_name));
        let docs = format!("Whether this is a `{}`.", error.code);
        quote! {
            #[doc = #docs]
            pub fn #method(&self) -> bool {
                matches!(self, Self::#variant(_))
            }
        }
    });
    let codes = op.errors.iter().map(|error| {
        let variant = ident(&error.type_name);
        let code = &error.code;
        quote! { Self::#variant(_) => #code, }
    });
    let display = op.errors.iter().map(|error| {
        let variant = ident(&error.type_name);
        quote! { Self::#variant(error) => fmt::Display::fmt(error, f), }
    });
    let parse = op.errors.iter().map(|error| {
        let variant = ident(&error.type_name);
        let code = &error.code;
        quote! {
            #code => match response.parse_body() {
                Ok(error) => Self::#variant(error),
                Err(_) => Self::Unhandled(response.into_unhandled()),
            },
        }
    });
    quote! {
        #[doc = #enum_doc]
        #[derive(Debug)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// An error this operation does not model (an unknown code, or a body that is not JSON).
            Unhandled(Unhandled),
        }

        impl #name {
            #(#predicates)*

            /// The error code, e.g. `ResourceNotFoundException`.
            pub fn code(&self) -> &str {
                match self {
                    #(#codes)*
                    Self::Unhandled(error) => error.code(),
                }
            }
        }

        impl fmt::Display for #name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                match self {
                    #(#display)*
                    Self::Unhandled(error) => fmt::Display::fmt(error, f),
                }
            }
        }

        /// `Display` already shows the whole error, so there is no separate source.
        impl std::error::Error for #name {}

        impl OperationError for #name {
            fn from_error_response(response: ErrorResponse) -> Self {
                match response.code() {
                    #(#parse)*
                    _ => Self::Unhandled(response.into_unhandled()),
                }
            }
        }
    }
}
