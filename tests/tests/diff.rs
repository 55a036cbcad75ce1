//! Model diffs: one fixture pair per kind of change (`tests/fixtures/diff/base.json` against
//! a copy with that one change), the 2017-08-11 Cognito API change page reproduced from the
//! two botocore releases it compares, and the Smithy and botocore Cognito models of April
//! 2025 compared across formats.

use std::collections::{BTreeMap, BTreeSet};

use codegen::diff::{OutputFormat, Report, change_dict, diff, request_syntax, response_syntax};
use codegen::ir::Service;
use codegen::{Config, Input, lower_input};
use codegen_tests::{aws_models_dir, botocore_model, botocore_models_dir, fixture};

fn lower(text: &str) -> Service {
    lower_input(Input::text(text), &Config::default()).unwrap_or_else(|e| panic!("{e}"))
}

/// The report of `base.json` against the fixture `after`, as text with every detail.
fn report_against_base(after: &str) -> String {
    let old = lower(&fixture("diff/base.json"));
    let new = lower(&fixture(&format!("diff/{after}.json")));
    diff(&old, &new).render(OutputFormat::Text, true)
}

macro_rules! change_kinds {
    ($($name:ident),* $(,)?) => {
        $(
            #[test]
            fn $name() {
                insta::assert_snapshot!(report_against_base(stringify!($name)));
            }
        )*
    };
}

change_kinds!(
    new_operation,
    removed_operation,
    new_member,
    removed_member,
    new_enum_value,
    type_change,
    required_change,
    nested_change,
    documentation_only,
    constraint_only,
);

#[test]
fn unchanged_model_reports_nothing() {
    let model = lower(&fixture("diff/base.json"));
    let report = diff(&model, &model);
    assert!(!report.api_changed());
    assert!(report.details.is_empty());
    assert_eq!(report.title(), "0 new 0 updated api methods");
}

#[test]
fn documentation_and_constraints_do_not_update_operations() {
    for after in ["documentation_only", "constraint_only"] {
        let old = lower(&fixture("diff/base.json"));
        let new = lower(&fixture(&format!("diff/{after}.json")));
        let report = diff(&old, &new);
        assert!(!report.api_changed(), "{after}");
        assert!(!report.details.is_empty(), "{after}");
        let without_details = report.render(OutputFormat::Text, false);
        assert!(
            !without_details.contains("documentation changed")
                && !without_details.contains("constraints"),
            "{after}: details are only listed with --all:\n{without_details}"
        );
    }
}

#[test]
fn smithy_unions_int_enums_and_nested_collections() {
    let old = lower(&fixture("diff/smithy_before.json"));
    let new = lower(&fixture("diff/smithy_after.json"));
    insta::assert_snapshot!(diff(&old, &new).render(OutputFormat::Markdown, true));
}

#[test]
fn json_output_carries_the_title_and_structured_changes() {
    let old = lower(&fixture("diff/base.json"));
    let new = lower(&fixture("diff/nested_change.json"));
    let json: serde_json::Value =
        serde_json::from_str(&diff(&old, &new).render(OutputFormat::Json, false))
            .expect("valid JSON");
    insta::assert_snapshot!(serde_json::to_string_pretty(&json).unwrap());
}

/// The 2017/08/11 page "Amazon Cognito Identity Provider - 9 new 9 updated api methods":
/// the request syntax of each new operation, collapsed to one line as the page shows it.
const PAGE_NEW: [(&str, &str); 9] = [
    (
        "admin_disable_provider_for_user",
        "client.admin_disable_provider_for_user( UserPoolId='string', User={ 'ProviderName': 'string', 'ProviderAttributeName': 'string', 'ProviderAttributeValue': 'string' } )",
    ),
    (
        "admin_link_provider_for_user",
        "client.admin_link_provider_for_user( UserPoolId='string', DestinationUser={ 'ProviderName': 'string', 'ProviderAttributeName': 'string', 'ProviderAttributeValue': 'string' }, SourceUser={ 'ProviderName': 'string', 'ProviderAttributeName': 'string', 'ProviderAttributeValue': 'string' } )",
    ),
    (
        "create_resource_server",
        "client.create_resource_server( UserPoolId='string', Identifier='string', Name='string', Scopes=[ { 'ScopeName': 'string', 'ScopeDescription': 'string' }, ] )",
    ),
    (
        "delete_resource_server",
        "client.delete_resource_server( UserPoolId='string', Identifier='string' )",
    ),
    (
        "describe_resource_server",
        "client.describe_resource_server( UserPoolId='string', Identifier='string' )",
    ),
    (
        "get_ui_customization",
        "client.get_ui_customization( UserPoolId='string', ClientId='string' )",
    ),
    (
        "list_resource_servers",
        "client.list_resource_servers( UserPoolId='string', MaxResults=123, NextToken='string' )",
    ),
    (
        "set_ui_customization",
        "client.set_ui_customization( UserPoolId='string', ClientId='string', CSS='string', ImageFile=b'bytes' )",
    ),
    (
        "update_resource_server",
        "client.update_resource_server( UserPoolId='string', Identifier='string', Name='string', Scopes=[ { 'ScopeName': 'string', 'ScopeDescription': 'string' }, ] )",
    ),
];

/// Two of the page's response syntaxes, collapsed to one line.
const PAGE_RESPONSES: [(&str, &str); 2] = [
    (
        "get_ui_customization",
        "{ 'UICustomization': { 'UserPoolId': 'string', 'ClientId': 'string', 'ImageUrl': 'string', 'CSS': 'string', 'CSSVersion': 'string', 'LastModifiedDate': datetime(2015, 1, 1), 'CreationDate': datetime(2015, 1, 1) } }",
    ),
    ("delete_resource_server", "None"),
];

const PROVIDER_TYPES: &str = "{'ProviderType': ['Facebook', 'Google', 'LoginWithAmazon']}";
const TEMPLATE: &str = "{'VerificationMessageTemplate': {'DefaultEmailOption': 'CONFIRM_WITH_LINK | ' 'CONFIRM_WITH_CODE', 'EmailMessage': 'string', 'EmailMessageByLink': 'string', 'EmailSubject': 'string', 'EmailSubjectByLink': 'string', 'SmsMessage': 'string'}}";
const POOL_TEMPLATE: &str = "{'UserPool': {'VerificationMessageTemplate': {'DefaultEmailOption': 'CONFIRM_WITH_LINK ' '| ' 'CONFIRM_WITH_CODE', 'EmailMessage': 'string', 'EmailMessageByLink': 'string', 'EmailSubject': 'string', 'EmailSubjectByLink': 'string', 'SmsMessage': 'string'}}}";
const IDENTITY_PROVIDER: &str =
    "{'IdentityProvider': {'ProviderType': ['Facebook', 'Google', 'LoginWithAmazon']}}";

/// The page's updated operations: (request changes, response changes), as the page prints
/// them (Python's `pprint`, which splits long strings into adjacent literals).
fn page_updated() -> BTreeMap<&'static str, (Option<&'static str>, Option<&'static str>)> {
    BTreeMap::from([
        (
            "create_identity_provider",
            (Some(PROVIDER_TYPES), Some(IDENTITY_PROVIDER)),
        ),
        ("create_user_pool", (Some(TEMPLATE), Some(POOL_TEMPLATE))),
        (
            "describe_identity_provider",
            (None, Some(IDENTITY_PROVIDER)),
        ),
        ("describe_user_pool", (None, Some(POOL_TEMPLATE))),
        (
            "describe_user_pool_domain",
            (None, Some("{'DomainDescription': {'Status': ['FAILED']}}")),
        ),
        (
            "get_identity_provider_by_identifier",
            (None, Some(IDENTITY_PROVIDER)),
        ),
        (
            "list_identity_providers",
            (
                None,
                Some("{'Providers': {'ProviderType': ['Facebook', 'Google', 'LoginWithAmazon']}}"),
            ),
        ),
        ("update_identity_provider", (None, Some(IDENTITY_PROVIDER))),
        ("update_user_pool", (Some(TEMPLATE), None)),
    ])
}

/// Joins the adjacent string literals `pprint` splits long strings into.
fn unsplit(pprinted: &str) -> String {
    pprinted.replace("' '", "")
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn seed_page_report() -> Report {
    let dir = botocore_models_dir();
    let old = lower(&botocore_model(&dir, "1.5.95", "service-2.json"));
    let new = lower(&botocore_model(&dir, "1.6.0", "service-2.json"));
    diff(&old, &new)
}

#[test]
#[ignore = "needs the botocore models: run .ci/fetch-botocore.sh or set BOTOCORE_MODELS_DIR"]
fn reproduces_the_2017_08_11_cognito_api_change_page() {
    let report = seed_page_report();
    assert_eq!(report.service, "Amazon Cognito Identity Provider");
    assert_eq!(report.title(), "9 new 9 updated api methods");
    assert!(report.removed_operations.is_empty());

    let new: BTreeMap<&str, _> = report
        .new_operations
        .iter()
        .map(|op| (op.name.boto3.as_str(), op))
        .collect();
    let expected: BTreeSet<&str> = PAGE_NEW.iter().map(|(name, _)| *name).collect();
    assert_eq!(new.keys().copied().collect::<BTreeSet<_>>(), expected);
    for (name, syntax) in PAGE_NEW {
        let op = new[name];
        assert_eq!(
            one_line(&request_syntax(&op.name.boto3, op.request.as_ref())),
            syntax
        );
    }
    for (name, syntax) in PAGE_RESPONSES {
        assert_eq!(
            one_line(&response_syntax(new[name].response.as_ref())),
            syntax
        );
    }

    let updated: BTreeMap<&str, (Option<String>, Option<String>)> = report
        .updated_operations
        .iter()
        .map(|op| {
            let side = |changes: &[codegen::diff::Change]| {
                (!changes.is_empty()).then(|| change_dict(changes))
            };
            (
                op.name.boto3.as_str(),
                (side(&op.request), side(&op.response)),
            )
        })
        .collect();
    let expected: BTreeMap<&str, (Option<String>, Option<String>)> = page_updated()
        .into_iter()
        .map(|(name, (request, response))| (name, (request.map(unsplit), response.map(unsplit))))
        .collect();
    assert_eq!(updated, expected);
}

#[test]
#[ignore = "needs the AWS and botocore models: run .ci/fetch-botocore.sh (or set BOTOCORE_MODELS_DIR) and set AWS_MODELS_DIR"]
fn cognito_smithy_and_botocore_models_differ_in_no_api_method() {
    let dir = botocore_models_dir();
    let smithy =
        std::fs::read_to_string(aws_models_dir().join("cognito-identity-provider-2016-04-18.json"))
            .expect("the Smithy Cognito model");
    let report = diff(
        &lower(&smithy),
        &lower(&botocore_model(&dir, "1.37.27", "service-2.json")),
    );
    assert_eq!(report.title(), "0 new 0 updated api methods");
    assert!(
        report.removed_operations.is_empty(),
        "{}",
        report.render(OutputFormat::Text, false)
    );
}
