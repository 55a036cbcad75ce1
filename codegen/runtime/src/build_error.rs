//! [`BuildError`]: an operation input that failed client-side validation.

use std::fmt;

/// An input could not be built or sent: a required member is missing, a
/// value is invalid, or the input could not be serialized.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildError {
    shape: &'static str,
    member: Option<&'static str>,
    kind: Kind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Kind {
    MissingField,
    Invalid(String),
}

impl BuildError {
    /// A required member was not set, e.g.
    /// `BuildError::missing_field("ListUsersRequest", "UserPoolId")`.
    pub fn missing_field(shape: &'static str, member: &'static str) -> Self {
        Self {
            shape,
            member: Some(member),
            kind: Kind::MissingField,
        }
    }

    /// A member's value is not acceptable, with a short explanation.
    pub fn invalid_field(
        shape: &'static str,
        member: &'static str,
        reason: impl Into<String>,
    ) -> Self {
        Self {
            shape,
            member: Some(member),
            kind: Kind::Invalid(reason.into()),
        }
    }

    /// The whole input is not acceptable (e.g. it could not be serialized).
    pub fn invalid(shape: &'static str, reason: impl Into<String>) -> Self {
        Self {
            shape,
            member: None,
            kind: Kind::Invalid(reason.into()),
        }
    }

    /// The shape (structure) being built.
    pub fn shape(&self) -> &'static str {
        self.shape
    }

    /// The offending member, if the error concerns one.
    pub fn member(&self) -> Option<&'static str> {
        self.member
    }

    /// Whether this error reports a missing required member.
    pub fn is_missing_field(&self) -> bool {
        self.kind == Kind::MissingField
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.kind, self.member) {
            (Kind::MissingField, Some(member)) => {
                write!(f, "{}: missing required member `{member}`", self.shape)
            }
            (Kind::MissingField, None) => write!(f, "{}: missing required member", self.shape),
            (Kind::Invalid(reason), Some(member)) => {
                write!(f, "{}: invalid member `{member}`: {reason}", self.shape)
            }
            (Kind::Invalid(reason), None) => write!(f, "{}: {reason}", self.shape),
        }
    }
}

impl std::error::Error for BuildError {}

/// The check behind a generated input's `validate()`: `members` pairs each member the model
/// marks required with whether it is set, in model order; the first unset one is the error.
pub fn check_required(
    shape: &'static str,
    members: &[(&'static str, bool)],
) -> Result<(), BuildError> {
    match members.iter().find(|(_, set)| !set) {
        Some((member, _)) => Err(BuildError::missing_field(shape, member)),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display() {
        let e = BuildError::missing_field("ListUsersRequest", "UserPoolId");
        assert_eq!(
            e.to_string(),
            "ListUsersRequest: missing required member `UserPoolId`"
        );
        assert!(e.is_missing_field());
        assert_eq!(
            (e.shape(), e.member()),
            ("ListUsersRequest", Some("UserPoolId"))
        );
        let e = BuildError::invalid_field("ListUsersRequest", "Limit", "must be at most 60");
        assert_eq!(
            e.to_string(),
            "ListUsersRequest: invalid member `Limit`: must be at most 60"
        );
        assert!(!e.is_missing_field());
        let e = BuildError::invalid("ListUsersRequest", "could not serialize");
        assert_eq!(e.to_string(), "ListUsersRequest: could not serialize");
    }

    #[test]
    fn check_required_names_the_first_unset_member() {
        let members = [("UserPoolId", true), ("Username", false), ("Limit", false)];
        let e = check_required("AdminGetUserRequest", &members).unwrap_err();
        assert_eq!(
            (e.shape(), e.member()),
            ("AdminGetUserRequest", Some("Username"))
        );
        assert!(e.is_missing_field());
        assert_eq!(
            check_required("AdminGetUserRequest", &[("UserPoolId", true)]),
            Ok(())
        );
        assert_eq!(check_required("EmptyRequest", &[]), Ok(()));
    }
}
