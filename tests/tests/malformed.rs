//! Malformed models are rejected with every problem listed, each naming where (line and
//! column, or shape id and JSON path) and what.

use codegen::diagnostic::Location;
use codegen::{Diagnostics, Options, generate};
use codegen_tests::fixture;

fn problems(name: &str) -> Diagnostics {
    let model = fixture(&format!("malformed/{name}.json"));
    match generate(&model, &Options::default()) {
        Ok(_) => panic!("{name} was accepted"),
        Err(problems) => problems,
    }
}

/// The rendered diagnostics, one per line, for readable assertions.
fn lines(problems: &Diagnostics) -> Vec<String> {
    problems.0.iter().map(ToString::to_string).collect()
}

#[test]
fn bad_json_names_line_and_column() {
    let problems = problems("bad_json");
    assert_eq!(problems.0.len(), 1);
    assert_eq!(
        problems.0[0].location,
        Location::Text {
            line: 4,
            column: 49
        },
        "{problems}"
    );
}

#[test]
fn dangling_targets_are_all_reported() {
    let problems = problems("dangling_target");
    assert_eq!(
        lines(&problems),
        [
            "example.bad#GetThing (at $.shapes[\"example.bad#GetThing\"].output.target): \
             target `example.bad#Missing` does not exist in the model",
            "example.bad#GetThingInput$Name (at $.shapes[\"example.bad#GetThingInput\"].members.Name.target): \
             target `example.bad#NoSuchString` does not exist in the model",
        ]
    );
}

#[test]
fn unknown_shape_type_names_the_shape() {
    let problems = problems("unknown_shape_type");
    assert_eq!(problems.0.len(), 1, "{problems}");
    let Location::Shape { id, path } = &problems.0[0].location else {
        panic!("expected a shape location: {problems}");
    };
    assert_eq!(id, "example.bad#Weird");
    assert_eq!(path, "$.shapes[\"example.bad#Weird\"].type");
    assert!(
        problems.0[0].message.contains("unknown variant `strin`"),
        "{problems}"
    );
}

#[test]
fn members_equal_after_case_conversion_are_rejected() {
    let problems = problems("duplicate_member");
    assert_eq!(
        lines(&problems),
        [
            "example.bad#GetThingInput$Username (at $.shapes[\"example.bad#GetThingInput\"].members.Username): \
          member `Username` has the same name as member `UserName` after case conversion"
        ]
    );
}

#[test]
fn wrong_kinds_are_all_reported() {
    let problems = problems("wrong_kind");
    let lines = lines(&problems);
    assert_eq!(lines.len(), 3, "{problems}");
    assert!(lines[0].starts_with("example.bad#GetThing (at $.shapes[\"example.bad#GetThing\"].errors[0].target): `example.bad#PlainStructure` is listed as an error but has no `smithy.api#error` trait"), "{problems}");
    assert!(lines[1].starts_with("example.bad#GetThing (at $.shapes[\"example.bad#GetThing\"].input.target): target `example.bad#NotAnOperation` is a string, but a structure is expected"), "{problems}");
    assert!(lines[2].starts_with("example.bad#Service (at $.shapes[\"example.bad#Service\"].operations[1]): target `example.bad#NotAnOperation` is a string, but an operation is expected"), "{problems}");
}

#[test]
fn a_model_without_a_service_is_rejected() {
    let error = generate(r#"{"smithy": "2.0", "shapes": {}}"#, &Options::default())
        .expect_err("no service");
    assert_eq!(
        error.to_string(),
        "1 problem in the model:\n  - model: the model has no service shape; there is nothing to generate\n"
    );
}
