//! Model input formats: the Smithy JSON AST, the Smithy IDL and botocore's
//! `service-2.json`, detected or chosen, all loaded into the Smithy AST.

use std::fmt;
use std::str::FromStr;

use serde::Deserialize;
use serde::de::IgnoredAny;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::smithy::ast::Model;

/// The format of a model file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Format {
    /// Decide from the top-level keys: `"smithy"` means a Smithy JSON AST, `"metadata"` and
    /// `"operations"` a botocore model.
    #[default]
    Auto,
    /// A Smithy 2.0 (or 1.0) JSON AST.
    Smithy,
    /// A botocore `service-2.json`.
    Botocore,
    /// Smithy IDL (`.smithy`) text.
    Idl,
}

impl FromStr for Format {
    type Err = String;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        match name {
            "auto" => Ok(Format::Auto),
            "smithy" => Ok(Format::Smithy),
            "botocore" => Ok(Format::Botocore),
            "idl" => Ok(Format::Idl),
            other => Err(format!(
                "unknown model format `{other}` (expected auto, smithy, idl or botocore)"
            )),
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Format::Auto => "auto",
            Format::Smithy => "smithy",
            Format::Botocore => "botocore",
            Format::Idl => "idl",
        })
    }
}

/// The top-level keys that tell the formats apart (values are skipped, not kept).
#[derive(Deserialize)]
struct TopLevel {
    smithy: Option<IgnoredAny>,
    metadata: Option<IgnoredAny>,
    operations: Option<IgnoredAny>,
}

/// The format of `text`: [`Format::Smithy`] or [`Format::Botocore`], or an error saying why
/// it is neither.
pub fn detect_format(text: &str) -> Result<Format, Diagnostics> {
    if crate::idl::is_idl(text) {
        return Ok(Format::Idl);
    }
    let top: TopLevel = serde_json::from_str(text)
        .map_err(|error| Diagnostics::one(Diagnostic::at_text(&error, "")))?;
    match top {
        TopLevel {
            smithy: Some(_), ..
        } => Ok(Format::Smithy),
        TopLevel {
            metadata: Some(_),
            operations: Some(_),
            ..
        } => Ok(Format::Botocore),
        _ => Err(Diagnostics::one(Diagnostic::model(
            "cannot tell the model format: a Smithy JSON AST has a top-level \"smithy\" key, \
             a botocore service-2.json has \"metadata\" and \"operations\"",
        ))),
    }
}

/// Parses model text in the given format (detected for [`Format::Auto`]) into the Smithy AST.
/// botocore paginators are added separately, with [`crate::botocore::add_paginators`].
/// When a chosen format fails and the text looks like the other one, the errors start with
/// a hint saying so.
pub fn load_model(text: &str, format: Format) -> Result<Model, Diagnostics> {
    let chosen = match format {
        Format::Auto => detect_format(text)?,
        chosen => chosen,
    };
    let loaded = match chosen {
        Format::Botocore => crate::botocore::parse_service(text),
        Format::Idl => load_files(&[("model.smithy".to_owned(), text.to_owned())]),
        Format::Smithy | Format::Auto => crate::smithy::parse_model(text),
    };
    loaded.map_err(|mut problems| {
        if let Ok(detected) = detect_format(text)
            && detected != chosen
        {
            problems.0.insert(0, Diagnostic::model(format!(
                "the file looks like a {detected} model, not {chosen}: choose format {detected} \
                 (or auto)"
            )));
        }
        problems
    })
}

/// Loads several Smithy files (IDL or JSON AST, each named for errors) into one model:
/// merged with conflicts reported, `apply` statements applied, mixins flattened.
pub fn load_files(files: &[(String, String)]) -> Result<Model, Diagnostics> {
    crate::idl::to_model(&crate::idl::load_files(files)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_by_top_level_keys() {
        assert_eq!(
            detect_format(r#"{"smithy": "2.0", "shapes": {}}"#),
            Ok(Format::Smithy)
        );
        assert_eq!(
            detect_format(r#"{"version": "2.0", "metadata": {}, "operations": {}}"#),
            Ok(Format::Botocore)
        );
        assert!(detect_format(r#"{"metadata": {}}"#).is_err());
        assert_eq!(
            detect_format("// a comment\nnamespace a.b\n"),
            Ok(Format::Idl)
        );
        assert!(detect_format("[1]").is_err());
    }
}
