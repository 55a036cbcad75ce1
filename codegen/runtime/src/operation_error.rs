//! The per-operation error enum, written once as a macro so each operation's enum in a
//! generated `error.rs` is only its table of modelled errors.

/// Defines an operation's error enum: one variant per modelled error (named after its error
/// structure, which must be in scope) plus `Unhandled`, with `code()` from the given codes
/// trait, `Display`, `std::error::Error` and [`OperationError`](crate::OperationError).
///
/// The first line names the enum, the operation, the client method (as
/// `Trait::method`, for the link in the docs) and the codes trait; each further line is one
/// modelled error, its structure and its code:
///
/// ```text
/// operation_error! {
///     ListUsersError("ListUsers", "CognitoIdentityProvider::list_users", ErrorCodes);
///     NotAuthorizedException("NotAuthorizedException");
/// }
/// ```
///
/// (Each line is a call expression so that the generator's formatter lays the table out one
/// entry per line.)
#[doc(hidden)]
#[macro_export]
macro_rules! __operation_error {
    (
        $name:ident($operation:literal, $method:literal, $codes:ident);
        $($variant:ident($code:literal);)*
    ) => {
        #[doc = concat!(
            "Errors of `", $operation, "` ([`", $method, "`](crate::client::", $method, "))."
        )]
        #[derive(Debug)]
        #[non_exhaustive]
        pub enum $name {
            $(
                #[doc = concat!("The service answered `", $code, "`.")]
                $variant($variant),
            )*
            /// An error this operation does not model (an unknown code, or a body that is
            /// not JSON).
            Unhandled($crate::Unhandled),
        }

        impl $name {
            /// The error code, and the error itself for display.
            fn parts(&self) -> (&str, &dyn ::std::fmt::Display) {
                match self {
                    $(Self::$variant(e) => ($code, e),)*
                    Self::Unhandled(e) => (e.code(), e),
                }
            }
        }

        impl $codes for $name {
            fn code(&self) -> &str {
                self.parts().0
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::fmt::Display::fmt(self.parts().1, f)
            }
        }

        /// `Display` already shows the whole error, so there is no separate source.
        impl ::std::error::Error for $name {}

        impl $crate::OperationError for $name {
            fn from_error_response(response: $crate::ErrorResponse) -> Self {
                match response.code() {
                    $($code => response.into_modelled(Self::$variant, Self::Unhandled),)*
                    _ => Self::Unhandled(response.into_unhandled()),
                }
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use crate::{ErrorResponse, OperationError};
    use http::HeaderMap;

    /// The codes trait a generated crate defines.
    pub trait Codes {
        fn code(&self) -> &str;
    }

    /// An error structure as generated.
    #[derive(Debug, Default, serde::Deserialize)]
    pub struct NotFound {
        message: Option<String>,
    }

    impl std::fmt::Display for NotFound {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            write!(f, "NotFound: {}", self.message.as_deref().unwrap_or(""))
        }
    }

    crate::__operation_error! {
        GetThingError("GetThing", "Service::get_thing", Codes);
        NotFound("ResourceNotFoundException");
    }

    fn decode(body: &str) -> GetThingError {
        let response = ErrorResponse::from_parts(400, &HeaderMap::new(), body.to_owned().into());
        GetThingError::from_error_response(response)
    }

    #[test]
    fn modelled_codes_become_their_variant_and_others_unhandled() {
        let error = decode(r#"{"__type":"ResourceNotFoundException","message":"gone"}"#);
        assert!(
            matches!(&error, GetThingError::NotFound(e) if e.message.as_deref() == Some("gone"))
        );
        assert_eq!(error.code(), "ResourceNotFoundException");
        assert_eq!(error.to_string(), "NotFound: gone");
        let error = decode(r#"{"__type":"ThrottlingException","message":"slow down"}"#);
        assert!(matches!(error, GetThingError::Unhandled(_)));
        assert_eq!(error.code(), "ThrottlingException");
        assert!(error.to_string().contains("slow down"), "{error}");
    }
}
