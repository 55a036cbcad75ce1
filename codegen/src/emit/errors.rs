//! Errors of operations.
//!
//! Each operation gets an enum with one variant per modelled error plus `Unhandled` for
//! anything else (its code, message, HTTP status and request id are kept), defined by the
//! runtime's `operation_error!` macro from the operation's table of errors. The `is_…()`
//! checks are written once, as provided methods of the service-wide `ErrorCodes` trait that
//! every operation's enum (and the runtime's `Error<E>` around it) implements: a check by
//! code also recognises an error the model does not list for that operation.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::common::ident;
use crate::ir::{Operation, Service};

/// Name of the trait with the `is_…()` checks.
pub const ERROR_CODES_TRAIT: &str = "ErrorCodes";

/// Emits the `ErrorCodes` trait, with one check per error shape of the service, and its
/// impl for the runtime's `Error<E>`.
pub fn emit_error_codes_trait(service: &Service) -> TokenStream {
    let trait_name = ident(ERROR_CODES_TRAIT);
    let checks = service.errors.iter().map(|error| {
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

/// Emits the error enum of one operation, as a call of the runtime's `operation_error!`
/// macro (variants, `code()`, `Display`, `Error` and the decoding of an error response are
/// the same for every operation); `client_trait` is the client trait's name.
pub fn emit_operation_error(op: &Operation, client_trait: &str) -> TokenStream {
    let name = ident(&op.error_name);
    let trait_name = ident(ERROR_CODES_TRAIT);
    let method = format!(
        "{client_trait}::{}",
        op.method_name.trim_start_matches("r#")
    );
    let operation = &op.wire_name;
    let variants = op.errors.iter().map(|error| {
        let variant = ident(&error.type_name);
        let code = &error.code;
        quote! { #variant(#code); }
    });
    quote! {
        ::smithy_lean_runtime::__private::operation_error! {
            #name(#operation, #method, #trait_name);
            #(#variants)*
        }
    }
}
