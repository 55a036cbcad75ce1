//! Structures are read from JSON objects only, at every depth and through every container
//! (list, map, option, union); everything else decodes exactly as serde_json decodes it.

use std::collections::HashMap;

use bytes::Bytes;
use http::HeaderMap;
use serde::Deserialize;

use super::{error_path, from_slice, from_str};
use crate::error_response::ErrorResponse;

/// `ListUsers`' output, cut down: a structure in a list in a structure in a list.
#[derive(Deserialize, Debug, PartialEq, Default)]
#[serde(rename_all = "PascalCase", default)]
struct Page {
    users: Option<Vec<User>>,
    pagination_token: Option<String>,
}

#[derive(Deserialize, Debug, PartialEq, Default)]
#[serde(rename_all = "PascalCase", default)]
struct User {
    username: Option<String>,
    attributes: Option<Vec<Attribute>>,
    enabled: bool,
    tags: Option<HashMap<String, Attribute>>,
    choice: Option<Choice>,
}

#[derive(Deserialize, Debug, PartialEq, Default)]
#[serde(rename_all = "PascalCase", default)]
struct Attribute {
    name: Option<String>,
    value: Option<String>,
}

/// A union, as generated: one variant per member.
#[derive(Deserialize, Debug, PartialEq)]
enum Choice {
    Single(Attribute),
    Pair { name: String, value: String },
    Names(Vec<String>),
}

/// A modelled error whose body nests structures.
#[derive(Deserialize, Debug, PartialEq, Default)]
#[serde(default)]
struct Rejected {
    message: Option<String>,
    reason: Option<Reason>,
}

#[derive(Deserialize, Debug, PartialEq, Default)]
#[serde(default)]
struct Reason {
    code: Option<String>,
    detail: Option<Attribute>,
}

const VALID: &str = r#"{
    "Users": [
        {"Username": "ana", "Enabled": true,
         "Attributes": [{"Name": "email", "Value": "a\u00e9@example.com"}],
         "Tags": {"team": {"Name": "t", "Value": "v"}},
         "Choice": {"Names": ["x", "y"]}},
        {"Username": "bo", "Choice": {"Pair": {"name": "n", "value": "v"}}},
        {"Choice": {"Single": {"Name": "s"}}}
    ],
    "PaginationToken": "next"
}"#;

#[test]
fn valid_bodies_decode_as_serde_json_decodes_them() {
    let ours: Page = from_str(VALID).unwrap();
    let plain: Page = serde_json::from_str(VALID).unwrap();
    assert_eq!(ours, plain);
    assert_eq!(from_slice::<Page>(VALID.as_bytes()).unwrap(), plain);
    let users = ours.users.unwrap();
    assert_eq!(users.len(), 3);
    assert_eq!(
        users[0].attributes.as_ref().unwrap()[0].value.as_deref(),
        Some("aé@example.com")
    );
    assert_eq!(
        users[2].choice,
        Some(Choice::Single(Attribute {
            name: Some("s".into()),
            value: None
        }))
    );
}

/// Each body is valid JSON that plain serde_json accepts by filling a structure by position.
const POSITIONAL: &[(&str, &str)] = &[
    (r#"[[{"Username": "ana"}], "next"]"#, "."),
    (r#"{"Users": [["ana", null, true]]}"#, "Users[0]"),
    (
        r#"{"Users": [{"Username": "ana"}, {"Attributes": [["email", "a@example.com"]]}]}"#,
        "Users[1].Attributes[0]",
    ),
    (
        r#"{"Users": [{"Tags": {"team": ["t", "v"]}}]}"#,
        "Users[0].Tags.team",
    ),
    (
        r#"{"Users": [{"Choice": {"Single": ["s", "v"]}}]}"#,
        "Users[0].Choice",
    ),
    (
        r#"{"Users": [{"Choice": {"Pair": ["n", "v"]}}]}"#,
        "Users[0].Choice",
    ),
];

#[test]
fn arrays_never_fill_a_structure_at_any_depth() {
    for (body, path) in POSITIONAL {
        assert!(
            serde_json::from_str::<Page>(body).is_ok(),
            "plain serde_json refuses {body}"
        );
        let error = from_str::<Page>(body).unwrap_err();
        assert!(error.is_data(), "{body}: {error}");
        assert!(
            error
                .to_string()
                .contains("invalid type: sequence, expected"),
            "{body}: {error}"
        );
        assert!(from_slice::<Page>(body.as_bytes()).is_err(), "{body}");
        let found = error_path::<Page>(body.as_bytes()).expect("a path");
        assert!(found.starts_with(path), "{body}: {found}");
    }
}

#[test]
fn error_path_is_none_for_a_body_that_decodes() {
    assert_eq!(error_path::<Page>(VALID.as_bytes()), None);
}

fn error_body(body: &'static str) -> ErrorResponse {
    ErrorResponse::from_parts(400, &HeaderMap::new(), Bytes::from_static(body.as_bytes()))
}

#[test]
fn arrays_never_fill_a_modelled_error_at_any_depth() {
    let valid =
        error_body(r#"{"message": "no", "reason": {"code": "c", "detail": {"Name": "n"}}}"#);
    let parsed: Rejected = valid.parse_body().unwrap();
    assert_eq!(
        parsed.reason.unwrap().detail.unwrap().name.as_deref(),
        Some("n")
    );
    for body in [
        r#"{"message": "no", "reason": ["c", null]}"#,
        r#"{"message": "no", "reason": {"code": "c", "detail": ["n", "v"]}}"#,
        r#"["no", {"code": "c"}]"#,
    ] {
        assert!(
            serde_json::from_str::<Rejected>(body).is_ok(),
            "plain serde_json refuses {body}"
        );
        let error = error_body(body).parse_body::<Rejected>().unwrap_err();
        assert!(
            error.to_string().contains("invalid type: sequence"),
            "{body}: {error}"
        );
    }
    assert_eq!(
        error_body("").parse_body::<Rejected>().unwrap(),
        Rejected::default()
    );
}

#[test]
fn trailing_content_and_broken_text_are_still_refused() {
    assert!(
        from_str::<Page>(r#"{"Users": []} x"#)
            .unwrap_err()
            .is_syntax()
    );
    assert!(from_slice::<Page>(b"{\"PaginationToken\": \"\xff\"}").is_err());
}
