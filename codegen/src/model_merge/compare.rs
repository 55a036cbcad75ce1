//! Every API difference between two models (documentation already removed), each as one
//! line naming the JSON path and both values.

use super::ast_json;
use super::json::Json;

/// The differences between `ours` and `theirs`, shape by shape, in shape-id order.
pub fn differences(ours: &Json, theirs: &Json) -> Vec<String> {
    let mut found = Vec::new();
    let ours_shapes = ast_json::shapes(ours);
    let theirs_shapes = ast_json::shapes(theirs);
    let mut ids: Vec<&str> = ours_shapes
        .iter()
        .chain(theirs_shapes)
        .map(|(id, _)| id.as_str())
        .collect();
    ids.sort_unstable();
    ids.dedup();
    for id in ids {
        let path = crate::diagnostic::shape_path(id);
        match (ast_json::shape(ours, id), ast_json::shape(theirs, id)) {
            (Some(_), None) => found.push(format!("{path}: only in model/")),
            (None, Some(shape)) => found.push(format!(
                "{path}: missing from model/ (AWS has a {})",
                ast_json::kind(shape)
            )),
            (Some(a), Some(b)) => compare_values(&path, a, b, &mut found),
            (None, None) => {}
        }
    }
    found
}

fn compare_values(path: &str, ours: &Json, theirs: &Json, found: &mut Vec<String>) {
    match (ours, theirs) {
        (Json::Object(a), Json::Object(b)) => {
            for (key, value) in a {
                let at = format!("{path}{}", key_path(key));
                match theirs.get(key) {
                    Some(other) => compare_values(&at, value, other, found),
                    None => found.push(format!("{at}: only in model/: {}", brief(value))),
                }
            }
            for (key, value) in b {
                if ours.get(key).is_none() {
                    let at = format!("{path}{}", key_path(key));
                    found.push(format!(
                        "{at}: missing from model/, AWS has {}",
                        brief(value)
                    ));
                }
            }
        }
        (Json::Array(a), Json::Array(b)) if targets(a).is_some() && targets(b).is_some() => {
            let (a, b) = (
                targets(a).unwrap_or_default(),
                targets(b).unwrap_or_default(),
            );
            for extra in a.iter().filter(|t| !b.contains(t)) {
                found.push(format!("{path}: {extra} only in model/"));
            }
            for missing in b.iter().filter(|t| !a.contains(t)) {
                found.push(format!("{path}: {missing} missing from model/"));
            }
        }
        _ if ours != theirs => found.push(format!(
            "{path}: model/ has {}, AWS has {}",
            brief(ours),
            brief(theirs)
        )),
        _ => {}
    }
}

/// The targets of a list of `{"target": …}` references (operations, errors).
fn targets(items: &[Json]) -> Option<Vec<&str>> {
    items
        .iter()
        .map(|item| item.get("target").and_then(Json::as_str))
        .collect()
}

fn key_path(key: &str) -> String {
    if key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        format!(".{key}")
    } else {
        format!("[{}]", serde_json::Value::String(key.to_owned()))
    }
}

/// A value in one line, shortened when long.
fn brief(value: &Json) -> String {
    let text = serde_json::to_string(value).unwrap_or_default();
    const LIMIT: usize = 120;
    match text.char_indices().nth(LIMIT) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_every_difference_by_path() {
        let ours = Json::parse(
            r#"{"shapes": {"a#S": {"type": "structure", "members": {"X": {"target": "a#T"}}},
                "a#Old": {"type": "string"}}}"#,
        )
        .unwrap();
        let theirs = Json::parse(
            r#"{"shapes": {"a#S": {"type": "structure", "members": {"X": {"target": "a#U"},
                "Y": {"target": "a#T"}}}, "a#New": {"type": "blob"}}}"#,
        )
        .unwrap();
        assert_eq!(
            differences(&ours, &theirs),
            vec![
                r#"$.shapes["a#New"]: missing from model/ (AWS has a blob)"#,
                r#"$.shapes["a#Old"]: only in model/"#,
                r#"$.shapes["a#S"].members.X.target: model/ has "a#T", AWS has "a#U""#,
                r#"$.shapes["a#S"].members.Y: missing from model/, AWS has {"target":"a#T"}"#,
            ]
        );
    }
}
