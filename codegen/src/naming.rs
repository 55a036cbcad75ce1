//! Every rule that turns a Smithy name into a Rust name lives here.
//!
//! Policy (applied the same way to every model):
//! - fields and methods are snake_case, types and variants PascalCase (heck's word splitting,
//!   so `KMSKeyID` becomes `kms_key_id` / `KmsKeyId`);
//! - Rust keywords become raw identifiers (`r#type`); `self`, `super`, `crate` and `Self`,
//!   which cannot be raw, get a trailing underscore (`self_`, `SelfValue` for the type);
//! - non-ASCII letters and digits are transliterated to ASCII first (`²` → `2`, `ＦＵＬＬ` →
//!   `FULL`, `名前` → `Ming Qian`), and whatever is not an ASCII letter, digit or `_`
//!   separates words, so every name is a valid, NFKC-stable, lint-free identifier;
//! - a name that does not start with a letter gets a prefix (`V` for enum values, `_` for
//!   fields), and an empty name becomes `Empty`;
//! - type names that would shadow the Rust prelude or the generated crate's own items
//!   (see [`RESERVED_TYPE_NAMES`]) get the suffix `Value` (`Option` → `OptionValue`);
//! - within one scope (a struct's fields, an enum's variants) a name that is already taken
//!   gets the smallest numeric suffix that makes it unique, in model order.
//!
//! The type-level policy (dropping a trailing `Type`, explicit renames) is in
//! `lower/names.rs`, which builds on these functions.

use std::collections::BTreeSet;

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Keywords of Rust 2024 (strict and reserved) that may be written as raw identifiers.
const RAW_KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use",
    "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers.
const NON_RAW_KEYWORDS: &[&str] = &["crate", "self", "super", "Self", "_"];

/// Type names a generated type must not take: the Rust 2024 prelude, and the names the
/// generated crate itself defines or imports unqualified next to model types.
pub const RESERVED_TYPE_NAMES: &[&str] = &[
    // Rust prelude (types, traits, variants).
    "AsMut",
    "AsRef",
    "Box",
    "Clone",
    "Copy",
    "Default",
    "DoubleEndedIterator",
    "Drop",
    "Eq",
    "Err",
    "ExactSizeIterator",
    "Extend",
    "Fn",
    "FnMut",
    "FnOnce",
    "From",
    "FromIterator",
    "Future",
    "Into",
    "IntoFuture",
    "IntoIterator",
    "Iterator",
    "None",
    "Ok",
    "Option",
    "Ord",
    "PartialEq",
    "PartialOrd",
    "Result",
    "Self",
    "Send",
    "Sized",
    "Some",
    "String",
    "Sync",
    "ToOwned",
    "ToString",
    "TryFrom",
    "TryInto",
    "Unpin",
    "Vec",
    // Names the generated code uses unqualified next to model types.
    "BigNumber",
    "Blob",
    "BuildError",
    "Client",
    "Config",
    "DateTime",
    "Deserialize",
    "Deserializer",
    "Document",
    "Error",
    "ErrorMeta",
    "ErrorResponse",
    "HashMap",
    "OperationError",
    "Serialize",
    "Serializer",
    "Stream",
    "Unhandled",
    "UnknownVariant",
    "ServiceSpec",
    "OperationSpec",
    "ClientCore",
];

/// The name of the forward-compatible catch-all variant of generated enums and unions.
pub const UNKNOWN_VARIANT: &str = "Unknown";

/// A snake_case field or method name, escaped so it is a valid Rust identifier.
pub fn field_name(name: &str) -> String {
    let snake = plural_acronyms_as_words(&ascii_words(name)).to_snake_case();
    let snake = if snake.is_empty() {
        "empty".to_owned()
    } else {
        snake
    };
    escape_value_name(&snake, "_")
}

/// Whether a package name (`-` read as `_`) is a Rust keyword or a standard crate, which
/// cargo refuses or would shadow.
pub fn is_reserved_crate_name(name: &str) -> bool {
    let name = name.replace('-', "_");
    RAW_KEYWORDS.contains(&name.as_str())
        || NON_RAW_KEYWORDS.contains(&name.as_str())
        || ["std", "core", "alloc", "proc_macro", "test"].contains(&name.as_str())
}

/// A PascalCase type name from a shape name (not yet checked against reserved names).
pub fn type_name(name: &str) -> String {
    let pascal = plural_acronyms_as_words(&ascii_words(name)).to_upper_camel_case();
    match pascal.as_str() {
        "" => "Empty".to_owned(),
        "Self" => "SelfValue".to_owned(),
        _ if starts_with_digit(&pascal) => format!("V{pascal}"),
        _ => pascal,
    }
}

/// A PascalCase enum or union variant name from a wire value or member name.
pub fn variant_name(value: &str) -> String {
    let pascal = plural_acronyms_as_words(&ascii_words(value)).to_upper_camel_case();
    match pascal.as_str() {
        "" => "Empty".to_owned(),
        "Self" => "SelfValue".to_owned(),
        // `Self::Err` names `FromStr::Err` in the enum's impls.
        UNKNOWN_VARIANT | "Err" => format!("{pascal}Value"),
        _ if starts_with_digit(&pascal) => format!("V{pascal}"),
        _ => pascal,
    }
}

/// Appends `Value` to a type name that would shadow the prelude or the crate's own items.
pub fn avoid_reserved_type_name(name: String) -> String {
    if RESERVED_TYPE_NAMES.contains(&name.as_str()) {
        format!("{name}Value")
    } else {
        name
    }
}

/// The name serde's `rename_all = "PascalCase"` derives from a snake_case field name.
pub fn serde_pascal_case(field: &str) -> String {
    let field = field.strip_prefix("r#").unwrap_or(field);
    let mut pascal = String::with_capacity(field.len());
    let mut capitalize = true;
    for ch in field.chars() {
        if ch == '_' {
            capitalize = true;
        } else if capitalize {
            pascal.push(ch.to_ascii_uppercase());
            capitalize = false;
        } else {
            pascal.push(ch);
        }
    }
    pascal
}

/// Hands out names within one scope, making later duplicates unique with a numeric suffix.
#[derive(Debug, Default)]
pub struct Scope {
    taken: BTreeSet<String>,
}

impl Scope {
    /// A scope in which `reserved` names are already taken.
    pub fn with_reserved<'a>(reserved: impl IntoIterator<Item = &'a str>) -> Self {
        Scope {
            taken: reserved.into_iter().map(str::to_owned).collect(),
        }
    }

    /// Claims `wanted`, or `wanted2`, `wanted3`, … if it is taken.
    pub fn claim(&mut self, wanted: String) -> String {
        if self.taken.insert(wanted.clone()) {
            return wanted;
        }
        let (base, separator) = match wanted.strip_prefix("r#") {
            Some(bare) => (bare.to_owned(), "_"),
            // `self_` continues as `self_2`, not `self__2` (not snake case).
            None if wanted.ends_with('_') => (wanted.clone(), ""),
            None if wanted.contains('_') || wanted.starts_with(char::is_lowercase) => {
                (wanted.clone(), "_")
            }
            None => (wanted.clone(), ""),
        };
        (2..)
            .map(|n| format!("{base}{separator}{n}"))
            .find(|candidate| self.taken.insert(candidate.clone()))
            .unwrap_or(wanted)
    }
}

/// `name` in ASCII: non-ASCII characters transliterated (`deunicode`), and every character
/// that cannot be part of an identifier turned into a word break (a space).
fn ascii_words(name: &str) -> String {
    let ascii = if name.is_ascii() {
        std::borrow::Cow::Borrowed(name)
    } else {
        std::borrow::Cow::Owned(deunicode::deunicode_with_tofu(name, " "))
    };
    ascii
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                ' '
            }
        })
        .collect()
}

/// Keeps a plural acronym one word: `CallbackURLs` splits as `Callback URLs`, not
/// `Callback UR Ls` (heck's reading), by capitalising an `s` that ends an upper-case run.
fn plural_acronyms_as_words(name: &str) -> std::borrow::Cow<'_, str> {
    let chars: Vec<char> = name.chars().collect();
    let ends_word = |i: usize| {
        chars
            .get(i + 1)
            .is_none_or(|next| !next.is_ascii_lowercase())
    };
    let plural_at = |i: usize| {
        chars[i] == 's'
            && i >= 2
            && chars[i - 1].is_ascii_uppercase()
            && chars[i - 2].is_ascii_uppercase()
            && ends_word(i)
    };
    if !(0..chars.len()).any(plural_at) {
        return name.into();
    }
    (0..chars.len())
        .map(|i| if plural_at(i) { 'S' } else { chars[i] })
        .collect::<String>()
        .into()
}

fn starts_with_digit(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_digit())
}

/// Escapes a snake_case value name (field, method, module) that is a keyword or starts badly.
fn escape_value_name(snake: &str, prefix: &str) -> String {
    if NON_RAW_KEYWORDS.contains(&snake) {
        format!("{snake}_")
    } else if RAW_KEYWORDS.contains(&snake) {
        format!("r#{snake}")
    } else if starts_with_digit(snake) {
        format!("{prefix}{snake}")
    } else {
        snake.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_names() {
        let cases = [
            ("UserPoolId", "user_pool_id"),
            ("KMSKeyID", "kms_key_id"),
            ("SMSMfaSettings", "sms_mfa_settings"),
            ("PaginationToken", "pagination_token"),
            ("type", "r#type"),
            ("Type", "r#type"),
            ("Match", "r#match"),
            ("async", "r#async"),
            ("gen", "r#gen"),
            ("self", "self_"),
            ("Self", "self_"),
            ("super", "super_"),
            ("crate", "crate_"),
            ("3dModel", "_3d_model"),
            ("", "empty"),
            ("already_snake", "already_snake"),
            ("camelCase", "camel_case"),
            ("CallbackURLs", "callback_urls"),
            ("LogoutURLs", "logout_urls"),
            ("UserIDs", "user_ids"),
            ("ARNsToDelete", "arns_to_delete"),
            ("AllowedOAuthFlows", "allowed_o_auth_flows"),
            ("²", "_2"),
            ("١٢٣", "_123"),
            ("ﬁle", "file"),
            ("ＦＵＬＬ", "full"),
            ("x·y", "x_y"),
            ("ﾟ", "empty"),
        ];
        for (input, expected) in cases {
            assert_eq!(field_name(input), expected, "field_name({input:?})");
        }
    }

    #[test]
    fn type_names() {
        let cases = [
            ("UserStatusType", "UserStatusType"),
            ("listUsersRequest", "ListUsersRequest"),
            ("KMSKeyID", "KmsKeyId"),
            ("ResourceARNs", "ResourceArns"),
            ("Self", "SelfValue"),
            ("2FA", "V2fa"),
            ("", "Empty"),
            ("²Thing", "V2thing"),
            ("名前", "MingQian"),
        ];
        for (input, expected) in cases {
            assert_eq!(type_name(input), expected, "type_name({input:?})");
        }
    }

    #[test]
    fn variant_names() {
        let cases = [
            ("FORCE_CHANGE_PASSWORD", "ForceChangePassword"),
            ("UNKNOWN", "UnknownValue"),
            ("Unknown", "UnknownValue"),
            ("phone_number", "PhoneNumber"),
            ("V1_0", "V10"),
            ("lowercase", "Lowercase"),
            ("OIDC", "Oidc"),
            ("1.0", "V10"),
            ("Self", "SelfValue"),
            ("", "Empty"),
            ("email-address", "EmailAddress"),
            ("a b", "AB"),
            ("ERR", "ErrValue"),
            ("²", "V2"),
        ];
        for (input, expected) in cases {
            assert_eq!(variant_name(input), expected, "variant_name({input:?})");
        }
    }

    #[test]
    fn reserved_type_names_get_a_suffix() {
        for (input, expected) in [
            ("Option", "OptionValue"),
            ("Result", "ResultValue"),
            ("Box", "BoxValue"),
            ("String", "StringValue"),
            ("Client", "ClientValue"),
            ("Error", "ErrorValue"),
            ("UserPool", "UserPool"),
        ] {
            assert_eq!(avoid_reserved_type_name(input.to_owned()), expected);
        }
    }

    #[test]
    fn serde_pascal_case_matches_serde() {
        for (field, expected) in [
            ("user_pool_id", "UserPoolId"),
            ("r#type", "Type"),
            ("kms_key_id", "KmsKeyId"),
            ("a", "A"),
        ] {
            assert_eq!(serde_pascal_case(field), expected);
        }
    }

    #[test]
    fn scope_makes_duplicates_unique() {
        let mut scope = Scope::with_reserved(["Unknown"]);
        assert_eq!(scope.claim("Foo".into()), "Foo");
        assert_eq!(scope.claim("Foo".into()), "Foo2");
        assert_eq!(scope.claim("Foo".into()), "Foo3");
        assert_eq!(scope.claim("Unknown".into()), "Unknown2");
        assert_eq!(scope.claim("foo_bar".into()), "foo_bar");
        assert_eq!(scope.claim("foo_bar".into()), "foo_bar_2");
        assert_eq!(scope.claim("r#type".into()), "r#type");
        assert_eq!(scope.claim("r#type".into()), "type_2");
        assert_eq!(scope.claim("self_".into()), "self_");
        assert_eq!(scope.claim("self_".into()), "self_2");
    }
}
