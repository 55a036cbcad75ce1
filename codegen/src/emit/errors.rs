//! Errors of operations.
//!
//! Each operation gets an enum with one variant per modelled error plus `Unhandled` for
//! anything else (its code, message, HTTP status and request id are kept). The `is_…()`
//! checks are written once, as provided methods of the service-wide `ErrorCodes` trait that
//! every operation's enum (and the runtime's `Error<E>` around it) implements: a check by
//! code also recognises an error the model does not list for that operation.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::common::ident;
use crate::ir::{ErrorRef, Operation, Service};

/// Name of the trait with the `is_…()` checks.
pub const ERROR_CODES_TRAIT: &str = "ErrorCodes";

/// Emits the `ErrorCodes` trait, with one check per error shape of the service, and its
/// impl for the runtime's `Error<E>`.
pub fn emit_error_codes_trait(service: &Service) -> TokenStream {
    let mut errors: Vec<&ErrorRef> = service
        .operations
        .iter()
        .flat_map(|op| &op.errors)
        .collect();
    errors.sort_by(|a, b| a.method_name.cmp(&b.method_name));
    errors.dedup_by(|a, b| a.method_name == b.method_name);
    let trait_name = ident(ERROR_CODES_TRAIT);
    let checks = errors.iter().map(|error| {
        let method = ident(&format!("is_{}", error.method_name));
        let code = &error.code;
        let docs = format!("Whether the error code is `{code}`.");
        quote! {
            #[doc = #docs]
            fn #method(&self) -> bool {
                self.code() == #code
            }
        }
    });
    quote! {
        /// Checks by error code, for every operation's error enum and for [`Error`](crate::Error) around it.
        ///
        /// Bring it into scope (`use …::ErrorCodes as _;`) to call `is_…()` on an error.
        pub trait #trait_name {
            /// The error code, e.g. `ResourceNotFoundException` (empty when there is none).
            fn code(&self) -> &str;

            #(#checks)*
        }

        impl<E: #trait_name> #trait_name for ::smithy_lean_runtime::Error<E> {
            fn code(&self) -> &str {
                match self.service_error() {
                    Some(error) => error.code(),
                    None => "",
                }
            }
        }
    }
}

/// Emits the error enum of one operation; `client_trait` is the client trait's name.
pub fn emit_operation_error(op: &Operation, client_trait: &str) -> TokenStream {
    let name = ident(&op.error_name);
    let trait_name = ident(ERROR_CODES_TRAIT);
    let method = op.method_name.trim_start_matches("r#");
    let enum_doc = format!(
        "Errors of `{}` ([`{client_trait}::{method}`](crate::client::{client_trait}::{method})).",
        op.wire_name
    );
    let variants = op.errors.iter().map(|error| {
        let variant = ident(&error.type_name);
        let docs = format!("The service answered `{}`.", error.code);
        quote! {
            #[doc = #docs]
            #variant(#variant),
        }
    });
    let parts = op.errors.iter().map(|error| {
        let variant = ident(&error.type_name);
        let code = &error.code;
        quote! { Self::#variant(e) => (#code, e), }
    });
    let parse_arms = op.errors.iter().map(|error| {
        let variant = ident(&error.type_name);
        let code = &error.code;
        quote! { #code => response.into_modelled(Self::#variant, Self::Unhandled), }
    });
    // Without modelled errors a `match` would have one arm (clippy's match_single_binding).
    let parse = if op.errors.is_empty() {
        quote! { Self::Unhandled(response.into_unhandled()) }
    } else {
        quote! {
            match response.code() {
                #(#parse_arms)*
                _ => Self::Unhandled(response.into_unhandled()),
            }
        }
    };
    quote! {
        #[doc = #enum_doc]
        #[derive(Debug)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// An error this operation does not model (an unknown code, or a body that is not JSON).
            Unhandled(::smithy_lean_runtime::Unhandled),
        }

        impl #name {
            /// The error code, and the error itself for display.
            fn parts(&self) -> (&str, &dyn ::std::fmt::Display) {
                match self {
                    #(#parts)*
                    Self::Unhandled(e) => (e.code(), e),
                }
            }
        }

        impl #trait_name for #name {
            fn code(&self) -> &str {
                self.parts().0
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::fmt::Display::fmt(self.parts().1, f)
            }
        }

        /// `Display` already shows the whole error, so there is no separate source.
        impl ::std::error::Error for #name {}

        impl ::smithy_lean_runtime::OperationError for #name {
            fn from_error_response(response: ::smithy_lean_runtime::ErrorResponse) -> Self {
                #parse
            }
        }
    }
}
