//! The one place that hands out the names the generated crate declares beside the model's
//! types: builders, per-operation error enums, the client trait, and builder setters.
//!
//! Every crate-level name is claimed from a single scope seeded with the reserved names
//! ([`RESERVED_TYPE_NAMES`]) and every model type name, so a builder, an error enum or the
//! client trait can never collide with a model type or with each other (operation `Get` and a
//! shape `GetError` give `GetError` and `GetError2`). Setters are claimed per builder, with the
//! builder's own methods reserved.

use crate::ir::{Member, SetterNames};
use crate::naming::{RESERVED_TYPE_NAMES, Scope, type_name};

/// Methods every input builder has besides its setters (see `emit/builders.rs` and the fluent
/// methods in `emit/fluent.rs`), and those of its derived traits.
const BUILDER_METHODS: &[&str] = &[
    "build",
    "with_client",
    "send",
    "into_paginator",
    "items",
    "clone",
    "fmt",
    "default",
];

/// Crate-level names: model types first, then everything generated beside them.
#[derive(Debug)]
pub struct CrateNames {
    scope: Scope,
}

impl CrateNames {
    /// A namer in which the reserved names and `type_names` are already taken.
    pub fn new<'a>(type_names: impl IntoIterator<Item = &'a str>) -> Self {
        let reserved = RESERVED_TYPE_NAMES.iter().copied().chain(type_names);
        CrateNames {
            scope: Scope::with_reserved(reserved),
        }
    }

    /// The builder of input type `input`: `{input}Builder`, made unique.
    pub fn builder(&mut self, input: &str) -> String {
        self.scope.claim(format!("{input}Builder"))
    }

    /// The error enum of the operation whose wire name is `operation`: `{Operation}Error`,
    /// made unique.
    pub fn error_enum(&mut self, operation: &str) -> String {
        self.scope.claim(format!("{}Error", type_name(operation)))
    }

    /// The client trait, named after the service's `sdk_id`, made unique.
    pub fn client_trait(&mut self, sdk_id: &str) -> String {
        self.scope.claim(type_name(sdk_id))
    }
}

/// The setters of a builder, in member order: the plain setters (`foo`) are claimed first, so
/// that they keep their field's name whatever the other members are called; then the `Option`
/// setters (`set_foo`), which take a numeric suffix when a member `SetFoo` holds the name.
pub fn setters(members: &[Member]) -> Vec<SetterNames> {
    let mut scope = Scope::with_reserved(BUILDER_METHODS.iter().copied());
    let plain: Vec<String> = members
        .iter()
        .map(|member| scope.claim(member.rust_name.clone()))
        .collect();
    plain
        .into_iter()
        .zip(members)
        .map(|(setter, member)| SetterNames {
            setter,
            // `_2` (a transliterated `²`) gives `set_2`, not the non-snake-case `set__2`.
            option_setter: scope.claim(format!(
                "set_{}",
                member
                    .rust_name
                    .trim_start_matches("r#")
                    .trim_start_matches('_')
            )),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_names_never_take_a_model_type_name() {
        let mut names = CrateNames::new(["GetError", "GetInputBuilder", "Widgets"]);
        assert_eq!(names.error_enum("Get"), "GetError2");
        assert_eq!(names.builder("GetInput"), "GetInputBuilder2");
        assert_eq!(names.client_trait("Widgets"), "Widgets2");
        assert_eq!(names.error_enum("Operation"), "OperationError2");
    }
}
