//! The reader's behaviour on hostile input and on several files; Smithy's own suite is
//! run by `tests/tests/idl_suite.rs`.

use super::*;
use crate::diagnostic::Location;

fn one(text: &str) -> Result<Node, Diagnostics> {
    load_files(&[("m.smithy".to_owned(), text.to_owned())])
}

/// The single error's file, line and column.
fn error_at(text: &str) -> (String, usize, usize, String) {
    let problems = one(text).expect_err("the model should be refused");
    match &problems.0[0].location {
        Location::Source { file, line, column } => {
            (file.clone(), *line, *column, problems.0[0].message.clone())
        }
        other => panic!("expected a file position, got {other:?}"),
    }
}

#[test]
fn deep_nesting_is_refused_at_the_level_that_is_too_deep() {
    let depth = 100_000;
    let text = format!(
        "$version: \"2\"\nmetadata x = {}{}\n",
        "[".repeat(depth),
        "]".repeat(depth)
    );
    let (file, line, column, message) = error_at(&text);
    assert_eq!((file.as_str(), line), ("m.smithy", 2));
    assert_eq!(column, "metadata x = ".len() + node::MAX_DEPTH + 2);
    assert!(message.contains("nest"), "{message}");
}

#[test]
fn unterminated_strings_and_text_blocks_point_at_their_start() {
    let text = "$version: \"2\"\nnamespace a\n@documentation(\"never closed\nstring S\n";
    assert_eq!(error_at(text).1..=error_at(text).2, 3..=16);
    let text = "$version: \"2\"\nnamespace a\n@documentation(\"\"\"\n    open\nstring S\n";
    let (_, line, column, message) = error_at(text);
    assert_eq!((line, column), (3, 16));
    assert!(message.contains("unterminated text block"), "{message}");
}

#[test]
fn huge_text_blocks_load_and_keep_their_text() {
    let body = "line of documentation\n    ".repeat(200_000);
    let text = format!(
        "$version: \"2\"\nnamespace a\n@documentation(\"\"\"\n    {body}\"\"\")\nstring S\n"
    );
    let model = one(&text).expect("a large text block is fine");
    let docs = model.to_json()["shapes"]["a#S"]["traits"]["smithy.api#documentation"].clone();
    assert_eq!(docs.as_str().map(|d| d.lines().count()), Some(200_000));
}

#[test]
fn truncated_files_never_panic() {
    let text = "$version: \"2.0\"\nnamespace a.b\nuse x.y#Z\n/// Docs\n@tags([\"a\"])\n\
                structure S with [M] { @required a: String = \"x\", $b }\n\
                operation O { input := { c: Integer }, errors: [E] }\n\
                apply S$a @documentation(\"\"\"\n    hi\n    \"\"\")\n";
    for end in 0..text.len() {
        if text.is_char_boundary(end) {
            let _ = one(&text[..end]);
        }
    }
}

#[test]
fn errors_name_file_line_and_column() {
    let (file, line, column, message) = error_at("$version: \"2\"\nnamespace a\nstring S {\n");
    assert_eq!((file.as_str(), line, column), ("m.smithy", 3, 10));
    assert!(message.contains("line break"), "{message}");
}

#[test]
fn several_files_merge_and_conflicts_name_both_places() {
    let a = (
        "a.smithy".to_owned(),
        "$version: \"2\"\nnamespace n\nstring S\n".to_owned(),
    );
    let b = (
        "b.smithy".to_owned(),
        "$version: \"2\"\nnamespace n\napply S @sensitive\nstructure T { s: S }\n".to_owned(),
    );
    let model = load_files(&[a.clone(), b])
        .expect("the files merge")
        .to_json();
    assert_eq!(
        model["shapes"]["n#S"]["traits"]["smithy.api#sensitive"],
        serde_json::json!({})
    );
    assert_eq!(model["shapes"]["n#T"]["members"]["s"]["target"], "n#S");

    let c = (
        "c.smithy".to_owned(),
        "$version: \"2\"\nnamespace n\n\ninteger S\n".to_owned(),
    );
    let problems = load_files(&[a, c]).expect_err("S is defined twice, differently");
    let text = problems.to_string();
    assert!(
        text.contains("c.smithy:4:9") && text.contains("a.smithy:3:8"),
        "{text}"
    );
}

#[test]
fn an_idl_service_loads_into_the_generators_model_with_mixins_flattened() {
    let text = "$version: \"2\"\nnamespace n\n\
                @mixin\nstructure Paged { nextToken: String }\n\
                operation List { input := with [Paged] { size: Integer }, output := {} }\n";
    let model = crate::load_model(text, crate::Format::Auto).expect("the model loads");
    let Some(crate::smithy::ast::Shape::Structure(input)) = model.shapes.get("n#ListInput") else {
        panic!("no n#ListInput structure");
    };
    let names: Vec<&str> = input
        .members
        .0
        .iter()
        .map(|(name, _)| name.as_str())
        .collect();
    assert_eq!(names, ["nextToken", "size"]);
    assert!(input.mixins.is_empty());
    assert!(
        !model.shapes.contains_key("n#Paged"),
        "mixin shapes are removed"
    );
}
