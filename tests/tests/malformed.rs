//! Malformed models are rejected with every problem listed, each naming where (line and
//! column, or shape id and JSON path) and what.

use codegen::diagnostic::Location;
use codegen::{Diagnostics, Input, Options};
use codegen_tests::fixture;

/// The problems generating from `model` reports (the files when it is accepted).
fn generate(model: &str, options: &Options) -> Result<Vec<codegen::GeneratedFile>, Diagnostics> {
    codegen::generate(Input::text(model), options)
        .map(|generated| generated.files)
        .map_err(|failure| failure.problems)
}

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

/// The rendered problems of fixture `name`, which must be rejected.
fn problem_lines(name: &str) -> Vec<String> {
    lines(&problems(name))
}

#[test]
fn out_of_range_defaults_are_rejected() {
    let at = |member: &str| {
        format!(
            "example.hostile#GetInput${member} (at $.shapes[\"example.hostile#GetInput\"].members.\
             {member}.traits[\"smithy.api#default\"]): trait smithy.api#default: the default "
        )
    };
    assert_eq!(
        problem_lines("default_out_of_range"),
        [
            format!("{}300 does not fit the byte type", at("B")),
            format!("{}1e+300 does not fit the float type", at("F")),
            format!("{}3000000000 does not fit the integer type", at("I")),
            format!("{}1e+20 does not fit the long type", at("L")),
            format!(
                "{}of a blob must be base64 text, not \"no!\": Invalid symbol 33, offset 2.",
                at("X")
            ),
        ]
    );
}

#[test]
fn duplicate_enum_values_are_rejected() {
    assert_eq!(
        problem_lines("duplicate_enum_values"),
        [
            "example.hostile#Kind (at $.shapes[\"example.hostile#Kind\"].members.B): \
             the enum value x appears twice; enum values must be unique",
            "example.hostile#Legacy (at $.shapes[\"example.hostile#Legacy\"].traits[\"smithy.api#enum\"][1]): \
             the enum value y appears twice; enum values must be unique",
        ]
    );
}

#[test]
fn an_empty_union_is_rejected() {
    assert_eq!(
        problem_lines("empty_union"),
        [
            "example.hostile#Nothing (at $.shapes[\"example.hostile#Nothing\"].members): \
          a union needs at least one member"
        ]
    );
}

#[test]
fn an_error_structure_as_input_or_output_is_rejected() {
    let lines = problem_lines("error_as_input");
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(lines[0].starts_with(
        "example.hostile#Get (at $.shapes[\"example.hostile#Get\"].input.target): \
         its input `example.hostile#Boom` is an @error structure"
    ));
    assert!(lines[1].contains(".output.target): its output `example.hostile#Boom`"));
}

#[test]
fn list_and_map_cycles_are_rejected() {
    let lines = problem_lines("list_cycle");
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(lines[0].starts_with("example.hostile#ListOfMaps (at $.shapes[\"example.hostile#ListOfMaps\"]): this list or map contains itself"));
    assert!(lines[1].starts_with("example.hostile#SelfList (at $.shapes[\"example.hostile#SelfList\"]): this list or map contains itself"));
}

#[test]
fn invalid_sdk_ids_are_rejected() {
    let template: serde_json::Value =
        serde_json::from_str(&fixture("malformed/invalid_sdk_id.json")).expect("JSON");
    for sdk_id in ["", "-", "123", "名前", "two  spaces", "trailing "] {
        let mut model = template.clone();
        model["shapes"]["example.hostile#Sdk1"]["traits"]["aws.api#service"]["sdkId"] =
            sdk_id.into();
        let error = generate(&model.to_string(), &Options::default())
            .expect_err("an invalid sdkId is rejected");
        assert_eq!(error.0.len(), 1, "{error}");
        let message = error.0[0].to_string();
        assert!(
            message.starts_with(&format!(
                "example.hostile#Sdk1 (at $.shapes[\"example.hostile#Sdk1\"].traits[\"aws.api#service\"].sdkId): sdkId {sdk_id:?} is not valid"
            )),
            "{message}"
        );
    }
}

/// A model whose input holds lists nested `depth` deep, innermost a string.
fn nested_lists(depth: usize) -> String {
    let mut shapes = serde_json::json!({
        "ex#Deep": {"type": "service", "version": "1", "operations": [{"target": "ex#Get"}]},
        "ex#Get": {"type": "operation", "input": {"target": "ex#GetInput"}},
        "ex#GetInput": {"type": "structure", "members": {"Deep": {"target": "ex#L0"}}},
    });
    for level in 0..depth {
        let element = if level + 1 < depth {
            format!("ex#L{}", level + 1)
        } else {
            "smithy.api#String".to_owned()
        };
        shapes[format!("ex#L{level}")] =
            serde_json::json!({"type": "list", "member": {"target": element}});
    }
    serde_json::json!({"smithy": "2.0", "shapes": shapes}).to_string()
}

#[test]
fn deep_collection_nesting_is_a_clear_error_in_linear_time() {
    assert!(generate(&nested_lists(32), &Options::default()).is_ok());
    for depth in [33, 2_000, 8_000] {
        let started = std::time::Instant::now();
        let error = generate(&nested_lists(depth), &Options::default()).expect_err("too deep");
        let crossing = depth - 33;
        assert_eq!(
            error.to_string(),
            format!(
                "1 problem in the model:\n  - ex#L{crossing} (at $.shapes[\"ex#L{crossing}\"]): \
                 lists and maps nest 33 deep from here; the generator supports at most 32 \
                 without a structure or union in between\n"
            )
        );
        // Generous for a debug build on a busy machine; quadratic work took 5 s at 8,000.
        assert!(
            started.elapsed().as_secs_f64() < 2.0,
            "{depth}: {:?}",
            started.elapsed()
        );
    }
}

#[test]
fn malformed_traits_are_all_reported_where_they_are() {
    let at = |owner: &str, path: &str, trait_id: &str| {
        let shape = owner.split('$').next().unwrap_or(owner);
        format!("{owner} (at $.shapes[\"{shape}\"]{path}.traits[\"smithy.api#{trait_id}\"]")
    };
    assert_eq!(
        problem_lines("malformed_traits"),
        [
            format!(
                "{}): trait smithy.api#error: must be \"client\" or \"server\", found \"oops\"",
                at("ex#Broken", "", "error")
            ),
            format!(
                "{}): trait smithy.api#httpError: must be an HTTP status code (100 to 599), \
                 found \"404\"",
                at("ex#Broken", "", "httpError")
            ),
            format!(
                "{}.throttling): trait smithy.api#retryable: \"throttling\" must be a boolean, \
                 found \"yes\"",
                at("ex#Broken", "", "retryable")
            ),
            format!(
                "{}): trait smithy.api#pattern: must be a regular expression (a string), found 42",
                at("ex#Code", "", "pattern")
            ),
            format!(
                "{}.inputToken): trait smithy.api#paginated: \"inputToken\" must be a string, \
                 found 7",
                at("ex#PutWidget", "", "paginated")
            ),
            format!(
                "{}[1]): trait smithy.api#enum: needs a \"value\"",
                at("ex#State", "", "enum")
            ),
            format!(
                "{}): trait smithy.api#default: the default of a string must be a string, not 3",
                at("ex#Widget$label", ".members.label", "default")
            ),
            format!(
                "{}): trait smithy.api#required: is an annotation trait and must be an object \
                 ({{}}), found true",
                at("ex#Widget$label", ".members.label", "required")
            ),
            format!(
                "{}.min): trait smithy.api#length: \"min\" must be a non-negative integer, \
                 found \"three\"",
                at("ex#Widget$name", ".members.name", "length")
            ),
            format!(
                "{}): trait smithy.api#range: \"min\" (10) is greater than \"max\" (1)",
                at("ex#Widget$size", ".members.size", "range")
            ),
        ]
    );
}

#[test]
fn traits_the_generator_does_not_read_are_kept_as_they_are() {
    let model = codegen::smithy::parse_model(
        r#"{"smithy": "2.0", "shapes": {"ex#Thing": {"type": "string", "traits": {
            "ex#custom": {"any": ["shape", 1]}, "smithy.api#length": {"max": 3}}}}}"#,
    )
    .expect("a model with an unknown trait loads");
    let traits = model.shapes["ex#Thing"].traits();
    assert_eq!(
        traits["ex#custom"],
        serde_json::json!({"any": ["shape", 1]})
    );
    use codegen::smithy::trait_values::{Length, TraitValue};
    assert_eq!(
        Length::get(traits),
        Some(Length {
            min: None,
            max: Some(3)
        })
    );
}
