//! Decisions that span the whole service, made once its types and operations are lowered:
//! which builders the client sends, the service-wide error checks, the error codes the
//! runtime retries, and the example programs.

use crate::config::ServiceConfig;
use crate::diagnostic::Diagnostic;
use crate::ir::{ErrorRef, ExampleFile, Operation, StructRole, TypeDef};

/// Marks the builders the client sends through (inputs that exactly one operation takes,
/// when the service has a client) and names them on their operations.
pub fn link_fluent_builders(types: &mut [TypeDef], operations: &mut [Operation], has_client: bool) {
    for ty in types.iter_mut() {
        let TypeDef::Struct(s) = ty else { continue };
        let Some(builder) = &mut s.builder else {
            continue;
        };
        let mut senders = operations
            .iter_mut()
            .filter(|op| op.input.as_deref() == Some(s.name.as_str()));
        if let (true, Some(op), None) = (has_client, senders.next(), senders.next()) {
            builder.sendable = true;
            op.builder = Some(builder.name.clone());
        }
    }
}

/// Every error the operations may return, once per check method, sorted by method name.
pub fn error_checks(operations: &[Operation]) -> Vec<ErrorRef> {
    let mut errors: Vec<ErrorRef> = operations
        .iter()
        .flat_map(|op| op.errors.iter().cloned())
        .collect();
    errors.sort_by(|a, b| a.method_name.cmp(&b.method_name));
    errors.dedup_by(|a, b| a.method_name == b.method_name);
    errors
}

/// The codes of the error shapes the runtime retries: transient ones (`@retryable` without
/// `throttling`), then throttling ones, each in type order.
pub fn retry_codes(types: &[TypeDef]) -> (Vec<String>, Vec<String>) {
    let mut retryable = Vec::new();
    let mut throttling = Vec::new();
    for ty in types {
        if let TypeDef::Struct(s) = ty
            && let StructRole::Error(info) = &s.role
        {
            if info.throttling {
                throttling.push(s.wire_name.clone());
            } else if info.retryable {
                retryable.push(s.wire_name.clone());
            }
        }
    }
    (retryable, throttling)
}

/// The configured example programs; an error when the configuration names examples that
/// were not read.
pub fn examples(config: &ServiceConfig, service_id: &str) -> Result<Vec<ExampleFile>, Diagnostic> {
    if config.example_files.len() != config.examples.len() {
        return Err(Diagnostic::model(format!(
            "the configuration names examples for {service_id} that were not read (load it \
             with `Config::load`)"
        )));
    }
    Ok(config.example_files.clone())
}
