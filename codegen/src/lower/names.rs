//! Type names for every named shape of the closure.
//!
//! The policy, in order:
//! 1. an explicit rename (the model's service `rename`, then the codegen config's) is used as
//!    written;
//! 2. otherwise the shape name in PascalCase, with a trailing `Type` dropped when the shorter
//!    name is free, ignoring case: no other shape of the closure is called that, no other
//!    shape drops to it, and it is not reserved (`UserStatusType` → `UserStatus`, but `IdentityProviderTypeType`
//!    keeps its name because `IdentityProviderType` exists);
//! 3. a name that would shadow the prelude or the crate's own items gets the suffix `Value`.
//!
//! Two shapes that still end up with the same name are an error naming both (Smithy requires
//! names in a service closure to be unique ignoring case, unless renamed).

use std::collections::{BTreeMap, BTreeSet};

use crate::diagnostic::{Diagnostic, shape_path};
use crate::naming::{RESERVED_TYPE_NAMES, avoid_reserved_type_name, type_name};
use crate::smithy::shape_id;

/// The suffix dropped from shape names when that collides with nothing.
const DROPPED_SUFFIX: &str = "Type";

/// Assigns Rust type names to `ids` (named data shapes). `renames` maps shape ids to names.
pub fn assign(
    ids: &BTreeSet<String>,
    renames: &BTreeMap<String, String>,
    problems: &mut Vec<Diagnostic>,
) -> BTreeMap<String, String> {
    let base: BTreeMap<&str, String> = ids
        .iter()
        .map(|id| (id.as_str(), type_name(shape_id::name(id))))
        .collect();
    // Names compare ignoring case, as Smithy's shape names do (`GraphqlApi` is taken for
    // `GraphQLApiType`).
    let base_names: BTreeSet<String> = base.values().map(|name| name.to_lowercase()).collect();

    // How many shapes would drop to each shortened name.
    let mut shortened: BTreeMap<String, usize> = BTreeMap::new();
    for (id, name) in &base {
        if renames.contains_key(*id) {
            continue;
        }
        if let Some(short) = drop_suffix(name) {
            *shortened.entry(short.to_lowercase()).or_default() += 1;
        }
    }

    let mut names = BTreeMap::new();
    for (id, name) in &base {
        let chosen = match renames.get(*id) {
            Some(renamed) if is_type_identifier(renamed) => renamed.clone(),
            Some(renamed) => {
                problems.push(Diagnostic::at_shape(
                    *id,
                    shape_path(id),
                    format!(
                        "it is renamed to `{renamed}`, which is not a Rust type name (ASCII \
                         letters, digits and `_`, starting with a letter, not a keyword or \
                         reserved name)"
                    ),
                ));
                name.clone()
            }
            None => {
                let short = drop_suffix(name).filter(|short| {
                    let folded = short.to_lowercase();
                    !base_names.contains(&folded)
                        && shortened.get(&folded) == Some(&1)
                        && !RESERVED_TYPE_NAMES.contains(short)
                        && !renames
                            .values()
                            .any(|renamed| renamed.eq_ignore_ascii_case(short))
                });
                avoid_reserved_type_name(short.map_or_else(|| name.clone(), str::to_owned))
            }
        };
        names.insert((*id).to_owned(), chosen);
    }
    report_duplicates(&names, problems);
    names
}

/// Whether an explicit rename can be used as written: an ASCII identifier that starts with
/// a letter and is neither reserved nor `Self`.
fn is_type_identifier(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && name != "Self"
        && !RESERVED_TYPE_NAMES.contains(&name)
}

fn drop_suffix(name: &str) -> Option<&str> {
    name.strip_suffix(DROPPED_SUFFIX)
        .filter(|short| short.starts_with(char::is_alphabetic))
}

fn report_duplicates(names: &BTreeMap<String, String>, problems: &mut Vec<Diagnostic>) {
    let mut by_name: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for (id, name) in names {
        by_name.entry(name.to_lowercase()).or_default().push(id);
    }
    for ids in by_name.values().filter(|ids| ids.len() > 1) {
        let first = ids[0];
        for other in &ids[1..] {
            problems.push(Diagnostic::at_shape(
                *other,
                shape_path(other),
                format!(
                    "its Rust name `{}` is the same as that of `{first}` (ignoring case); \
                     add a `rename` for one of them",
                    names[*other]
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assign_names(ids: &[&str], renames: &[(&str, &str)]) -> (Vec<String>, usize) {
        let ids: BTreeSet<String> = ids.iter().map(|id| format!("ns#{id}")).collect();
        let renames = renames
            .iter()
            .map(|(id, name)| (format!("ns#{id}"), (*name).to_owned()))
            .collect();
        let mut problems = Vec::new();
        let names = assign(&ids, &renames, &mut problems);
        (names.into_values().collect(), problems.len())
    }

    #[test]
    fn drops_type_suffix_when_free() {
        let (names, problems) = assign_names(&["UserStatusType", "DeletionProtectionType"], &[]);
        assert_eq!(names, ["DeletionProtection", "UserStatus"]);
        assert_eq!(problems, 0);
    }

    #[test]
    fn keeps_type_suffix_when_the_short_name_exists() {
        let (names, _) = assign_names(&["IdentityProviderType", "IdentityProviderTypeType"], &[]);
        assert_eq!(names, ["IdentityProvider", "IdentityProviderTypeType"]);
        let (names, _) = assign_names(&["User", "UserType"], &[]);
        assert_eq!(names, ["User", "UserType"]);
    }

    #[test]
    fn keeps_type_suffix_when_the_short_name_exists_in_another_case() {
        let (names, problems) = assign_names(&["GraphqlApi", "GraphQLApiType"], &[]);
        assert_eq!(names, ["GraphQlApiType", "GraphqlApi"]);
        assert_eq!(problems, 0);
    }

    #[test]
    fn explicit_rename_wins_and_blocks_the_short_name() {
        let (names, problems) = assign_names(
            &[
                "IdentityProviderType",
                "IdentityProviderTypeType",
                "ProviderType",
            ],
            &[("IdentityProviderTypeType", "ProviderType")],
        );
        // The shape really called `ProviderType` drops to `Provider`, so nothing collides.
        assert_eq!(names, ["IdentityProvider", "ProviderType", "Provider"]);
        assert_eq!(problems, 0);
    }

    #[test]
    fn renames_that_are_not_identifiers_are_reported() {
        for bad in ["²Bad", "", "9Lives", "Self", "Option", "a-b"] {
            let (names, problems) = assign_names(&["Widget"], &[("Widget", bad)]);
            assert_eq!((names, problems), (vec!["Widget".to_owned()], 1), "{bad:?}");
        }
    }

    #[test]
    fn reserved_names_get_a_suffix() {
        let (names, _) = assign_names(&["Option", "ResultType", "Type"], &[]);
        assert_eq!(names, ["OptionValue", "ResultType", "Type"]);
    }

    #[test]
    fn case_collisions_are_reported() {
        let (_, problems) = assign_names(&["FooBar", "FOOBar"], &[]);
        assert_eq!(problems, 1, "both become `FooBar`");
        let (_, problems) = assign_names(&["Foobar", "FooBar"], &[]);
        assert_eq!(problems, 1);
    }
}
