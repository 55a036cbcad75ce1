//! boto3's method names: botocore's `xform_name`, which differs from a plain snake_case
//! conversion for names ending in an acronym plural (`ListACLs` → `list_acls`).

/// The boto3 method name of an operation, e.g. `GetUICustomization` → `get_ui_customization`.
///
/// The same three rules as botocore, in order: a trailing run of two or more capitals
/// followed by `s` is lowercased as one word; an underscore goes before every capital that
/// starts a lowercase word (`UICustomization` → `UI_Customization`); and one between a
/// lowercase letter or digit and a following capital.
pub fn method_name(name: &str) -> String {
    if name.contains('_') {
        return name.to_owned();
    }
    let chars: Vec<char> = name.chars().collect();
    let chars = plural_acronym(&chars);
    let chars = before_capitalized_words(&chars);
    after_lowercase(&chars)
        .into_iter()
        .collect::<String>()
        .to_lowercase()
}

/// `[A-Z]{2,}s$` → `_` + the match in lower case.
fn plural_acronym(chars: &[char]) -> Vec<char> {
    let Some((&'s', rest)) = chars.split_last() else {
        return chars.to_vec();
    };
    let capitals = rest
        .iter()
        .rev()
        .take_while(|c| c.is_ascii_uppercase())
        .count();
    if capitals < 2 {
        return chars.to_vec();
    }
    let start = rest.len() - capitals;
    let mut out = chars[..start].to_vec();
    out.push('_');
    out.extend(chars[start..].iter().map(char::to_ascii_lowercase));
    out
}

/// `(.)([A-Z][a-z]+)` → `\1_\2`, matched left to right without overlaps.
fn before_capitalized_words(chars: &[char]) -> Vec<char> {
    let mut out = Vec::with_capacity(chars.len() + 4);
    let mut i = 0;
    while i < chars.len() {
        let starts_word = i + 2 < chars.len()
            && chars[i + 1].is_ascii_uppercase()
            && chars[i + 2].is_ascii_lowercase();
        if starts_word {
            out.extend([chars[i], '_', chars[i + 1]]);
            i += 2;
            while i < chars.len() && chars[i].is_ascii_lowercase() {
                out.push(chars[i]);
                i += 1;
            }
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

/// `([a-z0-9])([A-Z])` → `\1_\2`, matched left to right without overlaps.
fn after_lowercase(chars: &[char]) -> Vec<char> {
    let mut out = Vec::with_capacity(chars.len() + 4);
    let mut i = 0;
    while i < chars.len() {
        let boundary = i + 1 < chars.len()
            && (chars[i].is_ascii_lowercase() || chars[i].is_ascii_digit())
            && chars[i + 1].is_ascii_uppercase();
        if boundary {
            out.extend([chars[i], '_', chars[i + 1]]);
            i += 2;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::method_name;

    #[test]
    fn matches_boto3_method_names() {
        for (operation, method) in [
            ("CreateUserPool", "create_user_pool"),
            ("GetUICustomization", "get_ui_customization"),
            ("AdminListUserAuthEvents", "admin_list_user_auth_events"),
            ("DescribeDBInstances", "describe_db_instances"),
            ("ListACLs", "list_acls"),
            ("GetCSVHeader", "get_csv_header"),
            ("ListV2LoggingLevels", "list_v2_logging_levels"),
            ("already_snake", "already_snake"),
        ] {
            assert_eq!(method_name(operation), method, "{operation}");
        }
    }
}
