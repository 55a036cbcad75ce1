//! botocore models as input: the conversion keeps every fact the generator uses, so a
//! botocore model and the Smithy model of the same service generate the same Rust API.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use codegen::ir::{Member, Service, TypeDef};
use codegen::{
    Config, Format, GeneratedFile, Input, ModelInput, Options, SourceFile, botocore, load_model,
    lower_input,
};
use codegen_tests::{aws_models_dir, botocore_model, botocore_models_dir, fixture, workspace_root};

/// The input of a model text in `format`, with the texts of its companion files.
fn input(
    model: &str,
    format: Format,
    paginators: Option<&str>,
    endpoint_rules: Option<&str>,
) -> Input {
    let file = |text: &str| SourceFile {
        name: String::new(),
        text: text.to_owned(),
    };
    Input {
        model: ModelInput::File {
            file: file(model),
            format,
        },
        paginators: paginators.map(file),
        endpoint_rules: endpoint_rules.map(file),
    }
}

/// Generates a crate from a botocore model (with its paginators) or a Smithy model.
fn generate(model: &str, paginators: Option<&str>, format: Format) -> Vec<GeneratedFile> {
    let options = Options {
        source_name: "model.json".to_owned(),
        ..Options::default()
    };
    codegen::generate(input(model, format, paginators, None), &options)
        .unwrap_or_else(|e| panic!("{e}"))
        .files
}

#[test]
fn botocore_fixture_generates_the_same_crate_as_its_smithy_twin() {
    let from_botocore = generate(
        &fixture("botocore/widgets.botocore.json"),
        Some(&fixture("botocore/widgets.paginators.json")),
        Format::Auto,
    );
    let from_smithy = generate(&fixture("botocore/widgets.smithy.json"), None, Format::Auto);
    assert_eq!(from_botocore.len(), from_smithy.len());
    for (ours, theirs) in from_botocore.iter().zip(&from_smithy) {
        assert_eq!(ours.path, theirs.path);
        assert!(
            ours.contents == theirs.contents,
            "{} differs:\n{}",
            ours.path,
            first_difference(&ours.contents, &theirs.contents)
        );
    }
}

fn first_difference(a: &str, b: &str) -> String {
    a.lines()
        .zip(b.lines())
        .enumerate()
        .find(|(_, (x, y))| x != y)
        .map(|(line, (x, y))| format!("line {}:\n  botocore: {x}\n  smithy:   {y}", line + 1))
        .unwrap_or_else(|| "one file is a prefix of the other".to_owned())
}

#[test]
fn generate_names_the_input_file_each_problem_comes_from() {
    let named = |name: &str, text: &str| SourceFile {
        name: name.to_owned(),
        text: text.to_owned(),
    };
    let unknown_operation = r#"{"pagination": {"NoSuchOperation": {"input_token": "NextToken", "output_token": "NextToken"}}}"#;
    let input = Input {
        model: ModelInput::File {
            file: named("service-2.json", &fixture("botocore/widgets.botocore.json")),
            format: Format::Botocore,
        },
        paginators: Some(named("paginators-1.json", unknown_operation)),
        endpoint_rules: None,
    };
    let failure = codegen::generate(input, &Options::default()).expect_err("unknown operation");
    assert_eq!(failure.file, "paginators-1.json");
    let message = failure.to_string();
    assert!(
        message.starts_with("paginators-1.json: 1 problem"),
        "{message}"
    );
    assert!(message.contains("NoSuchOperation"), "{message}");

    // A problem found after loading (here: there is no service) is the model file's.
    let no_service = Input {
        model: ModelInput::File {
            file: named("empty.json", r#"{"smithy": "2.0", "shapes": {}}"#),
            format: Format::Auto,
        },
        paginators: None,
        endpoint_rules: None,
    };
    let failure = codegen::generate(no_service, &Options::default()).expect_err("no service");
    assert_eq!(failure.file, "empty.json");
    let message = failure.to_string();
    assert!(message.starts_with("empty.json: 1 problem"), "{message}");
    assert!(message.contains("no service shape"), "{message}");
}

#[test]
fn malformed_botocore_models_name_the_shape_and_path() {
    let problems = load_model(&fixture("botocore/malformed.json"), Format::Botocore)
        .expect_err("the model is malformed");
    insta::assert_snapshot!(problems.to_string());
}

#[test]
fn paginators_for_unknown_operations_are_reported() {
    let mut model = load_model(&fixture("botocore/widgets.botocore.json"), Format::Botocore)
        .expect("fixture loads");
    let problems = botocore::add_paginators(
        &mut model,
        r#"{"pagination": {"ListGadgets": {"input_token": "NextToken", "output_token": "NextToken"}}}"#,
    )
    .expect_err("no such operation");
    insta::assert_snapshot!(problems.to_string(), @r#"
    1 problem in the model:
      - ListGadgets (at $.pagination["ListGadgets"]): the model has no operation `ListGadgets` (see $.operations["ListGadgets"])
    "#);
}

#[test]
fn the_format_flag_overrides_detection() {
    let problems = load_model(&fixture("botocore/widgets.botocore.json"), Format::Smithy)
        .expect_err("a botocore model is not a Smithy AST");
    assert!(
        problems
            .to_string()
            .contains("looks like a botocore model, not smithy"),
        "{problems}"
    );
}

/// The botocore release of the Smithy model in the AWS corpus (same 113 operations, same
/// documentation): botocore 1.37.27, built 2025-04-03.
const COGNITO_BOTOCORE: &str = "1.37.27";

/// Both Cognito models, lowered with this repository's configuration.
fn cognito_services() -> (Service, Service) {
    let dir = botocore_models_dir();
    let config = Config::load(
        &workspace_root().join("model/codegen.json"),
        "model/codegen.json",
    )
    .expect("model/codegen.json and its examples");
    let smithy_text =
        std::fs::read_to_string(aws_models_dir().join("cognito-identity-provider-2016-04-18.json"))
            .expect("the Smithy Cognito model");
    let smithy = lower_input(Input::text(&smithy_text), &config).unwrap_or_else(|e| panic!("{e}"));
    let botocore = input(
        &botocore_model(&dir, COGNITO_BOTOCORE, "service-2.json"),
        Format::Botocore,
        Some(&botocore_model(&dir, COGNITO_BOTOCORE, "paginators-1.json")),
        None,
    );
    let from_botocore = lower_input(botocore, &config).unwrap_or_else(|e| panic!("{e}"));
    (smithy, from_botocore)
}

/// Why a fact of the public API differs between the two formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Reason {
    /// The Smithy model gives the member `@default(false)`/`@default(0)` (so it is a plain
    /// `bool`/`i32`); botocore has no defaults, so the member stays `Option<…>`.
    SmithyDefault,
    /// The Smithy enum member is named differently from its value (`DATETIME` for
    /// `DateTime`); botocore keeps only values, so the variant is named after the value.
    EnumMemberName,
    /// The endpoint rule set ships in a separate botocore file (`endpoint-rule-set-1.json`).
    EndpointRules,
}

/// The public API as keyed facts: service, operations, types, fields, variants, errors.
fn api_facts(service: &Service) -> BTreeMap<String, String> {
    let mut facts = BTreeMap::new();
    facts.insert(
        "service".to_owned(),
        format!(
            "crate {} trait {} title {} version {} protocol {:?} signing {:?}",
            service.crate_name,
            service.trait_name,
            service.title,
            service.version,
            service.protocol,
            service.signing_name
        ),
    );
    facts.insert(
        "endpoint rules".to_owned(),
        service.endpoint_rules.is_some().to_string(),
    );
    for op in &service.operations {
        let errors: Vec<&str> = op.errors.iter().map(|e| e.type_name.as_str()).collect();
        facts.insert(
            format!("operation {}", op.wire_name),
            format!(
                "fn {}({:?}) -> {:?} errors {errors:?} auth {:?} deprecated {} pagination {:?}",
                op.method_name,
                op.input,
                op.output,
                op.auth,
                op.deprecated.is_some(),
                op.pagination
            ),
        );
    }
    for ty in &service.types {
        match ty {
            TypeDef::Struct(s) => {
                facts.insert(format!("type {}", s.name), format!("struct {:?}", role(s)));
                for member in &s.members {
                    facts.insert(
                        format!("field {}.{}", s.name, member.rust_name),
                        member_fact(member),
                    );
                }
            }
            TypeDef::Union(u) => {
                facts.insert(format!("type {}", u.name), "union".to_owned());
                for member in &u.variants {
                    facts.insert(
                        format!("field {}.{}", u.name, member.rust_name),
                        member_fact(member),
                    );
                }
            }
            TypeDef::Enum(e) => {
                facts.insert(format!("type {}", e.name), "enum".to_owned());
                for variant in &e.variants {
                    facts.insert(
                        format!("variant {} = {:?}", e.name, variant.wire_value),
                        variant.rust_name.clone(),
                    );
                }
            }
            TypeDef::IntEnum(e) => {
                facts.insert(format!("type {}", e.name), "intEnum".to_owned());
                for variant in &e.variants {
                    facts.insert(
                        format!("variant {} = {}", e.name, variant.value),
                        variant.rust_name.clone(),
                    );
                }
            }
        }
    }
    facts
}

/// The role of a structure, with what the generated code uses of error facts.
fn role(s: &codegen::ir::Struct) -> String {
    match &s.role {
        codegen::ir::StructRole::Error(info) => format!(
            "error server {} retryable {} throttling {}",
            info.server_fault, info.retryable, info.throttling
        ),
        other => format!("{other:?}"),
    }
}

fn member_fact(member: &Member) -> String {
    format!(
        "{}: {:?} optional {} required {} default {:?} sensitive {} boxed {} idempotency {} deprecated {}",
        member.wire_name,
        member.ty,
        member.optional,
        member.required,
        member.default,
        member.sensitive,
        member.boxed,
        member.idempotency_token,
        member.deprecated.is_some()
    )
}

/// Why `key` differs (`smithy` and `botocore` are the two facts, when present).
fn explain(key: &str, smithy: Option<&str>, botocore: Option<&str>) -> Option<Reason> {
    if key == "endpoint rules" {
        return (smithy == Some("true") && botocore == Some("false"))
            .then_some(Reason::EndpointRules);
    }
    let (smithy, botocore) = (smithy?, botocore?);
    if key.starts_with("variant ") {
        return Some(Reason::EnumMemberName);
    }
    let without_default = smithy
        .replace("optional false", "optional true")
        .replace(&default_part(smithy), "default None");
    (key.starts_with("field ") && smithy.contains("optional false") && without_default == botocore)
        .then_some(Reason::SmithyDefault)
}

fn default_part(fact: &str) -> String {
    let start = fact.find("default ").unwrap_or(0);
    let end = fact[start..]
        .find(" sensitive")
        .map_or(fact.len(), |end| start + end);
    fact[start..end].to_owned()
}

#[test]
#[ignore = "needs the AWS and botocore models: run .ci/fetch-botocore.sh (or set BOTOCORE_MODELS_DIR) and set AWS_MODELS_DIR"]
fn cognito_botocore_and_smithy_models_generate_the_same_api() {
    let (smithy, from_botocore) = cognito_services();
    assert_eq!(smithy.operations.len(), 113);
    assert_eq!(from_botocore.operations.len(), 113);
    let smithy_facts = api_facts(&smithy);
    let botocore_facts = api_facts(&from_botocore);
    let mut explained: BTreeMap<Reason, Vec<String>> = BTreeMap::new();
    let mut unexplained = Vec::new();
    let keys: std::collections::BTreeSet<&String> =
        smithy_facts.keys().chain(botocore_facts.keys()).collect();
    for key in keys {
        let (s, b) = (
            smithy_facts.get(key).map(String::as_str),
            botocore_facts.get(key).map(String::as_str),
        );
        if s == b {
            continue;
        }
        match explain(key, s, b) {
            Some(reason) => explained.entry(reason).or_default().push(key.clone()),
            None => unexplained.push(format!("{key}\n  smithy:   {s:?}\n  botocore: {b:?}")),
        }
    }
    assert!(
        unexplained.is_empty(),
        "{} unexplained differences:\n{}",
        unexplained.len(),
        unexplained.join("\n")
    );
    let mut summary = format!(
        "{} facts compared; every difference has a reason:\n",
        smithy_facts.len()
    );
    for (reason, keys) in &explained {
        let _ = writeln!(summary, "\n{reason:?} ({}):", keys.len());
        for key in keys {
            let _ = writeln!(summary, "  {key}");
        }
    }
    insta::assert_snapshot!(summary);
}

/// Our own Cognito rule set (written in this repository), as botocore ships it in
/// `endpoint-rule-set-1.json`: the trait's value on its own.
fn rule_set_file() -> String {
    let ours: serde_json::Value =
        serde_json::from_str(&fixture("../../model/cognito-identity-provider.json")).expect("JSON");
    let service = ours["shapes"]
        .as_object()
        .and_then(|shapes| shapes.values().find(|shape| shape["type"] == "service"))
        .expect("a service");
    service["traits"]["smithy.rules#endpointRuleSet"].to_string()
}

#[test]
fn a_botocore_endpoint_rule_set_reaches_the_generated_crate() {
    let mut model = load_model(&fixture("botocore/widgets.botocore.json"), Format::Botocore)
        .unwrap_or_else(|e| panic!("{e}"));
    let rules = rule_set_file();
    botocore::add_endpoint_rules(&mut model, &rules).unwrap_or_else(|e| panic!("{e}"));
    let widgets = fixture("botocore/widgets.botocore.json");
    let files = codegen::generate(
        input(&widgets, Format::Botocore, None, Some(&rules)),
        &Options::default(),
    )
    .unwrap_or_else(|e| panic!("{e}"))
    .files;
    let written = files
        .iter()
        .find(|file| file.path == "src/endpoint_rules.json")
        .expect("the rule set is written into the crate");
    let parsed = |text: &str| serde_json::from_str::<serde_json::Value>(text).expect("JSON");
    assert_eq!(parsed(&written.contents), parsed(&rules));

    let again = botocore::add_endpoint_rules(&mut model, &rules).expect_err("given twice");
    assert!(
        again.to_string().contains("already has endpoint rules"),
        "{again}"
    );
}

#[test]
fn a_malformed_endpoint_rule_set_is_a_located_error() {
    let mut model = load_model(&fixture("botocore/widgets.botocore.json"), Format::Botocore)
        .unwrap_or_else(|e| panic!("{e}"));
    let not_json = botocore::add_endpoint_rules(&mut model, "{\"version\": ").expect_err("bad");
    assert!(
        not_json
            .to_string()
            .contains("invalid endpoint rule set file: EOF while parsing"),
        "{not_json}"
    );
    let no_rules =
        botocore::add_endpoint_rules(&mut model, r#"{"version": "1.0"}"#).expect_err("no rules");
    assert!(
        no_rules
            .to_string()
            .contains("a `version` string and a `rules` array"),
        "{no_rules}"
    );
}
