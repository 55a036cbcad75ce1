//! The error type returned by rule-set parsing and endpoint resolution.

use std::fmt;

/// What went wrong while parsing a rule set or resolving an endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum EndpointErrorKind {
    /// The rule-set document is malformed or uses an unsupported feature.
    InvalidRuleSet,
    /// A parameter marked `required` has no value and no default.
    MissingParameter,
    /// A parameter value has the wrong type for its declaration.
    InvalidParameter,
    /// An `error` rule matched; the message is the rule's expanded text.
    RuleError,
    /// No rule matched (the rule set or a tree rule was exhausted).
    NoMatch,
    /// Evaluation failed because the rule set is not well typed
    /// (for example a template references an unset value).
    Evaluation,
}

/// An error from parsing a rule set or resolving an endpoint.
///
/// For an `error` rule ([`EndpointErrorKind::RuleError`]) the `Display`
/// output is exactly the rule's error text after template expansion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EndpointError {
    kind: EndpointErrorKind,
    message: String,
}

impl EndpointError {
    /// Creates an error of the given kind with the given message.
    pub fn new(kind: EndpointErrorKind, message: impl Into<String>) -> Self {
        EndpointError {
            kind,
            message: message.into(),
        }
    }

    /// The category of this error.
    pub fn kind(&self) -> EndpointErrorKind {
        self.kind
    }

    /// The human-readable message (identical to the `Display` output).
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Shorthand for an [`EndpointErrorKind::InvalidRuleSet`] error.
    pub(super) fn invalid(message: impl Into<String>) -> Self {
        Self::new(EndpointErrorKind::InvalidRuleSet, message)
    }

    /// Shorthand for an [`EndpointErrorKind::Evaluation`] error.
    pub(super) fn eval(message: impl Into<String>) -> Self {
        Self::new(EndpointErrorKind::Evaluation, message)
    }
}

impl fmt::Display for EndpointError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for EndpointError {}
