//! Model diffs for review: which operations are new, removed or updated between two versions
//! of a service, in the style of the AWS API change pages
//! (`9 new 9 updated api methods`, `{'ProviderType': ['Facebook', 'Google']}`).
//!
//! The comparison works on the IR of both models (so either input format, or one of each),
//! matching operations by Smithy name and values by position. An operation is *updated* when
//! its request or response changed at any depth: a member added or removed, a value's kind
//! changed, enum values added or removed, or a member's `required` changed. Documentation,
//! constraints, sensitivity, deprecation and error lists do not make an operation updated;
//! they are reported separately as [`Detail`]s.
//!
//! Pure: no I/O. [`diff`] returns a [`Report`]; [`Report::render`] prints it.

mod boto3;
mod compare;
mod python;
mod render;
mod report;
mod sketch;

use std::collections::BTreeMap;

use crate::ir::{Operation, Service};
use compare::{Comparer, Outcome, same_text};

pub use boto3::method_name as boto3_method_name;
pub use python::{change_dict, request_syntax, response_syntax};
pub use render::OutputFormat;
pub use report::{
    Change, ChangeKind, Detail, DetailKind, Field, NewOperation, OperationDetails, OperationName,
    Report, Side, Sketch, Step, UpdatedOperation,
};

/// Compares two versions of a service.
pub fn diff(old: &Service, new: &Service) -> Report {
    let old_ops: BTreeMap<&str, &Operation> = old
        .operations
        .iter()
        .map(|op| (op.wire_name.as_str(), op))
        .collect();
    let new_ops: BTreeMap<&str, &Operation> = new
        .operations
        .iter()
        .map(|op| (op.wire_name.as_str(), op))
        .collect();
    let mut comparer = Comparer::new(old, new);
    let mut report = Report {
        service: new.title.clone(),
        new_operations: Vec::new(),
        removed_operations: old_ops
            .keys()
            .filter(|name| !new_ops.contains_key(*name))
            .map(|name| operation_name(name))
            .collect(),
        updated_operations: Vec::new(),
        details: Vec::new(),
    };
    for (name, op) in &new_ops {
        let Some(before) = old_ops.get(name) else {
            let sketch =
                |ty: &Option<String>| ty.as_deref().map(|ty| comparer.new.sketch_named(ty));
            report.new_operations.push(NewOperation {
                name: operation_name(name),
                request: sketch(&op.input),
                response: sketch(&op.output),
            });
            continue;
        };
        let request = comparer.structures(before.input.as_deref(), op.input.as_deref());
        let response = comparer.structures(before.output.as_deref(), op.output.as_deref());
        let mut details = operation_details(before, op);
        for (side, outcome) in [(Side::Request, &request), (Side::Response, &response)] {
            details.extend(outcome.details.iter().map(|(path, kind)| Detail {
                side,
                path: path.clone(),
                kind: kind.clone(),
            }));
        }
        if !details.is_empty() {
            report.details.push(OperationDetails {
                name: operation_name(name),
                details,
            });
        }
        let (
            Outcome {
                changes: request, ..
            },
            Outcome {
                changes: response, ..
            },
        ) = (request, response);
        if !request.is_empty() || !response.is_empty() {
            report.updated_operations.push(UpdatedOperation {
                name: operation_name(name),
                request,
                response,
            });
        }
    }
    report
}

fn operation_name(smithy: &str) -> OperationName {
    OperationName {
        smithy: smithy.to_owned(),
        boto3: boto3::method_name(smithy),
    }
}

/// Documentation, deprecation and error-list changes of the operation itself.
fn operation_details(old: &Operation, new: &Operation) -> Vec<Detail> {
    let at_operation = |kind| Detail {
        side: Side::Operation,
        path: Vec::new(),
        kind,
    };
    let mut details = Vec::new();
    if !same_text(&old.docs, &new.docs) {
        details.push(at_operation(DetailKind::Documentation));
    }
    if old.deprecated.is_some() != new.deprecated.is_some() {
        details.push(at_operation(DetailKind::Deprecated {
            deprecated: new.deprecated.is_some(),
        }));
    }
    let listed = |op: &Operation, code: &str| op.errors.iter().any(|e| e.code == code);
    for error in &new.errors {
        if !listed(old, &error.code) {
            details.push(at_operation(DetailKind::ErrorAdded {
                error: error.code.clone(),
            }));
        }
    }
    for error in &old.errors {
        if !listed(new, &error.code) {
            details.push(at_operation(DetailKind::ErrorRemoved {
                error: error.code.clone(),
            }));
        }
    }
    details
}
